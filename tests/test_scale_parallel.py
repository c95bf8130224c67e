"""analysis.scale.engine for in-memory corpora: chunks, workers, equal results."""

from __future__ import annotations

import functools
import logging
import sys
import warnings

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.scale import engine
from analysis.sentiment import score_documents_and_sentences, score_sentiment
from analysis.validation_sets import read_validation_set

LEXICONS = ["textblob", "vader"]  # tone (slow to embed) only where it is the subject


@pytest.fixture(scope="module")
def real_docs() -> pd.DataFrame:
    """40 real articles (NFC) and 12 Korean reviews, one language column left to detection."""
    nfc = read_validation_set("nfc", split="all").head(40)
    ko = read_validation_set("nsmc", split="all").head(12)
    return pd.DataFrame(
        {
            "doc_id": [f"nfc-{i}" for i in nfc["item_id"]] + [f"ko-{i}" for i in ko["item_id"]],
            "text": [*nfc["text"].astype(str), *ko["text"].astype(str)],
        }
    )


@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(engine, "KERNEL_PARALLEL_MIN_CHARS", 0)


def _chunk_sizes(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"first": [frame["doc_id"].iloc[0]], "n": [len(frame)]})


def _default_workers_here(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"workers": [engine.default_workers()]})


def _log_and_warn(frame: pd.DataFrame) -> pd.DataFrame:
    logging.getLogger("analysis.test_worker").warning("chunk of %d rows", len(frame))
    warnings.warn(f"worker saw {frame['doc_id'].iloc[0]}", UserWarning, stacklevel=1)
    return frame[["doc_id"]]


def test_split_documents_cuts_contiguous_chunks_of_about_equal_text():
    lengths = (10, 10, 10, 10, 40, 0, 0, 40)
    docs = pd.DataFrame({"doc_id": list("abcdefgh"), "text": ["x" * n for n in lengths]})
    chunks = engine.split_documents(docs, 3)
    assert [c["doc_id"].tolist() for c in chunks] == [["a", "b", "c", "d"], ["e", "f"], ["g", "h"]]
    assert [int(c["text"].str.len().sum()) for c in chunks] == [40, 40, 40]
    assert pd.concat(chunks).equals(docs)
    many = engine.split_documents(docs, 100)
    assert len(many) <= len(docs) and pd.concat(many).equals(docs)
    assert engine.split_documents(docs.iloc[:0], 4) == []
    with pytest.raises(ValueError, match="n_chunks must be >= 1"):
        engine.split_documents(docs, 0)


def test_split_documents_balances_real_articles(real_docs):
    chunks = engine.split_documents(real_docs, 4)
    assert len(chunks) == 4 and pd.concat(chunks).equals(real_docs)
    sizes = [int(c["text"].str.len().sum()) for c in chunks]
    longest = int(real_docs["text"].str.len().max())
    assert max(sizes) - min(sizes) <= 2 * longest


def test_map_documents_runs_small_corpora_in_process(real_docs):
    seen = []

    def func(frame):
        seen.append(frame)
        return frame[["doc_id"]]

    out = engine.map_documents(real_docs, func, n_workers=2, min_chars=10**9)
    assert len(seen) == 1 and seen[0] is real_docs
    assert out["doc_id"].tolist() == real_docs["doc_id"].tolist()


def test_in_a_kernel_only_a_large_corpus_starts_workers(real_docs, monkeypatch):
    import types

    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    assert real_docs["text"].str.len().sum() < engine.KERNEL_PARALLEL_MIN_CHARS
    out = engine.map_documents(real_docs, _chunk_sizes, n_workers=2)
    assert out["n"].tolist() == [len(real_docs)]  # one call, in this process


def test_map_documents_on_workers_keeps_document_order(real_docs, always_parallel):
    out = engine.map_documents(real_docs, _chunk_sizes, n_workers=2)
    assert len(out) == 2 * engine.CHUNKS_PER_WORKER
    assert out["n"].sum() == len(real_docs)
    assert out["first"].iloc[0] == real_docs["doc_id"].iloc[0]
    assert out["first"].is_unique
    workers = engine.map_documents(real_docs, _default_workers_here, n_workers=2)
    assert (workers["workers"] == 1).all()  # a worker never starts a pool of its own


def test_worker_logs_and_warnings_reach_the_parent(real_docs, always_parallel, caplog):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        out = engine.map_documents(real_docs, _log_and_warn, n_workers=2)
    assert out["doc_id"].tolist() == real_docs["doc_id"].tolist()
    messages = [r.getMessage() for r in caplog.records if r.name == "analysis.test_worker"]
    assert len(messages) == 2 * engine.CHUNKS_PER_WORKER
    assert sum(int(m.split()[2]) for m in messages) == len(real_docs)
    assert [str(w.message) for w in caught][0] == f"worker saw {real_docs['doc_id'].iloc[0]}"


