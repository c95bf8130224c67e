"""Known-answer tests for analysis.proportions: Wilson and Newcombe intervals, 0/1 flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.proportions import is_binary, newcombe_ci, wilson_ci

# Shares: Wilson score interval by hand, p = k/n, z = 1.959964:
#   centre = (p + z^2/2n) / (1 + z^2/n), half = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
#   0/5: centre = half = (3.8415/10) / 1.7683 = 0.21724, so [0, 0.43448].
Z = 1.959963984540054


def _wilson(k, n):
    p, z2 = k / n, Z * Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return centre - half, centre + half


def test_wilson_ci_known_answers():
    assert wilson_ci(0, 5) == pytest.approx((0.0, 0.0, 0.4345), abs=1e-4)
    assert wilson_ci(5, 5) == pytest.approx((1.0, 1 - 0.4345, 1.0), abs=1e-4)
    assert wilson_ci(4, 5)[1:] == pytest.approx(_wilson(4, 5))
    np.testing.assert_equal(wilson_ci(0, 0), (np.nan, np.nan, np.nan))


def test_newcombe_ci_known_answer_and_sign():
    # Newcombe (1998) method 10: L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),
    # U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2), with the Wilson bounds above.
    (l1, u1), (l2, u2) = _wilson(4, 5), _wilson(0, 5)
    low = 0.8 - np.sqrt((0.8 - l1) ** 2 + (u2 - 0.0) ** 2)
    high = 0.8 + np.sqrt((u1 - 0.8) ** 2 + (0.0 - l2) ** 2)
    assert (low, high) == pytest.approx((0.1926, 0.9638), abs=1e-4)
    assert newcombe_ci([1, 1, 1, 1, 0], [0] * 5) == pytest.approx((0.8, low, high))
    assert newcombe_ci([0] * 5, [1, 1, 1, 1, 0]) == pytest.approx((-0.8, -high, -low))
    np.testing.assert_equal(newcombe_ci([], [1]), (np.nan, np.nan, np.nan))


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0, 1, 1], True), ([True, False], True), ([0.0, 1.0], False), ([0, 2], False)],
)
def test_is_binary(values, expected):
    series = pd.Series(values)
    before = series.copy()
    assert is_binary(series) is expected
    pd.testing.assert_series_equal(series, before)
    assert is_binary(pd.Series([], dtype="int64"))
