"""Nexis Uni / LexisNexis exports: many articles per file, one document each.

Two layouts (as in the R package LexisNexisTools' sample files):

- **DOCX** (Nexis Uni): a cover page ("Date and Time:", "Documents (10)", the
  list of titles), then per article: title, publication, date line ("July 1, 2019
  Monday 9:20 AM GMT"), an optional copyright line, fields ("Section:", "Length:",
  "Byline:", "Dateline:", "Highlight:"), ``Body``, the paragraphs, an optional
  ``Classification`` block ("Language:", "Publication-Type:", "Subject:", ...),
  "Load-Date:" and ``End of Document``;
- **TXT** (LexisNexis Academic): a request header, then per article "N of M
  DOCUMENTS", the publication and the date line centred, the title, "BYLINE:",
  "SECTION:", "LENGTH:", the hard-wrapped body, trailing fields ("LOAD-DATE:",
  "LANGUAGE:", "PUBLICATION-TYPE:", ...) and the centred copyright notice.

``doc_id`` is ``<file stem>-<article number>``; ``title``, ``outlet``, ``published``
(with time and zone when given), ``byline``, ``license`` (the copyright notice) and
``text`` map to the schema; section, length, load date, language, subjects, ... are
kept as ``nexis_*`` metadata. An article without a body is skipped and named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.corpus.dates import search_date, to_iso
from analysis.corpus.errors import fail
from analysis.corpus.readers.common import Read, read_text, with_outlet_country

__all__ = ["looks_like_nexis_txt", "read_nexis_docx", "read_nexis_txt"]

_TXT_SPLIT = re.compile(r"^\s*(\d+)\s+of\s+(\d+)\s+DOCUMENTS\s*$", re.M)
_TXT_FIELD = re.compile(r"^([A-Z][A-Z-]+(?: [A-Z]+)?):\s?(.*)$")
_DOCX_FIELD = re.compile(r"^([A-Z][A-Za-z-]+(?: [A-Za-z]+)?):\s*(.*)$")
_TRAILING = (
    "load-date", "language", "graphic", "publication-type", "journal-code", "url",
    "subject", "geographic", "organization", "person", "industry", "ticker", "correction-date",
    "notes", "document-type", "classification", "company", "city", "state", "country",
)  # fmt: skip
_LEADING = ("section", "length", "byline", "dateline", "highlight", "edition", "series")
_COLUMNS = {"byline": "byline", "section": "nexis_section", "length": "nexis_length",
            "dateline": "nexis_dateline", "highlight": "nexis_highlight",
            "load-date": "nexis_load_date", "language": "nexis_language",
            "publication-type": "nexis_publication_type", "subject": "nexis_subject",
            "geographic": "nexis_geographic", "organization": "nexis_organization",
            "person": "nexis_person", "journal-code": "nexis_journal_code",
            "graphic": "nexis_graphic", "url": "url"}  # fmt: skip


def looks_like_nexis_txt(head: str) -> bool:
    """True for a LexisNexis TXT export ("1 of 10 DOCUMENTS" near the top)."""
    return _TXT_SPLIT.search(head) is not None


def _record(path: Path, number: int, fields: dict, body: list[str]) -> dict:
    record = {"doc_id": f"{path.stem}-{number:03d}", "kind": "news", "text_complete": "true"}
    for key, value in fields.items():
        column = _COLUMNS.get(key, key if key in ("title", "outlet", "license") else None)
        if column and value:
            record[column] = value
    date = search_date(fields.get("date", ""))
    if date:
        record["published"] = to_iso(date)
    elif fields.get("date"):
        record["nexis_date"] = fields["date"]  # kept verbatim: not a date we can read
    record["text"] = "\n".join(body)
    return with_outlet_country(record)


def _paragraphs(lines: list[str]) -> list[str]:
    """Hard-wrapped lines joined into paragraphs (blank lines separate them)."""
    paras, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paras.append(" ".join(current))
            current = []
    return paras


def _txt_article(path: Path, number: int, block: str) -> dict:
    lines = block.split("\n")
    first_field = next((i for i, ln in enumerate(lines) if _TXT_FIELD.match(ln)), len(lines))
    head = [ln for ln in lines[:first_field]]
    centred = [ln.strip() for ln in head if ln.startswith("  ") and ln.strip()]
    title = _paragraphs([ln for ln in head if not ln.startswith("  ")])
    fields = {
        "outlet": centred[0] if centred else None,
        "date": centred[1] if len(centred) > 1 else "",
    }
    fields["title"] = title[0] if title else None
    body, trailer, at = [], False, first_field
    for line in lines[first_field:]:
        match = _TXT_FIELD.match(line)
        key = match[1].casefold() if match else None
        if key in _LEADING and not any(ln.strip() for ln in body) or key in _TRAILING:
            trailer = trailer or key in _TRAILING
            fields[key] = match[2].strip()
            at = key
        elif trailer and line.startswith("  ") and line.strip():
            fields["license"] = " ".join(filter(None, [fields.get("license"), line.strip()]))
        elif trailer and line.strip() and at in fields:
            fields[at] += " " + line.strip()  # a trailing field's wrapped continuation
        elif not trailer:
            body.append(line)
    return _record(path, number, fields, _paragraphs(body))


def read_nexis_txt(path: Path) -> Read:
    """A LexisNexis TXT export: one row per "N of M DOCUMENTS" block."""
    text = read_text(path)
    marks = list(_TXT_SPLIT.finditer(text))
    records, where, skipped = [], [], []
    for i, mark in enumerate(marks, start=1):
        end = marks[i].start() if i < len(marks) else len(text)
        record = _txt_article(path, i, text[mark.end() : end])
        if not record["text"].strip():
            skipped.append((f"article {i}", "no body text"))
            continue
        records.append(record)
        where.append(f"article {i}")
    if not records:
        raise fail(path.name, "no articles with a body in the Nexis export")
    return Read(pd.DataFrame(records), where, "nexis_txt", strict_columns=False, skipped=skipped)


def _docx_lines(path: Path) -> list[str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise fail(path.name, f"not a readable DOCX file ({exc})") from None
    return [" ".join(p.text.replace("\u00a0", " ").split()) for p in document.paragraphs]


def _docx_article(path: Path, number: int, lines: list[str]) -> dict | None:
    lines = [ln for ln in lines if ln]
    if "Body" not in lines:
        return None
    body_at = lines.index("Body")
    head = lines[:body_at]
    first_field = next(
        (
            i
            for i, ln in enumerate(head)
            if (m := _DOCX_FIELD.match(ln)) and m[1].casefold() in _LEADING
        ),
        len(head),
    )
    top = head[:first_field]
    fields: dict = {}
    if top and top[-1].casefold().startswith("copyright"):
        fields["license"] = top.pop()
    fields |= {"date": top[-1] if top else "", "outlet": top[-2] if len(top) > 1 else None}
    fields["title"] = top[-3] if len(top) > 2 else None
    for line in head[first_field:]:
        if match := _DOCX_FIELD.match(line):
            fields[match[1].casefold()] = match[2]
    body = []
    for line in lines[body_at + 1 :]:
        match = _DOCX_FIELD.match(line)
        if line == "Classification" or (match and match[1].casefold() in _TRAILING):
            for rest in lines[lines.index(line, body_at) :]:
                if (m := _DOCX_FIELD.match(rest)) and m[1].casefold() in _TRAILING:
                    fields[m[1].casefold()] = m[2]
            break
        body.append(line)
    return _record(path, number, fields, body)


def read_nexis_docx(path: Path) -> Read:
    """A Nexis Uni DOCX export: one row per article (split at "End of Document")."""
    lines = _docx_lines(path)
    blocks, current = [], []
    for line in lines:
        if line == "End of Document":
            blocks.append(current)
            current = []
        else:
            current.append(line)
    records, where, skipped = [], [], []
    for i, block in enumerate(blocks, start=1):
        record = _docx_article(path, i, block)
        if record is None or not record["text"].strip():
            skipped.append((f"article {i}", "no body text"))
            continue
        records.append(record)
        where.append(f"article {i}")
    if not records:
        raise fail(
            path.name, "no articles in the Nexis Uni export (no 'Body' ... 'End of Document')"
        )
    return Read(pd.DataFrame(records), where, "nexis_docx", strict_columns=False, skipped=skipped)
