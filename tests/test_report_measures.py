"""analysis.report.measures: a report computes only the engine its tone measure needs."""

from __future__ import annotations

import pytest

from analysis import config
from analysis.corpus import load_corpus
from analysis.report.measures import ENGINE, LABEL, score_for_report


@pytest.fixture(scope="module")
def docs():
    return load_corpus(config.SAMPLE_CORPUS, exclude_duplicates=True).head(4)


def test_only_the_engine_of_the_measure_is_computed(docs):
    before = docs.copy()
    documents, sentences = score_for_report(docs, measure="vader_compound")
    assert "vader_compound" in documents.columns and "vader_compound" in sentences.columns
    assert "tone" not in documents.columns and "textblob_polarity" not in documents.columns
    assert documents["doc_id"].tolist() == docs["doc_id"].tolist()
    assert docs.equals(before)


def test_extra_engines_and_bad_measure(docs):
    documents, _ = score_for_report(docs, measure="textblob_subjectivity", engines=["vader"])
    assert {"textblob_subjectivity", "vader_compound"} <= set(documents.columns)
    assert "tone" not in documents.columns
    with pytest.raises(ValueError, match="measure"):
        score_for_report(docs, measure="Tone")
    assert set(ENGINE) == set(LABEL)
