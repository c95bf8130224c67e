"""Korean and Japanese terms in codebooks: term syntax, NFKC offsets, per-language validation.

Sentences marked "real" are short quotations of published news or official texts; the
source is given beside each. The others are labelled as constructed.
"""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.codebooks import (
    CodebookError,
    TermMatcher,
    load_codebook,
    nfkc_with_offsets,
    term_pattern,
)


def matches(terms: list[str], text: str, exclusions: list[str] | None = None) -> list[str]:
    found = TermMatcher.build([("k", terms, [], exclusions or [])]).find(text)
    return [m[4] for m in found]


# --- the term syntax in Korean and Japanese -----------------------------------------

KOREAN_SPACING = [
    # Korean spacing: a space in a term matches any run of spaces or none.
    (["수출 규제"], "일본의 수출규제 조치", ["수출규제"]),
    (["수출 규제"], "일본의 수출 규제 조치", ["수출 규제"]),
    (["수출 규제"], "일본의 수출  규제", ["수출  규제"]),
    # Without a space in the term only that spelling matches.
    (["수출규제"], "일본의 수출 규제 조치", []),
    # Particles attach on the right, compounds on the left: no boundary at Hangul edges.
    (["독도"], "독도는 우리 땅", ["독도"]),
    (["정상회담"], "한일정상회담을 열었다", ["정상회담"]),
    # A Latin term inside Korean and Japanese text: only Latin letters are word characters.
    (["GSOMIA"], "GSOMIA를 종료하기로", ["GSOMIA"]),
    (["GSOMIA"], "日韓GSOMIAの破棄", ["GSOMIA"]),
    (["GSOMIA"], "GSOMIAs", []),
    (["WTO"], "WTO에 제소했다", ["WTO"]),
    # Japanese: no spaces, compounds attach on both sides.
    (["輸出規制"], "半導体材料の輸出規制強化", ["輸出規制"]),
    (["輸出 管理"], "輸出管理を厳格化", ["輸出管理"]),
    # Leftmost, then longest: 元徴用工 is not split into a shorter term found later.
    (["徴用工", "元徴用工"], "元徴用工訴訟", ["元徴用工"]),
]


@pytest.mark.parametrize(("terms", "text", "expected"), KOREAN_SPACING)
def test_korean_and_japanese_term_syntax(terms, text, expected):
    assert matches(terms, text) == expected


def test_star_after_korean_or_japanese_is_an_error():
    with pytest.raises(ValueError, match="only after a Latin letter"):
        term_pattern("독도*")
    with pytest.raises(ValueError, match="only after a Latin letter"):
        term_pattern("竹島*")
    assert term_pattern("export control*").endswith("*")


def test_exclusions_in_korean():
    # constructed: "the summit" (정상회담) of the two Koreas is not a Korea-Japan summit
    assert matches(["정상회담"], "남북 정상회담 이후", ["남북 정상회담"]) == []
    assert matches(["정상회담"], "한일 정상회담 이후", ["남북 정상회담"]) == ["정상회담"]


# --- NFKC normalisation with offsets into the raw text ------------------------------

NFKC_CASES = [
    # full-width Latin (common in Japanese text) and half-width katakana
    (["GSOMIA"], "日韓ＧＳＯＭＩＡの延長", "ＧＳＯＭＩＡ"),
    (["ホワイト国"], "ﾎﾜｲﾄ国から除外", "ﾎﾜｲﾄ国"),
    # half-width katakana with a voiced mark: two raw characters, one normalised
    (["ガイドライン"], "新ｶﾞｲﾄﾞﾗｲﾝ", "ｶﾞｲﾄﾞﾗｲﾝ"),
    # a ligature in English text
    (["fluorinated polyimide"], "ﬂuorinated polyimide exports", "ﬂuorinated polyimide"),
]


@pytest.mark.parametrize(("terms", "text", "raw"), NFKC_CASES)
def test_nfkc_matches_map_back_to_the_raw_text(terms, text, raw):
    [(_, _, start, end, match)] = TermMatcher.build([("k", terms, [], [])]).find(text)
    assert match == raw
    assert text[start:end] == raw


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aｶﾞﾞ가ᄀ\u1161\u11a8ＡＢ…ﬁ①独島 ー\u3099"), max_size=30))
def test_nfkc_offsets_cover_the_normalised_text(text):
    norm, starts, ends = nfkc_with_offsets(text)
    assert norm == unicodedata.normalize("NFKC", text)
    assert len(starts) == len(ends) == len(norm)
    for i in range(len(norm)):
        assert 0 <= starts[i] < ends[i] <= len(text)
        # the raw segment normalises to a string holding this character
        assert norm[i] in unicodedata.normalize("NFKC", text[starts[i] : ends[i]])


