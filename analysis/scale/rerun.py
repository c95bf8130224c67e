"""A cached ``scale run`` answered without pandas: the rerun costs what start-up costs.

``run_analysis`` remembers, for every partition file it scored, the hash of its
``doc_id`` + ``text`` content under the SHA-256 of the file's bytes
(``cache_dir/_contents/<file hash>``). A later ``python -m analysis scale run``
(``rerun_from_cache``, called by ``analysis.cli`` before it builds the parser)
hashes the partition files' bytes, looks their content hashes up, builds each
scorer's cache key exactly as ``score_partition`` does and, when every result
file is there, prints the command's summary line and stops: no partition is
read, and neither pandas nor a scorer is imported. Anything else (a partition
never scored, a changed file, a changed codebook or scorer source, a
``--manifest`` to write, the dask engine, ``--help``, a bad option) falls
through to the ordinary command, which gives the same answer the slow way.

This module imports only the standard library and pandas-free package modules
(``analysis.scale.scorers``, ``analysis.scale.cache``); tests check that.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

CONTENTS_DIR = "_contents"  # under the cache dir: partition file hash -> content hash
DEFAULT_SCORERS = "sentiment,frames,terms,actors"


def list_partitions(store: str | os.PathLike) -> list[Path]:
    """Partition files of a store, sorted (files starting with ``_`` or ``.`` are skipped)."""
    store = Path(store)
    if store.is_file() and store.suffix == ".parquet":
        return [store]
    if not store.is_dir():
        raise FileNotFoundError(f"{store}: no such store folder")
    return sorted(
        p
        for p in store.rglob("*.parquet")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(store).parts)
    )


def _memo_path(cache_dir: str | os.PathLike, file_hash: str) -> Path:
    return Path(cache_dir) / CONTENTS_DIR / file_hash


def remember_contents(
    cache_dir: str | os.PathLike, paths: Sequence[str | os.PathLike], contents: Sequence[str]
) -> None:
    """Record each partition file's content hash under the hash of its bytes (atomically)."""
    from analysis.scale.cache import hash_file

    for path, content in zip(paths, contents, strict=True):
        target = _memo_path(cache_dir, hash_file(path))
        if target.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(content)
        os.replace(tmp, target)


def _remembered_content(cache_dir: str | os.PathLike, path: Path) -> str | None:
    from analysis.scale.cache import hash_file

    memo = _memo_path(cache_dir, hash_file(path))
    try:
        content = memo.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return content if len(content) == 64 else None


def cached_results(
    store: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    scorers: Sequence[str],
    cache_dir: str | os.PathLike,
) -> list[dict] | None:
    """The manifest rows of a run whose every result is cached, else None.

    Args:
        store: a store folder, one partition file or a list of partition files.
        scorers: scorer names (``analysis.scale.scorers.SCORERS``).
        cache_dir: the result cache.

    Returns:
        One dict per (partition, scorer), as ``run_analysis``'s manifest
        (partition, scorer, key, path, n_docs None, n_rows None, is_cached
        True), or None when a partition's content is unknown, a result is
        missing or a name is not a scorer (the ordinary run then decides).
    """
    from analysis.scale.cache import cache_key, cache_path
    from analysis.scale.scorers import SCORERS, dependency_hashes

    if not scorers or any(name not in SCORERS for name in scorers):
        return None
    if isinstance(store, (str, os.PathLike)):
        paths = list_partitions(store)
    else:
        paths = [Path(p) for p in store]
    if not paths:
        return None
    plan = {name: (SCORERS[name], dependency_hashes(SCORERS[name])) for name in scorers}
    rows = []
    for path in paths:
        content = _remembered_content(cache_dir, path)
        if content is None:
            return None
        for name, (scorer, deps) in plan.items():
            key = cache_key(content, scorer=name, version=scorer.version, dependency_hashes=deps)
            result = cache_path(cache_dir, name, key)
            if not result.is_file():
                return None
            rows.append({"partition": str(path), "scorer": name, "key": key, "path": str(result),
                         "n_docs": None, "n_rows": None, "is_cached": True})  # fmt: skip
    return rows


def add_run_arguments(run: argparse.ArgumentParser) -> None:
    """The options of ``scale run`` (one definition for the command and the quick rerun)."""
    run.add_argument("--store", default=None, help="store folder (default: data/processed/corpus)")
    run.add_argument("--engine", choices=["local", "dask"], default="local")
    run.add_argument(
        "--address", default=None, help="dask scheduler address, e.g. tcp://10.0.0.5:8786"
    )
    run.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: all cores)"
    )
    run.add_argument("--scorers", default=DEFAULT_SCORERS, help="comma-separated scorer names")
    run.add_argument(
        "--cache", default=None, help="result cache folder (default: data/processed/cache)"
    )
    run.add_argument("--manifest", default=None, help="write the run manifest to this CSV")
    run.add_argument("--no-progress", action="store_true", help="no progress bars")


def summary_line(n_results: int, n_cached: int, scorers: Sequence[str]) -> str:
    """The one line ``scale run`` prints."""
    return (
        f"scored {n_results} partition results ({n_cached} from the cache, "
        f"{n_results - n_cached} computed) for {', '.join(scorers)}\n"
    )


class _Quiet(argparse.ArgumentParser):
    def error(self, message: str):  # a bad option: the ordinary parser reports it
        raise ValueError(message)


def rerun_from_cache(argv: Sequence[str]) -> int | None:
    """Answer ``scale run ...`` from the cache alone when every result is there.

    Args:
        argv: the command line after ``python -m analysis``.

    Returns:
        0 after printing the summary line, or None: run the ordinary command.
    """
    argv = list(argv)
    if argv[:2] != ["scale", "run"] or {"-h", "--help"} & set(argv):
        return None
    parser = _Quiet(add_help=False)
    add_run_arguments(parser)
    try:
        args = parser.parse_args(argv[2:])
    except ValueError:
        return None
    if args.engine != "local" or args.address or args.manifest:
        return None
    from analysis import config

    scorers = [name.strip() for name in args.scorers.split(",") if name.strip()]
    store = args.store or config.PROCESSED_DIR / "corpus"
    cache_dir = args.cache or config.PROCESSED_DIR / "cache"
    try:
        rows = cached_results(store, scorers=scorers, cache_dir=cache_dir)
    except (OSError, ValueError):  # e.g. an unreadable partition: the command reports it
        return None
    if rows is None:
        return None
    sys.stdout.write(summary_line(len(rows), len(rows), scorers))
    return 0
