"""analysis.lang.ja: Japanese sentences (。！？ outside brackets) and Sudachi tokens.

Comments are from the Economy Watchers Survey shipped in data/validation
(Cabinet Office, CC BY 4.0); the quotation is from the 2015 Japan-ROK foreign
ministers' announcement in MOFA's wording (full-width commas as MOFA writes
them), set in a reporting sentence written for the test.
"""

from __future__ import annotations

import pytest

from analysis.lang import for_language
from analysis.lang.ja import protected_intervals

JA = for_language("ja")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # Economy Watchers: a quotation inside a sentence
            "当店は観光地に立地しているが、観光客がものすごい勢いで増加している。"
            "当店の客が口々に「客の来場が多くなって、とにかく忙しい」と言っている。"
            "実感的にやや良くなっている。",
            [
                "当店は観光地に立地しているが、観光客がものすごい勢いで増加している。",
                "当店の客が口々に「客の来場が多くなって、とにかく忙しい」と言っている。",
                "実感的にやや良くなっている。",
            ],
        ),
        (  # Economy Watchers: the bracketed prefecture belongs to its sentence
            "昼間のタクシー利用客は全く増えていない。都心のサラリーマン客が増えていないため、"
            "乗車の比重がサラリーマン客から下町等の客に移ってきている（東京都）。",
            [
                "昼間のタクシー利用客は全く増えていない。",
                "都心のサラリーマン客が増えていないため、"
                "乗車の比重がサラリーマン客から下町等の客に移ってきている（東京都）。",
            ],
        ),
        (  # Economy Watchers: a decimal point is not a sentence end
            "令和元年５月と比べると売上が20.2％となっている（東京都）。10月も非常に悪い。客が来ない。",
            [
                "令和元年５月と比べると売上が20.2％となっている（東京都）。",
                "10月も非常に悪い。",
                "客が来ない。",
            ],
        ),
        (  # MOFA 2015: a quoted statement with its own full stop, and a headline line
            "日韓外相会談\n\n岸田外務大臣は「慰安婦問題は，当時の軍の関与の下に，多数の女性の名誉と"
            "尊厳を深く傷つけた問題であり，かかる観点から，日本政府は責任を痛感している。」と述べた。"
            "尹炳世外交部長官は、これを評価した。",
            [
                "日韓外相会談",
                "岸田外務大臣は「慰安婦問題は，当時の軍の関与の下に，多数の女性の名誉と尊厳を深く"
                "傷つけた問題であり，かかる観点から，日本政府は責任を痛感している。」と述べた。",
                "尹炳世外交部長官は、これを評価した。",
            ],
        ),
        (  # exclamation and question marks, full-width and ASCII
            "本当か？そうだ！よかった!? 次へ。",
            ["本当か？", "そうだ！", "よかった!?", "次へ。"],
        ),
        (  # the full stop of official texts, and adjacent quotations
            "両国は協力する．「ありがとう。」「どういたしまして。」",
            ["両国は協力する．", "「ありがとう。」", "「どういたしまして。」"],
        ),
        (  # a stray opening bracket does not swallow the rest of the line
            "「協力する。次に進む。",
            ["「協力する。", "次に進む。"],
        ),
        ("", []),
    ],
)
def test_japanese_sentences_known_answers(text, expected):
    assert JA.sentences(text) == expected


def test_protected_intervals_outermost_and_matched_only():
    block = "a「b『c』d」e（f）g」h"
    assert protected_intervals(block) == [(1, 8), (9, 12)]


def test_japanese_tokens_dictionary_forms():
    text = "日韓関係は改善しなかった。良くない。言いません。"
    tokens = JA.tokens(text)
    assert [(t.surface, t.base, t.pos) for t in tokens] == [
        ("日韓", "日韓", "名詞-普通名詞"),
        ("関係", "関係", "名詞-普通名詞"),
        ("は", "は", "助詞-係助詞"),
        ("改善", "改善", "名詞-普通名詞"),
        ("し", "する", "動詞-非自立可能"),
        ("なかっ", "ない", "助動詞"),
        ("た", "た", "助動詞"),
        ("良く", "良い", "形容詞-非自立可能"),
        ("ない", "ない", "形容詞-非自立可能"),
        ("言い", "言う", "動詞-一般"),
        ("ませ", "ます", "助動詞"),
        ("ん", "ぬ", "助動詞"),
    ]  # punctuation is not a token
    assert all(text[t.start : t.end] == t.surface for t in tokens)


def test_japanese_long_text_is_tokenised_in_chunks():
    text = "日韓関係は改善した。" * 3_000  # 30,000 characters: over Sudachi's input limit
    tokens = JA.tokens(text)
    assert len(tokens) == 3_000 * 6  # 日韓 関係 は 改善 し た
    assert tokens[-1].end == len(text) - 1


def test_japanese_tokens_empty():
    assert JA.tokens("") == [] and JA.tokens(None) == [] and JA.tokens("。、") == []
