"""analysis.scale.pipeline: per-partition scoring, cached by content hash (counted, not timed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.scale import pipeline, scorers
from analysis.scale.pipeline import apply_scorer, load_results, run_analysis, score_partition
from analysis.scale.scorers import Scorer, get_scorers

CALLS: list[tuple[str, tuple[str, ...]]] = []


def _count_a(docs: pd.DataFrame) -> pd.DataFrame:
    CALLS.append(("a", tuple(docs["doc_id"])))
    return pd.DataFrame(
        {"doc_id": docs["doc_id"].tolist(), "n_chars": docs["text"].str.len().tolist()}
    )


def _count_b(docs: pd.DataFrame) -> pd.DataFrame:
    CALLS.append(("b", tuple(docs["doc_id"])))
    return pd.DataFrame(
        {"doc_id": docs["doc_id"].tolist(), "n_words": docs["text"].str.split().str.len().tolist()}
    )


@pytest.fixture()
def counting(tmp_path, monkeypatch):
    """Two counting scorers reading one codebook each, and a store of three partitions."""
    book_a, book_b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    book_a.write_text("terms: [x]\n")
    book_b.write_text("terms: [y]\n")
    monkeypatch.setitem(scorers.SCORERS, "a", Scorer(_count_a, codebooks=(book_a,), modules=()))
    monkeypatch.setitem(scorers.SCORERS, "b", Scorer(_count_b, codebooks=(book_b,), modules=()))
    store = tmp_path / "store"
    store.mkdir()
    for k in range(3):
        frame = pd.DataFrame(
            {"doc_id": [f"d{k}0", f"d{k}1"], "text": [f"one two {k}", f"three {k}"]}
        )
        frame.to_parquet(store / f"part-{k:05d}.parquet", index=False)
    CALLS.clear()
    return {"store": store, "cache": tmp_path / "cache", "book_a": book_a}


def _run(ctx, names=("a", "b")) -> pd.DataFrame:
    return run_analysis(
        ctx["store"], scorers=names, n_workers=1, cache_dir=ctx["cache"], progress=False
    )


def test_rerun_rescored_nothing(counting):
    first = _run(counting)
    assert len(CALLS) == 6  # 3 partitions x 2 scorers
    assert not first["is_cached"].any()
    CALLS.clear()
    second = _run(counting)
    assert CALLS == []
    assert second["is_cached"].all()
    assert_frame_equal(load_results(first, "a"), load_results(second, "a"))


def test_editing_one_codebook_rescores_only_its_scorer(counting):
    _run(counting)
    CALLS.clear()
    counting["book_a"].write_text("terms: [x, z]\n")
    manifest = _run(counting)
    assert sorted({name for name, _ in CALLS}) == ["a"]
    assert len(CALLS) == 3
    assert manifest.groupby("scorer")["is_cached"].all().to_dict() == {"a": False, "b": True}


def test_changed_text_rescores_only_that_partition(counting):
    _run(counting)
    CALLS.clear()
    path = counting["store"] / "part-00001.parquet"
    frame = pd.read_parquet(path)
    frame.loc[1, "text"] = "three 1, edited"
    frame.to_parquet(path, index=False)
    manifest = _run(counting)
    assert sorted(CALLS) == [("a", ("d10", "d11")), ("b", ("d10", "d11"))]
    recomputed = manifest.loc[~manifest["is_cached"], "partition"].unique().tolist()
    assert recomputed == [str(path)]
    result = load_results(manifest, "a")
    assert result.loc[result["doc_id"] == "d11", "n_chars"].item() == len("three 1, edited")


def test_manifest_columns_and_results_in_partition_order(counting):
    manifest = _run(counting, names=("a",))
    assert list(manifest.columns) == list(pipeline.MANIFEST_COLUMNS)
    assert manifest["n_rows"].tolist() == [2, 2, 2]
    expected = pd.DataFrame(
        {
            "doc_id": ["d00", "d01", "d10", "d11", "d20", "d21"],
            "n_chars": [9, 7, 9, 7, 9, 7],
        }
    )
    assert_frame_equal(load_results(manifest, "a"), expected, check_dtype=False)


def test_score_partition_reports_cache_hits_and_leaves_input(tmp_path, monkeypatch):
    monkeypatch.setitem(scorers.SCORERS, "a", Scorer(_count_a))
    docs = pd.DataFrame({"doc_id": ["x", "y"], "text": ["aa", "bbb"]})
    before = docs.copy()
    plan = {"a": (scorers.SCORERS["a"], ())}
    first = score_partition(docs, scorers=plan, cache_dir=str(tmp_path))
    second = score_partition(docs, scorers=plan, cache_dir=str(tmp_path))
    assert first["is_cached"].tolist() == [False] and second["is_cached"].tolist() == [True]
    assert first["key"].tolist() == second["key"].tolist()
    assert Path(first["path"].item()).is_file()
    assert_frame_equal(docs, before)


def test_apply_scorer_scores_each_distinct_text_once():
    CALLS.clear()
    docs = pd.DataFrame(
        {"doc_id": ["p", "q", "r", "s"], "text": ["same text", "other", "same text", "x"]}
    )
    before = docs.copy()
    result = apply_scorer(Scorer(_count_a), docs)
    assert CALLS == [("a", ("p", "q", "s"))]
    expected = pd.DataFrame({"doc_id": ["p", "q", "r", "s"], "n_chars": [9, 5, 9, 1]})
    assert_frame_equal(result, expected, check_dtype=False)
    assert_frame_equal(docs, before)


def test_apply_scorer_without_by_text_sees_every_row():
    CALLS.clear()
    docs = pd.DataFrame({"doc_id": ["p", "q"], "text": ["same", "same"]})
    apply_scorer(Scorer(_count_a, by_text=False), docs)
    assert CALLS == [("a", ("p", "q"))]


def test_unknown_scorer_and_empty_store_are_one_line_errors(tmp_path):
    with pytest.raises(ValueError, match=r"unknown scorer\(s\) \['nope'\]; valid: \["):
        get_scorers(["nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no partition files"):
        run_analysis(
            tmp_path / "empty", scorers=("sentiment",), cache_dir=tmp_path / "c", progress=False
        )


def test_load_results_unknown_scorer(counting):
    manifest = _run(counting, names=("a",))
    with pytest.raises(ValueError, match=r"no results for scorer 'b'.*\['a'\]"):
        load_results(manifest, "b")


def test_codebook_hash_is_part_of_the_dependencies(counting):
    before = scorers.dependency_hashes(scorers.SCORERS["a"])
    counting["book_a"].write_text("terms: [changed]\n")
    assert scorers.dependency_hashes(scorers.SCORERS["a"]) != before


def test_a_partition_is_scored_slice_by_slice_with_every_scorer_in_turn(counting, monkeypatch):
    docs = pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(5)], "text": ["a b", "c", "d e f", "", "g"]}
    )
    plan = {name: (scorers.SCORERS[name], ()) for name in ("a", "b")}
    whole = score_partition(docs, scorers=plan, cache_dir=str(counting["cache"] / "whole"))
    assert CALLS == [("a", tuple(docs["doc_id"])), ("b", tuple(docs["doc_id"]))]
    CALLS.clear()
    monkeypatch.setattr(pipeline, "SLICE_DOCS", 2)
    sliced = score_partition(docs, scorers=plan, cache_dir=str(counting["cache"] / "sliced"))
    assert CALLS == [
        ("a", ("d0", "d1")), ("b", ("d0", "d1")), ("a", ("d2", "d3")), ("b", ("d2", "d3")),
        ("a", ("d4",)), ("b", ("d4",)),
    ]  # fmt: skip
    for name in ("a", "b"):
        expected = pd.read_parquet(whole.loc[whole["scorer"] == name, "path"].iloc[0])
        got = pd.read_parquet(sliced.loc[sliced["scorer"] == name, "path"].iloc[0])
        assert_frame_equal(got, expected)


def test_a_slice_fits_in_the_split_memo():
    from analysis import text

    assert pipeline.SLICE_DOCS < text.SPLIT_MEMO_SIZE
