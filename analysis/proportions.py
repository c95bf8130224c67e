"""Shares of a 0/1 flag with intervals that stay open at 0/n and n/n.

A frame is present or not, a variant used or not: the share of documents is a
proportion, and a bootstrap of it collapses to a point when a small group is all
zeros or all ones. Here instead (``statsmodels.stats.proportion``):

- ``wilson_ci``: the **Wilson** score interval of one share (0/5 gives [0, 0.434]);
- ``newcombe_ci``: **Newcombe**'s hybrid score interval (his method 10) of the
  difference of two shares;
- ``is_binary``: whether a column is such a flag (used by ``compare_groups`` and
  ``time_series`` to pick these intervals).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# statsmodels.stats.proportion is imported inside the two intervals: it imports
# scipy.stats and costs about 1 s of a report's start-up where no share is shown.

__all__ = ["is_binary", "newcombe_ci", "wilson_ci"]


def _as_array(values) -> np.ndarray:
    """Return the finite values of ``values`` as a float array (NaN / NA dropped)."""
    series = pd.to_numeric(pd.Series(values), errors="raise")
    array = series.to_numpy(dtype="float64", na_value=np.nan)
    return array[np.isfinite(array)]


def is_binary(values) -> bool:
    """True for a 0/1 flag: a boolean or integer column whose values are all 0 or 1.

    An empty integer column counts as a flag (its type says so), so every slice of
    a frame-presence table gets the same kind of interval.

    A float column is never taken for a flag, even when its values happen to be 0
    and 1 (a tiny group of neutral texts scores exactly 0.0): pass ``share=True`` to
    ``compare_groups`` for that.
    """
    series = pd.Series(values)
    if not (pd.api.types.is_bool_dtype(series) or pd.api.types.is_integer_dtype(series)):
        return False
    return bool(np.isin(_as_array(series.astype("Int64")), (0.0, 1.0)).all())


def wilson_ci(successes: int, n: int, *, level: float = 0.95) -> tuple[float, float, float]:
    """Share ``successes / n`` with its Wilson score interval (``statsmodels``).

    Unlike the bootstrap, the interval stays open at 0/n and n/n (0/5 gives
    [0, 0.434]). Bounds are clipped to [0, 1]; with ``n`` 0 all three are NaN.
    """
    if n == 0:
        return (np.nan, np.nan, np.nan)
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(successes, n, alpha=1 - level, method="wilson")
    return (successes / n, float(np.clip(low, 0, 1)), float(np.clip(high, 0, 1)))


def newcombe_ci(a, b, *, level: float = 0.95) -> tuple[float, float, float]:
    """Difference of two shares ``mean(a) - mean(b)`` with Newcombe's hybrid score interval.

    ``a`` and ``b`` are 0/1 values. Uses ``statsmodels``'
    ``confint_proportions_2indep(method="newcomb")``, whose difference is the first
    sample minus the second, as here. NaN when a sample is empty.
    """
    x, y = _as_array(a), _as_array(b)
    if x.size == 0 or y.size == 0:
        return (np.nan, np.nan, np.nan)
    from statsmodels.stats.proportion import confint_proportions_2indep

    low, high = confint_proportions_2indep(
        int(x.sum()), x.size, int(y.sum()), y.size, method="newcomb", compare="diff",
        alpha=1 - level,
    )  # fmt: skip
    return (float(x.mean() - y.mean()), float(low), float(high))
