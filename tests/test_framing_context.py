"""Denials and quotations of frame matches: known answers from real sentences, per language.

English sentences are from the sample corpus (data/sample, source in each case). Korean
and Japanese sentences are short real sentences from news and government records, cited
beside each case (the Japanese government lines are the ministers' own words, quoted in
the records named).
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.codebooks import load_codebook
from analysis.framing import code_frames, frame_matches, is_denied, quote_spans

# (language, sentence, term, denied?, source)
CASES = [
    ("en", "Chief Cabinet Secretary Suga told the press separately that the tightening of "
     "controls is not an export ban and that the granting of permission today demonstrates "
     "that Japan is not setting rules arbitrarily.", "export ban", True,
     "U.S. Embassy Tokyo, Japan Media Highlights, 2019-08-08 (sample: jmh-2019-08-08-...)"),
    ("en", "Seko was quoted as saying that the ministry granted permission after confirming "
     "through careful examination that there are no security concerns in exporting the "
     "material.", "security", True, "same source"),
    ("en", "The United States has no stronger allies in the Indo-Pacific than Japan and the "
     "Republic of Korea.", "allies", False,
     "U.S. Embassy Tokyo, statement by Ambassador Emanuel, 2023-03-06 (a comparative)"),
    ("en", "The minister warned, however, that Tokyo could expand the scope of materials "
     "subject to tighter export controls if Seoul's security management of the exports is "
     "inappropriate.", "export controls", False, "Japan Media Highlights, 2019-08-08"),
    ("ko", "아베 총리는, 징용 문제는 역사 문제가 아니라 국가 간의 약속 문제라는 억지주장을 "
     "이어갔습니다.", "역사", True, "KBS News, 2019-07-03, news.kbs.co.kr ncd=4234903"),
    ("ko", "아베 총리는, 징용 문제는 역사 문제가 아니라 국가 간의 약속 문제라는 억지주장을 "
     "이어갔습니다.", "약속", False, "same sentence: the frame after 아니라 is asserted"),
    ("ko", "안전보장을 목적으로 한 수출 관리를 적정하게 실시하기 위해 운용 방침을 수정한 "
     "것으로, 대항조치가 아니다", "대항조치", True,
     "BBS News, 2019-07 (Suga's briefing), news.bbsi.co.kr idxno=944073"),
    ("ko", "안전보장을 목적으로 한 수출 관리를 적정하게 실시하기 위해 운용 방침을 수정한 "
     "것으로, 대항조치가 아니다", "안전보장", False, "same sentence"),
    ("ko", "일본 정부는 그동안 한국에 대한 수출 규제 조치가 무역 보복이 아닌 자국 안보를 위한 "
     "수출관리 제도 운용의 일환이라고 주장해왔다.", "보복", True,
     "Aju Business Daily, 2019-07-19, ajunews.com/view/20190719113205585"),
    ("ko", "일본 정부는 그동안 한국에 대한 수출 규제 조치가 무역 보복이 아닌 자국 안보를 위한 "
     "수출관리 제도 운용의 일환이라고 주장해왔다.", "안보", False, "same sentence"),
    ("ja", "対抗措置ではないということは,きちんとご説明をしなければならないと思っております",
     "対抗措置", True, "MOFA Japan, Foreign Minister Kono's press conference, July 2019"),
    ("ja", "今回の見直しは、WTOで認められている安全保障のための輸出管理制度の適切な運用に必要な"
     "見直しであります。", "安全保障", False,
     "METI Japan, Minister Seko's press conference, 2019-07-23"),
    ("ja", "韓国政府は今般の発表の中で,安全保障の文脈において,韓国政府による協定の終了の決定と,"
     "先般の我が国による輸出管理の運用見直しを関連づけておりますが", "安全保障", False,
     "MOFA Japan, Foreign Minister Kono's statement on GSOMIA, 2019-08-23"),
    ("ja", "西村氏は「解除というと、これまで取り組んでいた体制がガラッと変わるようなイメージが"
     "あるが、そうではない」と述べた。", "体制", False,
     "Asahi Shimbun, 2023-03-17, asahi.com ASR3K3T7WR3KUTFK002 (denial in another clause)"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "term", "denied", "source"), CASES)
def test_denials_from_real_sentences(language, sentence, term, denied, source):
    start = sentence.index(term)
    assert is_denied(sentence, start, start + len(term), language) is denied, source


@pytest.mark.parametrize(
    ("sentence", "term", "denied"),
    [
        ("This is not a security issue.", "security", True),
        ("There was no economic impact.", "economic", True),
        ("Japan did not protest the decision.", "protest", False),  # a reported event
        ("It is not only an economic issue but also a moral one.", "economic", False),
        ("No fewer than 30 victims were named.", "victims", False),
        ("It has nothing to do with trade.", "trade", True),
        ("They did not reduce the cost.", "cost", False),
        ("Talks ended, but no, the economy was not discussed.", "economy", False),
    ],
)
def test_english_denial_rules(sentence, term, denied):
    start = sentence.index(term)
    assert is_denied(sentence, start, start + len(term), "en") is denied


@pytest.mark.parametrize(
    ("language", "sentence", "term", "denied"),
    [
        ("ko", "이것은 경제 문제가 아니다.", "경제", True),
        ("ko", "경제적 영향은 없다.", "경제", True),
        ("ko", "경제에는 문제가 없다.", "경제", False),  # the economy is discussed
        ("ko", "경제 문제일 뿐 아니라 안보 문제다.", "경제", False),  # not only
        ("ko", "안보 문제가 아닌가.", "안보", False),  # a question
        ("ja", "これは安全保障上の問題ではない。", "安全保障", True),
        ("ja", "経済への影響はない。", "経済", True),
        ("ja", "経済には問題がない。", "経済", False),
        ("ja", "経済だけでなく安全保障の問題だ。", "経済", False),  # not only
        ("ja", "経済問題ではないか。", "経済", False),  # rhetorical
    ],
)
def test_korean_japanese_denial_rules(language, sentence, term, denied):
    start = sentence.index(term)
    assert is_denied(sentence, start, start + len(term), language) is denied


def test_quote_spans_pair_the_marks_of_three_languages():
    text = 'He said “the economy is fine”, 「経済」 and "bad".'
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["“the economy is fine”", "「経済」", '"bad"']


def test_fallback_quote_spans_never_open_an_unclosed_mark():
    from analysis.framing.context import _fallback_quote_spans

    text = "He said “fine” and then “ an unclosed mark."
    assert [text[s:e] for s, e in _fallback_quote_spans(text)] == ["“fine”"]


CODEBOOK = """\
name: tiny
frames:
  - id: eco
    label: Economy
    description: trade
    terms: [export ban, economy]
  - id: hist
    label: History
    description: the past and its commitments
    terms: [history, 역사, 약속]
