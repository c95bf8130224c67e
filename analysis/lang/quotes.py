"""Quoted stretches of a text, in English, Korean and Japanese typography.

A quotation is a matched pair of marks, and the span includes both marks:

- ``“…”`` (English and Korean), ``「…」`` and ``『…』`` (Japanese, also in Korean),
  ``〝…〟``, ``«…»``;
- ``"…"`` (straight double quotes): alternately opening and closing;
- ``‘…’`` where unambiguous: ``‘`` opens only after a non-letter and before a
  non-space, and ``’`` closes only when no letter follows it, so the
  apostrophes of ``Korea’s`` and ``don’t`` are never quotes;
- ``'…'`` (straight single quotes) only around Hangul, kana or Han letters
  (``'강제징용'``, ``'제3자 변제'``): Korean news quotes terms and headlines
  that way, and an apostrophe never touches those scripts. English straight
  single quotes are left out: they cannot be told from apostrophes.

Quotations do not cross line breaks. A double quote or bracket still open at
the end of its line runs to the end of the line (English news leaves a
quotation that goes on in the next paragraph open); an open single quote is
dropped. Nested quotations are inside their outer one: only outermost spans
are returned.

Scare quotes and quoted terms are quotations here too (``‘위안부’``); whether
a quotation is speech is for the caller to decide (``analysis.voices``).
"""

from __future__ import annotations

import re

from analysis.lang.base import LINE_BREAK, Span

_PAIRS = {"\u201c": "\u201d", "「": "」", "『": "』", "\u301d": "\u301f", "«": "»"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MARKS = re.compile("[\u201c\u201d「」『』\u301d\u301f«»\"\u2018\u2019']")
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"
)
_SINGLE = ("\u2018", "'")  # openers that are dropped when left open


def quote_spans(text: str) -> list[Span]:
    """(start, end) of each outermost quotation in ``text``, marks included.

    Args:
        text: any string; ``None``/NaN gives ``[]``.

    Returns:
        Non-overlapping spans in order (see the module docstring for the rules).
    """
    if not isinstance(text, str) or not text:
        return []
    spans: list[Span] = []
    start = 0
    for match in [*LINE_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        spans.extend(_line_quotes(text, start, stop))
        if match:
            start = match.end()
    return spans


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalpha()


def _role(text: str, i: int, stack: list[tuple[str, int]]) -> str | None:
    """'open', 'close' or None for the quote mark at ``text[i]``."""
    char = text[i]
    kinds = [kind for kind, _ in stack]
    if char in _PAIRS:
        return "open"
    if char in _CLOSERS:
        return "close" if _CLOSERS[char] in kinds else None
    if char == '"':
        return "close" if '"' in kinds else "open"
    if char == "\u2018":
        following = text[i + 1] if i + 1 < len(text) else " "
        return "open" if not _is_letter(text, i - 1) and not following.isspace() else None
    if char == "\u2019":
        return "close" if "\u2018" in kinds and not _is_letter(text, i + 1) else None
    # straight single quote: a quote only against Hangul, kana or Han letters
    if "'" in kinds and i > 0 and _CJK.match(text[i - 1]):
        return "close"
    if i + 1 < len(text) and _CJK.match(text[i + 1]) and not _is_letter(text, i - 1):
        return "open"
    return None


def _line_quotes(text: str, start: int, stop: int) -> list[Span]:
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []  # (opening kind, offset)
    for match in _MARKS.finditer(text, start, stop):
        i = match.start()
        role = _role(text, i, stack)
        if role == "open":
            stack.append((text[i], i))
        elif role == "close":
            opener = {"\u2019": "\u2018", "'": "'", '"': '"'}.get(text[i], _CLOSERS.get(text[i]))
            depth = max(d for d, (kind, _) in enumerate(stack) if kind == opener)
            opened = stack[depth][1]
            del stack[depth:]
            if not stack:
                spans.append((opened, i + 1))
    for kind, opened in stack:  # still open at the end of the line
        if kind not in _SINGLE:
            end = start + len(text[start:stop].rstrip())
            if not spans or opened >= spans[-1][1]:
                spans.append((opened, end))
            break
    return spans
