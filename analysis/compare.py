"""Group statistics with uncertainty: bootstrap intervals, permutation tests, effect sizes.

Everything here is seeded (``config.RANDOM_SEED`` by default) so the same input and
seed give the same table, bit for bit. Each resampling call gets a fresh generator
built from the seed, so a result does not depend on what was computed before it.

Methods (all from ``scipy.stats``):

- Confidence intervals of a group mean in ``compare_groups``: the **Student t** interval,
  and of a difference of means **Welch**'s t interval (``analysis.intervals``): unlike
  the percentile bootstrap (nominal 95 % covers about 0.82 at n = 5 and 0.87 at
  n = 10 on real tone scores) they keep their coverage at the group sizes a small
  corpus has (simulation in ``tests/test_intervals.py``). ``bootstrap_ci`` and
  ``diff_ci`` (percentile bootstrap, or ``method="BCa"``/``"basic"``) stay for other
  statistics such as the median.
- Shares (a 0/1 column: frame present, variant used): the bootstrap collapses at 0/n
  and n/n (every resample is all zeros), so ``compare_groups`` uses the **Wilson**
  score interval per group and **Newcombe**'s hybrid score interval (his method 10)
  for a difference of two shares (``analysis.proportions``); the
  ``ci_method`` column says which method gave each row's interval. The interval and the
  permutation p-value are different procedures: with a handful of documents they can
  disagree at the margin (3/5 vs 0/5: Newcombe [0.03, 0.88], exact p 0.17) --
  read such a difference as not established.
- p-value: ``scipy.stats.permutation_test`` (independent samples, on the difference of
  means). Two-sided p is scipy's: twice the smaller one-sided p, capped at 1. When the
  number of distinct relabellings is at most ``n_resamples`` the test is exact.
- Several comparisons in one call: ``p_holm`` adds Holm's step-down adjustment
  (``statsmodels.stats.multitest.multipletests``), which controls the family-wise error.
- Effect sizes: Cohen's d (pooled standard deviation) and Cliff's delta, computed from
  the Mann-Whitney U of ``scipy.stats.mannwhitneyu`` as ``2U / (n_a n_b) - 1`` (equal to
  the rank-biserial correlation): the probability that a value of ``a`` exceeds one of
  ``b`` minus the reverse.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import logging
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.intervals import mean_ci, mean_diff_ci, method_label
from analysis.proportions import _as_array, is_binary, newcombe_ci, wilson_ci
from analysis.small_groups import small_group_note, warn_small_groups

logger = logging.getLogger(__name__)

STATS = ("mean", "median")
METHODS = ("percentile", "BCa", "basic")
GROUP_COLUMNS = (
    "measure group other n_obs n_other mean median ci_low ci_high "
    "diff diff_ci_low diff_ci_high p_value p_holm cohens_d cliffs_delta ci_method warning n"
).split()  # ``n``: deprecated alias of ``n_obs`` (counts are ``n_*``), kept for old callers
GROUP_SEPARATOR = " / "
CI_METHODS = {
    False: (method_label("t"), method_label("welch")),
    True: ("wilson", "newcombe"),
}


@functools.cache
def _stats():
    """``scipy.stats``, imported on first use: about 1 s of a report's start-up, and most
    reports never compare groups."""
    from scipy import stats

    return stats


@functools.cache
def _rng_keyword() -> str:
    """scipy >= 1.15 takes ``rng``; older releases only ``random_state``."""
    return "rng" if "rng" in inspect.signature(_stats().bootstrap).parameters else "random_state"


def _rng_kwargs(seed: int | None) -> dict:
    return {_rng_keyword(): np.random.default_rng(seed)}


def bootstrap_ci(
    values,
    *,
    stat: Literal["mean", "median"] = "mean",
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int | None = config.RANDOM_SEED,
    method: Literal["percentile", "BCa", "basic"] = "percentile",
) -> tuple[float, float, float]:
    """Estimate a statistic and its bootstrap confidence interval.

    Args:
        values: Numbers (list, array or Series); NaN / NA are dropped first.
        stat: ``"mean"`` or ``"median"``.
        n_resamples: Bootstrap resamples.
        level: Confidence level, e.g. 0.95.
        seed: Seed of the resampling generator; same seed, same interval.
        method: ``"percentile"`` (default), ``"BCa"`` or ``"basic"`` (scipy's methods).

    Returns:
        ``(estimate, low, high)``. With no values all three are NaN; with a single
        value the estimate is that value and the interval is NaN (nothing to resample).
    """
    check_choice("stat", stat, STATS)
    check_choice("method", method, METHODS)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1; got {level!r}")
    data = _as_array(values)
    func = np.mean if stat == "mean" else np.median
    if data.size == 0:
        return (np.nan, np.nan, np.nan)
    estimate = float(func(data))
    if data.size == 1:
        return (estimate, np.nan, np.nan)
    if np.all(data == data[0]):
        return (estimate, estimate, estimate)
    result = _stats().bootstrap(
        (data,),
        func,
        n_resamples=n_resamples,
        confidence_level=level,
        method=method,
        vectorized=True,
        **_rng_kwargs(seed),
    )
    return (estimate, float(result.confidence_interval.low), float(result.confidence_interval.high))


def _mean_diff(a, b, axis=-1):
    return np.mean(a, axis=axis) - np.mean(b, axis=axis)


def diff_ci(
    a, b, *, n_resamples: int = 2000, level: float = 0.95, seed: int | None = config.RANDOM_SEED
) -> tuple[float, float, float]:
    """Difference of means ``mean(a) - mean(b)`` with a two-sample percentile bootstrap interval.

    Returns:
        ``(difference, low, high)``; the interval is NaN when either sample has
        fewer than two values, and collapses to the difference when both are constant.
    """
    x, y = _as_array(a), _as_array(b)
    if x.size == 0 or y.size == 0:
        return (np.nan, np.nan, np.nan)
    diff = float(np.mean(x) - np.mean(y))
    if x.size < 2 or y.size < 2:
        return (diff, np.nan, np.nan)
    if np.all(x == x[0]) and np.all(y == y[0]):
        return (diff, diff, diff)
    result = _stats().bootstrap(
        (x, y),
        _mean_diff,
        n_resamples=n_resamples,
        confidence_level=level,
        method="percentile",
        vectorized=True,
        **_rng_kwargs(seed),
    )
    return (diff, float(result.confidence_interval.low), float(result.confidence_interval.high))


def permutation_p(a, b, *, n_resamples: int = 2000, seed: int | None = config.RANDOM_SEED) -> float:
    """Two-sided permutation-test p-value for a difference of means.

    NaN when either sample has fewer than two values (scipy needs two per sample).
    """
    x, y = _as_array(a), _as_array(b)
    if x.size < 2 or y.size < 2:
        return np.nan
    if np.unique(np.concatenate([x, y])).size == 1:
        return 1.0  # every value identical: no relabelling can differ
    result = _stats().permutation_test(
        (x, y),
        _mean_diff,
        permutation_type="independent",
        alternative="two-sided",
        n_resamples=n_resamples,
        vectorized=True,
        **_rng_kwargs(seed),
    )
    return float(min(result.pvalue, 1.0))


def holm_adjust(p_values) -> np.ndarray:
    """Holm step-down adjusted p-values (``statsmodels``); NaN entries stay NaN, uncounted."""
    p = pd.to_numeric(pd.Series(p_values), errors="coerce").to_numpy(dtype="float64")
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if ok.any():
        from statsmodels.stats.multitest import multipletests

        out[ok] = multipletests(p[ok], method="holm")[1]
    return out


def cohens_d(a, b) -> float:
    """Cohen's d: ``(mean(a) - mean(b)) / pooled SD`` (NaN when undefined, e.g. zero spread)."""
    x, y = _as_array(a), _as_array(b)
    if x.size < 2 or y.size < 2:
        return np.nan
    pooled_var = ((x.size - 1) * x.var(ddof=1) + (y.size - 1) * y.var(ddof=1)) / (
        x.size + y.size - 2
    )
    if pooled_var == 0:
        return np.nan
    return float((x.mean() - y.mean()) / np.sqrt(pooled_var))


def cliffs_delta(a, b) -> float:
    """Cliff's delta ``P(a > b) - P(a < b)`` via Mann-Whitney U (NaN if a sample is empty)."""
    x, y = _as_array(a), _as_array(b)
    if x.size == 0 or y.size == 0:
        return np.nan
    u_stat = _stats().mannwhitneyu(x, y, alternative="two-sided").statistic
    return float(2 * u_stat / (x.size * y.size) - 1)


def _group_row(name, data, *, measure, n_resamples, seed, min_n, binary) -> dict:
    if binary:
        est, low, high = wilson_ci(int(data.sum()), int(data.size))
    else:
        est = float(np.mean(data)) if data.size else np.nan
        low, high = mean_ci(data)
    return {
        "measure": measure,
        "group": name,
        "other": pd.NA,
        "n_obs": int(data.size),
        "n_other": pd.NA,
        "mean": est,
        "median": float(np.median(data)) if data.size else np.nan,
        "ci_low": low,
        "ci_high": high,
        "ci_method": CI_METHODS[binary][0],
        "warning": small_group_note({name: data.size}, min_n=min_n),
    }


def _pair_row(name, other, x, y, *, measure, n_resamples, seed, min_n, binary) -> dict:
    if binary:
        diff, low, high = newcombe_ci(x, y)
    else:
        diff = float(np.mean(x) - np.mean(y)) if x.size and y.size else np.nan
        low, high = mean_diff_ci(x, y)
    return {
        "measure": measure,
        "group": name,
        "other": other,
        "n_obs": int(x.size),
        "n_other": int(y.size),
        "diff": diff,
        "diff_ci_low": low,
        "diff_ci_high": high,
        "p_value": permutation_p(x, y, n_resamples=n_resamples, seed=seed),
        "cohens_d": cohens_d(x, y),
        "cliffs_delta": cliffs_delta(x, y),
        "ci_method": CI_METHODS[binary][1],
        "warning": small_group_note({name: x.size, other: y.size}, min_n=min_n),
    }


def group_labels(df: pd.DataFrame, by: str | Sequence[str]) -> pd.Series:
    """One label per row: the ``by`` value, or the values of several columns joined by
    ``" / "`` (``"KR / news"``); NA when any of them is missing."""
    columns = [by] if isinstance(by, str) else list(by)
    if not columns:
        raise ValueError("compare_groups: by must name at least one column")
    parts = [df[c].astype("string") for c in columns]
    labels = parts[0]
    for part in parts[1:]:
        labels = labels + GROUP_SEPARATOR + part
    return labels


def _samples(df: pd.DataFrame, value: str, by: str | Sequence[str]) -> dict:
    columns = [by] if isinstance(by, str) else list(by)
    require_columns(df, [value, *columns], what="compare_groups")
    values = pd.to_numeric(df[value], errors="coerce")
    bad = values.isna() & df[value].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(
            f"compare_groups: row {row}, field {value!r}: not a number {df[value].iloc[row]!r}"
        )
    labels = group_labels(df, by)
    keep = values.notna() & labels.notna()
    if (~keep).any():
        logger.info(
            "compare_groups: %d row(s) without %s or %s left out", int((~keep).sum()), value, by
        )
    groups = {}
    for name, part in values[keep].groupby(labels[keep].astype(str), sort=True):
        groups[name] = part.to_numpy(dtype="float64")
    return groups


def compare_groups(
    df: pd.DataFrame,
    *,
    value: str,
    by: str | Sequence[str],
    reference: str | None = None,
    groups: Sequence[str] | None = None,
    n_resamples: int = 2000,
    seed: int | None = config.RANDOM_SEED,
    min_n: int = 5,
    share: bool | None = None,
) -> pd.DataFrame:
    """Compare a per-document measure across the groups of a column.

    Rows with a missing value (e.g. unscored non-English texts) or a missing group
    are left out (logged). Groups are compared pairwise (``group`` vs ``other``, in
    sorted order) or, with ``reference``, each group against the reference.

    Args:
        df: One row per document (or any unit) with ``value`` and ``by`` columns.
        value: Numeric column to compare (tone score, 0/1 frame presence, ...).
        by: Grouping column (``outlet_country``, ``window``, ...), or several columns
            (``["outlet_country", "kind"]``: one group per combination, labelled
            ``"KR / news"``); compared as strings.
        reference: Group every other group is compared with; None = all pairs.
        groups: Groups to report, in this order (others are left out); a listed
            group without values is reported with ``n`` 0 and a warning, not dropped.
            None = every group present, sorted.
        n_resamples: Bootstrap resamples and permutation-test resamples.
        seed: Seed of every resampling; same seed, identical table.
        min_n: Groups smaller than this get a ``warning`` and a ``UserWarning``.
        share: The value is a 0/1 flag and its mean a share: group intervals are
            Wilson score intervals and difference intervals Newcombe's hybrid score
            intervals (the bootstrap collapses to a point at 0/n and n/n). None =
            detect: a boolean or integer column holding only 0 and 1 (``is_binary``).

    Returns:
        Tidy DataFrame, first one row per group (``other`` is NA), then one row per
        comparison. Columns: ``measure`` (= ``value``), ``group``, ``other``, ``n_obs``
        (values in ``group``), ``n_other``, ``mean``, ``median``, ``ci_low``, ``ci_high``
        (Student t interval of the group mean, or Wilson interval of a share; group rows),
        ``diff`` (mean of ``group`` minus mean of ``other``), ``diff_ci_low``,
        ``diff_ci_high`` (Welch t, or Newcombe for shares), ``p_value`` (permutation
        test), ``p_holm`` (``p_value`` Holm-adjusted over the comparisons of this call),
        ``cohens_d``, ``cliffs_delta`` (comparison rows), ``ci_method`` ("student t" /
        "welch t", or "wilson" / "newcombe"), ``warning`` ("" when fine:
        ``analysis.small_groups`` wording), ``n`` (deprecated alias of ``n_obs``, kept for
        old callers).
    """
    found = _samples(df, value, by)
    if groups is not None:
        found = {str(name): found.get(str(name), np.empty(0)) for name in groups}
    if reference is not None and reference not in found:
        raise ValueError(
            f"compare_groups: reference {reference!r} not among groups {sorted(found)}"
        )
    binary = is_binary(df[value]) if share is None else bool(share)
    if binary and not all(np.isin(data, (0.0, 1.0)).all() for data in found.values()):
        raise ValueError(f"compare_groups: share=True but {value!r} holds values other than 0/1")
    options = {"measure": value, "n_resamples": n_resamples, "seed": seed, "min_n": min_n}
    options["binary"] = binary
    rows = [_group_row(name, data, **options) for name, data in found.items()]
    if reference is None:
        pairs = list(itertools.combinations(found, 2))
    else:
        pairs = [(name, reference) for name in found if name != reference]
    rows += [_pair_row(a, b, found[a], found[b], **options) for a, b in pairs]
    table = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    table["p_holm"] = holm_adjust(table["p_value"])
    table["n"] = table["n_obs"]
    sizes = {name: data.size for name, data in found.items()}
    warn_small_groups(f"compare_groups({value!r} by {by!r})", sizes, min_n=min_n)
    return _typed(table)


def format_number(value: float, *, digits: int = 3) -> str:
    """Display string of a number with ``digits`` decimals; never "-0.000".

    A value that rounds to zero shows as ``0.000`` whatever its sign; NaN shows as
    ``NA``. For ``show_table(..., float_format=format_number)``.
    """
    if value is None or value is pd.NA or not np.isfinite(value):
        return "NA"
    return f"{round(float(value), digits) + 0.0:.{digits}f}"  # + 0.0 turns -0.0 into 0.0


def format_interval(estimate: float, low: float, high: float, *, digits: int = 2) -> str:
    """One table cell for an estimate and its interval: ``"0.11 [0.05, 0.20]"``.

    Without an interval (NaN bounds) the cell is the estimate alone, e.g. ``"0.11"``.
    """
    text = format_number(estimate, digits=digits)
    if text == "NA" or not (np.isfinite(low) and np.isfinite(high)):
        return text
    return f"{text} [{format_number(low, digits=digits)}, {format_number(high, digits=digits)}]"


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    types = dict.fromkeys(GROUP_COLUMNS, "float64")
    types.update(dict.fromkeys(["measure", "group", "other", "ci_method", "warning"], "string"))
    types.update(n_obs="Int64", n_other="Int64", n="Int64")
    return table.astype(types)


# ---------------------------------------------------------------- command line


def _read_table(path: str) -> pd.DataFrame:
    if path.endswith(".parquet"):
        return pd.read_parquet(path)
    table = pd.read_csv(path)
    if "published" in table.columns:
        dates = pd.to_datetime(table["published"], errors="coerce", format="mixed")
        bad = np.flatnonzero((dates.isna() & table["published"].notna()).to_numpy())
        if bad.size:
            row = int(bad[0])
            value = table["published"].iloc[row]
            raise ValueError(
                f"{path}: row {row + 1}, field 'published': unparseable date {value!r}"
            )
        table = table.assign(published=dates)
    return table


def _run(args) -> int:
    from analysis.events import compare_event_window  # events builds on this module
    from analysis.io import write_csv_or_stdout

    table = _read_table(args.table)
    options = {"n_resamples": args.resamples, "min_n": args.min_n}
    if args.event:
        days = args.window
        result = compare_event_window(
            table, args.event, value=args.value, by=args.by, before=days, after=days, **options
        )
    else:
        if not args.by:
            raise ValueError("compare: give --by COLUMN (or --event to compare before vs after)")
        by = args.by.split(",") if "," in args.by else args.by
        result = compare_groups(table, value=args.value, by=by, reference=args.reference, **options)
    write_csv_or_stdout(result, args.out)
    return 0


def register(subparsers) -> None:
    """Add ``compare TABLE --value COL (--by COL | --event ID)`` to the CLI."""
    parser = subparsers.add_parser(
        "compare",
        help="compare a per-document measure across groups or before/after an event",
        description="Means, bootstrap CIs, permutation p-values and effect sizes as CSV.",
    )
    parser.add_argument(
        "table", help="per-document CSV or Parquet (e.g. sentiment scores + corpus)"
    )
    parser.add_argument("--value", required=True, help="numeric column to compare")
    parser.add_argument(
        "--by", help="grouping column(s), comma-separated (e.g. outlet_country,kind)"
    )
    parser.add_argument(
        "--reference", help="compare every group with this one (default: all pairs)"
    )
    parser.add_argument(
        "--event", help="event id or YYYY-MM-DD: compare before vs after per --by group"
    )
    parser.add_argument("--window", type=int, default=90, help="days on each side of --event")
    parser.add_argument(
        "--resamples", type=int, default=2000, help="bootstrap/permutation resamples"
    )
    parser.add_argument("--min-n", type=int, default=5, help="smaller groups get a warning")
    parser.add_argument("--out", help="CSV file to write (default: standard output)")
    parser.set_defaults(func=_run)
