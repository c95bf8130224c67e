"""Translation invariance: how often two versions of one statement get the same frames.

Two kinds of pairs, reported apart:

1. TRANSLATIONS: the 2015 joint announcement on the comfort women issue in English,
   Japanese and Korean (tests/parallel_texts.py: short official texts with their
   sources), every two versions of each item. This measures the codebooks' Korean and
   Japanese terms against their English ones. Nothing was tuned on these texts.
2. SAME EVENT, DIFFERENT AUTHORS: the sample corpus's event pairs (``pair_group``, a
   Japanese, a Korean and a U.S. government text on one meeting, in English; only
   versions from different countries are compared). This
   measures real differences of framing between the two sides as much as the codebook.

Prints, per codebook: pairs, the share with identical frame sets (Wilson 95% CI), the
mean Jaccard and the mean per-frame agreement (bootstrap 95% CI), and for translations
the pairs that differ. Run: ``python bench/translation_invariance.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from analysis.corpus import load_corpus
from analysis.invariance import frame_invariance, invariance_summary

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from parallel_texts import parallel_docs  # noqa: E402

CODEBOOKS = ("kj_frames", "generic_frames", "policy_frames")


def _print_summary(label: str, table: pd.DataFrame) -> None:
    summary = invariance_summary(table)
    print(f"  {label}: {len(table)} pairs")
    for row in summary.itertuples(index=False):
        print(f"    {row.measure:22s} {row.value:6.3f}  [{row.ci_low:.3f}, {row.ci_high:.3f}]"
              f"  ({row.ci_method})")  # fmt: skip


def main() -> int:
    start = time.perf_counter()
    translations = parallel_docs()
    sample = load_corpus()
    events = sample[sample["pair_group"].notna()]
    for name in CODEBOOKS:
        print(f"== {name}")
        table = frame_invariance(translations, name)
        _print_summary("translations (2015 announcement, en/ja/ko)", table)
        for row in table[~table["is_identical"]].itertuples(index=False):
            print(f"      differs: {row.pair_id} {row.language_a}={row.frames_a or '-'} "
                  f"{row.language_b}={row.frames_b or '-'}")  # fmt: skip
        paired = frame_invariance(events, name, by="pair_group", across="outlet_country")
        _print_summary("same event, publishers of different countries (sample, en)", paired)
    print(f"(took {time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
