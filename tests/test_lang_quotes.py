"""analysis.lang.quote_spans: quotations in English, Korean and Japanese typography."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lang import quote_spans


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # curly double quotes; apostrophes are not quotes
            "Kishida said \u201cJapan\u2019s position has not changed\u201d on Thursday.",
            ["\u201cJapan\u2019s position has not changed\u201d"],
        ),
        (  # straight double quotes, two quotations
            'He called it "historic" and "long overdue".',
            ['"historic"', '"long overdue"'],
        ),
        (  # curly single quotes where unambiguous; nested inside double
            "The \u2018comfort women\u2019 deal. "
            "\u201cWe call it \u2018final\u2019,\u201d he said.",
            ["\u2018comfort women\u2019", "\u201cWe call it \u2018final\u2019,\u201d"],
        ),
        (  # possessive plural apostrophe after a single-quoted term is not a closer
            "the countries\u2019 views on \u2018history\u2019 differ",
            ["\u2018history\u2019"],
        ),
        (  # straight single quotes in English are apostrophes: left out
            "Korea's 'final' answer",
            [],
        ),
        (  # Korean: straight single and double quotes around Hangul
            "정부는 '제3자 변제' 해법을 발표했다. 박진 장관은 \"물컵의 반\"이라고 말했다.",
            ["'제3자 변제'", '"물컵의 반"'],
        ),
        (  # Japanese brackets, nested 『』 inside 「」
            "首相は「『未来志向』の関係を築く」と述べ、「協力する」と語った。",
            ["「『未来志向』の関係を築く」", "「協力する」"],
        ),
        (  # an open double quote runs to the end of its paragraph, not beyond
            "\u201cWe will keep talking.\nThe next paragraph.",
            ["\u201cWe will keep talking."],
        ),
        (  # an open single quote is dropped
            "in the \u201880s the talks",
            [],
        ),
        ("", []),
        (None, []),
    ],
)
def test_quote_spans_known_answers(text, expected):
    assert quoted(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 한「」『』“”‘’\"'\n.", max_size=80))
def test_quote_spans_property(text):
    spans = quote_spans(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert "\n" not in text[start:end]
        previous = end
