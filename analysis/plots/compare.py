"""Group means with confidence-interval error bars, small groups visibly flagged.

Reads the tables of ``analysis.compare.compare_groups`` and
``analysis.events.compare_event_window`` (their per-group rows, where ``other`` is NA).
A group with a ``warning`` (too few documents) is drawn with a hollow marker and
its ``n`` is written in red beside it, so a tiny group never looks like evidence.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.plots.style import OKABE_ITO
from analysis.plots.time import group_colors

REQUIRED = ["group", "other", "n", "mean", "ci_low", "ci_high", "warning"]
WINDOW_STYLE = {"before": ("s", -0.15), "after": ("o", 0.15)}


def _summary_rows(table: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ValueError(
            f"plot_group_means: missing column(s) {missing}; found {list(table.columns)}"
        )
    return table.loc[table["other"].isna()].reset_index(drop=True)


def _draw_point(ax: Axes, row, y: float, *, color: str, marker: str) -> None:
    small = bool(row.warning)
    low = row.mean - row.ci_low if np.isfinite(row.ci_low) else 0.0
    high = row.ci_high - row.mean if np.isfinite(row.ci_high) else 0.0
    ax.errorbar(
        row.mean,
        y,
        xerr=[[low], [high]],
        fmt=marker,
        color=color,
        markerfacecolor="white" if small else color,
        capsize=3,
    )
    text_color = OKABE_ITO["vermillion"] if small else "#333333"
    note = f"n={row.n}" + (" (too few)" if small else "")
    ax.annotate(
        note,
        (1.0, y),
        xycoords=("axes fraction", "data"),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color=text_color,
    )


def plot_group_means(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    xlabel: str = "mean",
    title: str | None = None,
) -> Axes:
    """Plot each group's mean and CI as a horizontal error bar; before/after side by side.

    Args:
        table: Output of ``compare_groups`` or ``compare_event_window``; with a
            ``window`` column each group gets a square (before) and a circle (after).
        ax: Axes to draw on; None = a new figure sized to the number of groups.
        xlabel: X-axis label with units, e.g. "mean VADER compound (-1..1)".
        title: Optional title.

    Returns:
        The Axes. Empty groups (n = 0) are listed with their ``n`` but have no point.
    """
    rows = _summary_rows(table)
    groups = list(dict.fromkeys(rows["group"].astype(str)))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.55 * max(len(groups), 1)))
    has_window = "window" in rows.columns
    colors = group_colors(groups)  # countries in their colour, "rest of corpus" grey
    for row in rows.itertuples(index=False):
        y = groups.index(str(row.group))
        window = str(row.window) if has_window else None
        marker, shift = WINDOW_STYLE.get(window, ("o", 0.0))
        color = _window_color(window) if has_window else colors[str(row.group)]
        if row.n and np.isfinite(row.mean):
            _draw_point(ax, row, y + shift, color=color, marker=marker)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title, loc="left", pad=22 if has_window else 6)
    if has_window:
        handles = [
            Line2D([], [], marker=m, color=_window_color(w), linestyle="", label=f"{w} the event")
            for w, (m, _) in WINDOW_STYLE.items()
        ]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.98), ncols=2)
    return ax


def _window_color(window: str | None) -> str:
    return OKABE_ITO["grey"] if window == "before" else OKABE_ITO["blue"]
