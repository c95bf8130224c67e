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
    count_terms_by_document,
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
            "n_gloss": [0] * 8,
            "n_quote": [0] * 8,
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
    assert "contested terms: 1 document(s) in languages the codebook has no terms" in caplog.text
    counts = count_term_variants(mixed, terms, by="outlet").set_index(["outlet", "variant"])
    assert counts.loc[("KR paper", "Dokdo"), "n_mentions"] == 0
    assert np.isnan(counts.loc[("KR paper", "Dokdo"), "variant_share"])  # never named
    assert counts.loc[("KR gov", "Dokdo"), "variant_share"] == 1.0  # per mention: unaffected
    assert_frame_equal(mixed, before)


# --- usage: own | gloss | quote, in three languages -------------------------------------
# Real sentences, quoted briefly with their source; the expected usage of each mention.

USAGE_CASES = [
    (
        # Xinhua via ANI, quoted in thefreedictionary.com's "Takeshima" entry
        "South Korea lodged a strong protest on Friday against Japan's renewed territorial "
        "claim over Dokdo islets, known as Takeshima in Japan, lying halfway between Seoul "
        "and Tokyo.",
        [("Dokdo", "own"), ("Takeshima", "gloss")],
    ),
    (
        # quoted in the same entry (a wire report)
        "Relations between the two countries have deteriorated due to the dispute over a group "
        "of islets in the Sea of Japan, which Tokyo calls Takeshima and Seoul calls Dokdo, and "
        "the issue of South Korean women forced into sexual slavery by the Japanese army during "
        "World War II.",
        [
            ("Sea of Japan", "own"),
            ("Takeshima", "gloss"),
            ("Dokdo", "gloss"),
            ("sexual slavery", "own"),
        ],
    ),  # fmt: skip
    (
        # South China Morning Post, topic page "Liancourt Rocks" (scmp.com/topics/liancourt-rocks)
        "The Korea-controlled Dokdo islets, which Japan claims and calls Takeshima, are "
        "indicated with a barely discernible dot on a map of the Olympic torch relay route",
        [("Dokdo", "own"), ("Takeshima", "gloss")],
    ),
    (
        # a report quoting Chief Cabinet Secretary Suga (thefreedictionary.com, "Takeshima")
        "Chief Cabinet Secretary Yoshihide Suga said Friday's landing drill by South Korean "
        "navy and coast guard personnel on the island group, called Takeshima by Japan and "
        "Dokdo by South Korea, violated Japanese sovereignty",
        [("Takeshima", "gloss"), ("Dokdo", "gloss")],
    ),
    (
        # MOFA Japan, 2018-08-02 (sample: mofa-jp-2018-08-02-fm-kono-kang-singapore)
        "along with reiterating Japan\u2019s fundamental position on the \u201crequisitioned "
        "workers\u201d issue.",
        [("requisitioned workers", "quote")],
    ),
    (
        # Cheong Wa Dae, 2019-08-28 (sample: cheongwadae-2019-08-28-briefing-whitelist-gsomia)
        "took the measure to exclude the Republic of Korea from its \u2018whitelist\u2019, "
        "effective from today.",
        [("whitelist removal", "quote")],
    ),
    (
        # Korean Wikipedia, "독도" (CC BY-SA 4.0)
        "1952년부터 일본에서는 독도를 다케시마(일본어: 竹島, たけしま)라 부르며 샌프란시스코 "
        "강화조약 내용을 가장 큰 근거로 들며 영유권을 주장하고 있다.",
        [("Dokdo", "own"), ("Takeshima", "gloss"), ("Takeshima", "gloss")],
    ),
    (
        # Korean Social Science wiki, "독도" (wikis.krsocsci.org)
        '"독도"는 한국과 북한의 호칭이며, "다케시마"는 일본이 영유권 주장을 하는 데에서 '
        "시마네현에 붙인 호칭이며",
        [("Dokdo", "quote"), ("Takeshima", "quote")],
    ),
    (
        # Japanese Wikipedia, "竹島 (島根県)" (CC BY-SA 4.0), via kotoba.ne.jp
        "しかし韓国側は、独島(竹島の韓国名)は歴史的・地理的・国際法的に韓国の固有領土であると主張し",
        [("Dokdo", "gloss"), ("Takeshima", "own")],
    ),
    (
        # Japanese Wikipedia, "竹島 (島根県)", via kotoba.ne.jp
        "「竹島」は日本における呼称で",
        [("Takeshima", "quote")],
    ),
    (
        # Yomiuri Shimbun, 2023-03-16 (copy at makunouchibento.com/archives/120496)
        "元徴用工(旧朝鮮半島出身労働者)訴訟問題の解決策については、",
        [
            ("requisitioned workers", "own"),
            ("former civilian workers from the Korean Peninsula", "gloss"),
        ],
    ),  # fmt: skip
]


