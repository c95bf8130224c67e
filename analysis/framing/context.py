"""The context of a frame match: is it denied (negation, hedge), is it inside a quotation?

A dictionary match is evidence that a text uses a frame; two contexts change what it is
evidence of:

- **Denial.** "This is not a security issue", "no economic impact", "경제 문제가 아니다",
  "安全保障上の問題ではない" name the frame to deny it. Such a match is marked
  ``is_negated`` and stops counting as evidence (``code_frames`` leaves it out of every
  count). Only *plain* denials count as such, by rules per language that read the words
  right around the match inside its clause:

  - English (before the match): a determiner negation (``no``, ``nor``, ``neither``)
    up to two words before it ("no real economic impact"; not "no stronger allies", a
    comparative, and not "without": "without accountability" evokes the frame); or ``not`` /
    ``n't`` / ``never`` / ``hardly`` / ``far from`` followed by an article or a framing
    word ("not a", "not about the", "hardly an", "not primarily"): "did not protest"
    (a verb right after the negator) is a reported event, not a denial of the frame, and
    still counts; and "nothing to do with", "rather than", "instead of". "Not only",
    "not just", "no doubt", "no less", "no matter" are not denials.
  - Korean (after the match, in its clause): a copula or existential negation, ``아니다``
    / ``아닌`` / ``아니라`` / ``아닙니다`` ..., ``없다`` / ``없는`` ..., or ``무관`` /
    ``관계없`` / ``상관없``, within a few characters ("경제 문제가 아니다", "경제적
    영향은 없다"). ``뿐(만) 아니라`` ("not only") and questions (``아닌가``, ``아닐까``)
    are not denials.
  - Japanese (after the match, in its clause): ``ではない`` / ``ではなく`` /
    ``ではありません`` / ``じゃない`` ..., ``はない`` / ``もない`` / ``がない`` ...,
    ``とは無関係`` / ``関係ない``. ``だけでなく`` / ``のみならず`` ("not only") and
    rhetorical ``ではないか`` are not denials.

- **Quotation.** A match inside quotation marks reports what someone else said.
  ``in_quote`` marks it, so a researcher can count a text's own framing apart from the
  framing it reports; it still counts as evidence (coders code quoted framing too).
  Quotation spans come from the language layer (``analysis.lang.quote_spans``) when it
  is installed; otherwise from the paired marks below.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

__all__ = ["is_denied", "quote_spans", "in_spans"]

# A clause ends at these; the negation window never crosses them.
_CLAUSE_END = re.compile(
    r"[.,;:!?\n\u3002\uff01\uff1f()\[\]\u2014]|\bbut\b|\bhowever\b|\byet\b", re.I
)
_WINDOW = 60  # characters looked at on each side of a match

_EN_NOT_DENIALS = re.compile(
    r"\b(?:not|n['\u2019]t)\s+(?:only|just|merely|simply|least|to\s+mention)\b"
    r"|\bno\s+(?:doubt|less|more|fewer|matter|wonder|sooner|better|greater)\b"
    r"|\bno\s+(?!longer\b)[a-z]+er\b",  # comparatives: "no stronger allies", "no other"
    re.I,
)
_EN_DENIAL = re.compile(
    r"(?:"
    r"\b(?:no|nor|neither|zero)\s+(?:[\w'-]+\s+){0,2}"
    r"|(?:\bnot|n['\u2019]t|\bnever|\bhardly|\bscarcely|\bbarely|\bfar\s+from)\s+"
    r"(?:(?:a|an|the|any|about|really|primarily|mainly|mostly|purely|strictly|chiefly|"
    r"necessarily|seen\s+as|considered|treated\s+as|regarded\s+as|of)\s+){1,3}(?:[\w'-]+\s+)?"
    r"|\bnothing\s+to\s+do\s+with\s+(?:the\s+|any\s+|an?\s+)?(?:[\w'-]+\s+)?"
    r"|\blittle\s+to\s+do\s+with\s+(?:the\s+|any\s+|an?\s+)?(?:[\w'-]+\s+)?"
    r"|\b(?:rather\s+than|instead\s+of)\s+(?:the\s+|an?\s+)?(?:[\w'-]+\s+)?"
    r")$",
    re.I,
)
_HAN_KANA = "\u4e00-\u9fff\u30a0-\u30ff\u30fc"
_KO_DENIAL = re.compile(
    r"^(?:적|상|적인|의)?(?:\s+[가-힣]{1,5}?)?(?:이|가|은|는|도)\s*"
    r"(?:아(?:니다|닌(?!가|지)|니라|니며|니고|닙니다|니었)|없(?:다|는|었|으며|고|습니다|어))"
    r"|^(?:와|과)(?:는)?\s*(?:무관|관계없|상관없|관계가\s*없)"
)
_KO_NOT_ONLY = re.compile(r"^[^.,;:!?\n]{0,14}?뿐(?:만)?\s*(?:이\s*)?아니라")
_JA_DENIAL = re.compile(
    rf"^[{_HAN_KANA}]{{0,4}}(?:(?:への|との|での|の|な|に関する|をめぐる)[{_HAN_KANA}]{{1,8}})?"
    r"(?:では|じゃ|でも|で|は|も|が)(?:ない|なく|なかった|ありません|無い|無く)(?!か|だろう|でしょう)"
    r"|^(?:とは|と)(?:無関係|関係(?:が|は)?(?:ない|なく|ありません))"
)
_JA_NOT_ONLY = re.compile(
    r"^[^\u3002\uff01\uff1f!?\n\u3001]{0,14}?(?:だけでなく|のみならず|ばかりでなく)"
)


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - _WINDOW) : start]
    cut = 0
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    return window[cut:]


_EN_HINT = re.compile(
    r"\b(?:no|nor|neither|zero|not|never|hardly|scarcely|barely|far|nothing|little|rather|"
    r"instead)\b|n['\u2019]t\b",
    re.I,
)


def _denied_en(text: str, start: int, end: int) -> bool:
    if not _EN_HINT.search(text, max(0, start - _WINDOW), start):
        return False  # no negator nearby: the common case, decided without the clause rules
    before = _clause_before(text, start)
    if not before.strip() and not before:
        return False
    words = before if before.endswith((" ", "\t")) else before + " "
    if _EN_NOT_DENIALS.search(words[-40:]):
        return False
    return bool(_EN_DENIAL.search(words))


def _denied_after(text: str, end: int, denial: re.Pattern, not_only: re.Pattern) -> bool:
    after = text[end : end + _WINDOW]
    if not_only.search(after):
        return False
    return bool(denial.search(after))


_DENIAL_RULES: dict[str, Callable[[str, int, int], bool]] = {
    "en": _denied_en,
    "ko": lambda text, start, end: _denied_after(text, end, _KO_DENIAL, _KO_NOT_ONLY),
    "ja": lambda text, start, end: _denied_after(text, end, _JA_DENIAL, _JA_NOT_ONLY),
}


def is_denied(text: str, start: int, end: int, language: str | None = "en") -> bool:
    """Whether the match ``text[start:end]`` is plainly denied by its clause.

    Args:
        text: the whole document (or sentence) text.
        start: offset of the match in ``text``.
        end: end offset of the match.
        language: ``en``, ``ko`` or ``ja``; any other language (or None) is read with the
            English rules when the match is in Latin script, else never denied.

    Returns:
        True when a negation or hedge rule of the module docstring applies.
    """
    rule = _DENIAL_RULES.get(language or "")
    if rule is None:
        rule = _denied_en if text[start:end].isascii() else None
    return bool(rule and rule(text, start, end))


# Opening mark -> closing marks. Straight double quotes pair with themselves.
_QUOTE_PAIRS = {
    "\u201c": "\u201d",  # “ ”
    '"': '"',
    "\u300c": "\u300d",  # 「 」
    "\u300e": "\u300f",  # 『 』
    "\u00ab": "\u00bb",  # « »
}
_MAX_QUOTE = 2000  # an unclosed mark never swallows the rest of a long text


_OPENERS = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")


def _fallback_quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    end = 0
    for m in _OPENERS.finditer(text):
        i = m.start()
        if i < end:
            continue  # inside the previous quotation
        j = text.find(_QUOTE_PAIRS[m.group()], i + 1, min(len(text), i + 1 + _MAX_QUOTE))
        if j >= 0:
            spans.append((i, j + 1))
            end = j + 1
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the quotations in ``text`` (marks included).

    Uses ``analysis.lang.quote_spans`` when the language layer provides it; otherwise
    pairs “…”, "…", 「…」, 『…』 and «…» (an opening mark without a closing one within
    2,000 characters opens no quotation). Single quotes are not read as quotation
    marks: they are also apostrophes.

    Args:
        text: any text.

    Returns:
        Sorted, non-overlapping spans.
    """
    layer = _language_layer_quotes()
    if layer is None:
        return _fallback_quote_spans(text)
    return sorted((int(s), int(e)) for s, e in layer(text))


@functools.cache
def _language_layer_quotes() -> Callable[[str], list] | None:
    try:
        from analysis.lang import quote_spans as lang_quote_spans  # the language layer
    except ImportError:
        return None
    return lang_quote_spans


def in_spans(start: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``start`` lies inside one of the sorted ``spans``."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= start:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= start < spans[lo][1]
