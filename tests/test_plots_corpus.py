"""analysis.plots.corpus: known bar heights, colours, points."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.plots.corpus import (  # noqa: E402
    plain_label,
    plot_document_counts,
    plot_documents_by_year,
    plot_text_lengths,
)
from analysis.plots.style import COUNTRY_COLORS  # noqa: E402


@pytest.fixture
def docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d", "e"],
            "outlet": ["MOFA Japan", "MOFA Japan", "Yonhap", "Yonhap", "$pecial$ Outlet"],
            "outlet_country": ["JP", "JP", "KR", "KR", "KR"],
            "kind": ["statement", "statement", "news", "news", "news"],
            "published": pd.to_datetime(
                ["2019-08-02", "2021-03-06", "2019-01-01", None, "2021-05-01"]
            ),
            "n_chars": pd.array([1000, 2000, 500, 700, 900], dtype="Int64"),
            "text_complete": pd.array([True, False, True, True, False], dtype="boolean"),
            "vader_compound": [0.5, -0.25, 0.0, np.nan, 0.75],
        }
    )


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bar_colors(ax) -> list[str]:
    return [to_hex(p.get_facecolor()) for p in ax.patches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain", "plain"), ("$x^2$", r"\$x^2\$"), ("a" * 50, "a" * 44 + "…"), (None, "NA")],
)
def test_plain_label_known_answers(text, expected):
    assert plain_label(text) == expected


def test_document_counts_by_country(docs):
    ax = plot_document_counts(docs)
    assert [p.get_width() for p in ax.patches] == [3, 2]  # KR then JP, largest first
    assert [t.get_text() for t in ax.get_yticklabels()] == ["KR", "JP"]
    assert bar_colors(ax) == [COUNTRY_COLORS["KR"].lower(), COUNTRY_COLORS["JP"].lower()]


def test_document_counts_by_outlet_top_and_other(docs):
    ax = plot_document_counts(docs, by="outlet", top=1)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["MOFA Japan", "other (2)"]  # ties sorted by name, first one shown
    assert [p.get_width() for p in ax.patches] == [2, 3]
    assert bar_colors(ax)[0] == COUNTRY_COLORS["JP"].lower()


def test_document_counts_escapes_dollar_in_labels(docs):
    ax = plot_document_counts(docs, by="outlet")
    assert r"\$pecial\$ Outlet" in [t.get_text() for t in ax.get_yticklabels()]


def test_documents_by_year_stacks_countries_and_counts_undated(docs):
    ax = plot_documents_by_year(docs)
    ticks = zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
    years = {round(x): int(t.get_text()) for x, t in ticks}
    heights = {
        (years[round(p.get_x() + p.get_width() / 2)], to_hex(p.get_facecolor())): p.get_height()
        for p in ax.patches
    }
    jp, kr = COUNTRY_COLORS["JP"].lower(), COUNTRY_COLORS["KR"].lower()
    assert heights == {
        (2019, jp): 1,
        (2020, jp): 0,
        (2021, jp): 1,
        (2019, kr): 1,
        (2020, kr): 0,
        (2021, kr): 1,
    }
    assert ax.get_xlabel() == "publication year (1 undated left out)"


def test_one_year_gets_months_not_fractions_of_a_year(docs):
    from analysis.plots.corpus import plot_documents_by_period

    dates = ["2019-01-10", "2019-03-02", "2019-03-30", "2019-12-01", None]
    ax = plot_documents_by_period(docs.assign(published=pd.to_datetime(dates)), period="month")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [f"2019-{m:02d}" for m in range(1, 13)]
    heights = [p.get_height() for p in ax.patches]  # JP bars (a, b), then KR bars (c, d, e)
    assert heights[:12] == [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert sum(heights) == 4 and ax.get_xlabel() == "publication month (1 undated left out)"


def test_text_lengths_points_filled_and_hollow(docs):
    ax = plot_text_lengths(docs)
    filled = [c for c in ax.collections if len(c.get_facecolors()) and c.get_facecolors()[0][3] > 0]
    xs = sorted(float(x) for c in filled for x, _ in c.get_offsets())
    assert xs == [500.0, 700.0, 1000.0]  # complete texts; 2000 and 900 are hollow excerpts


@pytest.mark.parametrize(
    "plot",
    [
        lambda d: plot_document_counts(d, by="outlet"),
        plot_documents_by_year,
        plot_text_lengths,
    ],
)
def test_plots_do_not_mutate_input(docs, plot):
    before = docs.copy(deep=True)
    plot(docs)
    pd.testing.assert_frame_equal(docs, before)


@pytest.mark.parametrize(
    ("plot", "message"),
    [
        (
            lambda d: plot_document_counts(d, by="nope"),
            r"plot_document_counts: missing column\(s\) \['nope'\]",
        ),
        (
            lambda d: plot_text_lengths(d.drop(columns="n_chars")),
            r"missing column\(s\) \['n_chars'\]",
        ),
    ],
)
def test_plots_name_missing_columns(docs, plot, message):
    with pytest.raises(ValueError, match=message):
        plot(docs)
