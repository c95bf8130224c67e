"""analysis.language: script-based language detection (known answers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.language import MAX_CHARS, detect_language, script_shares


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders of South Korea and Japan agreed to accelerate efforts.", "en"),
        ("한국과 일본의 정상이 뉴욕에서 만났다.", "ko"),
        ("日本と韓国の首脳がニューヨークで会談した。", "ja"),
        ("日本国外務省は声明を発表", "ja"),  # 2 kana of 12 letters: kana share 0.17 >= 0.10
        ("中国外交部发言人表示欢迎", "zh"),  # Han only
        ("Привет, мир", "und"),  # Cyrillic: another script
        ("12345 !!! 2022-09-22", "und"),  # no letters
        ("・・・ ゛゜", "und"),  # katakana middle dots and sound marks are not letters
        ("ab", "und"),  # fewer than MIN_LETTERS letters
        ("", "und"),
        ("Yoon said 한국 in Seoul", "en"),  # 13 Latin letters vs 2 Hangul
        ("윤석열 대통령은 기시다 총리와 회담했다 (Yoon)", "ko"),  # 15 Hangul vs 4 Latin
    ],
)
def test_detect_language_known_answers(text, expected):
    assert detect_language(text) == expected


def test_script_shares_known_answer():
    shares = script_shares("abc한국 123!")
    assert shares == pytest.approx(
        {"hangul": 0.4, "kana": 0.0, "han": 0.0, "latin": 0.6, "other": 0.0}
    )


def test_script_shares_without_letters_are_zero():
    assert script_shares("123 ...") == dict.fromkeys(
        ["hangul", "kana", "han", "latin", "other"], 0.0
    )


def test_japanese_kana_and_han_both_count_for_japanese():
    shares = script_shares("日本と韓国")  # 4 Han, 1 kana
    assert shares["han"] == pytest.approx(0.8)
    assert shares["kana"] == pytest.approx(0.2)
    assert detect_language("日本と韓国") == "ja"


def test_only_the_first_max_chars_are_read():
    text = "a" * MAX_CHARS + "한" * (MAX_CHARS * 2)
    assert detect_language(text) == "en"
    assert script_shares(text)["latin"] == 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_known_code_and_shares_sum_to_one(text):
    assert detect_language(text) in {"en", "ko", "ja", "zh", "und"}
    total = sum(script_shares(text).values())
    assert total == pytest.approx(1.0) or total == 0.0


@pytest.mark.parametrize(
    ("text", "latin", "hangul"),
    [("Café “Seoul”", 1.0, 0.0), ("Café 한", 0.8, 0.2)],  # Latin-only fast path and full path
)
def test_latin_letters_with_accents_count_the_same_on_both_paths(text, latin, hangul):
    shares = script_shares(text)
    assert shares["latin"] == pytest.approx(latin)
    assert shares["hangul"] == pytest.approx(hangul)
