"""Distributions of a per-document or per-sentence score, and agreement of two scores.

Inputs are never modified; each function returns the Axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.plots.corpus import plain_label
from analysis.plots.style import country_color


def _require(df: pd.DataFrame, columns: list[str], where: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}; found {list(df.columns)}")


def plot_distribution(
    df: pd.DataFrame,
    *,
    value: str,
    by: str,
    xlabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One row per group: a box (median, quartiles) and every value as a jittered point.

    Rows with a missing value are left out; each group's ``n`` is in its label.

    Args:
        df: rows with ``value`` (numeric) and ``by``.
        value: the score column.
        by: grouping column; country codes get their country colour.
        xlabel: x-axis label with units; default ``value``.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes.
    """
    _require(df, [value, by], "plot_distribution")
    values = pd.to_numeric(df[value], errors="coerce").astype("float64")
    groups = df[by].astype("string").fillna("NA")
    keep = values.notna()
    names = sorted(groups[keep].unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.5 * max(len(names), 1)))
    rng = np.random.default_rng(0)  # jitter only: fixed so the figure is reproducible
    labels = []
    for y, name in enumerate(names):
        data = values[keep & (groups == name)].to_numpy()
        ax.boxplot(
            data,
            positions=[y],
            orientation="horizontal",
            widths=0.5,
            showfliers=False,
            medianprops={"color": "black"},
        )
        jitter = y + rng.uniform(-0.18, 0.18, size=data.size)
        ax.scatter(data, jitter, color=country_color(name), s=14, alpha=0.7, zorder=3)
        labels.append(f"{plain_label(name)} (n={data.size})")
    ax.set_yticks(range(len(names)), labels)
    ax.set_ylim(-0.6, max(len(names), 1) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or value)
    ax.set_ylabel(by)
    return ax


def plot_score_agreement(
    df: pd.DataFrame,
    *,
    x: str = "textblob_polarity",
    y: str = "vader_compound",
    ax: Axes | None = None,
) -> Axes:
    """Scatter of two scores of the same units, with the zero lines and the counts at zero.

    Points exactly on a zero line are where one tool found no sentiment words at
    all; the legend gives how many.

    Args:
        df: rows with columns ``x`` and ``y``; rows with either missing are left out.
        x: score on the x axis.
        y: score on the y axis.
        ax: Axes to draw on; None = a new square figure.

    Returns:
        The Axes.
    """
    _require(df, [x, y], "plot_score_agreement")
    both = df[[x, y]].apply(pd.to_numeric, errors="coerce").astype("float64").dropna()
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 5.5))
    at_x0, at_y0 = both[x] == 0, both[y] == 0
    ax.scatter(both[x], both[y], s=10, alpha=0.4, color="#0072B2", label="sentences")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.plot([], [], " ", label=f"{int(at_x0.sum())} of {len(both)} at {x} = 0")
    ax.plot([], [], " ", label=f"{int(at_y0.sum())} of {len(both)} at {y} = 0")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(f"{x} (-1..1)")
    ax.set_ylabel(f"{y} (-1..1)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)
    return ax
