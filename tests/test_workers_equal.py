"""--workers on frames and terms: chunked on worker processes, the same table as one process."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.cli import main
from analysis.framing import code_frames
from analysis.scale import engine
from analysis.terms import count_terms_by_document
from analysis.validation_sets import read_validation_set


@pytest.fixture(scope="module")
def real_docs() -> pd.DataFrame:
    """Real articles (NFC, hard-wrapped copies too), Korean reviews and Japanese comments."""
    nfc = read_validation_set("nfc", split="all").head(40)
    ko = read_validation_set("nsmc", split="all").head(12)
    ja = read_validation_set("economy_watchers", split="all").head(12)
    wrapped = nfc["text"].astype(str).head(8).str.replace(". ", ".\n", regex=False)
    texts = [*nfc["text"].astype(str), *wrapped, *ko["text"].astype(str), *ja["text"].astype(str)]
    return pd.DataFrame(
        {
            "doc_id": [f"d{i:03d}" for i in range(len(texts))],
            "text": texts,
            "title": ["Japan and Korea agree on export controls"] * len(texts),
        }
    )


@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(engine, "KERNEL_PARALLEL_MIN_CHARS", 0)


def _assert_same(one: pd.DataFrame, two: pd.DataFrame) -> None:
    assert_frame_equal(one, two)
    assert one.attrs == two.attrs


def test_code_frames_on_two_workers_equals_one_process(real_docs, always_parallel):
    before = real_docs.copy()
    one = code_frames(real_docs, "kj_frames", n_workers=1)
    two = code_frames(real_docs, "kj_frames", n_workers=2)
    _assert_same(one, two)
    assert one["n_matches"].sum() > 50  # real matches, not an empty table
    _assert_same(code_frames(real_docs, "kj_frames", decision="any", n_workers=1),
                 code_frames(real_docs, "kj_frames", decision="any", n_workers=2))  # fmt: skip
    assert_frame_equal(real_docs, before)


def test_count_terms_on_two_workers_equals_one_process(real_docs, always_parallel):
    docs = pd.concat(
        [real_docs, pd.DataFrame({"doc_id": ["t1", "t2"], "title": "",
                                  "text": ["Dokdo, which Japan calls Takeshima, was named.",
                                           "独島 and the Sea of Japan (East Sea) again."]})],
        ignore_index=True,
    )  # fmt: skip
    one = count_terms_by_document(docs, n_workers=1)
    two = count_terms_by_document(docs, n_workers=2)
    _assert_same(one, two)
    assert {"t1", "t2"} <= set(one["doc_id"])


def test_repeated_doc_ids_stay_in_one_process(real_docs, always_parallel, monkeypatch):
    docs = pd.concat([real_docs.head(3), real_docs.head(3)], ignore_index=True)
    one = code_frames(docs, "kj_frames", n_workers=1), count_terms_by_document(docs, n_workers=1)

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(engine, "map_frames", no_pool)
    _assert_same(code_frames(docs, "kj_frames", n_workers=2), one[0])
    _assert_same(count_terms_by_document(docs, n_workers=2), one[1])


def test_commands_take_workers_and_give_the_same_file(real_docs, tmp_path, always_parallel):
    source = tmp_path / "docs.jsonl"
    real_docs[["doc_id", "text"]].to_json(source, orient="records", lines=True)
    for command in ("frames", "terms"):
        outs = []
        for n in ("1", "2"):
            out = tmp_path / f"{command}_{n}.csv"
            assert main([command, str(source), "--out", str(out), "--workers", n]) == 0
            outs.append(out.read_bytes())
        assert outs[0] == outs[1]


def test_bad_workers_is_one_line_exit_2(real_docs, tmp_path, capsys):
    source = tmp_path / "docs.jsonl"
    real_docs[["doc_id", "text"]].head(3).to_json(source, orient="records", lines=True)
    out = tmp_path / "x.csv"
    assert main(["frames", str(source), "--out", str(out), "--workers", "0"]) == 2
    assert capsys.readouterr().err.startswith("error: n_workers must be >= 1")
    assert not out.exists()


def test_ingest_chunks_flag_duplicates_in_their_own_process(real_docs, tmp_path, monkeypatch):
    from analysis.scale import ingest_corpus, read_store

    source = tmp_path / "docs.jsonl"
    real_docs[["doc_id", "text"]].to_json(source, orient="records", lines=True)
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)  # a chunk would start its own pool
    two = ingest_corpus(source, out=tmp_path / "two", chunk_rows=30, partition_by="chunk",
                        n_workers=2, progress=False)  # fmt: skip

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(engine, "map_frames", no_pool)
    one = ingest_corpus(source, out=tmp_path / "one", chunk_rows=30, partition_by="chunk",
                        n_workers=1, progress=False)  # fmt: skip
    assert one["n_docs"].tolist() == two["n_docs"].tolist()
    assert_frame_equal(read_store(tmp_path / "one"), read_store(tmp_path / "two"))
