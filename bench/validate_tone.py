"""How well tone, VADER and TextBlob agree with human coders on the held-out ``test`` splits.

    .venv/bin/python bench/validate_tone.py [--model PATH] [--stored]

Re-measures, on the ``test`` split of each validation set the shipped model was
NOT fitted on (analysis.validation_sets: 30% by a hash of the text), tone with
and without name masking and VADER and TextBlob with and without it:

- nyt_editorial (en): Pearson r with the mean human rating;
- newsmtsc (en, the third the model uses): Pearson r with the mean polarity
  toward the sentence's targets, and 3-class accuracy against its sign;
- ecosent (en): 3-class accuracy against the expert code (tone: its neutral
  band; VADER +-0.05; TextBlob the sign);
- economy_watchers (ja), nsmc (ko): AUC (VADER and TextBlob do not read them).

Each figure with its 95% bootstrap interval and n. ``--stored`` prints the
figures kept in the model file instead (no embedding: seconds, not minutes).
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from analysis.sentiment.build import all_held_out_figures
from analysis.sentiment.model import load_tone_model

TARGETS = {
    ("nyt_editorial", "pearson_r"): 0.60,
    ("ecosent", "accuracy_3class"): 0.60,
    ("economy_watchers", "auc"): 0.85,
    ("nsmc", "auc"): 0.80,
}


def figures_table(figures: list[dict]) -> pd.DataFrame:
    """One row per (dataset, split, measure), one column per engine: ``value [low, high]``."""
    df = pd.DataFrame(figures)
    df["cell"] = [
        f"{v:.3f} [{lo:.2f}, {hi:.2f}]"
        for v, lo, hi in zip(df["value"], df["ci_low"], df["ci_high"], strict=True)
    ]
    table = df.pivot_table(
        index=["dataset", "language", "split", "measure", "n"],
        columns="engine",
        values="cell",
        aggfunc="first",
        sort=False,
    )
    table["target"] = [TARGETS.get((d, m), "") for d, _, _, m, _ in table.index]
    return table.fillna("-").reset_index()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="tone model file (default: the shipped model)")
    parser.add_argument("--stored", action="store_true", help="print the model file's figures")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    model = load_tone_model(args.model)
    figures = list(model.figures) if args.stored else all_held_out_figures(model)
    table = figures_table(figures)
    with pd.option_context("display.width", 250, "display.max_columns", 20):
        print(
            f"model: {model.path} (encoder {model.encoder} {model.encoder_version}); "
            f"{'stored' if args.stored else 're-measured'} figures, held-out test splits"
        )
        print(table.to_string(index=False))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
