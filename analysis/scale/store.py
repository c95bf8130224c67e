"""Chunked ingest of large corpora into partitioned Parquet.

``ingest_corpus`` reads CSV, JSONL or Parquet input (a file or a folder of
them) ``chunk_rows`` rows at a time, validates and normalises each chunk with
the corpus loader's own rules (``analysis.corpus``), and writes each chunk as
Parquet partitions of at most ``chunk_rows`` rows:

- ``partition_by="year"``: ``out/year=2019/part-00003.parquet`` (``year=unknown``
  for undated rows): notebooks can read one period without touching the rest.
- ``partition_by="chunk"``: ``out/part-00003.parquet``, one file per chunk.

Only one chunk is in memory at a time (plus the set of ``doc_id`` values seen,
to reject duplicates across chunks), so memory stays flat as the corpus grows.
The store is built in a temporary folder beside ``out`` and swapped in at the
end: an interrupted ingest leaves the previous store intact.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import pandas as pd
from tqdm.auto import tqdm

from analysis import config
from analysis.corpus.schema import apply_columns
from analysis.io import write_csv
from analysis.scale import engine
from analysis.scale.normalise import check_seen, normalise_chunk
from analysis.scale.rerun import list_partitions

logger = logging.getLogger(__name__)

CHUNKED_SUFFIXES = (".csv", ".jsonl", ".parquet")
PARTITION_BY = ("year", "chunk")
PartitionBy = Literal["year", "chunk"]


def iter_chunks(
    path: str | os.PathLike, *, chunk_rows: int = 50_000
) -> Iterator[tuple[pd.DataFrame, int]]:
    """Yield ``(chunk, first_row)`` pairs of raw rows, each at most ``chunk_rows`` long.

    Args:
        path: a ``.csv``, ``.jsonl`` or ``.parquet`` file.
        chunk_rows: maximum rows per chunk.

    Returns:
        An iterator of raw (not yet validated) chunks with all values as read,
        and the 1-based data row number of each chunk's first row.
    """
    path = Path(path)
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be >= 1, got {chunk_rows}")
    suffix = path.suffix.lower()
    if suffix not in CHUNKED_SUFFIXES:
        raise ValueError(
            f"{path}: unsupported file type {suffix!r}; valid: {list(CHUNKED_SUFFIXES)}"
        )
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    first_row = 1
    for chunk in _raw_chunks(path, suffix, chunk_rows):
        yield chunk, first_row
        first_row += len(chunk)


def _raw_chunks(path: Path, suffix: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
            yield batch.to_pandas()
        return
    if suffix == ".csv":  # read as analysis.corpus reads CSV: strings, only "" is missing
        with pd.read_csv(
            path,
            chunksize=chunk_rows,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
        ) as reader:
            yield from reader
        return
    yield from _jsonl_chunks(path, chunk_rows)


def _jsonl_chunks(path: Path, chunk_rows: int) -> Iterator[pd.DataFrame]:
    """JSON objects, one per non-blank line, as analysis.corpus reads them."""
    from analysis.corpus import CorpusError

    records: list[dict] = []
    with open(path, encoding="utf-8-sig", newline=None) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path.name}: line {number}: invalid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{path.name}: line {number}: expected a JSON object")
            records.append(record)
            if len(records) == chunk_rows:
                yield pd.DataFrame.from_records(records)
                records = []
    if records:
        yield pd.DataFrame.from_records(records)


def input_files(path: str | os.PathLike) -> list[Path]:
    """The chunk-readable files of ``path`` (the file itself, or a folder's files, sorted)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CHUNKED_SUFFIXES)
        if not files:
            raise ValueError(f"{path}: no {'/'.join(CHUNKED_SUFFIXES)} files to ingest")
        return files
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return [path]


def ingest_corpus(
    path: str | os.PathLike,
    *,
    out: str | os.PathLike | None = None,
    chunk_rows: int = 50_000,
    partition_by: PartitionBy = "year",
    n_workers: int | None = None,
    progress: bool = True,
    columns: str | dict | None = None,
) -> pd.DataFrame:
    """Read a large corpus in chunks and store it as partitioned Parquet.

    Args:
        path: a CSV/JSONL/Parquet file, or a folder of them.
        out: store folder (default ``config.PROCESSED_DIR / "corpus"``); replaced
            atomically when the ingest succeeds.
        chunk_rows: rows per chunk, and so the maximum rows of a partition file.
        partition_by: ``"year"`` (of ``published``) or ``"chunk"``.
        n_workers: processes validating chunks in parallel (default: all cores;
            at most ``n_workers + 1`` chunks are in memory at once).
        progress: show a tqdm progress bar of rows read.
        columns: the input's own column names for schema columns, as for
            ``analysis.corpus.load_corpus`` (``"text=body,published=date"``).

    Returns:
        One row per partition file: partition (path relative to ``out``),
        year (string, ``"unknown"`` for undated rows; NA with ``"chunk"``),
        n_docs, n_chars, source_file, first_row (1-based input row).
        The same table is written to ``out/_partitions.csv``.
    """
    if partition_by not in PARTITION_BY:
        raise ValueError(f"unknown partition_by {partition_by!r}; valid: {list(PARTITION_BY)}")
    from analysis.corpus import parse_columns

    mapping = parse_columns(columns)  # checked before anything is read
    out = Path(out) if out is not None else config.PROCESSED_DIR / "corpus"
    files = input_files(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        records = _write_partitions(
            files,
            staging,
            chunk_rows=chunk_rows,
            partition_by=partition_by,
            progress=progress,
            n_workers=n_workers,
            columns=mapping,
        )
        manifest = pd.DataFrame(
            records, columns=["partition", "year", "n_docs", "n_chars", "source_file", "first_row"]
        )
        write_csv(manifest, staging / "_partitions.csv")
        _swap_in(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    logger.info(
        "ingested %d documents into %d partitions at %s",
        manifest["n_docs"].sum(),
        len(manifest),
        out,
    )
    return manifest


def _write_partitions(
    files, staging: Path, *, chunk_rows, partition_by, progress, n_workers, columns
) -> list[dict]:
    """Validate and write chunks, ``n_workers`` at a time, checking ids across chunks in order."""
    records: list[dict] = []
    seen: dict[str, str] = {}
    workers = n_workers or os.cpu_count() or 1
    bar = tqdm(desc="ingest", unit="doc", disable=not progress)
    # each worker validates whole chunks: its duplicate signatures stay in it (no nested
    # pools); with one worker, in this process only (the --workers the user gave)
    pool = (
        ProcessPoolExecutor(max_workers=workers, initializer=engine.single_process_worker)
        if workers > 1
        else None
    )
    pending: deque = deque()

    def finish_oldest() -> None:
        future, file, first_row = pending.popleft()
        chunk_records, doc_ids = future.result() if pool else future
        check_seen(doc_ids, source=file, first_row=first_row, seen=seen)
        records.extend(chunk_records)
        bar.update(len(doc_ids))

    try:
        number = 0
        for file in files:
            for raw, first_row in iter_chunks(file, chunk_rows=chunk_rows):
                raw = apply_columns(raw, columns, source=file.name)  # the researcher's names
                args = (raw, file, first_row, staging, number, partition_by)
                pending.append((pool.submit(_ingest_chunk, *args) if pool else _in_process(*args),
                                file, first_row))  # fmt: skip
                number += 1
                while len(pending) > workers:  # at most workers + 1 chunks in memory
                    finish_oldest()
        while pending:
            finish_oldest()
    finally:
        bar.close()
        if pool:
            pool.shutdown(cancel_futures=True)
    if not records:
        raise ValueError(f"{files[0]}: no rows to ingest")
    return records


def _in_process(*args):
    with engine.single_process():
        return _ingest_chunk(*args)


def _ingest_chunk(raw, file: Path, first_row: int, staging: Path, number: int, partition_by: str):
    """Worker: validate one chunk and write its partition files; return records and ids."""
    chunk = normalise_chunk(raw, source=file, first_row=first_row, seen={})
    records = _write_chunk(chunk, staging, number, partition_by, file, first_row)
    return records, chunk["doc_id"].tolist()


def _write_chunk(
    chunk: pd.DataFrame, staging: Path, number: int, partition_by: str, file: Path, first_row: int
) -> list[dict]:
    if partition_by == "chunk":
        groups = [(pd.NA, f"part-{number:05d}.parquet", chunk)]
    else:
        years = chunk["published"].dt.year.astype("Int64").astype("string").fillna("unknown")
        groups = [
            (year, f"year={year}/part-{number:05d}.parquet", part)
            for year, part in chunk.groupby(years, sort=True)
        ]
    records = []
    for year, name, part in groups:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        part.to_parquet(target, index=False)
        records.append(
            {
                "partition": name,
                "year": year,
                "n_docs": len(part),
                "n_chars": int(part["text"].str.len().sum()),
                "source_file": str(file),
                "first_row": first_row,
            }
        )
    return records


def _swap_in(staging: Path, out: Path) -> None:
    """Move the finished store onto ``out``, keeping the old one until the move succeeded."""
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, retired / out.name)
    os.replace(staging, out)
    shutil.rmtree(retired)


def read_store(store: str | os.PathLike, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a whole store into memory (small stores; use dask for large ones).

    Returns:
        The corpus columns (or ``columns``), partitions concatenated in order.
    """
    paths = list_partitions(store)
    if not paths:
        raise ValueError(f"{store}: no partition files")
    return pd.concat([pd.read_parquet(p, columns=columns) for p in paths], ignore_index=True)
