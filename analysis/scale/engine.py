"""Engines that apply one per-partition function to every partition of a store.

Both engines run the SAME function, ``func(frame) -> DataFrame``, on the frame
read from each partition file and return the outputs in partition order:

- ``"local"``: in this machine's processes, ``concurrent.futures``
  ``ProcessPoolExecutor`` over partitions (``n_workers`` defaults to
  ``os.cpu_count()``); ``n_workers=1`` runs in-process with no pool.
- ``"dask"``: ``dask.dataframe.from_map`` builds a dask DataFrame with one
  partition per file and ``map_partitions`` applies ``func`` on a
  ``dask.distributed`` cluster: the existing cluster at ``address``, else the
  one named by dask's ``scheduler-address`` setting (environment variable
  ``DASK_SCHEDULER_ADDRESS``), else a ``LocalCluster`` (``n_workers``
  processes, one thread each) started and closed for the call.

Progress bars (``tqdm.auto``: a widget in notebooks, text on a terminal) count
finished partitions; ``progress=False`` turns them off.

In-memory corpora go through the same engines: ``map_frames`` applies ``func``
to frames already in memory, and ``map_documents`` cuts one corpus into
contiguous chunks of about equal text length, runs ``func`` on each on all
cores and concatenates the outputs in document order. The measures
(``score_sentiment``, ``code_frames``, ...) call ``map_documents`` for their
``n_workers`` option, so a command, a notebook and ``scale run`` share one
engine. A corpus under ``PARALLEL_MIN_CHARS`` characters
(``KERNEL_PARALLEL_MIN_CHARS`` in a Jupyter kernel) runs in-process: starting
workers would cost more than they save.

Worker processes are forked from this process (a command, a script), so they
start with its imports and loaded lexicons; in a Jupyter kernel, whose threads
make forking unsafe, they come from a ``forkserver`` that has imported the
package once.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
Engine = Literal["local", "dask"]
PartitionFunc = Callable[[pd.DataFrame], pd.DataFrame]
PARALLEL_MIN_CHARS = 300_000  # below this, a corpus is scored in-process
# In a Jupyter kernel workers come from a forkserver and load their own lexicons
# (about 2-3 s each on this machine): worth it only for a larger corpus.
KERNEL_PARALLEL_MIN_CHARS = 5_000_000
CHUNKS_PER_WORKER = 4  # chunks per worker: finished workers take the next chunk
# What a forkserver imports once before forking workers (a kernel's pools).
FORKSERVER_PRELOAD = ["analysis.sentiment", "analysis.text", "analysis.codebooks"]


_IN_WORKER = False  # True inside the engine's worker processes: they never start pools


class _Collect(logging.Handler):
    """Keeps a worker's log records so the parent can emit them (a notebook shows them)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # arguments may not pickle
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


_COLLECT = _Collect()


def _mark_worker(level: int) -> None:
    """Worker initializer: no pools of its own; logs collected, at the parent's level."""
    global _IN_WORKER
    _IN_WORKER = True
    root = logging.getLogger()
    root.handlers = [_COLLECT]
    root.setLevel(level)


def _run_in_worker(task, item) -> tuple[Any, list, list]:
    """``task(item)`` with the log records and warnings it produced, for the parent."""
    _COLLECT.records = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = task(item)
    found = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    return out, _COLLECT.records, found


def _replay(records: list, found: list) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)
    for message, category, filename, lineno in found:
        warnings.warn_explicit(message, category, filename, lineno)


def single_process_worker() -> None:
    """Pool initializer for workers that each run a whole task (an ingest chunk).

    The measures such a worker calls (duplicate signatures, scorers) then stay
    in it (``default_workers`` is 1): no pool inside a pool.
    """
    global _IN_WORKER
    _IN_WORKER = True


@contextlib.contextmanager
def single_process() -> Iterator[None]:
    """Inside, measures that default to all cores use this process only (``--workers 1``)."""
    global _IN_WORKER
    before, _IN_WORKER = _IN_WORKER, True
    try:
        yield
    finally:
        _IN_WORKER = before


def default_workers() -> int:
    """Cores this process may use (``os.sched_getaffinity``); 1 inside an engine worker."""
    if _IN_WORKER:
        return 1
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_workers(n_workers: int | None) -> int:
    if n_workers is not None and (isinstance(n_workers, bool) or n_workers < 1):
        raise ValueError(f"n_workers must be >= 1 (or None: all cores), got {n_workers!r}")
    return n_workers or default_workers()


def _in_kernel() -> bool:
    return "ipykernel" in sys.modules


