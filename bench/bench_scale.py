"""Benchmark the scale pipeline on SYNTHETIC corpora (real sample sentences, resampled).

    .venv/bin/python bench/bench_scale.py [--sizes 10000,100000,1000000] [--dask-size 10000]
         [--naive-docs 300] [--scorers sentiment,frames,terms,actors]

Prints, in one run (ratios against baselines measured in the same run):

- documents/s and characters/s of the full analysis (ingest excluded; local
  engine on all cores, and on one process) versus the naive per-article loop
  ``TextBlob(text).sentiment`` + ``SentimentIntensityAnalyzer().polarity_scores(text)``
  — the naive loop is timed on ``--naive-docs`` documents of the corpus and
  extrapolated (it is linear in documents);
- peak memory (``ru_maxrss``) at each size: every size runs in a fresh
  subprocess; the parent's peak and the largest worker's peak are reported;
- cold versus cached rerun (same store, same cache);
- one process versus dask with 2 workers (LocalCluster, processes; its
  start-up is timed separately) on ``--dask-size`` documents: each engine runs
  twice with a fresh result cache, first on fresh processes, then warm
  (imports done, sentence memos filled); both are printed, the ratio uses the
  warm runs.

Stores are partitioned by chunk, ``size // 8`` rows per partition (500 to
10,000), so both cores get balanced work and a worker's memory does not grow
with the corpus. The cached rerun reports how many results came from the
cache: fewer than all means package code changed between the two runs (the
key includes the scorers' source), which then rightly rescored.

Corpora come from bench/generate_corpus.py (generated if missing) under
``config.PROCESSED_DIR / "bench"``. Timings are wall-clock on a shared machine:
the load average is printed with every row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from analysis import config

HERE = Path(__file__).resolve().parent
TARGETS = {"speed": 3.0, "memory_gb": 2.0, "cache": 20.0, "dask": 1.6}


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def naive_rate(corpus: Path, n_docs: int) -> dict:
    """Docs/s and chars/s of the naive per-article TextBlob + VADER loop on the first n_docs."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = pd.read_csv(corpus, nrows=n_docs, usecols=["text"], dtype=str)["text"].tolist()
    analyzer = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment  # noqa: B018 - the naive loop under test
        analyzer.polarity_scores(text)
    seconds = time.perf_counter() - started
    return {
        "docs_s": len(texts) / seconds,
        "chars_s": sum(map(len, texts)) / seconds,
        "n_docs": len(texts),
        "seconds": seconds,
        "load": _load(),
    }


