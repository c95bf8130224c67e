"""analysis.findings: sentences computed from the tables, known answers and two real corpora."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.compare import compare_groups, format_interval
from analysis.contrasts import compare_shares
from analysis.corpus import load_corpus
from analysis.events import compare_event_window, event_window
from analysis.findings import (
    cannot_show,
    card_finding,
    comparison_finding,
    contrast_finding,
    interval_table,
    period_label,
    prevalence_finding,
    series_finding,
    share_cell,
    window_finding,
)
from analysis.framing import code_frames, frame_prevalence
from analysis.sample_policy import apply_min_n
from analysis.sentiment import score_sentiment
from analysis.timeseries import time_series

CLEAR = pd.DataFrame(
    {"tone": [0.5, 0.6, 0.7, 0.55, 0.65, 0.0, 0.1, -0.1, 0.05, -0.05], "g": ["A"] * 5 + ["B"] * 5}
)


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return func(*args, **kwargs)


def test_clear_difference_sentence_quotes_the_table_cells():
    table = _quiet(compare_groups, CLEAR, value="tone", by="g")
    pair = table.iloc[2]
    cell = format_interval(pair["diff"], pair["diff_ci_low"], pair["diff_ci_high"])
    assert comparison_finding(table, measure="tone") == (
        f"A is higher than B on tone: difference {cell}, 5 vs 5 documents."
    )


def test_overlapping_groups_cannot_be_told_apart():
    mixed = CLEAR.assign(g=["A", "B"] * 5)
    text = comparison_finding(_quiet(compare_groups, mixed, value="tone", by="g"), measure="tone")
    assert text.startswith("A and B cannot be told apart on tone: difference ")


def test_small_groups_are_described_not_compared():
    table = _quiet(compare_groups, CLEAR.head(7), value="tone", by="g")
    text = comparison_finding(apply_min_n(table), measure="tone")
    assert "No two groups both have 5 or more documents" in text
    assert "(1 group(s) below 5)" in text
    tiny = _quiet(compare_groups, CLEAR.iloc[[0, 5]], value="tone", by="g")
    assert comparison_finding(tiny, measure="tone").startswith("No group has 5 or more")
    alone = _quiet(compare_groups, CLEAR.head(5), value="tone", by="g")
    assert comparison_finding(alone, measure="tone").endswith(
        "(5 documents). It is the only group, so nothing is compared."
    )


def test_several_groups_name_highest_lowest_and_the_holm_verdict():
    three = pd.concat([CLEAR, CLEAR.head(5).assign(g="C", tone=lambda d: d["tone"] + 0.01)])
    text = comparison_finding(_quiet(compare_groups, three, value="tone", by="g"), measure="tone")
    assert text.startswith("Highest mean tone: C ") and "lowest: B " in text
    assert "2 of 3 comparisons are clear after Holm's adjustment: A vs B" in text


def test_share_cell_and_period_label_and_cannot_show():
    assert share_cell(0.4123, 0.3, 0.52) == "41% [30%, 52%]"
    assert share_cell(0.5) == "50%" and share_cell(np.nan) == "NA"
    assert period_label(pd.Timestamp("2019-07-01"), "quarter") == "2019-Q3"
    assert period_label(pd.Timestamp("2019-07-01"), "month") == "2019-07"
    assert cannot_show("no time series", "no document is dated.") == (
        "No time series: no document is dated."
    )


def test_series_finding_counts_peak_and_empty_periods():
    docs = pd.DataFrame({"published": pd.to_datetime(["2019-01-03", "2019-01-09", "2019-03-01"])})
    text = series_finding(time_series(docs, period="month"), measure="documents")
    assert text == "Documents per month, all: most in 2019-01 (2); 1 of 3 months have none."


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Two real corpora: the sample, and its Japanese-government texts only."""
    import corpora as builders  # tests/corpora.py

    folder = tmp_path_factory.mktemp("findings")
    sample = load_corpus(builders.config.SAMPLE_CORPUS, exclude_duplicates=True)
    japan = load_corpus(builders.one_country(folder))
    return {"sample": sample, "japan": japan}


