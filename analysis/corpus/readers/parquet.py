"""Parquet: one document per row (what ``scale ingest`` and pandas write)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.corpus.errors import fail
from analysis.corpus.readers.common import Read


def read_parquet(path: Path) -> Read:
    """A Parquet file; rows are counted from 1."""
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many types for a bad file
        raise fail(path.name, f"not a readable Parquet file ({exc})") from None
    if frame.empty:
        raise fail(path.name, "no documents (no rows)")
    where = [f"row {i}" for i in range(1, len(frame) + 1)]
    return Read(frame.reset_index(drop=True), where, "parquet")
