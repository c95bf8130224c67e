"""Load, validate and normalise a corpus into the schema of docs/design.md.

``load_corpus(path)`` reads any supported file (``analysis.corpus.readers``) or a
folder of them and returns one row per document with ``CORPUS_COLUMNS`` first and
every other input column after them as metadata. Input files are only read, never
written. Rules (also in docs/bad_input.md and docs/inputs.md):

- ``REQUIRED_COLUMNS`` (``doc_id`` and ``text``, under their names, an alias or the
  names given with ``columns=``) must be present; ``OPTIONAL_COLUMNS`` default to NA;
  ``DERIVED_COLUMNS`` are computed here (an input ``language`` is checked against
  detection and replaced, with a warning on disagreement);
- ``published`` is read by ``analysis.corpus.dates`` ("2019-08-22", "Aug 22, 2019",
  "2019年8月22日", "2019-08", "2019", ISO timestamps with zones...); its precision and
  original UTC offset are kept; anything else is an error naming file, row and field;
- empty text, a missing or duplicate ``doc_id`` and values of the wrong type are errors;
- in a folder, a saved page (``.txt``/``.html``) that fails or holds no article is
  skipped, named in a warning and counted; every other error stops the load;
- errors are ``CorpusError`` (a ``ValueError``) with one line:
  ``FILE: row N, field 'x': problem``;
- the counts are logged and kept in ``docs.attrs["load_report"]``.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config, duplicates
from analysis.corpus import schema
from analysis.corpus.dates import PRECISIONS, DateError, parse_date
from analysis.corpus.errors import CorpusError, fail, show
from analysis.corpus.readers import PAGE_FORMATS, SUPPORTED_SUFFIXES, reader_for
from analysis.corpus.readers.common import SIDECAR_NAME, NotADocument, Read, read_sidecar
from analysis.language import detect_language

log = logging.getLogger("analysis.corpus")

IGNORED_NAMES = (SIDECAR_NAME, "event_pairs.json")  # plus README*, LICENSE*, hidden files
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _declared(parsed, precision: object, offset: object, source: str, loc: str):
    """A date with the precision and UTC offset an input states (a corpus CSV written back)."""
    if parsed is None:
        return None
    if not schema.is_missing(precision) and str(precision).strip():
        precision = str(precision).strip()
        if precision not in PRECISIONS:
            valid = ", ".join(PRECISIONS)
            problem = f"expected one of {valid}, got {show(precision)}"
            raise fail(source, problem, where=loc, field="published_precision")
        rank = PRECISIONS.index
        if rank(precision) > rank(parsed.precision):  # month/year stated for a dated day
            start = parsed.stamp.normalize().replace(day=1)
            if precision == "year":
                start = start.replace(month=1)
            if parsed.stamp != start:
                raise fail(
                    source,
                    f"precision {precision!r} but the date {parsed.stamp:%Y-%m-%d} is not "
                    f"the first day of its {precision}",
                    where=loc,
                    field="published_precision",
                )
            parsed = replace(parsed, precision=precision)
    if parsed.utc_offset is None and not schema.is_missing(offset) and str(offset).strip():
        try:
            parsed = replace(parsed, utc_offset=int(float(str(offset))))
        except ValueError:
            problem = f"expected minutes east of UTC, got {show(offset)}"
            raise fail(source, problem, where=loc, field="published_utc_offset") from None
    return parsed


def _dates(frame: pd.DataFrame, source: str, where: list[str]) -> list:
    n = len(frame)
    values = frame.get("published", pd.Series([None] * n)).tolist()
    precisions = frame.get("published_precision", pd.Series([None] * n)).tolist()
    offsets = frame.get("published_utc_offset", pd.Series([None] * n)).tolist()
    out = []
    for value, precision, offset, loc in zip(values, precisions, offsets, where, strict=True):
        try:
            parsed = parse_date(value)
        except DateError as exc:
            raise fail(source, str(exc), where=loc, field="published") from None
        out.append(_declared(parsed, precision, offset, source, loc))
    return out


def _check_values(frame: pd.DataFrame, source: str, where: list[str]) -> None:
    for field in schema.REQUIRED_COLUMNS:
        for value, loc in zip(frame[field].tolist(), where, strict=True):
            if value is pd.NA:
                problem = "empty text" if field == "text" else "missing document id"
                raise fail(source, problem, where=loc, field=field)


def _warn_declared_language(frame: pd.DataFrame, out: pd.DataFrame, source: str) -> None:
    declared = frame["language"].astype("string").str.strip().str.casefold()
    differs = (declared.notna() & (declared != out["language"])).to_numpy(dtype=bool)
    if differs.any():
        log.warning(
            "%s: %d declared languages differ from the detected one (first: %s)",
            source,
            int(differs.sum()),
            out["doc_id"][differs].iloc[0],
        )


def _normalise(read: Read, *, source: str, columns: Mapping[str, str]) -> pd.DataFrame:
    """Schema columns (except the duplicate flags) then metadata, for one input file."""
    where, n = read.where, len(read.frame)
    raw = schema.apply_columns(read.frame, columns, source=source, strict=read.strict_columns)
    frame = schema.rename_aliases(raw, source)
    out = pd.DataFrame(
        {
            field: pd.array(
                schema.strings(
                    frame[field].tolist() if field in frame else [pd.NA] * n, field, source, where
                ),
                dtype="string",
            )
            for field in schema.STRING_FIELDS
        }
    )
    _check_values(out, source, where)
    dates = _dates(frame, source, where)
    flags = [
        schema.flag(v, "text_complete", source, loc)
        for v, loc in zip(frame.get("text_complete", [None] * n), where, strict=True)
    ]
    suspect = [
        schema.flag(v, "is_extraction_suspect", source, loc) is True
        for v, loc in zip(frame.get("is_extraction_suspect", [None] * n), where, strict=True)
    ]
    out = out.assign(
        published=pd.Series([d.stamp if d else pd.NaT for d in dates], dtype="datetime64[ns]"),
        published_precision=pd.array([d.precision if d else pd.NA for d in dates], "string"),
        published_utc_offset=pd.array([d.utc_offset if d else pd.NA for d in dates], "Int64"),
        text_complete=pd.array(flags, dtype="boolean"),
        language=pd.array([detect_language(t) for t in out["text"]], dtype="string"),
        is_extraction_suspect=pd.array(suspect, dtype="boolean"),
        n_chars=pd.array(out["text"].str.len(), dtype="Int64"),
        source_file=pd.array([source] * n, dtype="string"),
        source_format=pd.array([read.source_format] * n, dtype="string"),
    )
    if "language" in frame.columns:
        _warn_declared_language(frame, out, source)
    metadata = [c for c in frame.columns if c not in schema.CORPUS_COLUMNS]
    return pd.concat([out, frame[metadata].reset_index(drop=True).infer_objects()], axis=1)


def _check_unique_ids(docs: pd.DataFrame, where: list[str]) -> None:
    seen: dict[str, int] = {}
    for row, doc_id in enumerate(docs["doc_id"].tolist()):
        if doc_id in seen:
            first = seen[doc_id]
            raise fail(
                docs["source_file"].iat[row],
                f"duplicate id {show(doc_id)} (first in {docs['source_file'].iat[first]}"
                f"{', ' + where[first] if where[first] else ''})",
                where=where[row],
                field="doc_id",
            )
        seen[doc_id] = row


def _unchecked(docs: pd.DataFrame) -> pd.DataFrame:
    """The duplicate columns as NA: not checked (``load_corpus(check_duplicates=False)``)."""
    return docs.assign(
        is_duplicate=pd.array([pd.NA] * len(docs), dtype="boolean"),
        duplicate_of=pd.array([pd.NA] * len(docs), dtype="string"),
        duplicate_similarity=np.full(len(docs), np.nan),
    )


def _report(docs: pd.DataFrame, skipped: list[str]) -> dict:
    precision = docs["published_precision"].value_counts()
    return {
        "n_documents": len(docs),
        "n_undated": int(docs["published"].isna().sum()),
        "n_duplicates": (
            int(docs["is_duplicate"].sum()) if docs["is_duplicate"].notna().all() else None
        ),
        "n_html": int(docs["text"].str.contains(_HTML_TAG, regex=True).sum()),
        "n_extraction_suspect": int(docs["is_extraction_suspect"].sum()),
        "n_month_precision": int(precision.get("month", 0)),
        "n_year_precision": int(precision.get("year", 0)),
        "n_skipped": len(skipped),
        "skipped": list(skipped),
        "source_formats": {k: int(v) for k, v in docs["source_format"].value_counts().items()},
    }


def _finish(
    parts: list[tuple[pd.DataFrame, list[str]]], skipped: list[str], *, check_duplicates: bool
) -> pd.DataFrame:
    docs = pd.concat([p for p, _ in parts], ignore_index=True) if len(parts) > 1 else parts[0][0]
    where = [loc for _, w in parts for loc in w]
    _check_unique_ids(docs, where)
    docs = duplicates.flag_duplicates(docs) if check_duplicates else _unchecked(docs)
    metadata = [c for c in docs.columns if c not in schema.CORPUS_COLUMNS]
    docs = docs[list(schema.CORPUS_COLUMNS) + metadata]
    report = _report(docs, skipped)
    log.info(
        "loaded %d documents: %d without a date, %s duplicates, %d with HTML-like tags, "
        "%d extraction suspect, %d skipped",
        report["n_documents"],
        report["n_undated"],
        "unchecked" if report["n_duplicates"] is None else report["n_duplicates"],
        report["n_html"],
        report["n_extraction_suspect"],
        report["n_skipped"],
    )
    docs.attrs["load_report"] = report
    return docs


def validate_corpus(
    docs: pd.DataFrame,
    *,
    source: str = "<DataFrame>",
    columns: str | Mapping[str, str] | None = None,
    source_format: str = "dataframe",
) -> pd.DataFrame:
    """Validate and normalise an in-memory frame exactly as ``load_corpus`` does a file.

    Args:
        docs: raw documents; needs ``doc_id`` (or ``id``) and ``text`` (or the columns
            named in ``columns``).
        source: name used in error messages (rows are counted from 1).
        columns: the researcher's column names, ``{"text": "body", ...}`` (see
            ``load_corpus``).
        source_format: recorded in ``source_format`` (``"csv"`` when the frame is a chunk
            of a CSV file, as in ``scale ingest``).

    Returns:
        A new frame with ``CORPUS_COLUMNS`` (see docs/design.md) then the
        other input columns as metadata; ``docs`` is not modified.

    Raises:
        CorpusError: one line naming source, row and field.
    """
    mapping = schema.parse_columns(columns)
    where = [f"row {i}" for i in range(1, len(docs) + 1)]
    if docs.empty:
        raise fail(source, "no documents")
    read = Read(docs.reset_index(drop=True), where, source_format)
    return _finish(
        [(_normalise(read, source=source, columns=mapping), where)], [], check_duplicates=True
    )


def corpus_files(path: Path) -> list[Path]:
    """Supported corpus files in a folder (sorted), or ``[path]`` for a single file."""
    path = Path(path)
    if not path.exists():
        raise fail(str(path), "no such file or folder")
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise fail(path.name, f"unsupported file type (supported: {supported})")
        return [path]
    files = sorted(
        p
        for p in path.iterdir()
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and p.name not in IGNORED_NAMES
        and not p.name.startswith((".", "~$"))  # hidden files, Office lock files
        and not p.name.upper().startswith(("README", "LICENSE"))
    )
    if not files:
        raise fail(str(path), f"no corpus files in folder (supported: {supported})")
    return files


def _read_file(file: Path, *, in_folder: bool, skipped: list[str]) -> Read | None:
    """One file's ``Read``; in a folder a failing saved page is skipped (None) and named."""
    source_format, read = reader_for(file)
    try:
        result = read(file)
    except (CorpusError, NotADocument) as exc:
        if not (in_folder and source_format in PAGE_FORMATS):
            if isinstance(exc, NotADocument):
                raise fail(file.name, str(exc)) from None
            raise
        skipped.append(str(exc) if isinstance(exc, CorpusError) else f"{file.name}: {exc}")
        return None
    skipped.extend(f"{file.name}: {name}: {why}" for name, why in result.skipped)
    return result


