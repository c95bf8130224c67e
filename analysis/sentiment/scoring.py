"""Tone: TextBlob polarity/subjectivity and VADER compound, per document and per sentence.

What the numbers are:

- ``textblob_polarity`` (-1..1) and ``textblob_subjectivity`` (0..1) are exactly
  TextBlob's default ``PatternAnalyzer`` (``TextBlob(text).sentiment``): the
  lexicon analyzer is called directly on the string, without building TextBlob
  objects. **Document level uses the whole text**, as a researcher calling
  ``TextBlob(text).sentiment`` would get (tests check equality).
- ``vader_compound`` (-1..1) is vaderSentiment's ``polarity_scores(...)["compound"]``.
  **Per sentence** it is VADER on the sentence (what VADER was built and
  validated for); **per document** it is the mean of the compounds of the
  document's scored sentences, because VADER's compound on a long text
  saturates towards +-1 (it normalises a sum that grows with length).
- Drivers say why: ``textblob_drivers`` lists TextBlob's assessments (the
  word or chunk, e.g. ``"very good"``, with its polarity after intensifiers and
  negation); ``vader_drivers`` lists each word with a non-zero valence after
  VADER's rules (boosters, negation, capitals, "but"), on VADER's -4..+4 scale.
  Both as ``"word:+0.50; word:-0.30"``.
- Non-English text is not scored: documents whose ``language`` (the corpus
  column, else ``analysis.language.detect_language``) is not ``en`` get NaN
  scores and ``is_scored`` False, and the count is logged (so are documents
  with no text: nothing to score is not "neutral"). Inside an English
  document, a sentence detected as Korean, Japanese or Chinese is likewise left
  unscored.

Speed without changing results: one analyzer of each kind, results memoised
by exact string (wire copies repeat sentences and whole texts), and at
document level TextBlob runs once on the text and VADER once per sentence.
"""

from __future__ import annotations

import functools
import logging
import math
from typing import Literal

import pandas as pd

from analysis.checks import check_choice, require_columns
from analysis.language import detect_language
from analysis.text import sentence_spans

logger = logging.getLogger(__name__)

LEVELS = ("document", "sentence")
SCORES = ["textblob_polarity", "textblob_subjectivity", "vader_compound"]
DOCUMENT_COLUMNS = ["doc_id", *SCORES, "n_sentences", "language", "is_scored"]
SENTENCE_COLUMNS = [
    "doc_id", "sentence_id", "sentence", "start", "end", *SCORES,
    "textblob_drivers", "vader_drivers", "language", "is_scored",
]  # fmt: skip
_NOT_ENGLISH_SENTENCE = frozenset({"ko", "ja", "zh"})
# Memo sizes: sentences are short, so many are kept; whole documents are long, so
# only recent ones (wire copies tend to arrive together). Bounded either way, so
# memory stays flat on a million documents.
_CACHE_SIZE = 1 << 17
_DOCUMENT_CACHE_SIZE = 1 << 12


# --- the two analyzers, memoised -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _pattern():
    """TextBlob's default analyzer (what ``TextBlob(text).sentiment`` calls), without nltk."""
    from analysis.sentiment.pattern import textblob_sentiment

    return textblob_sentiment()


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=_CACHE_SIZE)
def textblob_scores(text: str) -> tuple[float, float, tuple]:
    """TextBlob polarity, subjectivity and assessments of ``text`` (memoised).

    Args:
        text: any string.

    Returns:
        ``(polarity, subjectivity, assessments)``; each assessment is
        ``(words, polarity, subjectivity, label)`` as TextBlob gives them.
    """
    score = _pattern()(text)
    assessments = tuple((tuple(w), p, s, x) for w, p, s, x in score.assessments)
    return float(score[0]), float(score[1]), assessments


@functools.lru_cache(maxsize=_DOCUMENT_CACHE_SIZE)
def _document_textblob(text: str) -> tuple[float, float]:
    """TextBlob polarity and subjectivity of a whole document (small memo of its own)."""
    score = _pattern()(text)
    return float(score[0]), float(score[1])


