"""The English splitter before issue 14 (pysbd with regex fast paths): the benchmark baseline.

Inside a line block (``analysis.lang.base.line_spans``):

1. **Run-together sentences.** ``agreed.The`` or ``years.President`` (two
   lowercase letters or digits, ``.``/``!``/``?``, then a capitalised word) is a
   sentence boundary, which pysbd alone misses.
2. **pysbd** (rule-based, no model data) splits each piece, handling
   abbreviations (``Mr.``, ``H.E.``, ``U.S.``, ``p.m.``, ``No. 5``) and curly
   apostrophes. A segment that is only a list marker (``1.``, ``(b)``, ``iv)``)
   is joined to the item it numbers; a segment with no letter or digit (a stray
   quote or bracket) is joined to its neighbour.

Results are memoised per block, so repeated paragraphs (wire copies) are split once.
"""

from __future__ import annotations

import functools
import logging
import re

logger = logging.getLogger(__name__)

_RUN_TOGETHER = re.compile(r"(?<=[a-z0-9][a-z0-9][.!?])(?=[A-Z][a-z])")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]")
_HAS_WORD = re.compile(r"[^\W_]")


@functools.lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _pysbd_spans(block: str) -> list[tuple[int, int]]:
    """Sentence spans of one block according to pysbd, located in ``block``."""
    try:  # pysbd's processor alone: its own span search recompiles a regex per sentence
        segments = _segmenter().processor(block).process() if block.strip() else []
    except Exception:  # noqa: BLE001 - pysbd has regex corner cases; fall back, never crash
        logger.warning("pysbd failed on a %d-character block; kept as one sentence", len(block))
        segments = [block]
    spans, pos = [], 0
    for segment in segments:
        piece = segment.strip()
        if not piece:
            continue
        start = block.find(piece, pos)
        if start < 0:  # pysbd changed the text: keep the rest as one sentence
            rest = block[pos:].strip()
            if rest:
                start = block.index(rest, pos)
                spans.append((start, start + len(rest)))
            return spans
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return spans


