"""analysis.plots.style: no two series of a figure share a colour; frames have their own
palette; Hangul and kana/kanji render with a CJK font (no tofu boxes)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.plots.style import (  # noqa: E402
    COUNTRY_COLORS,
    EXTRA_COUNTRY_COLORS,
    FRAME_COLORS,
    REST_COLOR,
    cjk_font,
    series_colors,
    use_style,
)
from analysis.plots.time import plot_series  # noqa: E402

TWENTY = ["JP", "KR", "US", "INTL", "CN", "KP", "IN", "GB", "FR", "DE", "AU", "CA", "SG"]


def test_palettes_are_disjoint():
    countries = set(COUNTRY_COLORS.values()) | set(EXTRA_COUNTRY_COLORS)
    assert not countries & set(FRAME_COLORS)
    assert REST_COLOR not in countries | set(FRAME_COLORS)
    assert len(set(FRAME_COLORS)) == len(FRAME_COLORS)


@pytest.mark.parametrize("n", [2, 6, 9, 13])
def test_no_two_countries_of_a_figure_share_a_colour(n):
    colors = series_colors(TWENTY[:n])
    assert len(set(colors.values())) == n
    assert colors["JP"] == COUNTRY_COLORS["JP"] and colors["KR"] == COUNTRY_COLORS["KR"]


def test_rest_and_pooled_other_are_grey_and_never_a_country_colour():
    colors = series_colors(["INTL", "rest of corpus", "other (12 groups, 12 docs)", "IN"])
    assert colors["rest of corpus"] == colors["other (12 groups, 12 docs)"] == REST_COLOR
    assert colors["INTL"] != REST_COLOR


def test_frames_take_the_frame_palette_in_codebook_order():
    frames = ["history", "law", "security", "trade", "diplomacy", "alliance", "domestic"]
    colors = series_colors(frames, palette="frame")
    assert list(colors.values()) == FRAME_COLORS[: len(frames)]
    mixed = series_colors(["JP", "conflict"])
    assert mixed["conflict"] in FRAME_COLORS


def test_many_series_become_small_multiples():
    groups = TWENTY[:9]
    ts = pd.DataFrame(
        {"period_start": pd.to_datetime(["2019-01-01", "2019-02-01"] * len(groups)),
         "group": np.repeat(groups, 2), "value": np.arange(2 * len(groups), dtype=float),
         "n": 5}
    )  # fmt: skip
    ts.attrs = {"period": "month", "value": "tone"}
    fig = plot_series(ts, ylabel="tone")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 9 and [ax.get_title(loc="left") for ax in panels][:2] == ["JP", "KR"]
    one = plot_series(ts[ts["group"].isin(["JP", "KR"])], ylabel="tone")
    assert len(one.axes) == 1
    plt.close("all")


def _ink(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3]


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font installed (make fonts)")
def test_hangul_and_kanji_render_as_glyphs_not_boxes():
    """The same label drawn with the fallback font differs from the box glyph DejaVu Sans
    draws for every character it lacks: distinct characters give distinct images."""
    use_style()
    images = []
    for text in ("독도", "竹島", "徴用"):
        fig = plt.figure(figsize=(1.5, 0.6))
        fig.text(0.1, 0.3, text, fontsize=20)
        images.append(_ink(fig))
        plt.close(fig)
    assert not np.array_equal(images[0], images[1])
    assert not np.array_equal(images[1], images[2])
