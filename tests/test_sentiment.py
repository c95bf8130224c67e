"""Known-answer tests for analysis.sentiment (hand-computed from the two lexicons)."""

from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.sentiment import (
    DOCUMENT_COLUMNS,
    SENTENCE_COLUMNS,
    extreme_sentences,
    format_drivers,
    score_documents_and_sentences,
    score_sentences,
    score_sentiment,
    score_text,
    sentiment_agreement,
    textblob_scores,
    tone_scores,
    vader_scores,
    validation_figures,
)

# Lexicon values used below (textblob en-sentiment.xml, vader_lexicon.txt):
# TextBlob: good p=0.7 s=0.6; very intensity 1.3; great p=0.8 s=0.75; bad p=-0.7.
# VADER: good 1.9, great 3.1, booster "very" +0.293; compound = x / sqrt(x^2 + 15).
TWO = "The summit was great. The talks were very good."


def test_textblob_very_good_hand_computed():
    polarity, subjectivity, assessments = textblob_scores("The talks were very good.")
    assert polarity == pytest.approx(0.7 * 1.3, abs=1e-12)  # 0.91
    assert subjectivity == pytest.approx(0.6 * 1.3, abs=1e-12)  # 0.78
    assert [a[0] for a in assessments] == [("very", "good")]


def test_textblob_negation_hand_computed():
    polarity, _, _ = textblob_scores("It was not bad.")
    assert polarity == pytest.approx(-0.7 * -0.5, abs=1e-12)  # "not bad" = slightly good


def test_vader_hand_computed_with_drivers():
    compound, drivers = vader_scores("The talks were very good.")
    x = 1.9 + 0.293
    assert compound == round(x / math.sqrt(x * x + 15), 4) == 0.4927
    assert [(w, round(v, 3)) for w, v in drivers] == [("good", 2.193)]


def test_score_text_sentence_rows_and_drivers():
    result = score_text("The talks were very good.", language="en")
    (sentence,) = result["sentences"]
    assert sentence["textblob_drivers"] == "very good:+0.91"
    assert sentence["vader_drivers"] == "good:+2.19"
    assert (sentence["start"], sentence["end"]) == (0, 25)


def test_document_level_definitions_hand_computed():
    result = score_text(TWO)
    assert result["language"] == "en" and result["is_scored"] and result["n_sentences"] == 2
    # TextBlob on the whole text: mean of the assessments great (0.8) and very good (0.91)
    assert result["textblob_polarity"] == pytest.approx((0.8 + 0.91) / 2, abs=1e-12)
    assert result["textblob_subjectivity"] == pytest.approx((0.75 + 0.78) / 2, abs=1e-12)
    # VADER: mean of the sentence compounds 3.1/sqrt(3.1^2+15) -> 0.6249 and 0.4927
    assert result["vader_compound"] == pytest.approx((0.6249 + 0.4927) / 2, abs=1e-12)


def test_document_polarity_is_exactly_textblob(sample_corpus_path):
    from analysis.corpus import load_corpus

    docs = load_corpus(sample_corpus_path)
    scores = score_sentiment(docs, engines=["textblob", "vader"])
    assert "tone" not in scores.columns  # only the engines asked for
    for text, polarity, subjectivity in zip(
        docs["text"], scores["textblob_polarity"], scores["textblob_subjectivity"], strict=True
    ):
        expected = TextBlob(text).sentiment
        assert polarity == expected.polarity and subjectivity == expected.subjectivity


def test_vader_compound_equals_polarity_scores_on_nyt(validation_dir):
    """The replayed VADER (for driver words) gives polarity_scores' compound exactly."""
    nyt = pd.read_csv(
        validation_dir / "nyt_editorial_snippets.tsv", sep="\t", header=None,
        names=["id", "rating", "text"], quoting=3,
    )  # fmt: skip
    analyzer = SentimentIntensityAnalyzer()
    texts = [*nyt["text"], "I \u2764\ufe0f this :) but NOT the war!!!", "kind of good", ""]
    mismatches = [t for t in texts if vader_scores(t)[0] != analyzer.polarity_scores(t)["compound"]]
    assert len(texts) >= 5190 and mismatches == []


