"""Validation against human coders: coding sheets, Krippendorff's alpha, precision/recall/F1.

Workflow: ``write_coding_sheet`` draws a stratified sample of sentences (or
documents) and writes a CSV with one empty 0/1 column per frame; each coder fills
in a copy and their name in ``coder``; ``read_coding_sheets`` reads the copies
back into a long table (a blank cell means "not coded", never 0);
``krippendorff_alpha`` measures agreement between coders per frame and
``frame_agreement`` scores the automatic coding against the human codes.

Sampling: the ``n`` units are spread as evenly as possible over the strata
(equal allocation, so a small group is not drowned by a large one; a stratum with
too few units gives all it has and the rest goes to the others), drawn with
``config.RANDOM_SEED`` and shuffled, so coders do not see the strata in blocks.
The stratum is not written to the sheet, to keep coders blind to the publisher.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import krippendorff
import numpy as np
import pandas as pd

from analysis import config, io
from analysis.checks import check_choice, describe_columns, require_columns
from analysis.text import sentence_table

__all__ = [
    "export_coding_sheet",
    "frame_agreement",
    "krippendorff_alpha",
    "read_coding_sheets",
    "write_coding_sheet",
]

UNITS = ("document", "sentence")
LEVELS = ("nominal", "ordinal", "interval", "ratio")
SHEET_COLUMNS = ["unit_id", "doc_id", "sentence_id", "text"]
CODE_COLUMNS = ["unit_id", "coder", "frame", "code"]
AGREEMENT_COLUMNS = ["frame", "precision", "recall", "f1", "support", "n_predicted", "n_units"]


def _units(docs: pd.DataFrame, unit: str, strata: str) -> pd.DataFrame:
    """Candidate units with ``unit_id``, ``doc_id``, ``sentence_id``, ``text`` and the stratum."""
    if unit == "document":
        units = docs[["doc_id", "text"]].assign(
            sentence_id=pd.NA, unit_id=docs["doc_id"].astype(str)
        )
    else:
        sentences = sentence_table(docs)
        units = sentences.rename(columns={"sentence": "text"}).assign(
            unit_id=sentences["doc_id"].astype(str) + ":" + sentences["sentence_id"].astype(str)
        )
    units = units.merge(docs[["doc_id", strata]].rename(columns={strata: "_stratum"}), on="doc_id")
    return units[units["text"].fillna("").str.strip() != ""]


def _allocate(sizes: pd.Series, n: int) -> dict:
    """Equal allocation of ``n`` over strata of the given sizes, capped by each size."""
    take = dict.fromkeys(sizes.index, 0)
    left = min(n, int(sizes.sum()))
    while left > 0:
        open_ = [s for s in sizes.index if take[s] < sizes[s]]
        share = max(left // len(open_), 1)
        for s in open_:
            extra = min(share, sizes[s] - take[s], left)
            take[s] += extra
            left -= extra
            if left == 0:
                break
    return take


def export_coding_sheet(
    docs: pd.DataFrame,
    *,
    frames: Sequence[str],
    n: int = 100,
    strata: str = "outlet_country",
    unit: Literal["document", "sentence"] = "sentence",
    seed: int = config.RANDOM_SEED,
) -> pd.DataFrame:
    """Draw a stratified sample of units for human coding.

    Args:
        docs: corpus with ``doc_id``, ``text`` and the ``strata`` column.
        frames: frame ids, one empty code column each (e.g. ``codebook.frame_ids``).
        n: number of units in all (fewer if the corpus has fewer).
        strata: column of ``docs`` to stratify on (missing values form their own stratum).
        unit: ``"sentence"`` (``analysis.text.sentence_table``) or ``"document"``.
        seed: seed of the draw.

    Returns:
        DataFrame ``unit_id`` (``doc_id:sentence_id``, or ``doc_id``), ``doc_id``,
        ``sentence_id`` (NA for documents), ``text``, one empty column per frame, and
        an empty ``coder``; rows in random order.
    """
    check_choice("unit", unit, UNITS)
    if n < 1:
        raise ValueError(f"n must be at least 1; got {n!r}")
    frames = list(frames)
    clash = [f for f in frames if f in SHEET_COLUMNS + ["coder"]] or (
        [f for f in frames if frames.count(f) > 1]
    )
    if not frames or clash:
        raise ValueError(f"frames must be distinct ids, not sheet columns; got {frames!r}")
    require_columns(docs, ["doc_id", "text", strata], what="export_coding_sheet")
    units = _units(docs, unit, strata)
    units = units.assign(
        _stratum=units["_stratum"].astype(object).where(units["_stratum"].notna(), "NA")
    )
    take = _allocate(units.groupby("_stratum").size(), n)
    rng = np.random.default_rng(seed)
    picked = [
        part.iloc[np.sort(rng.choice(len(part), size=take[name], replace=False))]
        for name, part in units.groupby("_stratum", sort=True)
    ]
    sample = pd.concat(picked, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sheet = sample[SHEET_COLUMNS].copy()
    for frame in frames:
        sheet[frame] = pd.Series([""] * len(sheet), dtype=object)
    sheet["coder"] = pd.Series([""] * len(sheet), dtype=object)
    return sheet


def write_coding_sheet(docs: pd.DataFrame, path: str | os.PathLike, **options) -> Path:
    """Export a coding sheet (``export_coding_sheet`` options) and write it as CSV atomically.

    Returns:
        The path written.
    """
    return io.write_csv(export_coding_sheet(docs, **options), path)


def _read_sheet(path: Path) -> list[tuple[str, str, str, int]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [column for column in ("unit_id", "coder") if column not in header]
        if missing:
            raise ValueError(
                f"{path.name}: missing required column(s) {', '.join(map(repr, missing))}; "
                f"found {describe_columns(header)}"
            )
        frames = [c for c in header if c not in SHEET_COLUMNS + ["coder"]]
        rows = []
        for line, record in enumerate(reader, start=2):  # row 1 is the header
            coder = (record.get("coder") or "").strip()
            unit = (record.get("unit_id") or "").strip()
            for field, value in (("unit_id", unit), ("coder", coder)):
                if not value:
                    raise ValueError(f"{path.name}: row {line}, field '{field}': empty")
            for frame in frames:
                value = (record.get(frame) or "").strip()
                if value in ("0", "1"):
                    rows.append((unit, coder, frame, int(value)))
                elif value:
                    raise ValueError(
                        f"{path.name}: row {line}, field '{frame}': invalid code {value!r} "
                        "(expected 0, 1 or blank)"
                    )
    return rows


def read_coding_sheets(paths: Iterable[str | os.PathLike]) -> pd.DataFrame:
    """Read coded sheets into one long table of codes.

    Args:
        paths: CSV files written by ``write_coding_sheet`` and filled in by coders.

    Returns:
        DataFrame ``unit_id``, ``coder``, ``frame``, ``code`` (0/1, int64); blank
        cells (not coded) have no row.

    Raises:
        ValueError: one line naming file, row (the header is row 1) and field, for
            a code other than 0, 1 or blank, an empty ``unit_id``/``coder``, or a
            unit coded twice by the same coder.
    """
    rows, seen = [], {}
    for path in map(Path, paths):
        for unit, coder, frame, code in _read_sheet(path):
            key = (unit, coder, frame)
            if key in seen:
                raise ValueError(
                    f"{path.name}: unit {unit!r}, field '{frame}': coder {coder!r} already "
                    f"coded it in {seen[key]}"
                )
            seen[key] = path.name
            rows.append((unit, coder, frame, code))
    return pd.DataFrame(rows, columns=CODE_COLUMNS).astype({"code": "int64"})


def krippendorff_alpha(
    codes: pd.DataFrame, *, level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal"
) -> pd.DataFrame:
    """Krippendorff's alpha between coders, per frame (``krippendorff`` package).

    Args:
        codes: long table ``unit_id``, ``coder``, ``frame``, ``code`` (numeric);
            a unit a coder did not code is simply absent.
        level: level of measurement.

    Returns:
        DataFrame ``frame``, ``alpha`` (NaN when there is nothing to compare: fewer
        than two pairable values or a single value everywhere), ``n_units`` (units
        coded by at least two coders), ``n_coders``.
    """
    check_choice("level", level, LEVELS)
    require_columns(codes, CODE_COLUMNS, what="krippendorff_alpha")
    rows = []
    for frame, part in codes.groupby("frame", sort=True):
        matrix = part.pivot_table(index="coder", columns="unit_id", values="code", aggfunc="first")
        data = matrix.to_numpy(dtype=float)
        pairable = int((np.sum(~np.isnan(data), axis=0) >= 2).sum())
        values = np.unique(data[~np.isnan(data)])
        if pairable == 0 or len(values) < 2:
            alpha = np.nan
        else:
            alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
        rows.append((frame, alpha, pairable, len(matrix)))
    return pd.DataFrame(rows, columns=["frame", "alpha", "n_units", "n_coders"])


def _consensus(human: pd.DataFrame) -> pd.DataFrame:
    """One code per (unit, frame): majority of the coders; a tie counts as absent."""
    mean = human.groupby(["unit_id", "frame"], sort=False)["code"].mean()
    return (mean > 0.5).astype("int64").rename("human").reset_index()


def _scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else np.nan
    recall = tp / (tp + fn) if tp + fn else np.nan
    if np.isnan(precision) or np.isnan(recall) or precision + recall == 0:
        f1 = 0.0 if (precision == 0 or recall == 0) else np.nan
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def frame_agreement(auto: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of the automatic frame codes against the human codes.

    Args:
        auto: ``unit_id``, ``frame``, ``present`` (0/1). A (unit, frame) the
            automatic coding does not list counts as absent.
        human: ``unit_id``, ``frame``, ``code`` (0/1), one row per coder; several
            coders are reduced to the majority code (a tie counts as absent). Only
            the (unit, frame) pairs humans coded are scored.

    Returns:
        DataFrame ``frame``, ``precision``, ``recall``, ``f1``, ``support`` (human
        positives), ``n_predicted`` (automatic positives), ``n_units``; then a
        ``macro`` row: unweighted means over the frames where the score is defined,
        summed counts. Precision is NaN with no automatic positives, recall with no
        human positives; F1 is then NaN too (0 if the other score is 0).
    """
    require_columns(auto, ["unit_id", "frame", "present"], what="frame_agreement (auto)")
    require_columns(human, ["unit_id", "frame", "code"], what="frame_agreement (human)")
    gold = _consensus(human)
    predicted = auto[["unit_id", "frame", "present"]].astype({"unit_id": str})
    both = gold.astype({"unit_id": str}).merge(predicted, on=["unit_id", "frame"], how="left")
    both["present"] = both["present"].fillna(0).astype("int64").clip(0, 1)
    rows = []
    for frame, part in both.groupby("frame", sort=True):
        tp = int(((part["present"] == 1) & (part["human"] == 1)).sum())
        fp = int(((part["present"] == 1) & (part["human"] == 0)).sum())
        fn = int(((part["present"] == 0) & (part["human"] == 1)).sum())
        rows.append((frame, *_scores(tp, fp, fn), tp + fn, tp + fp, len(part)))
    table = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    macro = ["macro", *table[["precision", "recall", "f1"]].mean(skipna=True).tolist()]
    macro += table[["support", "n_predicted", "n_units"]].sum().astype(int).tolist()
    return pd.concat([table, pd.DataFrame([macro], columns=AGREEMENT_COLUMNS)], ignore_index=True)


