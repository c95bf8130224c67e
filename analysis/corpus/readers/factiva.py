"""Factiva exports (HTML and RTF, "Full Article/Report plus Indexing"): one document per article.

Factiva labels every field with a two- or three-letter code (as in the samples of the
R package tm.plugin.factiva): ``HD`` headline, ``BY`` byline, ``WC`` word count,
``PD`` publication date, ``ET`` time, ``SN`` source name, ``SC`` source code, ``LA``
language, ``CY`` copyright, ``LP`` lead paragraph(s), ``TD`` text, ``SE`` section,
``NS``/``RE``/``CO``/``IN`` subject, region, company, industry codes, ``PUB``
publisher, ``AN`` accession number ("Document KORHER0020190822ef8m0000a").

- **HTML**: each article is a ``<div class="article ...Article">`` holding a table
  of ``code | value`` rows; paragraphs are ``<p class="articleParagraph ...">``;
- **RTF**: the same codes, each on its own line (or ``CODE|value`` table cells as
  RTF-to-text gives them), the value on the following lines.

``doc_id`` is the accession number (``<file stem>-<n>`` without one); ``text`` is LP
then TD; ``license`` is the CY notice; the other codes are kept as ``factiva_*``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.corpus.dates import search_date, to_iso
from analysis.corpus.errors import fail
from analysis.corpus.readers.common import Read, byline_name, read_text, with_outlet_country

__all__ = ["looks_like_factiva_html", "read_factiva_html", "read_factiva_rtf"]

CODES = (
    "HD", "CLM", "SE", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY",
    "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "ART", "NGC",
    "GC",
)  # fmt: skip
_TEXT_CODES = ("LP", "TD")
_SCHEMA = {"HD": "title", "BY": "byline", "SN": "outlet", "CY": "license"}
_ARTICLE_CLASS = re.compile(r"class=[\"']article [a-z]{2}Article", re.I)
_CODE_LINE = re.compile(rf"^\s*({'|'.join(CODES)})\s*(?:[|\t]\s*(.*?)\s*\|?\s*)?$")


def looks_like_factiva_html(head: str) -> bool:
    """True for a Factiva HTML export (article divs with field-code tables)."""
    return _ARTICLE_CLASS.search(head) is not None and ">HD<" in head.replace("&nbsp;", "")


def _record(path: Path, number: int, fields: dict[str, list[str]]) -> dict:
    value = {code: " ".join(" ".join(parts).split()) for code, parts in fields.items()}
    accession = re.sub(r"^Document\s+", "", value.get("AN", "")).strip()
    record = {"doc_id": accession or f"{path.stem}-{number:03d}", "kind": "news"}
    record["text_complete"] = "true"
    for code, column in _SCHEMA.items():
        if value.get(code):
            record[column] = byline_name(value[code]) if code == "BY" else value[code]
    date = search_date(" ".join(filter(None, [value.get("PD"), value.get("ET")])))
    if date:
        record["published"] = to_iso(date)
    elif value.get("PD"):
        record["factiva_date"] = value["PD"]  # kept verbatim: a date we cannot read
    paragraphs = [p for code in _TEXT_CODES for p in fields.get(code, []) if p.strip()]
    record["text"] = "\n".join(" ".join(p.split()) for p in paragraphs)
    for code in fields:
        if code not in _SCHEMA and code not in _TEXT_CODES + ("AN", "PD") and value[code]:
            record[f"factiva_{code.lower()}"] = value[code]
    return with_outlet_country(record)


def _finish(path: Path, articles: list[dict[str, list[str]]], fmt: str) -> Read:
    records, where, skipped = [], [], []
    for i, fields in enumerate(articles, start=1):
        record = _record(path, i, fields)
        if not record["text"]:
            skipped.append((f"article {i}", "no LP/TD text"))
            continue
        records.append(record)
        where.append(f"article {i}")
    if not records:
        raise fail(path.name, "no Factiva articles with text (no HD ... LP/TD fields found)")
    return Read(pd.DataFrame(records), where, fmt, strict_columns=False, skipped=skipped)


def read_factiva_html(path: Path) -> Read:
    """A Factiva HTML export: one row per ``div.article``."""
    import lxml.html

    tree = lxml.html.fromstring(read_text(path).encode("utf-8"))
    articles = []
    for div in tree.xpath("//div[starts-with(@class, 'article')]"):
        fields: dict[str, list[str]] = {}
        for row in div.xpath(".//tr"):
            cells = row.xpath("./td")
            if len(cells) < 2:
                continue
            code = re.sub(r"[^A-Z]", "", cells[0].text_content())
            if code not in CODES:
                continue
            paras = cells[1].xpath(".//p")
            parts = [p.text_content() for p in paras] if paras else [cells[1].text_content()]
            fields.setdefault(code, []).extend(parts)
        if fields:
            articles.append(fields)
    return _finish(path, articles, "factiva_html")


def _rtf_text(path: Path) -> str:
    from striprtf.striprtf import rtf_to_text

    raw = read_text(path)
    if not raw.lstrip().startswith("{\\rtf"):
        raise fail(path.name, "not an RTF file (it does not start with '{\\rtf')")
    try:
        return rtf_to_text(raw, errors="strict")
    except (UnicodeDecodeError, LookupError, ValueError) as exc:
        raise fail(path.name, f"unreadable RTF ({type(exc).__name__}: {exc})") from None


def read_factiva_rtf(path: Path) -> Read:
    """A Factiva RTF export: one row per article (a new article starts at each ``HD``)."""
    articles: list[dict[str, list[str]]] = []
    code = None
    for line in _rtf_text(path).split("\n"):
        match = _CODE_LINE.match(line)
        if match:
            code = match[1]
            if code == "HD" or not articles:
                articles.append({})
            articles[-1].setdefault(code, [])
            if match[2]:
                articles[-1][code].append(match[2])
        elif code and line.strip():
            articles[-1][code].append(line.strip().strip("|").strip())
    return _finish(path, articles, "factiva_rtf")
