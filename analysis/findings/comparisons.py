"""Findings of comparisons: groups, before/after an event, shares side by side, extremes.

A difference is called clear when its 95 % interval excludes 0 and, where the table
shows several comparisons, its Holm-adjusted p-value is below 0.05; a group below
``min_n`` documents is described, never compared (``analysis.sample_policy``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare import format_interval
from analysis.findings.cells import _cell, _float, _listing, _n, _percent
from analysis.sample_policy import MIN_N

__all__ = ["comparison_finding", "contrast_finding", "extremes_finding", "window_finding"]

ALPHA = 0.05


MAX_LISTED = 3


def _is_clear(row, n_comparisons: int) -> bool:
    low, high = float(row["diff_ci_low"]), float(row["diff_ci_high"])
    if not (np.isfinite(low) and np.isfinite(high)) or low <= 0 <= high:
        return False
    return n_comparisons == 1 or float(row.get("p_holm", np.nan)) < ALPHA


def _pair_sentence(row, *, measure: str, unit: str, clear: bool) -> str:
    a, b = str(row["group"]), str(row["other"])
    sizes = f"{_n(row)} vs {int(row['n_other'])} {unit}"
    diff = f"difference {_cell(row, 'diff')}"
    if not clear:
        return f"{a} and {b} cannot be told apart on {measure}: {diff}, {sizes}."
    side = "higher" if float(row["diff"]) > 0 else "lower"
    return f"{a} is {side} than {b} on {measure}: {diff}, {sizes}."


def comparison_finding(
    table: pd.DataFrame, *, measure: str, unit: str = "documents", min_n: int = MIN_N
) -> str:
    """What a ``compare_groups`` table (or a selection of its rows) shows, in words.

    Args:
        table: ``compare_groups`` output: group rows (``other`` NA) and pair rows.
        measure: What ``mean`` measures, for the sentence ("VADER tone").
        unit: What ``n`` counts.
        min_n: Groups below this are described, never compared.

    Returns:
        One to three sentences quoting the means, differences and intervals.
    """
    groups = table[table["other"].isna()]
    groups = groups[[_n(r) > 0 for _, r in groups.iterrows()]]
    if groups.empty:
        return f"No {unit} have a value of {measure}: nothing to describe or compare."
    readable = groups[[_n(r) >= min_n for _, r in groups.iterrows()]]
    if readable.empty:
        sizes = _listing([f"{r['group']} {_n(r)}" for _, r in groups.iterrows()])
        return (
            f"No group has {min_n} or more {unit} with {measure} ({sizes}): the means describe "
            "those few texts only, and no comparison is made."
        )
    ranked = readable.sort_values("mean", ascending=False)
    top, low = ranked.iloc[0], ranked.iloc[-1]
    text = f"Highest mean {measure}: {top['group']} {_cell(top)} ({_n(top)} {unit})"
    text += "." if len(ranked) == 1 else f"; lowest: {low['group']} {_cell(low)} ({_n(low)})."
    if len(groups) == 1:
        return text + " It is the only group, so nothing is compared."
    pairs = table[table["other"].notna()]
    pairs = pairs[[_n(r) >= min_n and int(r["n_other"]) >= min_n for _, r in pairs.iterrows()]]
    if pairs.empty:
        small = len(groups) - len(readable)
        return text + (
            f" No two groups both have {min_n} or more {unit}, so none is compared"
            + (f" ({small} group(s) below {min_n})." if small else ".")
        )
    if len(pairs) == 1:
        row = pairs.iloc[0]
        return _pair_sentence(row, measure=measure, unit=unit, clear=_is_clear(row, 1))
    clear = [r for _, r in pairs.iterrows() if _is_clear(r, len(pairs))]
    if not clear:
        return text + f" None of the {len(pairs)} comparisons is clear after Holm's adjustment."
    listed = [
        f"{r['group']} vs {r['other']} (difference {_cell(r, 'diff')})" for r in clear[:MAX_LISTED]
    ]
    more = f" and {len(clear) - MAX_LISTED} more" if len(clear) > MAX_LISTED else ""
    return text + (
        f" {len(clear)} of {len(pairs)} comparisons are clear after Holm's adjustment: "
        f"{'; '.join(listed)}{more}; the others cannot be told apart."
    )


def _window_rows(table: pd.DataFrame, group: str) -> tuple:
    part = table[table["group"] == group]
    side = {w: part[(part["window"] == w) & part["other"].isna()] for w in ("before", "after")}
    change = part[part["other"].notna()]
    return side["before"].iloc[0], side["after"].iloc[0], change.iloc[0]


def window_finding(
    table: pd.DataFrame, *, measure: str, min_n: int = MIN_N, event: str = "the event"
) -> str:
    """What a ``compare_event_window`` table shows: per group, whether ``measure`` changed
    after the event (clear: interval excludes 0 and, with several groups, Holm p < 0.05).

    Returns:
        One sentence per group, or one saying no group has ``min_n`` documents each side.
    """
    groups = list(dict.fromkeys(table["group"].astype(str)))
    changes = table[table["other"].notna()]
    readable = changes[[_n(r) >= min_n and int(r["n_other"]) >= min_n
                        for _, r in changes.iterrows()]]  # fmt: skip
    sentences, small = [], []
    for group in groups:
        before, after, change = _window_rows(table, group)
        nb, na = _n(before), _n(after)
        if nb < min_n or na < min_n:
            small.append(f"{group} ({nb} before, {na} after)")
            continue
        clear = _is_clear(change, len(readable))
        verb = (
            ("rose" if float(change["diff"]) > 0 else "fell") if clear else "did not clearly change"
        )
        sentences.append(
            f"{group}: {measure} {verb} after {event} ({_cell(before)} before, {_cell(after)} "
            f"after; change {_cell(change, 'diff')}; {nb} vs {na} documents)."
        )
    if small:
        sentences.append(
            f"Too few documents on one side to compare (fewer than {min_n}): {_listing(small)}."
        )
    return " ".join(sentences)


def contrast_finding(table: pd.DataFrame, *, context: str = "", min_n: int = MIN_N) -> str:
    """What a ``compare_shares`` table shows: the items whose share differs clearly between
    the two sides (interval excludes 0 and Holm p < 0.05 over the items), or the largest
    difference when none does.

    Args:
        table: ``analysis.contrasts.compare_shares`` output (``attrs`` name the sides).
        context: Words placed after the sides, e.g. "after 2018-10-30".
        min_n: The table's small-sample threshold.

    Returns:
        One sentence with each side's share (``41%``) and the difference as in the table.
    """
    a, b, item = table.attrs.get("a", "a"), table.attrs.get("b", "b"), table.attrs.get("item")
    item = item or "item"
    ok = table[(table["n_a"] >= min_n) & (table["n_b"] >= min_n)]
    sides = f"{a} ({int(table['n_a'].max())} documents) vs {b} ({int(table['n_b'].max())})"
    if table.empty or ok.empty:
        return f"{sides}: a side has fewer than {min_n} documents, so no {item} share is compared."
    n = len(ok)
    clear = [r for _, r in ok.iterrows() if _is_clear(r, n)]

    def part(r) -> str:
        return (
            f"{r[item]} {_percent(r['share_a'])} vs {_percent(r['share_b'])} "
            f"(difference {_cell(r, 'diff')})"
        )

    where = f" {context}" if context else ""
    if clear:
        more = f" and {len(clear) - MAX_LISTED} more" if len(clear) > MAX_LISTED else ""
        listed = "; ".join(part(r) for r in clear[:MAX_LISTED])
        return f"{sides}{where}: {len(clear)} of {n} {item}s differ clearly: {listed}{more}."
    largest = ok.loc[ok["diff"].abs().idxmax()]
    return (
        f"{sides}{where}: no {item} share differs clearly ({n} compared, Holm-adjusted); "
        f"the largest difference: {part(largest)}."
    )


def extremes_finding(
    table: pd.DataFrame,
    *,
    value: str,
    labels: list[str],
    measure: str,
    size: str = "n_docs",
    min_n: int = MIN_N,
) -> str:
    """The highest and lowest rows of a table on ``value`` among rows with ``min_n`` or more
    documents (e.g. tone toward each side per publisher group).

    Args:
        table: Rows with ``value``, ``value_ci_low``/``_ci_high``, ``size`` and ``labels``.
        value: The estimate column.
        labels: Columns that name a row ("outlet_country", "target").
        measure: What ``value`` measures, for the sentence.
        size: The documents column the small-sample rule reads.
        min_n: Rows below it are left out.

    Returns:
        One sentence quoting both rows as the table's interval cells.
    """
    ok = table[pd.to_numeric(table[size], errors="coerce") >= min_n].dropna(subset=[value])
    if ok.empty:
        return f"No row rests on {min_n} or more documents: the values describe single texts."

    def row_text(r) -> str:
        bounds = (value, f"{value}_ci_low", f"{value}_ci_high")
        cell = format_interval(*(_float(r[c]) for c in bounds))
        return f"{' / '.join(str(r[c]) for c in labels)} {cell} ({int(r[size])} documents)"

    ranked = ok.sort_values(value)
    high, low = ranked.iloc[-1], ranked.iloc[0]
    if len(ranked) == 1:
        return f"Only one row rests on {min_n} or more documents: {row_text(high)}."
    return (
        f"Highest {measure} among the {len(ranked)} rows with {min_n} or more documents: "
        f"{row_text(high)}; lowest: {row_text(low)}."
    )
