"""Numbers as a report shows them, so a finding can quote exactly what a table holds.

``interval_table`` puts each estimate and its 95 % bounds in one cell (``0.07
[-0.02, 0.16]``; a share ``41% [30%, 52%]``), and the sentences of
``analysis.findings`` quote the same cells.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare import format_interval

__all__ = ["interval_table", "share_cell"]


def _n(row) -> int:
    value = row.get("n_obs", row.get("n"))
    return 0 if value is None or pd.isna(value) else int(value)


def _percent(value: float) -> str:
    return "NA" if not np.isfinite(value) else f"{round(100 * float(value)):d}%"


def share_cell(share: float, low: float = np.nan, high: float = np.nan) -> str:
    """A share and its interval as percentages: ``"41% [30%, 52%]"`` (``"41%"`` alone
    without bounds, ``"NA"`` without a share)."""
    if not np.isfinite(share):
        return "NA"
    if not (np.isfinite(low) and np.isfinite(high)):
        return _percent(share)
    return f"{_percent(share)} [{_percent(low)}, {_percent(high)}]"


def _cell(row, prefix: str = "") -> str:
    if str(row.get("ci_method", "")) in ("wilson", "newcombe") and not prefix:
        return share_cell(row["mean"], row["ci_low"], row["ci_high"])
    names = ("diff", "diff_ci_low", "diff_ci_high") if prefix else ("mean", "ci_low", "ci_high")
    return format_interval(*(float(row[c]) for c in names))


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# Estimate columns and their bounds, and the column that shows them as one cell.
INTERVAL_CELLS = (
    ("mean", "ci_low", "ci_high", "mean [95% CI]"),
    ("value", "ci_low", "ci_high", "value [95% CI]"),
    ("present_share", "ci_low", "ci_high", "share [95% CI]"),
    ("share_a", "share_a_ci_low", "share_a_ci_high", "share a [95% CI]"),
    ("share_b", "share_b_ci_low", "share_b_ci_high", "share b [95% CI]"),
    ("diff", "diff_ci_low", "diff_ci_high", "difference [95% CI]"),
    ("estimate", "ci_low", "ci_high", "estimate [95% CI]"),
)


SHARE_COLUMNS = ("present_share", "share_a", "share_b")
DIGITS = {"estimate": 3}  # model coefficients as analysis.models.describe_model quotes them


def _float(value) -> float:
    return np.nan if value is None or pd.isna(value) else float(value)


def _is_share_row(row, estimate: str) -> bool:
    return estimate in SHARE_COLUMNS or (
        estimate in ("mean", "value") and str(row.get("ci_method", "")) == "wilson"
    )


def _odds_ratios(table: pd.DataFrame) -> list[str]:
    bounds = ("estimate", "ci_low", "ci_high")
    return [
        format_interval(*np.exp([_float(r[c]) for c in bounds])) if r["model"] == "logit" else ""
        for _, r in table.iterrows()
    ]


def interval_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader sees it: each estimate and its bounds in one cell, in the form
    the findings quote (``0.07 [-0.02, 0.16]``; shares ``41% [30%, 52%]``).

    Args:
        table: Any result table with estimate/bound column triples (``mean``/``ci_low``/
            ``ci_high``, ``diff``/``diff_ci_low``/``diff_ci_high``, ``share_a``/...,
            ``value``, ``present_share``, a model's ``estimate``, or any
            ``X``/``X_ci_low``/``X_ci_high``); not modified. A model table (``model``
            column) also gets the odds ratio of its logit rows.

    Returns:
        A copy where each triple present is replaced, in place of the estimate, by one
        string column (``mean [95% CI]``, ``difference [95% CI]``, ...); other columns as
        they were.
    """
    out = table.copy()
    if {"model", "estimate", "ci_low", "ci_high"} <= set(out.columns):  # logit: odds ratios too
        with np.errstate(over="ignore"):  # a separated logit: the odds ratio is NA
            odds = _odds_ratios(out)
        out.insert(list(out.columns).index("ci_high") + 1, "odds ratio [95% CI]", odds)
    generic = [
        (c, f"{c}_ci_low", f"{c}_ci_high", f"{c} [95% CI]")
        for c in out.columns
        if {f"{c}_ci_low", f"{c}_ci_high"} <= set(out.columns)
    ]
    for estimate, low, high, label in [*INTERVAL_CELLS, *generic]:
        if not {estimate, low, high} <= set(out.columns):
            continue
        cells = [
            share_cell(*(_float(r[c]) for c in (estimate, low, high)))
            if _is_share_row(r, estimate)
            else format_interval(
                *(_float(r[c]) for c in (estimate, low, high)), digits=DIGITS.get(estimate, 2)
            )
            for _, r in out.iterrows()
        ]
        out[estimate] = cells
        out = out.drop(columns=[low, high]).rename(columns={estimate: label})
    return out
