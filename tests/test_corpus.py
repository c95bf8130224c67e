"""analysis.corpus: loading the sample corpus and every format into one schema."""

from __future__ import annotations

import hashlib
import json
import logging

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import config
from analysis.corpus import (
    CORPUS_COLUMNS,
    DERIVED_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    CorpusError,
    corpus_files,
    load_corpus,
    read_text,
    validate_corpus,
)

SEED_ID = "business-standard-2022-09-22-yoon-kishida"


@pytest.fixture(scope="module")
def sample():
    return load_corpus()


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_sample_corpus_shape_and_columns(sample):
    assert len(sample) == 60  # 59 official texts + the seed page
    assert tuple(sample.columns[: len(CORPUS_COLUMNS)]) == CORPUS_COLUMNS
    assert sample["doc_id"].is_unique
    assert set(sample.columns[len(CORPUS_COLUMNS) :]) == {
        "wire", "dateline", "notes",
    }  # fmt: skip


def test_schema_column_groups_partition_the_schema():
    assert set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS + DERIVED_COLUMNS) == set(CORPUS_COLUMNS)
    assert len(CORPUS_COLUMNS) == len(set(CORPUS_COLUMNS))


def test_sample_dtypes(sample):
    dtypes = sample.dtypes.astype(str).to_dict()
    for column in ("doc_id", "title", "text", "outlet", "url", "license", "language"):
        assert dtypes[column] == "string", column
    assert dtypes["published"] == "datetime64[ns]"
    assert dtypes["text_complete"] == "boolean"
    assert dtypes["is_duplicate"] == "boolean"
    assert dtypes["n_chars"] == "Int64"


def test_sample_counts_match_the_shared_readme(sample):
    official = sample[sample["source_file"] == "korea_japan_official_2018_2024.jsonl"]
    assert official["outlet_country"].value_counts().to_dict() == {
        "JP": 24, "US": 19, "KR": 14, "INTL": 2,
    }  # fmt: skip
    assert official["kind"].value_counts().to_dict() == {
        "statement": 28, "official_readout": 16, "news": 13, "encyclopedia": 2,
    }  # fmt: skip
    assert int(official["text_complete"].sum()) == 15
    assert int(sample["published"].isna().sum()) == 5  # null dates kept as NaT
    assert (sample["language"] == "en").all()
    assert not sample["is_duplicate"].any()
    assert sample["url"].notna().sum() == 59  # the seed page has no url
    assert sample["license"].notna().all()


def test_sample_seed_row(sample):
    seed = sample.set_index("doc_id").loc[SEED_ID]
    assert (
        seed["title"]
        == "Leaders of South Korea, Japan agree to work towards improving partnerships"
    )
    assert seed["outlet"] == "Business Standard"
    assert seed["outlet_country"] == "IN"
    assert seed["wire"] == "AP"
    assert seed["dateline"] == "Seoul (South Korea)"
    assert seed["published"] == pd.Timestamp("2022-09-22 10:13")  # the page's IST wall clock
    assert seed["published_utc_offset"] == 330 and seed["published_precision"] == "day"
    assert seed["source_format"] == "pagedump" and not seed["is_extraction_suspect"]
    assert seed["kind"] == "news"
    assert bool(seed["text_complete"]) is True
    assert seed["pair_group"] == "P2022-09-new-york"
    assert seed["text"].startswith("The leaders of South Korea and Japan agreed to accelerate")
    assert seed["text"].endswith("South Korea-Japan-China summit.")
    assert seed["n_chars"] == len(seed["text"])
    assert seed["source_file"] == f"{SEED_ID}.txt"


def test_sample_official_row_known_values(sample):
    row = sample.set_index("doc_id").loc["mofa-jp-2018-08-02-fm-kono-kang-singapore"]
    assert row["outlet"] == "MOFA Japan"
    assert row["published"] == pd.Timestamp("2018-08-02")
    assert row["pair_group"] == "P2018-08-02-fm-singapore"
    assert row["license"].startswith("PDL 1.0")
    korean = sample.set_index("doc_id").loc["mofa-kr-2018-08-02-fm-kang-kono-singapore"]
    assert "inSingapore" in korean["text"]  # source typos are kept verbatim


def test_loading_never_modifies_input_files(sample_corpus_path):
    before = _digests(sample_corpus_path)
    load_corpus(sample_corpus_path)
    assert _digests(sample_corpus_path) == before


def test_folder_skips_licence_readme_sidecar_and_event_pairs(sample_corpus_path):
    names = [p.name for p in corpus_files(sample_corpus_path)]
    assert names == [f"{SEED_ID}.txt", "korea_japan_official_2018_2024.jsonl"]


def _records():
    return [
        {"id": "a", "title": "Summit", "text": "Leaders met in Seoul.", "published": "2023-05-07",
         "outlet": "MOFA Japan", "text_complete": True, "region": "east"},
        {"id": "b", "title": None, "text": "한국과 일본의 정상이 만났다.", "published": None,
         "outlet": "MOFA Korea", "text_complete": False, "region": "west"},
    ]  # fmt: skip


