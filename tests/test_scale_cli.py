"""``python -m analysis scale ingest|run`` via analysis.cli.main, plus one real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main


def test_ingest_then_run_twice_hits_the_cache(tmp_path, capsys):
    source = config.SAMPLE_DIR / "korea_japan_official_2018_2024.jsonl"
    before = source.read_bytes()
    store, cache, manifest = tmp_path / "store", tmp_path / "cache", tmp_path / "manifest.csv"
    code = main(["scale", "ingest", str(source), "--out", str(store), "--chunk-rows", "30",
                 "--workers", "1", "--no-progress"])  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out.startswith("ingested 59 documents into ")
    args = ["scale", "run", "--store", str(store), "--scorers", "actors", "--workers", "1",
            "--cache", str(cache), "--manifest", str(manifest), "--no-progress"]  # fmt: skip
    assert main(args) == 0
    n = len(pd.read_csv(manifest))
    assert (
        capsys.readouterr().out
        == f"scored {n} partition results (0 from the cache, {n} computed) for actors\n"
    )
    assert main(args) == 0
    assert (
        capsys.readouterr().out
        == f"scored {n} partition results ({n} from the cache, 0 computed) for actors\n"
    )
    assert pd.read_csv(manifest)["is_cached"].all()
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scale", "ingest", "missing.csv"], "error: missing.csv: no such file or folder\n"),
        (["scale", "run", "--store", "nowhere"], "error: nowhere: no such store folder\n"),
        (["scale", "run", "--store", ".", "--scorers", "nope"], "error: unknown scorer(s)"),
        (["scale", "run", "--store", "."], "error: .: no partition files (*.parquet) to"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_subprocess_exit_status_and_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "scale", "ingest", "missing.csv"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "error: missing.csv: no such file or folder\n"
