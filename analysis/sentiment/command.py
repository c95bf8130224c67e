"""``python -m analysis sentiment PATH --out FILE.csv [--sentences FILE.csv]``, ``tone train``."""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from analysis.cli import add_workers_argument
from analysis.corpus.command import add_columns_argument

logger = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add ``sentiment`` and ``tone train`` to the CLI."""
    parser = subparsers.add_parser(
        "sentiment",
        help="score tone (default measure), TextBlob and VADER per document (and sentence)",
        description="Write one row per document (and optionally per sentence) with tone "
        "(multilingual: English, Korean, Japanese), TextBlob polarity/subjectivity and "
        "VADER compound (English only). Unscored texts get empty scores and is_scored False.",
    )
    parser.add_argument("path", help="corpus file or folder (CSV, JSONL, Parquet, page dumps)")
    parser.add_argument("--out", required=True, help="CSV file for the per-document scores")
    parser.add_argument("--sentences", help="CSV file for the per-sentence scores and drivers")
    parser.add_argument(
        "--engines",
        default="tone,textblob,vader",
        help="comma-separated engines to compute: tone, textblob, vader (default: all)",
    )
    parser.add_argument(
        "--mask-names",
        action="store_true",
        help="mask names (United States, Supreme Court, ...) before TextBlob and VADER too",
    )
    parser.add_argument("--tone-model", help="tone model file (default: the shipped model)")
    parser.add_argument(
        "--tone-drivers",
        action="store_true",
        help="fill tone_drivers in --sentences (leave-one-word-out; much slower)",
    )
    parser.add_argument(
        "--exclude-duplicates",
        action="store_true",
        help="leave out documents flagged is_duplicate (wire copies); default: score all",
    )
    add_columns_argument(parser)
    add_workers_argument(parser)
    parser.set_defaults(func=_run_cli)
    _register_tone(subparsers)


def _register_tone(subparsers) -> None:
    tone = subparsers.add_parser("tone", help="train a tone model on your own coded texts")
    sub = tone.add_subparsers(dest="tone_command", required=True, metavar="ACTION")
    train = sub.add_parser(
        "train",
        help="fit tone on coded sentences or documents; print cross-validated agreement",
        description="Fit a tone model on a CSV of coded texts (columns text and label; "
        "optional unit_id and coder), print its 5-fold cross-validated agreement with the "
        "coders (accuracy or Pearson r with 95%% bootstrap intervals, Krippendorff's alpha), "
        "and save it. Use it with --tone-model or the reports' tone_model parameter.",
    )
    train.add_argument("--codes", required=True, help="CSV of coded texts")
    train.add_argument("--out", required=True, help="model file to write (JSON)")
    train.add_argument("--text", default="text", help="text column (default: text)")
    train.add_argument("--label", default="label", help="code column (default: label)")
    train.add_argument("--seed", type=int, default=0, help="fold and bootstrap seed")
    train.set_defaults(func=_run_train)


def _run_cli(args) -> int:
    from analysis.corpus import load_corpus
    from analysis.io import write_csv
    from analysis.sentiment.scoring import (
        check_engines,
        score_documents_and_sentences,
        score_sentiment,
    )

    engines = check_engines(args.engines)
    options = {"engines": engines, "mask_names": args.mask_names, "tone_model": args.tone_model}
    if "tone" in engines:
        from analysis.sentiment.model import load_tone_model

        options["tone_model"] = load_tone_model(args.tone_model)  # a bad file fails first
    # The scores carry no duplicate column: the near-duplicate check runs only when the
    # duplicates are to be left out (it is half a second of every run on 2.5 M characters).
    docs = load_corpus(
        args.path,
        columns=args.columns,
        exclude_duplicates=args.exclude_duplicates,
        check_duplicates=args.exclude_duplicates,
    )
    if args.sentences:
        documents, sentences = score_documents_and_sentences(
            docs, tone_drivers=args.tone_drivers, n_workers=args.workers, **options
        )
        write_csv(sentences, args.sentences)
    else:
        documents = score_sentiment(docs, n_workers=args.workers, **options)
    write_csv(documents, args.out)
    logger.info("scored %d documents -> %s", len(documents), args.out)
    return 0


def _run_train(args) -> int:
    from analysis.sentiment.model import save_tone_model
    from analysis.sentiment.train import read_codes, train_tone_model

    path = Path(args.codes)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: codes file not found")
    codes = read_codes(path, text=args.text, label=args.label)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    model, report = train_tone_model(codes, name=path.name, seed=args.seed, source_sha256=digest)
    save_tone_model(model, args.out)
    sys.stdout.write(report.to_string(index=False, float_format=lambda v: f"{v:.3f}") + "\n")
    sys.stdout.write(f"saved {args.out}\n")
    return 0
