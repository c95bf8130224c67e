"""Findings that describe: counts per group, prevalence of frames, series over time, and
the sentence of a section that has nothing to show."""

from __future__ import annotations

import pandas as pd

from analysis.compare import format_number
from analysis.findings.cells import _listing, _percent, share_cell
from analysis.findings.comparisons import MAX_LISTED
from analysis.sample_policy import MIN_N
from analysis.timeseries import period_label

__all__ = ["cannot_show", "counts_finding", "prevalence_finding", "series_finding"]


def cannot_show(what: str, why: str) -> str:
    """The sentence for a section that has nothing to show: ``"No time series: why."``"""
    return f"{what[:1].upper()}{what[1:]}: {why.rstrip('.')}."


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


def _series_value(row, share: bool) -> str:
    return _percent(row["value"]) if share else format_number(row["value"], digits=2)


def _series_clause(
    part: pd.DataFrame, *, period: str, min_n: int, count: bool, share: bool = False
) -> str:
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
        f"({_series_value(hi, share)}, n = {int(hi.get('n_obs', hi.get('n')))}) "
        f"and lowest in {period_label(lo['period_start'], period)} "
        f"({_series_value(lo, share)}, n = {int(lo.get('n_obs', lo.get('n')))}) "
        f"among the {len(ok)} {period}s with {min_n} or more documents"
    )


def series_finding(
    series: pd.DataFrame,
    *,
    measure: str,
    min_n: int = MIN_N,
    max_groups: int = MAX_LISTED,
    share: bool = False,
) -> str:
    """What a ``time_series`` table shows: for counts the peak period and the empty ones,
    for a measure its highest and lowest period among those with ``min_n`` documents.
    With ``share`` (the series of a 0/1 flag) the values are quoted as percentages, as
    ``interval_table`` shows a share.

    Returns:
        One sentence, one clause per group (the ``max_groups`` largest).
    """
    period = series.attrs.get("period", "period")
    count = series.attrs.get("value") == "n_documents"
    if series.empty:
        return cannot_show(f"no {measure} over time", "no dated document")
    n_col = "n_obs" if "n_obs" in series.columns else "n"
    sizes = series.groupby("group")[n_col].sum().sort_values(ascending=False, kind="stable")
    options = {"period": period, "min_n": min_n, "count": count, "share": share}
    clauses = [
        f"{name}: {_series_clause(series[series['group'] == name], **options)}"
        for name in sizes.index[:max_groups]
    ]
    extra = len(sizes) - max_groups
    more = f" ({extra} smaller groups not described)" if extra > 0 else ""
    return f"{measure[:1].upper()}{measure[1:]} per {period}, {'; '.join(clauses)}{more}."


def counts_finding(counts: pd.Series, *, what: str, unit: str = "documents") -> str:
    """What a count per group shows: the largest groups and how many are tiny.

    Args:
        counts: Count per group (e.g. documents per publisher country).
        what: What the groups are ("publisher country").
        unit: What is counted.

    Returns:
        One sentence: the largest group(s) with their counts, and how many groups hold a
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
    top = [f"{name} {int(n)}" for name, n in counts.head(3).items()]
    singles = int((counts == 1).sum())
    text = f"{len(counts)} values of {what} among {total} {unit}; the largest: {_listing(top)}."
    if singles:
        text += f" {singles} of them hold a single {unit.rstrip('s')}."
    return text
