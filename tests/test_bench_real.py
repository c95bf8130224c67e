"""bench/real_corpus.py: real benchmark corpora that never repeat a text."""

from __future__ import annotations

import functools
import importlib.util

import pandas as pd
import pytest

from analysis import config
from analysis.lang import detect_language
from analysis.validation_sets import read_validation_set


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(
        name, config.PROJECT_ROOT / "bench" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real():
    return _bench("real_corpus")


@pytest.fixture(scope="module")
def corpora(real):
    return real.compose_real_corpus(seed=14)


@functools.cache
def _distinct_texts(name: str) -> list[str]:
    texts = read_validation_set(name, split="all")["text"].astype(str)
    return list(dict.fromkeys(" ".join(t.split()) for t in texts if t.strip()))


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "nyt_editorial"), ("en", "newsmtsc"), ("ko", "nsmc"), ("ja", "economy_watchers")],
)
def test_every_distinct_text_is_used_exactly_once(corpora, language, name):
    docs = corpora[language]
    composed = docs[docs["set"] == name]
    used = [i for units in composed["units"] for i in units]
    distinct = _distinct_texts(name)
    if name == "newsmtsc":  # minus the texts the NYT set already gave
        nyt = set(_distinct_texts("nyt_editorial"))
        distinct = [t for t in distinct if t not in nyt]
    assert sorted(used) == list(range(len(distinct)))
    assert len(composed) > 40
    low, high = (12, 40) if language == "en" else (8, 30)
    sizes = composed["units"].map(len)
    assert sizes.iloc[:-1].between(low, high).all() and sizes.iloc[-1] <= high


def test_a_composed_document_is_its_units_in_paragraphs(corpora):
    docs = corpora["en"]
    first = docs[docs["set"] == "nyt_editorial"].iloc[0]
    distinct = _distinct_texts("nyt_editorial")
    units = [distinct[i] for i in first["units"]]
    assert first["text"].replace("\n\n", " ") == " ".join(units)
    assert "\n\n" in first["text"]


def test_the_english_corpus_repeats_no_text_and_keeps_the_articles_whole(corpora):
    docs = corpora["en"]
    articles = docs[docs["set"] == "nfc"]
    nfc = read_validation_set("nfc", split="all")
    assert articles["text"].tolist() == nfc["text"].astype(str).tolist()
    assert docs["doc_id"].is_unique and docs["text"].is_unique
    nyt = set(_distinct_texts("nyt_editorial"))
    mtsc = docs[docs["set"] == "newsmtsc"]
    distinct = [t for t in _distinct_texts("newsmtsc") if t not in nyt]
    assert not {distinct[i] for units in mtsc["units"] for i in units} & nyt


@pytest.mark.parametrize("language", ["en", "ko", "ja"])
def test_documents_are_in_their_language(corpora, language):
    docs = corpora[language]
    detected = pd.Series([detect_language(t) for t in docs["text"]])
    assert (detected == language).mean() > 0.97


def test_the_seed_fixes_the_corpus_and_the_files_are_written(real, tmp_path, corpora):
    again = real.compose_real_corpus(seed=14)
    assert again["en"]["text"].tolist() == corpora["en"]["text"].tolist()
    other = real.compose_real_corpus(seed=15)
    assert other["ko"]["text"].tolist() != corpora["ko"]["text"].tolist()
    paths = real.write_real_corpus(tmp_path, seed=14)
    written = pd.read_json(paths["ja"], lines=True, dtype=False)
    assert written["text"].tolist() == corpora["ja"]["text"].tolist()
    assert list(written.columns) == ["doc_id", "text", "outlet", "published"]
