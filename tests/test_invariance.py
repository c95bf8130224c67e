"""Translation invariance of the frame codebooks (analysis.invariance)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from parallel_texts import parallel_docs

from analysis.invariance import INVARIANCE_COLUMNS, frame_invariance, invariance_summary


def test_known_answer_on_a_tiny_codebook(tmp_path):
    book = tmp_path / "two.yaml"
    book.write_text(
        "name: two\nframes:\n"
        "  - {id: history, label: H, description: d, terms: [apolog*], ko: [사죄], ja: [おわび]}\n"
        "  - {id: economy, label: E, description: d, terms: [budget], ko: [예산], ja: [予算]}\n",
        encoding="utf-8",
    )
    docs = pd.DataFrame(
        {
            "doc_id": ["e", "j", "k", "x"],
            "pair_id": ["p", "p", "p", pd.NA],
            "language": ["en", "ja", "ko", "en"],
            "text": ["An apology and a budget.", "おわびと予算", "사죄", "budget"],
        }
    )
    before = docs.copy()
    table = frame_invariance(docs, book)
    assert list(table.columns) == INVARIANCE_COLUMNS
    assert table[["doc_id_a", "doc_id_b"]].values.tolist() == [["e", "j"], ["e", "k"], ["j", "k"]]
    assert table["frames_a"].tolist() == ["history;economy", "history;economy", "history;economy"]
    assert table["frames_b"].tolist() == ["history;economy", "history", "history"]
    assert table["jaccard"].tolist() == [1.0, 0.5, 0.5]
    assert table["frame_agreement_share"].tolist() == [1.0, 0.5, 0.5]
    assert table["is_identical"].tolist() == [True, False, False]
    summary = invariance_summary(table).set_index("measure")
    assert summary.loc["identical_share", "value"] == pytest.approx(1 / 3)
    assert summary.loc["mean_jaccard", "value"] == pytest.approx(2 / 3)
    assert summary.loc["identical_share", "ci_method"] == "wilson"
    assert 0 <= summary.loc["mean_jaccard", "ci_low"] <= summary.loc["mean_jaccard", "ci_high"]
    assert_frame_equal(docs, before)
    across = frame_invariance(docs.assign(side=["JP", "JP", "KR", "KR"]), book, across="side")
    assert across[["doc_id_a", "doc_id_b"]].values.tolist() == [["e", "k"], ["j", "k"]]


def test_real_trilingual_statement_gets_the_same_issue_frames():
    """The 2015 announcement in English, Japanese and Korean (tests/parallel_texts.py)."""
    docs = parallel_docs()
    table = frame_invariance(docs, "kj_frames")
    assert len(table) == 7  # 3 + 3 + 1 pairs of versions
    # items (1) and (2) name the comfort women (and apologies) in every language
    named = table[table["pair_id"] != "2015-item-3"]
    assert all("history" in f.split(";") for f in [*named["frames_a"], *named["frames_b"]])
    # item (3) names no issue in any language: no frame in either version, identical
    assert table.loc[table["pair_id"] == "2015-item-3", "is_identical"].all()
    # the one known gap: "military" (security) has no counterpart for 軍 / 군 in item (1)
    differ = table[~table["is_identical"]]
    assert differ[["pair_id", "language_a", "language_b"]].values.tolist() == [
        ["2015-item-1", "en", "ja"],
        ["2015-item-1", "en", "ko"],
    ]
    summary = invariance_summary(table).set_index("measure")
    assert summary.loc["mean_jaccard", "value"] == pytest.approx(6 / 7)


def test_summary_of_nothing_and_bad_presence():
    empty = frame_invariance(parallel_docs().head(1), "kj_frames")
    assert empty.empty
    summary = invariance_summary(empty)
    assert summary["n_pairs"].tolist() == [0, 0, 0]
    assert np.isnan(summary["value"]).all()
    with pytest.raises(ValueError, match="presence must be one of: present, any_match"):
        frame_invariance(parallel_docs(), presence="some")
