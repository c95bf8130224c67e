"""Known-answer tests for analysis.compare: bootstrap intervals, permutation p, effect sizes."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.compare import (
    bootstrap_ci,
    cliffs_delta,
    cohens_d,
    compare_groups,
    diff_ci,
    format_interval,
    format_number,
    permutation_p,
)
from analysis.proportions import wilson_ci

# a: four zeros; b: five ones and one five. Hand-computed:
#   diff = 0 - 10/6; b's bootstrap mean is 1 with probability (5/6)^6 = 0.33 (> 2.5 %)
#   and at most 3 (three fives) with probability 0.991 (> 97.5 %), so the percentile
#   interval of b's mean is [1, 3] and of the difference [-3, -1].
#   Exact permutation test: C(10, 4) = 210 relabellings; only "a = the four zeros"
#   is as low as observed, so one-sided p = 1/210 and two-sided (doubled) p = 2/210.
#   Cliff's delta = -1 (every a below every b); Cohen's d = -(5/3) / sqrt(5/3).
SHIFTED = pd.DataFrame({"tone": [0.0] * 4 + [1.0] * 5 + [5.0], "country": ["JP"] * 4 + ["KR"] * 6})


def test_bootstrap_ci_constant_values_give_a_point_interval():
    assert bootstrap_ci([2.0, 2.0, 2.0]) == (2.0, 2.0, 2.0)


def test_bootstrap_ci_known_percentile_interval():
    est, low, high = bootstrap_ci([1, 1, 1, 1, 1, 5])
    assert est == pytest.approx(10 / 6)
    assert (low, high) == (1.0, 3.0)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], (np.nan, np.nan, np.nan)), ([3.0, np.nan], (3.0, np.nan, np.nan))],
)
def test_bootstrap_ci_too_few_values(values, expected):
    np.testing.assert_equal(bootstrap_ci(values), expected)


def test_bootstrap_ci_median_and_seed_reproducible():
    rng = np.random.default_rng(0)
    values = rng.normal(size=50)
    assert bootstrap_ci(values, stat="median", seed=3) == bootstrap_ci(
        values, stat="median", seed=3
    )
    assert bootstrap_ci(values, stat="median")[0] == pytest.approx(np.median(values))
    assert bootstrap_ci(values, seed=1) != bootstrap_ci(values, seed=2)


def test_bootstrap_ci_large_normal_sample_covers_true_mean():
    values = np.random.default_rng(1).normal(loc=0.3, scale=1.0, size=2000)
    _, low, high = bootstrap_ci(values, method="BCa")
    assert low < 0.3 < high
    assert high - low == pytest.approx(2 * 1.96 / np.sqrt(2000), rel=0.15)


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"stat": "mode"}, r"^stat must be one of: mean, median; got 'mode'$"),
        ({"method": "x"}, r"^method must be one of: percentile, BCa, basic; got 'x'$"),
        ({"level": 95}, "level"),
    ],
)
def test_bootstrap_ci_rejects_bad_options(kwargs, word):
    with pytest.raises(ValueError, match=word):
        bootstrap_ci([1, 2, 3], **kwargs)


def test_diff_ci_large_normal_samples_contain_true_difference():
    rng = np.random.default_rng(7)
    a, b = rng.normal(0.5, 1, 1500), rng.normal(0.2, 1, 1500)
    diff, low, high = diff_ci(a, b)
    assert diff == pytest.approx(a.mean() - b.mean())
    assert low < 0.3 < high


def test_diff_ci_and_effect_sizes_known_answer():
    a, b = [0.0] * 4, [1.0] * 5 + [5.0]
    assert diff_ci(a, b) == (pytest.approx(-10 / 6), -3.0, -1.0)
    assert cliffs_delta(a, b) == -1.0
    assert cohens_d(a, b) == pytest.approx(-(5 / 3) / np.sqrt(5 / 3))
    assert permutation_p(a, b) == pytest.approx(2 / 210)


def test_permutation_on_identical_groups_gives_p_one():
    assert permutation_p([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]) == 1.0
    assert permutation_p([2.0, 2.0], [2.0, 2.0, 2.0]) == 1.0


def test_cohens_d_undefined_without_spread():
    assert np.isnan(cohens_d([1.0, 1.0], [1.0, 1.0]))


def test_compare_groups_known_answer_table():
    with pytest.warns(UserWarning, match="too small to say anything"):
        table = compare_groups(SHIFTED, value="tone", by="country")
    assert list(table["group"]) == ["JP", "KR", "JP"]
    groups = table[table["other"].isna()].set_index("group")
    assert groups.loc["JP", ["n", "mean", "ci_low", "ci_high"]].tolist() == [4, 0.0, 0.0, 0.0]
    kr = np.array([1.0] * 5 + [5.0])  # Student t interval: mean +- t(0.975, 5) * sd / sqrt(6)
    half = stats.t.ppf(0.975, 5) * kr.std(ddof=1) / np.sqrt(6)
    assert groups.loc["KR", ["mean", "median", "ci_low", "ci_high"]].tolist() == pytest.approx(
        [10 / 6, 1.0, 10 / 6 - half, 10 / 6 + half]
    )
    assert groups.loc["JP", "warning"].startswith("too small to say anything")
    assert groups.loc["KR", "warning"] == ""
    pair = table.iloc[2]
    assert (pair["group"], pair["other"], pair["n"], pair["n_other"]) == ("JP", "KR", 4, 6)
    assert pair[
        ["diff", "diff_ci_low", "diff_ci_high", "p_value", "cliffs_delta"]
    ].tolist() == pytest.approx([-10 / 6, -10 / 6 - half, -10 / 6 + half, 2 / 210, -1.0])
    # Welch: JP has no spread, so the interval is KR's t interval around the difference
    assert "JP n=4" in pair["warning"]


def test_compare_groups_same_seed_identical_output():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"v": rng.normal(size=60), "g": list("abc") * 20})
    first = compare_groups(df, value="v", by="g", seed=11)
    pd.testing.assert_frame_equal(first, compare_groups(df, value="v", by="g", seed=11))
    assert not first.equals(compare_groups(df, value="v", by="g", seed=12))
    assert len(first) == 3 + 3  # three groups, three pairs


def test_compare_groups_reference_and_missing_values():
    df = pd.DataFrame(
        {
            "v": [1.0, 2.0, 3.0, 4.0, 5.0, np.nan, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0],
            "g": ["JP"] * 6 + ["KR"] * 6,
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = compare_groups(df, value="v", by="g", reference="KR", min_n=5)
    assert table["n"].tolist() == [5, 6, 5]  # the NaN row is left out
    pair = table.iloc[2]
    assert (pair["group"], pair["other"]) == ("JP", "KR")
    assert pair["diff"] == pytest.approx(3.0 - 9.5)


def test_compare_groups_does_not_mutate_input():
    before = SHIFTED.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compare_groups(SHIFTED, value="tone", by="country")
    pd.testing.assert_frame_equal(SHIFTED, before)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"value": "nope", "by": "country"},
            r"^compare_groups: missing required column\(s\) 'nope'; found 'tone', 'country'$",
        ),
        ({"value": "tone", "by": "country", "reference": "CN"}, "reference 'CN'"),
    ],
)
def test_compare_groups_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare_groups(SHIFTED, **kwargs)


def test_compare_groups_non_numeric_value_names_row_and_field():
    df = pd.DataFrame({"tone": [0.1, "high"], "g": ["a", "b"]})
    with pytest.raises(ValueError, match=r"row 1, field 'tone'"):
        compare_groups(df, value="tone", by="g")


def test_plot_group_means_marks_small_groups_and_windows():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots.compare import plot_group_means

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = compare_groups(SHIFTED, value="tone", by="country")
    before = table.copy()
    ax = plot_group_means(table, xlabel="mean tone (-1..1)")
    pd.testing.assert_frame_equal(table, before)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["JP", "KR"]
    assert [t.get_text() for t in ax.texts] == ["n=4 (too few)", "n=6"]
    assert ax.get_xlabel() == "mean tone (-1..1)"
    windows = table.iloc[:2].assign(window=["before", "after"], group=["all", "all"])
    ax = plot_group_means(windows)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "before the event",
        "after the event",
    ]
    with pytest.raises(ValueError, match="missing column"):
        plot_group_means(table.drop(columns="warning"))
    plt.close("all")


def test_plot_group_means_colours_countries_and_the_rest_of_the_corpus():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots.compare import plot_group_means
    from analysis.plots.style import OKABE_ITO, country_color

    df = pd.DataFrame(
        {"tone": [0.1, 0.2, 0.3, 0.4] * 2, "side": ["KR"] * 4 + ["rest of corpus"] * 4}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ax = plot_group_means(compare_groups(df, value="tone", by="side"))
    markers = [line.get_color() for line in ax.get_lines() if line.get_marker() == "o"]
    assert markers == [country_color("KR"), OKABE_ITO["grey"]]
    plt.close("all")


@pytest.fixture
def cli_main(monkeypatch):
    from analysis import cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ("analysis.compare", "analysis.events"))
    return cli.main


def test_cli_compare_writes_the_known_table(tmp_path, cli_main):
    table = tmp_path / "scores.csv"
    SHIFTED.to_csv(table, index=False)
    out = tmp_path / "out.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = cli_main(
            ["compare", str(table), "--value", "tone", "--by", "country", "--out", str(out)]
        )
    assert code == 0
    result = pd.read_csv(out)
    assert result["group"].tolist() == ["JP", "KR", "JP"]
    half = stats.t.ppf(0.975, 5) * np.std([1.0] * 5 + [5.0], ddof=1) / np.sqrt(6)  # Welch
    assert result.loc[2, ["diff", "diff_ci_low", "diff_ci_high"]].tolist() == pytest.approx(
        [-10 / 6, -10 / 6 - half, -10 / 6 + half]
    )


def test_cli_compare_event_window_to_stdout(tmp_path, cli_main, capsys):
    table = tmp_path / "scores.csv"
    pd.DataFrame(
        {
            "published": ["2023-03-01", "2023-03-02", "2023-03-06", "2023-03-07"],
            "tone": [0.0, 0.2, 0.5, 0.7],
        }
    ).to_csv(table, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = cli_main(
            ["compare", str(table), "--value", "tone", "--event", "2023-03-06", "--window", "10"]
        )
    assert code == 0
    result = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert result["window"].tolist() == ["before", "after", "after"]
    assert result.loc[2, "diff"] == pytest.approx(0.5)


def test_cli_compare_bad_date_is_one_line_naming_row_and_field(tmp_path, cli_main, capsys):
    table = tmp_path / "scores.csv"
    pd.DataFrame({"published": ["2023-03-01", "2023-13-40"], "tone": [0.0, 0.2]}).to_csv(
        table, index=False
    )
    code = cli_main(["compare", str(table), "--value", "tone", "--event", "2023-03-06"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "row 2, field 'published'" in err


def test_cli_events_lists_the_events(tmp_path, cli_main):
    out = tmp_path / "events.csv"
    assert cli_main(["events", "--out", str(out)]) == 0
    listed = pd.read_csv(out)
    assert "2023-03-06-compensation-plan" in set(listed["event_id"])


@pytest.mark.slow
def test_profile_notebook_runs_on_the_sample_and_compares_with_the_rest(tmp_path):
    import nbformat
    import papermill

    from analysis import config
    from analysis.report.parameters import read_notebook

    source = tmp_path / "profile.ipynb"
    nbformat.write(read_notebook(config.NOTEBOOK_DIR / "profile.py"), source)
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(source),
        str(out),
        parameters={"group": "INTL"},
        kernel_name="python3",
        progress_bar=False,
    )
    text = out.read_text(encoding="utf-8")
    assert "INTL vs the rest of the corpus" in text
    assert "too small to say anything" in text  # two INTL texts, both undated


def test_holm_adjust_known_answer_and_nan():
    from analysis.compare import holm_adjust

    # sorted p 0.01, 0.03, 0.04 -> 3 * 0.01, max(0.03, 2 * 0.03), max(0.06, 1 * 0.04)
    adjusted = holm_adjust([0.04, np.nan, 0.01, 0.03])
    assert adjusted[[0, 2, 3]] == pytest.approx([0.06, 0.03, 0.06])
    assert np.isnan(adjusted[1])


def test_compare_groups_holm_column_over_three_pairs():
    rng = np.random.default_rng(9)
    df = pd.DataFrame(
        {"v": np.r_[rng.normal(0, 1, 12), rng.normal(1, 1, 12), rng.normal(2, 1, 12)]}
    )
    df["g"] = ["a"] * 12 + ["b"] * 12 + ["c"] * 12
    table = compare_groups(df, value="v", by="g")
    pairs = table[table["other"].notna()]
    p = pairs["p_value"].to_numpy()
    order = np.argsort(p)
    expected = np.maximum.accumulate(np.minimum(p[order] * np.array([3, 2, 1]), 1.0))
    assert pairs["p_holm"].to_numpy()[order] == pytest.approx(expected)
    assert table.loc[table["other"].isna(), "p_holm"].isna().all()


SHARES = pd.DataFrame({"present": [0] * 5 + [1, 1, 1, 1, 0], "side": ["A"] * 5 + ["B"] * 5})


def test_compare_groups_on_a_zero_one_column_uses_wilson_and_newcombe():
    table = compare_groups(SHARES, value="present", by="side")
    groups, pair = table.iloc[:2], table.iloc[2]
    assert groups["ci_method"].tolist() == ["wilson", "wilson"]
    assert (groups.loc[0, "ci_low"], groups.loc[0, "ci_high"]) == pytest.approx(
        (0.0, 0.4345), abs=1e-4
    )  # the bootstrap gave [0, 0] here
    assert (groups.loc[1, "ci_low"], groups.loc[1, "ci_high"]) == pytest.approx(wilson_ci(4, 5)[1:])
    # A minus B: the mirror of the known Newcombe interval above
    assert pair["ci_method"] == "newcombe"
    assert pair["diff"] == pytest.approx(-0.8)
    assert (pair["diff_ci_low"], pair["diff_ci_high"]) == pytest.approx(
        (-0.9638, -0.1926), abs=1e-4
    )


def test_compare_groups_float_values_get_t_intervals_unless_share_is_asked():
    floats = SHARES.assign(present=SHARES["present"].astype(float))
    assert compare_groups(floats, value="present", by="side")["ci_method"].tolist() == [
        "student t",
        "student t",
        "welch t",
    ]
    asked = compare_groups(floats, value="present", by="side", share=True)
    assert asked["ci_method"].tolist() == ["wilson", "wilson", "newcombe"]
    with pytest.raises(ValueError, match="other than 0/1"):
        compare_groups(SHARES.assign(present=[2] * 10), value="present", by="side", share=True)


@pytest.mark.parametrize(
    ("value", "text"),
    [(-0.0001, "0.000"), (-0.0, "0.000"), (-0.0006, "-0.001"), (0.1234, "0.123"), (np.nan, "NA")],
)
def test_format_number_never_shows_negative_zero(value, text):
    assert format_number(value) == text


def test_format_interval_one_cell():
    assert format_interval(0.114, 0.049, 0.2) == "0.11 [0.05, 0.20]"
    assert format_interval(-0.001, -0.004, 0.0) == "0.00 [0.00, 0.00]"
    assert format_interval(0.3, np.nan, np.nan) == "0.30"
    assert format_interval(np.nan, np.nan, np.nan) == "NA"


# Real-shaped rows: tone of documents by country and kind (hand-checkable means).
BY_TWO = pd.DataFrame(
    {
        "tone": [0.1, 0.3, 0.2, -0.4, -0.2, 0.5, 0.7, 0.6, np.nan],
        "outlet_country": ["JP", "JP", "JP", "JP", "JP", "KR", "KR", "KR", "KR"],
        "kind": ["news", "news", "news", "statement", "statement", "news", "news", None, "news"],
    }
)


def test_compare_groups_by_several_columns():
    before = BY_TWO.copy()
    with pytest.warns(UserWarning) as caught:
        table = compare_groups(BY_TWO, value="tone", by=["outlet_country", "kind"], min_n=3)
    pd.testing.assert_frame_equal(BY_TWO, before)
    groups = table[table["other"].isna()].set_index("group")
    assert list(groups.index) == ["JP / news", "JP / statement", "KR / news"]
    assert groups["n_obs"].tolist() == [3, 2, 2]  # KR's row without kind and the NaN left out
    assert groups["mean"].tolist() == pytest.approx([0.2, -0.3, 0.6])
    pair = table[(table["group"] == "JP / news") & (table["other"] == "KR / news")].iloc[0]
    assert pair["diff"] == pytest.approx(-0.4)
    # one wording, in the table and in the warning
    assert groups.loc["JP / statement", "warning"] == (
        "too small to say anything (JP / statement n=2 < 3)"
    )
    assert str(caught[0].message) == (
        "compare_groups('tone' by ['outlet_country', 'kind']): too small to say anything "
        "(JP / statement n=2, KR / news n=2 < 3)"
    )


def test_compare_groups_counts_are_n_obs_and_n_stays_as_alias():
    table = compare_groups(SHIFTED, value="tone", by="country", min_n=1)
    assert list(table.columns[:5]) == ["measure", "group", "other", "n_obs", "n_other"]
    assert table["n"].tolist() == table["n_obs"].tolist() == [4, 6, 4]


def test_compare_groups_empty_by_list_is_an_error():
    with pytest.raises(ValueError, match="by must name at least one column"):
        compare_groups(BY_TWO, value="tone", by=[])


def test_cli_compare_by_two_columns(tmp_path, cli_main):
    table = tmp_path / "scores.csv"
    BY_TWO.to_csv(table, index=False)
    out = tmp_path / "out.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        argv = ["compare", str(table), "--value", "tone", "--by", "outlet_country,kind"]
        assert cli_main([*argv, "--out", str(out)]) == 0
    groups = pd.read_csv(out).query("other.isna()")
    assert groups["group"].tolist() == ["JP / news", "JP / statement", "KR / news"]
