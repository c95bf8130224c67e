"""How a text uses a variant it contains: as its own word, as a gloss, or in a quotation.

``usage`` of a mention (``classify_usage``), in this order:

``gloss``  the variant is introduced as another party's name, in any of the three
           languages: "Dokdo, which Japan calls Takeshima", "the islets, called
           Takeshima in Japan", "what Tokyo calls 'former civilian workers'", "so-called",
           "known in Japan as"; 일본이 다케시마라고 부르는, 다케시마로 불리는, 일본명 다케시마,
           이른바; 韓国が独島と呼ぶ, 竹島（韓国名・独島）, いわゆる. A variant in brackets right
           after another variant of the same referent ("East Sea (Sea of Japan)",
           元徴用工（旧朝鮮半島出身労働者）) glosses it (``TermList.find`` checks that).
``quote``  inside a quotation (``analysis.lang.quote_spans``: “ ”, " ", ‘ ’, 「 」, 『 』,
           « », and ' ' around Korean or Japanese): a quoted speaker's word or a term
           the writer holds at a distance (the ‘whitelist’, '강제징용').
``own``    everything else: the text's own choice of name.

The patterns look only at the characters just before and after the mention, inside its
sentence (``sentence_bounds``).
"""

from __future__ import annotations

import re

from analysis.lang import quote_spans

__all__ = ["USAGES", "classify_usage", "sentence_bounds"]

USAGES = ("own", "gloss", "quote")

