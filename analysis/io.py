"""Atomic file output: nothing is ever left half-written.

Every writer in the package goes through ``atomic_write`` (or ``atomic_path``):
the content is written to a temporary file in the destination folder and moved
into place with ``os.replace``, which is atomic on POSIX. An interrupted run
leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` if the block succeeds.

    Use for writers that want a file name (``df.to_parquet``, ``fig.savefig``).
    The temporary file is removed if the block raises.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp creates 0600; give the file the mode an ordinary open() would.
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding=encoding, newline="")
    return Path(path)


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as UTF-8 CSV without the index, atomically, with stable line endings."""
    return atomic_write(path, df.to_csv(index=False, lineterminator="\n"))


def write_csv_or_stdout(df: pd.DataFrame, path: str | os.PathLike | None) -> None:
    """Write ``df`` as CSV to ``path`` atomically, or to standard output when ``path`` is None."""
    if path:
        write_csv(df, path)
    else:
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
