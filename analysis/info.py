"""``kj-discourse info``: where the package finds its inputs and which versions it runs.

An installed package (``pip install .``) carries the sample corpus, codebooks,
validation sets, models and report notebooks inside it; this command says where, so
a researcher can point any command at the sample (``kj-discourse corpus "$(kj-discourse
info --sample)" --out sample.csv``) or copy a codebook to edit.
"""

from __future__ import annotations

import argparse
import sys

from analysis import config


def locations() -> dict[str, str]:
    """Return what the package reads and writes, by name (paths as strings)."""
    return {
        "sample corpus": str(config.SAMPLE_CORPUS),
        "codebooks": str(config.CODEBOOK_DIR),
        "validation sets": str(config.VALIDATION_DIR),
        "models": str(config.MODEL_DIR),
        "report notebooks": str(config.NOTEBOOK_DIR),
        "reports (output)": str(config.REPORT_DIR),
        "processed data (output)": str(config.PROCESSED_DIR),
        "running from": "a checkout" if config.IN_CHECKOUT else "an installed package",
    }


def _run(args: argparse.Namespace) -> int:
    if args.sample:
        sys.stdout.write(f"{config.SAMPLE_CORPUS}\n")
        return 0
    from analysis.report.provenance import lock_hash, package_versions

    rows = {**locations(), "requirements.lock sha256": lock_hash()}
    rows.update({f"version: {k}": v for k, v in package_versions().items()})
    width = max(map(len, rows))
    sys.stdout.write("".join(f"{k:<{width}}  {v}\n" for k, v in rows.items()))
    return 0


def register(subparsers) -> None:
    """Add ``info [--sample]`` to the command line."""
    parser = subparsers.add_parser(
        "info",
        help="where the sample corpus, codebooks and models are; versions",
        description="Print where the package reads its inputs (sample corpus, codebooks, "
        "validation sets, models, notebooks) and writes its outputs, and the versions.",
    )
    parser.add_argument("--sample", action="store_true", help="print only the sample corpus folder")
    parser.set_defaults(func=_run)
