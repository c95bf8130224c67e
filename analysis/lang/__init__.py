"""The language layer: one module per language behind one interface.

Everything that differs by language lives here, and every measure asks this
package rather than branching on ``language`` itself:

>>> from analysis.lang import for_language
>>> ja = for_language("ja")
>>> ja.sentences("岸田首相は「協力する。」と述べた。会談は30分だった。")
['岸田首相は「協力する。」と述べた。', '会談は30分だった。']

- :func:`for_language` gives the :class:`Language` of a code: ``en``
  (``analysis.lang.en``), ``ko`` (``analysis.lang.ko``, Kiwi), ``ja``
  (``analysis.lang.ja``, Sudachi); any other code (``zh``, ``und``, ``fr``, NA)
  gets the default :class:`Language` (``code`` ``"xx"``: punctuation rules,
  character tokens for Han, no stop words). Adding a language is adding a
  module and a line in ``LANGUAGES``.
- :func:`detect_language` (per text, with a ``prior`` for Han-only text) and
  :func:`document_sentences` / :func:`sentence_languages` (per sentence: a
  Korean article quoting an English statement, an English article with a
  Japanese headline).
- :func:`quote_spans`: quoted stretches in the three typographies.
- :func:`normalise` / :func:`normalise_with_offsets`: the matching form.

Kiwi and Sudachi are imported on the first Korean or Japanese text only.
"""

from __future__ import annotations

import functools
import importlib
from typing import NamedTuple

from analysis.lang.base import (
    Language,
    Token,
    breaks_to_spaces,
    line_spans,
    normalise,
    normalise_with_offsets,
)
from analysis.lang.detect import (
    CODES,
    ENOUGH_LETTERS,
    MAX_CHARS,
    MIN_LETTERS,
    detect_language,
    han_language,
    latin_only,
    script_shares,
)
from analysis.lang.quotes import quote_spans

__all__ = [
    "CODES",
    "LANGUAGES",
    "MAX_CHARS",
    "MIN_LETTERS",
    "Language",
    "Sentence",
    "Token",
    "detect_language",
    "document_sentences",
    "for_language",
    "han_language",
    "normalise",
    "normalise_with_offsets",
    "quote_spans",
    "script_shares",
    "sentence_languages",
]

# code -> "module:Class"; a code not listed gets the default Language.
LANGUAGES = {
    "en": "analysis.lang.en:English",
    "ko": "analysis.lang.ko:Korean",
    "ja": "analysis.lang.ja:Japanese",
}
_SPLIT_BY_OWN_RULES = frozenset(LANGUAGES)  # a block in one of these is split by its own rules


class Sentence(NamedTuple):
    """A sentence of a document: offsets into the text and its language."""

    start: int
    end: int
    language: str


@functools.cache
def _instance(code: str) -> Language:
    if code not in LANGUAGES:
        return Language()
    module, cls = LANGUAGES[code].split(":")
    return getattr(importlib.import_module(module), cls)()


def for_language(code: str | None) -> Language:
    """The shared :class:`Language` for an ISO 639-1 code.

    Args:
        code: ``"en"``, ``"ko"`` or ``"ja"`` (case and surrounding spaces
            ignored); anything else (``"zh"``, ``"und"``, ``None``, NA) gives the
            default :class:`Language` (``code == "xx"``).

    Returns:
        One instance per language, shared by every caller.
    """
    key = code.strip().casefold() if isinstance(code, str) else ""
    return _instance(key if key in LANGUAGES else "xx")


def _known(code) -> str | None:
    return code.strip().casefold() if isinstance(code, str) and code.strip() else None


def _few_letters(text: str) -> bool:
    return ENOUGH_LETTERS.search(text[:MAX_CHARS]) is None


def document_sentences(text: str, *, language: str | None = None) -> list[Sentence]:
    """Split a document once and give each sentence its language.

    The document's language (``language``, else detected) chooses the rules;
    a line block whose letters are clearly another of ``en``/``ko``/``ja``
    (a Japanese headline over an English article) is split by that language's
    rules instead. Each sentence's language is detected from its own letters,
    with the document's language as the ``prior`` for Han-only text; a
    sentence with fewer than ``MIN_LETTERS`` letters (a date, a number) takes
    the language of its block.

    Args:
        text: a document; ``None``/NaN counts as empty.
        language: the document's declared language, if known.

    Returns:
        ``Sentence(start, end, language)`` in order; ``text[start:end]`` is the
        whitespace-stripped sentence.
    """
    if not isinstance(text, str) or not text:
        return []
    document = _known(language) or detect_language(text)
    rules = for_language(document)
    out: list[Sentence] = []
    for line_start, line_end in line_spans(text, joins_next=rules.joins_lines):
        block = text[line_start:line_end]
        block_language = detect_language(block, prior=document)
        if block_language == "und" and _few_letters(block):
            block_language = document
        own = for_language(block_language)
        splitter = own if block_language in _SPLIT_BY_OWN_RULES else rules
        latin = block_language == "en" and latin_only(block)  # then every sentence is en/und
        for start, end in splitter.block_spans(breaks_to_spaces(block)):
            sentence = text[line_start + start : line_start + end]
            code = (
                ("en" if not _few_letters(sentence) else "und")
                if latin
                else (detect_language(sentence, prior=document))
            )
            out.append(
                Sentence(line_start + start, line_start + end,
                         block_language if code == "und" and _few_letters(sentence) else code)
            )  # fmt: skip
    return out


def sentence_languages(text: str, *, language: str | None = None) -> list[str]:
    """The language of each sentence of ``text`` (see :func:`document_sentences`).

    Args:
        text: a document.
        language: the document's declared language, if known.

    Returns:
        One ISO 639-1 code per sentence, in order.
    """
    return [s.language for s in document_sentences(text, language=language)]
