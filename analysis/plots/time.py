"""Time plots: one line per group with its confidence band, and the key events marked.

Every time plot in the reports goes through ``plot_series`` (a figure) or
``plot_over_time`` (one Axes) so that events are always drawn (dashed vertical lines
with short labels), each country keeps its colour and no two lines share one
(``analysis.plots.style.series_colors``). More than ``MAX_LINES`` series become small
multiples: one panel per group on shared axes, so no line hides another and no
legend has to be matched by colour.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from analysis.plots.style import series_colors

PERIOD_LENGTH = {
    "week": pd.Timedelta(days=7),
    "month": pd.Timedelta(days=31),
    "quarter": pd.Timedelta(days=92),
    "year": pd.Timedelta(days=366),
}
REQUIRED = ["period_start", "group", "value"]
LABEL_GAP = 0.022  # axes fraction under which two event labels would collide
MAX_LINES = 6  # more series than this: small multiples (plot_series)


def group_colors(groups: list[str]) -> dict[str, str]:
    """Colour of each plotted group; no two groups of one figure share a colour.

    Country codes take their country colour (``analysis.plots.style.series_colors``),
    whatever else is plotted with them; "rest of corpus", "other" and the pooled
    "other (k groups, n docs)" are grey; any other group (a frame, a window, a variant)
    takes the next colour of the frame palette, which holds no country colour.
    """
    return series_colors(groups, palette="auto")


def _span(ts: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    step = PERIOD_LENGTH.get(ts.attrs.get("period", "month"), pd.Timedelta(days=31))
    return (ts["period_start"].min(), ts["period_start"].max() + step)


def mark_events(
    ax: Axes, events: pd.DataFrame, *, start=None, end=None, labels: bool = True
) -> list[str]:
    """Draw a dashed line at each event between ``start`` and ``end``, labelled above the plot.

    ``start``/``end`` default to the current x-limits. Labels stand vertically above the
    axes, so they never hide data; a label closer than ``LABEL_GAP`` (axes fraction)
    to the previous one is moved right and joined to its line by a thin leader.
    ``labels=False`` draws the lines only (inner panels of small multiples).

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
        if not labels:
            continue
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
    color: str | None = None,
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
        color: One colour for every line (a panel of small multiples); None = one
            colour per group (``group_colors``).

    Returns:
        The Axes.
    """
    missing = [c for c in REQUIRED if c not in ts.columns]
    if missing:
        raise ValueError(f"plot_over_time: missing column(s) {missing}; found {list(ts.columns)}")
    if ax is None:
        _, ax = plt.subplots()
    groups = sorted(ts["group"].dropna().astype(str).unique())
    colors = {g: color for g in groups} if color else group_colors(groups)
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


def _grid(n: int) -> tuple[int, int]:
    cols = 2 if n <= 8 else 3
    return (int(np.ceil(n / cols)), cols)


def plot_series(
    ts: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    ylabel: str = "value",
    title: str | None = None,
    bands: bool = True,
    highlight=None,
    max_lines: int = MAX_LINES,
):
    """Plot a ``time_series`` table: one Axes with a line per group, or, with more than
    ``max_lines`` groups, small multiples (one panel per group, largest first, shared
    axes, the group named above its panel).

    Args:
        ts: Output of ``analysis.timeseries.time_series``.
        events: Key events to mark (see ``plot_over_time``); in small multiples the
            lines are drawn in every panel and labelled in none (the event table of the
            report names them).
        ylabel: Y-axis label with units.
        title: Figure title.
        bands: Draw the interval bands (see ``plot_over_time``).
        highlight: A date drawn as a solid black line labelled "this event".
        max_lines: Most lines in one Axes.

    Returns:
        The Figure.
    """
    groups = ts["group"].dropna().astype(str).unique().tolist()
    if len(groups) <= max_lines:
        ax = plot_over_time(ts, events=events, ylabel=ylabel, title=title, bands=bands)
        _highlight(ax, highlight)
        return ax.figure
    n_col = "n_obs" if "n_obs" in ts.columns else "n"
    sizes = ts.groupby("group", sort=False)[n_col].sum()  # ties: first seen first
    order = sizes.sort_values(ascending=False, kind="stable").index
    colors = group_colors(list(order))
    rows, cols = _grid(len(order))
    fig, axes = plt.subplots(rows, cols, figsize=(9, 1.9 * rows + 0.6), sharex=True, sharey=True)
    for ax, name in zip(axes.flat, order, strict=False):
        part = ts[ts["group"].astype(str) == name]
        part.attrs = ts.attrs
        plot_over_time(part, ax=ax, ylabel="", bands=bands, color=colors[name])
        if events is not None and len(ts):
            mark_events(ax, events, start=_span(ts)[0], end=_span(ts)[1], labels=False)
        _highlight(ax, highlight, label=False)
        ax.set_title(str(name), loc="left", fontsize=10, color=colors[name])
        ax.set_xlabel("")
    for ax in list(axes.flat)[len(order) :]:
        ax.set_visible(False)
    locator = mdates.AutoDateLocator(minticks=2, maxticks=4)
    for ax in axes.flat:
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.supylabel(ylabel, fontsize=10)
    if title:
        fig.suptitle(title, x=0.02, ha="left")
    fig.tight_layout()
    return fig


def _highlight(ax: Axes, date, *, label: bool = True) -> None:
    if date is None:
        return
    ax.axvline(pd.Timestamp(date), color="black", linewidth=2.0, zorder=2)
    if label:
        ax.annotate("this event", (pd.Timestamp(date), 0.0), xycoords=("data", "axes fraction"),
                    xytext=(3, 3), textcoords="offset points", fontsize=8)  # fmt: skip