@pytest.fixture()
def three_formats(tmp_path):
    frame = pd.DataFrame(_records())
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _records()) + "\n")
    csv = tmp_path / "docs.csv"
    frame.to_csv(csv, index=False)
    parquet = tmp_path / "docs.parquet"
    frame.to_parquet(parquet)
    return jsonl, csv, parquet


def test_jsonl_csv_parquet_load_identically(three_formats):
    frames = [load_corpus(p).drop(columns=["source_file", "source_format"]) for p in three_formats]
    for other in frames[1:]:
        pdt.assert_frame_equal(frames[0], other)
    first = frames[0]
    assert first["doc_id"].tolist() == ["a", "b"]  # alias id -> doc_id
    assert first["language"].tolist() == ["en", "ko"]
    assert first["published"].tolist()[0] == pd.Timestamp("2023-05-07")
    assert pd.isna(first["published"].tolist()[1])
    assert first["text_complete"].tolist() == [True, False]
    assert first["region"].tolist() == ["east", "west"]  # extra columns kept as metadata
    assert pd.isna(first["url"]).all()  # optional columns default to NA


def test_csv_output_of_the_cli_loads_back_identically(sample, tmp_path):
    path = tmp_path / "normalised.csv"
    sample[list(CORPUS_COLUMNS)].to_csv(path, index=False)
    again = load_corpus(path)
    columns = [c for c in CORPUS_COLUMNS if c not in ("source_file", "source_format")]
    pdt.assert_frame_equal(again[columns], sample[columns])


def test_validate_corpus_normalises_a_frame_without_mutating_it():
    raw = pd.DataFrame(
        {
            "id": [1, 2],
            "text": ["Cafe\u0301 talks\r\nin Tokyo", "日本と韓国"],
            "date": ["2019-07-01", ""],
        }
    )
    before = raw.copy(deep=True)
    docs = validate_corpus(raw)
    pdt.assert_frame_equal(raw, before)
    assert docs["doc_id"].tolist() == ["1", "2"]
    assert docs["text"].tolist()[0] == "Caf\u00e9 talks\nin Tokyo"  # NFC, CRLF -> LF
    assert docs["language"].tolist() == ["en", "ja"]
    assert docs["n_chars"].tolist() == [19, 5]
    assert docs["source_file"].tolist() == ["<DataFrame>", "<DataFrame>"]


def test_validate_corpus_names_the_source_and_row():
    raw = pd.DataFrame({"doc_id": ["a", "b"], "text": ["fine", "  "]})
    with pytest.raises(CorpusError, match=r"^mine: row 2, field 'text': empty text$"):
        validate_corpus(raw, source="mine")


def test_exclude_duplicates_argument(tmp_path):
    text = "The two foreign ministers agreed to meet again before the end of the year in Tokyo."
    path = tmp_path / "d.csv"
    pd.DataFrame(
        {
            "doc_id": ["x", "y", "z"],
            "text": [text, text.upper(), "Other text here."],
            "published": ["2020-01-02", "2020-01-01", ""],
        }
    ).to_csv(path, index=False)
    flagged = load_corpus(path)
    assert flagged["duplicate_of"].tolist()[0] == "y"  # y was published first
    assert load_corpus(path, exclude_duplicates=True)["doc_id"].tolist() == ["y", "z"]


def test_duplicates_left_unchecked_are_na_not_false(tmp_path, caplog):
    text = "The two foreign ministers agreed to meet again before the end of the year in Tokyo."
    path = tmp_path / "d.csv"
    pd.DataFrame({"doc_id": ["x", "y"], "text": [text, text.upper()]}).to_csv(path, index=False)
    checked = load_corpus(path)
    with caplog.at_level("INFO", logger="analysis.corpus"):
        unchecked = load_corpus(path, check_duplicates=False)
    assert checked["is_duplicate"].tolist() == [False, True]
    assert unchecked["is_duplicate"].isna().all() and unchecked["duplicate_of"].isna().all()
    assert unchecked["duplicate_similarity"].isna().all()
    assert unchecked["is_duplicate"].dtype == checked["is_duplicate"].dtype
    assert list(unchecked.columns) == list(checked.columns)
    other = [c for c in checked.columns if not c.startswith(("is_duplicate", "duplicate"))]
    pd.testing.assert_frame_equal(unchecked[other], checked[other])
    assert unchecked.attrs["load_report"]["n_duplicates"] is None
    assert checked.attrs["load_report"]["n_duplicates"] == 1
    assert "unchecked duplicates" in caplog.text
    with pytest.raises(ValueError, match="check_duplicates"):
        load_corpus(path, exclude_duplicates=True, check_duplicates=False)


def test_declared_language_disagreement_is_logged(tmp_path, caplog):
    path = tmp_path / "lang.csv"
    path.write_text("doc_id,text,language\na,Plain English text,ko\nb,More English,en\n")
    with caplog.at_level(logging.WARNING, logger="analysis.corpus"):
        docs = load_corpus(path)
    assert docs["language"].tolist() == ["en", "en"]
    assert "1 declared languages differ" in caplog.text