def load_corpus(
    path: str | Path | None = None,
    *,
    columns: str | Mapping[str, str] | None = None,
    exclude_duplicates: bool = False,
    check_duplicates: bool = True,
) -> pd.DataFrame:
    """Load a corpus file or folder into the documented schema.

    Args:
        path: a ``.jsonl``, ``.csv``, ``.parquet`` file, a saved page (``.txt``,
            ``.html``), an archive export (Nexis Uni ``.docx``/``.txt``, Factiva
            ``.html``/``.rtf``, BigKinds ``.xlsx``, Media Cloud ``.csv``), or a folder
            of them; ``None`` loads the sample corpus (``config.SAMPLE_CORPUS``).
        columns: the input's own column names for schema columns,
            ``{"text": "body", "published": "date", "outlet": "source"}`` or
            ``"text=body,published=date"``; unknown schema names are an error.
        exclude_duplicates: drop rows flagged ``is_duplicate`` (they are flagged
            either way).
        check_duplicates: False skips the near-duplicate check (MinHash of every
            text, ~0.5 s for 2.5 M characters): ``is_duplicate``, ``duplicate_of``
            and ``duplicate_similarity`` are then NA ("not checked", never "not a
            duplicate") and ``load_report["n_duplicates"]`` is None. For callers
            that neither use nor write those columns (``sentiment`` without
            ``--exclude-duplicates``). Cannot be combined with ``exclude_duplicates``.

    Returns:
        One row per document: ``CORPUS_COLUMNS`` (``doc_id``, ``title``, ``byline``,
        ``text``, ``outlet``, ``outlet_country``, ``published``,
        ``published_precision``, ``published_utc_offset``, ``url``, ``kind``,
        ``license``, ``text_complete``, ``language``, ``event``, ``pair_group``,
        ``is_extraction_suspect``, ``is_duplicate``, ``duplicate_of``,
        ``duplicate_similarity``, ``n_chars``, ``source_file``, ``source_format``)
        then any other input columns. ``attrs["load_report"]`` holds the counts.

    Raises:
        CorpusError: bad input, one line naming file, row/line and field.
    """
    if exclude_duplicates and not check_duplicates:
        raise ValueError("load_corpus: exclude_duplicates needs check_duplicates=True")
    mapping = schema.parse_columns(columns)
    root = Path(config.SAMPLE_CORPUS if path is None else path)
    files = corpus_files(root)
    if root.is_dir():
        read_sidecar(root)  # a bad sidecar is an error for the folder, not a skipped page
    parts, skipped = [], []
    for file in files:
        read = _read_file(file, in_folder=root.is_dir(), skipped=skipped)
        if read is not None and len(read.frame):
            parts.append((_normalise(read, source=file.name, columns=mapping), read.where))
    if skipped:
        more = f"; ... and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        shown = "; ".join(skipped[:3]) + more
        warnings.warn(f"{root.name}: {len(skipped)} skipped: {shown}", UserWarning, stacklevel=2)
    if not parts:
        why = f" ({len(skipped)} skipped: {skipped[0]})" if skipped else ""
        raise fail(str(root), f"no documents{why}")
    docs = _finish(parts, skipped, check_duplicates=check_duplicates)
    return duplicates.exclude_duplicates(docs) if exclude_duplicates else docs
