"""What every reader shares: strict UTF-8 text, the ``sources.csv`` sidecar, the result type."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.corpus.errors import fail

SIDECAR_NAME = "sources.csv"  # page metadata beside saved pages: file -> url, license, ...


@dataclass
class Read:
    """One input file as read: raw rows, where each came from, and the format.

    ``frame`` holds input-named columns (renamed to the schema by the loader); a reader
    of a fixed-layout format may set ``is_extraction_suspect``. ``where`` gives each
    row's location for messages (``"row 3"``, ``"line 7"``, ``"article 2"``, or ""
    for a one-document file). ``skipped`` lists ``(name, reason)`` of what was read
    but is not a document (a navigation-only page, an article without text).
    """

    frame: pd.DataFrame
    where: list[str]
    source_format: str
    strict_columns: bool = True  # tabular input: every mapped column must exist
    skipped: list[tuple[str, str]] = field(default_factory=list)


class NotADocument(Exception):
    """A page that holds no article (navigation only): skipped and counted, not an error."""


def read_text(path: Path) -> str:
    """File contents as strict UTF-8 with the BOM dropped and line ends normalised to LF."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            path.name,
            f"undecodable byte 0x{data[exc.start]:02x} at byte offset {exc.start} (not UTF-8)",
            where=f"line {line}",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(folder: Path) -> dict[str, dict]:
    """``sources.csv`` of a folder of pages as {file name: metadata}; {} when absent."""
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return {}
    stat = path.stat()
    return _sidecar_rows(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _sidecar_rows(path: Path, mtime_ns: int, size: int) -> dict[str, dict]:
    """Parsed once per folder and file version (a folder may hold thousands of pages)."""
    from analysis.corpus.readers.csv_json import read_csv

    read = read_csv(path)
    frame = read.frame
    if "file" not in frame.columns:
        raise fail(path.name, f"missing column (found: {list(frame.columns)})", field="file")
    rows = {}
    for record, loc in zip(frame.to_dict("records"), read.where, strict=True):
        if pd.isna(record["file"]):
            raise fail(path.name, "empty file name", where=loc, field="file")
        name = record.pop("file")
        rows[name] = {k: v for k, v in record.items() if not pd.isna(v)}
    return rows


def with_outlet_country(record: dict) -> dict:
    """``record`` with ``outlet_country`` from ``data/outlets.yaml`` when the outlet is known
    there and the source gave no country (the outlet name itself is kept as given)."""
    from analysis.corpus.outlets import outlet_by_name

    outlet = record.get("outlet")
    if isinstance(outlet, str) and not record.get("outlet_country"):
        found = outlet_by_name(outlet)
        if found and found[1]:
            return record | {"outlet_country": found[1]}
    return record


def byline_name(text: str | None) -> str | None:
    """A byline without a leading "By" ("By Jane Doe" -> "Jane Doe")."""
    if not text:
        return None
    return re.sub(r"(?i)^by[\s:]+", "", text.strip()).strip() or None


def one_page(record: dict, path: Path, source_format: str) -> Read:
    """A one-document file as a ``Read``; ``sources.csv`` beside it adds url, licence, ..."""
    record = with_outlet_country(record | read_sidecar(path.parent).get(path.name, {}))
    return Read(pd.DataFrame([record]), [""], source_format, strict_columns=False)
