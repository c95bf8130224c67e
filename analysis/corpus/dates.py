"""Dates as sources write them: ISO, "Aug 22, 2019", "2019.08.22", "2019年8月22日", ...

``parse_date(value)`` reads one cell; ``search_date(text)`` finds the first date inside
a line of a page or an archive export ("Published : Aug. 22, 2019 - 16:51",
"입력 2019.08.22 10:15"). Both return a ``ParsedDate``:

- ``stamp``: the date and, when the source gives one, the time of day **as the source
  prints it** (the outlet's wall clock), naive. A month-only date is stored on the
  1st, a year-only date on 1 January, and ``precision`` says so;
- ``precision``: ``"day"``, ``"month"`` or ``"year"``;
- ``utc_offset``: minutes east of UTC when the source names a zone or an offset
  (``+09:00``, ``Z``, ``GMT``, ``KST``, ``JST``, ...), else None. The UTC instant is
  ``stamp - utc_offset``. Local time is kept rather than UTC because the calendar day
  a paper printed is the day that matters in an event window: 08:00 KST on the 22nd is
  23:00 UTC on the 21st.

Numeric dates whose day/month order is unknown (``03/04/2019``) are refused
(``DateError``), never guessed; so are relative dates ("yesterday") and impossible
ones (2019-02-30). The caller turns a ``DateError`` into a ``CorpusError`` naming
file, row and field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

__all__ = ["PRECISIONS", "DateError", "ParsedDate", "parse_date", "search_date", "to_iso"]

PRECISIONS = ("day", "month", "year")
FIRST_YEAR, LAST_YEAR = 1678, 2261  # the range of datetime64[ns]

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Zone abbreviations whose offset is unambiguous in this field's sources (minutes east of UTC).
ZONES = {
    "z": 0, "utc": 0, "gmt": 0, "kst": 540, "jst": 540, "ist": 330, "hkt": 480, "sgt": 480,
    "est": -300, "edt": -240, "pst": -480, "pdt": -420, "bst": 60, "cet": 60, "cest": 120,
    "aest": 600, "aedt": 660,
}  # fmt: skip


class DateError(ValueError):
    """A value that is not a date this module reads; the message describes the problem."""


@dataclass(frozen=True)
class ParsedDate:
    """A date as the source gives it (see the module docstring)."""

    stamp: pd.Timestamp
    precision: str
    utc_offset: int | None = None


_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ZONE = (
    r"(?P<zone>Z|(?:UTC|GMT)?\s?[+-]\d{1,2}(?::?\d{2})?|"
    + "|".join(z.upper() for z in ZONES if z != "z")
    + r"|[A-Z]{2,4})"
)
_TIME = (
    r"(?:(?:T|\s*[,|@(-]?\s*(?:at\s+)?)(?P<ampm1>오전|오후|午前|午後)?\s*"
    r"(?P<hour>\d{1,2})\s*[:時시]\s*(?P<minute>\d{2})(?:\s*[:分분]\s*(?P<second>\d{2})"
    r"(?:\.\d{1,9})?)?\s*[分분]?\s*(?P<ampm2>[AaPp]\.?\s?[Mm]\.?)?(?:\s*\(?" + _ZONE + r"\)?)?)?"
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\b\.?,?"
    r"|[(（][月火水木金土日월화수목금토일](?:요일|曜日)?[)）]|[월화수목금토일]요일|[月火水木金土日]曜日?",
    re.IGNORECASE,
)
_PATTERNS = [
    # 2019-08-22, 2019-08-22T10:15:00+09:00, 2019.08.22, 2019/8/22, 2019. 8. 22.
    re.compile(
        r"(?P<year>\d{4})\s*(?P<sep>[-./])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})"
        r"(?!\d)\.?" + _TIME
    ),
    # 2019年8月22日 / 2019년 8월 22일 (day optional: month precision)
    re.compile(
        r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월](?:\s*(?P<day>\d{1,2})\s*[日일])?"
        + _TIME
    ),
    # Aug 22, 2019 / August 22 2019 / Aug. 22, 2019 - 16:51
    re.compile(
        r"\b" + _MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>\d{4})\b" + _TIME,
        re.IGNORECASE,
    ),
    # 22 August 2019 / 22 Aug. 2019
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b" + _TIME,
        re.IGNORECASE,
    ),
    # 18:51 August 22, 2019 / 7:13 AM GMT+9, August 22, 2019 (time first)
    re.compile(
        r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*"
        r"(?P<ampm2>[AaPp]\.?\s?[Mm]\.?)?\s*(?:"
        + _ZONE
        + r")?,?\s+"
        + _MONTH
        + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>\d{4})\b",
        re.IGNORECASE,
    ),
    # August 2019 (month precision)
    re.compile(r"\b" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    # 2019-08, 2019.08 (month precision); 2019年 / 2019년 (year)
    re.compile(r"(?P<year>\d{4})\s*[-./]\s*(?P<month>\d{1,2})(?![\d./-])\.?"),
    re.compile(r"(?P<year>\d{4})\s*[年년](?!\s*\d)"),
]
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")  # BigKinds 20190822
_YEAR = re.compile(r"(?P<year>\d{4})")
_AMBIGUOUS = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    return " ".join(_WEEKDAY.sub(" ", text).split()).strip(" ,")


def _offset(zone: str | None) -> int | None:
    if not zone:
        return None
    zone = zone.strip()
    key = zone.casefold()
    if key in ZONES:
        return ZONES[key]
    match = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2})(?::?(\d{2}))?", zone, re.IGNORECASE)
    if not match:
        return None  # an abbreviation we do not know (ET, CST): the time is kept, no offset
    sign = 1 if match[1] == "+" else -1
    return sign * (int(match[2]) * 60 + int(match[3] or 0))


def _hour(match: re.Match) -> int:
    hour = int(match["hour"])
    groups = match.groupdict()
    marker = (
        (groups.get("ampm1") or groups.get("ampm2") or "")
        .replace(".", "")
        .replace(" ", "")
        .casefold()
    )
    if marker in ("pm", "오후", "午後") and hour < 12:
        hour += 12
    elif marker in ("am", "오전", "午前") and hour == 12:
        hour = 0
    return hour


def _build(match: re.Match, text: str) -> ParsedDate:
    groups = match.groupdict()
    year = int(groups["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(f"date out of range {text!r} (years {FIRST_YEAR}-{LAST_YEAR})")
    month = MONTHS[groups["mon"].casefold()] if groups.get("mon") else groups.get("month")
    day = groups.get("day")
    precision = "day" if day else "month" if month else "year"
    try:
        stamp = datetime(year, int(month or 1), int(day or 1))
        if groups.get("hour") is not None:
            stamp = stamp.replace(
                hour=_hour(match), minute=int(groups["minute"]), second=int(groups["second"] or 0)
            )
    except ValueError as exc:
        raise DateError(f"impossible date {text!r} ({exc})") from None
    offset = _offset(groups.get("zone")) if groups.get("hour") is not None else None
    if groups.get("zone") == "Z" and groups.get("hour") is None:
        offset = 0
    return ParsedDate(pd.Timestamp(stamp), precision, offset)


def _from_object(value: object) -> ParsedDate:
    stamp = pd.Timestamp(value)
    offset = None
    if stamp.tzinfo is not None:
        offset = int(stamp.utcoffset().total_seconds() // 60)
        stamp = stamp.tz_localize(None)
    if not FIRST_YEAR <= stamp.year <= LAST_YEAR:
        raise DateError(f"date out of range {str(value)!r} (years {FIRST_YEAR}-{LAST_YEAR})")
    return ParsedDate(stamp.as_unit("ns"), "day", offset)


def _from_int(value: int) -> ParsedDate:
    text = str(value)
    for pattern in (_COMPACT, _YEAR):
        match = pattern.fullmatch(text)
        if match:
            return _build(match, text)
    raise DateError(f"expected a date, got int {value}")


def parse_date(value: object) -> ParsedDate | None:
    """One cell as a date; None for an empty cell.

    Args:
        value: a string, ``datetime``/``date``/``Timestamp``, or an integer year (2019)
            or compact day (20190822); None/NaN/NaT/"" are "no date".

    Returns:
        ``ParsedDate`` (stamp, precision, utc_offset) or None.

    Raises:
        DateError: not a date (message names the value and the problem).
    """
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, datetime | date | pd.Timestamp | np.datetime64):
        return _from_object(value)
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return _from_int(int(value))
    if not isinstance(value, str):
        raise DateError(f"expected a date, got {type(value).__name__} {value!r}")
    text = _clean(value)
    if not text:
        return None
    for pattern in (*_PATTERNS, _COMPACT, _YEAR):
        match = pattern.fullmatch(text)
        if match:
            return _build(match, value.strip())
    if _AMBIGUOUS.fullmatch(text):
        raise DateError(
            f"ambiguous date {value.strip()!r} (day/month order unknown; write YYYY-MM-DD)"
        )
    raise DateError(
        f"unparseable date {value.strip()!r} (expected e.g. 2019-08-22, Aug 22, 2019, "
        "2019.08.22, 2019年8月22日, 2019-08 or 2019)"
    )


def search_date(text: str) -> ParsedDate | None:
    """The first full date (with a year) inside ``text``, or None; impossible dates are skipped.

    Used on page lines and archive headers, where a date sits among labels and times.
    """
    cleaned = _clean(text)
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(cleaned):
            found.append(match)
            break
    for match in sorted(found, key=lambda m: (m.start(), -(m.end() - m.start()))):
        try:
            return _build(match, match.group(0))
        except DateError:
            continue
    return None


def to_iso(parsed: ParsedDate) -> str:
    """``parsed`` written back as text that ``parse_date`` reads to the same value."""
    if parsed.precision == "year":
        return f"{parsed.stamp.year:04d}"
    if parsed.precision == "month":
        return f"{parsed.stamp.year:04d}-{parsed.stamp.month:02d}"
    stamp = parsed.stamp
    if stamp == stamp.normalize() and parsed.utc_offset is None:
        return stamp.strftime("%Y-%m-%d")
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    if parsed.utc_offset is not None:
        sign = "+" if parsed.utc_offset >= 0 else "-"
        hours, minutes = divmod(abs(parsed.utc_offset), 60)
        text += f"{sign}{hours:02d}:{minutes:02d}"
    return text
