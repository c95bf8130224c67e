"""Speed-ups that must not change a result: each fast path equals the slow one on real text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.framing.coding import _is_word, count_words
from analysis.lang import for_language
from analysis.validation_sets import read_validation_set

EXTRA = " \u2122 \u2460 Jose\u0301 ＧＳＯＭＩＡ"


@pytest.fixture(scope="module")
def english_texts() -> list[str]:
    """Real English: NFC articles whole, NewsMTSC and NYT sentences, and edited copies."""
    nfc = read_validation_set("nfc", split="all")["text"].astype(str).tolist()
    mtsc = read_validation_set("newsmtsc", split="all")["text"].astype(str).head(300).tolist()
    nyt = read_validation_set("nyt_editorial", split="all")["text"].astype(str).head(300).tolist()
    edited = [
        # NFKC changes these: no-break spaces, a ligature, a trademark sign (not a word
        # itself, but "TM" after NFKC), circled digits, a decomposed accent, full width
        t.replace(" ", "\u00a0", 3).replace("fi", "\ufb01", 1) + EXTRA
        for t in nfc[:30]
    ]
    return nfc + mtsc + nyt + edited


def _token_count(text: str) -> int:
    return sum(1 for token in for_language("en").tokens(text) if _is_word(token))


def test_count_words_equals_the_token_count_on_real_english(english_texts):
    fast = [count_words(t, "en") for t in english_texts]
    assert fast == [_token_count(t) for t in english_texts]
    assert sum(fast) > 100_000  # real articles, not a handful of words


def test_count_words_trademark_sign_is_not_a_word():
    # "™" becomes "TM" under NFKC: a token, but its raw surface holds no letter
    assert count_words("Samsung\u2122 phones", "en") == _token_count("Samsung\u2122 phones") == 2
    assert count_words("Japan ™ Korea", "en") == 2
    assert count_words(pd.NA, "en") == 0
