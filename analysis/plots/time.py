"""Time plots: one line per group with its confidence band, and the key events marked.

Every time plot in the reports goes through ``plot_over_time`` so that events are
always drawn (dashed vertical lines with short labels) and each country keeps its
colour (``analysis.plots.style.country_color``).
"""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from analysis.plots.style import COUNTRY_COLORS, OKABE_ITO, OTHER_COLORS, country_color

PERIOD_LENGTH = {
    "week": pd.Timedelta(days=7),
    "month": pd.Timedelta(days=31),
    "quarter": pd.Timedelta(days=92),
    "year": pd.Timedelta(days=366),
}
REQUIRED = ["period_start", "group", "value"]
LABEL_GAP = 0.022  # axes fraction under which two event labels would collide
COUNTRY_CODE = re.compile(r"[A-Z]{2,4}")  # JP, KR, US, INTL, IN, ...
REST_LABELS = ("rest of corpus", "rest", "other", "others")
# Groups that are not countries (frames, windows, variants) never take JP/KR/US colours.
NON_COUNTRY_COLORS = [
    color for color in OTHER_COLORS if color not in {COUNTRY_COLORS[c] for c in ("JP", "KR", "US")}
]


def group_colors(groups: list[str]) -> dict[str, str]:
    """Colour of each plotted group, the same in every figure.

    Country codes (two to four capital letters) always take
    ``analysis.plots.style.country_color``, whatever else is plotted with them.
    "rest of corpus" (and "rest", "other") is grey. Any other group (a frame, a
    window, a variant) takes the next colour of a palette without the JP, KR and US
    colours, in the order given.
    """
    colors, i = {}, 0
    for g in groups:
        if COUNTRY_CODE.fullmatch(g):
            colors[g] = country_color(g)
        elif g.lower() in REST_LABELS:
            colors[g] = OKABE_ITO["grey"]
        else:
            colors[g] = NON_COUNTRY_COLORS[i % len(NON_COUNTRY_COLORS)]
            i += 1
    return colors


def _span(ts: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    step = PERIOD_LENGTH.get(ts.attrs.get("period", "month"), pd.Timedelta(days=31))
    return (ts["period_start"].min(), ts["period_start"].max() + step)


def mark_events(ax: Axes, events: pd.DataFrame, *, start=None, end=None) -> list[str]:
    """Draw a dashed line at each event between ``start`` and ``end``, labelled above the plot.

    ``start``/``end`` default to the current x-limits. Labels stand vertically above the
    axes, so they never hide data; a label closer than ``LABEL_GAP`` (axes fraction)
    to the previous one is moved right and joined to its line by a thin leader.

    Returns:
        The labels drawn, in date order.
    """
    lo, hi = ax.get_xlim()
    start = pd.Timestamp(start) if start is not None else _num_to_time(lo)
    end = pd.Timestamp(end) if end is not None else _num_to_time(hi)
    shown = events.loc[events["date"].between(start, end)].sort_values("date")
    lo, hi = ax.get_xlim()
    place = blended_transform_factory(ax.transAxes, ax.transAxes)
    last = -np.inf
    for row in shown.itertuples(index=False):
        ax.axvline(row.date, color="#555555", linestyle="--", linewidth=0.8, alpha=0.7, zorder=1)
        x = (mdates.date2num(row.date) - lo) / (hi - lo)
        label_x = max(x, last + LABEL_GAP)
        moved = label_x - x > 1e-9
        ax.annotate(
            str(row.label),
            xy=(x, 1.0),
            xycoords=place,
            xytext=(label_x, 1.06 if moved else 1.02),
            textcoords=place,
            rotation=90,
            ha="center",
            va="bottom",
            fontsize=8,
            color="#333333",
            arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.6} if moved else None,
            annotation_clip=False,
        )
        last = label_x
    return [str(label) for label in shown["label"]]


def _num_to_time(num: float) -> pd.Timestamp:
    return pd.Timestamp(mdates.num2date(num)).tz_localize(None)


def plot_over_time(
    ts: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    ax: Axes | None = None,
    ylabel: str = "value",
    title: str | None = None,
    bands: bool = True,
) -> Axes:
    """Plot a ``time_series`` table: a line per group, a shaded CI band, event markers.

    Args:
        ts: Output of ``analysis.timeseries.time_series`` (``period_start``, ``group``,
            ``value``, optional ``ci_low``/``ci_high``); periods with no data (NaN)
            leave gaps in the line.
        events: Output of ``analysis.events.load_events``; events inside the plotted
            span get a dashed line and a label. None = no markers.
        ax: Axes to draw on; None = a new figure.
        ylabel: Y-axis label, with units (e.g. "mean VADER compound (-1..1)").
        title: Optional title (placed below the event labels).
        bands: Shade the ``ci_low``..``ci_high`` band and draw it as a vertical bar at
            each point, so a period between two empty ones still shows its interval.
            Off for counts, where the Poisson band of empty periods distracts.

    Returns:
        The Axes.
    """
    missing = [c for c in REQUIRED if c not in ts.columns]
    if missing:
        raise ValueError(f"plot_over_time: missing column(s) {missing}; found {list(ts.columns)}")
    if ax is None:
        _, ax = plt.subplots()
    groups = sorted(ts["group"].dropna().astype(str).unique())
    colors = group_colors(groups)
    half = PERIOD_LENGTH.get(ts.attrs.get("period", "month"), pd.Timedelta(days=31)) / 2
    for name in groups:
        part = ts.loc[ts["group"].astype(str) == name].sort_values("period_start")
        when = part["period_start"] + half
        ax.plot(
            when,
            part["value"],
            marker="o",
            markersize=4,
            color=colors[name],
            label=name,
        )
        if bands and {"ci_low", "ci_high"} <= set(part.columns) and part["ci_low"].notna().any():
            low, high = part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float)
            ax.fill_between(when, low, high, color=colors[name], alpha=0.18, linewidth=0)
            ax.vlines(when, low, high, color=colors[name], alpha=0.5, linewidth=1.2)  # lone periods
    period = ts.attrs.get("period", "period")
    ax.set_xlabel(f"{period} (point = middle of the {period})")
    ax.set_ylabel(ylabel)
    if ts.attrs.get("value") == "n_documents":  # counts: no half documents on the axis
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
    if len(groups) > 1:
        ax.legend(title=None, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if len(ts):
        start, end = _span(ts)
        ax.set_xlim(start, end)
        if events is not None:
            mark_events(ax, events, start=start, end=end)
    if title:
        ax.set_title(title, loc="left", pad=_title_pad(ax))
    ax.figure.autofmt_xdate()
    return ax


def _title_pad(ax: Axes) -> float:
    """Points between the axes top and the title: clear of the event labels above the plot."""
    if not ax.texts:
        return 6.0
    renderer = ax.figure.canvas.get_renderer()
    top = max(t.get_window_extent(renderer).y1 for t in ax.texts)
    return (top - ax.get_window_extent(renderer).y1) * 72 / ax.figure.dpi + 6.0
