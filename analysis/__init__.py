"""Tone and framing of Korea-Japan relations coverage: DataFrame in, DataFrame out.

This module only re-exports the public names; each lives in the module named
after its concept (see README, "Layout"); `__all__` lists them. The package's
logger gets a ``NullHandler`` (the standard library's advice for libraries): its
notices reach the command line (``analysis.cli`` configures logging) or a
researcher's own logging set-up, but never land as stderr boxes in a notebook or
report, which say the same things in their text.
"""

import logging

from analysis.actors import (
    count_actor_mentions,
    directed_tone,
    find_actor_mentions,
    load_actors,
    tone_sentences,
)
from analysis.codebooks import (
    Codebook,
    CodebookError,
    list_codebooks,
    load_codebook,
    load_yaml_entries,
)
from analysis.coding import (
    export_coding_sheet,
    frame_agreement,
    krippendorff_alpha,
    read_coding_sheets,
    write_coding_sheet,
)
from analysis.compare import (
    bootstrap_ci,
    cliffs_delta,
    cohens_d,
    compare_groups,
    diff_ci,
    format_interval,
    format_number,
    holm_adjust,
    permutation_p,
)
from analysis.corpus import CORPUS_COLUMNS, CorpusError, load_corpus, validate_corpus
from analysis.display import show_kwic, show_table, show_text
from analysis.distinctive import distinctive_terms, kwic
from analysis.duplicates import exclude_duplicates, flag_duplicates
from analysis.events import compare_event_window, event_window, load_events, resolve_event
from analysis.exports import export_table, save_figure
from analysis.framing import (
    code_frames,
    code_sentences,
    dominant_frame,
    frame_cooccurrence,
    frame_matches,
    frame_presence,
    frame_prevalence,
    frame_shares,
    match_kwic,
    predict_frames,
    score_predictions,
)
from analysis.language import detect_language, script_shares
from analysis.models import describe_model, fit_model, fit_models, model_table
from analysis.pagedump import parse_page_dump
from analysis.pairs import compare_pair, pair_summary
from analysis.proportions import is_binary, newcombe_ci, wilson_ci
from analysis.scale import (
    ingest_corpus,
    iter_chunks,
    list_partitions,
    load_results,
    read_store,
    run_analysis,
)
from analysis.sentiment import (
    extreme_sentences,
    score_sentences,
    score_sentiment,
    score_text,
    sentiment_agreement,
)
from analysis.terms import count_term_variants, load_terms, term_examples, term_matches
from analysis.text import normalize_text, sentence_table, split_sentences, tokenize
from analysis.timeseries import poisson_ci, time_series
from analysis.voices import find_voices, voices_by_country

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CORPUS_COLUMNS",
    "Codebook",
    "CodebookError",
    "CorpusError",
    "bootstrap_ci",
    "cliffs_delta",
    "code_frames",
    "code_sentences",
    "cohens_d",
    "compare_event_window",
    "compare_groups",
    "compare_pair",
    "count_actor_mentions",
    "count_term_variants",
    "detect_language",
    "diff_ci",
    "directed_tone",
    "describe_model",
    "distinctive_terms",
    "dominant_frame",
    "event_window",
    "exclude_duplicates",
    "export_table",
    "export_coding_sheet",
    "extreme_sentences",
    "find_actor_mentions",
    "find_voices",
    "fit_model",
    "fit_models",
    "flag_duplicates",
    "format_interval",
    "format_number",
    "frame_agreement",
    "frame_cooccurrence",
    "frame_matches",
    "frame_presence",
    "frame_prevalence",
    "frame_shares",
    "holm_adjust",
    "ingest_corpus",
    "is_binary",
    "iter_chunks",
    "krippendorff_alpha",
    "kwic",
    "list_codebooks",
    "list_partitions",
    "load_actors",
    "load_codebook",
    "load_corpus",
    "load_events",
    "load_results",
    "load_terms",
    "load_yaml_entries",
    "match_kwic",
    "model_table",
    "newcombe_ci",
    "normalize_text",
    "pair_summary",
    "parse_page_dump",
    "permutation_p",
    "poisson_ci",
    "predict_frames",
    "read_coding_sheets",
    "read_store",
    "resolve_event",
    "run_analysis",
    "score_predictions",
    "score_sentences",
    "score_sentiment",
    "save_figure",
    "score_text",
    "script_shares",
    "sentence_table",
    "sentiment_agreement",
    "show_kwic",
    "show_table",
    "show_text",
    "split_sentences",
    "term_examples",
    "term_matches",
    "time_series",
    "tokenize",
    "tone_sentences",
    "validate_corpus",
    "voices_by_country",
    "wilson_ci",
    "write_coding_sheet",
]