def _docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.array(["en1", "ko1", "mixed", "empty"], dtype="string"),
            "text": [
                TWO,
                "한국과 일본의 정상회담이 열렸다.",
                "Great news.\n한국어 문장입니다.",
                None,
            ],
            "language": pd.array(["en", "ko", None, None], dtype="string"),
        }
    )


def test_score_sentiment_document_table(caplog):
    docs = _docs()
    before = docs.copy()
    with caplog.at_level(logging.WARNING, logger="analysis.sentiment"):
        table = score_sentiment(docs)
    pd.testing.assert_frame_equal(docs, before)  # input not mutated
    assert list(table.columns) == DOCUMENT_COLUMNS
    assert table["is_scored"].tolist() == [True, True, True, False]  # tone scores Korean
    assert table["language"].tolist() == ["en", "ko", "en", "und"]
    assert table["n_sentences"].tolist() == [2, 1, 2, 0]
    korean = table.iloc[1]
    assert all(math.isnan(korean[c]) for c in ("textblob_polarity", "vader_compound"))
    assert -1 <= korean["tone"] <= 1
    # mixed: only the English sentence enters the VADER mean; both enter tone's
    assert table.loc[2, "vader_compound"] == vader_scores("Great news.")[0]
    both = tone_scores(["Great news.", "한국어 문장입니다."])
    assert table.loc[2, "tone"] == pytest.approx(both.mean(), abs=1e-12)
    assert math.isnan(table.loc[3, "tone"])  # no text: nothing to score is not neutral
    assert "1 of 4 documents not scored (no engine covers the language, or no text)" in caplog.text
    assert "{'und': 1}" in caplog.text


def test_dictionary_engines_only_keep_the_old_contract():
    table = score_sentiment(_docs(), engines="textblob,vader")
    assert "tone" not in table.columns
    assert table["is_scored"].tolist() == [True, False, True, False]


def test_english_without_text_is_not_scored():
    result = score_text("", language="en")
    assert result["is_scored"] is False and math.isnan(result["textblob_polarity"])
    assert result["n_sentences"] == 0


def test_score_sentences_table():
    docs = _docs()
    before = docs.copy()
    table = score_sentences(docs)
    pd.testing.assert_frame_equal(docs, before)
    assert list(table.columns) == SENTENCE_COLUMNS
    assert table["doc_id"].tolist() == ["en1", "en1", "ko1", "mixed", "mixed"]
    assert table["is_scored"].tolist() == [True, True, True, True, True]  # tone: every one
    assert table["tone"].notna().all() and table["tone_drivers"].isna().all()  # not asked
    assert table.loc[1, "textblob_drivers"] == "very good:+0.91"
    assert table["vader_compound"].isna().tolist() == [False, False, True, False, True]
    pd.testing.assert_frame_equal(table, score_sentiment(docs, level="sentence"))


def test_documents_and_sentences_agree_with_separate_calls():
    docs = _docs()
    documents, sentences = score_documents_and_sentences(docs)
    pd.testing.assert_frame_equal(documents, score_sentiment(docs))
    pd.testing.assert_frame_equal(sentences, score_sentences(docs))


def test_bad_arguments():
    with pytest.raises(
        ValueError, match=r"^level must be one of: document, sentence; got 'paragraph'$"
    ):
        score_sentiment(_docs(), level="paragraph")
    with pytest.raises(
        ValueError, match=r"^docs: missing required column\(s\) 'text'; found 'doc_id'$"
    ):
        score_sentiment(pd.DataFrame({"doc_id": ["a"]}))


def test_format_drivers():
    assert format_drivers([("good", 0.7), ("not bad", 0.35), ("war", -2.9)]) == (
        "good:+0.70; not bad:+0.35; war:-2.90"
    )
    assert format_drivers([]) == ""


