"""Sentiment figures: score distributions by country, mean tone with CIs, TextBlob vs VADER.

Thin, sentiment-aware layers over the shared figure functions
(``plots.distributions``, ``plots.compare``): they know each score's name and
range, so every axis says what it measures and in which units. Inputs are
never modified; each function returns the Axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from analysis.plots.compare import plot_group_means
from analysis.plots.distributions import plot_distribution
from analysis.plots.style import country_color

SCORE_LABELS = {
    "textblob_polarity": "TextBlob polarity (-1..1)",
    "textblob_subjectivity": "TextBlob subjectivity (0..1)",
    "vader_compound": "VADER compound (-1..1)",
}


def _check_score(score: str) -> str:
    if score not in SCORE_LABELS:
        raise ValueError(f"score must be one of {list(SCORE_LABELS)}, got {score!r}")
    return SCORE_LABELS[score]


def plot_sentiment_distribution(
    scores: pd.DataFrame,
    *,
    score: str = "vader_compound",
    by: str = "outlet_country",
    ax: Axes | None = None,
) -> Axes:
    """Box and points of one score per group (unscored rows left out).

    Args:
        scores: per-document or per-sentence scores with ``score`` and ``by``
            (merge the corpus metadata in first).
        score: ``textblob_polarity``, ``textblob_subjectivity`` or ``vader_compound``.
        by: grouping column; country codes get their country colour.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes, x axis labelled with the score and its range.
    """
    label = _check_score(score)
    ax = plot_distribution(scores, value=score, by=by, xlabel=label, ax=ax)
    ax.set_title(f"{label.split(' (')[0]} by {by}")
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
    gives n and Pearson r (``analysis.sentiment.sentiment_agreement``).

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
    missing = [c for c in needed if c not in scores.columns]
    if missing:
        raise ValueError(
            f"plot_textblob_vs_vader: missing column(s) {missing}; found {list(scores.columns)}"
        )
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
    if by:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, title=by)
    return ax
