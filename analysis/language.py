"""Language detection from Unicode scripts: a re-export of ``analysis.lang``'s detection.

The rules are documented in ``analysis.lang.detect``; this module stays so that
``from analysis.language import detect_language`` keeps working.
"""

from __future__ import annotations

from analysis.lang.detect import (
    HANGUL_SHARE_FOR_KOREAN,
    KANA_SHARE_FOR_JAPANESE,
    MAX_CHARS,
    MIN_LETTERS,
    SCRIPTS,
    detect_language,
    han_language,
    script_shares,
)

__all__ = [
    "HANGUL_SHARE_FOR_KOREAN",
    "KANA_SHARE_FOR_JAPANESE",
    "MAX_CHARS",
    "MIN_LETTERS",
    "SCRIPTS",
    "detect_language",
    "han_language",
    "script_shares",
]