def _numbers(text: str) -> list[str]:
    """Decimal numbers and percentages quoted in a sentence (counts and dates left out)."""
    return re.findall(r"-?\d+\.\d+|\d+%", text)


def _measures(docs):
    scores = score_sentiment(docs, engines=["textblob", "vader"])  # tone is not tested here
    return docs[["doc_id", "published", "outlet", "outlet_country"]].merge(scores, on="doc_id")


def _cells(table: pd.DataFrame) -> str:
    """Every cell a report would show for a comparison table, as text."""
    out = []
    for _, r in table.iterrows():
        out.append(format_interval(r["mean"], r["ci_low"], r["ci_high"]))
        out.append(format_interval(r["diff"], r["diff_ci_low"], r["diff_ci_high"]))
    return " ".join(out)


def test_findings_change_with_the_corpus_and_quote_its_numbers(corpora):
    texts = {}
    for name, docs in corpora.items():
        table = apply_min_n(_quiet(compare_groups, _measures(docs), value="vader_compound",
                                   by="outlet"))  # fmt: skip
        texts[name] = comparison_finding(table, measure="VADER tone")
        for number in _numbers(texts[name]):
            assert number in _cells(table), f"{number} of {texts[name]!r} not in the table"
    assert texts["sample"] != texts["japan"]
    assert "MOFA Japan" in texts["japan"]


def test_prevalence_finding_on_two_corpora(corpora):
    texts = {}
    for name, docs in corpora.items():
        coded = code_frames(docs, "kj_frames")
        prevalence = frame_prevalence(coded, docs, by="outlet_country")
        texts[name] = prevalence_finding(prevalence, by="outlet_country")
        top = coded.groupby("frame")["present"].mean().idxmax()
        assert f"The most common frame is {top}:" in texts[name]
    assert texts["sample"] != texts["japan"]
    assert "Fewer than two groups" in texts["japan"]  # one country: nothing to compare


def test_window_findings_on_two_corpora(corpora):
    texts = {}
    for name, docs in corpora.items():
        table = _quiet(compare_event_window, _measures(docs), "2019-07-01", value="vader_compound",
                       before=900, after=1800)  # fmt: skip
        texts[name] = window_finding(apply_min_n(table), measure="VADER tone", event="2019-07-01")
        before = table[(table["window"] == "before") & table["other"].isna()].iloc[0]
        assert f"{int(before['n'])} vs" in texts[name]
    assert texts["sample"] != texts["japan"]


def test_contrast_finding_on_frames_before_and_after(corpora):
    docs = corpora["sample"]
    coded = code_frames(docs, "kj_frames").merge(docs[["doc_id", "published"]], on="doc_id")
    inside = event_window(coded, "2018-10-30", before=1500, after=2000)
    table = compare_shares(inside.assign(window=inside["window"].astype(str)), by="window",
                           a="after", b="before")  # fmt: skip
    text = contrast_finding(table, context="2018-10-30")
    n_after, n_before = int(table["n_a"].max()), int(table["n_b"].max())
    assert text.startswith(f"after ({n_after} documents) vs before ({n_before}) 2018-10-30: ")
    for number in re.findall(r"\d+%", text):
        shown = {share_cell(v) for v in table[["share_a", "share_b"]].to_numpy().ravel()}
        assert number in shown
    small = compare_shares(inside.head(8).assign(window=inside["window"].head(8).astype(str)),
                           by="window", a="after", b="before")  # fmt: skip
    assert "fewer than 5 documents, so no frame share is compared" in contrast_finding(small)