def test_sentiment_agreement_hand_computed():
    frame = pd.DataFrame(
        {
            "textblob_polarity": [0.5, -0.2, 0.0, 0.01, np.nan],
            "vader_compound": [1.0, -0.4, 0.0, 0.02, 0.3],
        }
    )
    before = frame.copy()
    table = sentiment_agreement(frame)
    pd.testing.assert_frame_equal(frame, before)
    row = table.iloc[0]
    assert row["n"] == 4  # the NaN row is left out
    assert row["pearson_r"] == pytest.approx(1.0) and row["spearman_r"] == pytest.approx(1.0)
    # signs: TextBlob [+, -, 0, +]; VADER with +-0.05 band [+, -, 0, 0] -> 3 of 4
    assert row["sign_agreement_share"] == 0.75
    assert row["textblob_zero_share"] == 0.25 and row["vader_zero_share"] == 0.25


def test_sentiment_agreement_too_few_rows():
    row = sentiment_agreement(pd.DataFrame({"textblob_polarity": [0.1], "vader_compound": [0.2]}))
    assert row.loc[0, "n"] == 1 and math.isnan(row.loc[0, "pearson_r"])


def test_extreme_sentences():
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c", "d"],
            "sentence": ["good", "bad", "good", "worse", "fine", "none"],
            "vader_compound": [0.5, -0.3, 0.5, -0.8, 0.2, np.nan],
        }
    )
    before = frame.copy()
    table = extreme_sentences(frame, n=2, by="vader_compound")
    pd.testing.assert_frame_equal(frame, before)
    assert table["direction"].tolist() == ["most positive"] * 2 + ["most negative"] * 2
    assert table["rank"].tolist() == [1, 2, 1, 2]
    assert table["sentence"].tolist() == ["good", "fine", "worse", "bad"]  # repeat shown once
    assert table.loc[0, "doc_id"] == "a"
    with pytest.raises(
        ValueError,
        match=r"^by must be one of: tone, vader_compound, textblob_polarity; got 'compound'$",
    ):
        extreme_sentences(frame, by="compound")
    with pytest.raises(ValueError, match="n must be a positive integer"):
        extreme_sentences(frame, n=0, by="vader_compound")


def test_validation_figures_match_the_reference(validation_dir):
    """Known answers: the README's figures for the plain libraries, re-measured."""
    table = validation_figures(validation_dir).set_index(["dataset", "measure", "method"])
    nyt_r = table.loc[("nyt_editorial", "pearson_r", "plain")]
    assert nyt_r["n"] == 5190
    assert 0.25 <= nyt_r["textblob"] <= 0.35 and 0.45 <= nyt_r["vader"] <= 0.55
    zero = table.loc[("nyt_editorial", "zero_share", "plain")]
    assert abs(zero["textblob"] - 0.36) < 0.01 and abs(zero["vader"] - 0.34) < 0.01
    eco = table.loc[("ecosent", "accuracy_3class", "plain")]
    assert eco["n"] == 284
    assert abs(eco["textblob"] - 0.39) < 0.01 and abs(eco["vader"] - 0.50) < 0.01
    # the package's document-level VADER (mean of sentence compounds) is as good
    assert table.loc[("nyt_editorial", "pearson_r", "package"), "vader"] >= 0.45


# --- analysis.plots.sentiment ------------------------------------------------------------------


def _scored_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(8)],
            "outlet_country": ["JP", "JP", "JP", "KR", "KR", "KR", "US", "US"],
            "textblob_polarity": [0.1, 0.2, -0.1, 0.3, 0.0, 0.25, np.nan, 0.05],
            "vader_compound": [0.2, 0.5, -0.3, 0.6, 0.1, 0.4, np.nan, 0.0],
        }
    )


