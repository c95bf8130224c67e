"""The tone measure a report shows: computed alone, and shown with its validity card.

Every report with a tone parameter (profile, event, sentiment, models) lets the reader
pick ``tone`` (the multilingual model, the default), ``vader_compound``,
``textblob_polarity`` or ``textblob_subjectivity``. ``score_for_report`` computes only
the engine that measure needs (``tone`` embeds every sentence and is slow; VADER and
TextBlob are not), and ``show_validity_card`` puts the measure's agreement with human
coders (``analysis.sentiment.card.validity_card``) beside the numbers, with its finding,
as issue 10 asks of every report that shows tone.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.checks import check_choice

__all__ = ["ENGINE", "LABEL", "score_for_report", "show_validity_card"]

ENGINE = {
    "tone": "tone",
    "vader_compound": "vader",
    "textblob_polarity": "textblob",
    "textblob_subjectivity": "textblob",
}
LABEL = {
    "tone": "tone",
    "vader_compound": "VADER tone",
    "textblob_polarity": "TextBlob polarity",
    "textblob_subjectivity": "TextBlob subjectivity",
}


def score_for_report(
    docs: pd.DataFrame, *, measure: str, tone_model=None, engines: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Document and sentence scores of ``measure`` (and of ``engines``, when given).

    Args:
        docs: Corpus rows (``doc_id``, ``text``, ``language``); not modified.
        measure: One of ``ENGINE``'s keys.
        tone_model: Tone model file (None: the shipped model).
        engines: Engines to compute besides the one ``measure`` needs (None: only it).

    Returns:
        ``(documents, sentences)`` as ``score_documents_and_sentences`` returns them.
    """
    from analysis.sentiment import score_documents_and_sentences

    check_choice("measure", measure, list(ENGINE))
    wanted = list(dict.fromkeys([ENGINE[measure], *(engines or [])]))
    return score_documents_and_sentences(docs, engines=wanted, tone_model=tone_model)


def show_validity_card(sentences: pd.DataFrame, *, measure: str, tone_model=None) -> None:
    """Display the validity card of ``measure`` on these sentences, then its finding.

    A measure no coded set checks (TextBlob subjectivity) gets a "Not shown" sentence
    saying so instead.
    """
    from analysis.display import show_finding, show_limit, show_table
    from analysis.findings import cannot_show, card_finding, interval_table
    from analysis.sentiment.card import MEASURES, validity_card

    check_choice("measure", measure, list(ENGINE))
    if measure not in MEASURES:
        why = "no human-coded set measures subjectivity, so it has never been checked"
        show_limit(cannot_show(f"no validity card for {LABEL[measure]}", why))
        return
    card = validity_card(sentences, measure=measure, tone_model=tone_model)
    columns = ["language", "n_sentences", "zero_share", "dataset", "split", "figure", "value",
               "ci_low", "ci_high", "n_coded", "r_tone_vader", "r_tone_textblob",
               "r_textblob_vader"]  # fmt: skip
    show_table(
        interval_table(card[columns]).dropna(axis="columns", how="all"),
        caption=f"Validity card: {LABEL[measure]} against human coders, per language of "
        "this corpus",
    )
    show_finding(card_finding(card))
