"""The "documents analysed per language" table every report shows (analysis/analysed.py).

Known answers from real sentences: an English news sentence (NewsMTSC), a Korean
review (NSMC) and a Japanese survey comment (Economy Watchers). The English
dictionaries leave the Korean and Japanese documents out; the frame codebooks and
``tone`` read all three.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analysed import analysed_table, readable_documents, show_analysed
from analysis.codebooks import load_codebook
from analysis.corpus import load_corpus
from analysis.framing import code_frames
from analysis.sentiment import score_sentiment

TEXTS = {
    "en": "Japan removed South Korea from its list of trusted trading partners.",
    "ko": "일본 정부의 수출 규제 조치에 대해 외교부는 강한 유감을 표명했다.",
    "ja": "日韓関係の悪化で韓国からの観光客が減り、売上が落ちている。",
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysed") / "three.jsonl"
    rows = [{"id": code, "title": text[:10], "text": text, "outlet_country": "XX"}
            for code, text in TEXTS.items()]  # fmt: skip
    pd.DataFrame(rows).to_json(path, orient="records", lines=True, force_ascii=False)
    return load_corpus(path)


def _row(table: pd.DataFrame, label: str) -> pd.Series:
    return table.set_index("language").loc[label]


def test_the_english_dictionaries_leave_korean_and_japanese_out(docs):
    scores = score_sentiment(docs, engines=["vader"])
    table = analysed_table(docs, scores.loc[scores["vader_compound"].notna(), "doc_id"])
    assert _row(table, "English (en)")["n_unanalysed"] == 0
    assert _row(table, "Korean (ko)")["unanalysed_share"] == 1.0
    assert _row(table, "Japanese (ja)")["n_unanalysed"] == 1
    assert _row(table, "all")[["n_docs", "n_analysed", "n_unanalysed"]].tolist() == [3, 1, 2]


def test_tone_and_the_frame_codebooks_read_all_three(docs):
    scores = score_sentiment(docs, engines=["tone"])
    coded = code_frames(docs, load_codebook("kj_frames"))
    for analysed in (scores.loc[scores["tone"].notna(), "doc_id"], coded["doc_id"]):
        table = analysed_table(docs, analysed)
        assert table["n_unanalysed"].tolist() == [0, 0, 0, 0]
        assert table["unanalysed_share"].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_languages_without_rules_and_blank_texts_are_not_readable():
    docs = pd.DataFrame({"doc_id": ["en", "zh", "blank", "nolang"],
                         "text": [TEXTS["en"], "中国外交部发言人表示。", "  ", TEXTS["ja"]],
                         "language": ["en", "zh", "en", None]})  # fmt: skip
    before = docs.copy()
    assert readable_documents(docs) == ["en"]
    table = analysed_table(docs, readable_documents(docs))
    labels = ["English (en)", "Chinese (zh)", "undetermined (und)", "all"]
    assert table["language"].tolist() == labels
    assert table["n_docs"].tolist() == [2, 1, 1, 4]
    assert table["n_unanalysed"].tolist() == [1, 1, 1, 3]
    pd.testing.assert_frame_equal(docs, before)


def test_an_empty_corpus_has_one_row_and_no_share():
    table = analysed_table(pd.DataFrame({"doc_id": [], "language": []}), [])
    assert table["language"].tolist() == ["all"]
    assert table["n_docs"].tolist() == [0]
    assert table["unanalysed_share"].isna().all()


def test_the_shown_table_names_the_measure(docs):
    shown = show_analysed(docs, ["en"], measure="VADER compound")
    assert "Documents analysed by VADER compound, per language" in shown.data
    assert "Korean (ko)" in shown.data


def test_a_missing_column_is_a_clear_error():
    with pytest.raises(ValueError, match="language"):
        analysed_table(pd.DataFrame({"doc_id": ["a"]}), ["a"])
