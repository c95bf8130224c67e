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


# ---------------------------------------------------------------- Korean and Japanese
# Real sentences (short quotations; source beside each) and the voice each credits.

KO_JA_VOICES = [
    (
        # Seoul Economic Daily, 2023-03-16 (m.sedaily.com/NewsViewAmp/29N1T1KSEZ)
        "윤석열 대통령이 16일 “한국과 일본은 자유와 인권, 법치라는 보편적 가치를 공유하고 안보와 "
        "경제라는 글로벌어젠다에서 공동 이익을 추구하는 가장 가까운 이웃이자 협력해야 할 "
        "파트너”라고 밝혔다.",
        [("yoon_suk_yeol", "밝혔", "ko_subject")],
    ),
    (
        # Asia Today via newspic.kr, 2023-11-18
        '기시다 총리는 "윤 대통령과 저에게 오늘이 빅데이(big-day)"라며 "올해 초까지 일·한 관계는 '
        '매우 어려운 상황이었기 때문에 이렇게 윤 대통령과 나란히 이야기하니 감회가 깊다"고 말했다.',
        [("fumio_kishida", "말했", "ko_subject")],
    ),
    (
        # dailynews.jp, 2024-09-06
        "기시다 총리도 “크게 도약한 양국 관계의 과실을 국민들이 실감할 수 있도록 해야 한다”며, "
        "“내년 국교 정상화 60주년을 맞아 한일 관계가 더 발전할 수 있도록 협력하겠다”고 화답했다.",
        [("fumio_kishida", "화답했", "ko_subject")],
    ),
    (
        # Yomiuri Shimbun, 2023-03-16 (copy at makunouchibento.com/archives/120496)
        "尹氏は「韓国と日本は普遍的価値を共有し、共通の利益を追求する最も近しい隣国であり、"
        "協力しあうべきパートナーだ」と応じた。",
        [("yoon_suk_yeol", "応じ", "ja_subject")],
    ),
    (
        # Yonhap's Japanese service, 2023-05-07 (news.goo.ne.jp/article/yonhap/world/...)
        "尹大統領は全体会合で、「韓日関係の本格的な改善が鮮明に表れている」として、"
        "「過去に両国関係が良好だった時代を越え、より良好な時代をつくらなければならないという"
        "責任感を感じている」と述べた。",
        [("yoon_suk_yeol", "述べ", "ja_subject")],
    ),
    (
        # Mainichi Shimbun, 2024-05-26 (mainichi.jp/articles/20240526/k00/00m/030/148000c)
        "尹氏は会談冒頭で、日韓国交正常化60周年となる2025年に向け「韓日関係を一層高みに引き上げる"
        "ことができる歴史的な転機を作れるよう準備したい」と強調。",
        [("yoon_suk_yeol", "強調", "ja_subject")],
    ),
    (
        # Yomiuri, 2023-03-16 (as above): the PM is named only by title, and 尹大統領 is quoted
        "首相は会談後の共同記者会見で「尹大統領の訪日は日韓関係の正常化にとって大きな一歩となる。"
        "信頼と友情が育まれ、日韓関係が大いに飛躍することを期待している」と述べた。",
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), KO_JA_VOICES)
def test_korean_and_japanese_voices_of_real_sentences(text, expected):
    voices = find_voices(_docs(text))
    assert list(zip(voices.actor_id, voices.verb, voices.pattern, strict=True)) == expected


def test_according_to_in_korean_and_japanese():
    # constructed
    ko = find_voices(_docs("외교부에 따르면 양국은 회담을 열기로 했다."))
    ja = find_voices(_docs("外務省によると、両国は会談を開くことで合意した。"))
    assert ko[["actor_id", "pattern"]].values.tolist() == [["kr_mofa", "according_to"]]
    assert ja[["actor_id", "pattern"]].values.tolist() == [["jp_mofa", "according_to"]]


def test_he_said_resolves_across_more_than_one_sentence():
    """Cheong Wa Dae, 2019-07-15 (sample: cheongwadae-2019-07-15-moon-warns-japan-export-
    restrictions): "He also asked" three sentences after "President Moon also urged", with
    no other person named in between."""
    from analysis.corpus import load_corpus

    docs = load_corpus()
    doc = docs[docs["doc_id"] == "cheongwadae-2019-07-15-moon-warns-japan-export-restrictions"]
    voices = find_voices(doc)
    carried = voices[voices["quote"].str.startswith("He also asked for the support")]
    assert carried[["actor_id", "pattern"]].values.tolist() == [["moon_jae_in", "he_said"]]


def test_he_said_stays_unresolved_when_ambiguous_or_out_of_reach():
    # constructed: another person in between, or more than MAX_CARRY sentences back
    two = find_voices(_docs("Kishida spoke. Yoon listened. Talks ended. He said more."))
    assert "he_said" not in set(two["pattern"])
    far = find_voices(
        _docs("Kishida spoke. Talks began. Lunch followed. Nothing was agreed. He said more.")
    )
    assert "he_said" not in set(far["pattern"])
    near = find_voices(_docs("Kishida spoke to reporters. Talks ended. He said more."))
    assert near[near["pattern"] == "he_said"]["actor_id"].tolist() == ["fumio_kishida"]
    ko = find_voices(_docs("기시다 총리가 왔다. 회담이 시작됐다. 그는 협력하겠다고 말했다."))
    assert ko[ko["pattern"] == "he_said"]["actor_id"].tolist() == ["fumio_kishida"]