def _pool(workers: int) -> ProcessPoolExecutor:
    """A process pool: forked, except in a Jupyter kernel, where workers come from a forkserver.

    A kernel runs threads (heartbeat, output) whose locks a forked child could
    inherit held; a command or script forks safely and its workers start with
    its imports and loaded lexicons.
    """
    if _in_kernel():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
    else:
        context = multiprocessing.get_context("fork")
    level = logging.getLogger().getEffectiveLevel()
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_mark_worker, initargs=(level,)
    )


def read_partition(
    path: str | os.PathLike, *, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read one partition file, keeping only ``columns`` that exist in it."""
    import pyarrow.parquet as pq

    if columns is not None:
        present = set(pq.read_schema(path).names)
        columns = [c for c in columns if c in present]
    return pd.read_parquet(path, columns=columns)


def _read_and_apply(
    path: str, *, func: PartitionFunc, columns: Sequence[str] | None
) -> pd.DataFrame:
    return func(read_partition(path, columns=columns))


def map_partitions(
    paths: Sequence[str | os.PathLike],
    func: PartitionFunc,
    *,
    engine: Engine = "local",
    columns: Sequence[str] | None = None,
    address: str | None = None,
    n_workers: int | None = None,
    progress: bool = True,
) -> list[pd.DataFrame]:
    """Apply ``func`` to the frame of every partition file with the chosen engine.

    Args:
        paths: partition Parquet files, in the order results are wanted.
        func: picklable ``func(frame) -> DataFrame`` (a module-level function
            or a ``functools.partial`` of one).
        engine: ``"local"`` or ``"dask"``.
        columns: columns to read from each partition (None: all).
        address: ``tcp://host:port`` of a running dask scheduler (dask only).
        n_workers: worker processes (default ``os.cpu_count()``).
        progress: show a tqdm progress bar.

    Returns:
        The outputs of ``func``, one per path, in the order of ``paths``.
    """
    _check_engine(engine, address)
    _check_workers(n_workers)
    paths = [str(Path(p)) for p in paths]
    if not paths:
        return []
    if engine == "dask":
        reader = functools.partial(read_partition, columns=columns)
        return _map_dask(
            paths, func, reader=reader, address=address, n_workers=n_workers, progress=progress
        )
    task = functools.partial(_read_and_apply, func=func, columns=columns)
    return _map_local(paths, task, n_workers=n_workers, progress=progress, what="partitions")


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, what: str, progress: bool):
    """A tqdm bar, or nothing (tqdm starts a monitor thread even for a disabled bar)."""
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=what, unit="part")


def _check_engine(engine: str, address: str | None) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid: {list(ENGINES)}")
    if address is not None and engine != "dask":
        raise ValueError("address is only used with engine='dask'")


def _map_local(items: list, task, *, n_workers, progress, what: str) -> list[Any]:
    """``task(item)`` for every item, in item order, on up to ``n_workers`` processes."""
    workers = min(_check_workers(n_workers), len(items))
    bar = _bar(len(items), what, progress)
    try:
        if workers == 1:
            outputs = []
            for item in items:
                outputs.append(task(item))
                bar.update()
            return outputs
        logger.info("local engine: %d %s on %d processes", len(items), what, workers)
        done: list[Any] = [None] * len(items)
        with _pool(workers) as pool:
            futures = {pool.submit(_run_in_worker, task, item): i for i, item in enumerate(items)}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                bar.update()
        for _, records, found in done:  # in item order, as in one process
            _replay(records, found)
        return [out for out, _, _ in done]
    finally:
        bar.close()


def _map_dask(items, func, *, reader, address, n_workers, progress) -> list[pd.DataFrame]:
    import dask
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_as_completed

    address = address or dask.config.get("scheduler-address", None)  # DASK_SCHEDULER_ADDRESS
    cluster = None
    if address is None:
        cluster = LocalCluster(
            n_workers=n_workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    client = Client(address or cluster)
    try:
        frames = dd.from_map(reader, items, enforce_metadata=False)
        # meta: the outputs are gathered as pandas frames, never as a dask frame,
        # so an empty frame suffices (calling func on the empty meta would score it).
        outputs = frames.map_partitions(func, meta=pd.DataFrame(), enforce_metadata=False)
        futures = client.compute(outputs.to_delayed())
        logger.info("dask engine: %d partitions on %s", len(items), client.scheduler.address)
        bar = _bar(len(futures), "partitions (dask)", progress)
        for _ in dask_as_completed(futures):
            bar.update()
        bar.close()
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- in-memory corpora ------------------------------------------------------------------------


def _same(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def map_frames(
    frames: Sequence[pd.DataFrame],
    func: PartitionFunc,
    *,
    engine: Engine = "local",
    address: str | None = None,
    n_workers: int | None = None,
    progress: bool = False,
) -> list[Any]:
    """Apply ``func`` to every in-memory frame with the chosen engine (as ``map_partitions``).

    Args:
        frames: the frames, in the order results are wanted.
        func: picklable ``func(frame)`` (a module-level function or a partial of one).
        engine: ``"local"`` or ``"dask"``.
        address: ``tcp://host:port`` of a running dask scheduler (dask only).
        n_workers: worker processes (default: all cores).
        progress: show a tqdm progress bar.

    Returns:
        The outputs of ``func``, one per frame, in the order of ``frames``.
    """
    _check_engine(engine, address)
    _check_workers(n_workers)
    frames = list(frames)
    if not frames:
        return []
    if engine == "dask":
        return _map_dask(
            frames, func, reader=_same, address=address, n_workers=n_workers, progress=progress
        )
    return _map_local(frames, func, n_workers=n_workers, progress=progress, what="chunks")


def split_documents(docs: pd.DataFrame, n_chunks: int) -> list[pd.DataFrame]:
    """Contiguous row chunks of ``docs`` with about equal text length (characters of ``text``).

    Args:
        docs: a corpus with a ``text`` column (NA counts as empty); not modified.
        n_chunks: how many chunks at most (fewer when there are fewer rows).

    Returns:
        Non-empty slices of ``docs`` (same columns and index) that concatenate
        back to ``docs`` in order.
    """
    if n_chunks < 1:
        raise ValueError(f"n_chunks must be >= 1, got {n_chunks}")
    lengths = docs["text"].str.len().fillna(0).to_numpy(dtype="float64") + 1.0  # +1: a row costs
    if not len(docs):
        return []
    bounds = np.searchsorted(
        np.cumsum(lengths), np.linspace(0, lengths.sum(), n_chunks + 1)[1:-1], side="left"
    )
    cuts = sorted({0, *(int(b) + 1 for b in bounds), len(docs)})
    return [docs.iloc[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def concat_outputs(outputs: list[Any]) -> Any:
    """Concatenate per-chunk outputs: DataFrames row-wise, tuples of DataFrames item-wise.

    A chunk without rows (no document in it mentions a term) adds none and does
    not decide a column's dtype: an empty frame's ``object`` columns would
    otherwise turn the others' ``string`` into ``object``.
    """
    if isinstance(outputs[0], tuple):
        return tuple(concat_outputs(list(parts)) for parts in zip(*outputs, strict=True))
    attrs = outputs[0].attrs
    out = pd.concat([o for o in outputs if len(o)] or outputs[:1], ignore_index=True)
    out.attrs = {  # counts kept in attrs (e.g. n_uncoded) add up over the chunks
        key: sum(o.attrs.get(key, 0) for o in outputs)
        if all(isinstance(o.attrs.get(key, 0), int) for o in outputs)
        else value
        for key, value in attrs.items()
    }
    return out


def map_documents(
    docs: pd.DataFrame,
    func: Callable[[pd.DataFrame], Any],
    *,
    n_workers: int | None = None,
    combine: Callable[[list[Any]], Any] = concat_outputs,
    prepare: Callable[[], Any] | None = None,
    min_chars: int | None = None,
) -> Any:
    """``func(docs)``, computed chunk by chunk on all cores when the corpus is large enough.

    ``func`` must give, for a corpus, what the concatenation of its outputs on
    contiguous chunks gives (one or more rows per document, in document
    order): every per-document measure does. Tests check equality.

    Args:
        docs: the corpus (``text`` column); not modified.
        func: picklable ``func(chunk) -> DataFrame`` (or tuple of DataFrames),
            typically ``functools.partial(measure, ..., n_workers=1)``.
        n_workers: worker processes (None: all cores; 1: in-process).
        combine: joins the chunk outputs (default ``concat_outputs``).
        prepare: called once before workers start (load a lexicon here, and
            forked workers share it instead of each loading their own).
        min_chars: below this many characters of text, run in-process
            (default ``PARALLEL_MIN_CHARS``; ``KERNEL_PARALLEL_MIN_CHARS`` in a
            Jupyter kernel).

    Returns:
        What ``func(docs)`` returns.
    """
    workers = _check_workers(n_workers)
    if min_chars is None:
        threshold = KERNEL_PARALLEL_MIN_CHARS if _in_kernel() else PARALLEL_MIN_CHARS
    else:
        threshold = min_chars
    if workers == 1 or len(docs) < 2 or docs["text"].str.len().sum() < threshold:
        return func(docs)
    if prepare is not None:
        prepare()
    chunks = split_documents(docs, workers * CHUNKS_PER_WORKER)
    return combine(map_frames(chunks, func, n_workers=workers))
