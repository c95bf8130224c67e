"""Figures for actors and voices: whose account, tone toward each side, distinctive terms.

Each function draws one table of ``analysis.actors`` / ``analysis.distinctive`` and
returns the Axes; colours are the country colours of ``analysis.plots.style``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.plots.style import country_color

__all__ = ["plot_directed_tone", "plot_distinctive_terms", "plot_voice_shares"]


def _require(df: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; found {list(df.columns)}")


def _axes(ax: Axes | None, n_rows: int) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(8, max(2.5, 0.45 * n_rows + 1.2)))
    return ax


def plot_voice_shares(
    table: pd.DataFrame, *, by: str = "outlet_country", ax: Axes | None = None
) -> Axes:
    """Stacked bars: for each publisher group, the share of voices from each actor country.

    Args:
        table: output of ``voices_by_country`` (``<by>``, ``country``, ``voice_share``,
            ``n_voices``).
        by: the publisher-group column.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes; each bar is labelled with the group's number of voices.
    """
    _require(table, [by, "country", "voice_share", "n_voices"], "plot_voice_shares")
    wide = table.pivot_table(index=by, columns="country", values="voice_share", fill_value=0)
    totals = table.groupby(by)["n_voices"].sum()
    ax = _axes(ax, len(wide))
    left = np.zeros(len(wide))
    labels = [str(g) for g in wide.index]
    for country in wide.columns:
        values = wide[country].to_numpy(float)
        ax.barh(labels, values, left=left, color=country_color(country), label=country)
        left += values
    for i, group in enumerate(wide.index):
        ax.annotate(f"n={int(totals[group])}", (1.0, i), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of credited voices (sentences)")
    ax.set_ylabel("publisher")
    ax.legend(title="actor country", loc="upper left", bbox_to_anchor=(1.08, 1))
    return ax


def plot_directed_tone(
    tone: pd.DataFrame,
    *,
    measure: str = "vader_compound",
    by: str = "outlet_country",
    ax: Axes | None = None,
) -> Axes:
    """Mean sentence tone toward each side's actors, per publisher group, with 95% CIs.

    Args:
        tone: output of ``directed_tone``.
        measure: ``"vader_compound"`` or ``"textblob_polarity"``.
        by: the publisher-group column.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes: one row per publisher group, one coloured point per target country
        (hollow when there is no interval, i.e. a single document, or when the row's
        ``warning`` says it rests on too few documents).
    """
    _require(tone, [by, "target", measure, f"{measure}_ci_low", f"{measure}_ci_high"],
             "plot_directed_tone")  # fmt: skip
    groups = sorted(tone[by].astype(str).unique())
    targets = sorted(tone["target"].unique())
    ax = _axes(ax, len(groups))
    step = 0.7 / max(len(targets), 1)
    for j, target in enumerate(targets):
        part = tone[tone["target"] == target]
        ys = (
            np.array([groups.index(str(g)) for g in part[by]]) + (j - (len(targets) - 1) / 2) * step
        )
        mean = part[measure].to_numpy(float)
        low = np.nan_to_num(mean - part[f"{measure}_ci_low"].to_numpy(float))
        high = np.nan_to_num(part[f"{measure}_ci_high"].to_numpy(float) - mean)
        color = country_color(target)
        ax.errorbar(mean, ys, xerr=[low, high], fmt="none", ecolor=color, capsize=2)
        hollow = part[f"{measure}_ci_low"].isna().to_numpy()
        if "warning" in part.columns:  # too few documents: never looks like evidence
            hollow = hollow | part["warning"].fillna("").ne("").to_numpy()
        ax.scatter(mean[~hollow], ys[~hollow], color=color, label=f"toward {target}", zorder=3)
        ax.scatter(mean[hollow], ys[hollow], facecolors="white", edgecolors=color, zorder=3)
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_xlabel(f"mean {measure} of sentences mentioning the side's actors")
    ax.set_ylabel("publisher")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_distinctive_terms(
    terms: pd.DataFrame,
    *,
    n: int = 15,
    labels: tuple[str, str] = ("group a", "group b"),
    colors: tuple[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of the ``n`` most distinctive terms of each group (z-scores).

    Args:
        terms: output of ``distinctive_terms`` (``term``, ``z_score``).
        n: terms per side.
        labels: names of group a and group b for the legend, e.g. ("JP", "KR").
        colors: bar colours; default the country colours of ``labels``.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes; group a's terms (positive z) on top, group b's (negative z) below.
    """
    _require(terms, ["term", "z_score"], "plot_distinctive_terms")
    top_a = terms.nlargest(n, "z_score").query("z_score > 0")
    top_b = terms.nsmallest(n, "z_score").query("z_score < 0")
    shown = pd.concat([top_a, top_b.iloc[::-1]]).iloc[::-1]
    colors = colors or (country_color(labels[0]), country_color(labels[1]))
    ax = _axes(ax, len(shown))
    bar_colors = [colors[0] if z > 0 else colors[1] for z in shown["z_score"]]
    ax.barh(shown["term"].astype(str), shown["z_score"], color=bar_colors)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.axvline(1.96, color="#999999", linewidth=0.8, linestyle="--")
    ax.axvline(-1.96, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_xlabel(f"z-score of weighted log-odds (> 0: {labels[0]}, < 0: {labels[1]})")
    return ax