def test_folder_of_page_dumps_uses_the_sidecar(tmp_path, seed_path):
    (tmp_path / "page.txt").write_text(seed_path.read_text(encoding="utf-8"))
    (tmp_path / "sources.csv").write_text("file,url,kind\npage.txt,https://example.org/p,news\n")
    docs = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["page"]
    assert docs["url"].tolist() == ["https://example.org/p"]
    assert docs["wire"].tolist() == ["AP"]


def test_duplicate_ids_across_files_name_both(tmp_path):
    (tmp_path / "a.csv").write_text("doc_id,text\nx,one\n")
    (tmp_path / "b.jsonl").write_text(
        '{"doc_id": "y", "text": "two"}\n{"doc_id": "x", "text": "three"}\n'
    )
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert (
        str(err.value)
        == "b.jsonl: line 2, field 'doc_id': duplicate id 'x' (first in a.csv, row 1)"
    )


def test_read_text_strips_bom_and_normalises_line_ends(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbfa\r\nb\rc\n")
    assert read_text(path) == "a\nb\nc\n"


def test_default_path_is_the_sample_folder():
    assert config.SAMPLE_CORPUS.is_dir()
    assert len(load_corpus(None)) == len(load_corpus(config.SAMPLE_CORPUS))


# sha256 of the sample's source files, recorded when they were copied verbatim from the
# project's sources (the 59 official texts, their event pairs and the seed page): a change
# to any of them is a change to the sample corpus and must be made on purpose, here too.
SAMPLE_SHA256 = {
    "korea_japan_official_2018_2024.jsonl": (
        "d2df1218bcc2b019c8ca6c26aafeb51a099d8619e454e9006ea90ddde3abe43f"
    ),
    "event_pairs.json": "c253dc575874fd62a3fe447506d86b580e5bb0b656c8cb2cbf001f02296550fc",
    f"{SEED_ID}.txt": "2a8c52dbb89510c1729fc84f62f40bf9aeeadedde51c1ed9167d2dd66fb9737e",
}


@pytest.mark.parametrize(("sample_name", "digest"), sorted(SAMPLE_SHA256.items()))
def test_sample_files_match_their_recorded_checksums(sample_name, digest):
    data = (config.SAMPLE_DIR / sample_name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest


# ---- a folder of saved pages: one bad page is named and counted, the rest load --------


@pytest.fixture()
def page_folder(tmp_path, test_data):
    for page in (test_data / "pages").glob("*.txt"):
        (tmp_path / page.name).write_bytes(page.read_bytes())
    (tmp_path / "latin1.txt").write_bytes("Headline\n\nCafé talks resumed.\n".encode("latin-1"))
    cut = "Trade talks to resume\n\n" + "Seoul and Tokyo agreed on Monday to resume talks.\n\n"
    cut += "Related\n\n" + "\n\n".join(["Officials said a meeting would follow in Tokyo."] * 3)
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    return tmp_path


def test_folder_with_bad_pages_loads_the_rest_and_names_them(page_folder):
    before = {p.name: p.read_bytes() for p in page_folder.iterdir()}
    with pytest.warns(UserWarning) as warned:
        docs = load_corpus(page_folder)
    report = docs.attrs["load_report"]
    assert len(docs) == 13  # twelve outlets + the cut page
    assert report["n_skipped"] == 2
    assert report["skipped"] == [
        "latin1.txt: line 3: undecodable byte 0xe9 at byte offset 13 (not UTF-8)",
        "navigation_only.txt: no article (no line reads as running text: navigation or empty page)",
    ]
    assert str(warned[0].message).startswith(f"{page_folder.name}: 2 skipped: latin1.txt: ")
    assert {p.name: p.read_bytes() for p in page_folder.iterdir()} == before


def test_folder_pages_get_countries_languages_and_the_suspect_count(page_folder):
    with pytest.warns(UserWarning):
        docs = load_corpus(page_folder).set_index("doc_id")
    assert docs["outlet_country"].fillna("-").to_dict() == {
        "abc": "-", "ap": "US", "bbc": "GB", "cut": "-", "japantimes": "JP",
        "joongang": "KR", "kbs": "KR", "koreaherald": "KR", "kyodo": "JP", "nhk": "JP",
        "nikkei": "JP", "reuters": "GB", "yonhap": "KR",
    }  # fmt: skip
    assert docs.loc["abc", "outlet"] == "ABC News" and pd.isna(docs.loc["abc", "outlet_country"])
    assert docs["language"].value_counts().to_dict() == {"en": 9, "ko": 2, "ja": 2}
    assert docs.loc["cut", "is_extraction_suspect"]
    assert docs.attrs["load_report"]["n_extraction_suspect"] == 1
    assert (docs["source_format"] == "pagedump").all()


def test_single_navigation_page_is_an_error_not_a_document(test_data):
    with pytest.raises(CorpusError, match=r"^navigation_only\.txt: no article"):
        load_corpus(test_data / "pages" / "navigation_only.txt")
