"""Frame coding: every match with its context, and per document the evidence and decision.

Every number is traceable: ``frame_matches`` lists each match (document, sentence,
frame, term, offsets, ``in_quote``, ``is_negated``), and ``code_frames`` aggregates the
counted ones into the long table of the design contract (one row per document and
frame, zero rows included) with the evidence a decision rests on and ``present``, the
decision calibrated against human codes (``analysis.codebooks.calibration``). Matching
is one combined matcher per codebook (``analysis.codebooks``): a span counts once, for
the longest term found there. A denied match (``is_negated``: "not a security issue",
``analysis.framing.context``) is listed but never counted.

A document is coded with the terms of its language: one whose ``language`` is set and
is not one of the codebook's languages (``Codebook.languages``) is not coded. It has no
rows in either table (its number is logged and in ``code_frames(...).attrs
["n_uncoded"]``), so every share computed from the coded table has only coded
documents in its denominator.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis.checks import check_choice, require_columns
from analysis.codebooks import Codebook, load_codebook, split_codable
from analysis.framing.context import in_spans, is_denied, quote_spans

__all__ = [
    "FRAME_COLUMNS",
    "LEAD_SENTENCES",
    "MATCH_COLUMNS",
    "code_frames",
    "code_sentences",
    "count_words",
    "estimate_words",
    "frame_matches",
    "frame_sentences",
    "match_kwic",
    "summarise_matches",
]

log = logging.getLogger(__name__)

FRAME_COLUMNS = [
    "doc_id", "frame", "n_matches", "n_sentences", "sentence_share", "density",
    "in_headline", "in_lead", "n_quoted", "n_negated", "present", "matched_terms",
    "sentence_ids",
]  # fmt: skip
MATCH_COLUMNS = ["doc_id", "sentence_id", "frame", "term", "match", "start", "end",
                 "in_quote", "is_negated"]  # fmt: skip
LEAD_SENTENCES = (
    2  # the lead: the first two sentences of the text (a headline in the text included)
)
# Japanese and Chinese are written without spaces: words are estimated from the
# characters (a dictionary word of news prose is about two characters long) until the
# language layer's tokens are used.
CJK_CHARS_PER_WORD = 2.0
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
Decision = Literal["calibrated", "any"]


def _languages(cb: Codebook) -> tuple[str, ...]:
    return tuple(getattr(cb, "languages", ("en",)))


def _doc_languages(docs: pd.DataFrame) -> list[str | None]:
    if "language" in docs.columns:
        return [v if isinstance(v, str) else None for v in docs["language"].tolist()]
    from analysis.language import detect_language

    return [detect_language(t) if isinstance(t, str) else None for t in docs["text"].tolist()]


def estimate_words(text: str, language: str | None = None) -> int:
    """Words of a text without a tokenizer (the fallback of ``count_words``).

    Args:
        text: any text.
        language: ``ja``/``zh`` (no spaces: CJK characters / ``CJK_CHARS_PER_WORD``,
            rounded, plus the other words) or anything else (runs of letters and digits;
            a Korean eojeol counts as one word).

    Returns:
        The estimate (0 for an empty text).
    """
    if not isinstance(text, str) or not text:
        return 0
    if language in ("ja", "zh"):
        n_cjk = len(_CJK.findall(text))
        rest = _CJK.sub(" ", text)
        return int(round(n_cjk / CJK_CHARS_PER_WORD)) + len(_WORD.findall(rest))
    return len(_WORD.findall(text))


# Tags that are not words of their own: symbols (Kiwi S*, Sudachi 補助記号/空白) and the
# Korean verb endings and affixes (Kiwi E*, XS*, XP*: 열렸다 is one word, not 열리+었+다).
_NOT_WORDS = ("S", "E", "XS", "XP", "補助記号", "空白")


def _is_word(token) -> bool:
    """A token that is a word: letters or digits, not a symbol, ending or affix tag."""
    pos = getattr(token, "pos", "") or ""
    return any(c.isalnum() for c in token.surface) and not pos.startswith(_NOT_WORDS)


def count_words(text: str, language: str | None = None) -> int:
    """Words in a text, comparable across English, Korean and Japanese (for ``density``).

    With the language layer installed (``analysis.lang``), its tokens that hold a letter
    or digit and are not tagged as symbols (Kiwi ``S*``, Sudachi ``補助記号``) or as
    Korean endings and affixes (Kiwi ``E*``, ``XS*``, ``XP*``) are counted: particles
    count as words, as English prepositions do ("한일 정상회담이 열렸다" is 한일, 정상,
    회담, 이, 열리: 5; "日韓首脳会談が開かれた" is 7). Without it, ``estimate_words``.

    Args:
        text: any text.
        language: the text's language code (None: read as English).

    Returns:
        The word count (0 for an empty text).
    """
    if not isinstance(text, str) or not text:
        return 0
    for_language = _language_layer()
    if for_language is None:
        return estimate_words(text, language)
    layer = for_language(language or "en")
    if layer.code == "en":
        from analysis.lang.base import fold_quotes
        from analysis.lang.en import count_words as english_words

        quoted = fold_quotes(text)
        if unicodedata.is_normalized("NFKC", quoted):
            # The same count without building tokens: NFKC leaves such a text alone, so
            # every token's raw surface holds the letters or digits its normal form has.
            # ``normalise`` would also collapse whitespace, which no word contains or
            # depends on (its cuts look at letters only): the count is the same.
            return english_words(quoted)
    return sum(1 for token in layer.tokens(text) if _is_word(token))


@functools.cache
def _language_layer():
    """``analysis.lang.for_language`` when the language layer is installed, else None."""
    try:
        from analysis.lang import for_language
    except ImportError:
        return None
    return for_language


def _sentence_index(docs: pd.DataFrame, sentences: pd.DataFrame | None) -> dict:
    """doc_id -> (sentence start offsets, sentence ids), in order."""
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text"]])
    require_columns(sentences, ["doc_id", "sentence_id", "start"], what="sentences")
    ordered = sentences.sort_values(["doc_id", "sentence_id"])
    return {
        doc_id: (grp["start"].to_numpy(), grp["sentence_id"].to_numpy())
        for doc_id, grp in ordered.groupby("doc_id", sort=False)
    }


def mark_context(text: str, found: list[tuple], language: str | None) -> list[tuple[bool, bool]]:
    """``(in_quote, is_negated)`` for each ``(frame, term, start, end, match)`` in ``text``."""
    spans = quote_spans(text) if found else []
    return [(in_spans(f[2], spans), is_denied(text, f[2], f[3], language)) for f in found]


def frame_matches(
    docs: pd.DataFrame,
    codebook: str | Path | Codebook = "kj_frames",
    *,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per match of a codebook term, for KWIC and transparency.

    Args:
        docs: needs ``doc_id`` and ``text``; ``language`` is used when present
            (otherwise detected from the text).
        codebook: a codebook name, path or loaded ``Codebook``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.

    Returns:
        DataFrame with ``doc_id``, ``sentence_id`` (-1 if outside every sentence),
        ``frame``, ``term`` (the codebook term), ``match`` (the text matched),
        ``start``, ``end`` (offsets into ``text``), ``in_quote`` (inside quotation
        marks), ``is_negated`` (plainly denied: not counted by ``code_frames``), in
        document order. Documents in languages the codebook has no terms for are not
        searched (count logged).
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    cb = load_codebook(codebook)
    docs, _ = split_codable(docs, what=f"frames ({cb.name})", languages=_languages(cb))
    starts = _sentence_index(docs, sentences)
    rows = []
    columns = (docs["doc_id"].tolist(), docs["text"].tolist(), _doc_languages(docs))
    for doc_id, text, language in zip(*columns, strict=True):
        if not isinstance(text, str) or not text:
            continue
        found = cb.find(text)
        if not found:
            continue
        offsets, ids = starts.get(doc_id, (np.array([], dtype=int), np.array([], dtype=int)))
        pos = np.searchsorted(offsets, [f[2] for f in found], side="right") - 1
        context = mark_context(text, found, language)
        for (frame, term, start, end, match), p, (quoted, negated) in zip(
            found, pos, context, strict=True
        ):
            sid = int(ids[p]) if p >= 0 else -1
            rows.append((doc_id, sid, frame, term, match, start, end, quoted, negated))
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                       "in_quote": bool, "is_negated": bool})  # fmt: skip


def match_kwic(matches: pd.DataFrame, docs: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for match tables (``frame_matches``, ``term_matches``).

    Args:
        matches: needs ``doc_id``, ``start``, ``end``; other columns are kept in front.
        docs: needs ``doc_id`` and ``text``.
        width: characters of context on each side (whitespace collapsed).

    Returns:
        ``matches`` columns except ``start``/``end``, then ``left``, ``keyword``, ``right``
        (the form ``analysis.display.show_kwic`` shows).
    """
    require_columns(matches, ["doc_id", "start", "end"], what="matches")
    require_columns(docs, ["doc_id", "text"], what="docs")
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    parts = {"left": [], "keyword": [], "right": []}
    for doc_id, start, end in zip(matches["doc_id"], matches["start"], matches["end"], strict=True):
        text = texts.get(doc_id) or ""
        parts["left"].append(" ".join(text[max(0, start - width) : start].split()))
        parts["keyword"].append(text[start:end])
        parts["right"].append(" ".join(text[end : end + width].split()))
    keep = [c for c in matches.columns if c not in ("start", "end", "match")]
    return matches[keep].reset_index(drop=True).assign(**parts)


