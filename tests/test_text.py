"""Known-answer and property tests for analysis.text (sentences, tokens, normalisation)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.text import normalize_text, sentence_spans, sentence_table, split_sentences, tokenize

SEED = config.SAMPLE_DIR / "business-standard-2022-09-22-yoon-kishida.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korea\u2019s \u201cfuture\u201d", 'Korea\'s "future"'),
        ("  a\t\tb\n\nc\u00a0d  ", "a b c d"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("Yoon\u2013Kishida", "Yoon\u2013Kishida"),  # dashes untouched
        ("", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_seed_page_dump_sentences():
    """The raw seed page: headline, standfirst, captions and byline are their own sentences."""
    text = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert len(sentences) == 31
    assert sentences[0] == "Business Standard"
    assert sentences[1] == (
        "Leaders of South Korea, Japan agree to work towards improving partnerships"
    )
    assert sentences[2].endswith("first summit talks in nearly three years")  # no full stop
    assert sentences[6] == "AP Seoul (South Korea)"
    assert sentences[7].endswith("both governments announced Thursday.")
    assert sentences[10] == "Kishida's office confirmed the hotel meeting."
    assert sentences[25].endswith("South Korea-Japan-China summit.")
    assert sentences[29] == "First Published: Sep 22 2022 | 10:13 AM IST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # run-together sentences from the real sample
        (
            "the two sides agreed.The talks resumed.",
            ["the two sides agreed.", "The talks resumed."],
        ),
        (
            "suspended for 12 years.President Yoon Suk Yeol said so.",
            ["suspended for 12 years.", "President Yoon Suk Yeol said so."],
        ),
        # abbreviations do not end sentences
        (
            "At 1 p.m. on May 9, Mr. Abe met H.E. Mr. Moon Jae-in. They talked.",
            ["At 1 p.m. on May 9, Mr. Abe met H.E. Mr. Moon Jae-in.", "They talked."],
        ),
        (
            "The U.S. side read No. 5 aloud. Japan agreed.",
            ["The U.S. side read No. 5 aloud.", "Japan agreed."],
        ),
        # numbered lists keep their marker
        (
            "The overview is as follows.\n\n  1. Abe welcomed Moon. He spoke.\n  2. They agreed.",
            [
                "The overview is as follows.",
                "1. Abe welcomed Moon.",
                "He spoke.",
                "2. They agreed.",
            ],
        ),
        # headlines and captions without full stops
        (
            "Leaders agree to mend ties\n\n"
            "South Korea\u2019s President Yoon (Photo: AP)\nThe talks began.",
            [
                "Leaders agree to mend ties",
                "South Korea\u2019s President Yoon (Photo: AP)",
                "The talks began.",
            ],
        ),
        # curly apostrophes do not split
        (
            "Korea\u2019s view wasn\u2019t shared. Japan\u2019s was.",
            ["Korea\u2019s view wasn\u2019t shared.", "Japan\u2019s was."],
        ),
        # hard-wrapped prose is joined
        (
            "The leaders agreed to\nmeet again. Fine.",
            ["The leaders agreed to\nmeet again.", "Fine."],
        ),
        ("", []),
        ("   \n\n ", []),
    ],
)
def test_split_sentences_known_answers(text, expected):
    assert split_sentences(text) == expected


def test_split_sentences_missing_text():
    assert split_sentences(None) == []
    assert split_sentences(float("nan")) == []


def test_sentence_table_offsets_and_schema():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["One. Two!", None, "Headline\nBody here."],
            "x": [1, 2, 3],
        }
    )
    before = docs.copy()
    table = sentence_table(docs)
    pd.testing.assert_frame_equal(docs, before)  # input not mutated
    expected = pd.DataFrame(
        {
            "doc_id": ["a", "a", "c", "c"],
            "sentence_id": [0, 1, 0, 1],
            "sentence": ["One.", "Two!", "Headline", "Body here."],
            "start": [0, 5, 0, 9],
            "end": [4, 9, 8, 19],
            "language": ["en", "en", "en", "en"],
        }
    )
    expected["doc_id"] = expected["doc_id"].astype(docs["doc_id"].dtype)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert table["sentence_id"].dtype == "int64"
    assert list(table.columns) == ["doc_id", "sentence_id", "sentence", "start", "end", "language"]


def test_sentence_table_requires_columns():
    with pytest.raises(
        ValueError, match=r"^sentence_table: missing required column\(s\) 'text'; found 'doc_id'$"
    ):
        sentence_table(pd.DataFrame({"doc_id": ["a"]}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Yoon-Kishida meeting", ["the", "yoon-kishida", "meeting"]),
        ("Japan\u2019s and the countries' view", ["japan", "and", "the", "countries", "view"]),
        ("It wasn't clear.", ["it", "wasn't", "clear"]),
        ("Kono inSingapore onJune 14", ["kono", "in", "singapore", "on", "june", "14"]),
        ("agreed.The talks", ["agreed", "the", "talks"]),
        ("The U.S. side, 1910-45.", ["the", "u.s.", "side", "1910-45"]),
        (
            "Korean\ud55c\uc77c\uad00\uacc4; iPhone",
            ["korean", "\ud55c\uc77c\uad00\uacc4", "iphone"],
        ),
        ("--- !!! ...", []),
        (None, []),
    ],
)
def test_tokenize_known_answers(text, expected):
    assert tokenize(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_split_sentences_property_substrings_in_order(text):
    spans = sentence_spans(text)
    sentences = split_sentences(text)
    assert sentences == [text[s:e] for s, e in spans]
    previous_end = 0
    for (start, end), sentence in zip(spans, sentences, strict=True):
        assert start >= previous_end and end > start
        assert sentence == sentence.strip() and sentence
        previous_end = end


_PROSE = st.lists(
    st.sampled_from(
        [
            "Mr.",
            "U.S.",
            "p.m.",
            "1.",
            "agreed.The",
            "Korea\u2019s",
            "(Photo: AP)",
            "\n",
            "\n\n",
            "No. 5",
            "!",
            "?",
            "\u201cyes.\u201d",
            "\ud55c\uad6d",
            "word",
            "Word",
            " ",
            ".",
            "e.g.",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_PROSE, st.text(alphabet=st.characters(codec="utf-8"), max_size=200)))
def test_split_sentences_property_prose_like(text):
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0
        position = found + len(sentence)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_PROSE, st.text(max_size=300)))
def test_tokenize_property(text):
    tokens = tokenize(text)
    assert all(isinstance(t, str) and t and t == t.lower() for t in tokens)
    assert all(not any(ch.isspace() for ch in t) for t in tokens)


@pytest.mark.parametrize(
    ("unit", "copies", "expected"),
    [
        ("The talks ended. ", 3_000, 3_000),  # 51,000 characters on one line
        ("\u201cYes,\u201d he said. Mr. Abe agreed. ", 1_500, 3_000),  # quotes, abbreviations
    ],
)
def test_very_long_line_is_split_stretch_by_stretch(unit, copies, expected):
    text = unit * copies
    sentences = split_sentences(text)
    assert len(sentences) == expected
    assert set(sentences) == set(split_sentences(unit))


def test_very_long_line_without_sentence_ends():
    plain = "word " * 10_000  # no punctuation at all: one sentence
    assert sentence_spans(plain) == [(0, len(plain) - 1)]
    dotted = "the U.S. side " * 4_000  # abbreviations only: still one sentence, in linear time
    assert sentence_spans(dotted) == [(0, len(dotted) - 1)]
