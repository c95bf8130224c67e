"""Bad-input matrix for the corpus loaders and the ``corpus`` command (docs/bad_input.md).

Every case either raises one ``CorpusError`` line naming file, row/line and
field, or loads with the documented behaviour. A hypothesis property checks
that arbitrary Unicode and bytes never raise anything else.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import cli, config
from analysis.corpus import CorpusError, load_corpus

# case id -> (file name, content bytes, expected error regex)
ERRORS = {
    "empty-csv": ("e.csv", b"", r"^e\.csv: no documents \(empty file\)$"),
    "empty-jsonl": ("e.jsonl", b"\n\n", r"^e\.jsonl: no documents \(empty file\)$"),
    "header-only": ("h.csv", b"doc_id,text\n", r"^h\.csv: no documents \(header only\)$"),
    "missing-column": (
        "m.csv",
        b"id,title\n1,x\n",
        r"^m\.csv: field 'text': missing required column\(s\) 'text' \(found: 'id', 'title'\)$",
    ),
    "wrong-type-text": (
        "t.jsonl",
        b'{"id": "a", "text": 5}\n',
        r"^t\.jsonl: line 1, field 'text': expected text, got int 5$",
    ),
    "wrong-type-id": (
        "i.jsonl",
        b'{"id": 1.5, "text": "x"}\n',
        r"^i\.jsonl: line 1, field 'doc_id': expected text, got float 1\.5$",
    ),
    "wrong-type-date": (
        "d.jsonl",
        b'{"id": "a", "text": "x", "published": 2019.5}\n',
        r"^d\.jsonl: line 1, field 'published': expected a date, got float 2019\.5$",
    ),
    "wrong-type-flag": (
        "f.csv",
        b"id,text,text_complete\na,x,maybe\n",
        r"^f\.csv: row 1, field 'text_complete': expected true/false, got 'maybe'$",
    ),
    "unparseable-date": (
        "u.csv",
        b"id,text,published\na,x,2019-01-01\nb,y,next Tuesday\n",
        r"^u\.csv: row 2, field 'published': unparseable date 'next Tuesday' "
        r"\(expected e\.g\. 2019-08-22, Aug 22, 2019, 2019\.08\.22, 2019年8月22日, "
        r"2019-08 or 2019\)$",
    ),
    "ambiguous-date": (
        "am.csv",
        b"id,text,published\na,x,03/04/2019\n",
        r"^am\.csv: row 1, field 'published': ambiguous date '03/04/2019' "
        r"\(day/month order unknown; write YYYY-MM-DD\)$",
    ),
    "impossible-date": (
        "p.csv",
        b"id,text,published\na,x,2019-02-30\n",
        r"^p\.csv: row 1, field 'published': impossible date '2019-02-30' \(day is out of range",
    ),
    "impossible-month": (
        "q.jsonl",
        b'{"id": "a", "text": "x", "published": "2019-13-40"}\n',
        r"^q\.jsonl: line 1, field 'published': impossible date '2019-13-40'",
    ),
    "out-of-range-date": (
        "o.csv",
        b"id,text,published\na,x,0001-01-01\n",
        r"^o\.csv: row 1, field 'published': date out of range '0001-01-01'",
    ),
    "non-utf8": (
        "n.csv",
        b"id,text\na,ok\nb,caf\xe9\n",
        r"^n\.csv: line 3: undecodable byte 0xe9 at byte offset 18 \(not UTF-8\)$",
    ),
    "duplicate-id": (
        "dup.csv",
        b"id,text\na,x\nb,y\na,z\n",
        r"^dup\.csv: row 3, field 'doc_id': duplicate id 'a' \(first in dup\.csv, row 1\)$",
    ),
    "empty-text": ("et.csv", b"id,text\na,x\nb,\n", r"^et\.csv: row 2, field 'text': empty text$"),
    "null-text": (
        "nt.jsonl",
        b'{"id": "a", "text": null}\n',
        r"^nt\.jsonl: line 1, field 'text': empty text$",
    ),
    "blank-text": (
        "bt.jsonl",
        b'{"id": "a", "text": " \\n\\t "}\n',
        r"^bt\.jsonl: line 1, field 'text': empty text$",
    ),
    "missing-id": (
        "mi.csv",
        b"id,text\n,x\n",
        r"^mi\.csv: row 1, field 'doc_id': missing document id$",
    ),
    "null-id": (
        "ni.jsonl",
        b'{"id": 1, "text": "x"}\n{"id": null, "text": "y"}\n',
        r"^ni\.jsonl: line 2, field 'doc_id': missing document id$",
    ),
    "invalid-json": ("j.jsonl", b'{"id": "a", "text": "x"\n', r"^j\.jsonl: line 1: invalid JSON"),
    "json-not-object": (
        "a.jsonl",
        b"[1, 2]\n",
        r"^a\.jsonl: line 1: expected a JSON object, got list$",
    ),
    "extra-fields": (
        "x.csv",
        b"id,text\na,x,y,z\n",
        r"^x\.csv: malformed CSV \(a row has more fields",
    ),
    "repeated-header": (
        "r.csv",
        b"id,text,text\na,x,y\n",
        r"^r\.csv: line 1, field 'text': column name repeated in the header$",
    ),
    "alias-conflict": (
        "al.csv",
        b"id,doc_id,text\na,b,x\n",
        r"^al\.csv: field 'doc_id': both 'id' and 'doc_id'",
    ),
    "unclosed-quote": ("uq.csv", b'id,text\na,"never closed\n', r"^uq\.csv: malformed CSV"),
    "not-parquet": (
        "bad.parquet",
        b"PAR1 not really",
        r"^bad\.parquet: not a readable Parquet file",
    ),
    "unsupported-type": ("c.pdf", b"x", r"^c\.pdf: unsupported file type"),
    "page-without-body": (
        "page.txt",
        b"\n\n",
        r"^page\.txt: no article \(no line reads as running text: navigation or empty page\)$",
    ),
    "navigation-only-page": (
        "nav.txt",
        "Skip to main content\n\nMenu\n\n본문 바로가기\n\nText Size\n\nWorld\nPolitics\n".encode(),
        r"^nav\.txt: no article \(no line reads as running text",
    ),
    "not-excel": ("c.xlsx", b"x", r"^c\.xlsx: not a readable Excel file"),
    "not-docx": ("n.docx", b"x", r"^n\.docx: not a readable DOCX file"),
    "not-rtf": ("f.rtf", b"plain text", r"^f\.rtf: not an RTF file"),
    "unknown-columns-target": (
        "uc.csv",
        b"body,date\nx,2019\n",
        r"^columns: unknown target 'txt' \(valid: doc_id, text, title, byline, outlet,",
    ),
    "missing-mapped-column": (
        "mm.csv",
        b"id,body\na,x\n",
        r"^mm\.csv: column 'content' \(mapped to 'text'\) not found \(found: 'id', 'body'\)$",
    ),
}

# cases given a column mapping (the --columns option)
COLUMNS = {"unknown-columns-target": "txt=body", "missing-mapped-column": "text=content"}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_error_cases_raise_one_line(tmp_path, case):
    name, data, pattern = ERRORS[case]
    path = _write(tmp_path, name, data)
    with pytest.raises(CorpusError) as err:
        load_corpus(path, columns=COLUMNS.get(case))
    message = str(err.value)
    assert "\n" not in message
    assert re.search(pattern, message), message
    assert path.read_bytes() == data  # input never modified


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_cli_error_cases_exit_2_with_one_line(tmp_path, capsys, case):
    name, data, _ = ERRORS[case]
    path = _write(tmp_path, name, data)
    out = tmp_path / "out.csv"
    option = ["--columns", COLUMNS[case]] if case in COLUMNS else []
    assert cli.main(["corpus", str(path), "--out", str(out), *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert not out.exists()
    assert path.read_bytes() == data


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"nope\.csv: no such file or folder$"):
        load_corpus(tmp_path / "nope.csv")
    (tmp_path / "README.md").write_text("not a corpus")
    with pytest.raises(CorpusError, match=r"no corpus files in folder"):
        load_corpus(tmp_path)


def test_page_dump_non_utf8_names_line(tmp_path):
    path = _write(tmp_path, "p.txt", b"Title\n\nBody ok.\n" + b"\xff\xfe bad\n")
    with pytest.raises(
        CorpusError, match=r"^p\.txt: line 4: undecodable byte 0xff at byte offset 16"
    ):
        load_corpus(path)


# ---- documented, counted behaviours -------------------------------------------------


def test_utf8_bom_is_dropped(tmp_path):
    path = _write(tmp_path, "bom.csv", b"\xef\xbb\xbfid,text\na,\xef\xbb\xbfhello\n")
    docs = load_corpus(path)
    assert docs["doc_id"].tolist() == ["a"]  # header read as 'id', not '\ufeffid'
    assert docs["text"].tolist() == ["hello"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_crlf_becomes_lf(tmp_path, suffix):
    if suffix == ".csv":
        data = b'id,text\r\na,"line one\r\nline two"\r\n'
    else:
        data = b'{"id": "a", "text": "line one\\r\\nline two"}\r\n'
    docs = load_corpus(_write(tmp_path, "crlf" + suffix, data))
    assert docs["text"].tolist() == ["line one\nline two"]


def test_ten_megabyte_single_line_loads(tmp_path):
    words = "Korea Japan summit talks trade export ministers agreed the of ".split()
    text = " ".join(words[i % 10] + str(i % 997) for i in range(1_300_000))[:10_000_000]
    path = _write(tmp_path, "big.jsonl", json.dumps({"id": "big", "text": text}).encode())
    docs = load_corpus(path)
    assert docs["n_chars"].tolist() == [10_000_000]
    assert docs["language"].tolist() == ["en"]


def test_html_markup_is_kept_as_text_and_counted(tmp_path):
    html = '<p onclick="alert(1)">Talks <b>resumed</b></p><script>alert(2)</script>'
    path = _write(tmp_path, "h.jsonl", json.dumps({"id": "h", "text": html}).encode())
    docs = load_corpus(path)
    assert docs["text"].tolist() == [html]
    assert docs.attrs["load_report"]["n_html"] == 1


def test_null_and_empty_dates_are_nat_and_counted(tmp_path):
    data = b'{"id":"a","text":"x","published":null}\n{"id":"b","text":"y","published":""}\n'
    docs = load_corpus(_write(tmp_path, "n.jsonl", data))
    assert docs["published"].isna().all()
    assert docs.attrs["load_report"]["n_undated"] == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("윤석열 대통령은 기시다 후미오 총리와 정상회담을 했다.", "ko"),
        ("岸田総理大臣は尹錫悦大統領と首脳会談を行った。", "ja"),
        ("The talks were called 정상회담 by Seoul and 懇談 by Tokyo.", "en"),  # mixed: majority
        # 23 Hangul letters vs 18 Latin and 2 Han: Korean by majority
        (
            "정상회담 (summit) 과 懇談 (informal talk) 의 차이는 무엇인가 하는 질문이 계속되었다",
            "ko",
        ),
    ],
)
def test_korean_japanese_and_mixed_text_load_with_language(tmp_path, text, language):
    path = _write(tmp_path, "k.csv", f"id,text\na,{text}\n".encode())
    docs = load_corpus(path)
    assert docs["text"].tolist() == [text]
    assert docs["language"].tolist() == [language]


def test_parquet_typed_columns(tmp_path):
    frame = pd.DataFrame(
        {
            "id": [1, 2],
            "text": ["a b", "c d"],
            "published": pd.to_datetime(["2020-01-01", None]),
            "text_complete": [True, None],
        }
    )
    path = tmp_path / "t.parquet"
    frame.to_parquet(path)
    docs = load_corpus(path)
    assert docs["doc_id"].tolist() == ["1", "2"]
    assert docs["published"].iat[0] == pd.Timestamp("2020-01-01")
    assert docs["text_complete"].tolist()[0] is True


def test_parquet_wrong_type_names_row(tmp_path):
    path = tmp_path / "w.parquet"
    pd.DataFrame({"id": ["a", "b"], "text": ["ok", "ok"], "title": [None, [1, 2]]}).astype(
        {"title": object}
    ).to_parquet(path)
    with pytest.raises(CorpusError, match=r"^w\.parquet: row 2, field 'title': expected text"):
        load_corpus(path)


def test_every_case_is_in_the_documented_table():
    table = (config.PROJECT_ROOT / "docs" / "bad_input.md").read_text(encoding="utf-8")
    for case in ERRORS:
        assert f"`{case}`" in table, case


# ---- property: arbitrary input raises nothing but CorpusError -------------------------

_cells = st.one_of(st.none(), st.text(max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_cells, _cells, _cells, _cells), min_size=1, max_size=5))
def test_arbitrary_csv_cells_only_raise_corpus_error(rows):
    frame = pd.DataFrame(rows, columns=["id", "text", "published", "title"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.csv"
        frame.to_csv(path, index=False)
        try:
            docs = load_corpus(path)
        except CorpusError as exc:
            assert "\n" not in str(exc)
        else:
            assert docs["doc_id"].is_unique and docs["text"].notna().all()


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["id", "text", "published", "text_complete", "x"]), _json),
        min_size=1,
        max_size=4,
    )
)
def test_arbitrary_json_values_only_raise_corpus_error(records):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        try:
            load_corpus(path)
        except CorpusError as exc:
            assert "\n" not in str(exc)


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=200),
    st.sampled_from([".csv", ".jsonl", ".txt", ".parquet", ".html", ".docx", ".rtf", ".xlsx"]),
)
def test_arbitrary_bytes_only_raise_corpus_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"h{suffix}"
        path.write_bytes(data)
        try:
            load_corpus(path)
        except CorpusError as exc:
            assert "\n" not in str(exc)


def test_sidecar_without_file_column(tmp_path):
    _write(tmp_path, "page.txt", b"Headline\n\nBody text of the page.\n")
    _write(tmp_path, "sources.csv", b"name,url\npage.txt,https://example.org\n")
    with pytest.raises(CorpusError, match=r"^sources\.csv: field 'file': missing column"):
        load_corpus(tmp_path)


def test_sidecar_rows_for_absent_pages_are_ignored(tmp_path):
    _write(tmp_path, "page.txt", b"Headline\n\nBody text of the page.\n")
    _write(tmp_path, "sources.csv", b"file,url\nother.txt,https://example.org/o\n")
    docs = load_corpus(tmp_path)
    assert docs["title"].tolist() == ["Headline"]
    assert docs["url"].isna().all()
