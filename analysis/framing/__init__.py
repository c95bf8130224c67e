"""Frames: dictionary coding of documents and sentences, and a calibrated decision.

``coding`` finds the matches and sums the evidence per document and frame
(``frame_matches``, ``code_frames``, ``frame_sentences``); ``context`` marks denied and
quoted matches; ``calibration`` fits each frame's presence threshold on human codes;
``summary`` turns the coded table into presence, shares, prevalence and co-occurrence;
``validation`` measures agreement with the shipped human-coded sets; ``cli`` is the
``frames`` command.
"""

from analysis.framing.calibration import (
    calibration_block,
    cross_validate_thresholds,
    fit_thresholds,
    read_codes,
    write_calibrated_codebook,
)
from analysis.framing.cli import register
from analysis.framing.coding import (
    FRAME_COLUMNS,
    LEAD_SENTENCES,
    MATCH_COLUMNS,
    code_frames,
    code_sentences,
    count_words,
    estimate_words,
    frame_matches,
    frame_sentences,
    match_kwic,
    summarise_matches,
)
from analysis.framing.context import is_denied, quote_spans
from analysis.framing.summary import (
    dominant_frame,
    frame_cooccurrence,
    frame_presence,
    frame_prevalence,
    frame_shares,
    predict_frames,
    score_predictions,
)
from analysis.framing.validation import article_agreement, frac_sentence_agreement

__all__ = [
    "FRAME_COLUMNS",
    "LEAD_SENTENCES",
    "MATCH_COLUMNS",
    "article_agreement",
    "calibration_block",
    "code_frames",
    "code_sentences",
    "count_words",
    "cross_validate_thresholds",
    "dominant_frame",
    "estimate_words",
    "fit_thresholds",
    "frac_sentence_agreement",
    "frame_cooccurrence",
    "frame_matches",
    "frame_presence",
    "frame_prevalence",
    "frame_sentences",
    "frame_shares",
    "is_denied",
    "match_kwic",
    "predict_frames",
    "quote_spans",
    "read_codes",
    "register",
    "score_predictions",
    "summarise_matches",
    "write_calibrated_codebook",
]
