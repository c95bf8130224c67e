"""Tone: TextBlob and VADER per document and per sentence, with the words that drove them.

``scoring`` holds the analyzers and the DataFrame functions (its docstring
defines every score), ``summary`` the report summaries, ``validation`` the
agreement with human ratings, ``command`` the ``sentiment`` CLI command.
"""

from analysis.sentiment.command import register
from analysis.sentiment.scoring import (
    DOCUMENT_COLUMNS,
    LEVELS,
    SCORES,
    SENTENCE_COLUMNS,
    format_drivers,
    score_documents_and_sentences,
    score_sentences,
    score_sentiment,
    score_text,
    textblob_scores,
    vader_scores,
)
from analysis.sentiment.summary import AGREEMENT_COLUMNS, extreme_sentences, sentiment_agreement
from analysis.sentiment.validation import validation_figures

__all__ = [
    "AGREEMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "LEVELS",
    "SCORES",
    "SENTENCE_COLUMNS",
    "extreme_sentences",
    "format_drivers",
    "register",
    "score_documents_and_sentences",
    "score_sentences",
    "score_sentiment",
    "score_text",
    "sentiment_agreement",
    "textblob_scores",
    "validation_figures",
    "vader_scores",
]
