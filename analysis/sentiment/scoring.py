"""Tone per document and per sentence: ``tone`` (the default), TextBlob and VADER.

What the numbers are:

- ``tone`` (-1..1, 0 neutral) is the package's recommended measure: a linear
  model on multilingual sentence embeddings, names masked first, in English,
  Korean and Japanese (``analysis.sentiment.model`` defines it; its agreement
  with human coders is in the model file and the validity card). **Per
  sentence** it is the model on the sentence; **per document** the mean of its
  scored sentences. ``tone_drivers`` (sentence level, when asked) are the words
  that moved it most, by leave-one-word-out.
- ``textblob_polarity`` (-1..1) and ``textblob_subjectivity`` (0..1) are exactly
  TextBlob's default ``PatternAnalyzer`` (``TextBlob(text).sentiment``).
  **Document level uses the whole text**, as ``TextBlob(text).sentiment`` would.
- ``vader_compound`` (-1..1) is vaderSentiment's ``polarity_scores(...)["compound"]``:
  **per sentence** VADER on the sentence, **per document** the mean of the
  compounds of its scored sentences (VADER's compound saturates on long texts).
- Drivers: ``textblob_drivers`` are TextBlob's assessments (``"very good:+0.91"``),
  ``vader_drivers`` each word's valence after VADER's rules (-4..+4).
- Languages: ``tone`` scores English, Korean and Japanese; TextBlob and VADER
  only English documents, and inside them not a sentence detected as Korean,
  Japanese or Chinese. ``language`` is the corpus column, else detected; each
  document is split once by the language layer (``analysis.lang``), which gives
  every sentence its own language. A document or sentence no engine
  scored has NaN scores and ``is_scored`` False (the count is logged); so does
  a document with no text: nothing to score is not "neutral".
- ``mask_names=True`` masks names (``analysis.sentiment.names``) before TextBlob
  and VADER too; by default they see the text as it is, so their numbers are
  exactly the libraries'. ``tone`` always masks names.

``engines`` picks which scores are computed (default: every engine); only those
columns appear. Speed without changing results: one analyzer of each kind,
results memoised by exact string, tone embedded in batches across documents,
each document split once per process for every measure (``analysis.text``), and
a large corpus scored on all cores (``n_workers``, through the scale engine's
``map_documents``; ``analysis.sentiment.parallel``). Results do not depend on
``n_workers``.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from analysis.checks import check_choice, require_columns
from analysis.language import detect_language
from analysis.sentiment import parallel
from analysis.sentiment.dictionary import (
    _document_textblob,
    format_drivers,
    textblob_scores,
    vader_scores,
)
from analysis.text import document_split

logger = logging.getLogger(__name__)

LEVELS = ("document", "sentence")
ENGINES = ("tone", "textblob", "vader")
ENGINE_SCORES = {
    "tone": ["tone"],
    "textblob": ["textblob_polarity", "textblob_subjectivity"],
    "vader": ["vader_compound"],
}
ENGINE_DRIVERS = {"tone": "tone_drivers", "textblob": "textblob_drivers", "vader": "vader_drivers"}
SCORES = ["textblob_polarity", "textblob_subjectivity", "vader_compound", "tone"]
DOCUMENT_COLUMNS = ["doc_id", *SCORES, "n_sentences", "language", "is_scored"]
SENTENCE_COLUMNS = [
    "doc_id", "sentence_id", "sentence", "start", "end", *SCORES,
    "textblob_drivers", "vader_drivers", "tone_drivers", "language", "is_scored",
]  # fmt: skip
TONE_LANGUAGES = ("en", "ko", "ja")
_NOT_ENGLISH_SENTENCE = frozenset({"ko", "ja", "zh"})
_CACHE_SIZE = 1 << 17


def check_engines(engines: Sequence[str] | str | None) -> tuple[str, ...]:
    """The engines asked for, in ``ENGINES`` order (None: all; ``"a,b"`` accepted)."""
    if engines is None:
        return ENGINES
    names = engines.split(",") if isinstance(engines, str) else list(engines)
    names = [str(n).strip() for n in names if str(n).strip()]
    if not names:
        raise ValueError(f"engines must name at least one of {list(ENGINES)}, got {engines!r}")
    for name in names:
        check_choice("engines", name, ENGINES)
    return tuple(e for e in ENGINES if e in names)


def _columns(columns: list[str], engines: tuple[str, ...]) -> list[str]:
    dropped = {c for e in ENGINES if e not in engines for c in ENGINE_SCORES[e]}
    dropped |= {ENGINE_DRIVERS[e] for e in ENGINES if e not in engines}
    return [c for c in columns if c not in dropped]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _sentence_language(sentence: str) -> str:
    """Language of one sentence alone (memoised; sentences of a document come from the layer)."""
    return detect_language(sentence)


def _masker(mask_names: bool):
    if not mask_names:
        return lambda text: text
    from analysis.sentiment.names import load_names

    return load_names().mask


# --- one document ---------------------------------------------------------------------------


def _dictionary_sentence(sentence: str, mask, with_drivers: bool, engines) -> dict:
    text = mask(sentence)
    row = {}
    if "textblob" in engines:
        polarity, subjectivity, assessments = textblob_scores(text)
        row.update(textblob_polarity=polarity, textblob_subjectivity=subjectivity)
        if with_drivers:
            row["textblob_drivers"] = format_drivers((" ".join(w), p) for w, p, _, _ in assessments)
    if "vader" in engines:
        compound, drivers = vader_scores(text)
        row["vader_compound"] = compound
        if with_drivers:
            row["vader_drivers"] = format_drivers(drivers)
    return row


def _score_document(text: str, language, engines, mask, with_sentences: bool) -> tuple[dict, list]:
    """Dictionary scores of one document and its sentences; tone is filled in later.

    The document is split once by the language layer, which also gives every
    sentence its own language (``analysis.lang.document_sentences``).
    """
    text = text if isinstance(text, str) else ""
    language = language if isinstance(language, str) and language else detect_language(text)
    spans = document_split(text, language=language)
    english = language == "en" and bool(spans)
    doc = {"n_sentences": len(spans), "language": language}
    if "textblob" in engines:
        polarity, subjectivity = _document_textblob(mask(text)) if english else (math.nan,) * 2
        doc.update(textblob_polarity=polarity, textblob_subjectivity=subjectivity)
    sentences, compounds = [], []
    dictionary = tuple(e for e in engines if e != "tone")
    wanted = dictionary if with_sentences else tuple(e for e in dictionary if e == "vader")
    for i, (start, end, lang) in enumerate(spans):
        sentence = text[start:end]
        scored = english and lang not in _NOT_ENGLISH_SENTENCE and bool(dictionary)
        row = {
            "sentence_id": i,
            "sentence": sentence,
            "start": start,
            "end": end,
            "language": lang,
            "is_scored": scored,
            "tone_ok": lang in TONE_LANGUAGES or language in TONE_LANGUAGES,
        }
        if scored and wanted:
            row.update(_dictionary_sentence(sentence, mask, with_sentences, wanted))
            if "vader" in engines:
                compounds.append(row["vader_compound"])
        sentences.append(row)
    if "vader" in engines:
        doc["vader_compound"] = math.fsum(compounds) / len(compounds) if compounds else math.nan
    return doc, sentences


def _add_tone(docs: list[dict], sentences: list[list[dict]], model, with_drivers: bool) -> None:
    """Fill ``tone`` (and ``tone_drivers``) of every sentence and document, in one batch."""
    from analysis.sentiment.model import tone_drivers, tone_scores

    todo = [row for rows in sentences for row in rows if row["tone_ok"]]
    values = tone_scores([row["sentence"] for row in todo], model=model)
    for row, value in zip(todo, values, strict=True):
        row["tone"] = float(value)
        row["is_scored"] = True
    if with_drivers:
        for row, drivers in zip(
            todo, tone_drivers([r["sentence"] for r in todo], model=model), strict=True
        ):
            row["tone_drivers"] = drivers
    for doc, rows in zip(docs, sentences, strict=True):
        tones = [row["tone"] for row in rows if "tone" in row]
        doc["tone"] = math.fsum(tones) / len(tones) if tones else math.nan


def _score(docs: pd.DataFrame, options: dict, with_sentences: bool) -> tuple[list, list]:
    require_columns(docs, ["doc_id", "text"], what="docs")
    engines = options["engines"]
    mask = _masker(options["mask_names"])
    languages = docs["language"].tolist() if "language" in docs.columns else [None] * len(docs)
    doc_rows, sentence_rows = [], []
    for doc_id, text, language in zip(docs["doc_id"], docs["text"], languages, strict=True):
        doc, sentences = _score_document(text, language, engines, mask, with_sentences)
        doc_rows.append({"doc_id": doc_id, **doc})
        sentence_rows.append(sentences)
    if "tone" in engines:
        _add_tone(doc_rows, sentence_rows, options["tone_model"], options["tone_drivers"])
    return doc_rows, sentence_rows


# --- tables -----------------------------------------------------------------------------------


def _kept(docs: pd.DataFrame, keep: Sequence[str] | None) -> list[str]:
    keep = [keep] if isinstance(keep, str) else list(keep or [])
    require_columns(docs, keep, what="docs (keep)")
    return [c for c in keep if c != "doc_id"]


def _with_kept(table: pd.DataFrame, docs: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    if not keep:
        return table
    meta = docs[["doc_id", *keep]].drop_duplicates("doc_id")
    out = table.merge(meta, on="doc_id", how="left", sort=False)
    first = ["doc_id", *keep]
    return out[first + [c for c in table.columns if c != "doc_id"]]


def _document_table(rows: list[dict], docs: pd.DataFrame, engines) -> pd.DataFrame:
    columns = _columns(DOCUMENT_COLUMNS, engines)
    scores = [c for c in SCORES if c in columns]
    table = pd.DataFrame(rows, columns=columns)
    table["is_scored"] = table[scores].notna().any(axis=1) if len(table) else False
    table = table.astype(
        {**dict.fromkeys(scores, "float64"), "n_sentences": "int64", "is_scored": "bool"}
    )
    if len(table):
        table["doc_id"] = table["doc_id"].astype(docs["doc_id"].dtype)
    table["language"] = table["language"].astype("string")
    _log_unscored(table)
    return table


def _log_unscored(table: pd.DataFrame) -> None:
    """One warning with the unscored documents by language (not from a worker's chunk)."""
    unscored = table.loc[~table["is_scored"], "language"]
    if len(unscored) and parallel.summary_on():
        counts = unscored.astype(str).value_counts().sort_index().to_dict()
        logger.warning(
            "%d of %d documents not scored (no engine covers the language, or no "
            "text), by language: %s",
            len(unscored),
            len(table),
            counts,
        )


def _sentence_table(rows: list[list[dict]], docs: pd.DataFrame, engines) -> pd.DataFrame:
    columns = _columns(SENTENCE_COLUMNS, engines)
    flat = [
        {"doc_id": doc_id, **row}
        for doc_id, sentences in zip(docs["doc_id"], rows, strict=True)
        for row in sentences
    ]
    table = pd.DataFrame(flat, columns=columns)
    scores = [c for c in SCORES if c in columns]
    for column in (c for c in ("textblob_drivers", "vader_drivers") if c in columns):
        table[column] = table[column].astype(object).fillna("")
    table = table.astype(
        {
            **dict.fromkeys(scores, "float64"),
            "is_scored": "bool",
            "sentence_id": "int64",
            "start": "int64",
            "end": "int64",
        }
    )
    if len(table):
        table["doc_id"] = table["doc_id"].astype(docs["doc_id"].dtype)
    return table


def _options(engines, mask_names, tone_model, tone_drivers=False) -> dict:
    return {
        "engines": check_engines(engines),
        "mask_names": bool(mask_names),
        "tone_model": tone_model,
        "tone_drivers": bool(tone_drivers),
    }


def _in_parallel(docs: pd.DataFrame, options: dict, n_workers, with_sentences: bool):
    """The tables on all cores: TextBlob and VADER on workers, ``tone`` in this process.

    The tone encoder already uses every core (OpenMP), and a forked worker must
    not call it (OpenMP's threads do not survive a fork), so tone runs here on
    the same split (``analysis.text`` memo) and its columns join the workers'.
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    engines = options["engines"]
    dictionary = tuple(e for e in engines if e != "tone")
    fn = score_documents_and_sentences if with_sentences else score_sentiment
    serial = functools.partial(
        fn, engines=dictionary, mask_names=options["mask_names"], n_workers=1
    )
    with parallel.quiet():  # the unscored count is logged once, below
        out = parallel.in_parallel(docs, serial, n_workers=n_workers, engines=dictionary)
        if "tone" in engines:
            tone_only = {**options, "engines": ("tone",)}
            doc_rows, sentence_rows = _score(docs, tone_only, with_sentences)
            tone = _document_table(doc_rows, docs, ("tone",))
            if with_sentences:
                tone = (tone, _sentence_table(sentence_rows, docs, ("tone",)))
            out = _joined(out, tone, engines)
    _log_unscored(out[0] if with_sentences else out)
    return out


def _joined(dictionary, tone, engines):
    """The workers' table(s) with the tone columns of the same rows, in the columns' order."""
    if isinstance(dictionary, tuple):
        documents = _joined(dictionary[0], tone[0], engines)
        sentences = dictionary[1].assign(tone=tone[1]["tone"].to_numpy())
        sentences["tone_drivers"] = tone[1]["tone_drivers"].to_numpy()
        sentences["is_scored"] = dictionary[1]["is_scored"].to_numpy() | tone[1]["is_scored"]
        return documents, sentences[_columns(SENTENCE_COLUMNS, engines)]
    documents = dictionary.assign(tone=tone["tone"].to_numpy())
    documents["is_scored"] = dictionary["is_scored"].to_numpy() | tone["is_scored"].to_numpy()
    return documents[_columns(DOCUMENT_COLUMNS, engines)]


def score_sentiment(
    docs: pd.DataFrame,
    *,
    level: Literal["document", "sentence"] = "document",
    engines: Sequence[str] | None = None,
    mask_names: bool = False,
    tone_model=None,
    keep: Sequence[str] | None = None,
    n_workers: int | None = None,
) -> pd.DataFrame:
    """Tone scores of every document (or of every sentence).

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        level: ``"document"`` (one row per document) or ``"sentence"``
            (same as ``score_sentences``).
        engines: which of ``"tone"``, ``"textblob"``, ``"vader"`` to compute
            (default all); the columns of the others are left out.
        mask_names: mask names before TextBlob and VADER too (``tone`` always does).
        tone_model: a tone model file or ``ToneModel`` (``tone train`` writes one);
            None: the shipped model.
        keep: corpus columns to carry into the result, after ``doc_id``
            (``["outlet", "outlet_country", "published"]``).
        n_workers: processes (None: all cores; 1: this process; a small corpus
            always runs in this process). Results do not depend on it.

    Returns:
        Document level: ``doc_id``, the ``keep`` columns, ``textblob_polarity``,
        ``textblob_subjectivity`` (TextBlob on the whole text), ``vader_compound``
        (mean of the sentence compounds), ``tone`` (mean of the sentence tones),
        ``n_sentences``, ``language``, ``is_scored`` (False: every score NaN).
        Sentence level: see ``score_sentences``.
    """
    check_choice("level", level, LEVELS)
    if level == "sentence":
        return score_sentences(
            docs,
            engines=engines,
            mask_names=mask_names,
            tone_model=tone_model,
            keep=keep,
            n_workers=n_workers,
        )
    kept = _kept(docs, keep)
    options = _options(engines, mask_names, tone_model)
    if n_workers != 1 and options["engines"] != ("tone",):
        documents = _in_parallel(docs, options, n_workers, with_sentences=False)
    else:
        doc_rows, _ = _score(docs, options, with_sentences=False)
        documents = _document_table(doc_rows, docs, options["engines"])
    return _with_kept(documents, docs, kept)


def score_sentences(
    docs: pd.DataFrame,
    *,
    engines: Sequence[str] | None = None,
    mask_names: bool = False,
    tone_model=None,
    tone_drivers: bool = False,
    keep: Sequence[str] | None = None,
    n_workers: int | None = None,
) -> pd.DataFrame:
    """One row per sentence with its scores and the words that drove them.

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        engines, mask_names, tone_model, keep, n_workers: as in ``score_sentiment``.
        tone_drivers: also compute ``tone_drivers`` (leave-one-word-out: one extra
            embedding per word, so much slower); otherwise the column is empty (NA).

    Returns:
        ``doc_id``, the ``keep`` columns, ``sentence_id``, ``sentence``, ``start``,
        ``end``, ``textblob_polarity``, ``textblob_subjectivity``,
        ``vader_compound``, ``tone``, ``textblob_drivers``, ``vader_drivers``,
        ``tone_drivers`` (``"word:+0.50; ..."``), ``language`` (of the sentence),
        ``is_scored``.
    """
    return score_documents_and_sentences(
        docs,
        engines=engines,
        mask_names=mask_names,
        tone_model=tone_model,
        tone_drivers=tone_drivers,
        keep=keep,
        n_workers=n_workers,
    )[1]


def score_documents_and_sentences(
    docs: pd.DataFrame,
    *,
    engines: Sequence[str] | None = None,
    mask_names: bool = False,
    tone_model=None,
    tone_drivers: bool = False,
    keep: Sequence[str] | None = None,
    n_workers: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables in one pass (what the ``sentiment`` command writes).

    Args:
        docs: corpus rows with ``doc_id`` and ``text`` (``language`` used if present).
        engines, mask_names, tone_model, tone_drivers, keep, n_workers: as in
            ``score_sentences``.

    Returns:
        ``(documents, sentences)`` with the columns of ``score_sentiment`` and
        ``score_sentences``.
    """
    kept = _kept(docs, keep)
    options = _options(engines, mask_names, tone_model, tone_drivers)
    if n_workers != 1 and options["engines"] != ("tone",):
        documents, sentences = _in_parallel(docs, options, n_workers, with_sentences=True)
    else:
        doc_rows, sentence_rows = _score(docs, options, with_sentences=True)
        documents = _document_table(doc_rows, docs, options["engines"])
        sentences = _sentence_table(sentence_rows, docs, options["engines"])
    return _with_kept(documents, docs, kept), _with_kept(sentences, docs, kept)


def score_text(text: str, *, language: str | None = None, engines=None, tone_model=None) -> dict:
    """Score one text at document and sentence level.

    Args:
        text: the document text.
        language: ISO 639-1 code if known; None detects it.
        engines: as in ``score_sentiment``.
        tone_model: as in ``score_sentiment``.

    Returns:
        Dict with the document columns (scores, ``n_sentences``, ``language``,
        ``is_scored``) and ``sentences``: a list of dicts with the sentence columns
        of ``score_sentences`` (without ``doc_id``).
    """
    docs = pd.DataFrame(
        {"doc_id": [0], "text": [text if isinstance(text, str) else ""], "language": [language]}
    )
    documents, sentences = score_documents_and_sentences(
        docs, engines=engines, tone_model=tone_model, n_workers=1
    )
    doc = documents.drop(columns="doc_id").iloc[0].to_dict()
    doc["language"] = str(doc["language"])
    doc["is_scored"] = bool(doc["is_scored"])
    rows = sentences.drop(columns="doc_id").to_dict("records")
    return {**doc, "sentences": rows}


def sentence_tone_drivers(sentences: pd.DataFrame, *, tone_model=None) -> pd.DataFrame:
    """``sentences`` with ``tone_drivers`` filled where it is empty and ``tone`` was scored.

    Args:
        sentences: rows with ``sentence`` and ``tone`` (e.g. ``score_sentences``).
        tone_model: as in ``score_sentiment``.

    Returns:
        A copy with ``tone_drivers`` (``"word:+0.21; ..."``) for the scored rows.
    """
    from analysis.sentiment.model import tone_drivers

    require_columns(sentences, ["sentence", "tone"], what="sentences")
    current = sentences.get("tone_drivers", pd.Series(np.nan, index=sentences.index, dtype=object))
    todo = current.isna() & sentences["tone"].notna()
    filled = current.astype(object).copy()
    if todo.any():
        filled[todo] = tone_drivers(sentences.loc[todo, "sentence"].tolist(), model=tone_model)
    return sentences.assign(tone_drivers=filled)
