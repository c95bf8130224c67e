"""Weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008) and KWIC lines."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.distinctive import count_terms, distinctive_terms, kwic, load_stopwords

TINY = pd.DataFrame(
    {
        "doc_id": ["a1", "b1", "c1"],
        "text": ["Apple apple banana.", "banana cherry", "2019"],
        "side": ["A", "B", "C"],
    }
)


def test_log_odds_known_answer_corpus_prior():
    # Corpus counts (all three documents; "2019" has no letter and is dropped):
    # apple 2, banana 2, cherry 1 -> alpha_w = corpus counts, alpha0 = 5.
    # Group A: apple 2, banana 1 (n_a = 3); group B: banana 1, cherry 1 (n_b = 2).
    # apple:  log((2+2)/(3+5-2-2)) - log((0+2)/(2+5-0-2)) = log(1) - log(2/5) = 0.916291
    #         var = 1/4 + 1/2 = 0.75 -> z = 0.916291 / sqrt(0.75) = 1.058041
    # banana: log(3/5) - log(3/4) = -0.223144; var = 1/3 + 1/3 -> z = -0.273293
    # cherry: log((0+1)/(3+5-0-1)) - log((1+1)/(2+5-1-1)) = log(1/7) - log(2/5) = -1.029619
    #         var = 1/1 + 1/2 = 1.5 -> z = -0.840681
    before = TINY.copy()
    table = distinctive_terms(TINY, by="side", group_a="A", group_b="B", min_count=1, stopwords=())
    pd.testing.assert_frame_equal(TINY, before)
    assert list(table.columns) == ["term", "n_a", "n_b", "log_odds", "z_score"]
    assert table["term"].tolist() == ["apple", "banana", "cherry"]
    assert table["n_a"].tolist() == [2, 1, 0] and table["n_b"].tolist() == [0, 1, 1]
    expected_delta = [
        math.log(1) - math.log(2 / 5),
        math.log(3 / 5) - math.log(3 / 4),
        math.log(1 / 7) - math.log(2 / 5),
    ]
    assert table["log_odds"].tolist() == pytest.approx(expected_delta)
    assert table["z_score"].tolist() == pytest.approx([1.058041, -0.273293, -0.840681], abs=1e-6)


def test_log_odds_uniform_prior_and_scaled_corpus_prior():
    # Uniform, alpha0 = 3 over 3 terms -> alpha_w = 1.
    # apple: log(3/(3+3-2-1)) - log(1/(2+3-0-1)) = log(1) - log(1/4) = 1.386294
    table = distinctive_terms(
        TINY,
        by="side",
        group_a="A",
        group_b="B",
        prior="uniform",
        alpha0=3,
        min_count=1,
        stopwords=(),
    ).set_index("term")
    assert table.loc["apple", "log_odds"] == pytest.approx(math.log(4))
    assert table.loc["apple", "z_score"] == pytest.approx(math.log(4) / math.sqrt(1 / 3 + 1))
    # Corpus prior rescaled to alpha0 = 10: apple alpha = 10 * 2/5 = 4.
    # apple: log(6/(3+10-2-4)) - log(4/(2+10-0-4)) = log(6/7) - log(1/2)
    scaled = distinctive_terms(
        TINY, by="side", group_a="A", group_b="B", alpha0=10, min_count=1, stopwords=()
    ).set_index("term")
    assert scaled.loc["apple", "log_odds"] == pytest.approx(math.log(6 / 7) - math.log(1 / 2))


def test_min_count_and_stopwords():
    docs = pd.DataFrame({"text": ["the apple and the apple", "the pear"], "g": ["x", "y"]})
    table = distinctive_terms(docs, by="g", group_a="x", group_b="y", min_count=2)
    assert table["term"].tolist() == ["apple"]  # "the", "and" are stopwords; pear < 2
    assert "the" in load_stopwords() and "japan" not in load_stopwords()
    assert count_terms(["The 2019 apples, the"], stopwords={"the"}) == {"apples": 1}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"group_a": "Z"}, r"no rows with side == 'Z'; found \['A', 'B', 'C'\]"),
        ({"prior": "flat"}, r"^prior must be one of: corpus, uniform; got 'flat'$"),
        ({"alpha0": 0}, "alpha0 must be positive"),
        ({"by": "country"}, r"^distinctive_terms: missing required column\(s\) 'country'; found"),
    ],
)
def test_distinctive_terms_rejects_bad_options(options, message):
    kwargs = {"by": "side", "group_a": "A", "group_b": "B", **options}
    with pytest.raises(ValueError, match=message):
        distinctive_terms(TINY, **kwargs)


def test_kwic_lines():
    docs = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "text": ["Talks on the comfort-women issue\nresumed.", None]}
    )
    before = docs.copy()
    lines = kwic(docs, "comfort women", width=8)
    pd.testing.assert_frame_equal(docs, before)
    expected = pd.DataFrame(
        {"doc_id": ["d1"], "left": [" on the "], "match": ["comfort-women"], "right": [" issue r"]}
    )
    pd.testing.assert_frame_equal(lines, expected)
    assert kwic(docs, "comfort", width=3)["right"].tolist() == ["-wo"]
    assert kwic(docs, "Women").empty is False and kwic(docs, "wome").empty


def test_kwic_rejects_bad_input():
    with pytest.raises(ValueError, match="width must be >= 0"):
        kwic(TINY, "apple", width=-1)
    with pytest.raises(ValueError, match="missing required column"):
        kwic(TINY.drop(columns="doc_id"), "apple")
