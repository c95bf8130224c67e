"""``scale run`` gives the package's own tables: one implementation per measure.

The corpus is real text: sample-corpus and Narrative Frames articles as
published and hard-wrapped at 60 columns (wrapping is where a second
implementation of the split used to differ), Korean NSMC reviews and Japanese
Economy Watchers comments composed
into documents. It goes through ``ingest_corpus`` and ``run_analysis`` on two
workers; every scorer's stored result must equal the package function on the
stored documents.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.actors import count_actor_mentions
from analysis.corpus import load_corpus
from analysis.framing import code_frames
from analysis.scale import engine, scorers
from analysis.scale.pipeline import load_results, run_analysis
from analysis.scale.store import ingest_corpus, read_store
from analysis.sentiment import score_sentiment
from analysis.terms import count_terms_by_document
from analysis.validation_sets import read_validation_set


def _wrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, width=60) for p in text.split("\n") if p.strip())


def _composed(texts: list[str], size: int, sep: str) -> list[str]:
    return [sep.join(texts[i : i + size]) for i in range(0, len(texts), size)]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    sample = load_corpus()["text"].head(8).astype(str).tolist()  # contested terms, actors
    nfc = read_validation_set("nfc", split="all").head(8)["text"].astype(str).tolist()
    english = [*sample, *nfc]
    ko = read_validation_set("nsmc", split="all").head(20)["text"].astype(str).tolist()
    ja = read_validation_set("economy_watchers", split="all").head(20)["text"].astype(str)
    texts = {
        **{f"en-{i}": t for i, t in enumerate(english)},
        **{f"wrap-{i}": _wrapped(t) for i, t in enumerate(english[::2])},
        **{f"ko-{i}": t for i, t in enumerate(_composed(ko, 5, " "))},
        **{f"ja-{i}": t for i, t in enumerate(_composed(ja.tolist(), 5, ""))},
    }
    folder = tmp_path_factory.mktemp("scale")
    pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}).to_csv(
        folder / "corpus.csv", index=False
    )
    ingest_corpus(
        folder / "corpus.csv", out=folder / "store", partition_by="chunk", chunk_rows=20,
        progress=False,
    )  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def results(stored):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
        manifest = run_analysis(
            stored / "store", n_workers=2, cache_dir=stored / "cache", progress=False
        )
    docs = read_store(stored / "store")
    return docs, {name: load_results(manifest, name) for name in scorers.SCORERS}


def _same(got: pd.DataFrame, expected: pd.DataFrame, key: list[str]) -> None:
    def order(t: pd.DataFrame) -> pd.DataFrame:
        return t.astype({"doc_id": str}).sort_values(key, kind="stable").reset_index(drop=True)

    assert_frame_equal(order(got), order(expected), check_dtype=False)


def test_the_corpus_is_what_the_test_says(results):
    docs, _ = results
    assert len(docs) == 16 + 8 + 4 + 4
    wrapped = docs.loc[docs["doc_id"] == "wrap-0", "text"].iloc[0]
    assert max(len(line) for line in wrapped.split("\n")) <= 60
    assert set(docs["language"]) >= {"en", "ko", "ja"}


def test_scale_frames_are_code_frames(results):
    docs, tables = results
    expected = code_frames(docs, "kj_frames")
    assert expected["n_matches"].sum() > 20
    wrapped = expected[expected["doc_id"].str.startswith("wrap-")]
    plain = expected[expected["doc_id"].isin([f"en-{i}" for i in range(0, 16, 2)])]
    assert wrapped["n_matches"].sum() == plain["n_matches"].sum()  # wrapping changes nothing
    _same(tables["frames"], expected, ["doc_id", "frame"])


def test_scale_terms_and_actors_are_the_package_counts(results):
    docs, tables = results
    terms = count_terms_by_document(docs, "contested_terms")
    actors = count_actor_mentions(docs)
    assert len(terms) > 0 and len(actors) > 0
    _same(tables["terms"], terms, ["doc_id", "referent", "variant", "side"])
    _same(tables["actors"], actors, ["doc_id", "actor_id"])


def test_scale_sentiment_is_score_sentiment_with_the_lexicons(results):
    docs, tables = results
    expected = score_sentiment(docs, engines=["textblob", "vader"], n_workers=1)
    assert expected["is_scored"].sum() == 24  # the English articles, wrapped or not
    _same(tables["sentiment"], expected, ["doc_id"])
