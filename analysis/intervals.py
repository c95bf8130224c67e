"""Intervals for a mean and a difference of two means that keep their coverage at small n.

Every mean interval in the reports comes from here (``analysis.compare``,
``analysis.timeseries``). The default is the **Student t** interval of a mean and
**Welch**'s t interval of a difference of means (unequal variances, Welch-Satterthwaite
degrees of freedom). Why, measured by simulation in ``tests/test_intervals.py``
(samples drawn from the VADER compound and TextBlob polarity scores of 2,000 real
news sentences, NewsMTSC; 1,000 samples per size; nominal 95 %):

========================  ==========  ==========  ===========
method                    n = 5       n = 10      n = 20
========================  ==========  ==========  ===========
percentile bootstrap      0.81-0.83   0.85-0.89   0.92-0.93
BCa bootstrap             0.80        0.91        0.95
studentized bootstrap     0.92-0.96   0.89-0.94   0.92-0.95
Student t                 0.95        0.93-0.95   0.95
Welch t (difference)      0.95-0.97   0.95-0.97   0.95-0.96
========================  ==========  ==========  ===========

The percentile and BCa bootstraps are too narrow at the group sizes a hand-built
corpus has; the studentized bootstrap is honest on smooth scores (VADER) but not on
TextBlob's, a third of which are exactly 0 (a resample of equal values has no t
value). The t intervals are honest on both from n = 5, the smallest group the reports
give an interval to (``analysis.sample_policy.MIN_N``). The bootstrap methods stay
available (``method=``) for other statistics and for comparison. Shares (0/1 flags)
do not come here: they get Wilson and Newcombe score intervals
(``analysis.proportions``).
"""

from __future__ import annotations

import functools
import inspect
import math
from typing import Literal

import numpy as np

from analysis import config
from analysis.checks import check_choice

__all__ = ["MEAN_METHODS", "DIFF_METHODS", "mean_ci", "mean_diff_ci", "method_label"]

MEAN_METHODS = ("t", "studentized", "percentile", "BCa", "basic")
DIFF_METHODS = ("welch", "studentized", "percentile")
LABELS = {
    "t": "student t",
    "welch": "welch t",
    "studentized": "studentized bootstrap",
    "percentile": "bootstrap percentile",
    "BCa": "bootstrap BCa",
    "basic": "bootstrap basic",
}


def method_label(method: str) -> str:
    """The ``ci_method`` cell of a table for ``method`` (``"t"`` -> ``"student t"``)."""
    return LABELS[method]


def _t_quantile(level: float, df: float) -> float:
    """Student's t quantile: ``scipy.stats.t.ppf(0.5 + level / 2, df)``, computed as that does
    (``scipy.special.stdtrit``; NaN where df is not positive; tests check equality) without
    importing ``scipy.stats``, about 1 s of every report's start-up."""
    from scipy.special import stdtrit

    return float(stdtrit(df, 0.5 + level / 2)) if df > 0 else math.nan


@functools.cache
def _bootstrap():
    """``scipy.stats.bootstrap`` and its seed keyword (``rng`` from scipy 1.15, before that
    ``random_state``), imported when a bootstrap interval is first asked for."""
    from scipy import stats

    keyword = "rng" if "rng" in inspect.signature(stats.bootstrap).parameters else "random_state"
    return stats.bootstrap, keyword


def _studentized_bounds(estimate, se, t_star, se_star, level) -> tuple[float, float]:
    with np.errstate(divide="ignore", invalid="ignore"):
        t_values = t_star / se_star
    finite = t_values[(se_star > 0) & np.isfinite(t_values)]
    if finite.size == 0:
        return (np.nan, np.nan)
    q_low, q_high = np.quantile(finite, [(1 - level) / 2, (1 + level) / 2])
    return (float(estimate - q_high * se), float(estimate - q_low * se))