def test_compare_shares_known_answer():
    rows = pd.DataFrame({"doc_id": list("abcdefghij") * 2,
                         "frame": ["law"] * 10 + ["trade"] * 10,
                         "present": [1, 1, 1, 1, 1, 0, 0, 0, 0, 0] + [0] * 10,
                         "side": (["KR"] * 5 + ["rest"] * 5) * 2})  # fmt: skip
    table = compare_shares(rows, by="side", a="KR", b="rest")
    law = table.set_index("frame").loc["law"]
    assert (law["n_a"], law["share_a"], law["share_b"], law["diff"]) == (5, 1.0, 0.0, 1.0)
    assert table["p_holm"].notna().all() and table.attrs["a"] == "KR"
    text = contrast_finding(table)  # 5/5 vs 0/5: p = 2/252, Holm over 2 frames 0.016
    assert text.startswith("KR (5 documents) vs rest (5): 1 of 2 frames differ clearly: law 100%")


def test_interval_table_shows_the_cells_the_findings_quote():
    table = apply_min_n(_quiet(compare_groups, CLEAR, value="tone", by="g"))
    shown = interval_table(table)
    assert "mean [95% CI]" in shown.columns and "ci_low" not in shown.columns
    text = comparison_finding(table, measure="tone")
    cell = re.search(r"difference (\S+ \[[^\]]+\])", text).group(1)
    assert cell in shown["difference [95% CI]"].tolist()
    shares = interval_table(pd.DataFrame({"present_share": [0.4123], "ci_low": [0.3],
                                          "ci_high": [0.52]}))  # fmt: skip
    assert shares["share [95% CI]"].tolist() == ["41% [30%, 52%]"]


def test_series_finding_quotes_a_share_as_the_table_shows_it():
    flags = pd.DataFrame({
        "published": pd.to_datetime(["2019-01-03"] * 5 + ["2019-02-05"] * 5),
        "present": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    })  # fmt: skip
    series = time_series(flags, value="present", period="month")
    text = series_finding(series, measure="share with the frame", share=True)
    assert "highest in 2019-01 (60%, n = 5) and lowest in 2019-02 (20%, n = 5)" in text
    cells = interval_table(series.assign(ci_method="wilson"))["value [95% CI]"].tolist()
    assert cells[0].startswith("60% [") and cells[1].startswith("20% [")


def test_card_finding_quotes_the_card_of_real_english_sentences():
    from analysis.sentiment import score_sentences
    from analysis.sentiment.card import validity_card

    docs = load_corpus(config.SAMPLE_CORPUS, exclude_duplicates=True).head(6)
    sentences = score_sentences(docs, engines=["vader"])
    card = validity_card(sentences, measure="vader_compound")
    text = card_finding(card)
    first = card.iloc[0]
    cell = format_interval(first["value"], first["ci_low"], first["ci_high"])
    assert text.startswith("Agreement of VADER with human coders on held-out data: en ")
    assert f"{first['figure']} {cell} ({first['dataset']}, test split" in text
    shown = " ".join(interval_table(card)["value [95% CI]"])  # as show_table shows them:
    shown += " " + " ".join(f"{z:.3f}" for z in card["zero_share"])
    assert all(number in shown for number in _numbers(text))


def test_card_finding_names_languages_never_checked_and_dictionary_zeros():
    card = pd.DataFrame({
        "language": ["en", "zh"], "measure": "tone", "n_sentences": [40, 8],
        "zero_share": [0.0, 0.5], "dataset": ["newsmtsc", ""], "split": ["test", ""],
        "figure": ["pearson_r", "no coded data in this language"], "value": [0.6563, np.nan],
        "ci_low": [0.5921, np.nan], "ci_high": [0.7122, np.nan], "n_coded": [370, 0],
    })  # fmt: skip
    text = card_finding(card)
    assert "en pearson_r 0.66 [0.59, 0.71] (newsmtsc, test split, 370 coded)" in text
    assert "Never checked against coders in zh: read those scores as unvalidated." in text
    assert "exactly 0 (no word it knows, the card's zero_share): zh 0.500." in text
    assert card_finding(card.iloc[0:0]).startswith("No sentence has a score")
