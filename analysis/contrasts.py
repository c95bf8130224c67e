"""Share of documents with each item (frame, variant) on two sides, side by side.

A profile compares a group with the rest of the corpus frame by frame; an event
report compares the documents after an event with those before. Both ask the same
question of a 0/1 table (one row per document and item): for every item, the share
of each side's documents that have it, the difference with its interval, and a test
adjusted for the number of items compared. ``compare_shares`` answers it with
``compare_groups`` (Wilson intervals per side, Newcombe for the difference, a
permutation p-value) and applies the small-sample policy, so the table can be shown
as it is; ``analysis.findings.contrast_finding`` states what it shows.
"""

from __future__ import annotations

import warnings

import pandas as pd

from analysis.checks import require_columns
from analysis.compare import compare_groups
from analysis.sample_policy import MIN_N, apply_min_n

__all__ = ["CONTRAST_COLUMNS", "compare_shares"]

CONTRAST_COLUMNS = [
    "n_a", "share_a", "share_a_ci_low", "share_a_ci_high",
    "n_b", "share_b", "share_b_ci_low", "share_b_ci_high",
    "diff", "diff_ci_low", "diff_ci_high", "p_value", "p_holm", "warning",
]  # fmt: skip


def _row(part: pd.DataFrame, *, value, by, a, b, min_n) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the warning column says it
        table = compare_groups(part, value=value, by=by, groups=[a, b], reference=b,
                               min_n=min_n, share=True)  # fmt: skip
    side = table[table["other"].isna()].set_index("group")
    pair = table[table["other"].notna()].iloc[0]
    row = {}
    for key, name in (("a", a), ("b", b)):
        s = side.loc[name]
        row[f"n_{key}"], row[f"share_{key}"] = int(s["n"]), s["mean"]
        row[f"share_{key}_ci_low"], row[f"share_{key}_ci_high"] = s["ci_low"], s["ci_high"]
    keep = ["diff", "diff_ci_low", "diff_ci_high", "p_value", "warning"]
    return row | {k: pair[k] for k in keep}


def compare_shares(
    df: pd.DataFrame,
    *,
    by: str,
    a: str,
    b: str,
    value: str = "present",
    item: str = "frame",
    min_n: int = MIN_N,
) -> pd.DataFrame:
    """Per item, the share of side ``a``'s and side ``b``'s documents with it, and a minus b.

    Args:
        df: One row per (document, item) with the 0/1 ``value`` and the side column ``by``
            (e.g. ``code_frames`` output merged with a ``profile`` or ``window`` column).
        by: Column naming each row's side.
        a, b: The two sides compared (``a`` minus ``b``): e.g. a group and "rest of
            corpus", or "after" and "before".
        value: The 0/1 column.
        item: The column of items (``frame``).
        min_n: Sides below this many documents get no interval or test.

    Returns:
        One row per item (in order of appearance): ``item``, then ``CONTRAST_COLUMNS``:
        ``n_a``, ``share_a`` (with ``share_a_ci_low``/``_high``, Wilson), the same for
        ``b``, ``diff`` (share a minus share b, with Newcombe ``diff_ci_low``/``_high``),
        ``p_value`` (permutation), ``p_holm`` (Holm over the items of this table) and
        ``warning``; ``apply_min_n`` applied. ``attrs``: ``a``, ``b``, ``item``.
    """
    require_columns(df, [by, value, item], what="compare_shares")
    rows = [
        {item: name, **_row(part, value=value, by=by, a=a, b=b, min_n=min_n)}
        for name, part in df.groupby(item, sort=False)
    ]
    table = pd.DataFrame(rows, columns=[item, *CONTRAST_COLUMNS])
    table = apply_min_n(table.astype({"p_holm": "float64"}), min_n=min_n, sizes=("n_a", "n_b"))
    table.attrs = {"a": a, "b": b, "item": item}
    return table
