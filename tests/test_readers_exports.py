"""Archive exports: Nexis Uni DOCX, LexisNexis TXT, Factiva HTML/RTF, BigKinds, Media Cloud.

Known answers read off the fixtures in tests/data/exports (README in tests/data): one
document per article, the export's metadata in the schema, the format recorded.
"""

from __future__ import annotations

import logging
import shutil
import zipfile

import pandas as pd
import pytest

from analysis.corpus import CorpusError, load_corpus

# file -> {doc_id: {column: expected}}; "text" is checked by its first and last words.
EXPECTED = {
    "nexis_uni.docx": {
        "nexis_uni-001": {
            "title": "Seoul to end intelligence pact with Tokyo", "byline": "Lee Min-ho",
            "outlet": "The Korea Times", "outlet_country": "KR",
            "published": pd.Timestamp("2019-08-22 21:20"), "published_utc_offset": 540,
            "published_precision": "day",
            "license": "Copyright 2019 The Korea Times All Rights Reserved",
            "nexis_section": "NATIONAL; Pg. 1", "nexis_load_date": "August 23, 2019",
            "nexis_subject": "INTERNATIONAL RELATIONS (90%); NATIONAL SECURITY (88%)",
            "text": ("South Korea said Thursday", "a presidential official said.", 2),
        },
        "nexis_uni-002": {
            "byline": "Jane Morita", "outlet": "The Japan Times", "outlet_country": "JP",
            "published": pd.Timestamp("2019-08-23"), "nexis_dateline": "TOKYO",
            "text": ("Japan lodged a protest on Friday", "the ministry said.", 2),
        },
        "nexis_uni-003": {
            "title": "Editorial: A costly quarrel", "published": pd.Timestamp("2019-08-01"),
            "published_precision": "month",
            "text": ("Neither government gains", "before the pact lapses.", 1),
        },
    },
    "lexisnexis.TXT": {
        "lexisnexis-001": {
            "title": "Seoul says door to talks with Tokyo stays open", "byline": "Choi Ji-won",
            "outlet": "The Korea Herald", "published": pd.Timestamp("2019-08-22"),
            "nexis_section": "NATIONAL", "nexis_length": "61 words",
            "license": "Copyright 2019 The Korea Herald All Rights Reserved",
            "text": ("South Korea said on Thursday that the door", "working level next month.", 2),
        },
        "lexisnexis-002": {
            "title": "Tokyo lodges protest over pact decision", "outlet": "The Japan Times",
            "nexis_graphic": "Foreign Minister Taro Kono speaks to reporters in Tokyo on Friday.",
            "text": ("Japan lodged a protest", "extremely regrettable.", 1),
        },
    },
    "factiva.html": {
        "KORHER0020190822ef8m0000a": {
            "title": "Seoul to end intelligence pact with Tokyo", "byline": "Choi Ji-won",
            "outlet": "The Korea Herald", "outlet_country": "KR",
            "published": pd.Timestamp("2019-08-22 19:30"), "factiva_sc": "KORHER",
            "factiva_se": "National", "factiva_pub": "Herald Corporation",
            "license": "(c) 2019 Herald Corporation. All rights reserved.", "language": "en",
            "text": ("South Korea said on Thursday", "remained open.", 3),  # LP then TD
        },
        "KYODO00020190822ef8m000b1": {
            "title": "韓国、日韓軍事情報協定の破棄を決定", "outlet": "共同通信",
            "outlet_country": "JP",
            "published": pd.Timestamp("2019-08-22"), "language": "ja",
            "text": ("【ソウル共同】韓国政府は22日", "再考を求める方針だ。", 2),
        },
    },
    "factiva.rtf": {
        "JPNTIM0020190823ef8n0000c": {
            "title": "Tokyo lodges protest over pact decision", "byline": "Jane Morita",
            "outlet": "The Japan Times", "published": pd.Timestamp("2019-08-23"),
            "license": "Copyright 2019 The Japan Times Ltd.",
            "text": ("Japan lodged a protest with South Korea on Friday over Seoul’s decision",
                     "misunderstanding of Japan’s export measures.", 3),
        },
        "YONHAP0020190824ef8o0000d": {
            "outlet": "Yonhap News Agency", "outlet_country": "KR",
            "text": ("South Korea said working-level talks", "resume next month.", 1),
        },
    },
    "bigkinds.xlsx": {
        "01100101.20190822193000001": {
            "title": "정부, 지소미아 종료 결정", "byline": "김서연 기자", "outlet": "경향신문",
            "outlet_country": "KR", "published": pd.Timestamp("2019-08-22"),
            "text_complete": False, "language": "ko", "bigkinds_category_1": "정치>외교",
            "bigkinds_organisations": "청와대,국가안전보장회의",
            "url": "https://www.khan.co.kr/politics/article/201908221930001",
            "text": ("정부가 22일 한일 군사정보보호협정", "크게 바뀌었다고 밝혔다...", 1),
        },
        "08100401.20190823070000003": {
            "outlet": "KBS", "bigkinds_excluded": "중복", "text_complete": False,
        },
    },
    "mediacloud.csv": {
        "8f3a1c": {
            "title": "S. Korea to end intel-sharing pact with Japan", "outlet": "The Korea Herald",
            "outlet_country": "KR", "mediacloud_media_name": "koreaherald.com",
            "published": pd.Timestamp("2019-08-22"), "text_complete": False,
            "text_source": "title", "kind": "news",
            "text": ("S. Korea to end", "pact with Japan", 1),  # the headline is all there is
        },
        "a1c9e0": {"outlet": "NHK", "outlet_country": "JP", "language": "ja"},
    },
}  # fmt: skip
FORMATS = {
    "nexis_uni.docx": ("nexis_docx", 3), "lexisnexis.TXT": ("nexis_txt", 2),
    "factiva.html": ("factiva_html", 2), "factiva.rtf": ("factiva_rtf", 2),
    "bigkinds.xlsx": ("bigkinds", 3), "mediacloud.csv": ("mediacloud", 3),
}  # fmt: skip
CASES = [(f, d, c) for f, docs in EXPECTED.items() for d, cols in docs.items() for c in cols]


