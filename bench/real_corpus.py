"""REAL benchmark corpora from the shipped validation sets, no sentence repeated.

    .venv/bin/python bench/real_corpus.py [--out DIR] [--seed 14]

What it builds (``compose_real_corpus``), every text a real one written by
someone else (``data/validation``, read with ``analysis.validation_sets``,
split ``all``: speed does not depend on labels, and no label is used):

- English, ``nfc``: the 214 Narrative Frames Corpus articles, whole, as
  published (scraped single-line text with paragraphs run together);
- English, ``nyt_editorial`` and ``newsmtsc``: the NYT editorial sentences and
  the NewsMTSC news sentences composed into documents WITHOUT replacement:
  distinct sentences, shuffled with ``seed``, each used exactly once; a
  document takes 12-40 of them in paragraphs of 1-4 sentences separated by a
  blank line (the shape of a saved news page);
- Korean, ``nsmc``, and Japanese, ``economy_watchers``: the NSMC reviews and
  the Economy Watchers comments composed the same way (8-30 texts a document).

A text that occurs in two sets is kept in the first only, so no composed text
repeats anywhere in the English corpus (``units`` lists, per document, the
indices of the units it took; tests check each is used exactly once). These
are real texts, not a real archive: the NYT/NewsMTSC documents are sentences
of different articles side by side.

Columns: ``doc_id``, ``text``, ``outlet`` (the set name, or the article's
source for ``nfc``), ``published`` (NFC's date; empty elsewhere), ``set``,
``units``.
``write_real_corpus`` writes ``real_en.jsonl``, ``real_ko.jsonl``,
``real_ja.jsonl`` under ``config.PROCESSED_DIR / "bench"`` (gitignored).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.io import atomic_path
from analysis.validation_sets import read_validation_set

ENGLISH_SETS = ("nyt_editorial", "newsmtsc")
OTHER_SETS = {"ko": "nsmc", "ja": "economy_watchers"}
UNITS_PER_DOC = {"en": (12, 40), "ko": (8, 30), "ja": (8, 30)}
PARAGRAPH = (1, 4)
COLUMNS = ["doc_id", "text", "outlet", "published", "set", "units"]


def _distinct(texts: pd.Series, seen: set[str]) -> list[str]:
    """Texts stripped, in file order, without repeats and without any already ``seen``."""
    out = []
    for text in texts.astype(str).tolist():
        text = " ".join(text.split())
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _compose(units: list[str], *, name: str, low: int, high: int, rng) -> pd.DataFrame:
    """Documents of ``low``-``high`` units each, every unit used once, in paragraphs."""
    order = rng.permutation(len(units))
    rows, pos = [], 0
    while pos < len(order):
        size = int(rng.integers(low, high + 1))
        taken = order[pos : pos + size].tolist()
        chosen = [units[i] for i in taken]
        pos += size
        paragraphs, start = [], 0
        while start < len(chosen):
            step = int(rng.integers(PARAGRAPH[0], PARAGRAPH[1] + 1))
            paragraphs.append(" ".join(chosen[start : start + step]))
            start += step
        rows.append(
            {"doc_id": f"{name}-{len(rows):05d}", "text": "\n\n".join(paragraphs),
             "outlet": name, "published": "", "set": name, "units": tuple(taken)}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def _articles() -> pd.DataFrame:
    nfc = read_validation_set("nfc", split="all")
    return pd.DataFrame(
        {
            "doc_id": [f"nfc-{i}" for i in nfc["item_id"].astype(str)],
            "text": nfc["text"].astype(str).tolist(),
            "outlet": nfc["source"].astype(str).tolist(),
            "published": nfc["published"].fillna("").astype(str).tolist(),
            "set": "nfc",
            "units": [()] * len(nfc),
        },
        columns=COLUMNS,
    )


def compose_real_corpus(*, seed: int = 14) -> dict[str, pd.DataFrame]:
    """The three real corpora (see the module docstring).

    Args:
        seed: seeds the order in which units are drawn into documents.

    Returns:
        ``{"en": ..., "ko": ..., "ja": ...}``, each with columns ``doc_id``,
        ``text``, ``outlet``, ``published``, ``set``, ``units`` (indices of the
        composed units, in the order of that set's distinct texts; ``()`` for
        whole articles).
    """
    rng = np.random.default_rng(seed)
    articles = _articles()
    seen: set[str] = set()
    parts = [articles]
    low, high = UNITS_PER_DOC["en"]
    for name in ENGLISH_SETS:
        units = _distinct(read_validation_set(name, split="all")["text"], seen)
        parts.append(_compose(units, name=name, low=low, high=high, rng=rng))
    out = {"en": pd.concat(parts, ignore_index=True)}
    for language, name in OTHER_SETS.items():
        low, high = UNITS_PER_DOC[language]
        units = _distinct(read_validation_set(name, split="all")["text"], set())
        out[language] = _compose(units, name=name, low=low, high=high, rng=rng)
    return out


def write_real_corpus(out: str | Path | None = None, *, seed: int = 14) -> dict[str, Path]:
    """Write ``real_en.jsonl``, ``real_ko.jsonl``, ``real_ja.jsonl`` atomically.

    Args:
        out: folder (default ``config.PROCESSED_DIR / "bench"``).
        seed: see ``compose_real_corpus``.

    Returns:
        ``{"en": path, "ko": path, "ja": path}``.
    """
    folder = Path(out) if out is not None else config.PROCESSED_DIR / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for language, docs in compose_real_corpus(seed=seed).items():
        path = folder / f"real_{language}.jsonl"
        with atomic_path(path) as tmp:
            kept = docs.drop(columns=["set", "units"])
            kept.to_json(tmp, orient="records", lines=True, force_ascii=False)
        paths[language] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    for language, path in write_real_corpus(args.out, seed=args.seed).items():
        docs = pd.read_json(path, lines=True, dtype=False)
        sys.stdout.write(
            f"{language}: {len(docs)} documents, {int(docs['text'].str.len().sum()):,} "
            f"characters -> {path}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
