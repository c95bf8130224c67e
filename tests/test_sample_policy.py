"""analysis.sample_policy: below min_n no interval, p-value or effect size; Holm over the
comparisons a table shows."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.compare import compare_groups, holm_adjust
from analysis.sample_policy import MIN_N, apply_min_n, inferential_columns, policy_note
from analysis.timeseries import time_series

TONE = pd.DataFrame(
    {
        "tone": [0.1, 0.3, 0.2, 0.4, 0.0, 0.5, -0.2, -0.1, 0.0, -0.3, 0.1, 0.6, 0.2],
        "country": ["JP"] * 6 + ["KR"] * 5 + ["US"] * 2,
    }
)


def _table():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return compare_groups(TONE, value="tone", by="country", min_n=MIN_N)


def test_rows_below_min_n_lose_intervals_tests_and_effect_sizes():
    table = _table()
    shown = apply_min_n(table, min_n=MIN_N)
    us = shown["group"].eq("US") | shown["other"].eq("US")
    blank = inferential_columns(shown)
    assert {"ci_low", "ci_high", "diff_ci_low", "p_value", "p_holm", "cliffs_delta"} <= set(blank)
    assert shown.loc[us, blank].isna().all().all()
    assert shown.loc[us, "mean"].notna().any()  # the description stays
    jp_kr = shown[(shown["group"] == "JP") & (shown["other"] == "KR")].iloc[0]
    assert np.isfinite(jp_kr["diff_ci_low"]) and np.isfinite(jp_kr["p_value"])
    assert shown.loc[us, "warning"].str.startswith("too small to say anything").all()


def test_holm_is_recomputed_over_the_comparisons_left():
    table = _table()
    shown = apply_min_n(table, min_n=MIN_N)
    pairs = shown[shown["other"].notna()]
    left = pairs["p_value"].notna()
    assert left.sum() == 1  # JP vs KR: the two US pairs are below min_n
    assert pairs.loc[left, "p_holm"].tolist() == pytest.approx(pairs.loc[left, "p_value"].tolist())
    # the call adjusted for three pairs: more conservative than the table now needs
    assert table.loc[pairs.index[left], "p_holm"].iloc[0] >= pairs.loc[left, "p_holm"].iloc[0]
    subset = table[table["other"].notna()].head(2)
    assert apply_min_n(subset, min_n=2)["p_holm"].tolist() == pytest.approx(
        holm_adjust(subset["p_value"]).tolist()
    )


def test_time_series_bands_need_min_n_documents():
    docs = pd.DataFrame(
        {"published": pd.to_datetime(["2019-01-05"] * 2 + ["2019-02-03"] * 6),
         "tone": [0.1, 0.3, 0.2, 0.4, 0.0, 0.5, -0.2, 0.1]}
    )  # fmt: skip
    ts = time_series(docs, value="tone", period="month")
    shown = apply_min_n(ts, min_n=MIN_N)
    assert np.isfinite(ts.loc[0, "ci_low"]) and np.isnan(shown.loc[0, "ci_low"])
    assert np.isfinite(shown.loc[1, "ci_low"])
    assert shown["value"].tolist() == ts["value"].tolist()


def test_input_not_mutated_and_size_column_required():
    table = _table()
    before = table.copy()
    apply_min_n(table, min_n=MIN_N)
    pd.testing.assert_frame_equal(table, before)
    with pytest.raises(ValueError, match="no size column"):
        apply_min_n(pd.DataFrame({"ci_low": [0.1]}), min_n=5)


def test_policy_note_names_the_threshold_and_the_methods():
    note = policy_note(8)
    assert "fewer than 8 documents" in note and "Welch t" in note and "Holm" in note
