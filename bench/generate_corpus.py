"""Generate SYNTHETIC benchmark corpora by resampling the real sample's sentences.

    .venv/bin/python bench/generate_corpus.py --sizes 10000,100000,1000000 [--out DIR]

Every document is built from real sentences of the sample corpus
(``analysis.corpus.load_corpus()`` of data/sample, English, non-duplicate
documents, split with ``analysis.text.split_sentences``): its number of
sentences is drawn from the sample's sentences-per-document distribution, its
sentences are drawn with replacement from the sample's sentence pool and laid
out one per line, as in wire copy (see the seed article), and its metadata
(title, outlet, country, kind, licence) is resampled from a sample document,
with the date jittered up to a year either way. A share of documents
(``--wire-share``, default 5 %) republishes an earlier generated text under
another doc_id and outlet, as wire copy is. The output is NOT a real archive:
the pool is a few hundred sentences, so sentences repeat far more often than in
real news; say so wherever a number measured on it is quoted.

Files go to ``config.PROCESSED_DIR / "bench"`` (gitignored; never the
committed data) as ``synthetic_<size>.csv``, written chunk by chunk to a
temporary name and renamed at the end, so memory stays flat and an interrupted
run leaves no half file.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.corpus import load_corpus
from analysis.io import atomic_path
from analysis.text import split_sentences

META_COLUMNS = ("title", "outlet", "outlet_country", "kind", "license")
logger = logging.getLogger("generate_corpus")


def sentence_pool(docs: pd.DataFrame) -> tuple[list[str], np.ndarray, pd.DataFrame]:
    """Sentences of the English, non-duplicate sample documents, and their counts per document."""
    english = docs[(docs["language"] == "en") & ~docs["is_duplicate"].fillna(False).astype(bool)]
    per_doc = [split_sentences(text) for text in english["text"]]
    pool = [s for sentences in per_doc for s in sentences]
    counts = np.array([len(s) for s in per_doc if s])
    return pool, counts, english.reset_index(drop=True)


def generate_chunk(
    start: int,
    n: int,
    *,
    pool: list[str],
    counts: np.ndarray,
    meta: pd.DataFrame,
    rng: np.random.Generator,
    wire_share: float,
    size: int,
) -> pd.DataFrame:
    """Documents ``start .. start+n-1`` of a synthetic corpus of ``size`` documents."""
    lengths = rng.choice(counts, size=n)
    picks = rng.integers(0, len(pool), size=int(lengths.sum()))
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    texts = ["\n".join(pool[i] for i in picks[bounds[k] : bounds[k + 1]]) for k in range(n)]
    for k in np.flatnonzero(rng.random(n) < wire_share):
        if k > 0:
            texts[k] = texts[int(rng.integers(0, k))]  # wire copy of an earlier text
    rows = meta.iloc[rng.integers(0, len(meta), size=n)].reset_index(drop=True)
    base = pd.to_datetime(rows["published"]).fillna(pd.Timestamp("2021-01-01"))
    jitter = pd.to_timedelta(rng.integers(-365, 366, size=n), unit="D")
    frame = pd.DataFrame({"doc_id": [f"syn{size}-{start + k:07d}" for k in range(n)]})
    for column in META_COLUMNS:
        frame[column] = rows[column].astype("string")
    frame["published"] = (base + jitter).dt.strftime("%Y-%m-%d")
    frame["text"] = texts
    frame["url"] = ""
    return frame


def write_corpus(
    size: int, out: Path, *, source: tuple, seed: int, chunk_rows: int, wire_share: float
) -> Path:
    """Write ``synthetic_<size>.csv`` under ``out`` chunk by chunk; return its path."""
    pool, counts, meta = source
    rng = np.random.default_rng([seed, size])
    target = out / f"synthetic_{size}.csv"
    with atomic_path(target) as tmp:
        for start in range(0, size, chunk_rows):
            n = min(chunk_rows, size - start)
            chunk = generate_chunk(
                start,
                n,
                pool=pool,
                counts=counts,
                meta=meta,
                rng=rng,
                wire_share=wire_share,
                size=size,
            )
            chunk.to_csv(tmp, mode="a", header=start == 0, index=False, lineterminator="\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", type=Path, default=config.PROCESSED_DIR / "bench")
    parser.add_argument("--seed", type=int, default=config.RANDOM_SEED)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    parser.add_argument("--wire-share", type=float, default=0.05)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    source = pool, counts, meta = sentence_pool(load_corpus())
    print(
        f"SYNTHETIC corpora: documents built by resampling {len(pool)} real sentences "
        f"({len(set(pool))} distinct) of {len(meta)} English sample documents (data/sample), "
        f"{counts.min()}-{counts.max()} sentences per document as in the sample, one per line; "
        f"metadata resampled, dates jittered +-365 days, {args.wire_share:.0%} wire copies. "
        f"Not a real archive: sentences repeat far more than in real news."
    )
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        path = write_corpus(
            size,
            args.out,
            source=source,
            seed=args.seed,
            chunk_rows=args.chunk_rows,
            wire_share=args.wire_share,
        )
        print(
            f"wrote {size:>9,} synthetic documents to {path} "
            f"({path.stat().st_size / 1e6:,.0f} MB, {time.perf_counter() - started:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
