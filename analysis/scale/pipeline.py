"""The full analysis over a partitioned store, cached per partition and scorer.

``run_analysis`` hashes each partition's ``doc_id`` + ``text``, and for every
scorer looks up ``cache_dir/<scorer>/<key>.parquet``: a hit costs one file
existence check, a miss runs the scorer on the partition (identical texts
scored once) and stores the result atomically. Results stay on disk; the
returned manifest says where. ``load_results`` concatenates one scorer's
results for in-memory analysis, and ``dask.dataframe.read_parquet`` on the
manifest's ``path`` column reads them lazily for corpora that do not fit.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.scale.cache import cache_key, cache_path, hash_frame_content, write_cached
from analysis.scale.engine import Engine, map_partitions
from analysis.scale.rerun import list_partitions, remember_contents
from analysis.scale.scorers import Scorer, dependency_hashes, get_scorers

logger = logging.getLogger(__name__)

DEFAULT_SCORERS = ("sentiment", "frames", "terms", "actors")
SLICE_DOCS = 8_192  # documents scored by every scorer in turn (< analysis.text.SPLIT_MEMO_SIZE)
MANIFEST_COLUMNS = ("partition", "scorer", "key", "path", "n_docs", "n_rows", "is_cached")


def default_cache_dir() -> Path:
    """``config.PROCESSED_DIR / "cache"``."""
    return config.PROCESSED_DIR / "cache"


def apply_scorer(scorer: Scorer, docs: pd.DataFrame) -> pd.DataFrame:
    """Run ``scorer`` on ``docs``, scoring each distinct text once when it allows.

    Args:
        scorer: the registered scorer.
        docs: partition rows with at least ``doc_id`` and ``text``; not modified.

    Returns:
        The scorer's table (its own columns, keyed by ``doc_id``) in the order
        of ``docs``: rows of a repeated text are copied to every ``doc_id``
        that carries it.
    """
    if not scorer.by_text or not docs["text"].duplicated().any():
        return scorer.func(docs)
    unique = docs.drop_duplicates("text")
    result = scorer.func(unique)
    owner = docs[["doc_id", "text"]].merge(
        unique[["doc_id", "text"]].rename(columns={"doc_id": "_owner"}), on="text", how="left"
    )
    expanded = owner[["doc_id", "_owner"]].merge(
        result.rename(columns={"doc_id": "_owner"}), on="_owner", how="inner"
    )
    return expanded.drop(columns="_owner")[list(result.columns)].reset_index(drop=True)


def _score_in_slices(docs: pd.DataFrame, scorers: dict[str, Scorer]) -> dict[str, pd.DataFrame]:
    """Every scorer on ``docs``, slice by slice: the scorers of a slice share one split.

    A slice has at most ``SLICE_DOCS`` documents, fewer than the documents
    whose split ``analysis.text`` remembers, so sentiment, frames, terms and
    actors split each document once; the results are concatenated per scorer
    (every scorer gives rows per document, in document order).
    """
    if not scorers:
        return {}
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in scorers}
    for start in range(0, max(len(docs), 1), SLICE_DOCS):
        piece = docs.iloc[start : start + SLICE_DOCS]
        for name, scorer in scorers.items():
            parts[name].append(apply_scorer(scorer, piece))
    return {
        name: pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)
        for name, pieces in parts.items()
    }


def score_partition(
    docs: pd.DataFrame, *, scorers: dict[str, tuple[Scorer, tuple[str, ...]]], cache_dir: str
) -> pd.DataFrame:
    """Score one partition with every scorer whose result is not cached yet.

    This is the one function both engines run per partition.

    Args:
        docs: the partition (``doc_id``, ``text``, optionally ``language``); not modified.
        scorers: ``{name: (scorer, dependency hashes)}``.
        cache_dir: root of the result cache.

    Returns:
        One row per scorer: scorer, key, path, n_docs, n_rows (NA when cached),
        is_cached, content (the partition's ``hash_frame_content``).
    """
    content = hash_frame_content(docs)
    keys = {
        name: cache_key(content, scorer=name, version=scorer.version, dependency_hashes=deps)
        for name, (scorer, deps) in scorers.items()
    }
    missing = [name for name in scorers if not cache_path(cache_dir, name, keys[name]).is_file()]
    results = _score_in_slices(docs, {name: scorers[name][0] for name in missing})
    rows = []
    for name in scorers:
        key = keys[name]
        path = cache_path(cache_dir, name, key)
        n_rows = pd.NA
        is_cached = name not in results
        if not is_cached:
            write_cached(results[name], cache_dir, name, key)
            n_rows = len(results[name])
        rows.append(
            {
                "scorer": name,
                "key": key,
                "path": str(path),
                "n_docs": len(docs),
                "n_rows": n_rows,
                "is_cached": is_cached,
                "content": content,
            }
        )
    return pd.DataFrame(rows)


def run_analysis(
    store: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    scorers: Sequence[str] = DEFAULT_SCORERS,
    engine: Engine = "local",
    address: str | None = None,
    n_workers: int | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Score every partition of ``store`` with ``scorers``, reusing cached results.

    Args:
        store: a folder written by ``ingest_corpus`` or a list of partition files.
        scorers: names from ``analysis.scale.scorers.SCORERS``.
        engine: ``"local"`` (all cores of this machine) or ``"dask"``.
        address: scheduler address of an existing dask cluster (``engine="dask"``).
        n_workers: worker processes (default: all cores).
        cache_dir: result cache (default ``config.PROCESSED_DIR / "cache"``).
        progress: show tqdm progress bars.

    Returns:
        The manifest, one row per (partition, scorer): partition (file path),
        scorer, key, path (cached result file), n_docs, n_rows (NA when the
        result came from the cache), is_cached (True when nothing was rescored).
    """
    chosen = get_scorers(tuple(scorers))
    paths = (
        list_partitions(store)
        if isinstance(store, (str, os.PathLike))
        else [Path(p) for p in store]
    )
    if not paths:
        raise ValueError(f"{store}: no partition files (*.parquet) to analyse")
    cache_dir = str(Path(cache_dir) if cache_dir is not None else default_cache_dir())
    plan = {name: (scorer, dependency_hashes(scorer)) for name, scorer in chosen.items()}
    columns = sorted({c for scorer in chosen.values() for c in scorer.columns})
    func = functools.partial(score_partition, scorers=plan, cache_dir=cache_dir)
    _prepare_for_workers(chosen, paths, engine=engine, n_workers=n_workers, cache_dir=cache_dir)
    outputs = map_partitions(
        paths,
        func,
        engine=engine,
        columns=columns,
        address=address,
        n_workers=n_workers,
        progress=progress,
    )
    # a rerun finds each file's content hash by its bytes, without reading it (rerun.py)
    remember_contents(cache_dir, paths, [out["content"].iloc[0] for out in outputs])
    manifest = pd.concat(
        [out.assign(partition=str(path)) for path, out in zip(paths, outputs, strict=True)],
        ignore_index=True,
    )
    manifest = _manifest_dtypes(manifest[list(MANIFEST_COLUMNS)])
    n_cached = int(manifest["is_cached"].sum())
    logger.info("%d partition results, %d from the cache", len(manifest), n_cached)
    return manifest


def _prepare_for_workers(
    chosen: dict[str, Scorer], paths: list[Path], *, engine, n_workers, cache_dir
) -> None:
    """Load the scorers' lexicons and codebooks here, once, before workers are forked.

    Forked workers then share them (copy-on-write) instead of each spending
    seconds on the same loading and compiling. Skipped with one process (it
    loads on first use anyway), for dask and in a Jupyter kernel (their
    workers do not fork from this process), and when every result is cached.
    """
    from analysis.scale.engine import _check_workers, _in_kernel
    from analysis.scale.rerun import cached_results

    if engine != "local" or _in_kernel() or min(_check_workers(n_workers), len(paths)) < 2:
        return
    if cached_results(paths, scorers=list(chosen), cache_dir=cache_dir) is not None:
        return
    for scorer in chosen.values():
        if scorer.prepare is not None:
            scorer.prepare()


def _manifest_dtypes(manifest: pd.DataFrame) -> pd.DataFrame:
    return manifest.astype(
        {
            "partition": "string",
            "scorer": "string",
            "key": "string",
            "path": "string",
            "n_docs": "int64",
            "n_rows": "Int64",
            "is_cached": "bool",
        }
    )


def load_results(manifest: pd.DataFrame, scorer: str) -> pd.DataFrame:
    """Concatenate one scorer's partition results, in partition order.

    Args:
        manifest: the table returned by ``run_analysis``; not modified.
        scorer: scorer name, e.g. ``"sentiment"``.

    Returns:
        The scorer's table (e.g. for ``"sentiment"``: doc_id, textblob_polarity,
        textblob_subjectivity, vader_compound, n_sentences, language, is_scored).
    """
    missing = [c for c in ("scorer", "path") if c not in manifest.columns]
    if missing:
        raise ValueError(f"manifest lacks columns {missing}; found {list(manifest.columns)}")
    paths = manifest.loc[manifest["scorer"] == scorer, "path"].tolist()
    if not paths:
        valid = sorted(set(manifest["scorer"]))
        raise ValueError(f"no results for scorer {scorer!r} in the manifest; found {valid}")
    return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True)