@pytest.fixture(scope="module")
def exports(test_data):
    with pytest.warns(UserWarning, match="mediacloud.csv: row 4: no text and no title"):
        return {f: load_corpus(test_data / "exports" / f).set_index("doc_id") for f in FORMATS}


@pytest.mark.parametrize(("name", "doc_id", "column"), CASES)
def test_export_known_values(exports, name, doc_id, column):
    expected = EXPECTED[name][doc_id][column]
    value = exports[name].loc[doc_id, column]
    if column == "text":
        first, last, n_paragraphs = expected
        assert value.startswith(first) and value.endswith(last), value
        assert len(value.split("\n")) == n_paragraphs
    else:
        assert value == expected


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_one_document_per_article_and_the_format_recorded(exports, name):
    source_format, n_docs = FORMATS[name]
    docs = exports[name]
    assert len(docs) == n_docs and docs.index.is_unique
    assert (docs["source_format"] == source_format).all()
    assert (docs["source_file"] == name).all()
    assert docs["text"].str.len().gt(0).all()


def test_bigkinds_excerpts_are_marked_incomplete(exports):
    assert not exports["bigkinds.xlsx"]["text_complete"].any()  # 본문 is a 200-char excerpt


def test_mediacloud_headline_only_is_said_and_the_empty_story_named(test_data, caplog):
    with caplog.at_level(logging.WARNING, logger="analysis.corpus"):
        with pytest.warns(UserWarning) as warned:
            docs = load_corpus(test_data / "exports" / "mediacloud.csv")
    assert "3 documents use the headline as text" in caplog.text
    assert str(warned[0].message) == (
        "mediacloud.csv: 1 skipped: mediacloud.csv: row 4: no text and no title"
    )
    assert docs.attrs["load_report"]["n_skipped"] == 1


def test_mediacloud_with_a_text_column_uses_it(tmp_path):
    path = tmp_path / "mc.csv"
    path.write_text(
        "stories_id,publish_date,title,url,language,media_id,media_name,media_url,text\n"
        "1,2019-08-22 03:15:00,Pact ends,https://example.org/1,en,5,Example,example.org,"
        "Seoul ended the pact on Thursday.\n",
        encoding="utf-8",
    )
    docs = load_corpus(path)
    assert docs["text"].tolist() == ["Seoul ended the pact on Thursday."]
    assert docs["published"].tolist() == [pd.Timestamp("2019-08-22 03:15")]
    assert pd.isna(docs["text_complete"].iat[0])  # not stated, not guessed


def test_a_folder_of_exports_loads_together(test_data, tmp_path):
    for name in ("nexis_uni.docx", "factiva.html", "bigkinds.xlsx"):
        shutil.copy(test_data / "exports" / name, tmp_path / name)
    (tmp_path / "~$nexis_uni.docx").write_bytes(b"Office lock file")  # never a document
    docs = load_corpus(tmp_path)
    assert docs.attrs["load_report"]["source_formats"] == {
        "nexis_docx": 3, "bigkinds": 3, "factiva_html": 2,
    }  # fmt: skip
    assert len(docs) == 8 and docs["doc_id"].is_unique


def test_a_plain_xlsx_is_read_as_a_table(tmp_path):
    frame = pd.DataFrame({"id": ["a"], "body": ["Seoul and Tokyo met."], "date": ["Aug 22, 2019"]})
    frame.to_excel(tmp_path / "own.xlsx", index=False)
    docs = load_corpus(tmp_path / "own.xlsx")
    assert docs["text"].tolist() == ["Seoul and Tokyo met."]
    assert docs["published"].tolist() == [pd.Timestamp("2019-08-22")]
    assert docs["source_format"].tolist() == ["xlsx"]


def test_nexis_docx_without_articles_is_one_line(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Date and Time: Monday, 2. March 2020")
    document.save(tmp_path / "cover.docx")
    with pytest.raises(CorpusError, match=r"^cover\.docx: no articles in the Nexis Uni export"):
        load_corpus(tmp_path / "cover.docx")


def test_corrupt_docx_is_one_line(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as z:
        z.writestr("nothing.txt", "no word document here")
    with pytest.raises(CorpusError, match=r"^x\.docx: not a readable DOCX file"):
        load_corpus(tmp_path / "x.docx")


def test_factiva_unreadable_date_is_kept_verbatim(tmp_path, test_data):
    html = (test_data / "exports" / "factiva.html").read_text(encoding="utf-8")
    (tmp_path / "f.html").write_text(html.replace("22 August 2019", "22 août 2019"))
    docs = load_corpus(tmp_path / "f.html").set_index("doc_id")
    row = docs.loc["KORHER0020190822ef8m0000a"]
    assert pd.isna(row["published"]) and row["factiva_date"] == "22 août 2019"


def test_exports_are_not_modified(test_data):
    before = {p.name: p.read_bytes() for p in (test_data / "exports").iterdir()}
    with pytest.warns(UserWarning):  # the Media Cloud story without a title
        for name in FORMATS:
            load_corpus(test_data / "exports" / name)
    assert {p.name: p.read_bytes() for p in (test_data / "exports").iterdir()} == before
