"""The finding of a validity card: how far the tone measure shown agrees with human coders,
language by language, and where it has never been checked."""

from __future__ import annotations

import pandas as pd

from analysis.compare import format_interval
from analysis.findings.cells import _listing

__all__ = ["card_finding"]

TOOL = {"tone": "tone", "vader_compound": "VADER", "textblob_polarity": "TextBlob"}


def _checked(row) -> str:
    cell = format_interval(float(row["value"]), float(row["ci_low"]), float(row["ci_high"]))
    return (
        f"{row['language']} {row['figure']} {cell} ({row['dataset']}, {row['split']} split, "
        f"{int(row['n_coded'])} coded)"
    )


def card_finding(card: pd.DataFrame) -> str:
    """What a ``validity_card`` says, in words: the first held-out figure of each language,
    the languages never checked, and where a dictionary scores most sentences exactly 0.

    Args:
        card: ``analysis.sentiment.card.validity_card`` output (one row per language and
            figure); not modified.

    Returns:
        One to three sentences quoting the figures as ``format_interval`` cells (the form
        ``interval_table`` shows them in).
    """
    if card.empty:
        return "No sentence has a score, so there is nothing to check against human coders."
    measure = str(card["measure"].iloc[0])
    tool = TOOL.get(measure, measure)
    firsts = card.drop_duplicates("language")
    has_figure = firsts["value"].astype("float64").notna()
    checked = [_checked(r) for _, r in firsts[has_figure].iterrows()]
    unchecked = firsts.loc[~has_figure, "language"].astype(str).tolist()
    text = (
        f"Agreement of {tool} with human coders on held-out data: {'; '.join(checked)}."
        if checked
        else f"{tool} has no held-out agreement figure in any language of this corpus."
    )
    if unchecked:
        text += (
            f" Never checked against coders in {_listing(unchecked)}: read those scores as "
            "unvalidated."
        )
    zeros = firsts[firsts["zero_share"].astype("float64") >= 0.25]
    if len(zeros):
        listed = [f"{r['language']} {float(r['zero_share']):.3f}" for _, r in zeros.iterrows()]
        text += (
            f" Share of the sentences {tool} scores exactly 0 (no word it knows, the card's "
            f"zero_share): {_listing(listed)}."
        )
    return text
