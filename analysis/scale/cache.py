"""Content-hash cache of per-partition scorer results.

A result is stored under a key made of everything it depends on: the hash of
the partition's ``doc_id`` + ``text`` content, the scorer's name and version,
the hash of the scorer's source code and the hash of every codebook file the
scorer reads. A rerun therefore rescores nothing whose inputs did not change,
and editing one codebook changes only the keys of the scorers that read it.

Layout: ``cache_dir/<scorer>/<key>.parquet``. Every file is written to a
temporary name in the same folder and moved into place with ``os.replace``
(``analysis.io.atomic_path``), so an interrupted run never leaves a partial
result that a later run would trust.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a frame is handled: a cached rerun needs none
    import pandas as pd

_HASH_COLUMNS = ("doc_id", "text")


def hash_frame_content(frame: pd.DataFrame, *, columns: Iterable[str] = _HASH_COLUMNS) -> str:
    """Hash the content of ``columns`` of ``frame``, row by row, in order.

    Each value is length-prefixed so that ``("ab", "c")`` and ``("a", "bc")``
    hash differently; missing values hash as a distinct marker.

    Args:
        frame: table holding at least ``columns``; not modified.
        columns: the columns whose content defines the partition.

    Returns:
        The hex SHA-256 digest (64 characters).
    """
    import pandas as pd

    columns = list(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"cannot hash partition: missing columns {missing}; found {list(frame.columns)}"
        )
    digest = hashlib.sha256()
    digest.update(f"rows={len(frame)};cols={columns}".encode())
    for column in columns:
        for value in frame[column].tolist():
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                digest.update(b"\x00NA\x00")
                continue
            data = str(value).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
    return digest.hexdigest()


def hash_file(path: str | os.PathLike) -> str:
    """Return the hex SHA-256 of a file's bytes (a codebook, a source module)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_key(
    content_hash: str, *, scorer: str, version: str, dependency_hashes: Iterable[str] = ()
) -> str:
    """Combine everything a scorer result depends on into one key.

    Args:
        content_hash: ``hash_frame_content`` of the partition.
        scorer: scorer name, e.g. ``"frames"``.
        version: the scorer's version string.
        dependency_hashes: hashes of codebook and source files the scorer reads.

    Returns:
        A 32-character hex key (truncated SHA-256).
    """
    parts = [content_hash, scorer, version, *sorted(dependency_hashes)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def cache_path(cache_dir: str | os.PathLike, scorer: str, key: str) -> Path:
    """Where the result of ``scorer`` under ``key`` lives."""
    return Path(cache_dir) / scorer / f"{key}.parquet"


def read_cached(cache_dir: str | os.PathLike, scorer: str, key: str) -> pd.DataFrame | None:
    """Return the cached result, or None when there is none.

    A file that cannot be read (e.g. truncated by a crash outside this
    package's atomic writes) is treated as a miss, never as a result.
    """
    import pandas as pd

    path = cache_path(cache_dir, scorer, key)
    if not path.is_file():
        return None
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        return None


def write_cached(result: pd.DataFrame, cache_dir: str | os.PathLike, scorer: str, key: str) -> Path:
    """Store ``result`` atomically under ``key`` and return its path."""
    from analysis.io import atomic_path

    path = cache_path(cache_dir, scorer, key)
    with atomic_path(path) as tmp:
        result.to_parquet(tmp, index=False)
    return path
