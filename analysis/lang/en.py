"""English: sentence rules for news and page dumps, lowercased word tokens.

Sentences (``analysis.lang.en_split``): every non-blank line is a block of its
own, except that a line starting with a lowercase letter after a line without
closing punctuation is joined to it (hard-wrapped prose); inside a block,
run-together sentences (``agreed.The``), abbreviations, initials, numbered
lists and quotes are handled.

Tokens: the text is normalised (``analysis.lang.base.normalise_with_offsets``:
curly apostrophes become ``'``); run-together words are separated
(``inSingapore`` -> ``in``, ``singapore``; ``agreed.The`` -> ``agreed``,
``the``) as is a change between Latin and another script (``Korean한일관계``
-> ``korean``, ``한일관계``); a token is a run of letters/digits, possibly
joined by inner hyphens or apostrophes (``yoon-kishida``, ``1910-45``,
``wasn't``, ``o'brien``), or a dotted initialism (``U.S.`` -> ``u.s.``,
``p.m.``); the base is the lowercased token with the possessive ``'s``
dropped (``Japan's`` -> ``japan``; ``countries'`` -> ``countries``).
Punctuation is not a token. There is no tagger: ``pos`` is ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.lang import en_split
from analysis.lang.base import Language, Span, Token, normalise, normalise_with_offsets

_LINE_END_PUNCT = frozenset(".!?:;\"')]\u201d\u2019")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'][^\W_]+)*")
# "inSingapore", "onJune", "twoMinisters": a lowercase word glued to a capitalised one.
_GLUED = re.compile(r"(?<![^\W\d_])[a-z]{2,}(?=[A-Z][a-z])")
# A change of script inside a run of letters ("Korean한일관계").
_LATIN = r"A-Za-z0-9\u00c0-\u024f"
_SCRIPT_CHANGE = re.compile(rf"(?<=[{_LATIN}])(?=[^\W{_LATIN}_])|(?<=[^\W{_LATIN}_])(?=[{_LATIN}])")
_OTHER_SCRIPT = re.compile(rf"[^\W{_LATIN}_]")  # a letter of another script: a change may follow


def _cut_points(folded: str) -> list[int]:
    cuts = {m.end() for m in _GLUED.finditer(folded)}
    if _OTHER_SCRIPT.search(folded):  # one fast pass instead of two lookarounds everywhere
        cuts.update(m.start() for m in _SCRIPT_CHANGE.finditer(folded))
    return sorted(cuts)


def _pieces(folded: str) -> list[tuple[int, int]]:
    """(left, right) stretches of a normalised text that no token crosses."""
    cuts = _cut_points(folded) if not folded.isascii() or _GLUED.search(folded) else []
    if not cuts:
        return [(0, len(folded))]
    bounds = [0, *cuts, len(folded)]
    return list(zip(bounds, bounds[1:], strict=False))


def count_words(folded: str) -> int:
    """How many words :func:`word_spans` gives for ``folded``, without building them."""
    return sum(len(_TOKEN.findall(folded, left, right)) for left, right in _pieces(folded))


def word_spans(folded: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, base) of each word of an already normalised text (offsets into it)."""
    for left, right in _pieces(folded):
        for match in _TOKEN.finditer(folded, left, right):
            word = match.group()
            if word.endswith(("'s", "'S")) and len(word) > 2:
                yield match.start(), match.end() - 2, word[:-2].lower()
            else:
                yield match.start(), match.end(), word.lower()


class English(Language):
    """English rules (see the module docstring)."""

    code = "en"
    name = "English"
    stop_words_file = "stopwords.txt"

    def joins_lines(self, previous_last: str, first: str) -> bool:
        """A line starting lowercase after one without closing punctuation continues it."""
        return first.islower() and previous_last not in _LINE_END_PUNCT

    def block_spans(self, block: str) -> list[Span]:
        """Sentence spans of one line block (``analysis.lang.en_split``)."""
        return list(en_split.block_spans(block))

    def tokens(self, text: str) -> list[Token]:
        """Word tokens with lowercased bases and offsets (see the module docstring).

        Args:
            text: any string; ``None``/NaN gives ``[]``.

        Returns:
            Tokens in order; ``pos`` is ``""`` (no tagger).
        """
        if not isinstance(text, str) or not text:
            return []
        folded, offsets = normalise_with_offsets(text)
        tokens = []
        for start, end, base in word_spans(folded):
            raw_start, raw_end = offsets[start], offsets[end - 1] + 1
            tokens.append(Token(text[raw_start:raw_end], base, "", raw_start, raw_end))
        return tokens

    def words(self, text: str) -> list[str]:
        """Only the bases of :meth:`tokens` (what ``analysis.text.tokenize`` returns)."""
        if not isinstance(text, str) or not text:
            return []
        return [base for _, _, base in word_spans(normalise(text))]
