"""analysis.duplicates: exact and near-duplicate flags (wire copies), never dropped."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from analysis.duplicates import exclude_duplicates, flag_duplicates
from analysis.pagedump import parse_page_dump


def _jaccard(a: str, b: str) -> float:
    """Exact Jaccard of word 5-gram sets: the quantity MinHash estimates."""

    def grams(text):
        words = re.findall(r"[^\W_]+", text.casefold())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y)


@pytest.fixture(scope="module")
def wire(seed_path):
    return parse_page_dump(seed_path.read_text(encoding="utf-8"), source=seed_path.name)["text"]


@pytest.fixture(scope="module")
def republished(wire):
    """The AP story as another outlet would run it: edits, a cut last paragraph."""
    paragraphs = wire.split("\n")[:-1]
    text = "\n".join(paragraphs)
    text = text.replace("announced Thursday", "announced on Thursday")
    text = text.replace("a US push", "a U.S. push")
    return text.replace("30-minute meeting", "half-hour meeting")


@pytest.fixture()
def docs(wire, republished):
    return pd.DataFrame(
        {
            "doc_id": ["other-outlet", "business-standard", "unrelated", "exact-copy"],
            "title": ["Seoul and Tokyo leaders meet in New York", "Leaders agree", "Trade", "X"],
            "outlet": ["Example Herald", "Business Standard", "MOFA Japan", "Aggregator"],
            "text": [
                republished,
                wire,
                "Japan removed the Republic of Korea from its list of trusted trading partners "
                "after a public comment period, the ministry said in a statement on Friday.",
                "  " + wire.upper().replace("\n", "\n\n") + " ",  # case and spacing only
            ],
            "published": pd.to_datetime(["2022-09-23", "2022-09-22", "2019-08-02", None]),
        }
    )


def test_wire_copy_flagged_with_first_copy_by_date(docs, wire, republished):
    out = flag_duplicates(docs)
    assert out["is_duplicate"].tolist() == [True, False, False, True]
    # the republished copy comes first in the file but a day later: the original is first
    assert out["duplicate_of"].tolist()[0] == "business-standard"
    assert out["duplicate_of"].tolist()[3] == "business-standard"
    assert out["duplicate_of"].isna().tolist() == [False, True, True, False]
    expected = _jaccard(republished, wire)
    assert 0.85 <= expected < 1.0  # hand-checkable: 3 edits and a cut paragraph
    assert out["duplicate_similarity"].iat[0] == pytest.approx(expected, abs=0.1)
    assert out["duplicate_similarity"].iat[3] == 1.0  # exact after normalisation
    assert np.isnan(out["duplicate_similarity"].iat[1])


def test_dtypes_and_columns(docs):
    out = flag_duplicates(docs)
    assert list(out.columns) == [
        *docs.columns,
        "is_duplicate",
        "duplicate_of",
        "duplicate_similarity",
    ]
    assert out["is_duplicate"].dtype == "boolean"
    assert out["duplicate_of"].dtype == "string"
    assert out["duplicate_similarity"].dtype == "float64"


def test_input_not_mutated(docs):
    before = docs.copy(deep=True)
    flag_duplicates(docs)
    exclude_duplicates(docs)
    pdt.assert_frame_equal(docs, before)


def test_without_dates_input_order_decides(docs):
    out = flag_duplicates(docs.drop(columns="published"))
    assert out["duplicate_of"].tolist()[1] == "other-outlet"
    assert out["duplicate_of"].tolist()[3] == "other-outlet"


def test_missing_date_sorts_last(docs):
    undated_first = docs.iloc[[3, 1]].reset_index(drop=True)
    out = flag_duplicates(undated_first)
    assert out["duplicate_of"].tolist()[0] == "business-standard"


def test_high_threshold_keeps_only_exact_copies(docs):
    out = flag_duplicates(docs, threshold=1.0)
    assert out["is_duplicate"].tolist() == [False, False, False, True]


@pytest.mark.parametrize(
    ("n_changed", "flagged"),
    [(0, True), (2, True), (40, False), (150, False)],
)
def test_near_duplicate_threshold_on_designed_edits(n_changed, flagged):
    rng = np.random.default_rng(7)
    base = [f"w{int(i)}" for i in rng.integers(0, 5000, 300)]
    copy = list(base)
    for pos in rng.choice(300, n_changed, replace=False):
        copy[pos] = f"new{pos}"
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": [" ".join(base), " ".join(copy)]})
    out = flag_duplicates(frame)
    assert bool(out["is_duplicate"].iat[1]) is flagged
    if flagged:
        exact = _jaccard(" ".join(base), " ".join(copy))
        assert out["duplicate_similarity"].iat[1] == pytest.approx(exact, abs=0.1)


def test_texts_without_words_are_not_near_duplicates():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["!!!", "???", "!!!"]})
    out = flag_duplicates(frame)
    assert out["is_duplicate"].tolist() == [False, False, True]  # only the exact copy


def test_short_texts_and_cjk():
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": [
                "Seoul",
                "Tokyo",
                "日本と韓国の首脳が会談した",
                "日本と韓国の首脳が会談した。",
            ],
        }
    )
    out = flag_duplicates(frame)
    assert out["is_duplicate"].tolist() == [False, False, False, True]
    assert out["duplicate_of"].iat[3] == "c"


def test_every_copy_points_to_the_first_copy():
    rng = np.random.default_rng(3)
    base = [f"w{int(i)}" for i in rng.integers(0, 5000, 400)]
    b = list(base)
    b[100] = "x1"
    c = list(b)
    c[300] = "x2"
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [" ".join(t) for t in (base, b, c)]})
    out = flag_duplicates(frame)
    assert out["duplicate_of"].tolist()[1:] == ["a", "a"]


def test_exclude_duplicates_drops_only_flagged(docs):
    kept = exclude_duplicates(docs)
    assert kept["doc_id"].tolist() == ["business-standard", "unrelated"]
    assert list(kept.columns) == list(docs.columns)
    flagged = flag_duplicates(docs)
    assert exclude_duplicates(flagged)["doc_id"].tolist() == ["business-standard", "unrelated"]


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_bad_threshold(docs, threshold):
    with pytest.raises(ValueError, match="threshold must be in"):
        flag_duplicates(docs, threshold=threshold)


def test_missing_columns_named():
    with pytest.raises(ValueError, match=r"missing column\(s\) \['text'\].*found: \['doc_id'\]"):
        flag_duplicates(pd.DataFrame({"doc_id": ["a"]}))


def test_deterministic(docs):
    pdt.assert_frame_equal(flag_duplicates(docs), flag_duplicates(docs))


def test_empty_frame():
    empty = pd.DataFrame(
        {"doc_id": pd.Series([], dtype="string"), "text": pd.Series([], dtype="string")}
    )
    out = flag_duplicates(empty)
    assert out.empty
    assert list(out.columns) == [
        "doc_id",
        "text",
        "is_duplicate",
        "duplicate_of",
        "duplicate_similarity",
    ]
