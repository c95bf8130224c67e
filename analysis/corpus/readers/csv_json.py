"""CSV and JSON Lines: one document per row, columns named as the researcher named them."""

from __future__ import annotations

import csv
import json
import warnings
from io import StringIO
from pathlib import Path

import pandas as pd

from analysis.corpus.errors import fail
from analysis.corpus.readers.common import Read, read_text


def read_jsonl(path: Path) -> Read:
    """One JSON object per non-blank line; JSON types are kept (1 stays int, not 1.0)."""
    records, where = [], []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise fail(path.name, f"invalid JSON ({exc.msg})", where=f"line {number}") from None
        if not isinstance(record, dict):
            raise fail(
                path.name,
                f"expected a JSON object, got {type(record).__name__}",
                where=f"line {number}",
            )
        records.append(record)
        where.append(f"line {number}")
    if not records:
        raise fail(path.name, "no documents (empty file)")
    return Read(pd.DataFrame(records, dtype=object), where, "jsonl")


def csv_frame(path: Path, text: str) -> pd.DataFrame:
    """All cells as strings (only "" is missing); malformed CSV is a one-line error."""
    if not text.strip():
        raise fail(path.name, "no documents (empty file)")
    try:
        header = next(csv.reader(StringIO(text)))
    except csv.Error as exc:
        raise fail(path.name, f"malformed CSV header ({exc})", where="line 1") from None
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise fail(
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
        raise fail(path.name, "malformed CSV (a row has more fields than the header)") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise fail(path.name, f"malformed CSV ({exc})") from None
    if frame.empty:
        raise fail(path.name, "no documents (header only)")
    return frame


def read_csv(path: Path) -> Read:
    """A CSV file with a header row; rows are counted from 1 without the header."""
    frame = csv_frame(path, read_text(path))
    return Read(frame, [f"row {i}" for i in range(1, len(frame) + 1)], "csv")
