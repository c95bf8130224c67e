"""Load, validate and normalise a corpus into the schema of docs/design.md.

``load_corpus(path)`` reads JSONL, CSV, Parquet or saved news pages (``.txt``,
parsed by ``analysis.pagedump``), or a folder of them, and returns one row per
document with ``CORPUS_COLUMNS`` first and every other input column after
them as metadata. Input files are only read, never written. A page dump's
``doc_id`` is its file stem, ``kind`` defaults to "news" and ``text_complete``
to True; ``sources.csv`` beside it (columns ``file`` plus any schema or
metadata column) adds url, licence, country, event, ...

Rules (also in docs/bad_input.md):

- bytes are decoded as strict UTF-8 (a BOM is dropped, CRLF/CR become LF);
  undecodable bytes are an error naming file, line and byte offset;
- ``REQUIRED_COLUMNS`` (``doc_id`` -- or its alias ``id`` -- and ``text``)
  must be present; ``OPTIONAL_COLUMNS`` default to NA; ``DERIVED_COLUMNS``
  are computed here (an input ``language`` is checked against detection and
  replaced, with a warning on disagreement);
- ``published`` is parsed strictly as ISO 8601 (``YYYY-MM-DD``, optionally
  with a time, kept as the date); empty/null -> NaT (counted);
  anything else, or an impossible date such as 2019-02-30, is an error;
- empty or whitespace-only ``text``, a missing ``doc_id``, a duplicate
  ``doc_id`` (within or across files) and values of the wrong type are errors;
- HTML markup in text is kept verbatim (counted): stripping tags
  would also eat legitimate ``<`` text; reports escape everything they show;
- errors are ``CorpusError`` (a ``ValueError``) with one line:
  ``FILE: row N, field 'x': problem`` (data rows counted from 1 without the
  header; JSONL: the file's ``line N``);
- the counts (documents, undated, duplicates, HTML-like) are logged and kept
  in ``docs.attrs["load_report"]``.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import re
import unicodedata
import warnings
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config, duplicates, io
from analysis.language import detect_language
from analysis.pagedump import parse_page_dump

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("doc_id", "text")
OPTIONAL_COLUMNS = tuple(
    "title outlet outlet_country published url kind license text_complete event pair_group".split()
)
DERIVED_COLUMNS = tuple(
    "language is_duplicate duplicate_of duplicate_similarity n_chars source_file".split()
)
CORPUS_COLUMNS = tuple(
    "doc_id title text outlet outlet_country published url kind license text_complete language"
    " event pair_group is_duplicate duplicate_of duplicate_similarity n_chars source_file".split()
)
COLUMN_ALIASES = {"id": "doc_id", "headline": "title", "body": "text", "date": "published"}
SUPPORTED_SUFFIXES = (".jsonl", ".csv", ".parquet", ".txt")
SIDECAR_NAME = "sources.csv"  # page-dump metadata: file -> url, license, kind, ...
IGNORED_NAMES = (SIDECAR_NAME, "event_pairs.json")  # plus README*, LICENSE*, hidden files

_STRING_FIELDS = tuple(
    c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c not in ("published", "text_complete")
)
_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


class CorpusError(ValueError):
    """Bad corpus input; the message is one line naming file, row/line and field."""


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fail(source: str, problem: str, *, where: str = "", field: str = "") -> CorpusError:
    parts = [p for p in (where, f"field '{field}'" if field else None) if p]
    location = f"{source}: {', '.join(parts)}: " if parts else f"{source}: "
    return CorpusError(" ".join((location + problem).split()))


def read_text(path: Path) -> str:
    """File contents as strict UTF-8 with the BOM dropped and line ends normalised to LF."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(
            path.name,
            f"undecodable byte 0x{data[exc.start]:02x} at byte offset {exc.start} (not UTF-8)",
            where=f"line {line}",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_jsonl(path: Path) -> tuple[pd.DataFrame, list[str]]:
    records, where = [], []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path.name, f"invalid JSON ({exc.msg})", where=f"line {number}") from None
        if not isinstance(record, dict):
            raise _fail(
                path.name,
                f"expected a JSON object, got {type(record).__name__}",
                where=f"line {number}",
            )
        records.append(record)
        where.append(f"line {number}")
    if not records:
        raise _fail(path.name, "no documents (empty file)")
    return pd.DataFrame(records, dtype=object), where  # keep JSON types: 1 stays int, not 1.0


