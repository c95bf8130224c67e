"""Tone and framing of Korea-Japan relations coverage: DataFrame in, DataFrame out.

This module only re-exports the public names; each lives in the module named
after its concept (see README, "Layout").
"""

# corpus: loading, validation, duplicates
from analysis.corpus import CORPUS_COLUMNS, CorpusError, load_corpus, validate_corpus  # noqa: E402,F401
from analysis.duplicates import exclude_duplicates, flag_duplicates  # noqa: E402,F401
from analysis.language import detect_language, script_shares  # noqa: E402,F401
from analysis.pagedump import parse_page_dump  # noqa: E402,F401
# text: sentence splitting, tokens, language
from analysis.text import normalize_text, sentence_table, split_sentences, tokenize  # noqa: E402,F401
# sentiment: TextBlob and VADER per document and sentence
from analysis.sentiment import (  # noqa: E402,F401
    extreme_sentences,
    score_sentences,
    score_sentiment,
    score_text,
    sentiment_agreement,
)
# codebooks / framing / terms: frames and contested terminology
from analysis.codebooks import (  # noqa: E402,F401
    Codebook,
    CodebookError,
    list_codebooks,
    load_codebook,
    load_yaml_entries,
)
from analysis.framing import (  # noqa: E402,F401
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
from analysis.terms import count_term_variants, load_terms, term_examples, term_matches  # noqa: E402,F401
# actors / distinctive / coding: actors, voices, directed tone, log-odds, human coding
from analysis.actors import (  # noqa: E402,F401
    count_actor_mentions,
    directed_tone,
    find_actor_mentions,
    load_actors,
    tone_sentences,
)
from analysis.voices import find_voices, voices_by_country  # noqa: E402,F401
from analysis.coding import (  # noqa: E402,F401
    export_coding_sheet,
    frame_agreement,
    krippendorff_alpha,
    read_coding_sheets,
    write_coding_sheet,
)
from analysis.distinctive import distinctive_terms, kwic  # noqa: E402,F401
from analysis.pairs import compare_pair, pair_summary  # noqa: E402,F401
# events / compare: event windows, group statistics, time series
from analysis.compare import bootstrap_ci, cliffs_delta, cohens_d, compare_groups, diff_ci, holm_adjust, permutation_p  # noqa: E402,F401,E501
from analysis.events import compare_event_window, event_window, load_events, resolve_event  # noqa: E402,F401
from analysis.timeseries import poisson_ci, time_series  # noqa: E402,F401
from analysis.compare import format_interval, format_number  # noqa: E402,F401
from analysis.proportions import is_binary, newcombe_ci, wilson_ci  # noqa: E402,F401
# scale: partitioned storage, cache, engines
from analysis.scale import (  # noqa: E402
    ingest_corpus,
    iter_chunks,
    list_partitions,
    load_results,
    read_store,
    run_analysis,
)
# report: the papermill runner (import analysis.report: papermill and nbconvert are heavy)
from analysis.display import show_kwic, show_table, show_text  # noqa: E402,F401
