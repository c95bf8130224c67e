"""``python -m analysis sentiment PATH --out FILE.csv [--sentences FILE.csv]``."""

from __future__ import annotations

import logging

from analysis.corpus.command import add_columns_argument
from analysis.sentiment.scoring import score_documents_and_sentences, score_sentiment

logger = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add ``sentiment PATH --out FILE.csv [--sentences FILE.csv]`` to the CLI."""
    parser = subparsers.add_parser(
        "sentiment",
        help="score TextBlob and VADER per document (and per sentence)",
        description="Write one row per document (and optionally per sentence) with "
        "TextBlob polarity/subjectivity and VADER compound. Non-English texts get "
        "empty scores and is_scored False.",
    )
    parser.add_argument("path", help="corpus file or folder (CSV, JSONL, Parquet, page dumps)")
    parser.add_argument("--out", required=True, help="CSV file for the per-document scores")
    parser.add_argument("--sentences", help="CSV file for the per-sentence scores and drivers")
    parser.add_argument(
        "--exclude-duplicates",
        action="store_true",
        help="leave out documents flagged is_duplicate (wire copies); default: score all",
    )
    add_columns_argument(parser)
    parser.set_defaults(func=_run_cli)


def _run_cli(args) -> int:
    from analysis.corpus import load_corpus
    from analysis.io import write_csv

    docs = load_corpus(args.path, columns=args.columns, exclude_duplicates=args.exclude_duplicates)
    if args.sentences:
        documents, sentences = score_documents_and_sentences(docs)
        write_csv(sentences, args.sentences)
    else:
        documents = score_sentiment(docs)
    write_csv(documents, args.out)
    logger.info("scored %d documents -> %s", len(documents), args.out)
    return 0
