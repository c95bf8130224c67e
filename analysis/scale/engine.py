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
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Literal

import pandas as pd
from tqdm.auto import tqdm

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
Engine = Literal["local", "dask"]
PartitionFunc = Callable[[pd.DataFrame], pd.DataFrame]


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
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid: {list(ENGINES)}")
    if n_workers is not None and n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    paths = [str(Path(p)) for p in paths]
    if not paths:
        return []
    if engine == "dask":
        return _map_dask(
            paths, func, columns=columns, address=address, n_workers=n_workers, progress=progress
        )
    if address is not None:
        raise ValueError("address is only used with engine='dask'")
    return _map_local(paths, func, columns=columns, n_workers=n_workers, progress=progress)


def _map_local(paths, func, *, columns, n_workers, progress) -> list[pd.DataFrame]:
    task = functools.partial(_read_and_apply, func=func, columns=columns)
    workers = min(n_workers or os.cpu_count() or 1, len(paths))
    bar = tqdm(total=len(paths), desc="partitions", unit="part", disable=not progress)
    try:
        if workers == 1:
            outputs = []
            for path in paths:
                outputs.append(task(path))
                bar.update()
            return outputs
        logger.info("local engine: %d partitions on %d processes", len(paths), workers)
        outputs: list[pd.DataFrame | None] = [None] * len(paths)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(task, path): i for i, path in enumerate(paths)}
            for future in as_completed(futures):
                outputs[futures[future]] = future.result()
                bar.update()
        return outputs  # type: ignore[return-value]
    finally:
        bar.close()


def _map_dask(paths, func, *, columns, address, n_workers, progress) -> list[pd.DataFrame]:
    import dask
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_as_completed

    address = address or dask.config.get("scheduler-address", None)  # DASK_SCHEDULER_ADDRESS
    cluster = None
    if address is None:
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    client = Client(address or cluster)
    try:
        reader = functools.partial(read_partition, columns=columns)
        frames = dd.from_map(reader, paths, enforce_metadata=False)
        # meta: the outputs are gathered as pandas frames, never as a dask frame,
        # so an empty frame suffices (calling func on the empty meta would score it).
        outputs = frames.map_partitions(func, meta=pd.DataFrame(), enforce_metadata=False)
        futures = client.compute(outputs.to_delayed())
        logger.info("dask engine: %d partitions on %s", len(paths), client.scheduler.address)
        bar = tqdm(total=len(futures), desc="partitions (dask)", unit="part", disable=not progress)
        for _ in dask_as_completed(futures):
            bar.update()
        bar.close()
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
