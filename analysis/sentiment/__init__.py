"""Tone per document and per sentence, with the words that drove it.

``scoring`` holds the DataFrame functions (its docstring defines every score),
``dictionary`` the TextBlob and VADER analyzers, ``model`` the default ``tone``
(multilingual sentence embeddings + a linear model), ``names`` the names that
are masked, ``build``/``train`` how tone models are fitted, ``card`` the
validity card, ``summary`` the report summaries, ``validation`` the agreement
with human ratings, ``command`` the ``sentiment`` and ``tone`` commands.
"""

from analysis.sentiment.command import register
from analysis.sentiment.dictionary import format_drivers, textblob_scores, vader_scores
from analysis.sentiment.model import (
    ToneModel,
    ToneModelError,
    load_tone_model,
    tone_drivers,
    tone_scores,
)
from analysis.sentiment.names import load_names, mask_names
from analysis.sentiment.scoring import (
    DOCUMENT_COLUMNS,
    ENGINES,
    LEVELS,
    SCORES,
    SENTENCE_COLUMNS,
    score_documents_and_sentences,
    score_sentences,
    score_sentiment,
    score_text,
    sentence_tone_drivers,
)
from analysis.sentiment.summary import AGREEMENT_COLUMNS, extreme_sentences, sentiment_agreement
from analysis.sentiment.validation import validation_figures

__all__ = [
    "AGREEMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "ENGINES",
    "LEVELS",
    "SCORES",
    "SENTENCE_COLUMNS",
    "ToneModel",
    "ToneModelError",
    "extreme_sentences",
    "format_drivers",
    "load_names",
    "load_tone_model",
    "mask_names",
    "register",
    "score_documents_and_sentences",
    "score_sentences",
    "score_sentiment",
    "score_text",
    "sentence_tone_drivers",
    "sentiment_agreement",
    "textblob_scores",
    "tone_drivers",
    "tone_scores",
    "validation_figures",
    "vader_scores",
]
