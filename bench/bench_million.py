"""Peak memory of ``scale ingest`` and ``scale run`` at 10k / 100k / 1M documents.

    .venv/bin/python bench/bench_million.py [--sizes 10000,100000,1000000]
         [--scorers terms] [--all-scorers-up-to 100000] [--workers N]

SYNTHETIC ASSEMBLY OF REAL SENTENCES: the documents are made of real
sentences (the English documents of ``bench/real_corpus.py``: Narrative
Frames articles, NYT editorial and NewsMTSC sentences, split with
``analysis.lang.document_sentences``), drawn WITH replacement (a million
documents need far more sentences than the ~18,000 distinct ones), 2-8 a
document in paragraphs of 1-4. So sentences repeat across documents: speed
figures from this corpus flatter any memo and are not quoted; it measures
whether memory stays flat as the corpus grows.

For each size, in fresh processes measured from outside (``bench_real.py``'s
``run_measured``: resident memory of the process tree sampled every 20 ms, so
the sum counts pages that forked workers share more than once: an upper
bound; the largest single process is printed beside it):

- ``scale ingest`` (``--chunk-rows 50000``, partitioned by chunk);
- ``scale run --scorers`` ``--scorers`` (the cheapest by default) on every
  size, and all four scorers on sizes up to ``--all-scorers-up-to``.

Prints one table: wall s, CPU s, peak MB (all processes / largest) and the
load average, so a reader sees what else the machine was doing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np

from analysis import config

HERE = Path(__file__).resolve().parent
ALL_SCORERS = "sentiment,frames,terms,actors"
SENTENCES = (2, 8)
PARAGRAPH = (1, 4)


def _bench_real():
    spec = importlib.util.spec_from_file_location("bench_real", HERE / "bench_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_sentences() -> list[str]:
    """The distinct sentences of the real English benchmark corpus (built if missing)."""
    from analysis.lang import document_sentences

    path = config.PROCESSED_DIR / "bench" / "real_en.jsonl"
    if not path.is_file():
        _bench_real()._real_corpus().write_real_corpus()
    seen: dict[str, None] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            for s in document_sentences(text, language="en"):
                sentence = " ".join(text[s.start : s.end].split())
                if len(sentence) > 20:
                    seen.setdefault(sentence, None)
    return list(seen)


def write_assembled(path: Path, n_docs: int, sentences: list[str], seed: int = 14) -> int:
    """Write ``n_docs`` documents of real sentences (with replacement) as JSONL; return chars."""
    rng = np.random.default_rng(seed)
    n_chars = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for i in range(n_docs):
            picks = rng.integers(0, len(sentences), int(rng.integers(*SENTENCES, endpoint=True)))
            chosen = [sentences[k] for k in picks.tolist()]
            paragraphs, start = [], 0
            while start < len(chosen):
                step = int(rng.integers(*PARAGRAPH, endpoint=True))
                paragraphs.append(" ".join(chosen[start : start + step]))
                start += step
            text = "\n\n".join(paragraphs)
            n_chars += len(text)
            handle.write(json.dumps({"doc_id": f"m{i:07d}", "text": text}) + "\n")
    os.replace(tmp, path)
    return n_chars


def measure_size(size: int, sentences: list[str], work: Path, args) -> list[dict]:
    """Ingest, then run the scorers asked for on ``size`` documents: one row each."""
    run_measured = _bench_real().run_measured
    source = work / f"assembled_{size}.jsonl"
    n_chars = write_assembled(source, size, sentences)
    store, cache = work / f"store_{size}", work / f"cache_{size}"
    shutil.rmtree(store, ignore_errors=True)
    workers = ["--workers", str(args.workers)] if args.workers else []
    scale = [sys.executable, "-m", "analysis", "scale"]
    rows = []
    ingest = run_measured(
        [*scale, "ingest", str(source), "--out", str(store), "--chunk-rows", "50000",
         "--partition-by", "chunk", "--no-progress", *workers]
    )  # fmt: skip
    rows.append({"size": size, "chars": n_chars, "step": "ingest", **ingest})
    runs = [args.scorers] + ([ALL_SCORERS] if size <= args.all_scorers_up_to else [])
    for scorers in dict.fromkeys(runs):
        shutil.rmtree(cache, ignore_errors=True)
        run = run_measured(
            [*scale, "run", "--store", str(store), "--cache", str(cache), "--scorers", scorers,
             "--no-progress", *workers]
        )  # fmt: skip
        rows.append({"size": size, "chars": n_chars, "step": f"run {scorers}", **run})
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    source.unlink()
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| documents | characters | step | wall s | CPU s | peak MB (all processes / largest) "
        "| load (1/5/15 min) |",
        "|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['chars']:,} | {r['step']} | {r['wall_s']:.1f} | "
            f"{r['cpu_s']:.1f} | {r['peak_mb']:,.0f} / {r['peak_process_mb']:,.0f} | {r['load']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--scorers", default="terms", help="scorers run at every size")
    parser.add_argument("--all-scorers-up-to", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all)")
    parser.add_argument("--workdir", type=Path, default=config.PROCESSED_DIR / "bench" / "million")
    args = parser.parse_args(argv)
    sentences = real_sentences()
    low, high = SENTENCES
    print(f"SYNTHETIC ASSEMBLY OF REAL SENTENCES: {len(sentences):,} distinct real sentences, "
          f"{low}-{high} a document, drawn with replacement", flush=True)  # fmt: skip
    rows: list[dict] = []
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        rows.extend(measure_size(size, sentences, args.workdir, args))
        print(table(rows[-3:]), flush=True)
    print("\n" + table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
