"""Tone and framing of Korea-Japan relations coverage: DataFrame in, DataFrame out.

This module only re-exports the public names; each lives in the module named
after its concept (see README, "Layout"); `__all__` lists them. The names are
imported when first used (PEP 562), so ``import analysis`` and a command that
needs one measure load only that measure's modules (``python -m analysis
sentiment`` does not import scipy or statsmodels). The package's logger gets a
``NullHandler`` (the standard library's advice for libraries): its notices reach
the command line (``analysis.cli`` configures logging) or a researcher's own
logging set-up, but never land as stderr boxes in a notebook or report, which say
the same things in their text.
"""

from __future__ import annotations

import logging

from analysis.lazy import lazy_exports

_MODULES = {
    "analysis.actors": (
        "count_actor_mentions",
        "directed_tone",
        "find_actor_mentions",
        "load_actors",
        "tone_sentences",
    ),
    "analysis.codebooks": (
        "Codebook",
        "CodebookError",
        "list_codebooks",
        "load_codebook",
        "load_yaml_entries",
    ),
    "analysis.coding": (
        "export_coding_sheet",
        "frame_agreement",
        "krippendorff_alpha",
        "read_coding_sheets",
        "write_coding_sheet",
    ),
    "analysis.compare": (
        "bootstrap_ci",
        "cliffs_delta",
        "cohens_d",
        "compare_groups",
        "diff_ci",
        "format_interval",
        "format_number",
        "holm_adjust",
        "permutation_p",
    ),
    "analysis.corpus": (
        "CORPUS_COLUMNS",
        "CorpusError",
        "load_corpus",
        "validate_corpus",
    ),
    "analysis.display": (
        "show_kwic",
        "show_table",
        "show_text",
    ),
    "analysis.distinctive": (
        "distinctive_terms",
        "kwic",
    ),
    "analysis.duplicates": (
        "exclude_duplicates",
        "flag_duplicates",
    ),
    "analysis.events": (
        "compare_event_window",
        "event_window",
        "load_events",
        "resolve_event",
    ),
    "analysis.exports": (
        "export_table",
        "save_figure",
    ),
    "analysis.framing": (
        "code_frames",
        "code_sentences",
        "dominant_frame",
        "frame_cooccurrence",
        "frame_matches",
        "frame_presence",
        "frame_prevalence",
        "frame_sentences",
        "frame_shares",
        "match_kwic",
        "predict_frames",
        "score_predictions",
    ),
    "analysis.invariance": (
        "frame_invariance",
        "invariance_summary",
    ),
    "analysis.language": (
        "detect_language",
        "script_shares",
    ),
    "analysis.models": (
        "describe_model",
        "fit_model",
        "fit_models",
        "model_table",
    ),
    "analysis.pagedump": ("parse_page_dump",),
    "analysis.pairs": (
        "compare_pair",
        "pair_summary",
    ),
    "analysis.proportions": (
        "is_binary",
        "newcombe_ci",
        "wilson_ci",
    ),
    "analysis.scale": (
        "ingest_corpus",
        "iter_chunks",
        "list_partitions",
        "load_results",
        "read_store",
        "run_analysis",
    ),
    "analysis.sentiment": (
        "extreme_sentences",
        "score_sentences",
        "score_sentiment",
        "score_text",
        "sentiment_agreement",
    ),
    "analysis.terms": (
        "count_term_variants",
        "count_terms_by_document",
        "load_terms",
        "term_examples",
        "term_matches",
    ),
    "analysis.text": (
        "normalize_text",
        "sentence_table",
        "split_sentences",
        "tokenize",
    ),
    "analysis.timeseries": (
        "poisson_ci",
        "time_series",
    ),
    "analysis.voices": (
        "find_voices",
        "voices_by_country",
    ),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_HOME)

logging.getLogger(__name__).addHandler(logging.NullHandler())


__getattr__, __dir__ = lazy_exports("analysis", _HOME, globals())
