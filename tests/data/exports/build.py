# ruff: noqa: E501 - fixture text in Korean is wider than it is long
"""Build the binary export fixtures (Nexis Uni .docx, BigKinds .xlsx) from the text below.

    .venv/bin/python tests/data/exports/build.py

The text is written for the tests (tests/data/README.md); the layout follows the
formats' documented structure. Zip members get a fixed timestamp and the documents fixed
core properties, so a rebuild writes the same bytes and a diff shows only real changes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2020, 1, 1)

NEXIS_COVER = [
    "Date and Time: Monday, 2. March 2020 10:15:00 CET",
    "Job Number: 00000042",
    "Documents (3)",
    "1. Seoul to end intelligence pact with Tokyo",
    "2. Japan protests South Korean decision",
    "3. Editorial: A costly quarrel",
    "Client/Matter: -None-",
    "Search Terms: GSOMIA",
    "Search Type: Natural Language",
    "Narrowed by: ",
    "Content Type",
    "Narrowed by",
    "News",
    "Sources: The Korea Times; The Japan Times; Content Type: News",
]
NEXIS_ARTICLES = [
    {
        "head": ["Seoul to end intelligence pact with Tokyo", "The Korea Times",
                 "August 22, 2019 Thursday 9:20 PM GMT+9",
                 "Copyright 2019 The Korea Times All Rights Reserved"],
        "fields": ["Section: NATIONAL; Pg. 1", "Length: 98 words", "Byline: Lee Min-ho"],
        "body": ["South Korea said Thursday it would end a military intelligence-sharing pact "
                 "with Japan, a decision that officials linked to Tokyo's export controls.",
                 "The pact will lapse in November unless the two governments find a way to "
                 "settle the dispute, a presidential official said."],
        "tail": ["Classification", "Language: ENGLISH", "Publication-Type: Newspaper",
                 "Subject: INTERNATIONAL RELATIONS (90%); NATIONAL SECURITY (88%)",
                 "Geographic: SEOUL, SOUTH KOREA (92%); JAPAN (90%)",
                 "Load-Date: August 23, 2019"],
    },
    {
        "head": ["Japan protests South Korean decision", "The Japan Times",
                 "August 23, 2019 Friday", "Copyright 2019 The Japan Times Ltd."],
        "fields": ["Section: NATIONAL", "Length: 74 words", "Byline: Jane Morita",
                   "Dateline: TOKYO"],
        "body": ["Japan lodged a protest on Friday over South Korea's decision to end the "
                 "intelligence-sharing pact, calling it extremely regrettable.",
                 "The foreign minister summoned the South Korean ambassador, the ministry said."],
        "tail": ["Load-Date: August 24, 2019"],
    },
    {
        "head": ["Editorial: A costly quarrel", "The Korea Times", "August 2019"],
        "fields": ["Section: OPINION", "Length: 45 words"],
        "body": ["Neither government gains from a quarrel that now reaches into security. "
                 "Both should return to talks before the pact lapses."],
        "tail": [],
    },
]  # fmt: skip

BIGKINDS_HEADER = [
    "뉴스 식별자", "일자", "언론사", "기고자", "제목", "통합 분류1", "통합 분류2", "통합 분류3",
    "사건/사고 분류1", "사건/사고 분류2", "사건/사고 분류3", "인물", "위치", "기관", "키워드",
    "특성추출(가중치순 상위 50개)", "본문", "URL", "분석제외 여부",
]  # fmt: skip
BIGKINDS_ROWS = [
    ["01100101.20190822193000001", "20190822", "경향신문", "김서연 기자",
     "정부, 지소미아 종료 결정", "정치>외교", "국제>일본", "", "", "", "", "", "서울,일본",
     "청와대,국가안전보장회의", "지소미아,종료,일본,수출규제", "지소미아,종료,일본",
     "정부가 22일 한일 군사정보보호협정(지소미아)을 종료하기로 결정했다. 청와대는 이날 "
     "국가안전보장회의 상임위원회를 열고 일본의 수출 규제로 안보 협력 환경이 크게 바뀌었다고 밝혔다...",
     "https://www.khan.co.kr/politics/article/201908221930001", ""],
    ["02100201.20190823060000002", "20190823", "한겨레", "박준호",
     "일본 \"매우 유감\"…한국 대사 초치", "국제>일본", "", "", "", "", "", "고노 다로", "도쿄",
     "일본 외무성", "일본,유감,대사,초치", "일본,유감",
     "일본 정부는 23일 한국 정부의 지소미아 종료 결정에 대해 매우 유감이라며 "
     "남관표 주일 한국대사를 초치해 항의했다...", "https://www.hani.co.kr/arti/politics/201908230600002", ""],
    ["08100401.20190823070000003", "20190823", "KBS", "",
     "일본 \"매우 유감\"…한국 대사 초치", "국제>일본", "", "", "", "", "", "", "도쿄", "",
     "일본,유감", "일본,유감", "일본 정부가 한국의 지소미아 종료 결정에 유감을 표명했다...",
     "https://news.kbs.co.kr/news/view.do?ncd=201908230700003", "중복"],
]  # fmt: skip


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every member dated ``FIXED`` (reproducible bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2020-01-01T00:00:00Z",
                    data,
                )
            dst.writestr(info, data)
    return out.getvalue()


def build_nexis(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = FIXED
    for line in NEXIS_COVER:
        document.add_paragraph(line)
    for article in NEXIS_ARTICLES:
        document.add_paragraph("")
        for line in [*article["head"], "", *article["fields"], "Body", ""]:
            document.add_paragraph(line.replace(": ", ":\u00a0", 1) if ":" in line else line)
        for paragraph in article["body"]:
            document.add_paragraph(paragraph)
            document.add_paragraph("")
        for line in article["tail"]:
            document.add_paragraph(line.replace(": ", ":\u00a0", 1))
        document.add_paragraph("End of Document")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def build_bigkinds(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = FIXED
    sheet = book.active
    sheet.title = "sheet"
    sheet.append(BIGKINDS_HEADER)
    for row in BIGKINDS_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


if __name__ == "__main__":
    build_nexis(HERE / "nexis_uni.docx")
    build_bigkinds(HERE / "bigkinds.xlsx")
