"""``python -m analysis corpus PATH --out FILE.csv`` and the shared ``--columns`` option.

Every command that takes a corpus adds the option with ``add_columns_argument(parser)``
and passes ``columns=args.columns`` to ``load_corpus``, which checks the mapping before
it reads a file: an unknown schema name is one ``error: columns: ...`` line, exit 2.
"""

from __future__ import annotations

import argparse
import logging

from analysis import io
from analysis.corpus.loader import load_corpus
from analysis.corpus.schema import CORPUS_COLUMNS, MAPPABLE_COLUMNS

log = logging.getLogger("analysis.corpus")

COLUMNS_HELP = (
    "your own column names for schema columns, TARGET=COLUMN pairs separated by commas, "
    "e.g. text=body,published=date,outlet=source,outlet_country=country "
    f"(targets: {', '.join(MAPPABLE_COLUMNS)})"
)


def add_columns_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--columns TARGET=COLUMN,...`` to a command that loads a corpus (``args.columns``)."""
    parser.add_argument("--columns", default=None, metavar="T=C,...", help=COLUMNS_HELP)


def _run(args) -> int:
    docs = load_corpus(args.path, columns=args.columns, exclude_duplicates=args.exclude_duplicates)
    out = docs[list(CORPUS_COLUMNS)]
    io.write_csv(out, args.out)
    log.info("wrote %d documents to %s", len(out), args.out)
    return 0


def register(subparsers) -> None:
    """Add ``corpus PATH --out FILE.csv [--columns ...] [--exclude-duplicates]``."""
    parser = subparsers.add_parser(
        "corpus",
        help="validate a corpus and write it as normalised CSV",
        description="Validate a corpus file or folder and write one row per document "
        "with the schema columns (docs/design.md). Formats: docs/inputs.md.",
    )
    parser.add_argument(
        "path",
        metavar="PATH",
        help="corpus file or folder: .jsonl/.csv/.parquet, saved pages (.txt/.html), "
        "Nexis (.docx/.txt), Factiva (.html/.rtf), BigKinds (.xlsx), Media Cloud (.csv)",
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE.csv", help="CSV file to write (atomically)"
    )
    add_columns_argument(parser)
    parser.add_argument(
        "--exclude-duplicates",
        action="store_true",
        help="leave out exact and near-duplicate copies",
    )
    parser.set_defaults(func=_run)
