"""The interface every language implements, and what all languages share.

A language is a subclass of :class:`Language` whose class attributes are its
data (spaCy's ``Language`` + ``Defaults`` organisation, flattened: one class per
language, its data as class-level defaults, its methods overridden only where
the language differs). ``analysis.lang.for_language(code)`` returns one shared
instance per language; measures ask it and never branch on ``language``.

Shared by every language:

- :func:`normalise` / :func:`normalise_with_offsets`: the form in which terms are
  matched (the same rules in every language, so a codebook term is normalised
  once);
- line blocks: a document is first cut at line breaks, and every non-blank line
  is split on its own, so headlines, captions, bylines and datelines without a
  full stop stay sentences of their own (each language decides whether a line
  continues the previous one);
- stop words as data: ``data/codebooks/stopwords.txt`` (English) and
  ``stopwords_<code>.txt`` beside it, one base form a line, read on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import ClassVar, NamedTuple

from analysis import config

Span = tuple[int, int]


class Token(NamedTuple):
    """One word token.

    Attributes:
        surface: the text as written (``text[start:end]``).
        base: the form to count and match on: English lowercased (possessive
            dropped), Korean the Kiwi lemma (강하게 -> 강하다 for the stem
            강하), Japanese Sudachi's dictionary form (しなかっ -> する).
        pos: part of speech from the analyser (Kiwi's Sejong tags such as
            ``VA``; Sudachi's first two levels such as ``名詞-固有名詞``);
            ``""`` where the language has no tagger (English, default).
        start: offset of the token in the text given to ``tokens``.
        end: end offset (exclusive).
    """

    surface: str
    base: str
    pos: str
    start: int
    end: int


# --- normalisation ---------------------------------------------------------------------------

# Applied before NFKC (which would turn the double prime into two primes).
QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / curly apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier letter apostrophe
        "\uff07": "'",  # fullwidth apostrophe
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u2033": '"',  # double prime
        "\uff02": '"',  # fullwidth quotation mark
    }
)
_QUOTE_PAIRS = tuple((chr(code), ascii_) for code, ascii_ in QUOTE_MAP.items())


def fold_quotes(text: str) -> str:
    """``text.translate(QUOTE_MAP)``, about 10x faster on news-length text.

    ``str.translate`` with a dict looks every character up; here each of the
    13 quotation marks is searched for and replaced in C. The replacements are
    ASCII, never a mark of the map, so the order of the replacements does not
    matter and the result is the same string (tests compare on real text).
    """
    if text.isascii():
        return text
    for mark, ascii_ in _QUOTE_PAIRS:
        if mark in text:
            text = text.replace(mark, ascii_)
    return text


_WHITESPACE = re.compile(r"\s+")
# Characters that never start a normalisation unit: combining marks and the
# medial/final Hangul jamo that compose with the letter before them.
_CONTINUES = re.compile(r"[\u1160-\u11ff\ud7b0-\ud7ff\uff9e\uff9f]")
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})
_CHUNK = re.compile(r"\s+|\S+")


def _nfkc_units(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` unit by unit (a letter and its marks), with the raw offset of each char.

    Runs of whitespace and stretches that are already NFKC are copied as they are
    (whitespace neither composes nor reorders with its neighbours).
    """
    out: list[str] = []
    offsets: list[int] = []
    for chunk in _CHUNK.finditer(text):
        piece, base = chunk.group(), chunk.start()
        if unicodedata.is_normalized("NFKC", piece):
            out.append(piece)
            offsets.extend(range(base, base + len(piece)))
            continue
        start = 0
        for i in range(1, len(piece) + 1):
            if i < len(piece) and (
                unicodedata.category(piece[i]) in _MARK_CATEGORIES or _CONTINUES.match(piece[i])
            ):
                continue
            unit = _nfkc(piece[start:i])
            out.append(unit)
            size = i - start
            if len(unit) <= size:
                offsets.extend(range(base + start, base + start + len(unit)))
            else:  # a unit that grows ("㈜" -> "(주)"): the extra characters map to its last one
                offsets.extend(
                    [*range(base + start, base + i), *[base + i - 1] * (len(unit) - size)]
                )
            start = i
    return "".join(out), offsets


@functools.lru_cache(maxsize=8192)
def _nfkc(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit)


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised form of ``text`` and, for each of its characters, an offset in ``text``.

    The normalisation (the same in every language) changes exactly this, in order:

    1. curly and other typographic quotes become straight ones:
       ``‘ ’ ‚ ‛ ′ ʼ ＇`` -> ``'`` and ``“ ” „ ‟ ″ ＂`` -> ``"``;
    2. Unicode NFKC: full-width Latin letters, digits and punctuation become
       ASCII (``ＧＳＯＭＩＡ`` -> ``GSOMIA``, ``１２`` -> ``12``, ``（`` -> ``(``),
       half-width katakana become full-width (``ｶﾞ`` -> ``ガ``), CJK
       compatibility ideographs become the unified ones, ligatures,
       superscripts and circled or parenthesised numbers are spelled out
       (``ﬁ`` -> ``fi``, ``①`` -> ``1``, ``㈜`` -> ``(주)``), ``…`` -> ``...``,
       and decomposed letters are composed (``e`` + acute -> ``é``, Hangul
       jamo -> syllables);
    3. every run of whitespace (line breaks and no-break spaces included)
       becomes one space, and leading and trailing whitespace is removed.

    Case, dashes, Japanese brackets (``「」``), middle dots and everything else
    are left alone. NFKC is applied to each letter with its combining marks,
    which equals NFKC of the whole text for every text the tests have found.

    Args:
        text: any string.

    Returns:
        ``(normalised, offsets)`` with ``len(offsets) == len(normalised)``;
        ``offsets[i]`` is the raw offset the ``i``-th normalised character
        came from (offsets never decrease). A span ``normalised[a:b]`` covers
        ``text[offsets[a]:offsets[b - 1] + 1]``.
    """
    quoted = fold_quotes(text)
    if unicodedata.is_normalized("NFKC", quoted):
        folded, unit_offsets = quoted, None
    else:
        folded, unit_offsets = _nfkc_units(quoted)
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _WHITESPACE.finditer(folded):
        if match.start() > position:
            pieces.append(folded[position : match.start()])
            offsets.extend(range(position, match.start()))
            if match.end() < len(folded):
                pieces.append(" ")
                offsets.append(match.start())
        position = match.end()
    if position < len(folded):
        pieces.append(folded[position:])
        offsets.extend(range(position, len(folded)))
    if unit_offsets is not None:
        offsets = [unit_offsets[i] for i in offsets]
    return "".join(pieces), offsets


def normalise(text: str) -> str:
    """``text`` in the form used for matching terms (see :func:`normalise_with_offsets`).

    Args:
        text: any string.

    Returns:
        The normalised string (equal to ``normalise_with_offsets(text)[0]``).
    """
    quoted = fold_quotes(text)
    if not unicodedata.is_normalized("NFKC", quoted):
        quoted = _nfkc_units(quoted)[0]
    return _WHITESPACE.sub(" ", quoted).strip()


# --- line blocks -----------------------------------------------------------------------------

LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
BREAKS_TO_SPACE = str.maketrans(dict.fromkeys("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))
_BREAK_CHAR = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def breaks_to_spaces(block: str) -> str:
    """``block`` with every line-break character replaced by a space (same length).

    ``str.translate`` looks every character up in a dict; this only scans.
    """
    return _BREAK_CHAR.sub(" ", block) if _BREAK_CHAR.search(block) else block


def line_spans(text: str, *, joins_next=None) -> list[Span]:
    """Non-blank lines of ``text`` as whitespace-stripped (start, end) spans.

    Args:
        text: a document.
        joins_next: ``f(last character of the previous line, first character of
            the line) -> bool``; when true, the line is joined to the span before
            it (hard-wrapped prose). None joins nothing.

    Returns:
        Spans in order; joined lines make one span that contains the line break.
    """
    spans: list[Span] = []
    pos = 0
    for match in [*LINE_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        start, end = pos, stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            if spans and joins_next is not None and joins_next(text[spans[-1][1] - 1], text[start]):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        if match:
            pos = match.end()
    return spans


def strip_span(text: str, start: int, end: int) -> Span | None:
    """(start, end) narrowed to exclude surrounding whitespace; None if nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    left = start + (len(piece) - len(piece.lstrip()))
    return left, left + len(stripped)


@functools.lru_cache(maxsize=16)
def read_word_list(name: str) -> frozenset[str]:
    """One word a line from ``data/codebooks/<name>``; ``#`` starts a comment."""
    path = config.CODEBOOK_DIR / name
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return frozenset(words)


class _StopWords:
    """Class attribute that reads the language's stop-word file on first access."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner) -> frozenset[str]:
        filename = owner.stop_words_file
        return read_word_list(filename) if filename else frozenset()


# --- the interface ---------------------------------------------------------------------------

# Terminal punctuation that ends a sentence in any script (generic rules).
_GENERIC_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)|[\u3002\uff01\uff1f\uff0e]+")
_GENERIC_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:['-][^\W_]+)*")


class Language:
    """A language's text processing: sentences, tokens, normalisation, stop words.

    This base class is also the default for codes without a module of their
    own (``zh``, ``und``, any other): line blocks split after ``. ! ? …``
    followed by whitespace and after ``。！？．``; tokens are runs of letters or
    digits, each Han character a token of its own (no segmenter: character
    unigrams); base = lowercased surface; no stop words.

    Subclasses set the class attributes and override what differs.
    """

    code: ClassVar[str] = "xx"
    name: ClassVar[str] = "default (any language)"
    stop_words_file: ClassVar[str | None] = None
    stop_words: ClassVar[frozenset[str]] = _StopWords()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r})"

    # sentences
    def joins_lines(self, previous_last: str, first: str) -> bool:
        """Whether a line starting with ``first`` continues the line ending with ``previous_last``.

        (Hard-wrapped prose.) The default never joins.
        """
        return False

    def block_spans(self, block: str) -> list[Span]:
        """Sentence spans inside one line block (no line breaks inside)."""
        spans, start = [], 0
        for match in _GENERIC_END.finditer(block):
            span = strip_span(block, start, match.end())
            if span:
                spans.append(span)
            start = match.end()
        span = strip_span(block, start, len(block))
        return [*spans, span] if span else spans

    def sentence_spans(self, text: str) -> list[Span]:
        """(start, end) of each sentence: exact, whitespace-stripped substrings, in order.

        Args:
            text: a document; ``None``/NaN counts as empty.

        Returns:
            Offsets such that ``text[start:end]`` is each sentence.
        """
        if not isinstance(text, str) or not text:
            return []
        spans: list[Span] = []
        for line_start, line_end in line_spans(text, joins_next=self.joins_lines):
            block = breaks_to_spaces(text[line_start:line_end])  # same length
            spans.extend((line_start + s, line_start + e) for s, e in self.block_spans(block))
        return spans

    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text`` as strings (see :meth:`sentence_spans`)."""
        return [text[s:e] for s, e in self.sentence_spans(text)]

    # tokens
    def tokens(self, text: str) -> list[Token]:
        """Word tokens of ``text`` with base forms and offsets into ``text``.

        Args:
            text: any string; ``None``/NaN gives ``[]``.

        Returns:
            Tokens in order; punctuation is not a token.
        """
        if not isinstance(text, str) or not text:
            return []
        folded, offsets = normalise_with_offsets(text)
        return [
            Token(text[offsets[m.start()] : offsets[m.end() - 1] + 1], m.group().lower(), "",
                  offsets[m.start()], offsets[m.end() - 1] + 1)
            for m in _GENERIC_WORD.finditer(folded)
        ]  # fmt: skip

    # normalisation
    def normalise(self, text: str) -> str:
        """The form used for matching terms (:func:`normalise`; same in every language)."""
        return normalise(text)

    def normalise_with_offsets(self, text: str) -> tuple[str, list[int]]:
        """:func:`normalise_with_offsets`: the normalised text and raw offsets per character."""
        return normalise_with_offsets(text)