def _read_csv(path: Path) -> tuple[pd.DataFrame, list[str]]:
    text = read_text(path)
    if not text.strip():
        raise _fail(path.name, "no documents (empty file)")
    header = next(csv.reader(StringIO(text)))
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise _fail(
            path.name, "column name repeated in the header", where="line 1", field=repeated[0]
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                index_col=False,
                engine="c",
            )
    except pd.errors.ParserWarning:
        raise _fail(path.name, "malformed CSV (a row has more fields than the header)") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise _fail(path.name, f"malformed CSV ({exc})") from None
    if frame.empty:
        raise _fail(path.name, "no documents (header only)")
    return frame, [f"row {i}" for i in range(1, len(frame) + 1)]


def _read_parquet(path: Path) -> tuple[pd.DataFrame, list[str]]:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many types for a bad file
        raise _fail(path.name, f"not a readable Parquet file ({exc})") from None
    if frame.empty:
        raise _fail(path.name, "no documents (no rows)")
    return frame.reset_index(drop=True), [f"row {i}" for i in range(1, len(frame) + 1)]


def _read_sidecar(folder: Path) -> dict[str, dict]:
    """``sources.csv`` of a page-dump folder as {file name: metadata}; {} when absent."""
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return {}
    stat = path.stat()
    return _sidecar_rows(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _sidecar_rows(path: Path, mtime_ns: int, size: int) -> dict[str, dict]:
    """Parsed once per folder and file version (a folder may hold thousands of pages)."""
    frame, where = _read_csv(path)
    if "file" not in frame.columns:
        raise _fail(path.name, f"missing column (found: {list(frame.columns)})", field="file")
    rows = {}
    for record, loc in zip(frame.to_dict("records"), where, strict=True):
        if pd.isna(record["file"]):
            raise _fail(path.name, "empty file name", where=loc, field="file")
        name = record.pop("file")
        rows[name] = {k: v for k, v in record.items() if not pd.isna(v)}
    return rows


def _read_page_dump(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """One saved news page -> one row; ``sources.csv`` beside it adds url, licence, ..."""
    record = {"kind": "news", "text_complete": "true"}  # a saved page holds the whole story
    parsed = parse_page_dump(read_text(path), source=path.name)
    record |= {k: v for k, v in parsed.items() if v is not None}
    record |= _read_sidecar(path.parent).get(path.name, {})  # explicit metadata beats layout
    return pd.DataFrame([record]), [""]


def _is_missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and np.isnan(value))
    )


def _clean_string(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.lstrip("\ufeff")


def _strings(values: list, field: str, source: str, where: list[str]) -> list:
    out = []
    for value, loc in zip(values, where, strict=True):
        if _is_missing(value):
            out.append(pd.NA)
        elif isinstance(value, str):
            out.append(_clean_string(value) if value.strip() else pd.NA)
        elif (
            field == "doc_id"
            and isinstance(value, (int, np.integer))
            and not isinstance(value, (bool, np.bool_))
        ):
            out.append(str(value))
        else:
            raise _fail(
                source,
                f"expected text, got {type(value).__name__} {_show(value)}",
                where=loc,
                field=field,
            )
    return out


def _date(value: object, field: str, source: str, loc: str) -> date | None:
    if _is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            day = datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError as exc:
            raise _fail(
                source, f"impossible date {_show(value)} ({exc})", where=loc, field=field
            ) from None
    elif isinstance(value, str):
        raise _fail(
            source, f"unparseable date {_show(value)} (expected YYYY-MM-DD)", where=loc, field=field
        )
    else:
        raise _fail(
            source,
            f"expected a date, got {type(value).__name__} {_show(value)}",
            where=loc,
            field=field,
        )
    if not 1678 <= day.year <= 2261:
        raise _fail(
            source, f"date out of range {_show(value)} (years 1678-2261)", where=loc, field=field
        )
    return day


def _flag(value: object, field: str, source: str, loc: str) -> object:
    if _is_missing(value) or (isinstance(value, str) and not value.strip()):
        return pd.NA
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, str) and value.strip().casefold() in _TRUE | _FALSE:
        return value.strip().casefold() in _TRUE
    if isinstance(value, int | np.integer) and value in (0, 1):
        return bool(value)
    raise _fail(source, f"expected true/false, got {_show(value)}", where=loc, field=field)