def _headline_frames(docs: pd.DataFrame, cb: Codebook) -> dict:
    """doc_id -> set of frames with a counted (not denied) match in the ``title``."""
    if "title" not in docs.columns:
        return {}
    out = {}
    columns = (docs["doc_id"].tolist(), docs["title"].tolist(), _doc_languages(docs))
    for doc_id, title, language in zip(*columns, strict=True):
        if isinstance(title, str) and title:
            found = cb.find(title)
            context = mark_context(title, found, language)
            out[doc_id] = {
                f[0] for f, (_, negated) in zip(found, context, strict=True) if not negated
            }
    return out


def summarise_matches(
    matches: pd.DataFrame,
    docs: pd.DataFrame,
    codebook: str | Path | Codebook,
    *,
    sentences: pd.DataFrame,
    decision: Decision = "calibrated",
) -> pd.DataFrame:
    """The ``code_frames`` table from a match table (shared with ``analysis.scale``).

    Args:
        matches: ``frame_matches`` rows of the coded documents.
        docs: the coded documents (``doc_id``, ``text``; ``title``, ``language`` used
            when present), in output order.
        codebook: the codebook the matches come from.
        sentences: the documents' sentence table (``doc_id``, ``sentence_id``).
        decision: ``"calibrated"`` (the codebook's ``calibration`` rule) or ``"any"``
            (present on any counted match).

    Returns:
        The ``code_frames`` table (see there).
    """
    check_choice("decision", decision, ("calibrated", "any"))
    cb = load_codebook(codebook)
    require_columns(sentences, ["doc_id", "sentence_id"], what="sentences")
    n_sent = sentences.groupby("doc_id", sort=False).size().to_dict()
    hits: dict[tuple, list] = {}
    counted = matches[~matches["is_negated"]] if len(matches) else matches
    columns = ("doc_id", "frame", "term", "sentence_id", "in_quote")
    for doc_id, frame, term, sid, quoted in zip(
        *(counted[c].tolist() for c in columns), strict=True
    ):
        entry = hits.setdefault((doc_id, frame), [0, {}, {}, 0, False])
        entry[0] += 1
        entry[1][term] = None  # dicts keep first-match order, without repeats
        entry[2][sid] = None
        entry[3] += bool(quoted)
        entry[4] = entry[4] or 0 <= sid < LEAD_SENTENCES
    negated = matches.loc[matches["is_negated"], ["doc_id", "frame"]].value_counts().to_dict()
    headline = _headline_frames(docs, cb)
    pairs = zip(docs["text"].tolist(), _doc_languages(docs), strict=True)
    n_words = [count_words(text, language) for text, language in pairs]
    words = dict(zip(docs["doc_id"].tolist(), n_words, strict=True))
    rows = []
    for doc_id in pd.unique(docs["doc_id"]).tolist():
        n_s, n_w = n_sent.get(doc_id, 0), words.get(doc_id, 0)
        for frame in cb.frame_ids:
            n, terms, sids, n_quoted, lead = hits.get((doc_id, frame), (0, {}, {}, 0, False))
            n_frame_sentences = sum(1 for s in sids if s >= 0)
            rows.append((
                doc_id, frame, n, n_frame_sentences,
                n_frame_sentences / n_s if n_s else 0.0,
                1000.0 * n / n_w if n_w else 0.0,
                frame in headline.get(doc_id, ()), lead, n_quoted,
                int(negated.get((doc_id, frame), 0)), 0,
                ";".join(terms), ";".join(str(s) for s in sids),
            ))  # fmt: skip
    out = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    out = out.astype({"doc_id": docs["doc_id"].dtype, "n_matches": "int64", "n_sentences": "int64",
                      "sentence_share": float, "density": float, "in_headline": bool,
                      "in_lead": bool, "n_quoted": "int64", "n_negated": "int64"})  # fmt: skip
    return out.assign(present=_decide(out, cb, decision))