def test_concat_outputs_joins_frames_tuples_and_adds_count_attrs():
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [2, 3]})
    a.attrs, b.attrs = {"n_uncoded": 2, "codebook": "kj"}, {"n_uncoded": 3, "codebook": "kj"}
    out = engine.concat_outputs([a, b])
    assert out["x"].tolist() == [1, 2, 3] and out.index.tolist() == [0, 1, 2]
    assert out.attrs == {"n_uncoded": 5, "codebook": "kj"}
    first, second = engine.concat_outputs([(a, b), (b, a)])
    assert first["x"].tolist() == [1, 2, 3] and second["x"].tolist() == [2, 3, 1]


@pytest.mark.parametrize("bad", [0, -1, True])
def test_bad_worker_counts_are_refused(real_docs, bad):
    with pytest.raises(ValueError, match="n_workers must be >= 1"):
        engine.map_documents(real_docs, _chunk_sizes, n_workers=bad)


def test_sentiment_on_two_workers_equals_one_process(real_docs, always_parallel):
    serial = score_sentiment(real_docs, engines=LEXICONS, n_workers=1)
    assert serial["is_scored"].sum() == 40 and (~serial["is_scored"]).sum() == 12
    assert_frame_equal(score_sentiment(real_docs, engines=LEXICONS, n_workers=2), serial)
    documents, sentences = score_documents_and_sentences(real_docs, engines=LEXICONS, n_workers=1)
    pooled = score_documents_and_sentences(real_docs, engines=LEXICONS, n_workers=2)
    assert_frame_equal(pooled[0], documents)
    assert_frame_equal(pooled[1], sentences)
    assert len(sentences) > 800
    assert_frame_equal(documents, serial)


def test_sentiment_on_workers_logs_the_unscored_count_once(real_docs, always_parallel, caplog):
    with caplog.at_level(logging.WARNING, logger="analysis.sentiment"):
        score_sentiment(real_docs, engines=LEXICONS, n_workers=2)
    lines = [r.getMessage() for r in caplog.records if "not scored" in r.getMessage()]
    assert lines == ["12 of 52 documents not scored (no engine covers the language, or no "
                     "text), by language: {'ko': 12}"]  # fmt: skip


def test_tone_with_workers_equals_one_process(real_docs, always_parallel):
    # tone runs in the calling process (its encoder uses every core; it must not run
    # in a forked worker), TextBlob and VADER on the workers: the same tables
    small = pd.concat([real_docs.head(3), real_docs.tail(2)], ignore_index=True)
    small = small.assign(text=small["text"].str.slice(0, 600))  # few sentences to embed
    documents, sentences = score_documents_and_sentences(small, n_workers=1)
    assert documents["tone"].notna().all()  # Korean too
    assert documents["vader_compound"].isna().sum() == 2
    pooled = score_documents_and_sentences(small, n_workers=2)
    assert_frame_equal(pooled[0], documents)
    assert_frame_equal(pooled[1], sentences)
    assert_frame_equal(score_sentiment(small, n_workers=2), documents)


def test_in_a_jupyter_kernel_workers_come_from_a_forkserver(real_docs, always_parallel,
                                                            monkeypatch):  # fmt: skip
    import types

    expected = score_sentiment(real_docs.head(12), engines=LEXICONS, n_workers=1)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    with engine._pool(2) as pool:
        assert pool._mp_context.get_start_method() == "forkserver"
    assert_frame_equal(score_sentiment(real_docs.head(12), engines=LEXICONS, n_workers=2), expected)
    monkeypatch.delitem(sys.modules, "ipykernel")
    with engine._pool(2) as pool:
        assert pool._mp_context.get_start_method() == "fork"


def test_sentiment_with_workers_leaves_its_input_alone(real_docs, always_parallel):
    before = real_docs.copy()
    score_sentiment(real_docs, engines=LEXICONS, n_workers=2)
    assert_frame_equal(real_docs, before)


def test_partial_of_a_measure_pickles_for_the_workers():
    import pickle

    task = functools.partial(score_sentiment, n_workers=1)
    assert pickle.loads(pickle.dumps(task)).func is score_sentiment


def test_duplicate_flags_on_two_workers_equal_one_process(always_parallel):
    from analysis.duplicates import flag_duplicates

    nfc = read_validation_set("nfc", split="all").head(30)
    texts = nfc["text"].astype(str).tolist()
    near = [t[: int(len(t) * 0.95)] for t in texts[:5]]  # wire copies with the tail cut
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts) + 6)],
            "text": [*texts, *near, texts[7].upper()],
        }
    )
    serial = flag_duplicates(docs, n_workers=1)
    assert serial["is_duplicate"].iloc[30:].all() and serial["is_duplicate"].sum() >= 6
    assert_frame_equal(flag_duplicates(docs, n_workers=2), serial)