"""


@pytest.fixture()
def codebook(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return load_codebook(path)


def test_denied_matches_are_listed_but_not_counted(codebook):
    docs = pd.DataFrame(
        {
            "doc_id": ["en", "ko"],
            "text": [
                "“The step we took recently is not an export ban.” The economy matters.",
                "아베 총리는, 징용 문제는 역사 문제가 아니라 국가 간의 약속 문제라는 억지주장을 "
                "이어갔습니다.",  # KBS News, 2019-07-03
            ],  # no language column: detected per document (en, ko), every document coded
        }
    )
    before = docs.copy()
    matches = frame_matches(docs, codebook)
    assert matches[["doc_id", "match", "in_quote", "is_negated"]].values.tolist() == [
        ["en", "export ban", True, True],
        ["en", "economy", False, False],
        ["ko", "역사", False, True],
        ["ko", "약속", False, False],
    ]
    coded = code_frames(docs, codebook, decision="any").set_index(["doc_id", "frame"])
    assert coded.loc[("en", "eco"), ["n_matches", "n_negated", "n_quoted"]].tolist() == [1, 1, 0]
    assert coded.loc[("ko", "hist"), ["n_matches", "n_negated", "present"]].tolist() == [1, 1, 1]
    assert coded.loc[("ko", "hist"), "matched_terms"] == "약속"
    assert_frame_equal(docs, before)


BBS = (
    '스가 장관은 정례 브리핑에서 "안전보장을 목적으로 한 수출 관리를 적정하게 실시하기 '
    '위해 운용 방침을 수정한 것으로, 대항조치가 아니다"라며 기존 주장을 되풀이했습니다.'
)
QUOTED = [
    ("en", "“The step we took recently is not an export ban.” Last month, Japan placed "
     "restrictions on exports.", "export ban", True, "VOA Learning English, 2019-08-08 (sample)"),
    ("en", "“The step we took recently is not an export ban.” Last month, Japan placed "
     "restrictions on exports.", "exports", False, "same source, the reporter's own words"),
    ("ko", BBS, "대항조치", True, "BBS News, 2019-07, news.bbsi.co.kr idxno=944073"),
    ("ko", BBS, "정례 브리핑", False, "same sentence"),
    ("ja", "西村氏は「解除というと、これまで取り組んでいた体制がガラッと変わるようなイメージが"
     "あるが、そうではない」と述べた。", "解除", True, "Asahi Shimbun, 2023-03-17"),
    ("ja", "西村氏は「解除というと、これまで取り組んでいた体制がガラッと変わるようなイメージが"
     "あるが、そうではない」と述べた。", "述べた", False, "same sentence"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "term", "quoted", "source"), QUOTED)
def test_quotations_from_real_sentences(language, sentence, term, quoted, source):
    from analysis.framing.context import in_spans

    assert in_spans(sentence.index(term), quote_spans(sentence)) is quoted, source
