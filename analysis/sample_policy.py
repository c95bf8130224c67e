"""One small-sample policy for every table and figure of a report.

Below ``min_n`` documents a group, a period or a side of an event gets no
interval, no p-value and no effect size anywhere: its mean or share is still
shown, as a description of those few texts, and its row carries the
"too small to say anything" warning. Each report states the policy once
(``policy_note``) and passes every table through ``apply_min_n`` before showing
it, which also recomputes Holm's adjustment over exactly the comparisons left
in the table (a table of 3 pairs is adjusted for 3 tests, not for the 171 pairs
of the call that produced it).

Why ``MIN_N = 5``: the mean intervals (Student t, Welch t; ``analysis.intervals``)
and the share intervals (Wilson, Newcombe) keep their nominal 95 % coverage from
5 documents on (simulation in ``tests/test_intervals.py``); below that an interval
is either missing (one document) or a formality.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare import holm_adjust

__all__ = ["MIN_N", "SMALL", "apply_min_n", "inferential_columns", "policy_note", "small_rows"]

MIN_N = 5
SMALL = "too small to say anything"
SIZE_COLUMNS = ("n_obs", "n", "n_other", "n_docs")
TEST_COLUMNS = ("p_value", "p_holm", "cohens_d", "cliffs_delta")


def policy_note(min_n: int = MIN_N) -> str:
    """The sentence each report shows once, before its first table."""
    return (
        f"A group, period or side with fewer than {min_n} documents is "
        f"marked \u201c{SMALL}\u201d and gets no interval, p-value or effect size anywhere in "
        "this report; its mean or share describes those few texts only. Intervals are 95 %: "
        "Student t for a mean, Welch t for a difference of means, Wilson and Newcombe score "
        "intervals for shares. p-values come from permutation tests; where a table shows "
        "several comparisons, p_holm is adjusted (Holm) for exactly the comparisons in it."
    )


def inferential_columns(table: pd.DataFrame) -> list[str]:
    """The columns ``apply_min_n`` blanks: intervals, p-values and effect sizes."""
    return [c for c in table.columns if c in TEST_COLUMNS or c.endswith(("ci_low", "ci_high"))]


def small_rows(table: pd.DataFrame, *, min_n: int = MIN_N, sizes=None) -> pd.Series:
    """True for the rows where any size column (``n_obs``/``n``, ``n_other``, ``n_docs``,
    or ``sizes``) is below ``min_n``; a missing size (NA ``n_other`` of a group row) is
    not small."""
    columns = [c for c in (sizes or SIZE_COLUMNS) if c in table.columns]
    if not columns:
        raise ValueError(
            f"apply_min_n: no size column ({', '.join(SIZE_COLUMNS)}); found {list(table.columns)}"
        )
    small = pd.Series(False, index=table.index)
    for column in columns:
        n = pd.to_numeric(table[column], errors="coerce")
        small |= (n < min_n).fillna(False).astype(bool)
    return small


def apply_min_n(table: pd.DataFrame, *, min_n: int = MIN_N, sizes=None) -> pd.DataFrame:
    """Blank intervals, p-values and effect sizes of the rows below ``min_n``; re-adjust.

    Args:
        table: Any report table with size columns (``compare_groups``,
            ``compare_event_window``, ``time_series``, ``frame_prevalence``,
            ``directed_tone`` outputs, or a selection of their rows). Not modified.
        min_n: Smallest number of documents that gets an interval or a test.
        sizes: Size columns to read; default every one of ``n_obs``, ``n``, ``n_other``,
            ``n_docs`` present.

    Returns:
        A copy with the same columns: ``inferential_columns`` NaN on small rows, the
        ``warning`` cell (when the column exists and is empty) set to the policy's
        wording, and ``p_holm`` (when present) recomputed over the ``p_value`` cells left.
    """
    small = small_rows(table, min_n=min_n, sizes=sizes)
    out = table.copy()
    blank = inferential_columns(out)
    rows = small.to_numpy()
    for column in blank:
        out[column] = out[column].astype("float64").mask(rows, np.nan)
    if "warning" in out.columns:
        empty = out["warning"].fillna("").astype(str).eq("")
        out["warning"] = (
            out["warning"].astype("string").mask(small & empty, f"{SMALL} (fewer than {min_n})")
        )
    if "p_holm" in out.columns and "p_value" in out.columns:
        out["p_holm"] = holm_adjust(out["p_value"])
    return out
