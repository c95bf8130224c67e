"""analysis.lang.ko: Korean sentences (Kiwi) and lemmatised tokens, on real sentences.

Review sentences are from the NSMC corpus shipped in data/validation (CC0); the
news sentences follow the wording of Korean wire reports of the 2022-23 summits.
"""

from __future__ import annotations

import pytest

from analysis.lang import for_language

KO = for_language("ko")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # NSMC review (CC0), no final full stop
            "가족들 관계에서 생기는 복잡미묘한 심리를 세심하게 표현해낸 것 같다. "
            "오랜만에 많은 생각이 드는 영화를 만났다. 배우들 연기는 두말할 필요없이 훌륭하다",
            [
                "가족들 관계에서 생기는 복잡미묘한 심리를 세심하게 표현해낸 것 같다.",
                "오랜만에 많은 생각이 드는 영화를 만났다.",
                "배우들 연기는 두말할 필요없이 훌륭하다",
            ],
        ),
        (  # NSMC review (CC0): an ellipsis glued to the next word ends a sentence
            "일단 재미가 없고...의미어쩌고 하는데 진부하고 뻔하다. 구성도 독창적이지 못하다. "
            "한마디로 쓰레기같은 영화다.",
            [
                "일단 재미가 없고...",
                "의미어쩌고 하는데 진부하고 뻔하다.",
                "구성도 독창적이지 못하다.",
                "한마디로 쓰레기같은 영화다.",
            ],
        ),
        (  # news: a quotation stays with its speech verb; the headline line stands alone
            "윤석열 대통령은 21일(현지시간) 뉴욕에서 기시다 후미오 일본 총리와 약식 회담을 했다. "
            '김은혜 홍보수석은 "양 정상은 현안을 해결해 양국 관계를 개선할 필요성에 공감했다"고 '
            "밝혔다.\n\n한일 정상회담 2년 9개월 만에 열려\n"
            '외교부 당국자는 "일본 측의 성의 있는 호응을 기대한다"며 "아직 갈 길이 멀다"고 말했다.',
            [
                "윤석열 대통령은 21일(현지시간) 뉴욕에서 기시다 후미오 일본 총리와 "
                "약식 회담을 했다.",
                '김은혜 홍보수석은 "양 정상은 현안을 해결해 양국 관계를 개선할 필요성에 '
                '공감했다"고 밝혔다.',
                "한일 정상회담 2년 9개월 만에 열려",
                '외교부 당국자는 "일본 측의 성의 있는 호응을 기대한다"며 "아직 갈 길이 멀다"고 '
                "말했다.",
            ],
        ),
        (  # a quoted statement of two sentences is one sentence with its verb
            '그는 "일본은 사과해야 한다. 그렇지 않으면 안 된다"고 말했다. 다음 문장.',
            ['그는 "일본은 사과해야 한다. 그렇지 않으면 안 된다"고 말했다.', "다음 문장."],
        ),
        ("", []),
        (" \n ", []),
    ],
)
def test_korean_sentences_known_answers(text, expected):
    assert KO.sentences(text) == expected
    spans = KO.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected


def test_korean_offsets_survive_astral_characters():
    text = "😀 윤석열 대통령은 말했다. 그렇다."  # an emoji is two UTF-16 units
    assert KO.sentences(text) == ["😀 윤석열 대통령은 말했다.", "그렇다."]


def test_korean_long_line_is_split_in_pieces():
    text = "한일 관계가 개선됐다. " * 2_000  # 24,000 characters on one line
    sentences = KO.sentences(text)
    assert len(sentences) >= 2_000
    assert all(text.find(s) >= 0 for s in sentences[:5])


def test_korean_tokens_lemmas_and_tags():
    text = "관계가 강하게 개선되지 않았다."
    tokens = KO.tokens(text)
    assert [(t.surface, t.base, t.pos) for t in tokens] == [
        ("관계", "관계", "NNG"),
        ("가", "가", "JKS"),
        ("강하", "강하다", "VA"),  # 강하게 -> 강하다
        ("게", "게", "EC"),
        ("개선", "개선", "NNG"),
        ("되", "되", "XSV"),
        ("지", "지", "EC"),
        ("않", "않다", "VX"),
        ("았", "었", "EP"),
        ("다", "다", "EF"),
    ]  # the full stop is not a token
    assert all(text[t.start : t.end] == t.surface for t in tokens)


def test_korean_contracted_syllable_gives_two_tokens_on_one_character():
    tokens = KO.tokens("못 했다")
    assert [(t.surface, t.base, t.pos) for t in tokens] == [
        ("못", "못", "MAG"),
        ("했", "하다", "VV"),
        ("했", "었", "EP"),
        ("다", "다", "EF"),
    ]


def test_korean_tokens_empty():
    assert KO.tokens("") == [] and KO.tokens(None) == [] and KO.tokens("...") == []
