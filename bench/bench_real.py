"""Benchmark on REAL text that never repeats a sentence: commands versus a naive loop.

    .venv/bin/python bench/bench_real.py [--rounds 3] [--workers 2] [--no-tone] [--no-languages]

One command, one run, a table ready to paste. The corpora are real texts
from ``data/validation`` (bench/real_corpus.py: the 214 Narrative Frames
articles whole, and the NYT editorial and NewsMTSC sentences composed into
documents without replacement; Korean NSMC reviews and Japanese Economy
Watchers comments composed the same way). Nothing repeats, so no memo helps.

Every row is a fresh process, timed from outside (wall clock from start to
exit, so command start-up is included), with its CPU time (user + system of
the process and its workers) and its peak memory (the process tree's resident
memory, summed, sampled every 20 ms: pages shared by forked workers count once
per process, so this is an upper bound). Rows alternate in rounds (naive,
then each command, then again), so a change of load hits all of them; the
table shows the median of ``--rounds`` and the load average before and after.

- **naive loop**: ``TextBlob(text).sentiment`` + ``polarity_scores(text)`` per
  English article with one ``SentimentIntensityAnalyzer``, one process; its
  wall time is the LOOP ONLY (its imports and reading the file not counted),
  the strictest baseline; "naive script" is the same with start-up;
- **sentiment**: ``python -m analysis sentiment FILE --out ... --engines
  textblob,vader --workers N`` (the same work: TextBlob on the whole text,
  VADER per sentence and averaged), N = 1 (per core) and N = ``--workers``;
- **full analysis**: ``scale ingest`` + ``scale run --scorers
  sentiment,frames,terms,actors`` (cold: empty cache), with N workers;
- **cached rerun**: the same ``scale run`` again (every result from the cache),
  as a command and inside one process (what a notebook's re-render sees);
- **Korean, Japanese**: the same full analysis on the Korean and Japanese
  corpora, and the language layer's costs (Kiwi / Sudachi start-up, sentence
  splitting and tokens, characters/s);
- **tone** (when the ``tone`` engine is installed): the multilingual model's
  sentences/s with one encoder thread (per core) and all cores, cold (memo
  off) and cached, by batch size, against the two lexicons on the same
  sentences.

Timings on a shared machine move with its load: compare ratios inside one
run, and rerun on a quiet machine for figures to publish.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"sentiment": 3.0, "full": 1.5, "cached": 20.0, "tone_per_core": 1000.0}
SCORERS = "sentiment,frames,terms,actors"


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _real_corpus():
    spec = importlib.util.spec_from_file_location("real_corpus", HERE / "real_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- measuring a process from outside ---------------------------------------------------------


def _tree_rss(pid: int) -> tuple[int, int]:
    """(sum, max) resident bytes of a process and all its descendants (0, 0 when gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = []
    for proc in procs:
        try:
            sizes.append(proc.memory_info().rss)
        except psutil.NoSuchProcess:
            continue
    return sum(sizes), max(sizes, default=0)


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Run ``argv`` to the end: wall s, CPU s (with its workers), peak MB (tree sum, largest)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    peaks = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            total, largest = _tree_rss(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{stderr.decode()[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_mb": peaks[0] / 2**20,
        "peak_process_mb": peaks[1] / 2**20,
        "stdout": stdout.decode(),
        "load": f"{load} -> {_load()}",
    }


# --- children (run as fresh processes) --------------------------------------------------------


def child_naive(path: Path) -> dict:
    """The naive loop over the English documents of ``path``; reports the loop alone."""
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    cpu, started = time.process_time(), time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment  # noqa: B018 - the naive loop under test
        analyzer.polarity_scores(text)
    return {
        "loop_s": time.perf_counter() - started,
        "loop_cpu_s": time.process_time() - cpu,
        "n_docs": len(texts),
        "n_chars": sum(map(len, texts)),
    }


def child_cache(store: Path, cache: Path, workers: int) -> dict:
    """In one process: the full analysis cold (empty cache), then again (all cached)."""
    from analysis.scale import run_analysis

    shutil.rmtree(cache, ignore_errors=True)
    out = {}
    for label in ("cold", "cached"):
        started = time.perf_counter()
        manifest = run_analysis(
            store, scorers=SCORERS.split(","), n_workers=workers, cache_dir=cache, progress=False
        )
        out[f"{label}_s"] = time.perf_counter() - started
        out[f"{label}_hits"] = int(manifest["is_cached"].sum())
        out["n_results"] = len(manifest)
    return out


def child_language(path: Path, language: str) -> dict:
    """The language layer's costs on one corpus: start-up, sentences, tokens (chars/s)."""
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    import pandas as pd

    from analysis.lang import for_language
    from analysis.text import sentence_table

    n_chars = sum(map(len, texts))
    started = time.perf_counter()
    rules = for_language(language)
    rules.sentences(texts[0])
    rules.tokens(texts[0])
    init_s = time.perf_counter() - started
    docs = pd.DataFrame({"doc_id": range(len(texts)), "text": texts, "language": language})
    started = time.perf_counter()
    table = sentence_table(docs)
    split_s = time.perf_counter() - started
    started = time.perf_counter()
    n_tokens = sum(len(rules.tokens(text)) for text in texts)
    tokens_s = time.perf_counter() - started
    return {
        "n_docs": len(texts),
        "n_chars": n_chars,
        "init_s": init_s,
        "split_chars_s": n_chars / split_s,
        "n_sentences": len(table),
        "distinct_sentences": int(table["sentence"].nunique()),
        "tokens_chars_s": n_chars / tokens_s,
        "n_tokens": n_tokens,
    }


def child_tone(path: Path, n_sentences: int) -> dict:
    """Tone on real sentences, one process: cold (no memo), cached, and by batch size.

    Run with ``KJ_TONE_MEMO=0`` (the on-disk memo off, so "cold" embeds every
    sentence) and with ``OMP_NUM_THREADS`` set by the parent (1: one core).
    """
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    import pandas as pd

    from analysis.sentiment import model, score_sentiment
    from analysis.text import sentence_table

    docs = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    sentences = sentence_table(docs).drop_duplicates("sentence").head(n_sentences)
    units = pd.DataFrame(
        {"doc_id": range(len(sentences)), "text": sentences["sentence"].tolist(), "language": "en"}
    )
    out = {"n_sentences": len(units), "threads": os.environ.get("OMP_NUM_THREADS", "all")}
    model.embed_sentences(["warm up the encoder"])  # its load is start-up, not per sentence
    for label, engines in (("lexicons", ["textblob", "vader"]), ("tone", ["tone"])):
        for phase in ("cold", "cached"):
            started = time.perf_counter()
            score_sentiment(units, engines=engines, n_workers=1)
            out[f"{label}_{phase}_per_s"] = len(units) / (time.perf_counter() - started)
    few = units["text"].tolist()[: min(64, len(units))]
    for batch in (1, 16, model.BATCH_SIZE):
        model.BATCH_SIZE = batch
        started = time.perf_counter()
        model.embed_sentences(few)
        out[f"batch_{batch}_per_s"] = len(few) / (time.perf_counter() - started)
    return out


# --- the benchmark ----------------------------------------------------------------------------


def _python() -> list[str]:
    return [sys.executable]


def _has_option(command: str, option: str) -> bool:
    done = subprocess.run(
        [*_python(), "-m", "analysis", command, "--help"], capture_output=True, text=True, cwd=ROOT
    )
    return option in done.stdout


def _tone_available() -> bool:
    try:
        from analysis.sentiment import scoring
    except ImportError:
        return False
    return "tone" in getattr(scoring, "ENGINES", ())


def _sentiment_argv(path: Path, out: Path, workers: int, engines: bool) -> list[str]:
    argv = [*_python(), "-m", "analysis", "sentiment", str(path), "--out", str(out)]
    argv += ["--workers", str(workers)]
    return argv + (["--engines", "textblob,vader"] if engines else [])


def _full_analysis(path: Path, work: Path, workers: int, rows: int) -> dict:
    """``scale ingest`` + cold ``scale run``: one measured row (both commands' time summed)."""
    store, cache = work / "store", work / "cache"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    scale = [*_python(), "-m", "analysis", "scale"]
    ingest = run_measured(
        [*scale, "ingest", str(path), "--out", str(store), "--chunk-rows", str(rows),
         "--partition-by", "chunk", "--workers", str(workers), "--no-progress"]
    )  # fmt: skip
    run = run_measured(
        [*scale, "run", "--store", str(store), "--cache", str(cache), "--workers", str(workers),
         "--scorers", SCORERS, "--no-progress"]
    )  # fmt: skip
    return {
        "wall_s": ingest["wall_s"] + run["wall_s"],
        "cpu_s": ingest["cpu_s"] + run["cpu_s"],
        "peak_mb": max(ingest["peak_mb"], run["peak_mb"]),
        "peak_process_mb": max(ingest["peak_process_mb"], run["peak_process_mb"]),
        "load": f"{ingest['load'].split(' -> ')[0]} -> {run['load'].split(' -> ')[1]}",
        "ingest_s": ingest["wall_s"],
        "run_s": run["wall_s"],
    }


def _child(args: list[str], env: dict[str, str] | None = None) -> dict:
    done = run_measured([*_python(), str(Path(__file__)), *args], env=env)
    return {**json.loads(done["stdout"].strip().splitlines()[-1]), "process": done}


def measure_english(paths: dict, work: Path, *, rounds: int, workers: int) -> dict:
    """The English rows, ``rounds`` times each, interleaved."""
    engines = _has_option("sentiment", "--engines")
    rows = max(1, -(-sum(1 for _ in open(paths["en"], encoding="utf-8")) // (4 * workers)))
    results: dict[str, list[dict]] = {}
    for k in range(rounds):
        naive = _child(["--child-naive", str(paths["en"])])
        results.setdefault("naive loop", []).append(
            {**naive["process"], "wall_s": naive["loop_s"], "cpu_s": naive["loop_cpu_s"]}
        )
        results.setdefault("naive script (start-up included)", []).append(naive["process"])
        for n in sorted({1, workers}):
            out = work / f"tone_{k}_{n}.csv"
            row = run_measured(_sentiment_argv(paths["en"], out, n, engines))
            results.setdefault(f"sentiment, {n} process(es)", []).append(row)
        for n in sorted({1, workers}):
            row = _full_analysis(paths["en"], work / "en", n, rows)
            results.setdefault(f"full analysis, {n} process(es)", []).append(row)
        cached = run_measured(
            [*_python(), "-m", "analysis", "scale", "run", "--store", str(work / "en" / "store"),
             "--cache", str(work / "en" / "cache"), "--workers", str(workers), "--scorers",
             SCORERS, "--no-progress"]
        )  # fmt: skip
        results.setdefault("cached rerun (command)", []).append(cached)
    inprocess = _child(
        ["--child-cache", str(work / "en" / "store"), str(work / "en" / "cache_inprocess"),
         str(workers)]
    )  # fmt: skip
    return {
        "rows": results,
        "n_docs": naive["n_docs"],
        "n_chars": naive["n_chars"],
        "engines_option": engines,
        "in_process_cache": inprocess,
        "rows_per_partition": rows,
    }


def _median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def english_table(result: dict, workers: int) -> list[str]:
    rows, n_docs, n_chars = result["rows"], result["n_docs"], result["n_chars"]
    naive_wall = _median(rows["naive loop"], "wall_s")
    naive_cpu = _median(rows["naive loop"], "cpu_s")
    lines = [
        "| work | wall s | docs/s | chars/s | x naive loop | CPU s | x naive CPU "
        "| peak MB (all processes / largest) | load (1/5/15 min) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, runs in rows.items():
        wall, cpu = _median(runs, "wall_s"), _median(runs, "cpu_s")
        ratios = [naive_wall / r["wall_s"] for r in runs]
        spread = f" ({min(ratios):.2f}-{max(ratios):.2f})" if len(runs) > 1 else ""
        lines.append(
            f"| {label} | {wall:.2f} | {n_docs / wall:,.0f} | {n_chars / wall:,.0f} "
            f"| {naive_wall / wall:.2f}{spread} | {cpu:.2f} | {naive_cpu / cpu:.2f} "
            f"| {_median(runs, 'peak_mb'):,.0f} / {_median(runs, 'peak_process_mb'):,.0f} "
            f"| {runs[0]['load']} |"
        )
    cache = result["in_process_cache"]
    lines += [
        "",
        f"Cached rerun inside one process ({workers} workers): cold {cache['cold_s']:.2f} s, "
        f"cached {cache['cached_s']:.3f} s ({cache['cached_hits']}/{cache['n_results']} results "
        f"from the cache): **{cache['cold_s'] / cache['cached_s']:.0f}x**.",
    ]
    if not result["engines_option"]:
        lines.append("(`sentiment` has no `--engines` option in this tree: it computes TextBlob "
                     "and VADER only, the same work.)")  # fmt: skip
    return lines


def language_table(paths: dict, work: Path, workers: int) -> list[str]:
    lines = [
        "| language | documents | characters | start-up s (model load) | split chars/s "
        "| tokens chars/s | full analysis wall s | full docs/s | full chars/s | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for language in ("en", "ko", "ja"):
        costs = _child(["--child-language", str(paths[language]), language])
        rows = max(1, -(-costs["n_docs"] // (4 * workers)))
        full = _full_analysis(paths[language], work / language, workers, rows)
        lines.append(
            f"| {language} | {costs['n_docs']:,} | {costs['n_chars']:,} | {costs['init_s']:.2f} "
            f"| {costs['split_chars_s']:,.0f} | {costs['tokens_chars_s']:,.0f} "
            f"| {full['wall_s']:.2f} | {costs['n_docs'] / full['wall_s']:,.1f} "
            f"| {costs['n_chars'] / full['wall_s']:,.0f} | {full['load']} |"
        )
    return lines


def tone_table(paths: dict, n_sentences: int) -> list[str]:
    if not _tone_available():
        return ["The multilingual `tone` engine is not in this tree: not measured."]
    cores = os.cpu_count() or 1
    runs = {
        threads: _child(["--child-tone", str(paths["en"]), str(n_sentences)],
                        env={"KJ_TONE_MEMO": "0", "OMP_NUM_THREADS": str(threads)})
        for threads in sorted({1, cores})
    }  # fmt: skip
    one, every = runs[1], runs[cores]
    lex, tone = one["lexicons_cold_per_s"], one["tone_cold_per_s"]
    batches = [k for k in one if k.startswith("batch_")]
    lines = [
        f"`tone` on {one['n_sentences']:,} distinct real English sentences (bench/real_corpus.py), "
        "one process, `score_sentiment(..., engines=[...], n_workers=1)`, on-disk memo off "
        "(`KJ_TONE_MEMO=0`); the encoder's own threads set by `OMP_NUM_THREADS`:",
        "",
        "| engines | threads | cold sentences/s | cached (in-process memo) sentences/s |",
        "|---|---:|---:|---:|",
        f"| textblob + vader | 1 | {lex:,.0f} | {one['lexicons_cached_per_s']:,.0f} |",
        f"| tone | 1 | {tone:,.1f} | {one['tone_cached_per_s']:,.0f} |",
    ]
    if cores > 1:
        lines.append(f"| tone | {cores} | {every['tone_cold_per_s']:,.1f} "
                     f"| {every['tone_cached_per_s']:,.0f} |")  # fmt: skip
    lines += [
        "",
        "Batch size (encoder alone, 64 sentences, 1 thread): "
        + ", ".join(f"{k[6:-6]}: {one[k]:,.1f}/s" for k in batches)
        + ".",
        "",
        f"tone is {lex / tone:,.0f}x slower than the two lexicons on one core; target "
        f">= {TARGETS['tone_per_core']:,.0f} sentences/s per core: "
        f"{'met' if tone >= TARGETS['tone_per_core'] else '**NOT met**'} ({tone:,.1f}/s).",
    ]
    return lines


def verdicts(result: dict, workers: int) -> list[str]:
    rows = result["rows"]
    naive = _median(rows["naive loop"], "wall_s")
    sentiment = naive / _median(rows[f"sentiment, {workers} process(es)"], "wall_s")
    full = naive / _median(rows[f"full analysis, {workers} process(es)"], "wall_s")
    cache = result["in_process_cache"]
    cached = cache["cold_s"] / cache["cached_s"]

    def verdict(value: float, target: float) -> str:
        return "met" if value >= target else "**not met**"

    return [
        "| target | measured | verdict |",
        "|---|---:|---|",
        f"| sentiment --engines textblob,vader >= {TARGETS['sentiment']:.0f}x the naive loop "
        f"({workers} cores, start-up included) | {sentiment:.2f}x "
        f"| {verdict(sentiment, TARGETS['sentiment'])} |",
        f"| full analysis >= {TARGETS['full']}x the naive tone-only loop | {full:.2f}x "
        f"| {verdict(full, TARGETS['full'])} |",
        f"| cached rerun >= {TARGETS['cached']:.0f}x | {cached:.0f}x "
        f"| {verdict(cached, TARGETS['cached'])} |",
    ]


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeats of every English row")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--tone-sentences", type=int, default=2000)
    parser.add_argument("--no-tone", action="store_true", help="skip the tone model")
    parser.add_argument("--no-languages", action="store_true", help="skip Korean and Japanese")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child-naive", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-cache", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-language", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-tone", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_naive:
        print(json.dumps(child_naive(args.child_naive)))
        return 0
    if args.child_cache:
        store, cache, workers = args.child_cache
        print(json.dumps(child_cache(Path(store), Path(cache), int(workers))))
        return 0
    if args.child_language:
        print(json.dumps(child_language(Path(args.child_language[0]), args.child_language[1])))
        return 0
    if args.child_tone:
        print(json.dumps(child_tone(Path(args.child_tone[0]), int(args.child_tone[1]))))
        return 0
    from analysis import config

    work = args.workdir or config.PROCESSED_DIR / "bench" / "real"
    work.mkdir(parents=True, exist_ok=True)
    paths = _real_corpus().write_real_corpus(work)
    started = dt.datetime.now(dt.UTC)
    print(f"## Real text: bench/bench_real.py, commit {_commit()}, "
          f"{started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {_load()}\n")  # fmt: skip
    english = measure_english(paths, work, rounds=args.rounds, workers=args.workers)
    print(
        f"English: {english['n_docs']:,} documents, {english['n_chars']:,} characters "
        f"(bench/real_corpus.py; median of {args.rounds} interleaved rounds):\n"
    )
    print("\n".join(english_table(english, args.workers)), "\n")
    print("\n".join(verdicts(english, args.workers)), "\n")
    if not args.no_languages:
        print("Language layer and full analysis per language "
              f"({args.workers} processes):\n")  # fmt: skip
        print("\n".join(language_table(paths, work, args.workers)), "\n")
    if not args.no_tone:
        print("\n".join(tone_table(paths, args.tone_sentences)), "\n")
    print(f"Finished {dt.datetime.now(dt.UTC):%H:%M} UTC, load {_load()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
