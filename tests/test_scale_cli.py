"""``python -m analysis scale ingest|run`` through a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import config


def _cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "analysis", "scale", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_ingest_then_run_twice_hits_the_cache(tmp_path):
    source = config.SAMPLE_DIR / "korea_japan_official_2018_2024.jsonl"
    before = source.read_bytes()
    store, cache, manifest = tmp_path / "store", tmp_path / "cache", tmp_path / "manifest.csv"
    done = _cli(
        "ingest", source, "--out", store, "--chunk-rows", "30", "--no-progress", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ingested 59 documents into ")
    args = (
        "run",
        "--store",
        store,
        "--scorers",
        "sentiment",
        "--workers",
        "1",
        "--cache",
        cache,
        "--manifest",
        manifest,
        "--no-progress",
    )
    first = _cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = _cli(*args, cwd=tmp_path)
    n = len(pd.read_csv(manifest))
    assert (
        second.stdout.strip()
        == f"scored {n} partition results ({n} from the cache, 0 computed) for sentiment"
    )
    assert pd.read_csv(manifest)["is_cached"].all()
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest", "missing.csv"), "error: missing.csv: no such file or folder"),
        (("run", "--store", "nowhere"), "error: nowhere: no such store folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    done = _cli(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(message)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
