"""analysis.scale.sentences: distinct-sentence fast paths equal the package functions."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.actors import count_actor_mentions
from analysis.corpus import load_corpus
from analysis.framing import code_frames
from analysis.scale import sentences
from analysis.terms import count_terms_by_document


@pytest.fixture(scope="module")
def sample():
    return load_corpus()


@pytest.fixture(scope="module")
def repeated(sample):
    """Sample documents plus wire copies under new ids and a document made of repeated lines."""
    copies = sample.head(10).assign(doc_id=sample["doc_id"].head(10) + "#copy")
    lines = sample["text"].iloc[0].split("\n")[:3]
    extra = pd.DataFrame({"doc_id": ["mixed"], "text": ["\n".join(lines + lines)]})
    return pd.concat(
        [sample[["doc_id", "text"]], copies[["doc_id", "text"]], extra], ignore_index=True
    )


def test_frames_equal_code_frames(sample, repeated):
    for docs in (sample, repeated):
        expected = code_frames(docs, "kj_frames")
        assert expected["n_matches"].sum() > 0
        assert_frame_equal(sentences.code_frames_by_sentence(docs), expected, check_dtype=False)


def test_uncovered_languages_left_out_and_korean_coded_as_in_the_package(sample):
    other = pd.DataFrame(
        {
            "doc_id": ["ko-1", "zh-1"],
            "text": ["한일 정상회담 Japan summit", "中日首脑会谈 Japan summit"],
            "language": ["ko", "zh"],
        }
    )
    docs = pd.concat([sample[["doc_id", "text", "language"]].head(5), other], ignore_index=True)
    frames = sentences.code_frames_by_sentence(docs)
    assert "ko-1" in set(frames["doc_id"]) and "zh-1" not in set(frames["doc_id"])
    assert_frame_equal(frames, code_frames(docs, "kj_frames"), check_dtype=False)
    terms = sentences.count_terms_by_sentence(docs)
    assert "ko-1" in set(terms["doc_id"]) and "zh-1" not in set(terms["doc_id"])


def test_actor_counts_equal_count_actor_mentions(sample, repeated):
    for docs in (sample, repeated):
        expected = count_actor_mentions(docs)
        assert len(expected) > 0
        got = sentences.count_actor_mentions_by_sentence(docs)
        assert_frame_equal(got, expected, check_dtype=False)


def test_term_counts_equal_grouped_count_terms_by_document(repeated):
    expected = count_terms_by_document(repeated, "contested_terms")
    assert len(expected) > 0
    got = sentences.count_terms_by_sentence(repeated)
    assert_frame_equal(got, expected, check_dtype=False)


def test_known_answer_and_repeated_sentence_counted_at_each_occurrence():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [
                "Prime Minister Kishida spoke.\nPrime Minister Kishida spoke.",
                "Nothing here.",
            ],
        }
    )
    before = docs.copy()
    occurrences, uniques = sentences.sentence_occurrences(docs)
    assert uniques == ["Prime Minister Kishida spoke.", "Nothing here."]
    assert occurrences["key"].tolist() == [0, 0, 1]
    assert occurrences["start"].tolist() == [0, 30, 0]
    counts = sentences.count_actor_mentions_by_sentence(docs)
    kishida = counts[counts["doc_id"] == "a"]
    assert kishida["n_mentions"].sum() == 2 and "b" not in set(counts["doc_id"])
    assert_frame_equal(docs, before)


def test_missing_columns_named():
    with pytest.raises(ValueError, match=r"missing required column\(s\) \['text'\]"):
        sentences.sentence_occurrences(pd.DataFrame({"doc_id": ["a"]}))
