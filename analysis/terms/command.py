"""``python -m analysis terms PATH --out FILE.csv [--terms NAME]``."""

from __future__ import annotations

import argparse
import logging

from analysis.cli import add_workers_argument

log = logging.getLogger(__name__)

__all__ = ["register"]


def _run(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.io import write_csv
    from analysis.terms.counting import count_terms_by_document
    from analysis.terms.termlist import load_terms

    tl = load_terms(args.terms)  # a bad terms file fails before the corpus is read
    docs = load_corpus(args.path)
    table = count_terms_by_document(docs, tl, n_workers=args.workers)
    write_csv(table, args.out)
    log.info(
        "wrote %d rows (%d of %d documents mention a variant) to %s",
        len(table),
        table["doc_id"].nunique(),
        len(docs),
        args.out,
    )
    return 0


def register(subparsers) -> None:
    """Add ``terms PATH --out FILE.csv [--terms NAME]`` to the CLI."""
    parser = subparsers.add_parser(
        "terms",
        help="contested-term variants per document (one row per document, referent, variant)",
        description="Write doc_id, referent, variant, side, n_mentions, n_own, n_gloss, "
        "n_quote: which name each document uses for each disputed referent, in English, "
        "Korean and Japanese, and how (own word, gloss such as 'which Japan calls "
        "Takeshima', or quotation). Documents in other languages are not searched "
        "(their number is logged).",
    )
    parser.add_argument("path", help="corpus file or folder")
    parser.add_argument("--out", required=True, help="CSV file to write")
    parser.add_argument(
        "--terms",
        default="contested_terms",
        help="terms file name in data/codebooks or a YAML path (default contested_terms)",
    )
    add_workers_argument(parser)
    parser.set_defaults(func=_run)
