"""A cached ``scale run`` answered from the cache alone (analysis.scale.rerun)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.scale import ingest_corpus, run_analysis
from analysis.scale.rerun import CONTENTS_DIR, cached_results, rerun_from_cache
from analysis.validation_sets import read_validation_set


@pytest.fixture
def scored(tmp_path):
    """A store of 60 real NFC articles in 3 partitions, scored once for frames and actors."""
    nfc = read_validation_set("nfc", split="all").head(60)
    source = tmp_path / "nfc.jsonl"
    pd.DataFrame(
        {"doc_id": [f"nfc-{i}" for i in nfc["item_id"]], "text": nfc["text"].astype(str)}
    ).to_json(source, orient="records", lines=True)
    store, cache = tmp_path / "store", tmp_path / "cache"
    ingest_corpus(source, out=store, chunk_rows=20, partition_by="chunk", n_workers=1,
                  progress=False)  # fmt: skip
    manifest = run_analysis(store, scorers=["frames", "actors"], cache_dir=cache, n_workers=1,
                            progress=False)  # fmt: skip
    return store, cache, manifest


def _args(store, cache, scorers="frames,actors"):
    return ["scale", "run", "--store", str(store), "--cache", str(cache), "--scorers", scorers,
            "--workers", "1", "--no-progress"]  # fmt: skip


def test_cached_results_are_the_keys_and_files_of_the_run(scored):
    store, cache, manifest = scored
    rows = pd.DataFrame(cached_results(store, scorers=["frames", "actors"], cache_dir=cache))
    assert len(manifest) == 6 and len(list((cache / CONTENTS_DIR).iterdir())) == 3
    for column in ("partition", "scorer", "key", "path"):
        assert rows[column].tolist() == manifest[column].astype(str).tolist()
    assert rows["is_cached"].all()


def test_quick_rerun_prints_what_the_command_prints(scored, capsys):
    store, cache, _ = scored
    assert rerun_from_cache(_args(store, cache)) == 0
    quick = capsys.readouterr().out
    assert quick == "scored 6 partition results (6 from the cache, 0 computed) for frames, actors\n"
    # the ordinary command (a manifest to write) says the same
    assert main([*_args(store, cache), "--manifest", str(store.parent / "m.csv")]) == 0
    assert capsys.readouterr().out == quick


def test_anything_not_cached_goes_the_ordinary_way(scored, capsys):
    store, cache, _ = scored
    assert rerun_from_cache(_args(store, cache, "frames,terms")) is None  # terms never ran
    assert rerun_from_cache(_args(store, cache, "nope")) is None  # the command reports it
    assert rerun_from_cache([*_args(store, cache), "--engine", "dask"]) is None
    assert rerun_from_cache([*_args(store, cache), "--bogus"]) is None
    assert rerun_from_cache([*_args(store, cache), "--help"]) is None
    assert rerun_from_cache(_args(store.parent / "nowhere", cache)) is None
    # a partition rewritten with other text: its bytes, so its content, are unknown
    first = sorted(store.rglob("*.parquet"))[0]
    frame = pd.read_parquet(first)
    frame.loc[0, "text"] = "Seoul and Tokyo agreed to resume talks."
    frame.to_parquet(first, index=False)
    assert rerun_from_cache(_args(store, cache)) is None
    assert main(_args(store, cache)) == 0
    assert capsys.readouterr().out.startswith("scored 6 partition results (4 from the cache, 2 ")


def test_a_cached_rerun_imports_no_pandas(scored):
    store, cache, _ = scored
    code = (
        "import sys; from analysis.cli import main; "
        f"code = main({_args(store, cache)!r}); "
        "assert code == 0 and 'pandas' not in sys.modules, sorted(sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=config.PROJECT_ROOT, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("scored 6 partition results (6 from the cache")