def _rename_aliases(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    renames = {}
    for alias, name in COLUMN_ALIASES.items():
        if alias in raw.columns:
            if name in raw.columns:
                raise _fail(source, f"both '{alias}' and '{name}' given; keep one", field=name)
            renames[alias] = name
    frame = raw.rename(columns=renames)
    frame.columns = [str(c) for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        found = ", ".join(repr(c) for c in raw.columns) or "none"
        raise _fail(
            source,
            f"missing required column(s) {', '.join(map(repr, missing))} (found: {found})",
            field=missing[0],
        )
    return frame


def _check_values(frame: pd.DataFrame, source: str, where: list[str]) -> None:
    for field in REQUIRED_COLUMNS:
        for value, loc in zip(frame[field].tolist(), where, strict=True):
            if value is pd.NA:
                problem = "empty text" if field == "text" else "missing document id"
                raise _fail(source, problem, where=loc, field=field)


def _normalise(raw: pd.DataFrame, *, source: str, where: list[str]) -> pd.DataFrame:
    """Schema columns (except the duplicate flags) then metadata, for one input file."""
    frame = _rename_aliases(raw, source)
    columns = {}
    for field in _STRING_FIELDS:
        values = frame[field].tolist() if field in frame.columns else [pd.NA] * len(frame)
        columns[field] = pd.array(_strings(values, field, source, where), dtype="string")
    days = [
        _date(v, "published", source, loc)
        for v, loc in zip(frame.get("published", [None] * len(frame)), where, strict=True)
    ]
    flags = [
        _flag(v, "text_complete", source, loc)
        for v, loc in zip(frame.get("text_complete", [None] * len(frame)), where, strict=True)
    ]
    out = pd.DataFrame(columns)
    _check_values(out, source, where)
    out["published"] = pd.Series(
        [pd.Timestamp(d) if d else pd.NaT for d in days], dtype="datetime64[ns]"
    )
    out["text_complete"] = pd.array(flags, dtype="boolean")
    out["language"] = pd.array([detect_language(t) for t in out["text"]], dtype="string")
    out["n_chars"] = pd.array(out["text"].str.len(), dtype="Int64")
    out["source_file"] = pd.array([source] * len(out), dtype="string")
    if "language" in frame.columns:
        declared = frame["language"].astype("string").str.strip().str.casefold()
        differs = (declared.notna() & (declared != out["language"])).to_numpy(dtype=bool)
        if differs.any():
            log.warning(
                "%s: %d declared languages differ from the detected one (first: %s)",
                source,
                int(differs.sum()),
                out["doc_id"][differs].iloc[0],
            )
    metadata = [c for c in frame.columns if c not in CORPUS_COLUMNS]
    return pd.concat([out, frame[metadata].reset_index(drop=True).infer_objects()], axis=1)


def _check_unique_ids(docs: pd.DataFrame, where: list[str]) -> None:
    seen: dict[str, int] = {}
    for row, doc_id in enumerate(docs["doc_id"].tolist()):
        if doc_id in seen:
            first = seen[doc_id]
            raise _fail(
                docs["source_file"].iat[row],
                f"duplicate id {_show(doc_id)} (first in {docs['source_file'].iat[first]}"
                f"{', ' + where[first] if where[first] else ''})",
                where=where[row],
                field="doc_id",
            )
        seen[doc_id] = row


def _finish(parts: list[tuple[pd.DataFrame, list[str]]]) -> pd.DataFrame:
    docs = pd.concat([p for p, _ in parts], ignore_index=True) if len(parts) > 1 else parts[0][0]
    where = [loc for _, w in parts for loc in w]
    _check_unique_ids(docs, where)
    docs = duplicates.flag_duplicates(docs)
    metadata = [c for c in docs.columns if c not in CORPUS_COLUMNS]
    docs = docs[list(CORPUS_COLUMNS) + metadata]
    n_undated = int(docs["published"].isna().sum())
    n_html = int(docs["text"].str.contains(_HTML_TAG, regex=True).sum())
    log.info(
        "loaded %d documents: %d without a date, %d duplicates, %d with HTML-like tags",
        len(docs),
        n_undated,
        int(docs["is_duplicate"].sum()),
        n_html,
    )
    docs.attrs["load_report"] = {
        "n_documents": len(docs),
        "n_undated": n_undated,
        "n_duplicates": int(docs["is_duplicate"].sum()),
        "n_html": n_html,
    }
    return docs


def validate_corpus(docs: pd.DataFrame, *, source: str = "<DataFrame>") -> pd.DataFrame:
    """Validate and normalise an in-memory frame exactly as ``load_corpus`` does a file.

    Args:
        docs: raw documents; needs ``doc_id`` (or ``id``) and ``text``.
        source: name used in error messages (rows are counted from 1).

    Returns:
        A new frame with ``CORPUS_COLUMNS`` (see docs/design.md) then the
        other input columns as metadata; ``docs`` is not modified.

    Raises:
        CorpusError: one line naming source, row and field.
    """
    where = [f"row {i}" for i in range(1, len(docs) + 1)]
    if docs.empty:
        raise _fail(source, "no documents")
    return _finish([(_normalise(docs.reset_index(drop=True), source=source, where=where), where)])


_READERS = {
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
    ".parquet": _read_parquet,
    ".txt": _read_page_dump,
}


def corpus_files(path: Path) -> list[Path]:
    """Supported corpus files in a folder (sorted), or ``[path]`` for a single file."""
    if not path.exists():
        raise _fail(str(path), "no such file or folder")
    if path.is_file():
        if path.suffix.lower() not in _READERS:
            raise _fail(
                path.name, f"unsupported file type (supported: {', '.join(SUPPORTED_SUFFIXES)})"
            )
        return [path]
    files = sorted(
        p
        for p in path.iterdir()
        if p.is_file()
        and p.suffix.lower() in _READERS
        and p.name not in IGNORED_NAMES
        and not p.name.startswith(".")
        and not p.name.upper().startswith(("README", "LICENSE"))
    )
    if not files:
        raise _fail(
            str(path), f"no corpus files in folder (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    return files


def load_corpus(
    path: str | Path | None = None, *, exclude_duplicates: bool = False
) -> pd.DataFrame:
    """Load a corpus file or folder into the documented schema.

    Args:
        path: a ``.jsonl``, ``.csv``, ``.parquet`` or page-dump ``.txt`` file, or a
            folder of them; ``None`` loads the sample corpus (``config.SAMPLE_CORPUS``).
        exclude_duplicates: drop rows flagged ``is_duplicate`` (they are flagged
            either way).

    Returns:
        One row per document: ``CORPUS_COLUMNS`` (``doc_id``, ``title``, ``text``,
        ``outlet``, ``outlet_country``, ``published``, ``url``, ``kind``, ``license``,
        ``text_complete``, ``language``, ``event``, ``pair_group``, ``is_duplicate``,
        ``duplicate_of``, ``duplicate_similarity``, ``n_chars``, ``source_file``)
        then any other input columns.

    Raises:
        CorpusError: bad input, one line naming file, row/line and field.
    """
    root = Path(config.SAMPLE_CORPUS if path is None else path)
    parts = []
    for file in corpus_files(root):
        raw, where = _READERS[file.suffix.lower()](file)
        parts.append((_normalise(raw, source=file.name, where=where), where))
    docs = _finish(parts)
    return duplicates.exclude_duplicates(docs) if exclude_duplicates else docs


def _run(args) -> int:
    docs = load_corpus(args.path, exclude_duplicates=args.exclude_duplicates)
    out = docs[list(CORPUS_COLUMNS)]
    io.write_csv(out, args.out)
    log.info("wrote %d documents to %s", len(out), args.out)
    return 0


def register(subparsers) -> None:
    """Add ``corpus PATH --out FILE.csv [--exclude-duplicates]`` to the command line."""
    parser = subparsers.add_parser(
        "corpus",
        help="validate a corpus and write it as normalised CSV",
        description="Validate a corpus file or folder and write one row per document "
        "with the schema columns (docs/design.md).",
    )
    parser.add_argument(
        "path", metavar="PATH", help="corpus file (.jsonl/.csv/.parquet/.txt) or folder"
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE.csv", help="CSV file to write (atomically)"
    )
    parser.add_argument(
        "--exclude-duplicates",
        action="store_true",
        help="leave out exact and near-duplicate copies",
    )
    parser.set_defaults(func=_run)
