"""analysis.scale.engine: the local and dask engines give identical results."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.corpus import load_corpus
from analysis.scale import engine
from analysis.scale.pipeline import load_results, run_analysis
from analysis.scale.scorers import SCORERS


def _n_rows(frame: pd.DataFrame, *, label: str) -> pd.DataFrame:
    return pd.DataFrame({"label": [label], "n": [len(frame)], "first": [frame["doc_id"].iloc[0]]})


@pytest.fixture(scope="module")
def replicated_store(tmp_path_factory):
    """The sample corpus replicated 3 times (new ids, same texts) in 4 partitions."""
    docs = load_corpus()
    copies = pd.concat(
        [docs.assign(doc_id=docs["doc_id"] + f"#{k}") for k in range(3)], ignore_index=True
    )[["doc_id", "text", "language"]]
    folder = tmp_path_factory.mktemp("store")
    for k, part in enumerate(range(0, len(copies), 50)):
        copies.iloc[part : part + 50].to_parquet(folder / f"part-{k:05d}.parquet", index=False)
    return folder


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as c:
        yield c


def _scorers_available():
    names = []
    for name in ("sentiment", "frames", "terms", "actors"):
        try:
            __import__(SCORERS[name].modules[0])
        except ImportError:
            continue
        names.append(name)
    return names


def test_local_and_dask_engines_give_identical_frames(replicated_store, cluster, tmp_path):
    names = _scorers_available()
    assert "sentiment" in names
    serial = run_analysis(
        replicated_store, scorers=names, n_workers=1, cache_dir=tmp_path / "a", progress=False
    )
    pooled = run_analysis(
        replicated_store, scorers=names, n_workers=2, cache_dir=tmp_path / "b", progress=False
    )
    dask = run_analysis(
        replicated_store,
        scorers=names,
        engine="dask",
        address=cluster.scheduler_address,
        cache_dir=tmp_path / "c",
        progress=False,
    )
    for manifest in (serial, pooled, dask):
        assert not manifest["is_cached"].any()
    assert serial["key"].tolist() == dask["key"].tolist() == pooled["key"].tolist()
    for name in names:
        expected = load_results(serial, name)
        assert len(expected) > 0
        assert_frame_equal(load_results(pooled, name), expected)
        assert_frame_equal(load_results(dask, name), expected)
    sentiment = load_results(serial, "sentiment")
    assert (
        sentiment["doc_id"].tolist()
        == pd.concat([pd.read_parquet(p) for p in sorted(replicated_store.glob("*.parquet"))])[
            "doc_id"
        ].tolist()
    )


def test_map_partitions_returns_outputs_in_path_order(replicated_store, cluster):
    paths = sorted(replicated_store.glob("*.parquet"))
    func = functools.partial(_n_rows, label="x")
    local = engine.map_partitions(paths, func, columns=["doc_id"], n_workers=2, progress=False)
    dask = engine.map_partitions(
        paths,
        func,
        engine="dask",
        columns=["doc_id"],
        address=cluster.scheduler_address,
        progress=False,
    )
    firsts = [pd.read_parquet(p)["doc_id"].iloc[0] for p in paths]
    assert [o["first"].item() for o in local] == firsts
    assert_frame_equal(pd.concat(local, ignore_index=True), pd.concat(dask, ignore_index=True))
    assert [o["n"].item() for o in local] == [50, 50, 50, 30]


def test_engine_options_are_validated(replicated_store):
    paths = sorted(replicated_store.glob("*.parquet"))
    func = functools.partial(_n_rows, label="x")
    with pytest.raises(ValueError, match=r"unknown engine 'spark'; valid: \['local', 'dask'\]"):
        engine.map_partitions(paths, func, engine="spark")
    with pytest.raises(ValueError, match="n_workers must be >= 1"):
        engine.map_partitions(paths, func, n_workers=0)
    with pytest.raises(ValueError, match="address is only used with engine='dask'"):
        engine.map_partitions(paths, func, address="tcp://127.0.0.1:1")


def test_read_partition_keeps_existing_columns(replicated_store):
    path = sorted(replicated_store.glob("*.parquet"))[0]
    frame = engine.read_partition(path, columns=["doc_id", "nope"])
    assert list(frame.columns) == ["doc_id"]


def test_dask_engine_uses_the_configured_scheduler_address(replicated_store, cluster):
    import dask

    paths = sorted(replicated_store.glob("*.parquet"))[:2]
    func = functools.partial(_n_rows, label="x")
    before = cluster.scheduler.transition_counter
    with dask.config.set({"scheduler-address": cluster.scheduler_address}):
        outputs = engine.map_partitions(paths, func, engine="dask", progress=False)
    assert [o["n"].item() for o in outputs] == [50, 50]
    assert cluster.scheduler.transition_counter > before  # the tasks ran on this cluster
