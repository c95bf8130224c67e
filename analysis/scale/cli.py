"""``python -m analysis scale ingest|run``: the scale pipeline on the command line.

    python -m analysis scale ingest PATH [--out DIR] [--chunk-rows N] [--partition-by year|chunk]
                                    [--workers N]
    python -m analysis scale run [--store DIR] [--engine local|dask] [--address tcp://host:port]
                                 [--workers N] [--scorers sentiment,frames,...] [--cache DIR]
                                 [--manifest FILE.csv]

Both print a one-line summary on stdout; bad input is a one-line ``error:``
and exit status 2 (``analysis.cli``).
"""

from __future__ import annotations

import argparse
import sys

from analysis import config
from analysis.scale.rerun import add_run_arguments, summary_line


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``scale`` command with its ``ingest`` and ``run`` subcommands."""
    parser = subparsers.add_parser(
        "scale", help="chunked ingest and cached, parallel scoring of large corpora"
    )
    sub = parser.add_subparsers(dest="scale_command", required=True, metavar="SUBCOMMAND")
    ingest = sub.add_parser(
        "ingest", help="read a large CSV/JSONL/Parquet corpus into partitioned Parquet"
    )
    ingest.add_argument("path", help="input file or folder of .csv/.jsonl/.parquet files")
    ingest.add_argument("--out", default=None, help="store folder (default: data/processed/corpus)")
    ingest.add_argument(
        "--chunk-rows", type=int, default=50_000, help="rows per chunk and partition"
    )
    ingest.add_argument("--partition-by", choices=["year", "chunk"], default="year")
    ingest.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bars")
    from analysis.corpus.command import add_columns_argument

    add_columns_argument(ingest)
    ingest.set_defaults(func=_ingest)
    run = sub.add_parser("run", help="score every partition (cached by content hash)")
    add_run_arguments(run)
    run.set_defaults(func=_run)


def _ingest(args: argparse.Namespace) -> int:
    from analysis.scale.store import ingest_corpus

    out = args.out or config.PROCESSED_DIR / "corpus"
    manifest = ingest_corpus(
        args.path,
        out=out,
        chunk_rows=args.chunk_rows,
        partition_by=args.partition_by,
        n_workers=args.workers,
        progress=not args.no_progress,
        columns=args.columns,
    )
    n_docs = int(manifest["n_docs"].sum())
    sys.stdout.write(f"ingested {n_docs} documents into {len(manifest)} partitions at {out}\n")
    return 0


def _run(args: argparse.Namespace) -> int:
    from analysis.scale.pipeline import run_analysis

    store = args.store or config.PROCESSED_DIR / "corpus"
    scorers = [name.strip() for name in args.scorers.split(",") if name.strip()]
    manifest = run_analysis(
        store,
        scorers=scorers,
        engine=args.engine,
        address=args.address,
        n_workers=args.workers,
        cache_dir=args.cache,
        progress=not args.no_progress,
    )
    if args.manifest:
        from analysis.io import write_csv

        write_csv(manifest, args.manifest)
    n_cached = int(manifest["is_cached"].sum())
    sys.stdout.write(summary_line(len(manifest), n_cached, scorers))
    return 0