@pytest.mark.parametrize(("sentence", "expected"), USAGE_CASES)
def test_usage_of_real_sentences(sentence, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [sentence]})
    before = docs.copy()
    m = term_matches(docs)
    assert list(zip(m["variant"], m["usage"], strict=True)) == expected
    assert all(sentence[s:e] == t for s, e, t in zip(m["start"], m["end"], m["match"], strict=True))
    assert_frame_equal(docs, before)


def test_glossed_and_quoted_variants_are_not_counted_as_the_texts_choice():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [USAGE_CASES[0][0], USAGE_CASES[9][0]],  # Xinhua; 「竹島」 in quotes
            "outlet_country": ["INTL", "JP"],
        }
    )
    own = count_term_variants(docs, by="outlet_country").set_index(["outlet_country", "variant"])
    assert own.loc[("INTL", "Dokdo"), "n_mentions"] == 1
    assert own.loc[("INTL", "Takeshima"), "n_mentions"] == 0
    assert own.loc[("INTL", "Takeshima"), "n_gloss"] == 1
    assert own.loc[("INTL", "Dokdo"), "variant_share"] == 1.0
    assert own.loc[("JP", "Takeshima"), "n_quote"] == 1
    assert np.isnan(own.loc[("JP", "Takeshima"), "variant_share"])  # no own use
    every = count_term_variants(docs, by="outlet_country", usage=["own", "gloss", "quote"])
    every = every.set_index(["outlet_country", "variant"])
    assert every.loc[("INTL", "Takeshima"), "variant_share"] == 0.5
    with pytest.raises(ValueError, match="usage must be one or more of: own, gloss, quote"):
        count_term_variants(docs, by=None, usage="glossed")


# --- sides per language ------------------------------------------------------------------

SIDE_CASES = [
    # (text, variant, side): the same variant can have another side in another language
    ("Japan's export restrictions on Korea", "export restrictions", "KR"),
    ("일본의 수출규제 조치", "export restrictions", "KR"),
    ("対韓輸出規制の強化", "export restrictions", "neutral"),
    ("radioactive water from Fukushima", "contaminated water", "critics"),
    ("후쿠시마 오염수 방류", "contaminated water", "KR"),
    ("the comfort women issue", "comfort women", "shared"),
    ("慰安婦問題", "comfort women", "shared"),
    ("일본군 위안부 피해자", "comfort women", "shared"),
    ("욱일기 게양", "Rising Sun flag", "neutral"),
    ("旭日旗の掲揚", "Rising Sun flag", "JP"),
]


