"""Tests for analysis.terms: contested-term variants, counts, shares and examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.codebooks import CodebookError
from analysis.terms import (
    COUNT_COLUMNS,
    count_term_variants,
    load_terms,
    term_examples,
    term_matches,
)

TERMS = """\
name: tiny_terms
referents:
  - id: islets
    label: Disputed islets
    variants:
      - {variant: Dokdo, side: KR, terms: [Dokdo]}
      - {variant: Takeshima, side: JP, terms: [Takeshima]}
  - id: meeting
    label: Leaders meeting
    variants:
      - {variant: summit, side: KR, terms: [summit], exclusions: ["summit of Mount*"]}
      - {variant: informal talk, side: JP, terms: [informal talk*]}
"""


@pytest.fixture()
def terms(tmp_path):
    path = tmp_path / "tiny_terms.yaml"
    path.write_text(TERMS, encoding="utf-8")
    return load_terms(path)


@pytest.fixture()
def docs():
    return pd.DataFrame(
        {
            "doc_id": ["k1", "k2", "j1"],
            "text": [
                "Dokdo is ours. The summit was held. Dokdo again.",
                "A summit on the summit of Mount Halla.",
                "Takeshima is Japanese territory. An informal talk took place; informal talks.",
            ],
            "outlet": ["KR gov", "KR gov", "JP gov"],
            "outlet_country": ["KR", "KR", "JP"],
        }
    )


def test_term_matches_known(docs, terms):
    before = docs.copy()
    m = term_matches(docs, terms)
    assert m["variant"].tolist() == [
        "Dokdo", "summit", "Dokdo", "summit", "Takeshima", "informal talk", "informal talk"
    ]  # fmt: skip
    assert m["side"].tolist() == ["KR", "KR", "KR", "KR", "JP", "JP", "JP"]
    assert m["match"].tolist()[-1] == "informal talks"
    assert_frame_equal(docs, before)


def test_count_term_variants_by_country(docs, terms):
    before = docs.copy()
    out = count_term_variants(docs, terms, by="outlet_country")
    expected = pd.DataFrame(
        {
            "outlet_country": ["KR"] * 4 + ["JP"] * 4,
            "referent": ["islets", "islets", "meeting", "meeting"] * 2,
            "variant": ["Dokdo", "Takeshima", "summit", "informal talk"] * 2,
            "side": ["KR", "JP", "KR", "JP"] * 2,
            "n_mentions": [2, 0, 2, 0, 0, 1, 0, 2],
            "n_docs": [1, 0, 2, 0, 0, 1, 0, 1],
            "variant_share": [1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0],
        }
    )
    got = out.sort_values(["outlet_country"], ascending=False, kind="stable").reset_index(drop=True)
    assert_frame_equal(got, expected, check_dtype=False)
    assert_frame_equal(docs, before)


def test_count_term_variants_overall_and_nan_share(terms):
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Dokdo and Takeshima and Dokdo.", "none"]})
    out = count_term_variants(docs, terms, by=None)
    row = out.set_index("variant")
    assert row.loc["Dokdo", "variant_share"] == pytest.approx(2 / 3)
    assert row.loc["Takeshima", "variant_share"] == pytest.approx(1 / 3)
    assert np.isnan(row.loc["summit", "variant_share"])  # referent never named


def test_count_requires_columns(terms):
    with pytest.raises(
        ValueError,
        match=r"^docs: missing required column\(s\) 'outlet', 'outlet_country'; "
        r"found 'doc_id', 'text'$",
    ):
        count_term_variants(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), terms)


def test_count_by_doc_id_known(docs, terms):
    before = docs.copy()
    out = count_term_variants(docs, terms, by="doc_id")
    assert list(out.columns) == ["doc_id", *COUNT_COLUMNS]
    assert out["doc_id"].tolist() == ["j1"] * 4 + ["k1"] * 4 + ["k2"] * 4  # sorted by group
    k2 = out[out["doc_id"] == "k2"].set_index("variant")
    assert k2["n_mentions"].tolist() == [0, 0, 1, 0]  # "summit of Mount" excluded
    assert k2.loc["summit", "variant_share"] == 1.0
    assert np.isnan(k2.loc["Dokdo", "variant_share"])
    assert out.loc[out["doc_id"] == "j1", "n_mentions"].tolist() == [0, 1, 0, 2]
    assert_frame_equal(docs, before)


def test_count_by_doc_id_with_other_columns(docs, terms):
    out = count_term_variants(docs, terms, by=["outlet_country", "doc_id"])
    assert list(out.columns[:2]) == ["outlet_country", "doc_id"]
    assert len(out) == 3 * 4
    assert out["n_mentions"].sum() == 7


@pytest.mark.parametrize("column", ["term", "match", "start", "end"])
def test_count_by_columns_named_like_match_columns(docs, terms, column):
    """Names used inside the match table are fine as group columns."""
    renamed = docs.assign(**{column: docs["outlet_country"]})
    out = count_term_variants(renamed, terms, by=column)
    expected = count_term_variants(docs, terms, by="outlet_country")
    assert_frame_equal(out, expected.rename(columns={"outlet_country": column}))


@pytest.mark.parametrize("column", ["side", "referent", "variant", "n_mentions"])
def test_count_by_output_column_name_is_a_clear_error(docs, terms, column):
    clash = docs.assign(**{column: docs["outlet_country"]})
    with pytest.raises(ValueError, match=f"^by: column '{column}' has the name of an output"):
        count_term_variants(clash, terms, by=column)


def test_count_by_repeated_column(docs, terms):
    with pytest.raises(ValueError, match="'outlet' listed twice"):
        count_term_variants(docs, terms, by=["outlet", "outlet"])


def test_term_examples(docs, terms):
    before = docs.copy()
    ex = term_examples(docs, terms, n=1)
    assert ex["variant"].tolist() == ["Dokdo", "summit", "Takeshima", "informal talk"]
    assert ex["sentence"].tolist()[0] == "Dokdo is ours."
    assert ex["sentence"].tolist()[1] == "The summit was held."
    assert ex["doc_id"].tolist() == ["k1", "k1", "j1", "j1"]
    two = term_examples(docs, terms, n=2)
    assert two[two["variant"] == "summit"]["doc_id"].tolist() == ["k1", "k2"]
    assert_frame_equal(docs, before)
    with pytest.raises(ValueError, match="n must be at least 1"):
        term_examples(docs, terms, n=0)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "referents:\n  - {id: a, label: A, variants: [{variant: x, side: KR}]}\n",
            "bad.yaml: entry 1 (id 'a'), variant 1, field 'terms': missing required key",
        ),
        (
            "referents:\n  - {id: a, label: A, variants: [{variant: x, side: KR, terms: [y]},"
            " {variant: x, side: JP, terms: [z]}]}\n",
            "bad.yaml: entry 1 (id 'a'), variant 2, field 'variant': duplicate variant 'x'",
        ),
        (
            "referents:\n  - {id: a, label: A, variants: [{variant: x, side: KR, terms: ['']}]}\n",
            "bad.yaml: entry 1 (id 'a'), variant 1, field 'terms': empty pattern",
        ),
        (
            "referents:\n  - {id: a, label: A, variants:"
            " [{variant: x, side: KR, terms: [y], colour: 1}]}\n",
            "bad.yaml: entry 1 (id 'a'), variant 1, field 'colour': unknown key",
        ),
        (
            "referents:\n  - {id: a, label: A, variants: x}\n",
            "bad.yaml: entry 1 (id 'a'), field 'variants': expected list of dict, got str",
        ),
    ],
)
def test_bad_terms_file(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_terms(path)
    assert str(info.value).startswith(message)


def test_bundled_contested_terms():
    tl = load_terms()
    table = tl.table()
    expected = {"islets", "sea", "comfort_women", "labour", "leaders_meeting", "export_measures",
                "gsomia", "colonial_period", "fukushima_water", "rising_sun_flag"}  # fmt: skip
    assert expected <= set(table["referent"])
    docs = pd.DataFrame(
        {
            "doc_id": ["1", "2", "3", "4"],
            "text": [
                "Dokdo lies in the East Sea.",
                "Takeshima in the Sea of Japan; former civilian workers from the Korean Peninsula.",
                "Victims of forced mobilization rallied against the export restrictions.",
                "The summit of Mount Fuji; the intelligence-sharing pact; ALPS treated water.",
            ],
        }
    )
    m = term_matches(docs, tl)
    got = list(zip(m["doc_id"], m["variant"], strict=True))
    assert got == [
        ("1", "Dokdo"), ("1", "East Sea"),
        ("2", "Takeshima"), ("2", "Sea of Japan"),
        ("2", "former civilian workers from the Korean Peninsula"),
        ("3", "victims of forced mobilization"), ("3", "export restrictions"),
        ("4", "intelligence-sharing pact"), ("4", "ALPS treated water"),
    ]  # fmt: skip


def test_non_english_documents_are_not_searched(docs, terms, caplog):
    mixed = pd.concat(
        [
            docs.assign(language="en"),
            pd.DataFrame(
                {
                    "doc_id": ["k9"],
                    "text": ["독도 Dokdo Dokdo Takeshima"],
                    "outlet": ["KR paper"],
                    "outlet_country": ["KR"],
                    "language": ["ko"],
                }
            ),
        ],
        ignore_index=True,
    )
    before = mixed.copy()
    with caplog.at_level("WARNING"):
        m = term_matches(mixed, terms)
    assert "k9" not in set(m["doc_id"])
    assert "contested terms: 1 non-English document(s) not coded" in caplog.text
    counts = count_term_variants(mixed, terms, by="outlet").set_index(["outlet", "variant"])
    assert counts.loc[("KR paper", "Dokdo"), "n_mentions"] == 0
    assert np.isnan(counts.loc[("KR paper", "Dokdo"), "variant_share"])  # never named
    assert counts.loc[("KR gov", "Dokdo"), "variant_share"] == 1.0  # per mention: unaffected
    assert_frame_equal(mixed, before)