# --- the bundled codebooks in three languages -----------------------------------------

# Real sentences (short quotations, source beside each) and the frame each must hit.
REAL_SENTENCES = [
    (
        "kj_frames",
        "diplomacy",
        # Mainichi Shimbun, 2024-05-26, mainichi.jp/articles/20240526/k00/00m/030/148000c
        "韓国・ソウルを訪問している岸田文雄首相は26日、尹錫悦(ユン・ソンニョル)大統領と"
        "大統領府で約50分間、会談した。",
    ),
    (
        "kj_frames",
        "history",
        # Yomiuri Shimbun report of 2023-03-16 (copy at makunouchibento.com/archives/120496)
        "元徴用工(旧朝鮮半島出身労働者)訴訟問題の解決策については、"
        "「日韓関係を健全な関係に戻すためのものとして評価している」と語った。",
    ),
    (
        "kj_frames",
        "security",
        # NHK, 2024-05-26 (copy at datazoo.jp/w/岸田文雄/64663516)
        "北朝鮮情勢を巡り国連の安全保障理事会の場も含めた今後の対応で連携を強化していく",
    ),
    (
        "kj_frames",
        "alliance",
        # NHK, 2024-05-26 (as above)
        "日米韓3か国の関係をさらに進展させていくことでも一致したものと見られる。",
    ),
]


@pytest.mark.parametrize(("codebook", "frame", "sentence"), REAL_SENTENCES)
def test_bundled_codebooks_code_real_japanese_sentences(codebook, frame, sentence):
    found = {m[0] for m in load_codebook(codebook).find(sentence)}
    assert frame in found


@pytest.mark.parametrize("name", ["kj_frames", "generic_frames", "policy_frames"])
def test_bundled_codebooks_cover_three_languages(name):
    cb = load_codebook(name)
    assert cb.languages == ("en", "ko", "ja")
    for frame in cb.frames:
        assert frame.translations["ko"].terms and frame.translations["ja"].terms, frame.id


def test_korean_false_friends_are_not_frame_evidence():
    # constructed: 핵심 ("core") is not 핵 ("nuclear"); 일제히 ("all at once") is not 일제
    cb = load_codebook("kj_frames")
    found = cb.find("양국은 핵심 과제에 일제히 합의했다")
    assert [m for m in found if m[0] in ("security", "history")] == []


# --- validation of per-language terms --------------------------------------------------

FRAME = "name: bad\nframes:\n  - {{id: a, label: A, description: d, terms: [x], {extra}}}\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BAD = [
    ("ko: []", "bad.yaml: entry 1 (id 'a'), field 'ko': no terms (leave the key out instead)"),
    ("ko: [독도, '  ']", "bad.yaml: entry 1 (id 'a'), field 'ko', field 'terms': empty pattern"),
    ("ja: [竹島*]", "field 'ja', field 'terms': bad term '竹島*': '*' only after a Latin"),
    ("ko: [竹島は]", "field 'ko': term '竹島は' has kana: is it in the wrong list?"),
    ("ja: [독도]", "field 'ja': term '독도' has Hangul: is it in the wrong list?"),
    ("ko: {terms: [독도], colour: red}", "field 'ko', field 'colour': unknown key"),
    ("ko: {regex: ['(']}", "field 'ko', field 'terms': missing required key"),
    ("ko: {terms: [독도], regex: ['(']}", "field 'ko', field 'regex': bad regex '('"),
    ("ko: 독도", "field 'ko': expected list of str or dict, got str"),
]


@pytest.mark.parametrize(("extra", "message"), BAD)
def test_bad_language_terms_are_one_line_errors(tmp_path, extra, message):
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, FRAME.format(extra=extra)))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_language_must_cover_every_frame(tmp_path):
    text = """\
    name: partial
    frames:
      - {id: a, label: A, description: d, terms: [trade], ko: [무역]}
      - {id: b, label: B, description: d, terms: [court]}
    """
    with pytest.raises(CodebookError, match="frames b: no 'ko' terms while other frames have"):
        load_codebook(write(tmp_path, text))


def test_language_terms_join_the_frame(tmp_path):
    text = """\
    name: two
    frames:
      - id: economy
        label: Economy
        description: trade
        terms: [export control*]
        ko: {terms: [수출 규제], exclusions: [수출 규제 완화]}
        ja: [輸出規制, 輸出管理]
    """
    cb = load_codebook(write(tmp_path, text))
    assert cb.languages == ("en", "ko", "ja")
    assert cb.frame("economy").translations["ko"].exclusions == ("수출 규제 완화",)
    # constructed sentences
    assert [m[4] for m in cb.find("수출규제 강화와 수출 규제 완화")] == ["수출규제"]
    assert [m[4] for m in cb.find("輸出管理の厳格化")] == ["輸出管理"]
