"""analysis.scale.store: chunked reading, validation per chunk, partitioned Parquet."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.corpus import CORPUS_COLUMNS, CorpusError, load_corpus
from analysis.scale import store
from analysis.scale.normalise import normalise_chunk

SAMPLE_JSONL = "korea_japan_official_2018_2024.jsonl"


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory, sample_corpus_path):
    """The sample's official texts written as CSV (the format of a large export)."""
    lines = (sample_corpus_path / SAMPLE_JSONL).read_text(encoding="utf-8").splitlines()
    raw = pd.DataFrame([json.loads(line) for line in lines if line.strip()])
    path = tmp_path_factory.mktemp("csv") / "official.csv"
    raw.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_reader_yields_at_most_chunk_rows(tmp_path, suffix):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(23)], "text": ["t"] * 23})
    path = tmp_path / f"in{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_parquet(path, index=False, row_group_size=7)
    chunks = list(store.iter_chunks(path, chunk_rows=5))
    assert [len(c) for c, _ in chunks] == [5, 5, 5, 5, 3]
    assert [first for _, first in chunks] == [1, 6, 11, 16, 21]
    assert pd.concat([c for c, _ in chunks])["doc_id"].tolist() == frame["doc_id"].tolist()


def test_chunked_csv_ingest_gives_the_rows_of_load_corpus(tmp_path, sample_csv):
    manifest = store.ingest_corpus(
        sample_csv, out=tmp_path / "corpus", chunk_rows=7, progress=False
    )
    assert manifest["n_docs"].max() <= 7
    assert manifest["n_docs"].sum() == 59
    stored = store.read_store(tmp_path / "corpus").sort_values("doc_id", ignore_index=True)
    expected = load_corpus(sample_csv).sort_values("doc_id", ignore_index=True)
    # duplicates are flagged within a chunk only (documented); the sample has none
    assert not expected["is_duplicate"].any()
    columns = [c for c in expected.columns if c != "duplicate_similarity"]
    assert_frame_equal(stored[columns], expected[columns], check_dtype=False)
    assert list(stored.columns[: len(CORPUS_COLUMNS)]) == list(CORPUS_COLUMNS)


def test_partitions_by_year_with_unknown(tmp_path, sample_corpus_path):
    manifest = store.ingest_corpus(
        sample_corpus_path / SAMPLE_JSONL, out=tmp_path / "c", chunk_rows=100, progress=False
    )
    years = dict(zip(manifest["year"], manifest["n_docs"], strict=True))
    docs = load_corpus(sample_corpus_path / SAMPLE_JSONL)
    expected = (
        docs["published"].dt.year.astype("Int64").astype("string").fillna("unknown").value_counts()
    )
    assert years == expected.to_dict()
    assert (tmp_path / "c" / "year=unknown" / "part-00000.parquet").is_file()
    assert (tmp_path / "c" / "_partitions.csv").is_file()


def test_partition_by_chunk_and_list_partitions(tmp_path, sample_csv):
    store.ingest_corpus(
        sample_csv, out=tmp_path / "c", chunk_rows=20, partition_by="chunk", progress=False
    )
    names = [p.name for p in store.list_partitions(tmp_path / "c")]
    assert names == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]


def test_bad_row_in_a_later_chunk_names_the_row_of_the_file(tmp_path):
    rows = [{"doc_id": f"d{i}", "text": "text", "published": "2019-01-01"} for i in range(12)]
    rows[9]["published"] = "2019-02-30"
    path = tmp_path / "bad.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"^bad\.csv: row 10, field 'published': impossible date"):
        store.ingest_corpus(path, out=tmp_path / "c", chunk_rows=4, progress=False)
    assert not (tmp_path / "c").exists()


def test_duplicate_id_across_chunks(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps({"id": i % 5, "text": "x"}) + "\n" for i in range(6)))
    with pytest.raises(
        CorpusError,
        match=r"dup\.jsonl: row 6, field 'doc_id': duplicate id '0' \(first at dup\.jsonl row 1\)",
    ):
        store.ingest_corpus(path, out=tmp_path / "c", chunk_rows=4, progress=False)


def test_failed_ingest_keeps_previous_store(tmp_path, sample_csv):
    out = tmp_path / "c"
    store.ingest_corpus(sample_csv, out=out, chunk_rows=100, progress=False)
    before = store.read_store(out)
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,text\na,fine\nb,\n")
    with pytest.raises(CorpusError, match="row 2, field 'text'"):
        store.ingest_corpus(bad, out=out, chunk_rows=1, progress=False)
    assert_frame_equal(store.read_store(out), before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "c"]  # no staging left


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.txt", "a", r"unsupported file type '\.txt'"),
        ("x.csv", "doc_id,title\na,b\n", r"x\.csv: field 'text': missing required column"),
    ],
)
def test_bad_inputs_are_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as info:
        store.ingest_corpus(path, out=tmp_path / "c", progress=False)
    assert "\n" not in str(info.value)


def test_options_are_validated(tmp_path, sample_csv):
    with pytest.raises(ValueError, match=r"partition_by 'month'; valid: \['year', 'chunk'\]"):
        store.ingest_corpus(sample_csv, out=tmp_path / "c", partition_by="month")
    with pytest.raises(ValueError, match="chunk_rows must be >= 1"):
        list(store.iter_chunks(sample_csv, chunk_rows=0))
    with pytest.raises(FileNotFoundError):
        store.ingest_corpus(tmp_path / "missing.csv", out=tmp_path / "c")


def test_normalise_chunk_does_not_mutate_input():
    raw = pd.DataFrame({"id": ["a", "b"], "text": ["one\r\ntwo", "three"]})
    before = raw.copy()
    seen: dict[str, str] = {}
    out = normalise_chunk(raw, source="in.csv", first_row=1, seen=seen)
    assert_frame_equal(raw, before)
    assert out["text"].tolist() == ["one\ntwo", "three"]
    assert seen == {"a": "in.csv row 1", "b": "in.csv row 2"}