def chunk_rows_for(size: int) -> int:
    """Partitions of bounded size (<= 10,000 rows: flat worker memory), at least 8 of them."""
    return min(10_000, max(500, size // 8))


def interleaved(store: Path, workdir: Path, scorers: list[str], rounds: int = 4) -> dict:
    """Per-core ratio, load-robust: naive loop and full analysis alternate on the same partitions.

    Round k times the naive loop on partition k's texts, then the full analysis
    of partition k in this process (fresh result cache). Both see the same load
    drift; the median of the per-round ratios is reported.
    """
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.scale import run_analysis
    from analysis.scale.store import list_partitions

    analyzer = SentimentIntensityAnalyzer()
    ratios, naive_rates, full_rates = [], [], []
    for k, path in enumerate(list_partitions(store)[:rounds]):
        texts = pd.read_parquet(path, columns=["text"])["text"].tolist()
        started = time.perf_counter()
        for text in texts:
            TextBlob(text).sentiment  # noqa: B018 - the naive loop under test
            analyzer.polarity_scores(text)
        naive_s = time.perf_counter() - started
        cache = workdir / f"cache_interleaved_{k}"
        shutil.rmtree(cache, ignore_errors=True)
        started = time.perf_counter()
        run_analysis([path], scorers=scorers, n_workers=1, cache_dir=cache, progress=False)
        full_s = time.perf_counter() - started
        naive_rates.append(len(texts) / naive_s)
        full_rates.append(len(texts) / full_s)
        ratios.append(naive_s / full_s)
    return {
        "ratios": ratios,
        "naive_docs_s": naive_rates,
        "full_docs_s": full_rates,
        "median": float(pd.Series(ratios).median()),
        "load": _load(),
    }


def child(size: int, workdir: Path, scorers: list[str], workers: int | None) -> dict:
    """One size in this (fresh) process: ingest, cold run, cached rerun."""
    from analysis.scale import ingest_corpus, run_analysis

    corpus = workdir / f"synthetic_{size}.csv"
    store, cache = workdir / f"store_{size}", workdir / f"cache_{size}"
    shutil.rmtree(cache, ignore_errors=True)
    row = {"size": size, "workers": workers or os.cpu_count(), "load_start": _load()}
    started = time.perf_counter()
    manifest = ingest_corpus(
        corpus,
        out=store,
        chunk_rows=chunk_rows_for(size),
        partition_by="chunk",
        n_workers=workers,
        progress=False,
    )
    row["ingest_s"] = time.perf_counter() - started
    row["n_chars"] = int(manifest["n_chars"].sum())
    row["n_partitions"] = len(manifest)
    row["n_scorers"] = len(scorers)
    for label in ("cold", "cached"):
        started = time.perf_counter()
        result = run_analysis(
            store, scorers=scorers, n_workers=workers, cache_dir=cache, progress=False
        )
        row[f"{label}_s"] = time.perf_counter() - started
        row[f"{label}_hits"] = int(result["is_cached"].sum())
    row["peak_parent_mb"] = _peak_mb(resource.RUSAGE_SELF)
    row["peak_worker_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    row["load_end"] = _load()
    return row


def ingest_only(size: int, workdir: Path, workers: int | None) -> dict:
    """Ingest alone (``--child-ingest SIZE``): time and peak memory of the chunked reader."""
    from analysis.scale import ingest_corpus

    started = time.perf_counter()
    manifest = ingest_corpus(
        workdir / f"synthetic_{size}.csv",
        out=workdir / f"store_{size}",
        chunk_rows=chunk_rows_for(size),
        partition_by="chunk",
        n_workers=workers,
        progress=False,
    )
    return {
        "size": size,
        "ingest_s": time.perf_counter() - started,
        "n_partitions": len(manifest),
        "n_chars": int(manifest["n_chars"].sum()),
        "peak_parent_mb": _peak_mb(resource.RUSAGE_SELF),
        "peak_worker_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "load_end": _load(),
    }


def dask_versus_one(size: int, workdir: Path, scorers: list[str]) -> dict:
    """Cold full analysis on one process versus dask with 2 workers (fresh caches)."""
    from dask.distributed import LocalCluster

    from analysis.scale import ingest_corpus, run_analysis

    store = workdir / f"store_dask_{size}"
    ingest_corpus(
        workdir / f"synthetic_{size}.csv",
        out=store,
        chunk_rows=chunk_rows_for(size),
        partition_by="chunk",
        progress=False,
    )
    out = {"size": size, "load_start": _load()}
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    out["dask_startup_s"] = time.perf_counter() - started
    try:
        for label, engine, workers in (("one_process", "local", 1), ("dask_2", "dask", None)):
            address = cluster.scheduler_address if engine == "dask" else None
            for phase in ("unwarmed", "warm"):  # warm: workers imported and memos filled
                cache = workdir / f"cache_{label}_{phase}_{size}"
                shutil.rmtree(cache, ignore_errors=True)
                started = time.perf_counter()
                run_analysis(
                    store,
                    scorers=scorers,
                    engine=engine,
                    address=address,
                    n_workers=workers,
                    cache_dir=cache,
                    progress=False,
                )
                key = f"{label}_s" if phase == "warm" else f"{label}_unwarmed_s"
                out[key] = time.perf_counter() - started
    finally:
        cluster.close()
    out["load_end"] = _load()
    return out


def _spawn(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(rows: list[dict], naive: dict, one: dict | None, dask: dict) -> str:
    """The markdown table and target verdicts."""
    lines = [
        "| documents | characters | ingest s | cold s | docs/s | chars/s | x naive | cached s "
        "| cold/cached | peak parent MB | peak worker MB | load (1/5/15 min) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        rate = r["size"] / r["cold_s"]
        lines.append(
            f"| {r['size']:,} | {r['n_chars']:,} | {r['ingest_s']:.1f} | {r['cold_s']:.1f} "
            f"| {rate:,.0f} | {r['n_chars'] / r['cold_s']:,.0f} | {rate / naive['docs_s']:.2f} "
            f"| {r['cached_s']:.2f} ({r['cached_hits']}/{r['n_partitions'] * r['n_scorers']} hits) "
            f"| {r['cold_s'] / r['cached_s']:.0f} "
            f"| {r['peak_parent_mb']:,.0f} | {r['peak_worker_mb']:,.0f} "
            f"| {r['load_start']} -> {r['load_end']} |"
        )
    lines.append("")
    lines.append(
        f"Naive loop (one process): {naive['docs_s']:.0f} docs/s, {naive['chars_s']:,.0f} chars/s, "
        f"timed on {naive['n_docs']} documents ({naive['seconds']:.1f} s) and extrapolated; "
        f"load {naive['load']}."
    )
    if one:
        rate = one["size"] / one["cold_s"]
        lines.append(
            f"Full analysis on ONE process ({one['size']:,} docs): {rate:.0f} docs/s = "
            f"{rate / naive['docs_s']:.2f}x the naive loop (per-core ratio)."
        )
    speedup = dask["one_process_s"] / dask["dask_2_s"]
    lines.append(
        f"Dask first run on fresh worker processes (imports, empty memos): "
        f"{dask['one_process_unwarmed_s']:.1f} s one process / "
        f"{dask['dask_2_unwarmed_s']:.1f} s dask = "
        f"{dask['one_process_unwarmed_s'] / dask['dask_2_unwarmed_s']:.2f}x; second run (warm, "
        f"fresh result cache) below."
    )
    lines.append(
        f"Dask, 2 workers vs one process ({dask['size']:,} docs, cold): "
        f"{dask['one_process_s']:.1f} s / {dask['dask_2_s']:.1f} s = {speedup:.2f}x "
        f"(cluster start-up {dask['dask_startup_s']:.1f} s, not included); "
        f"load {dask['load_start']} -> {dask['load_end']}."
    )
    return "\n".join(lines)


def verdicts(rows: list[dict], naive: dict, dask: dict) -> str:
    big = max(rows, key=lambda r: r["size"])
    speed = min(r["size"] / r["cold_s"] for r in rows) / naive["docs_s"]
    memory = max(max(r["peak_parent_mb"], r["peak_worker_mb"]) for r in rows) / 1024
    cache = min(r["cold_s"] / r["cached_s"] for r in rows)
    ratio = dask["one_process_s"] / dask["dask_2_s"]
    checks = [
        (
            "full analysis >= 3x naive (all cores)",
            speed,
            TARGETS["speed"],
            speed >= TARGETS["speed"],
        ),
        (
            f"peak memory < 2 GB (largest size run: {big['size']:,})",
            memory,
            TARGETS["memory_gb"],
            memory < TARGETS["memory_gb"],
        ),
        (
            "cached rerun >= 20x faster than cold",
            cache,
            TARGETS["cache"],
            cache >= TARGETS["cache"],
        ),
        ("dask 2 workers >= 1.6x one process", ratio, TARGETS["dask"], ratio >= TARGETS["dask"]),
    ]
    return "\n".join(
        f"- {name}: measured {value:.2f} (target {target}) -> {'MET' if ok else 'NOT MET'}"
        for name, value, target, ok in checks
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dask-size", type=int, default=10_000)
    parser.add_argument("--naive-docs", type=int, default=300)
    parser.add_argument("--scorers", default="sentiment,frames,terms,actors")
    parser.add_argument("--workers", type=int, default=None, help="local engine processes")
    parser.add_argument("--workdir", type=Path, default=config.PROCESSED_DIR / "bench")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child-dask", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--child-ingest",
        type=int,
        default=None,
        help="only ingest this size and print time and peak memory (JSON)",
    )
    args = parser.parse_args(argv)
    scorers = args.scorers.split(",")
    if args.child is not None:
        print(json.dumps(child(args.child, args.workdir, scorers, args.workers)))
        return 0
    if args.child_ingest is not None:
        print(json.dumps(ingest_only(args.child_ingest, args.workdir, args.workers)))
        return 0
    if args.child_dask is not None:
        print(json.dumps(dask_versus_one(args.child_dask, args.workdir, scorers)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    missing = [
        s for s in {*sizes, args.dask_size} if not (args.workdir / f"synthetic_{s}.csv").is_file()
    ]
    if missing:
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate_corpus.py"),
                "--out",
                str(args.workdir),
                "--sizes",
                ",".join(map(str, sorted(missing))),
            ],
            check=True,
        )
    print(
        "SYNTHETIC corpora (bench/generate_corpus.py): real sample sentences resampled into "
        f"documents; cores: {os.cpu_count()}; scorers: {', '.join(scorers)}; load now {_load()}"
    )
    naive = naive_rate(args.workdir / f"synthetic_{min(sizes)}.csv", args.naive_docs)
    rows = []
    for size in sizes:
        common = ["--workdir", str(args.workdir), "--scorers", args.scorers]
        rows.append(
            _spawn(
                [
                    "--child",
                    str(size),
                    *common,
                    *(["--workers", str(args.workers)] if args.workers else []),
                ]
            )
        )
        print(f"  size {size:,} done: {json.dumps(rows[-1])}", flush=True)
    dask = _spawn(
        [
            "--child-dask",
            str(args.dask_size),
            "--workdir",
            str(args.workdir),
            "--scorers",
            args.scorers,
        ]
    )
    one = {"size": dask["size"], "cold_s": dask["one_process_s"]}
    inter = interleaved(args.workdir / f"store_{min(sizes)}", args.workdir, scorers)
    print()
    print(report(rows, naive, one, dask))
    print(
        "Per core, interleaved on the same partitions (naive, then full analysis in one process; "
        f"round 1 includes imports and empty memos): ratios "
        f"{', '.join(f'{r:.2f}' for r in inter['ratios'])}; median {inter['median']:.2f}x "
        f"(naive {', '.join(f'{r:.0f}' for r in inter['naive_docs_s'])} docs/s; full "
        f"{', '.join(f'{r:.0f}' for r in inter['full_docs_s'])} docs/s; load {inter['load']})."
    )
    print()
    print(verdicts(rows, naive, dask))
    return 0


if __name__ == "__main__":
    sys.exit(main())