def _bootstrap_mean(x, *, method, n_resamples, level, seed) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    resamples = x[rng.integers(0, x.size, size=(n_resamples, x.size))]
    if method == "studentized":
        se = x.std(ddof=1) / np.sqrt(x.size)
        se_star = resamples.std(axis=1, ddof=1) / np.sqrt(x.size)
        return _studentized_bounds(x.mean(), se, resamples.mean(axis=1) - x.mean(), se_star, level)
    bootstrap, keyword = _bootstrap()
    result = bootstrap(
        (x,), np.mean, n_resamples=n_resamples, confidence_level=level, method=method,
        vectorized=True, **{keyword: rng},
    )  # fmt: skip
    return (float(result.confidence_interval.low), float(result.confidence_interval.high))


def mean_ci(
    values: np.ndarray,
    *,
    method: Literal["t", "studentized", "percentile", "BCa", "basic"] = "t",
    level: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = config.RANDOM_SEED,
) -> tuple[float, float]:
    """Interval of the mean of ``values`` (finite floats).

    Args:
        values: The sample; NaN must already be dropped.
        method: ``"t"`` (Student t, default), ``"studentized"`` (bootstrap-t), or one of
            scipy's bootstrap methods ``"percentile"``, ``"BCa"``, ``"basic"``.
        level: Confidence level.
        n_resamples: Bootstrap resamples (bootstrap methods only).
        seed: Seed of the bootstrap generator.

    Returns:
        ``(low, high)``: NaN with fewer than two values; the mean twice when every value
        is equal (no spread to resample or estimate).
    """
    check_choice("method", method, MEAN_METHODS)
    x = np.asarray(values, dtype="float64")
    if x.size < 2:
        return (np.nan, np.nan)
    if np.all(x == x[0]):
        return (float(x[0]), float(x[0]))
    mean = float(x.mean())
    if method == "t":
        half = _t_quantile(level, x.size - 1) * float(x.std(ddof=1)) / np.sqrt(x.size)
        return (mean - half, mean + half)
    opts = {"n_resamples": n_resamples, "level": level, "seed": seed}
    return _bootstrap_mean(x, method=method, **opts)


def _welch(x: np.ndarray, y: np.ndarray, level: float) -> tuple[float, float]:
    vx, vy = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    df = (vx + vy) ** 2 / (vx**2 / (x.size - 1) + vy**2 / (y.size - 1))
    half = _t_quantile(level, df) * np.sqrt(vx + vy)
    diff = float(x.mean() - y.mean())
    return (diff - half, diff + half)


def mean_diff_ci(
    a: np.ndarray,
    b: np.ndarray,
    *,
    method: Literal["welch", "studentized", "percentile"] = "welch",
    level: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = config.RANDOM_SEED,
) -> tuple[float, float]:
    """Interval of ``mean(a) - mean(b)`` for two independent samples (finite floats).

    Args:
        a, b: The samples; NaN must already be dropped.
        method: ``"welch"`` (Welch's t, default), ``"studentized"`` (each sample
            resampled on its own, studentized with Welch's standard error) or
            ``"percentile"`` (two-sample percentile bootstrap).
        level: Confidence level.
        n_resamples: Bootstrap resamples (bootstrap methods only).
        seed: Seed of the bootstrap generator.

    Returns:
        ``(low, high)``: NaN when a sample has fewer than two values; the difference
        twice when both samples are constant.
    """
    check_choice("method", method, DIFF_METHODS)
    x, y = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    if x.size < 2 or y.size < 2:
        return (np.nan, np.nan)
    diff = float(x.mean() - y.mean())
    if np.all(x == x[0]) and np.all(y == y[0]):
        return (diff, diff)
    if method == "welch":
        return _welch(x, y, level)
    rng = np.random.default_rng(seed)
    xs = x[rng.integers(0, x.size, size=(n_resamples, x.size))]
    ys = y[rng.integers(0, y.size, size=(n_resamples, y.size))]
    d_star = xs.mean(axis=1) - ys.mean(axis=1)
    if method == "percentile":
        low, high = np.quantile(d_star, [(1 - level) / 2, (1 + level) / 2])
        return (float(low), float(high))
    se = np.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
    se_star = np.sqrt(xs.var(axis=1, ddof=1) / x.size + ys.var(axis=1, ddof=1) / y.size)
    return _studentized_bounds(diff, se, d_star - diff, se_star, level)
