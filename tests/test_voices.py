"""Voices: who is quoted or credited, and each publisher group's share per country."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import voices
from analysis.corpus import load_corpus
from analysis.voices import find_voices, voices_by_country


def _docs(*texts, countries=None):
    countries = countries or ["JP"] * len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "outlet_country": countries,
        }
    )


def test_package_names_are_the_voices_functions():
    assert analysis.find_voices is voices.find_voices
    assert analysis.voices_by_country is voices.voices_by_country


def test_voices_require_columns():
    with pytest.raises(
        ValueError, match=r"^find_voices: missing required column\(s\) 'text'; found 'doc_id'$"
    ):
        find_voices(pd.DataFrame({"doc_id": ["x"]}))
    with pytest.raises(
        ValueError,
        match=r"voices_by_country \(docs\): missing required column\(s\) 'outlet_country'",
    ):
        voices_by_country(find_voices(_docs("Japan said yes.")), pd.DataFrame({"doc_id": ["d0"]}))


def test_seed_article_voices(seed_path):
    """The seed credits Yoon's office, Kishida's office and the Japanese Foreign Ministry."""
    seed = load_corpus(seed_path)
    before = seed.copy()
    voices = find_voices(seed)
    pd.testing.assert_frame_equal(seed, before)
    got = list(zip(voices.sentence_id, voices.actor_id, voices.verb, voices.pattern, strict=True))
    assert got == [
        (1, "tokyo", "denied", "actor_verb"),  # Tokyo denied Seoul's earlier announcement
        (2, "yoon_suk_yeol", "said", "actor_verb"),  # ..., Yoon's office said in a statement.
        (3, "fumio_kishida", "confirmed", "actor_verb"),  # Kishida's office confirmed
        (4, "jp_mofa", "said", "statement"),  # A separate Japanese Foreign Ministry statement said
        (5, "jp_mofa", "said", "it_said"),  # It said the leaders shared ...
        (6, "yoon_suk_yeol", "said", "actor_verb"),  # Yoon's office said the two leaders ...
        (7, "jp_mofa", "said", "actor_verb"),  # The Japanese Foreign Ministry said Kishida ...
        (17, "yoon_suk_yeol", "announced", "actor_verb"),  # the Yoon's government ... announced
        (17, "tokyo", "responded", "actor_verb"),  # Tokyo officials responded
    ]
    assert voices["quote"][2].startswith("Kishida's office confirmed the hotel meeting")
    assert set(voices["country"]) == {"JP", "KR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will act," said Prime Minister Kishida.', [("fumio_kishida", "said", "verb_actor")]),
        ("Kishida said Japan would respond.", [("fumio_kishida", "said", "actor_verb")]),
        (
            "According to the Japanese Foreign Ministry, talks continue.",
            [("jp_mofa", "according to", "according_to")],
        ),
        ("Seoul has repeatedly stressed the point.", [("seoul", "stressed", "actor_verb")]),
        (
            "Prime Minister Lee Nak-yon on Nov. 7 expressed concern.",
            [("lee_nak_yon", "expressed", "actor_verb")],
        ),
        (
            "The U.S. Defense Department expressed concern.",
            [("us_government", "expressed", "actor_verb")],
        ),
        ("Foreign Minister Park Jin told reporters.", [("park_jin", "told", "actor_verb")]),
        (
            "Minister Hayashi also reiterated the position.",
            [("yoshimasa_hayashi", "reiterated", "actor_verb")],
        ),
        ("In light of Japan's claims that trust was lost, talks ended.", []),
        ('President Moon said, "Japan expressed regret."', [("moon_jae_in", "said", "actor_verb")]),
        ("Yoon and Kishida agreed to meet.", []),
        ("The Government of Japan values the measures announced by Seoul.", []),
        ("Japan and South Korea met.", []),
    ],
)
def test_voice_patterns(text, expected):
    voices = find_voices(_docs(text))
    assert list(zip(voices.actor_id, voices.verb, voices.pattern, strict=True)) == expected


def test_it_said_resolves_only_a_single_previous_voice():
    resolved = find_voices(_docs("Japan said the talks went well. It added that more are planned."))
    assert resolved["pattern"].tolist() == ["actor_verb", "it_said"]
    assert resolved["actor_id"].tolist() == ["jp_government", "jp_government"]
    two = find_voices(_docs("Japan said yes, Seoul said no. It said more."))
    assert two["pattern"].tolist() == ["actor_verb", "actor_verb"]
    gap = find_voices(_docs("Japan said yes. Talks ended. It said more."))
    assert gap["pattern"].tolist() == ["actor_verb"]


def test_he_said_resolves_the_single_person_of_the_previous_sentence():
    voices = find_voices(
        _docs('President Moon met aides in Seoul. "We will win," he told them. He also added more.')
    )
    assert list(zip(voices.sentence_id, voices.actor_id, voices.pattern, strict=True)) == [
        (1, "moon_jae_in", "he_said"),
        (2, "moon_jae_in", "he_said"),  # no person mentioned in sentence 1: its voice
    ]
    two = find_voices(_docs("Moon met Abe and Kishida. He said more."))
    assert two.empty
    none = find_voices(_docs("Japan met Korea. He said more."))
    assert none.empty


def test_voices_by_country_shares():
    docs = _docs(
        "Japan said yes. Tokyo said no. Seoul said maybe.",
        "Biden said so.",
        "Nothing.",
        countries=["JP", "JP", "KR"],
    )
    voices = find_voices(docs)
    before_v, before_d = voices.copy(), docs.copy()
    table = voices_by_country(voices, docs)
    pd.testing.assert_frame_equal(voices, before_v)
    pd.testing.assert_frame_equal(docs, before_d)
    # JP publishers: JP 2, KR 1, US 1 voices of 4; the KR publisher credits nobody.
    expected = pd.DataFrame(
        {
            "outlet_country": ["JP", "JP", "JP"],
            "country": ["JP", "KR", "US"],
            "n_voices": [2, 1, 1],
            "n_docs": [1, 1, 1],
            "voice_share": [0.5, 0.25, 0.25],
        }
    )
    pd.testing.assert_frame_equal(table, expected)
