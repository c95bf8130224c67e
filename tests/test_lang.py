"""analysis.lang: the interface, detection with context, per-sentence language, normalisation."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lang import (
    Language,
    Sentence,
    Token,
    detect_language,
    document_sentences,
    for_language,
    normalise,
    normalise_with_offsets,
    sentence_languages,
)
from analysis.lang.base import QUOTE_MAP


@pytest.mark.parametrize(
    ("code", "expected_code", "expected_class"),
    [
        ("en", "en", "English"),
        ("ko", "ko", "Korean"),
        ("ja", "ja", "Japanese"),
        (" JA ", "ja", "Japanese"),
        ("zh", "xx", "Language"),
        ("und", "xx", "Language"),
        (None, "xx", "Language"),
        (float("nan"), "xx", "Language"),
    ],
)
def test_for_language(code, expected_code, expected_class):
    language = for_language(code)
    assert isinstance(language, Language)
    assert language.code == expected_code
    assert type(language).__name__ == expected_class
    assert for_language(code) is language  # one shared instance


def test_stop_words_are_data_per_language():
    assert {"the", "and", "of"} <= for_language("en").stop_words
    assert {"은", "는", "것", "하다"} <= for_language("ko").stop_words
    assert {"の", "は", "する", "こと"} <= for_language("ja").stop_words
    assert for_language("zh").stop_words == frozenset()
    assert "japan" not in for_language("en").stop_words  # content words stay in


@pytest.mark.parametrize(
    ("text", "prior", "expected"),
    [
        ("竹島問題", None, "ja"),  # the Japanese name 竹島
        ("日韓首脳会談", None, "ja"),  # 脳 is written only in Japanese (腦 / 脑)
        ("輸出管理の厳格化", None, "ja"),  # kana
        ("韓日關係", None, "zh"),  # traditional forms, no context: script says Chinese
        ("韓日關係", "ko", "ko"),  # ... in a Korean document: Korean hanja
        ("韓日關係", "ja", "ja"),
        ("中国外交部发言人表示欢迎", "ja", "zh"),  # simplified-only forms beat the prior
        ("日韓首脳会談", "ko", "ja"),  # Japanese-only forms beat the prior
        ("尹錫悦 대통령과 岸田文雄 총리", None, "ko"),  # Hangul 6 of 12 letters: hanja count for ko
        ("尹錫悦大統領", "en", "zh"),  # an English prior says nothing about Han
        ("Yoon met Kishida", "ja", "en"),  # the prior only decides Han-only text
    ],
)
def test_detect_language_han_only_and_prior(text, prior, expected):
    assert detect_language(text, prior=prior) == expected


def test_document_sentences_english_article_with_japanese_headline():
    text = (
        "日韓首脳会談、関係改善で一致\n\n"
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol "
        "in New York. The two leaders agreed to improve ties."
    )
    sentences = document_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "日韓首脳会談、関係改善で一致",
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol "
        "in New York.",
        "The two leaders agreed to improve ties.",
    ]
    assert [s.language for s in sentences] == ["ja", "en", "en"]
    assert all(isinstance(s, Sentence) for s in sentences)


def test_document_sentences_korean_article_quoting_english():
    text = (
        "韓日關係 개선 속도\n"
        "윤석열 대통령은 16일 도쿄에서 기시다 후미오 일본 총리와 정상회담을 했다.\n"
        "The leaders agreed to resume shuttle diplomacy. They met for 90 minutes.\n"
        "양국 정상은 셔틀 외교를 복원하기로 합의했다고 대통령실이 밝혔다.\n"
        "(2023.3.16)"
    )
    sentences = document_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "韓日關係 개선 속도",
        "윤석열 대통령은 16일 도쿄에서 기시다 후미오 일본 총리와 정상회담을 했다.",
        "The leaders agreed to resume shuttle diplomacy.",
        "They met for 90 minutes.",
        "양국 정상은 셔틀 외교를 복원하기로 합의했다고 대통령실이 밝혔다.",
        "(2023.3.16)",
    ]
    assert detect_language(text) == "ko"
    # the dateline has no letters: it takes its block's language (the document's)
    assert [s.language for s in sentences] == ["ko", "ko", "en", "en", "ko", "ko"]
    assert sentence_languages(text) == ["ko", "ko", "en", "en", "ko", "ko"]


def test_all_kanji_headline_takes_the_document_prior():
    text = "韓日關係\n\n한일 관계가 개선되고 있다. 양국 정상은 다시 만났다."
    assert sentence_languages(text) == ["ko", "ko", "ko"]
    assert sentence_languages(text, language="ja") == ["ja", "ko", "ko"]


def test_declared_language_chooses_the_rules():
    text = "岸田首相は「協力する。」と述べた。"
    assert len(document_sentences(text, language="ja")) == 1
    assert len(document_sentences(text, language=None)) == 1  # detected: ja
    assert document_sentences("", language="ja") == []
    assert document_sentences(None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korea\u2019s \u201cfuture\u201d", 'Korea\'s "future"'),
        ("  a\t\tb\n\nc\u00a0d  ", "a b c d"),
        ("Cafe\u0301", "Caf\u00e9"),
        ("\uff27\uff33\uff2f\uff2d\uff29\uff21\u3000\uff12\uff10\uff11\uff19", "GSOMIA 2019"),
        ("\uff76\uff9e\uff72\uff91\uff7c\uff6e\uff73", "\u30ac\u30a4\u30e0\u30b7\u30e7\u30a6"),
        ("\u3231 \u2460 \ufb01", "(\u682a) 1 fi"),
        ("\u1100\u1161\u11a8", "\uac01"),  # conjoining jamo -> one syllable
        ("\u2033double prime", '"double prime'),  # quotes before NFKC (not two primes)
        ("\u300c\u7af9\u5cf6\u300d\u2014\u30fb", "\u300c\u7af9\u5cf6\u300d\u2014\u30fb"),
        ("", ""),
    ],
)
def test_normalise_known_answers(text, expected):
    assert normalise(text) == expected
    assert for_language("ja").normalise(text) == expected  # the same in every language
    assert normalise_with_offsets(text)[0] == expected


def test_normalise_with_offsets_maps_back_into_the_raw_text():
    raw = "岸田首相は２２日、「ＧＳＯＭＩＡ」\u3000を  評価"
    folded, offsets = normalise_with_offsets(raw)
    assert folded == "岸田首相は22日、「GSOMIA」 を 評価"
    start = folded.index("GSOMIA")
    end = start + len("GSOMIA")
    assert raw[offsets[start] : offsets[end - 1] + 1] == "ＧＳＯＭＩＡ"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_normalise_property_offsets_and_nfkc(text):
    folded, offsets = normalise_with_offsets(text)
    assert folded == normalise(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    reference = " ".join(unicodedata.normalize("NFKC", text.translate(QUOTE_MAP)).split())
    assert folded == reference  # unit-by-unit NFKC equals NFKC of the whole text


def test_tokens_interface_in_every_language():
    for code, text in [("en", "Japan's talks"), ("ko", "관계가 좋다"), ("ja", "関係が良い")]:
        tokens = for_language(code).tokens(text)
        assert tokens and all(isinstance(t, Token) for t in tokens)
        assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert [t.base for t in for_language("zh").tokens("中国外交部 said")] == [
        "中", "国", "外", "交", "部", "said",
    ]  # fmt: skip


def test_english_only_work_does_not_import_kiwi_or_sudachi():
    code = (
        "import sys\n"
        "from analysis.text import sentence_table, tokenize\n"
        "from analysis.lang import for_language, detect_language\n"
        "import pandas as pd\n"
        "sentence_table(pd.DataFrame({'doc_id': ['a'], 'text': ['The talks ended. Fine.']}))\n"
        "tokenize('The talks'); detect_language('The talks')\n"
        "print(sorted(m for m in ('kiwipiepy', 'sudachipy') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


_CJK_PROSE = st.lists(
    st.sampled_from(
        ["岸田首相は", "「協力する。」", "と述べた。", "（東京都）", "！", "？", "．", "20.2", "\n",
         "\n\n", " ", "\u3000", "『", "」", "윤 대통령은", "말했다.", '"좋다"', "The end.", "。"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@pytest.mark.parametrize(("code", "examples"), [("ja", 300), ("xx", 300), ("ko", 40)])
def test_sentence_spans_property_every_language(code, examples):
    language = for_language(code)

    @settings(max_examples=examples, deadline=None)
    @given(st.one_of(_CJK_PROSE, st.text(max_size=120)))
    def check(text):
        previous = 0
        for start, end in language.sentence_spans(text):
            assert previous <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
            previous = end
        assert "".join("".join(text[s:e] for s, e in language.sentence_spans(text)).split()) == (
            "".join(text.split())
        )  # nothing but whitespace is ever dropped

    check()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_tokenize_is_the_bases_of_english_tokens(text):
    from analysis.text import tokenize

    tokens = for_language("en").tokens(text)
    assert tokenize(text) == [t.base for t in tokens]
    assert all(text[t.start : t.end] == t.surface and t.surface for t in tokens)
