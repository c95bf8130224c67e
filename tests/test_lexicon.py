"""analysis.sentiment.lexicon: plug-in polarity lexicons with negation and the domain stop list.

Sentences are real: NSMC reviews (CC0) and Economy Watchers comments (CC BY 4.0)
shipped in data/validation, and news-style sentences on the 2022-23 summits.
The two lexicons in tests/data were written for these tests.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import config
from analysis.codebooks.schema import CodebookError
from analysis.sentiment.lexicon import (
    LEXICON_COLUMNS,
    lexicon_hits,
    read_lexicon,
    score_with_lexicon,
    stop_words,
)

DATA = config.PROJECT_ROOT / "tests" / "data"
KO = read_lexicon(DATA / "lexicon_ko.tsv", language="ko")
JA = read_lexicon(DATA / "lexicon_ja.tsv", language="ja")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("배우들 연기는 두말할 필요없이 훌륭하다", [("훌륭하다", 2.0, False)]),  # NSMC
        ("구성도 독창적이지 못하다.", [("독창적", -1.0, True)]),  # NSMC: 못하다 after
        ("진부하고 뻔하다.", [("진부하다", -1.0, False), ("뻔하다", -1.0, False)]),  # NSMC
        ("관계가 좋지 않았다.", [("좋다", -1.0, True)]),  # 않다 after
        ("관계가 안 좋다.", [("좋다", -1.0, True)]),  # 안 before
        ("큰 문제가 없다.", [("문제", 1.0, True)]),  # 없다 after a negative noun
        ("좋은 사람이 없다.", [("좋다", 1.0, False)]),  # 없다 belongs to 사람, not 좋다
        ("양국 정상은 관계 개선에 공감했다.", [("개선", 1.0, False)]),  # 정상 = summit: stop list
        ("가슴이 벅차다", []),  # 가슴 이 벅차다: the particle breaks the two-word term
        ("가슴 벅차다", [("가슴 벅차다", 2.0, False)]),
    ],
)
def test_korean_hits_with_negation_and_stop_list(text, expected):
    assert lexicon_hits(text, KO, language="ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("実感的にやや良くなっている。", [("良い", 1.0, False)]),  # Economy Watchers
        ("売上が全然届いていない。", [("届く", -1.0, True)]),  # EW: ない after いる
        ("日韓関係は改善しなかった。", [("改善", -1.0, True)]),  # する + なかっ
        ("それは問題ではない。", [("問題", 1.0, True)]),  # で + は + ない
        ("増加を認めず、減少した。", [("増加", 1.0, False), ("減少", -1.0, False)]),
        ("良い関係ではない。", [("良い", 1.0, False)]),  # ない follows 関係, not 良い
        ("尹錫悦大統領は好調だと述べた。", [("好調", 1.0, False)]),  # 大統領 stop-listed
    ],
)
def test_japanese_hits_with_negation_and_stop_list(text, expected):
    assert lexicon_hits(text, JA, language="ja") == expected


def test_score_with_lexicon_known_answers_and_schema():
    texts = pd.Series(["관계가 좋지 않았다. 쓰레기 같은 영화다.", "훌륭하다", None, "평범하다"])
    before = texts.copy()
    scores = score_with_lexicon(texts, KO, language="ko")
    pd.testing.assert_series_equal(texts, before)  # input not mutated
    assert list(scores.columns) == LEXICON_COLUMNS
    # hits: 좋다 negated -1, 쓰레기 -2 -> mean -1.5, divided by max |polarity| 2
    assert scores.loc[0, "lexicon_polarity"] == pytest.approx(-0.75)
    assert scores.loc[0, ["n_lexicon_hits", "n_negative", "n_negated"]].tolist() == [2, 2, 1]
    assert scores.loc[0, "lexicon_terms"] == "¬좋다:-1.00; 쓰레기:-2.00"
    assert scores.loc[1, "lexicon_polarity"] == pytest.approx(1.0)
    assert math.isnan(scores.loc[2, "lexicon_polarity"]) and scores.loc[2, "n_tokens"] == 0
    assert math.isnan(scores.loc[3, "lexicon_polarity"])  # no hit: NaN, never 0
    unnegated = score_with_lexicon(texts, KO, language="ko", negation=False)
    assert unnegated.loc[0, "lexicon_polarity"] == pytest.approx(-0.25)  # (+1 - 2) / 2 / 2


def test_japanese_labels_and_pos_constraint():
    scores = score_with_lexicon(["売上は好調で、来客数も増加している。"], JA, language="ja")
    assert scores.loc[0, "lexicon_polarity"] == pytest.approx(1.0)
    assert scores.loc[0, "n_positive"] == 2
    # the Korean entry 개선 needs tag NNG: Kiwi tags 개선 in 개선하다 as NNG too
    assert [h[0] for h in lexicon_hits("관계를 개선하다", KO, language="ko")] == ["개선"]


def test_stop_list_is_data_with_reasons():
    assert {"정상", "대통령"} <= stop_words("ko")
    assert {"悦", "大統領"} <= stop_words("ja")
    assert ("정상",) not in KO.entries  # dropped at load time
    assert ("悦",) not in JA.entries


def test_lexicon_read_for_one_language_refuses_another():
    with pytest.raises(ValueError, match="read for language 'ko', not 'ja'"):
        score_with_lexicon(["良い"], KO, language="ja")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("term\tscore\n좋다\t1\n", r"missing column\(s\) polarity; found \['term', 'score'\]"),
        ("term\tpolarity\n좋다\tgood\n", r"row 2, field 'polarity': 'good' is not a number"),
        ("term\tpolarity\n\t1\n", r"row 2, field 'term': empty"),
        ("# c\nterm\tpolarity\n좋다\t1\n나쁘다\tnan\n", r"row 4, field 'polarity': 'nan' is not"),
        ("term\tpolarity\tlanguage\n良い\t1\tja\n", r"no entries for language 'ko'"),
    ],
)
def test_bad_lexicon_files_name_file_row_and_field(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        read_lexicon(path, language="ko")
    assert path.read_text(encoding="utf-8") == content  # input never modified


def test_csv_lexicon_and_english_negation(tmp_path):
    path = tmp_path / "en.csv"
    path.write_text("term,polarity\nGood,1\nsupreme,1\nfailure,-1\n", encoding="utf-8")
    lexicon = read_lexicon(path, language="en")
    hits = lexicon_hits(
        "The talks were not good. The Supreme Court ruling was a failure.", lexicon, language="en"
    )
    assert hits == [("good", -1.0, True), ("failure", -1.0, False)]  # supreme: stop list