def test_plot_textblob_vs_vader():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_hex

    from analysis.plots.sentiment import plot_textblob_vs_vader
    from analysis.plots.style import COUNTRY_COLORS

    frame = _scored_frame()
    before = frame.copy()
    ax = plot_textblob_vs_vader(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert ax.get_xlabel() == "TextBlob polarity (-1..1)"
    assert ax.get_ylabel() == "VADER compound (-1..1)"
    assert ax.get_title().startswith("TextBlob vs VADER (n=7, r=")  # the NaN row is left out
    colors = {to_hex(c.get_facecolor()[0]): len(c.get_offsets()) for c in ax.collections}
    assert colors == {COUNTRY_COLORS["JP"].lower(): 3, COUNTRY_COLORS["KR"].lower(): 3,
                      COUNTRY_COLORS["US"].lower(): 1}  # fmt: skip
    with pytest.raises(
        ValueError, match=r"plot_textblob_vs_vader: missing required column\(s\) 'outlet_country'"
    ):
        plot_textblob_vs_vader(frame.drop(columns="outlet_country"))


def test_plot_sentiment_distribution_and_tone():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots.sentiment import plot_sentiment_distribution, plot_tone_by_group

    frame = _scored_frame()
    before = frame.copy()
    ax = plot_sentiment_distribution(frame, score="textblob_polarity")
    assert ax.get_xlabel() == "TextBlob polarity (-1..1)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["JP (n=3)", "KR (n=3)", "US (n=1)"]
    summary = pd.DataFrame(
        {"group": ["JP", "KR"], "n": [3, 3], "mean": [0.13, 0.37],
         "ci_low": [-0.3, 0.1], "ci_high": [0.5, 0.6]}
    )  # fmt: skip
    ax = plot_tone_by_group(summary)
    assert ax.get_xlabel() == "mean VADER compound (-1..1)"
    with pytest.warns(UserWarning, match=r"too small to say anything \(.* < 5\)"):
        ax = plot_tone_by_group(frame, score="vader_compound", by="outlet_country")
    assert ax.get_xlabel() == "mean VADER compound (-1..1)"
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(ValueError, match=r"score must be one of \['tone', 'textblob_polarity'"):
        plot_sentiment_distribution(frame, score="polarity")


def test_plot_sentiment_distribution_leaves_out_missing_and_compares_tools():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots.sentiment import plot_sentiment_distribution

    frame = _scored_frame()
    before = frame.copy()
    ax = plot_sentiment_distribution(frame, score="vader_compound", by="outlet_country")
    assert ax.get_title() == "VADER compound by outlet_country"
    points = {t.get_text(): len(c.get_offsets()) for t, c in
              zip(ax.get_yticklabels(), ax.collections, strict=True)}  # fmt: skip
    assert points == {"JP (n=3)": 3, "KR (n=3)": 3, "US (n=1)": 1}  # the NaN row left out
    ax = plot_sentiment_distribution(frame, score=["textblob_polarity", "vader_compound"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["textblob_polarity (n=7)", "vader_compound (n=7)"]
    assert ax.get_xlabel() == "score (-1..1)" and ax.get_ylabel() == "tool"
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(
        ValueError, match=r"plot_sentiment_distribution: missing required column\(s\) 'kind'"
    ):
        plot_sentiment_distribution(frame, by="kind")


def test_plot_textblob_vs_vader_counts_zeros_in_legend():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots.sentiment import plot_textblob_vs_vader

    scores = pd.DataFrame(
        {"textblob_polarity": [0.0, 0.5, 0.0, np.nan], "vader_compound": [0.0, 0.0, -0.2, 0.1]}
    )
    ax = plot_textblob_vs_vader(scores, by=None)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "all (n=3)",
        "2 of 3 at textblob_polarity = 0",
        "2 of 3 at vader_compound = 0",
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, "en", "ko"]))
def test_score_text_property_never_raises(text, language):
    result = score_text(text, language=language, engines=["textblob", "vader"])
    if result["is_scored"]:
        assert -1 <= result["textblob_polarity"] <= 1
        assert 0 <= result["textblob_subjectivity"] <= 1
    for row in result["sentences"]:
        assert text[row["start"] : row["end"]] == row["sentence"]
        if row["is_scored"]:
            assert -1 <= row["vader_compound"] <= 1
        else:
            assert math.isnan(row["vader_compound"])
