"""How well TextBlob and VADER agree with human ratings (data/validation).

Prints Pearson r with the human mean on the NYT editorial snippets, the share
of snippets scored exactly 0, and 3-class accuracy on the ecosent headlines,
for the plain libraries (each text scored whole) and for the package's
document-level scores, beside the README's reference figures. All figures use
the whole sets (nothing is tuned on them). Run: ``python bench/validate_sentiment.py``.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from analysis import config
from analysis.sentiment import validation_figures


def main() -> int:
    started = time.perf_counter()
    table = validation_figures(config.VALIDATION_DIR)
    with pd.option_context("display.width", 120, "display.float_format", "{:.3f}".format):
        print(f"validation sets: {config.VALIDATION_DIR} (whole sets, no tuning)")
        print(table.to_string(index=False))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
