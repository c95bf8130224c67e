"""Event pairs side by side: frames, voices and tone of each side's text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pairs import PAIR_COLUMNS, compare_pair, pair_summary
from analysis.sentiment import score_sentiment

CODEBOOK = """\
frames:
  - id: trade
    label: Trade
    description: export controls and trade status
    terms: [export controls, trade]
  - id: security
    label: Security
    description: military and intelligence cooperation
    terms: [GSOMIA, security]
"""
TERMS = """\
referents:
  - id: export_measures
    label: Japan's 2019 export measures
    variants:
      - {variant: export controls, side: JP, terms: [export control*]}
      - {variant: trade retaliation, side: KR, terms: [trade retaliation]}
  - id: pact
    label: Intelligence pact
    variants:
      - {variant: GSOMIA, side: neutral, terms: [GSOMIA]}
"""


@pytest.fixture()
def terms(tmp_path):
    path = tmp_path / "tiny_terms.yaml"
    path.write_text(TERMS, encoding="utf-8")
    return str(path)


@pytest.fixture()
def codebook(tmp_path):
    path = tmp_path / "tiny_frames.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return str(path)


@pytest.fixture()
def docs():
    return pd.DataFrame(
        {
            "doc_id": ["kr1", "jp1", "jp2", "x1"],
            "title": ["Seoul ends GSOMIA", "Japan protests", "Tokyo on trade", "Other"],
            "text": [
                "Seoul said GSOMIA ends. Trade and security are linked, Seoul said.",
                "Japan protested the decision on GSOMIA. Kono said it was regrettable.",
                "Japan said export controls are about security. Trade continues.",
                "Unrelated text.",
            ],
            "outlet": ["Cheong Wa Dae", "MOFA Japan", "METI", "Other"],
            "outlet_country": ["KR", "JP", "JP", "US"],
            "published": pd.to_datetime(["2019-08-23", "2019-08-22", "2019-08-01", "2019-01-01"]),
            "pair_group": ["P-gsomia", "P-gsomia", "P-trade", None],
        }
    )


def test_compare_pair_known_answer(docs, codebook, terms):
    before = docs.copy()
    table = compare_pair(docs, "P-gsomia", codebook=codebook, terms=terms)
    pd.testing.assert_frame_equal(docs, before)
    assert list(table.columns) == PAIR_COLUMNS
    # JP before KR (sorted by publisher country)
    assert table["doc_id"].tolist() == ["jp1", "kr1"]
    # kr1: GSOMIA + security (security 2), trade 1; jp1: GSOMIA (security 1)
    assert table["top_frames"].tolist() == ["security (1)", "security (2); trade (1)"]
    assert table["term_choices"].tolist() == ["GSOMIA [neutral] (1)", "GSOMIA [neutral] (1)"]
    # jp1: "Japan protested" and "Kono said" (ties listed by label);
    # kr1: "Seoul said" and ", Seoul said." -> two sentences crediting Seoul.
    assert table["voices"].tolist() == [
        "Government of Japan (1); Taro Kono (1)",
        "Seoul (metonym) (2)",
    ]
    assert table["n_voices"].tolist() == [2, 2]
    gsomia = docs[docs["pair_group"] == "P-gsomia"]
    tone = score_sentiment(gsomia, engines=["textblob", "vader"]).set_index("doc_id")
    assert table["textblob_polarity"].tolist() == pytest.approx(
        tone.loc[["jp1", "kr1"], "textblob_polarity"].tolist()
    )
    assert table["vader_compound"].tolist() == pytest.approx(
        tone.loc[["jp1", "kr1"], "vader_compound"].tolist()
    )


def test_top_limits_the_lists(docs, codebook):
    table = compare_pair(docs, "P-gsomia", codebook=codebook, top=1)
    assert table["top_frames"].tolist() == ["security (1)", "security (2)"]


def test_pair_summary_covers_every_group_and_skips_unpaired(docs, codebook, terms):
    before = docs.copy()
    table = pair_summary(docs, codebook=codebook, terms=terms)
    pd.testing.assert_frame_equal(docs, before)
    assert table["pair_group"].tolist() == ["P-gsomia", "P-gsomia", "P-trade"]
    assert table.loc[2, "top_frames"] == "trade (2); security (1)"
    assert table.loc[2, "voices"] == "Government of Japan (1)"
    assert table.loc[2, "term_choices"] == "export controls [JP] (1)"


def test_unknown_group_and_missing_columns(docs, codebook):
    with pytest.raises(
        ValueError, match=r"no documents with pair_group 'P-x'; groups: \['P-gsomia'"
    ):
        compare_pair(docs, "P-x", codebook=codebook)
    with pytest.raises(
        ValueError,
        match=r"^pair_summary: missing required column\(s\) 'pair_group'; found 'doc_id', ",
    ):
        pair_summary(docs.drop(columns="pair_group"))


def test_term_choices_match_a_count_of_term_matches_on_the_sample(sample_corpus_path):
    """Built on count_term_variants(by="doc_id"): same cells as grouping term_matches."""
    from analysis.corpus import load_corpus
    from analysis.pairs import _term_choices
    from analysis.terms import term_matches

    sample = load_corpus(sample_corpus_path)
    before = sample.copy()
    got = _term_choices(sample, "contested_terms").to_dict()
    pd.testing.assert_frame_equal(sample, before)
    matches = term_matches(sample, "contested_terms")
    matches = matches[matches["usage"] == "own"]  # a text's choice: not its glosses, quotes
    label = matches["variant"].astype(str) + " [" + matches["side"].astype(str) + "]"
    counts = matches.assign(label=label).groupby(["doc_id", "label"]).size().rename("n")
    ranked = counts.reset_index().sort_values(["doc_id", "n", "label"], ascending=[1, 0, 1])
    expected = {
        doc_id: "; ".join(f"{a} ({n})" for a, n in zip(part["label"], part["n"], strict=True))
        for doc_id, part in ranked.groupby("doc_id")
    }
    assert len(got) > 20  # most sample texts use a contested term
    assert got == expected
