"""analysis.corpus.dates: dates as sources write them, with precision and UTC offset."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import CorpusError, load_corpus
from analysis.corpus.dates import DateError, parse_date, search_date, to_iso

T = pd.Timestamp
# value -> (stamp, precision, utc_offset minutes)
KNOWN = {
    "2019-08-22": (T("2019-08-22"), "day", None),
    "Aug 22, 2019": (T("2019-08-22"), "day", None),
    "August 22, 2019": (T("2019-08-22"), "day", None),
    "Aug. 22, 2019": (T("2019-08-22"), "day", None),
    "22 August 2019": (T("2019-08-22"), "day", None),
    "22 Sept 2022": (T("2022-09-22"), "day", None),
    "Thursday, August 22, 2019": (T("2019-08-22"), "day", None),
    "2019.08.22": (T("2019-08-22"), "day", None),
    "2019. 8. 22.": (T("2019-08-22"), "day", None),
    "2019/8/22": (T("2019-08-22"), "day", None),
    "20190822": (T("2019-08-22"), "day", None),  # BigKinds 일자
    "2019年8月22日": (T("2019-08-22"), "day", None),
    "2019年8月22日 15時30分": (T("2019-08-22 15:30"), "day", None),
    "2019년 8월 22일": (T("2019-08-22"), "day", None),
    "2019년 8월 22일 오후 3:05": (T("2019-08-22 15:05"), "day", None),
    "2019-08": (T("2019-08-01"), "month", None),
    "August 2019": (T("2019-08-01"), "month", None),
    "2019年8月": (T("2019-08-01"), "month", None),
    "2019년 8월": (T("2019-08-01"), "month", None),
    "2019": (T("2019-01-01"), "year", None),
    "2019-08-22T08:15:00+09:00": (T("2019-08-22 08:15"), "day", 540),  # KST wall clock kept
    "2019-08-21T23:15:00Z": (T("2019-08-21 23:15"), "day", 0),
    "2019-08-22 10:15:00+0900": (T("2019-08-22 10:15"), "day", 540),
    "2019-08-22T10:15:00-04:00": (T("2019-08-22 10:15"), "day", -240),
    "July 1, 2019 Monday 9:20 AM GMT": (T("2019-07-01 09:20"), "day", 0),  # Nexis Uni
    "August 22, 2019 8:13 PM GMT+9": (T("2019-08-22 20:13"), "day", 540),  # Reuters
    "2019-08-22 10:15": (T("2019-08-22 10:15"), "day", None),  # no zone: offset unknown
}  # fmt: skip


@pytest.mark.parametrize("value", sorted(KNOWN))
def test_known_dates(value):
    parsed = parse_date(value)
    assert (parsed.stamp, parsed.precision, parsed.utc_offset) == KNOWN[value]
    assert parse_date(to_iso(parsed)) == parsed  # written back, read back the same


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("03/04/2019", "ambiguous date '03/04/2019' (day/month order unknown; write YYYY-MM-DD)"),
        ("22/08/2019", "ambiguous date"),  # never guessed, even when only one order is valid
        ("yesterday", "unparseable date 'yesterday'"),
        ("2019-02-30", "impossible date '2019-02-30' (day is out of range for month)"),
        ("2019年2月30日", "impossible date"),
        ("1500-01-01", "date out of range '1500-01-01' (years 1678-2261)"),
        (2019.5, "expected a date, got float 2019.5"),
        (True, "expected a date, got bool True"),
        (123, "expected a date, got int 123"),
    ],
)
def test_refused_dates(value, message):
    with pytest.raises(DateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(value)


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT])
def test_empty_is_no_date(value):
    assert parse_date(value) is None


def test_integers_and_timestamps():
    assert parse_date(2019).precision == "year"
    assert parse_date(20190822).stamp == T("2019-08-22")
    aware = parse_date(T("2019-08-22 10:00", tz="Asia/Seoul"))
    assert (aware.stamp, aware.utc_offset) == (T("2019-08-22 10:00"), 540)


@pytest.mark.parametrize(
    ("line", "stamp", "offset"),
    [
        ("Published : Aug. 22, 2019 - 17:11 Updated : Aug. 22, 2019 - 17:30",
         "2019-08-22 17:11", None),
        ("입력 2019.08.22 (19:00) 수정 2019.08.22 (21:16)", "2019-08-22 19:00", None),
        ("2019年08月22日 19時48分 (JST)", "2019-08-22 19:48", 540),
        ("Posted Thu 22 Aug 2019 at 9:51pm", "2019-08-22 21:51", None),
        ("Published 7:13 AM GMT+9, August 22, 2019", "2019-08-22 07:13", 540),
        ("National 18:51 August 22, 2019", "2019-08-22 18:51", None),
        ("First Published: Sep 22 2022 | 10:13 AM IST", "2022-09-22 10:13", 330),
    ],
)  # fmt: skip
def test_search_date_in_page_stamps(line, stamp, offset):
    found = search_date(line)
    assert (found.stamp, found.utc_offset) == (T(stamp), offset)


def test_search_date_needs_a_year():
    assert search_date("SEOUL, Aug. 22 (Yonhap) -- South Korea said") is None


def test_loaded_columns_carry_precision_and_offset(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "id,text,published\na,x,2019-08-22T08:15:00+09:00\nb,y,2019-08\nc,z,2019\nd,w,\n",
        encoding="utf-8",
    )
    docs = load_corpus(path)
    assert str(docs["published"].dtype) == "datetime64[ns]"
    assert docs["published_precision"].tolist()[:3] == ["day", "month", "year"]
    assert pd.isna(docs["published_precision"].iat[3])
    assert docs["published_utc_offset"].tolist()[0] == 540
    report = docs.attrs["load_report"]
    assert (report["n_month_precision"], report["n_year_precision"], report["n_undated"]) == (
        1,
        1,
        1,
    )


def test_a_stated_precision_is_kept_and_checked(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "id,text,published,published_precision\na,x,2019-08-01,month\nb,y,2019-08-22,month\n",
        encoding="utf-8",
    )
    with pytest.raises(
        CorpusError,
        match=r"^p\.csv: row 2, field 'published_precision': precision 'month' but the date "
        r"2019-08-22 is not the first day of its month$",
    ):
        load_corpus(path)
