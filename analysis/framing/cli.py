"""``python -m analysis frames``: code a corpus; ``frames calibrate``: fit the rule on codes."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from analysis import config
from analysis.cli import add_workers_argument

log = logging.getLogger(__name__)


def _run_code(args: argparse.Namespace) -> int:
    from analysis.codebooks import load_codebook
    from analysis.corpus import load_corpus
    from analysis.framing.coding import code_frames
    from analysis.io import write_csv

    if not args.out:
        raise ValueError("frames: --out FILE.csv is required")
    cb = load_codebook(args.codebook)
    docs = load_corpus(args.path, columns=args.columns)
    coded = code_frames(docs, cb, decision=args.decision, n_workers=args.workers)
    write_csv(coded, args.out)
    rule = "any match" if cb.calibration is None or args.decision == "any" else (
        f"calibrated ({cb.calibration.feature} thresholds)")  # fmt: skip
    log.info(
        "wrote %d rows (%d documents x %d frames; present: %s; %d documents in languages "
        "without terms not coded) to %s",
        len(coded), len(docs) - coded.attrs["n_uncoded"], len(cb.frames), rule,
        coded.attrs["n_uncoded"], args.out,
    )  # fmt: skip
    return 0


def _run_calibrate(args: argparse.Namespace) -> int:
    from analysis.codebooks import load_codebook
    from analysis.framing.calibration import (
        calibration_block,
        cross_validate_thresholds,
        file_sha256,
        fit_thresholds,
        read_codes,
        write_calibrated_codebook,
    )
    from analysis.framing.coding import code_frames

    if not args.codes:
        raise ValueError("frames calibrate: --codes CODED.csv is required")
    cb = load_codebook(args.codebook)
    docs, codes = read_codes(list(args.codes))
    names = " ".join(Path(p).name for p in args.codes)
    coded = code_frames(docs, cb, decision="any")
    fits = fit_thresholds(coded, codes, feature=args.feature)
    cv = cross_validate_thresholds(coded, codes, feature=args.feature, folds=args.folds)
    out = Path(args.out) if args.out else config.PROCESSED_DIR / "codebooks" / (
        f"{cb.path.stem}.calibrated.yaml")  # fmt: skip
    block = calibration_block(
        fits, feature=args.feature, cv=cv,
        fitted_on=f"{names} (all {len(codes)} coded documents)",
        method=f"per frame, the F1-best threshold on {args.feature}; f1_cv: "
               f"{args.folds}-fold cross-validation",
        extra={"data_sha256": [file_sha256(p) for p in args.codes]},
    )  # fmt: skip
    written = write_calibrated_codebook(
        cb.path, block, out,
        header_comment=f"fitted by: python -m analysis frames calibrate --codes {names} "
                       f"--codebook {args.codebook}",
    )  # fmt: skip
    table = cv.merge(fits[["frame", "threshold", "f1"]].rename(columns={"f1": "f1_in_sample"}),
                     on="frame", how="left")  # fmt: skip
    lines = [f"{args.folds}-fold cross-validated agreement with the coders "
             f"({len(codes)} documents, {names}):",
             table.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
             f"wrote the calibrated copy {written} "
             f"(the original {cb.path.name} is unchanged)"]  # fmt: skip
    print("\n".join(lines))  # noqa: T201 - the command's report on stdout
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.path == "calibrate":
        return _run_calibrate(args)
    return _run_code(args)


def register(subparsers) -> None:
    """Add ``frames PATH --out FILE.csv`` and ``frames calibrate --codes CODED.csv``."""
    parser = subparsers.add_parser(
        "frames",
        help="code a corpus with a frame codebook (one row per document and frame), or "
        "'frames calibrate' the presence rule on human codes",
        description="frames PATH --out FILE.csv [--codebook NAME]: write doc_id, frame, the "
        "evidence columns (n_matches, n_sentences, sentence_share, density, in_headline, "
        "in_lead, n_quoted, n_negated), present (the codebook's calibrated rule), "
        "matched_terms, sentence_ids. frames calibrate --codes CODED.csv --codebook NAME "
        "[--out FILE.yaml]: fit one threshold per frame on the coders' document codes, print "
        "cross-validated agreement and write a calibrated copy of the codebook (the "
        "original is never modified). CODED.csv: doc_id, text and one 0/1 column per "
        "frame id, or a filled-in document coding sheet.",
    )
    parser.add_argument("path", help="corpus file or folder, or the word 'calibrate'")
    parser.add_argument("--out", default=None, help="CSV to write (calibrate: the YAML copy)")
    parser.add_argument(
        "--codebook",
        default="kj_frames",
        help="codebook name in data/codebooks (e.g. generic_frames) or a YAML path",
    )
    parser.add_argument(
        "--decision",
        choices=("calibrated", "any"),
        default="calibrated",
        help="present: the codebook's calibrated rule (default) or any counted match",
    )
    parser.add_argument(
        "--codes",
        nargs="+",
        default=None,
        help="calibrate: the coders' codes: one CSV, or one filled-in coding sheet per coder",
    )
    parser.add_argument(
        "--feature",
        default="n_sentences",
        choices=("n_sentences", "n_matches", "sentence_share", "density"),
        help="calibrate: the evidence column thresholded (default n_sentences)",
    )
    parser.add_argument("--folds", type=int, default=5, help="calibrate: cross-validation folds")
    add_workers_argument(parser)
    from analysis.corpus.command import add_columns_argument

    add_columns_argument(parser)
    parser.set_defaults(func=_run)
