"""BigKinds (the Korean Press Foundation's news archive) Excel export, and plain ``.xlsx`` tables.

A BigKinds search result downloaded as Excel has one row per article with the
columns 뉴스 식별자 (id), 일자 (date, ``20190822``), 언론사 (outlet), 기고자 (byline),
제목 (title), 통합 분류1-3, 사건/사고 분류1-3, 인물, 위치, 기관, 키워드,
특성추출(가중치순 상위 50개), 본문, URL and 분석제외 여부. Its 본문 is an excerpt of
about 200 characters, not the article, so ``text_complete`` is False; every outlet
in BigKinds is a Korean one (``outlet_country`` KR). The other columns are kept as
``bigkinds_*`` metadata. An ``.xlsx`` without these columns is read as a plain table
(one document per row, like a CSV).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.corpus.errors import fail
from analysis.corpus.readers.common import Read

__all__ = ["BIGKINDS_COLUMNS", "read_bigkinds"]

BIGKINDS_COLUMNS = {
    "뉴스 식별자": "doc_id", "일자": "published", "언론사": "outlet", "기고자": "byline",
    "제목": "title", "본문": "text", "URL": "url", "통합 분류1": "bigkinds_category_1",
    "통합 분류2": "bigkinds_category_2", "통합 분류3": "bigkinds_category_3",
    "사건/사고 분류1": "bigkinds_incident_1", "사건/사고 분류2": "bigkinds_incident_2",
    "사건/사고 분류3": "bigkinds_incident_3", "인물": "bigkinds_persons",
    "위치": "bigkinds_locations", "기관": "bigkinds_organisations", "키워드": "bigkinds_keywords",
    "특성추출(가중치순 상위 50개)": "bigkinds_features", "분석제외 여부": "bigkinds_excluded",
}  # fmt: skip
_SIGNATURE = {"뉴스 식별자", "일자", "언론사", "제목", "본문"}


def _sheet(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 - openpyxl/zipfile raise many types for a bad file
        raise fail(path.name, f"not a readable Excel file ({type(exc).__name__}: {exc})") from None
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    frame = frame.dropna(how="all").reset_index(drop=True)
    if frame.empty:
        raise fail(path.name, "no documents (no rows)")
    return frame


def read_bigkinds(path: Path) -> Read:
    """A BigKinds export (or a plain table); rows are counted from 1 without the header."""
    frame = _sheet(path)
    where = [f"row {i}" for i in range(1, len(frame) + 1)]
    if not _SIGNATURE <= set(frame.columns):
        return Read(frame, where, "xlsx")
    renamed = frame.rename(columns=BIGKINDS_COLUMNS)
    renamed = renamed.assign(
        outlet_country="KR",
        kind="news",
        text_complete="false",  # 본문 is a ~200-character excerpt
        published=renamed["published"].str.strip(),
    )
    return Read(renamed, where, "bigkinds", strict_columns=False)
