"""Coding sheets, Krippendorff's alpha and precision/recall/F1 against human codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.coding import (
    export_coding_sheet,
    frame_agreement,
    krippendorff_alpha,
    read_coding_sheets,
    write_coding_sheet,
)

DOCS = pd.DataFrame(
    {
        "doc_id": ["j1", "j2", "k1", "u1"],
        "text": [
            "Japan protested. Tokyo said no.",
            "Trade matters. Exports fell.",
            "Seoul welcomed it. The court ruled.",
            "Washington urged calm.",
        ],
        "outlet_country": ["JP", "JP", "KR", "US"],
    }
)


def _codes(matrix, frame="f"):
    """Long table from a coders x units matrix (NaN = not coded)."""
    rows = [
        (f"u{j:02d}", f"c{i}", frame, value)
        for i, row in enumerate(matrix)
        for j, value in enumerate(row)
        if not np.isnan(value)
    ]
    return pd.DataFrame(rows, columns=["unit_id", "coder", "frame", "code"])


# ---------------------------------------------------------------- export


def test_export_sentence_sheet_is_stratified_and_blank():
    before = DOCS.copy()
    sheet = export_coding_sheet(DOCS, frames=["conflict", "economy"], n=3)
    pd.testing.assert_frame_equal(DOCS, before)
    assert list(sheet.columns) == [
        "unit_id",
        "doc_id",
        "sentence_id",
        "text",
        "conflict",
        "economy",
        "coder",
    ]
    # equal allocation: one unit from each of JP, KR, US
    countries = sheet["doc_id"].map(dict(zip(DOCS.doc_id, DOCS.outlet_country, strict=True)))
    assert sorted(countries) == ["JP", "KR", "US"]
    assert (sheet[["conflict", "economy", "coder"]] == "").all().all()
    for row in sheet.itertuples():
        assert row.unit_id == f"{row.doc_id}:{row.sentence_id}"
        assert row.text in DOCS.set_index("doc_id").loc[row.doc_id, "text"]


def test_export_gives_leftover_to_larger_strata_and_is_reproducible():
    # 7 sentences: JP 4, KR 2, US 1; n=6 -> US 1, KR 2, JP 3
    sheet = export_coding_sheet(DOCS, frames=["f"], n=6)
    counts = sheet["doc_id"].str[0].value_counts().to_dict()
    assert counts == {"j": 3, "k": 2, "u": 1}
    pd.testing.assert_frame_equal(sheet, export_coding_sheet(DOCS, frames=["f"], n=6))
    assert len(export_coding_sheet(DOCS, frames=["f"], n=100)) == 7


def test_export_document_units():
    sheet = export_coding_sheet(DOCS, frames=["f"], n=2, unit="document")
    assert len(sheet) == 2 and sheet["sentence_id"].isna().all()
    assert set(sheet["unit_id"]) == set(sheet["doc_id"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"frames": ["f"], "unit": "paragraph"},
            r"^unit must be one of: document, sentence; got 'paragraph'$",
        ),
        ({"frames": ["text"]}, "frames must be distinct"),
        ({"frames": ["f"], "n": 0}, "n must be at least 1"),
        (
            {"frames": ["f"], "strata": "kind"},
            r"export_coding_sheet: missing required column\(s\) 'kind'; found",
        ),
    ],
)
def test_export_rejects_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        export_coding_sheet(DOCS, **options)


# ---------------------------------------------------------------- read


def test_write_then_read_round_trip(tmp_path):
    path = write_coding_sheet(DOCS, tmp_path / "sheet.csv", frames=["conflict"], n=2)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet["coder"] = "ana"
    sheet["conflict"] = ["1", ""]
    sheet.to_csv(tmp_path / "ana.csv", index=False)
    codes = read_coding_sheets([tmp_path / "ana.csv"])
    expected = pd.DataFrame(
        {"unit_id": [sheet["unit_id"][0]], "coder": ["ana"], "frame": ["conflict"], "code": [1]}
    )
    pd.testing.assert_frame_equal(codes, expected)


def test_read_names_file_row_and_field_of_a_bad_code(tmp_path):
    path = tmp_path / "bob.csv"
    path.write_text("unit_id,text,conflict,coder\na:0,x,1,bob\na:1,y,yes,bob\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^bob\.csv: row 3, field 'conflict': invalid code 'yes'"):
        read_coding_sheets([path])


def test_read_rejects_missing_coder_and_double_coding(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("unit_id,conflict,coder\na:0,1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.csv: row 2, field 'coder': empty"):
        read_coding_sheets([path])
    one = tmp_path / "one.csv"
    one.write_text("unit_id,conflict,coder\na:0,1,ann\n", encoding="utf-8")
    with pytest.raises(ValueError, match="already coded it in one.csv"):
        read_coding_sheets([one, one])
    headless = tmp_path / "b.csv"
    headless.write_text("unit,conflict\na:0,1\n", encoding="utf-8")
    with pytest.raises(
        ValueError,
        match=r"^b\.csv: missing required column\(s\) 'unit_id', 'coder'; found 'unit', 'conf",
    ):
        read_coding_sheets([headless])


# ---------------------------------------------------------------- alpha


def test_alpha_krippendorff_2011_nominal_example():
    # Krippendorff (2011) "Computing Krippendorff's alpha-reliability", section C:
    # 4 coders, 12 units, values 1-5 with missing data; nominal alpha = 0.743.
    nan = np.nan
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    codes = _codes(data)
    before = codes.copy()
    result = krippendorff_alpha(codes)
    pd.testing.assert_frame_equal(codes, before)
    assert result["alpha"].iloc[0] == pytest.approx(0.743, abs=5e-4)
    # unit 12 has a single value: not pairable
    assert (result["n_units"].iloc[0], result["n_coders"].iloc[0]) == (11, 4)


def test_alpha_two_coders_binary_by_hand():
    # A: 1 1 0 0, B: 1 0 0 0. Coincidences o00=4, o01=o10=1, o11=2; n0=5, n1=3, n=8.
    # alpha = 1 - (n-1) * (o01+o10) / (2 * n0 * n1) = 1 - 7*2/30 = 8/15.
    result = krippendorff_alpha(_codes([[1, 1, 0, 0], [1, 0, 0, 0]]))
    assert result["alpha"].iloc[0] == pytest.approx(8 / 15)


def test_alpha_undefined_without_variation_and_rejects_bad_level():
    result = krippendorff_alpha(_codes([[1, 1], [1, 1]]))
    assert np.isnan(result["alpha"].iloc[0]) and result["n_units"].iloc[0] == 2
    with pytest.raises(ValueError, match=r"^level must be one of: nominal, .*; got 'fuzzy'$"):
        krippendorff_alpha(_codes([[1, 0], [1, 0]]), level="fuzzy")


# ---------------------------------------------------------------- P/R/F1


def test_frame_agreement_known_answer():
    human = pd.DataFrame(
        {
            "unit_id": ["a", "b", "c", "d", "a", "b", "c", "d", "a", "a"],
            "frame": ["x"] * 4 + ["y"] * 4 + ["x", "x"],
            "code": [1, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            "coder": ["h1"] * 8 + ["h2", "h3"],
        }
    )
    # x: unit a coded 1,1,0 -> majority 1; gold x = a1 b1 c0 d0. y: all 0.
    auto = pd.DataFrame(
        {"unit_id": ["a", "c", "c"], "frame": ["x", "x", "y"], "present": [1, 1, 1]}
    )
    before_auto, before_human = auto.copy(), human.copy()
    table = frame_agreement(auto, human).set_index("frame")
    pd.testing.assert_frame_equal(auto, before_auto)
    pd.testing.assert_frame_equal(human, before_human)
    # x: tp=a, fp=c, fn=b -> P=1/2, R=1/2, F1=1/2
    assert table.loc["x", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert table.loc["x", ["support", "n_predicted", "n_units"]].tolist() == [2, 2, 4]
    # y: no human positives, one false positive -> P=0, recall undefined, F1=0
    assert table.loc["y", "precision"] == 0 and np.isnan(table.loc["y", "recall"])
    assert table.loc["y", "f1"] == 0
    # macro: precision mean(0.5, 0) = 0.25; recall only x = 0.5; f1 mean(0.5, 0) = 0.25
    assert table.loc["macro", ["precision", "recall", "f1"]].tolist() == [0.25, 0.5, 0.25]
    assert table.loc["macro", "support"] == 2


def test_frame_agreement_tie_counts_as_absent():
    human = pd.DataFrame(
        {"unit_id": ["a", "a"], "frame": ["x", "x"], "code": [1, 0], "coder": ["h1", "h2"]}
    )
    auto = pd.DataFrame({"unit_id": ["a"], "frame": ["x"], "present": [0]})
    row = frame_agreement(auto, human).iloc[0]
    assert row["support"] == 0 and row["n_predicted"] == 0 and np.isnan(row["f1"])


# ---------------------------------------------------------------- command line


def _cli(argv):
    import argparse

    from analysis.coding import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_sheet_then_alpha(tmp_path, sample_corpus_path, capsys):
    out = tmp_path / "sheet.csv"
    assert _cli(["coding", "sheet", str(sample_corpus_path), "--out", str(out), "--n", "4"]) == 0
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(sheet) == 4 and "history" in sheet.columns and (sheet["coder"] == "").all()
    for coder, codes in (("ann", ["1", "1", "0", "0"]), ("bob", ["1", "0", "0", "0"])):
        sheet.assign(coder=coder, history=codes).to_csv(tmp_path / f"{coder}.csv", index=False)
    assert _cli(["coding", "alpha", str(tmp_path / "ann.csv"), str(tmp_path / "bob.csv")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "frame,alpha,n_units,n_coders"
    assert printed[1].startswith("history,0.533") and printed[1].endswith(",4,2")