_OPEN_Q = "\"'\u201c\u2018\u300c\u300e\u00ab"
_PARTY_EN = (
    r"(?:the\s+)?(?:Japan(?:ese)?|(?:South\s+)?Korea(?:ns?)?|Seoul|Tokyo|North\s+Korea|ROK"
    r"|Pyongyang|China|Beijing|the\s+Koreans|the\s+Japanese)"
)
_WORDS = r"(?:[\w.\-\u2019']+\s+){1,4}"
_BEFORE = [
    # which Japan calls | what Tokyo calls | that the Japanese government refers to as
    rf"\b(?:which|what|that|whom)\s+{_WORDS}(?:calls?|called|names?|terms?|labels?"
    r"|refers?\s+to\s+as|referred\s+to\s+as|describes?\s+as)\s+(?:it\s+|them\s+)?$",
    # known in Japan as | called by Korea
    rf"\b(?:called|known|referred\s+to|named)\s+(?:in|by)\s+{_PARTY_EN}\s+as\s+$",
    # Japan calls them | Seoul calls | Tokyo refers to it as
    rf"{_PARTY_EN}\s+(?:calls?|called|refers?\s+to\s+(?:it|them)\s+as)\s+(?:it\s+|them\s+)?$",
    r"\bso[\s\-]called\s+$",
    r"\((?:Japanese|Korean)\s+name:?\s*$",
    # Korean: 일본명 다케시마, 일본식 명칭 다케시마 / 이른바
    r"(?:일본|한국|북한|중국)(?:명|식\s*명칭|식\s*표기|\s*이름|측\s*명칭|어로)\s*[:·]?\s*$",
    r"이른바\s*$",
    # Japanese: 韓国名・独島, 韓国側の呼称で / いわゆる
    r"(?:韓国|日本|北朝鮮|中国)(?:名|側呼称|側の呼称|での呼称|の呼称|語で)で?\s*[・:：]?\s*$",
    r"いわゆる\s*$",
]
_AFTER = [
    # Takeshima in Japanese (the language named; "called X in Japan" is checked apart)
    r"^,?\s+in\s+(?:Japanese|Korean)\b(?!\s+(?:waters|territory|government|media|press))",
    # Takeshima, as Japan calls them
    rf"^,?\s+as\s+{_WORDS}(?:calls?|call|refers?\s+to)\s+(?:it|them)\b",
    # 다케시마라고 부르는, 다케시마로 불리는, 다케시마라 칭하는
    r"^\s*(?:이?라고|이?라|으?로)\s*(?:부르|부른|불리|불린|불러|칭하|칭한|칭해|표기|명명)",
    # 独島と呼ぶ, 独島と呼ばれる, 独島と称する, 独島と呼称される
    r"^\s*(?:と|とも)\s*(?:呼ぶ|呼ば|呼ん|呼び|呼称|称す|称し|称さ|表記)",
    # 独島（竹島の韓国名）, Dokdo (the Korean name)
    r"^\s*\([^)]{0,20}(?:の(?:韓国|日本|北朝鮮)(?:名|での呼称)|(?:Korean|Japanese)\s+name)\)",
    # Dokdo by South Korea (a party naming it; not "by South Korea's president", "by the
    # Japanese army")
    rf"^,?\s+by\s+{_PARTY_EN}(?=\s*(?:[,.;:)\]]|and\b|or\b|while\b|$))",
]
_BEFORE_RX = re.compile("|".join(f"(?:{p})" for p in _BEFORE))
_AFTER_RX = re.compile("|".join(f"(?:{p})" for p in _AFTER))
# 'called' / 'known as' earlier in the clause is a gloss when a party follows the name:
# "called Takeshima in Japan", "known as Dokdo in South Korea and Takeshima in Japan".
_CALLED = re.compile(r"\b(?:called|known\s+as|referred\s+to\s+as|dubbed|named)\s+[^.;:]*$")
_PARTY_AFTER = re.compile(
    rf"^,?\s+(?:in|by)\s+{_PARTY_EN}(?=\s*(?:[,.;:)\]]|and\b|or\b|while\b|$))"
)
# A bracket right after the mention ("다케시마(일본어: 竹島)라 부르며") is skipped.
_LEADING_BRACKET = re.compile(r"^\s*\([^()]{0,40}\)")
_CLOSE_Q = re.compile("^[\"'\u201d\u2019\u300d\u300f\u00bb]")
_OPEN_Q_END = re.compile(f"[{_OPEN_Q}]$")
_WINDOW = 80

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "no", "vs", "h.e", "e.g", "i.e"}
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9\u3131-\ud7af])"
    r"|(?<=[\u3002\uff01\uff1f])[\u300d\u300f\"\u201d]*\s*|\n\s*"
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``[start, end)`` (a light splitter, no model).

    Ends a sentence at ``.``, ``!``, ``?`` followed by a space and an upper-case letter,
    digit or Hangul (not after a single capital letter, "U.S.", nor after "Mr." and the
    like), at ``。！？`` and at line breaks.

    Returns:
        ``(sentence_start, sentence_end)`` offsets into ``text``.
    """
    lo, hi = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.group() and _is_abbreviation(text, m.start()):
            continue
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _is_abbreviation(text: str, at: int) -> bool:
    if at == 0 or text[at - 1] != ".":
        return False
    word = re.search(r"([\w.]+)\.$", text[max(0, at - 12) : at])
    if word is None:
        return False
    token = word.group(1)
    return len(token) == 1 or "." in token or token.lower() in _ABBREVIATIONS


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < start and end <= e for s, e in spans)


def classify_usage(
    text: str, start: int, end: int, *, quotes: list[tuple[int, int]] | None = None
) -> str:
    """``own``, ``gloss`` or ``quote`` for the mention ``text[start:end]`` (module docstring).

    Args:
        text: the text (NFKC-normalised or raw: the patterns hold for both).
        start, end: the mention's offsets.
        quotes: ``quote_spans(text)`` if already computed.

    Returns:
        One of ``USAGES``.
    """
    lo, hi = sentence_bounds(text, start, end)
    before = text[max(lo, start - _WINDOW) : start]
    after = text[end : min(hi, end + _WINDOW)]
    bare_before = _OPEN_Q_END.sub("", before)
    bare_after = _CLOSE_Q.sub("", after)
    if _BEFORE_RX.search(bare_before) or _AFTER_RX.match(bare_after):
        return "gloss"
    if _AFTER_RX.match(_LEADING_BRACKET.sub("", bare_after, count=1)):
        return "gloss"
    if _CALLED.search(bare_before[-60:]) and _PARTY_AFTER.match(bare_after):
        return "gloss"
    spans = quote_spans(text) if quotes is None else quotes
    return "quote" if _in_spans(spans, start, end) else "own"
