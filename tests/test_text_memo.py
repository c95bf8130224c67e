"""analysis.text: a document is split once per process, whichever measures ask."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import text
from analysis.lang import document_sentences
from analysis.sentiment import score_sentiment
from analysis.validation_sets import read_validation_set


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    nfc = read_validation_set("nfc", split="all").head(8)
    ko = read_validation_set("nsmc", split="all").head(3)
    ja = read_validation_set("economy_watchers", split="all").head(3)
    texts = [*nfc["text"], " ".join(ko["text"]), " ".join(ja["text"])]
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": texts,
            "language": pd.array(["en"] * 8 + [None, "ja"], dtype="string"),
        }
    )


@pytest.fixture
def counted(monkeypatch):
    """Count the documents that are really split (the memo emptied first)."""
    calls: list[str] = []

    def counting(value, *, language=None):
        calls.append(value)
        return document_sentences(value, language=language)

    text._split.cache_clear()
    monkeypatch.setattr(text, "document_sentences", counting)
    yield calls
    text._split.cache_clear()


def test_the_remembered_split_is_the_language_layers(docs):
    for value, language in zip(docs["text"], docs["language"], strict=True):
        declared = None if pd.isna(language) else language
        assert list(text.document_split(value, language=declared)) == document_sentences(
            value, language=declared
        )
        assert list(text.document_split(value)) == document_sentences(value)
    assert text.document_split("") == () and text.document_split(None) == ()


def test_measures_on_one_corpus_split_each_document_once(docs, counted):
    first = text.sentence_table(docs)
    again = text.sentence_table(docs)
    score_sentiment(docs[docs["language"] == "en"], n_workers=1)
    text.sentence_table(docs[["doc_id", "text"]])  # no language column: detected, same split
    assert sorted(counted) == sorted(docs["text"])
    pd.testing.assert_frame_equal(first, again)


def test_declared_language_is_part_of_the_key(docs, counted):
    value = docs["text"].iloc[0]
    text.document_split(value, language="en")
    text.document_split(value, language=" EN ")
    text.document_split(value, language="ko")
    assert len(counted) == 2


def test_the_memo_is_bounded():
    assert text._split.cache_info().maxsize == text.SPLIT_MEMO_SIZE