@functools.lru_cache(maxsize=_CACHE_SIZE)
def vader_scores(text: str) -> tuple[float, tuple]:
    """VADER compound of ``text`` and the valence of each word after VADER's rules (memoised).

    Replays ``SentimentIntensityAnalyzer.polarity_scores`` step by step so the
    per-word valences are the ones that entered the compound (tests check that
    the compound equals ``polarity_scores``).

    Args:
        text: any string.

    Returns:
        ``(compound, ((word, valence), ...))`` with only non-zero valences.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    analyzer = _vader()
    lexicon = analyzer.lexicon
    text = _vader_demojize(analyzer, text)
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lowered = item.lower()
        if (
            lowered not in lexicon  # sentiment_valence would append 0: skip the call
            or lowered in BOOSTER_DICT
            or (lowered == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of")
        ):
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    if not any(sentiments):  # no valence: VADER's compound is 0.0 (normalize(0), rounded)
        return 0.0, ()
    sentiments = analyzer._but_check(words, sentiments)
    compound = analyzer.score_valence(sentiments, text)["compound"]
    drivers = tuple((w, float(v)) for w, v in zip(words, sentiments, strict=True) if v != 0)
    return float(compound), drivers


def _vader_demojize(analyzer, text: str) -> str:
    """VADER's own emoji-to-description step (as in ``polarity_scores``)."""
    if text.isascii() or analyzer.emojis.keys().isdisjoint(text):
        return text.strip()
    pieces, prev_space = [], True
    for char in text:
        description = analyzer.emojis.get(char)
        if description is not None:
            if not prev_space:
                pieces.append(" ")
            pieces.append(description)
            prev_space = False
        else:
            pieces.append(char)
            prev_space = char == " "
    return "".join(pieces).strip()


def format_drivers(pairs) -> str:
    """``[("good", 0.7), ("not bad", 0.35)]`` -> ``"good:+0.70; not bad:+0.35"``."""
    return "; ".join(f"{word}:{value:+.2f}" for word, value in pairs)


# --- one text ----------------------------------------------------------------------------------


def score_text(text: str, *, language: str | None = None) -> dict:
    """Score one text at document and sentence level.

    Args:
        text: the document text.
        language: ISO 639-1 code if known (the corpus ``language`` column);
            None detects it with ``analysis.language.detect_language``.

    Returns:
        Dict with the document columns ``textblob_polarity``,
        ``textblob_subjectivity``, ``vader_compound``, ``n_sentences``,
        ``language``, ``is_scored`` and ``sentences``: a list of dicts with
        ``sentence_id``, ``sentence``, ``start``, ``end``, the three scores,
        ``textblob_drivers``, ``vader_drivers``, ``language``, ``is_scored``.
    """
    text = text if isinstance(text, str) else ""
    doc, spans = _document_scores(text, language)
    sentences = []
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        row = {"sentence_id": i, "sentence": sentence, "start": start, "end": end}
        row.update(_sentence_scores(sentence, doc["is_scored"]))
        sentences.append(row)
    return {**doc, "sentences": sentences}


def _document_scores(text: str, language: str | None) -> tuple[dict, list[tuple[int, int]]]:
    """Document-level scores and the sentence spans they were computed from."""
    language = language if isinstance(language, str) and language else detect_language(text)
    spans = sentence_spans(text)
    scored = language == "en" and bool(spans)  # no text, nothing to score
    polarity = subjectivity = compound = math.nan
    if scored:
        polarity, subjectivity = _document_textblob(text)
        ascii_only = text.isascii()  # then every sentence is Latin script: skip detection
        compounds = [
            vader_scores(text[s:e])[0]
            for s, e in spans
            if ascii_only or _sentence_is_english(text[s:e])
        ]
        compound = math.fsum(compounds) / len(compounds) if compounds else math.nan
    return {
        "textblob_polarity": polarity,
        "textblob_subjectivity": subjectivity,
        "vader_compound": compound,
        "n_sentences": len(spans),
        "language": language,
        "is_scored": scored,
    }, spans


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _sentence_language(sentence: str) -> str:
    return detect_language(sentence)


def _sentence_is_english(sentence: str) -> bool:
    return _sentence_language(sentence) not in _NOT_ENGLISH_SENTENCE


def _sentence_scores(sentence: str, document_scored: bool) -> dict:
    language = _sentence_language(sentence)
    if not document_scored or language in _NOT_ENGLISH_SENTENCE:
        return {
            "textblob_polarity": math.nan, "textblob_subjectivity": math.nan,
            "vader_compound": math.nan, "textblob_drivers": "", "vader_drivers": "",
            "language": language, "is_scored": False,
        }  # fmt: skip
    polarity, subjectivity, assessments = textblob_scores(sentence)
    compound, vader_drivers = vader_scores(sentence)
    return {
        "textblob_polarity": polarity,
        "textblob_subjectivity": subjectivity,
        "vader_compound": compound,
        "textblob_drivers": format_drivers((" ".join(w), p) for w, p, _, _ in assessments),
        "vader_drivers": format_drivers(vader_drivers),
        "language": language,
        "is_scored": True,
    }


# --- DataFrames --------------------------------------------------------------------------------


def _doc_inputs(docs: pd.DataFrame) -> list[tuple]:
    require_columns(docs, ["doc_id", "text"], what="docs")
    languages = docs["language"].tolist() if "language" in docs.columns else [None] * len(docs)
    return list(zip(docs["doc_id"].tolist(), docs["text"].tolist(), languages, strict=True))


_SUMMARY = {"log": True}  # off while a worker scores one chunk: the parent logs the total