def _merge_fragments(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join list markers to the item they number and punctuation-only pieces to a neighbour."""
    merged: list[tuple[int, int]] = []
    pending_start: int | None = None
    for start, end in spans:
        piece = block[start:end]
        if pending_start is not None:
            start, pending_start = pending_start, None
        if _LIST_MARKER.fullmatch(piece):
            pending_start = start
        elif not _HAS_WORD.search(piece) and merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if pending_start is not None:
        merged.append((pending_start, spans[-1][1]))
    return merged


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    known = English.Abbreviation
    return frozenset(
        [*known.ABBREVIATIONS, *known.PREPOSITIVE_ABBREVIATIONS, *known.NUMBER_ABBREVIATIONS]
    )


# Fast path: a piece whose every . ! ? is an unambiguous sentence end ("word. The")
# is split by this regex, giving what pysbd gives (tested on real text); any other
# piece (abbreviations, initials, numbers, ellipses, lists, unusual characters) goes
# to pysbd, which is ~50x slower.
_UNSAFE_CHAR = re.compile(
    r"[^\w\s,;:'\u2019\-\u2013\u2014/&%$.!?]|_|\.\."  # quotes, brackets, symbols, ellipses
    r"|(?<![^\W\d_])['\u2019]|['\u2019](?![^\W\d_])"  # an apostrophe not inside a word
)
_TERMINAL = re.compile(r"[.!?]")
_TRAILING_TERMINAL = re.compile(r"(?:\.|[!?]+)\s*$")
_EASY_END = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})[.!?]+()(?:\s+(?=[A-Z])|$)")
_LIST_PAREN = re.compile(r"(?:^|\s)\(?\w{1,3}\)")


# A bracketed or quoted stretch without . ! ? inside cannot hide a sentence end.
_HARMLESS_SPAN = re.compile(
    r"\([^()\[\]\"\u201c\u201d.!?]*\)|\"[^\"()\u201c\u201d.!?]*\"|\u201c[^\"()\u201c\u201d.!?]*\u201d"
)


def _mask_harmless(piece: str) -> str:
    """Same-length copy of ``piece`` with harmless brackets/quotes turned into letters."""
    return _HARMLESS_SPAN.sub(lambda m: "x" * len(m.group()), piece)


_LEADING_NUMBER = re.compile(r"\d{1,3}\.\s+(?=[A-Z])")


def _fast_spans(piece: str) -> list[tuple[int, int]] | None:
    """Spans by the regex fast path, or None when pysbd is needed."""
    marker = _LEADING_NUMBER.match(piece)  # "4. The two ..." stays one sentence, as in pysbd
    if marker:
        rest = _fast_spans(piece[marker.end() :])
        if rest is None:
            return None
        return [
            (0 if i == 0 else marker.end() + s, marker.end() + e) for i, (s, e) in enumerate(rest)
        ]
    piece = _mask_harmless(piece)
    if _UNSAFE_CHAR.search(piece) or _LIST_PAREN.search(piece):
        return None
    # the final . ! ? run decides nothing (the text ends there), whatever precedes it
    trailing = _TRAILING_TERMINAL.search(piece)
    body_end = trailing.start() if trailing else len(piece)
    body = piece[:body_end]
    ends = list(_EASY_END.finditer(body))
    if len(ends) != len(_TERMINAL.findall(body)) or any(_ROMAN.fullmatch(m.group(1)) for m in ends):
        return None  # some . ! ? is not an unambiguous sentence end
    abbreviations = _abbreviations()
    spans, start = [], 0
    for match in ends:
        if match.group(1).lower() in abbreviations:
            return None
        spans.append((start, match.end(2)))
        start = match.end()
    if start < len(piece):
        spans.append((start, body_end + (len(trailing.group().rstrip()) if trailing else 0)))
    return [(s, e) for s, e in spans if piece[s:e].strip()]


_QUOTE_OR_BRACKET = re.compile(r"[\"\u201c\u201d\u2018()\[\]{}<>]|(?<![^\W\d_])['\u2019]")
_SAFE_CUT = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})[.!?](?<!\.\.)(\s+)(?=[A-Z])")
_ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)


def _safe_cuts(piece: str) -> list[tuple[int, int]]:
    """(end of sentence, start of next) at unambiguous ends: 'agreed. The', not 'Mr. Abe'."""
    abbreviations = _abbreviations()
    return [
        (m.start(2), m.end(2))
        for m in _SAFE_CUT.finditer(piece)
        if m.group(1).lower() not in abbreviations and not _ROMAN.fullmatch(m.group(1))
    ]


# pysbd's time grows faster than length: a piece longer than _MAX_PYSBD_CHARS (a
# 10 MB line from a scraper) is first cut at unambiguous sentence ends, even inside
# quotes, into stretches of about _STRETCH_CHARS, and a stretch with no such end is
# chopped at a space.
_MAX_PYSBD_CHARS = 20_000
_STRETCH_CHARS = 2_000


def _split_long_piece(piece: str, masked: str) -> list[tuple[int, int]]:
    """Split a very long piece stretch by stretch (stretches end at unambiguous ends)."""
    stretches, start, previous = [], 0, None
    for end, next_start in [*_safe_cuts(masked), (len(piece), len(piece))]:
        if end - start > _STRETCH_CHARS and previous is not None:
            stretches.append((start, previous[0]))
            start = previous[1]
        previous = (end, next_start)
    stretches.append((start, len(piece)))
    spans = []
    for left, right in stretches:
        for a, b in _chop(piece, left, right):
            spans.extend((a + s, a + e) for s, e in _split_piece(piece[a:b]))
    return spans


def _chop(text: str, left: int, right: int) -> list[tuple[int, int]]:
    """Cut [left, right) at a space into chunks of at most _STRETCH_CHARS (last resort)."""
    chunks = []
    while right - left > _STRETCH_CHARS:
        cut = text.rfind(" ", left + 1, left + _STRETCH_CHARS)
        cut = cut if cut > left else left + _STRETCH_CHARS
        chunks.append((left, cut))
        left = cut
    chunks.append((left, right))
    return chunks


def _pysbd_or_fast(part: str) -> list[tuple[int, int]]:
    found = _fast_spans(part)
    return _pysbd_spans(part) if found is None else found


def _split_piece(piece: str) -> list[tuple[int, int]]:
    """Fast path if possible; else pysbd, only on the stretches between unambiguous ends.

    pysbd treats quotes and brackets as units that can span sentences, so a
    piece containing any goes to pysbd whole.
    """
    spans = _fast_spans(piece)
    if spans is not None:
        return spans
    masked = _mask_harmless(piece)
    if len(piece) > _MAX_PYSBD_CHARS:
        return _split_long_piece(piece, masked)
    if _QUOTE_OR_BRACKET.search(masked):
        return _pysbd_spans(piece)
    spans, start = [], 0
    for end, next_start in [*_safe_cuts(masked), (len(piece), len(piece))]:
        part = piece[start:end]
        spans.extend((start + s, start + e) for s, e in _pysbd_or_fast(part))
        start = next_start
    return spans


@functools.lru_cache(maxsize=65536)
def _block_spans(block: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans inside one line-block (memoised: repeated paragraphs split once)."""
    spans: list[tuple[int, int]] = []
    cuts = [0, *(m.start() for m in _RUN_TOGETHER.finditer(block)), len(block)]
    for left, right in zip(cuts, cuts[1:], strict=False):
        piece = block[left:right]
        spans.extend((left + s, left + e) for s, e in _split_piece(piece))
    return tuple(_merge_fragments(block, spans))


def block_spans(block: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of one line block (no line breaks inside), memoised."""
    return _block_spans(block)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a document by the baseline, with the layer's English line rules."""
    from analysis.lang import for_language
    from analysis.lang.base import BREAKS_TO_SPACE, line_spans

    english = for_language("en")
    spans = []
    for start, end in line_spans(text, joins_next=english.joins_lines):
        block = text[start:end].translate(BREAKS_TO_SPACE)
        spans.extend((start + s, start + e) for s, e in _block_spans(block))
    return spans