def _decide(coded: pd.DataFrame, cb: Codebook, decision: Decision) -> np.ndarray:
    """0/1 ``present``: a counted match, and the calibrated feature at its threshold."""
    present = coded["n_matches"].to_numpy() > 0
    calibration = cb.calibration
    if decision == "any" or calibration is None or not len(coded):
        return present.astype("int64")
    thresholds = coded["frame"].map(calibration.thresholds).to_numpy(dtype=float)
    value = coded[calibration.feature].to_numpy(dtype=float)
    reached = np.where(np.isnan(thresholds), True, value >= np.nan_to_num(thresholds) - 1e-12)
    return (present & reached).astype("int64")


def code_frames(
    docs: pd.DataFrame,
    codebook: str | Path | Codebook = "kj_frames",
    *,
    sentences: pd.DataFrame | None = None,
    decision: Decision = "calibrated",
    n_workers: int | None = None,
) -> pd.DataFrame:
    """Code every document with every frame of a codebook: evidence and decision.

    Args:
        docs: needs ``doc_id`` and ``text``; ``title`` (headline) and ``language`` are
            used when present.
        codebook: a codebook name (``config.CODEBOOK_DIR`` stem), path or ``Codebook``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.
        decision: ``"calibrated"`` (default: the codebook's fitted ``calibration`` rule;
            any match for a codebook or frame without one) or ``"any"`` (present on
            any counted match: the rule before calibration).
        n_workers: processes (None: all cores; 1: this process; a corpus under
            ``analysis.scale.engine.PARALLEL_MIN_CHARS`` characters, given
            ``sentences`` or repeated ``doc_id`` s stays in this process). The
            result does not depend on it (tests check equality on real text).

    Returns:
        Long DataFrame, one row per (coded document, frame) in document then codebook
        order, zero-match pairs included: ``doc_id``, ``frame``, ``n_matches`` (counted
        matches: denied ones left out), ``n_sentences`` (sentences holding a counted
        match), ``sentence_share`` (``n_sentences`` / the document's sentences),
        ``density`` (counted matches per 1,000 words, ``count_words``), ``in_headline``
        (a counted match in ``title``), ``in_lead`` (one in the first ``LEAD_SENTENCES``
        sentences), ``n_quoted`` (counted matches inside quotation marks), ``n_negated``
        (denied matches, not counted), ``present`` (0/1, the decision), ``matched_terms``
        (distinct counted terms, ``;``-joined, in order of first match),
        ``sentence_ids`` (their distinct sentence ids, ``;``-joined). Documents in a
        language the codebook has no terms for have no rows: their count is logged and
        kept in ``attrs["n_uncoded"]``.
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    check_choice("decision", decision, ("calibrated", "any"))
    cb = load_codebook(codebook)
    if n_workers != 1 and sentences is None and not docs["doc_id"].duplicated().any():
        from analysis.scale.engine import map_documents

        # a name or path: forked workers find it in load_codebook's cache (loaded above),
        # so the compiled matcher is not pickled to them
        book = cb if isinstance(codebook, Codebook) else codebook
        job = functools.partial(code_frames, codebook=book, decision=decision, n_workers=1)
        return map_documents(docs, job, n_workers=n_workers)
    docs, uncoded = split_codable(docs, what=f"frames ({cb.name})", languages=_languages(cb))
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text"]])
    matches = frame_matches(docs, cb, sentences=sentences)
    out = summarise_matches(matches, docs, cb, sentences=sentences, decision=decision)
    out.attrs["n_uncoded"] = len(uncoded)
    return out


def code_sentences(texts: pd.Series | list[str], codebook: str | Path | Codebook) -> pd.DataFrame:
    """Code short texts (sentences) one by one: counted matches per frame.

    Args:
        texts: the sentences (a Series keeps its index); read with the English denial
            rules where their letters are Latin (``analysis.framing.context``).
        codebook: a codebook name, path or ``Codebook``.

    Returns:
        Wide DataFrame, one row per text (same index as a Series input), one int column
        per frame id (number of counted matches), in codebook order.
    """
    cb = load_codebook(codebook)
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts))
    counts = np.zeros((len(series), len(cb.frame_ids)), dtype="int64")
    col = {f: j for j, f in enumerate(cb.frame_ids)}
    for i, text in enumerate(series.tolist()):
        if isinstance(text, str):
            for frame, _, start, end, _ in cb.find(text):
                if not is_denied(text, start, end, None):
                    counts[i, col[frame]] += 1
    return pd.DataFrame(counts, index=series.index, columns=cb.frame_ids)


def frame_sentences(
    docs: pd.DataFrame,
    frame: str,
    *,
    codebook: str | Path | Codebook = "kj_frames",
    sentences: pd.DataFrame | None = None,
    keep: list[str] | None = None,
) -> pd.DataFrame:
    """The sentences behind a frame, with their matches.

    Args:
        docs: needs ``doc_id`` and ``text``.
        frame: a frame id of the codebook.
        codebook: a codebook name, path or ``Codebook``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.
        keep: columns of ``docs`` to carry along (e.g. ``["outlet", "published"]``).

    Returns:
        One row per sentence holding a match of ``frame`` (denied ones included, so a
        reader sees them), in document order: ``doc_id``, ``sentence_id``, ``sentence``,
        ``terms`` and ``matches`` (``;``-joined, in text order), ``n_matches`` (counted
        ones), ``n_negated``, ``has_quote`` (a match inside quotation marks), then the
        ``keep`` columns.
    """
    require_columns(docs, ["doc_id", "text", *(keep or [])], what="docs")
    cb = load_codebook(codebook)
    cb.frame(frame)  # ValueError listing the frames when unknown
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text"]])
    found = frame_matches(docs, cb, sentences=sentences)
    found = found[found["frame"] == frame]
    grouped = found.groupby(["doc_id", "sentence_id"], sort=False).agg(
        terms=("term", lambda s: ";".join(dict.fromkeys(s))),
        matches=("match", ";".join),
        n_matches=("is_negated", lambda s: int((~s).sum())),
        n_negated=("is_negated", "sum"),
        has_quote=("in_quote", "any"),
    )
    out = grouped.reset_index().merge(
        sentences[["doc_id", "sentence_id", "sentence"]], on=["doc_id", "sentence_id"], how="left"
    )
    out = out[["doc_id", "sentence_id", "sentence", "terms", "matches", "n_matches",
               "n_negated", "has_quote"]]  # fmt: skip
    if keep:
        out = out.merge(docs[["doc_id", *keep]].drop_duplicates("doc_id"), on="doc_id", how="left")
    return out.astype({"n_matches": "int64", "n_negated": "int64", "has_quote": bool})
