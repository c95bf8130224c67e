"""One reader per input format, chosen by suffix and, where a suffix is shared, by content.

Every reader takes a path and returns a ``Read`` (``readers.common``): raw rows with
input-named columns, where each row came from, and the format name recorded in
``source_format``. Shared suffixes are sniffed from the file's first bytes:

- ``.txt``: a Nexis/LexisNexis export ("1 of 10 DOCUMENTS") or else a saved page;
- ``.csv``: a Media Cloud story list (``stories_id``/``id`` + ``media_name`` +
  ``publish_date``) or else a plain CSV;
- ``.html``/``.htm``: a Factiva export (``class="article ...Article"`` with field
  codes) or else a saved web page (trafilatura);
- ``.docx``: Nexis Uni; ``.rtf``: Factiva; ``.xlsx``: BigKinds (or a plain table).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from analysis.corpus.readers import (
    bigkinds,
    csv_json,
    factiva,
    html,
    mediacloud,
    nexis,
    pagedump,
    parquet,
)
from analysis.corpus.readers.common import Read, read_text

__all__ = ["PAGE_FORMATS", "SUPPORTED_SUFFIXES", "Read", "read_text", "reader_for"]

SUPPORTED_SUFFIXES = (
    ".jsonl", ".csv", ".parquet", ".txt", ".html", ".htm", ".docx", ".rtf", ".xlsx",
)  # fmt: skip
# One document per file: in a folder, a bad or empty one is skipped and counted.
PAGE_FORMATS = ("pagedump", "html")


def _head(path: Path, size: int = 65536) -> str:
    with open(path, "rb") as handle:
        return handle.read(size).decode("utf-8", errors="replace")


def reader_for(path: Path) -> tuple[str, Callable[[Path], Read]]:
    """``(format name, reader)`` for a supported file (suffix checked by the caller)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return "jsonl", csv_json.read_jsonl
    if suffix == ".parquet":
        return "parquet", parquet.read_parquet
    if suffix == ".csv":
        if mediacloud.looks_like_mediacloud(_head(path, 4096)):
            return "mediacloud", mediacloud.read_mediacloud
        return "csv", csv_json.read_csv
    if suffix == ".txt":
        if nexis.looks_like_nexis_txt(_head(path)):
            return "nexis_txt", nexis.read_nexis_txt
        return "pagedump", pagedump.read_page_dump
    if suffix in (".html", ".htm"):
        if factiva.looks_like_factiva_html(_head(path, 262144)):
            return "factiva_html", factiva.read_factiva_html
        return "html", html.read_html_page
    if suffix == ".docx":
        return "nexis_docx", nexis.read_nexis_docx
    if suffix == ".rtf":
        return "factiva_rtf", factiva.read_factiva_rtf
    return "bigkinds", bigkinds.read_bigkinds
