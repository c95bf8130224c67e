"""Time series by period and group: tone, frame or term shares, and attention (document counts).

Every period between the first and the last dated document of the whole table (or
between ``start`` and ``end`` when given, e.g. an event window) is present for every
group, with ``n`` 0 when a group has no document in it: empty periods are shown,
never silently dropped. Undated documents are left out and
counted (logged, and in ``attrs["n_undated"]`` of the result). A date known only to the
month or year (``<date_col>_precision``, see ``analysis.corpus``) is used only by periods
at least that long: a month-only date counts in its month, quarter and year but not in a
week (it is stored on the 1st and is not that day); a year-only date only in its year.
Rows left out for this are counted in ``attrs["n_imprecise"]``.

Uncertainty per period:

- a measure (``value`` given): the Student t interval of the mean
  (``analysis.intervals.mean_ci``, honest at small n) or a seeded percentile bootstrap
  interval of the median (``analysis.compare.bootstrap_ci``); a 0/1 flag (an integer or
  boolean column holding only 0 and 1: frame present, variant used) gives the share of documents
  with its **Wilson** score interval (``analysis.proportions.wilson_ci``), which, unlike
  the bootstrap, does not collapse to a point at 0/n or n/n;
- attention (``value=None``): the document count with an exact Poisson (Garwood)
  95 % interval from ``scipy.stats.chi2`` -- the uncertainty of the count seen as
  a rate, useful for comparing periods, not a sampling error of the corpus.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.compare import bootstrap_ci
from analysis.intervals import mean_ci, method_label
from analysis.proportions import is_binary, wilson_ci

logger = logging.getLogger(__name__)

PERIODS = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
# The coarsest date precision each period can place: a month-only date is not in a week.
PLACEABLE = {"week": ("day",), "month": ("day", "month"), "quarter": ("day", "month"),
             "year": ("day", "month", "year")}  # fmt: skip
AGGS = ("mean", "median")
SERIES_COLUMNS = ["period_start", "group", "n_obs", "value", "ci_low", "ci_high"]


def _check(df: pd.DataFrame, value, by, period, agg, date_col) -> None:
    check_choice("period", period, PERIODS)
    check_choice("agg", agg, AGGS)
    needed = [c for c in (date_col, value, by) if c is not None]
    require_columns(df, needed, what="time_series")


def _numeric(df: pd.DataFrame, value: str) -> pd.Series:
    values = pd.to_numeric(df[value], errors="coerce")
    bad = np.flatnonzero((values.isna() & df[value].notna()).to_numpy())
    if bad.size:
        row = int(bad[0])
        raise ValueError(
            f"time_series: row {row}, field {value!r}: not a number {df[value].iloc[row]!r}"
        )
    return values


def _chi2_quantile(q: float, df: float) -> float:
    """``scipy.stats.chi2.ppf(q, df)`` as it computes it (``2 * gammaincinv(df / 2, q)``; tests
    check equality), without importing ``scipy.stats`` (about 1 s of a report's start-up)."""
    from scipy.special import gammaincinv

    return 2 * gammaincinv(df / 2, q)


def poisson_ci(count: int, *, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval of a Poisson count: ``chi2`` quantiles over 2."""
    alpha = 1 - level
    low = 0.0 if count == 0 else _chi2_quantile(alpha / 2, 2 * count) / 2
    return (float(low), float(_chi2_quantile(1 - alpha / 2, 2 * count + 2) / 2))


def _cell(values: np.ndarray | None, n: int, method: str, agg: str, n_resamples, seed) -> tuple:
    if values is None:  # attention
        return (float(n), *poisson_ci(n))
    if n == 0:
        return (np.nan, np.nan, np.nan)
    if method == "wilson":
        return wilson_ci(int(values.sum()), n)
    if agg == "mean":
        return (float(values.mean()), *mean_ci(values))
    return bootstrap_ci(values, stat=agg, n_resamples=n_resamples, seed=seed)


def _ci_method(df: pd.DataFrame, value: str | None, agg: str) -> str:
    if value is None:
        return "poisson exact"
    if agg == "mean" and is_binary(df[value]):
        return "wilson"
    return method_label("t") if agg == "mean" else "bootstrap percentile"


def _periods(dated: pd.Series, start, end, freq: str) -> pd.PeriodIndex:
    """Every period from ``start`` (or the first date) to ``end`` (or the last date)."""
    first = pd.Timestamp(start) if start is not None else dated.min()
    last = pd.Timestamp(end) if end is not None else dated.max()
    if pd.isna(first) or pd.isna(last):
        return pd.PeriodIndex([], freq=freq)
    if first > last:
        raise ValueError(f"time_series: start {first:%Y-%m-%d} is after end {last:%Y-%m-%d}")
    return pd.period_range(first.to_period(freq), last.to_period(freq), freq=freq)


def time_series(
    df: pd.DataFrame,
    *,
    value: str | None = None,
    by: str | None = None,
    period: Literal["week", "month", "quarter", "year"] = "month",
    agg: Literal["mean", "median"] = "mean",
    date_col: str = "published",
    n_resamples: int = 2000,
    seed: int | None = config.RANDOM_SEED,
    start=None,
    end=None,
) -> pd.DataFrame:
    """Aggregate a per-document measure (or count documents) per period and group.

    Args:
        df: One row per document (or per document and frame, etc.) with a date column.
        value: Numeric column; None = attention (number of documents).
        by: Grouping column (``outlet_country``, ``frame``, ...); None = one group "all".
        period: ``"week"`` (Monday-Sunday), ``"month"``, ``"quarter"`` or ``"year"``.
        agg: ``"mean"`` (of a 0/1 flag: a share, with a Wilson interval) or ``"median"``.
        date_col: Date column.
        n_resamples: Bootstrap resamples per cell.
        seed: Seed of every bootstrap; same seed, identical table.
        start: First day to cover (date or Timestamp), e.g. the start of an event
            window: the periods from it to the first document are present with
            ``n`` 0. Rows in earlier periods are left out (logged). None = first date.
        end: Last day to cover; rows in later periods are left out. None = last date.

    Returns:
        Tidy table, one row per period and group (all periods from ``start`` (or the
        first dated row) to ``end`` (or the last), for every group). Columns:
        ``period_start`` (datetime64, first day of the period), ``group`` (string),
        ``n_obs`` (rows with a value; for attention, documents), ``value`` (mean/median,
        or the count), ``ci_low``, ``ci_high`` (95 % interval; NaN with fewer than two
        values, except Wilson intervals of a share), ``n`` (deprecated alias of ``n_obs``).
        ``attrs``: ``n_undated``, ``n_imprecise`` (dates coarser than the period),
        ``n_outside`` (rows outside ``start``..``end``), ``period``, ``value``,
        ``ci_method`` ("poisson exact", "wilson", "student t" or, for the median,
        "bootstrap percentile").
    """
    _check(df, value, by, period, agg, date_col)
    dates = pd.to_datetime(df[date_col])
    precision = f"{date_col}_precision"
    imprecise = pd.Series(False, index=df.index)
    if precision in df.columns:
        known = df[precision].astype("string")
        imprecise = (known.notna() & ~known.isin(PLACEABLE[period])).fillna(False).astype(bool)
        dates = dates.mask(imprecise)
    values = _numeric(df, value) if value else pd.Series(1.0, index=df.index)
    groups = df[by].astype("string") if by else pd.Series("all", index=df.index, dtype="string")
    keep = dates.notna() & values.notna() & groups.notna()
    full = _periods(dates[keep], start, end, PERIODS[period])
    inside = dates.dt.to_period(PERIODS[period]).isin(full) if len(full) else keep & False
    n_imprecise = int(imprecise.sum())
    n_undated, n_outside = int(dates.isna().sum()) - n_imprecise, int((keep & ~inside).sum())
    if n_undated or n_outside or n_imprecise:
        logger.info(
            "time_series: %d undated, %d too imprecise for a %s and %d outside left out",
            n_undated,
            n_imprecise,
            period,
            n_outside,
        )
    names = sorted(groups[keep].unique())  # a group wholly outside start..end stays, at 0
    keep &= inside
    frame = pd.DataFrame(
        {
            "period": dates[keep].dt.to_period(PERIODS[period]),
            "group": groups[keep],
            "v": values[keep],
        }
    )
    method = _ci_method(df, value, agg)
    cells = {
        key: part["v"].to_numpy(dtype="float64") for key, part in frame.groupby(["period", "group"])
    }
    rows = []
    for name in names if by else ["all"]:
        for per in full:
            data = cells.get((per, name), np.empty(0))
            stat = _cell(None if value is None else data, data.size, method, agg, n_resamples, seed)
            rows.append((per.start_time, name, data.size, *stat))
    result = pd.DataFrame(rows, columns=SERIES_COLUMNS).astype(
        {
            "group": "string",
            "n_obs": "int64",
            "value": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
        }
    )
    result["period_start"] = pd.to_datetime(result["period_start"]).astype("datetime64[ns]")
    result["n"] = result["n_obs"]  # deprecated alias of n_obs (counts are n_*), for old callers
    result.attrs = {
        "n_undated": n_undated,
        "n_imprecise": n_imprecise,
        "n_outside": n_outside,
        "period": period,
        "value": value or "n_documents",
        "ci_method": method,
    }
    return result


def period_label(start, period: str) -> str:
    """A period by its first day, as a reader names it: week ``week of 2019-07-01``,
    month ``2019-07``, quarter ``2019-Q3``, year ``2019``."""
    start = pd.Timestamp(start)
    if period == "week":
        return f"week of {start:%Y-%m-%d}"
    if period == "month":
        return f"{start:%Y-%m}"
    if period == "quarter":
        return f"{start.year}-Q{start.quarter}"
    return f"{start.year}"


def label_periods(series: pd.DataFrame) -> pd.DataFrame:
    """A ``time_series`` table with a first column ``period`` naming each period as
    ``period_label`` does (for tables a reader can match to the findings); not modified."""
    period = series.attrs.get("period", "month")
    labels = [period_label(start, period) for start in series["period_start"]]
    out = series.assign(period=labels)
    return out[["period", *[c for c in series.columns if c != "period"]]]
