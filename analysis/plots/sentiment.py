"""Sentiment figures: score distributions by country, mean tone with CIs, TextBlob vs VADER.

They know each score's name and range, so every axis says what it measures and
in which units. Inputs are never modified; each function returns the Axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.checks import require_columns
from analysis.plots.compare import plot_group_means
from analysis.plots.corpus import plain_label
from analysis.plots.style import country_color

SCORE_LABELS = {
    "tone": "tone (-1..1)",
    "textblob_polarity": "TextBlob polarity (-1..1)",
    "textblob_subjectivity": "TextBlob subjectivity (0..1)",
    "vader_compound": "VADER compound (-1..1)",
}


def _check_score(score: str) -> str:
    if score not in SCORE_LABELS:
        raise ValueError(f"score must be one of {list(SCORE_LABELS)}, got {score!r}")
    return SCORE_LABELS[score]


def _box_rows(ax: Axes | None, values: pd.Series, groups: pd.Series) -> Axes:
    """One row per group: a box (median, quartiles) and every value as a jittered point."""
    keep = values.notna()
    names = sorted(groups[keep].unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.5 * max(len(names), 1)))
    rng = np.random.default_rng(0)  # jitter only: fixed so the figure is reproducible
    labels = []
    for y, name in enumerate(names):
        data = values[keep & (groups == name)].to_numpy()
        ax.boxplot(data, positions=[y], orientation="horizontal", widths=0.5,
                   showfliers=False, medianprops={"color": "black"})  # fmt: skip
        jitter = y + rng.uniform(-0.18, 0.18, size=data.size)
        ax.scatter(data, jitter, color=country_color(name), s=14, alpha=0.7, zorder=3)
        labels.append(f"{plain_label(name)} (n={data.size})")
    ax.set_yticks(range(len(names)), labels)
    ax.set_ylim(-0.6, max(len(names), 1) - 0.4)
    ax.invert_yaxis()
    return ax


def plot_sentiment_distribution(
    scores: pd.DataFrame,
    *,
    score: str | list[str] = "vader_compound",
    by: str = "outlet_country",
    ax: Axes | None = None,
) -> Axes:
    """Box and every value as a jittered point, one row per group (unscored rows left out).

    Each row's label gives its ``n``.

    Args:
        scores: per-document or per-sentence scores with ``score`` and ``by``
            (merge the corpus metadata in first).
        score: ``tone``, ``textblob_polarity``, ``textblob_subjectivity`` or ``vader_compound``;
            or a list of them: then one row per score (the tools side by side) and
            ``by`` is not used.
        by: grouping column; country codes get their country colour.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes, x axis labelled with the score and its range.
    """
    names = [score] if isinstance(score, str) else list(score)
    labels = [_check_score(name) for name in names]
    if isinstance(score, str):
        require_columns(scores, [score, by], what="plot_sentiment_distribution")
        values, groups = scores[score], scores[by].astype("string").fillna("NA")
        title = f"{labels[0].split(' (')[0]} by {by}"
    else:
        require_columns(scores, names, what="plot_sentiment_distribution")
        values = pd.concat([scores[name] for name in names], ignore_index=True)
        groups = pd.Series(np.repeat(names, len(scores)), dtype="string")
        title = "score by tool"
    values = pd.to_numeric(values, errors="coerce").astype("float64")
    ax = _box_rows(ax, values, groups)
    ax.set_xlabel(labels[0] if len(labels) == 1 else "score (-1..1)")
    ax.set_ylabel(by if isinstance(score, str) else "tool")
    ax.set_title(title)
    return ax


def plot_tone_by_group(
    table: pd.DataFrame,
    *,
    score: str = "vader_compound",
    by: str = "outlet_country",
    ax: Axes | None = None,
) -> Axes:
    """Mean tone per group with confidence-interval error bars.

    Args:
        table: either a summary with ``group``, ``n``, ``mean``, ``ci_low``,
            ``ci_high`` (e.g. ``analysis.compare.compare_groups``; ``other`` and
            ``warning`` are added when missing), or per-document scores with
            ``score`` and ``by``, summarised here with ``compare_groups``
            (seeded bootstrap CIs).
        score: the score shown (names the axis; selects the column of raw scores).
        by: grouping column of raw scores.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes, x axis "mean <score> (range)".
    """
    label = _check_score(score)
    if {"mean", "ci_low", "ci_high"}.issubset(table.columns):
        summary = table
        if "other" not in summary.columns:
            summary = summary.assign(other=pd.NA)
        if "warning" not in summary.columns:
            summary = summary.assign(warning="")
    else:
        from analysis.compare import compare_groups

        summary = compare_groups(table, value=score, by=by)
    return plot_group_means(
        summary, ax=ax, xlabel=f"mean {label}", title=f"Mean {label.split(' (')[0]} by group"
    )


def plot_textblob_vs_vader(
    scores: pd.DataFrame,
    *,
    by: str | None = "outlet_country",
    ax: Axes | None = None,
) -> Axes:
    """Scatter of TextBlob polarity against VADER compound, coloured by group.

    Rows where either score is missing (unscored text) are left out; the title
    gives n and Pearson r (``analysis.sentiment.sentiment_agreement``). Points
    exactly on a zero line are where a tool found no sentiment word at all; the
    legend says how many.

    Args:
        scores: rows with ``textblob_polarity``, ``vader_compound`` (and ``by``).
        by: grouping column for colours (country codes get country colours);
            None = one colour.
        ax: Axes to draw on; None = a new square figure.

    Returns:
        The Axes.
    """
    from analysis.sentiment import sentiment_agreement

    needed = ["textblob_polarity", "vader_compound"] + ([by] if by else [])
    require_columns(scores, needed, what="plot_textblob_vs_vader")
    both = scores[needed].dropna(subset=needed[:2])
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 5.5))
    groups = both[by].astype("string").fillna("NA") if by else pd.Series("all", index=both.index)
    for name in sorted(groups.unique()):
        part = both[groups == name]
        ax.scatter(
            part["textblob_polarity"], part["vader_compound"], s=12, alpha=0.5,
            color=country_color(name), label=f"{name} (n={len(part)})",
        )  # fmt: skip
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(SCORE_LABELS["textblob_polarity"])
    ax.set_ylabel(SCORE_LABELS["vader_compound"])
    agreement = sentiment_agreement(both).iloc[0]
    n, r = int(agreement["n"]), agreement["pearson_r"]
    ax.set_title(f"TextBlob vs VADER (n={n}, r={r:.2f})")
    for name in needed[:2]:
        zeros = int((both[name] == 0).sum())
        ax.plot([], [], " ", label=f"{zeros} of {len(both)} at {name} = 0")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, title=by)
    return ax