@pytest.mark.parametrize(("text", "variant", "side"), SIDE_CASES)
def test_side_per_language(text, variant, side):
    m = term_matches(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    assert list(zip(m["variant"], m["side"], strict=True)) == [(variant, side)]


def test_every_variant_has_evidence_and_a_valid_side():
    tl = load_terms()
    sides = tl.sides_table()
    assert set(sides["side"]) <= {"KR", "JP", "neutral", "critics", "shared"}
    assert (sides["evidence"].str.len() > 20).all()
    assert tl.languages == ("en", "ko", "ja")


# --- only Korea-Japan leaders' meetings --------------------------------------------------

SUMMIT_CASES = [
    # MOFA Japan, 2018-05-09 (sample: mofa-jp-2018-05-09-summit-abe-moon)
    ("Mr. Shinzo Abe, Prime Minister of Japan, held a Japan-Republic of Korea (ROK) Summit "
     "Meeting with H.E. Mr. Moon Jae-in, President of the ROK", [("summit", "shared")]),
    # the same text: the inter-Korean summit is not a Korea-Japan summit
    ("following the historic Inter-Korean Summit realized by the leadership of President Moon",
     []),
    # constructed: a summit of other leaders in a sentence naming neither Korea nor Japan
    ("Biden and Xi held a summit in San Francisco.", []),
    # Yonhap's Japanese service, 2023-05-07 (news.goo.ne.jp/article/yonhap/world/...)
    ("韓国の尹錫悦(ユン・ソクヨル)大統領は7日午後、ソウル・竜山の大統領室で日本の岸田文雄首相と"
     "首脳会談を行った。", [("summit", "shared")]),
    # NHK, 2024-05-26: a Japan-China summit in a sentence naming only Japan
    ("岸田総理大臣はこのあと中国の李強首相との首脳会談に臨むことにしている。", []),
    # constructed: a trilateral summit is excluded even though both countries are named
    ("한미일 정상회담에서 한국과 일본은 협력을 약속했다.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SUMMIT_CASES)
def test_summit_counts_only_korea_japan_meetings(text, expected):
    m = term_matches(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    m = m[m["referent"] == "leaders_meeting"]
    assert list(zip(m["variant"], m["side"], strict=True)) == expected


# --- the sides against the sample's own official texts -----------------------------------


def test_sides_agree_with_the_official_texts_of_the_sample():
    """A variant sided KR or JP is never the own word of the other government's texts;
    variants used by both governments are 'shared' or 'neutral' (README documents this)."""
    from analysis.corpus import load_corpus

    docs = load_corpus()
    official = docs[docs["kind"].isin(["official_readout", "statement"])]
    counts = count_term_variants(official, by="outlet_country")
    used = counts[counts["n_mentions"] > 0]
    by_variant: dict[tuple, set] = {}
    for variant, side, country in used[["variant", "side", "outlet_country"]].to_numpy():
        by_variant.setdefault((variant, side), set()).add(country)
    for (variant, side), countries in by_variant.items():
        if side == "KR":
            assert "JP" not in countries, variant
        if side == "JP":
            assert "KR" not in countries or variant == "export controls", variant
        if {"KR", "JP"} <= countries:
            assert side in ("shared", "neutral") or variant == "export controls", variant
    # the issue's checks: "comfort women" and "summit" appear in both governments' texts
    assert {"KR", "JP"} <= by_variant[("comfort women", "shared")]
    assert {"KR", "JP"} <= by_variant[("summit", "shared")]


# --- per-document table, command line, scale path ----------------------------------------


def test_count_terms_by_document_known():
    docs = pd.DataFrame(
        {
            "doc_id": ["k", "j"],
            "text": ["독도는 한국 땅이다. 일본이 다케시마라고 부르는 섬이다. 독도!", "竹島の日"],
            "language": ["ko", "ja"],
        }
    )
    before = docs.copy()
    out = count_terms_by_document(docs)
    assert list(out.columns) == ["doc_id", "referent", "variant", "side", "n_mentions",
                                 "n_own", "n_gloss", "n_quote"]  # fmt: skip
    rows = out[["doc_id", "variant", "side", "n_mentions", "n_own", "n_gloss"]]
    assert rows.values.tolist() == [
        ["k", "Dokdo", "KR", 2, 2, 0],
        ["k", "Takeshima", "JP", 1, 0, 1],
        ["j", "Takeshima", "JP", 1, 1, 0],
    ]
    assert_frame_equal(docs, before)


def test_terms_command_writes_the_table(tmp_path):
    from analysis.cli import main

    corpus = tmp_path / "c.csv"
    pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["Dokdo, which Japan calls Takeshima.", "東海（トンヘ）"]}
    ).to_csv(corpus, index=False)
    out = tmp_path / "terms.csv"
    assert main(["terms", str(corpus), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table[["doc_id", "variant", "n_own", "n_gloss"]].values.tolist() == [
        ["a", "Dokdo", 1, 0],
        ["a", "Takeshima", 0, 1],
        ["b", "East Sea", 1, 0],
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text("referents:\n  - {id: a, label: A, variants: [{variant: x, side: US, "
                   "terms: [y]}]}\n")  # fmt: skip
    assert main(["terms", str(corpus), "--out", str(out), "--terms", str(bad)]) == 2
    assert pd.read_csv(out).equals(table)  # the earlier output is untouched


def test_scale_path_gives_the_same_counts():
    from analysis.corpus import load_corpus
    from analysis.scale.scorers import count_terms_partition

    docs = load_corpus()
    extra = pd.DataFrame(
        {
            "doc_id": ["ko1", "ja1"],
            "text": [USAGE_CASES[6][0], USAGE_CASES[8][0] + "。" + SUMMIT_CASES[3][0]],
            "language": ["ko", "ja"],
        }
    )
    both = pd.concat([docs[["doc_id", "text", "language"]], extra], ignore_index=True)
    expected = count_terms_by_document(both)
    got = count_terms_partition(both)
    key = ["doc_id", "referent", "variant", "side"]
    assert_frame_equal(
        got.astype({"doc_id": object}).sort_values(key).reset_index(drop=True),
        expected.astype({"doc_id": object}).sort_values(key).reset_index(drop=True),
    )
    assert {"ko1", "ja1"} <= set(got["doc_id"])


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("{variant: x, side: US, terms: [y]}", "variant 1, field 'side': 'US' is not one of KR"),
        ("{variant: x, side: KR, terms: [y], ko: {terms: [독도], side: XX}}",
         "variant 1, field 'ko', field 'side': 'XX' is not one of"),
        ("{variant: x, side: KR, terms: [y], ja: []}", "variant 1, field 'ja': no terms"),
    ],
)  # fmt: skip
def test_bad_sides_and_languages(tmp_path, variant, message):
    path = tmp_path / "bad.yaml"
    path.write_text(f"referents:\n  - {{id: a, label: A, variants: [{variant}]}}\n")
    with pytest.raises(CodebookError) as info:
        load_terms(path)
    assert message in str(info.value)


def test_empty_context_is_an_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "referents:\n  - {id: a, label: A, context: [[]], "
        "variants: [{variant: x, side: KR, terms: [y]}]}\n"
    )
    with pytest.raises(CodebookError, match="field 'context': expected a non-empty list"):
        load_terms(path)


def test_no_documents_give_no_variants_not_an_error():
    """An empty selection (an event window with no dated text) counts nothing: the empty
    boolean mask must not select columns."""
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="string"),
                          "text": pd.Series([], dtype="string"), "window": []})  # fmt: skip
    assert count_term_variants(empty, by="window")["n_mentions"].sum() == 0