# ---------------------------------------------------------------- command line


def _run_sheet(args) -> int:
    from analysis.codebooks import load_codebook
    from analysis.corpus import load_corpus

    docs = load_corpus(args.path, columns=args.columns, exclude_duplicates=True)
    frames = load_codebook(args.codebook).frame_ids
    options = {"frames": frames, "n": args.n, "strata": args.strata, "unit": args.unit}
    write_coding_sheet(docs, args.out, **options)
    return 0


def _run_alpha(args) -> int:
    table = krippendorff_alpha(read_coding_sheets(args.sheets), level=args.level)
    if args.out:
        io.write_csv(table, args.out)
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def register(subparsers) -> None:
    """Add ``coding sheet PATH --out FILE`` and ``coding alpha SHEET... [--out FILE]``."""
    parser = subparsers.add_parser(
        "coding", help="coding sheets for human coders and their agreement"
    )
    sub = parser.add_subparsers(dest="coding_command", required=True, metavar="SUBCOMMAND")
    sheet = sub.add_parser("sheet", help="write a stratified coding sheet (CSV) for a corpus")
    sheet.add_argument("path", help="corpus file or folder")
    sheet.add_argument("--out", required=True, help="CSV file to write")
    sheet.add_argument("--codebook", default="kj_frames", help="frame codebook name or YAML path")
    sheet.add_argument("--n", type=int, default=100, help="units in all (default 100)")
    sheet.add_argument("--strata", default="outlet_country", help="corpus column to stratify on")
    sheet.add_argument("--unit", choices=UNITS, default="sentence")
    from analysis.corpus.command import add_columns_argument

    add_columns_argument(sheet)
    sheet.set_defaults(func=_run_sheet)
    alpha = sub.add_parser("alpha", help="Krippendorff's alpha per frame from coded sheets")
    alpha.add_argument("sheets", nargs="+", help="coded CSV sheets, one or more per coder")
    alpha.add_argument("--level", choices=LEVELS, default="nominal")
    alpha.add_argument("--out", help="CSV file to write (default: standard output)")
    alpha.set_defaults(func=_run_alpha)
