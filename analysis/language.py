"""Language of a text from the Unicode scripts of its letters (no models, no downloads).

The corpus only needs to tell English from Korean, Japanese and Chinese, which
their scripts do reliably:

- letters are counted by script: Hangul, kana (hiragana/katakana), Han
  (CJK ideographs), Latin, and any other letter; digits, punctuation and
  spaces are ignored;
- Han letters count for Japanese when kana make up at least
  ``KANA_SHARE_FOR_JAPANESE`` (10 %) of the kana + Han letters (Japanese prose
  mixes both), and for Chinese otherwise;
- the language with the most letters wins (plurality): Hangul -> ``ko``,
  kana (+ Han) -> ``ja``, Han only -> ``zh``, Latin -> ``en``, other scripts
  -> ``und``. Mixed-language text thus gets its majority script;
  ``script_shares`` exposes the mix;
- fewer than ``MIN_LETTERS`` (3) letters -> ``und``.

Latin script is reported as ``en``: the corpus is English-language coverage
and script alone cannot tell English from French. Only the first
``MAX_CHARS`` (200,000) characters are read, so a 10 MB line costs the same
as a long article.
"""

from __future__ import annotations

import re

MIN_LETTERS = 3
KANA_SHARE_FOR_JAPANESE = 0.10
MAX_CHARS = 200_000

SCRIPTS = ("hangul", "kana", "han", "latin", "other")

_PATTERNS = {
    "hangul": re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+"),
    # kana letters only: not the dakuten marks (3099-309c), 30a0 or the middle dot 30fb
    "kana": re.compile(
        r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]+"
    ),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"),
}
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def _script_counts(text: str) -> dict[str, int]:
    sample = text[:MAX_CHARS]
    letters = sum(map(str.isalpha, sample))
    if not _BEYOND_LATIN.search(sample):  # fast path: every letter is Latin
        return {"hangul": 0, "kana": 0, "han": 0, "latin": letters, "other": 0}
    # match runs, not single letters: one list item per word
    counts = {name: sum(map(len, p.findall(sample))) for name, p in _PATTERNS.items()}
    counts["other"] = max(0, letters - sum(counts.values()))
    return counts


def script_shares(text: str) -> dict[str, float]:
    """Share of each script among the letters of ``text``.

    Args:
        text: any string.

    Returns:
        ``{"hangul", "kana", "han", "latin", "other"}`` -> share in [0, 1]
        (all 0.0 when the text has no letters).
    """
    counts = _script_counts(text)
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(SCRIPTS, 0.0)
    return {name: counts[name] / total for name in SCRIPTS}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the majority script of ``text`` (see module docstring).

    Args:
        text: any string.

    Returns:
        One of ``"en"``, ``"ko"``, ``"ja"``, ``"zh"``, ``"und"``.
    """
    counts = _script_counts(text)
    if sum(counts.values()) < MIN_LETTERS:
        return "und"
    kana, han = counts["kana"], counts["han"]
    japanese = kana > 0 and kana >= KANA_SHARE_FOR_JAPANESE * (kana + han)
    scores = {
        "ko": counts["hangul"],
        "ja": kana + (han if japanese else 0),
        "zh": 0 if japanese else han,
        "en": counts["latin"],
        "und": counts["other"],
    }
    return max(scores, key=scores.__getitem__)  # ties: first in this order
