"""Findings in words, computed from the tables a report shows.

Each function takes one result table (a comparison, a prevalence table, a time
series, a before/after table) and returns one or two sentences that state what
the numbers show, quoting them in the same form as the table cells
(``format_interval``: ``0.07 [-0.02, 0.16]``; ``share_cell``: ``41% [30%, 52%]``),
so a reader can find every number of a sentence in the table above it. Nothing
here describes a figure element, a group or a frame the table does not hold.

The small-sample policy (``analysis.sample_policy``) decides what may be said: a
group below ``min_n`` documents is described, never compared. A difference is
called clear when its 95 % interval excludes 0 and, where the table shows several
comparisons, its Holm-adjusted p-value is below 0.05.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare import format_interval, format_number
from analysis.sample_policy import MIN_N
from analysis.timeseries import period_label

__all__ = [
    "cannot_show",
    "comparison_finding",
    "counts_finding",
    "period_label",
    "prevalence_finding",
    "series_finding",
    "share_cell",
    "share_change_finding",
    "window_finding",
]

ALPHA = 0.05
MAX_LISTED = 3


def cannot_show(what: str, why: str) -> str:
    """The sentence for a section that has nothing to show: ``"No time series: why."``"""
    return f"{what[:1].upper()}{what[1:]}: {why.rstrip('.')}."


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


def prevalence_finding(
    prevalence: pd.DataFrame, *, by: str, item: str = "frame", min_n: int = MIN_N
) -> str:
    """What a ``frame_prevalence`` table shows: the most and least used frames overall and
    the largest difference between groups with at least ``min_n`` coded documents.

    Returns:
        One to three sentences quoting shares as ``share_cell`` does.
    """
    totals = prevalence.groupby("frame", sort=False)[["n_present", "n_docs"]].sum()
    n_docs = int(totals["n_docs"].max()) if len(totals) else 0
    if n_docs == 0:
        return f"No document could be coded, so no {item} share can be given."
    if totals["n_present"].sum() == 0:
        return f"No {item} of the codebook is found in any of the {n_docs} coded documents."
    totals = totals.assign(share=totals["n_present"] / totals["n_docs"])
    ranked = totals.sort_values("share", ascending=False, kind="stable")
    first = ranked.iloc[0]
    text = (
        f"The most common {item} is {ranked.index[0]}: in {int(first['n_present'])} of "
        f"{int(first['n_docs'])} coded documents ({_percent(first['share'])})."
    )
    never = [str(f) for f, r in ranked.iterrows() if r["n_present"] == 0]
    if never:
        text += f" Never found: {_listing(never[:6])}{' and others' if len(never) > 6 else ''}."
    readable = prevalence[prevalence["n_docs"] >= min_n]
    if readable[by].nunique() < 2:
        return text + f" Fewer than two groups have {min_n} or more coded documents to compare."
    spread = readable.groupby("frame")["present_share"].agg(lambda s: s.max() - s.min())
    frame = spread.idxmax()
    rows = readable[readable["frame"] == frame].sort_values("present_share")
    hi, lo = rows.iloc[-1], rows.iloc[0]
    return text + (
        f" The largest difference between groups is {frame}: {hi[by]} "
        f"{share_cell(hi['present_share'], hi['ci_low'], hi['ci_high'])} vs {lo[by]} "
        f"{share_cell(lo['present_share'], lo['ci_low'], lo['ci_high'])}."
    )


def _series_clause(part: pd.DataFrame, *, period: str, min_n: int, count: bool) -> str:
    n = part["n_obs"] if "n_obs" in part.columns else part["n"]
    if count:
        peak = part.loc[n.idxmax()]
        empty = int((n == 0).sum())
        none = f"; {empty} of {len(part)} {period}s have none" if len(part) > 1 else ""
        return f"most in {period_label(peak['period_start'], period)} ({int(n.max())}){none}"
    ok = part[n >= min_n]
    if len(ok) < 2:
        return f"fewer than two {period}s hold {min_n} or more documents: no trend can be read"
    hi, lo = ok.loc[ok["value"].idxmax()], ok.loc[ok["value"].idxmin()]
    return (
        f"highest in {period_label(hi['period_start'], period)} "
        f"({format_number(hi['value'], digits=2)}, n = {int(hi.get('n_obs', hi.get('n')))}) "
        f"and lowest in {period_label(lo['period_start'], period)} "
        f"({format_number(lo['value'], digits=2)}, n = {int(lo.get('n_obs', lo.get('n')))}) "
        f"among the {len(ok)} {period}s with {min_n} or more documents"
    )


def series_finding(
    series: pd.DataFrame, *, measure: str, min_n: int = MIN_N, max_groups: int = MAX_LISTED
) -> str:
    """What a ``time_series`` table shows: for counts the peak period and the empty ones,
    for a measure its highest and lowest period among those with ``min_n`` documents.

    Returns:
        One sentence, one clause per group (the ``max_groups`` largest).
    """
    period = series.attrs.get("period", "period")
    count = series.attrs.get("value") == "n_documents"
    if series.empty:
        return cannot_show(f"no {measure} over time", "no dated document")
    n_col = "n_obs" if "n_obs" in series.columns else "n"
    sizes = series.groupby("group")[n_col].sum().sort_values(ascending=False, kind="stable")
    options = {"period": period, "min_n": min_n, "count": count}
    clauses = [
        f"{name}: {_series_clause(series[series['group'] == name], **options)}"
        for name in sizes.index[:max_groups]
    ]
    extra = len(sizes) - max_groups
    more = f" ({extra} smaller groups not described)" if extra > 0 else ""
    return f"{measure[:1].upper()}{measure[1:]} per {period}, {'; '.join(clauses)}{more}."


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


def share_change_finding(
    table: pd.DataFrame, *, item: str = "frame", min_n: int = MIN_N, event: str = "the event"
) -> str:
    """What a before/after table of shares shows (``compare_event_window`` on a 0/1 column,
    one block per ``frame``): the clear changes, or the largest change when none is clear.

    Returns:
        One or two sentences with the shares before and after.
    """
    blocks = []
    for frame, part in table.groupby("frame", sort=False):
        before, after, change = _window_rows(part.assign(group="all"), "all")
        if _n(before) >= min_n and _n(after) >= min_n:
            blocks.append((frame, before, after, change))
    if not blocks:
        return (
            f"Fewer than {min_n} documents on one side of {event}: no change in a {item} share "
            "can be read."
        )
    clear = [b for b in blocks if _is_clear(b[3], len(blocks))]
    sizes = f"{_n(blocks[0][1])} documents before, {_n(blocks[0][2])} after"
    if clear:
        parts = [
            f"{frame} {'rose' if float(c['diff']) > 0 else 'fell'} from {_percent(b['mean'])} "
            f"to {_percent(a['mean'])} of documents (change {_cell(c, 'diff')})"
            for frame, b, a, c in clear[:MAX_LISTED]
        ]
        more = f" and {len(clear) - MAX_LISTED} more" if len(clear) > MAX_LISTED else ""
        return f"After {event} ({sizes}): {'; '.join(parts)}{more}."
    frame, b, a, c = max(blocks, key=lambda b: abs(float(b[3]["diff"])))
    return (
        f"No {item} share changed clearly after {event} ({sizes}, {len(blocks)} {item}s "
        f"compared, Holm-adjusted); the largest difference: {frame}, {_percent(b['mean'])} "
        f"before and {_percent(a['mean'])} after (change {_cell(c, 'diff')})."
    )


def counts_finding(counts: pd.Series, *, what: str, unit: str = "documents") -> str:
    """What a count per group shows: the largest groups and how many are tiny.

    Args:
        counts: Count per group (e.g. documents per publisher country).
        what: What the groups are ("publisher country").
        unit: What is counted.

    Returns:
        One sentence: the largest group(s) with their share, and how many groups hold a
        single item.
    """
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    total = int(counts.sum())
    if total == 0:
        return f"No {unit} to count by {what}."
    if len(counts) == 1:
        return f"All {total} {unit} have the same {what}: {counts.index[0]}."
    if counts.nunique() == 1:
        each = int(counts.iloc[0])
        return f"{len(counts)} values of {what}, {each} {unit if each > 1 else unit[:-1]} each."
    top = [f"{name} {int(n)} ({_percent(n / total)})" for name, n in counts.head(3).items()]
    singles = int((counts == 1).sum())
    text = f"{len(counts)} values of {what} among {total} {unit}; the largest: {_listing(top)}."
    if singles:
        text += f" {singles} of them hold a single {unit.rstrip('s')}."
    return text
