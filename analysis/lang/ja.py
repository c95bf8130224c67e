"""Japanese: punctuation rules for sentences, Sudachi (``sudachipy``) for tokens.

Sentences: every non-blank line is a block of its own; inside a block a
sentence ends after a run of ``。 ！ ？ ! ?`` (and ``．``, the full stop of
official texts, unless between digits) that is not inside a matched pair of
brackets or quotes: ``「」 『』 （） () 【】 〔〕 ［］ “” 〝〟``. So
``「協力していく。」と述べた。`` is one sentence. A bracket without its partner
in the block protects nothing (a stray ``「`` does not swallow the rest).
Adjacent quotations (``…。」「…``) are split between them.

Tokens: Sudachi (``sudachidict_core``, a wheel: nothing is downloaded) in
split mode C (the longest units: 首脳会談 stays one token); the base is
Sudachi's dictionary form (``しなかっ`` -> ``する``, ``ない``; ``言いません`` ->
``言う``, ``ます``, ``ぬ``) and ``pos`` its first two part-of-speech levels
(``名詞-固有名詞``, ``動詞-一般``, ``助動詞``). Punctuation (``補助記号``) and
whitespace (``空白``) are not tokens. Sudachipy is imported on the first
Japanese text only.
"""

from __future__ import annotations

import functools
import re

from analysis.lang.base import Language, Span, Token, strip_span

OPENERS = "「『（(【〔［\u201c\u301d"
CLOSERS = "」』）)】〕］\u201d\u301f"
_PARTNER = dict(zip(CLOSERS, OPENERS, strict=True))
_BRACKET = re.compile(f"[{re.escape(OPENERS + CLOSERS)}]")
_END = re.compile(r"[。！？!?]+|(?<![0-9０-９])．+(?![0-9０-９])")
_DIALOGUE = re.compile(r"(?<=[。！？!?][」』])(?=[「『])")
# Sudachi refuses input over 49,149 bytes; Japanese takes 3 bytes a character.
_MAX_CHUNK_CHARS = 4_000
_SKIPPED_POS = frozenset({"補助記号", "空白"})


@functools.lru_cache(maxsize=1)
def sudachi():
    """The shared Sudachi tokenizer, split mode C (loaded on first use)."""
    try:
        from sudachipy import Dictionary, SplitMode
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError(
            "Japanese text needs sudachipy and sudachidict_core: "
            "pip install sudachipy sudachidict_core"
        ) from error
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def protected_intervals(block: str) -> list[Span]:
    """(start, end) of each outermost matched bracket or quote pair in ``block``."""
    stack: list[tuple[str, int]] = []
    intervals: list[Span] = []
    for match in _BRACKET.finditer(block):
        char, position = match.group(), match.start()
        if char in _PARTNER:  # a closer: close the nearest matching opener, if any
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == _PARTNER[char]:
                    opened = stack[depth][1]
                    del stack[depth:]
                    if not stack:
                        intervals.append((opened, position + 1))
                    break
        else:
            stack.append((char, position))
    return _outermost(intervals)


def _outermost(intervals: list[Span]) -> list[Span]:
    intervals.sort()
    kept: list[Span] = []
    for start, end in intervals:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def sentence_ends(block: str) -> list[int]:
    """Offsets in ``block`` right after each sentence end (see the module docstring)."""
    intervals = protected_intervals(block)
    ends, i = [], 0
    for match in _END.finditer(block):
        position = match.start()
        while i < len(intervals) and intervals[i][1] <= position:
            i += 1
        if i < len(intervals) and intervals[i][0] <= position:
            continue  # inside brackets or quotes
        ends.append(match.end())
    ends.extend(m.start() for m in _DIALOGUE.finditer(block))
    return sorted(set(ends))


class Japanese(Language):
    """Japanese rules (see the module docstring)."""

    code = "ja"
    name = "Japanese"
    stop_words_file = "stopwords_ja.txt"

    def block_spans(self, block: str) -> list[Span]:
        """Sentence spans of one line block (punctuation outside brackets)."""
        spans, start = [], 0
        for end in [*sentence_ends(block), len(block)]:
            span = strip_span(block, start, end)
            if span:
                spans.append(span)
            start = end
        return spans

    def tokens(self, text: str) -> list[Token]:
        """Sudachi morphemes with dictionary forms as bases (see the module docstring).

        Args:
            text: any string; ``None``/NaN gives ``[]``.

        Returns:
            Tokens in order, punctuation and whitespace left out.
        """
        if not isinstance(text, str) or not text.strip():
            return []
        tokens = []
        for left, right in _chunks(text):
            for morpheme in sudachi().tokenize(text[left:right]):
                levels = morpheme.part_of_speech()
                if levels[0] in _SKIPPED_POS:
                    continue
                pos = levels[0] if levels[1] == "*" else f"{levels[0]}-{levels[1]}"
                start, end = left + morpheme.begin(), left + morpheme.end()
                tokens.append(Token(text[start:end], morpheme.dictionary_form(), pos, start, end))
        return tokens


def _chunks(text: str) -> list[Span]:
    """``text`` cut after sentence ends (or, failing that, anywhere) into short chunks."""
    chunks, start = [], 0
    while len(text) - start > _MAX_CHUNK_CHARS:
        window = text[start : start + _MAX_CHUNK_CHARS]
        ends = [m.end() for m in _END.finditer(window)] or [window.rfind("\n") + 1]
        cut = start + (ends[-1] if ends[-1] > 0 else _MAX_CHUNK_CHARS)
        chunks.append((start, cut))
        start = cut
    chunks.append((start, len(text)))
    return chunks
