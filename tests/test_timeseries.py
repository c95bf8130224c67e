"""Known-answer tests for analysis.timeseries.time_series and analysis.plots.time."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

from analysis.events import load_events  # noqa: E402
from analysis.plots.time import plot_over_time  # noqa: E402
from analysis.timeseries import poisson_ci, time_series  # noqa: E402

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e", "f"],
        "published": pd.to_datetime(
            ["2023-01-03", "2023-01-20", "2023-03-01", None, "2023-01-09", "2023-03-31"]
        ),
        "tone": [0.2, 0.4, -0.5, 9.0, 0.0, np.nan],
        "has_conflict": [1, 0, 1, 1, 1, 0],
        "outlet_country": ["JP", "JP", "KR", "KR", "KR", "KR"],
    }
)


def test_attention_counts_every_month_including_empty_ones():
    ts = time_series(DOCS)
    assert ts["period_start"].tolist() == list(
        pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01"])
    )
    assert ts["n"].tolist() == [3, 0, 2]
    assert ts["value"].tolist() == [3.0, 0.0, 2.0]
    assert ts.attrs["n_undated"] == 1
    # Garwood interval for a count of 3: chi2(0.025, 6)/2 and chi2(0.975, 8)/2
    assert (ts.loc[0, "ci_low"], ts.loc[0, "ci_high"]) == pytest.approx((0.6187, 8.7673), abs=1e-4)
    assert ts.loc[1, "ci_low"] == 0.0


def test_tone_by_group_known_means_and_empty_periods():
    ts = time_series(DOCS, value="tone", by="outlet_country")
    assert list(ts.columns) == ["period_start", "group", "n_obs", "value", "ci_low", "ci_high", "n"]
    assert ts["group"].tolist() == ["JP"] * 3 + ["KR"] * 3
    assert ts["n"].tolist() == [2, 0, 0, 1, 0, 1]  # f has no tone, d no date
    jp_jan = ts.iloc[0]
    assert jp_jan["value"] == pytest.approx(0.3)
    half = stats.t.ppf(0.975, 1) * 0.1  # Student t, n = 2: sd 0.1414, se 0.1 (honestly wide)
    assert (jp_jan["ci_low"], jp_jan["ci_high"]) == pytest.approx((0.3 - half, 0.3 + half))
    assert np.isnan(ts.iloc[1]["value"])
    assert ts.iloc[3]["value"] == 0.0 and np.isnan(ts.iloc[3]["ci_low"])


def test_share_of_a_zero_one_column_per_quarter():
    ts = time_series(DOCS, value="has_conflict", period="quarter")
    assert ts["period_start"].tolist() == [pd.Timestamp("2023-01-01")]
    assert ts["n"].tolist() == [5]
    assert ts["value"].iloc[0] == pytest.approx(3 / 5)
    # Wilson 95 % for 3/5 (centre 0.5565, half 0.3257), not a bootstrap interval
    assert (ts["ci_low"].iloc[0], ts["ci_high"].iloc[0]) == pytest.approx(
        (0.2307, 0.8824), abs=1e-4
    )
    assert ts.attrs["ci_method"] == "wilson"


def test_share_all_zero_keeps_an_open_wilson_interval():
    # JP in January: a and b, neither with the frame -> 0/2, Wilson [0, 0.6576]
    docs = DOCS.assign(has_conflict=[0, 0, 1, 1, 1, 0])
    ts = time_series(docs, value="has_conflict", by="outlet_country")
    jp_jan = ts.iloc[0]
    assert (jp_jan["n"], jp_jan["value"]) == (2, 0.0)
    assert (jp_jan["ci_low"], jp_jan["ci_high"]) == pytest.approx((0.0, 0.6576), abs=1e-4)
    assert time_series(DOCS, value="tone").attrs["ci_method"] == "student t"
    median = time_series(DOCS, value="tone", agg="median")
    assert median.attrs["ci_method"] == "bootstrap percentile"


def test_start_and_end_add_empty_periods_at_the_edges():
    ts = time_series(DOCS, start="2022-11-15", end="2023-05-02")
    months = pd.date_range("2022-11-01", "2023-05-01", freq="MS")
    assert ts["period_start"].tolist() == list(months)
    assert ts["n"].tolist() == [0, 0, 3, 0, 2, 0, 0]
    assert (ts.attrs["n_outside"], ts.attrs["n_undated"]) == (0, 1)
    cut = time_series(DOCS, start="2023-02-01", end="2023-02-28")
    assert cut["n"].tolist() == [0] and cut.attrs["n_outside"] == 5
    with pytest.raises(ValueError, match="after end"):
        time_series(DOCS, start="2023-03-01", end="2023-01-01")


@pytest.mark.parametrize(
    ("period", "starts"),
    [
        ("week", ["2023-01-02", "2023-01-09", "2023-01-16"]),
        ("year", ["2023-01-01"]),
    ],
)
def test_period_starts(period, starts):
    ts = time_series(DOCS.iloc[[0, 1, 4]], period=period)
    assert ts["period_start"].tolist() == list(pd.to_datetime(starts))
    assert ts["n"].sum() == 3


def test_median_and_seeded_reproducible():
    docs = DOCS.assign(published=pd.Timestamp("2023-05-05"), tone=[1.0, 2.0, 10.0, 3.0, 4.0, 5.0])
    ts = time_series(docs, value="tone", agg="median")
    assert ts["value"].tolist() == [3.5]
    pd.testing.assert_frame_equal(ts, time_series(docs, value="tone", agg="median"))


def test_poisson_ci_zero():
    low, high = poisson_ci(0)
    assert low == 0.0 and high == pytest.approx(3.6889, abs=1e-4)


def test_poisson_ci_equals_the_scipy_stats_chi2_quantiles():
    # poisson_ci computes chi2 quantiles with scipy.special, as scipy.stats.chi2.ppf does,
    # so a report with counts over time does not import scipy.stats
    from scipy import stats

    for level in (0.8, 0.9, 0.95, 0.99):
        alpha = 1 - level
        for count in [*range(0, 300), 1_000, 12_345, 10**6]:
            low = 0.0 if count == 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
            high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
            assert poisson_ci(count, level=level) == (float(low), float(high)), (level, count)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": "day"}, r"^period must be one of: week, month, quarter, year; got 'day'$"),
        ({"agg": "sum"}, r"^agg must be one of: mean, median; got 'sum'$"),
        ({"value": "nope"}, r"^time_series: missing required column\(s\) 'nope'; found "),
        ({"value": "outlet_country"}, r"row 0, field 'outlet_country'"),
    ],
)
def test_time_series_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        time_series(DOCS, **kwargs)


def test_time_series_does_not_mutate_input():
    before = DOCS.copy()
    time_series(DOCS, value="tone", by="outlet_country")
    pd.testing.assert_frame_equal(DOCS, before)


def test_plot_over_time_draws_bands_lines_and_event_markers():
    ts = time_series(DOCS, value="tone", by="outlet_country")
    events = load_events()
    ax = plot_over_time(ts, events=events, ylabel="tone (TextBlob polarity, -1..1)")
    assert [
        line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")
    ] == [
        "JP",
        "KR",
    ]
    labels = [t.get_text() for t in ax.texts]
    # Jan-Mar 2023 holds the compensation plan (03-06) and the Tokyo summit (03-16) only
    assert labels == ["Compensation plan", "Tokyo summit"]
    # a CI band and bars for JP only: KR has one tone a month
    assert len(ax.collections) == 2
    half = stats.t.ppf(0.975, 1) * 0.1
    assert ax.collections[1].get_segments()[0][:, 1] == pytest.approx([0.3 - half, 0.3 + half])
    assert ax.get_ylabel() == "tone (TextBlob polarity, -1..1)"


@pytest.mark.parametrize("others", [[], ["KR"], ["conflict"], ["rest of corpus", "KR", "CN"]])
def test_plot_over_time_country_colours_do_not_depend_on_the_other_groups(others):
    from analysis.plots.style import OKABE_ITO, country_color

    groups = ["IN", "JP", *others]
    ts = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2023-01-01"] * len(groups)),
            "group": groups,
            "value": np.arange(len(groups), dtype=float),
        }
    )
    ax = plot_over_time(ts)
    colours = {line.get_label(): line.get_color() for line in ax.get_lines()}
    for country in ("IN", "JP", "KR", "CN"):
        if country in colours:
            assert colours[country] == country_color(country)
    if "conflict" in colours:  # a frame never looks like a country
        assert colours["conflict"] not in {country_color(c) for c in ("JP", "KR", "US")}
    if "rest of corpus" in colours:
        assert colours["rest of corpus"] == OKABE_ITO["grey"]


def test_plot_over_time_counts_have_integer_ticks():
    ts = time_series(DOCS.iloc[[0, 2]], start="2023-01-01", end="2023-03-31")
    ax = plot_over_time(ts, bands=False)
    ax.figure.canvas.draw()
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    assert ax.get_ylim()[0] == 0
    assert ax.get_xlim()[0] == pytest.approx(matplotlib.dates.date2num(pd.Timestamp("2023-01-01")))


def test_plot_over_time_does_not_mutate_input():
    ts = time_series(DOCS)
    before = ts.copy()
    plot_over_time(ts, events=load_events())
    pd.testing.assert_frame_equal(ts, before)


def test_mark_events_staggers_close_labels():
    import matplotlib.pyplot as plt

    from analysis.plots.time import LABEL_GAP, mark_events

    _, ax = plt.subplots()
    ax.plot(pd.to_datetime(["2018-01-01", "2024-12-31"]), [0, 1])
    drawn = mark_events(ax, load_events(), start="2018-10-01", end="2018-12-31")
    assert drawn == [
        "Court ruling (Nippon Steel)",
        "Foundation dissolved",
        "Court ruling (Mitsubishi)",
        "Radar dispute",
    ]
    # 22, 8 and 21 days apart on a 7-year axis: labels are pushed apart by LABEL_GAP
    xs = [t.xyann[0] for t in ax.texts]
    assert np.diff(xs) == pytest.approx([LABEL_GAP] * 3)
    assert xs[0] == pytest.approx(ax.texts[0].xy[0])  # the first label sits on its line
    assert ax.texts[1].xy[0] < xs[1]  # later ones moved right, with a leader line
    plt.close("all")


# ---- dates known to the month or year only (published_precision) ---------------------

PRECISE = pd.DataFrame(
    {
        "doc_id": ["d", "m", "y", "u"],
        "published": pd.to_datetime(["2019-08-22", "2019-08-01", "2019-01-01", None]),
        "published_precision": pd.array(["day", "month", "year", pd.NA], dtype="string"),
    }
)


@pytest.mark.parametrize(
    ("period", "counts", "n_imprecise"),
    [
        ("week", {"2019-08-19": 1}, 2),  # the month-only date is not the week of the 1st
        ("month", {"2019-08-01": 2}, 1),  # day + month in August; the year-only date left out
        ("quarter", {"2019-07-01": 2}, 1),
        ("year", {"2019-01-01": 3}, 0),  # every dated row is in its year
    ],
)
def test_imprecise_dates_count_only_in_periods_that_hold_them(period, counts, n_imprecise):
    before = PRECISE.copy()
    ts = time_series(PRECISE, period=period)
    pd.testing.assert_frame_equal(PRECISE, before)
    nonzero = {f"{p:%Y-%m-%d}": n for p, n in zip(ts["period_start"], ts["n"], strict=True) if n}
    assert nonzero == counts
    assert ts.attrs["n_imprecise"] == n_imprecise
    assert ts.attrs["n_undated"] == 1


def test_a_table_without_precision_is_read_as_days_as_before():
    ts = time_series(PRECISE.drop(columns="published_precision"), period="week")
    assert int(ts["n"].sum()) == 3 and ts.attrs["n_imprecise"] == 0