def _log_unscored(table: pd.DataFrame) -> None:
    if not _SUMMARY["log"]:
        return
    unscored = table.loc[~table["is_scored"], "language"]
    if len(unscored):
        counts = unscored.astype(str).value_counts().sort_index().to_dict()
        logger.warning(
            "%d of %d documents not scored (not English, or no text), by language: %s",
            len(unscored),
            len(table),
            counts,
        )


def _document_table(rows: list[dict], docs: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    table = table.astype(
        {**dict.fromkeys(SCORES, "float64"), "n_sentences": "int64", "is_scored": "bool"}
    )
    if len(table):
        table["doc_id"] = table["doc_id"].astype(docs["doc_id"].dtype)
    table["language"] = table["language"].astype("string")
    _log_unscored(table)
    return table


def _in_parallel(docs: pd.DataFrame, func, n_workers: int | None):
    """``func(docs)`` on all cores (``analysis.scale.engine.map_documents``), logged once."""
    from analysis.scale.engine import map_documents

    require_columns(docs, ["doc_id", "text"], what="docs")
    task = functools.partial(_chunk, func)
    out = map_documents(docs, task, n_workers=n_workers, prepare=_load_analyzers)
    _log_unscored(out[0] if isinstance(out, tuple) else out)  # once, for the whole corpus
    return out


def _chunk(func, docs: pd.DataFrame):
    """``func(docs)`` for one chunk, without the per-call log line."""
    _SUMMARY["log"] = False
    try:
        return func(docs)
    finally:
        _SUMMARY["log"] = True


_WARM_UP = "The talks in Seoul went well.\nMr. Kim did not agree, but it was good news."


def _load_analyzers() -> None:
    """Load the lexicons and rules (before forking workers, so that they share them).

    TextBlob's lexicon is read on its first lookup, the splitter's word lists
    on first use: scoring one short text loads them all.
    """
    _pattern()(_WARM_UP)
    vader_scores.__wrapped__(_WARM_UP)
    sentence_spans(_WARM_UP)


def score_sentiment(
    docs: pd.DataFrame,
    *,
    level: Literal["document", "sentence"] = "document",
    n_workers: int | None = None,
) -> pd.DataFrame:
    """TextBlob and VADER scores of every document, or of every sentence.

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        level: ``"document"`` (one row per document) or ``"sentence"``
            (same as ``score_sentences``).
        n_workers: processes (None: all cores; 1: this process; a small corpus
            always runs in this process). Results do not depend on it.

    Returns:
        Document level: ``doc_id``, ``textblob_polarity``,
        ``textblob_subjectivity`` (TextBlob on the whole text),
        ``vader_compound`` (mean of the sentence compounds), ``n_sentences``,
        ``language``, ``is_scored`` (False -> scores NaN). Sentence level: see
        ``score_sentences``.
    """
    check_choice("level", level, LEVELS)
    if level == "sentence":
        return score_sentences(docs, n_workers=n_workers)
    if n_workers != 1:
        return _in_parallel(docs, functools.partial(score_sentiment, n_workers=1), n_workers)
    rows = [
        {"doc_id": doc_id, **_document_scores(text if isinstance(text, str) else "", lang)[0]}
        for doc_id, text, lang in _doc_inputs(docs)
    ]
    return _document_table(rows, docs)


def score_sentences(docs: pd.DataFrame, *, n_workers: int | None = None) -> pd.DataFrame:
    """One row per sentence with TextBlob and VADER scores and the words that drove them.

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        n_workers: processes (as in ``score_sentiment``).

    Returns:
        ``doc_id``, ``sentence_id``, ``sentence``, ``start``, ``end``,
        ``textblob_polarity``, ``textblob_subjectivity``, ``vader_compound``,
        ``textblob_drivers``, ``vader_drivers`` (``"word:+0.50; ..."``),
        ``language`` (of the sentence), ``is_scored``.
    """
    return score_documents_and_sentences(docs, n_workers=n_workers)[1]


def score_documents_and_sentences(
    docs: pd.DataFrame, *, n_workers: int | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables in one pass (what the ``sentiment`` command writes).

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        n_workers: processes (as in ``score_sentiment``).

    Returns:
        ``(documents, sentences)`` with the columns of ``score_sentiment`` and
        ``score_sentences``.
    """
    if n_workers != 1:
        serial = functools.partial(score_documents_and_sentences, n_workers=1)
        return _in_parallel(docs, serial, n_workers)
    doc_rows, sentence_rows = [], []
    for doc_id, text, language in _doc_inputs(docs):
        result = score_text(text, language=language)
        sentence_rows.extend({"doc_id": doc_id, **row} for row in result.pop("sentences"))
        doc_rows.append({"doc_id": doc_id, **result})
    sentences = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS).astype(
        {**dict.fromkeys(SCORES, "float64"), "is_scored": "bool"}
    )
    sentences = sentences.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
    if len(sentences):
        sentences["doc_id"] = sentences["doc_id"].astype(docs["doc_id"].dtype)
    return _document_table(doc_rows, docs), sentences
