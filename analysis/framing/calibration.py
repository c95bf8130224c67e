"""Fit each frame's presence threshold on human codes, cross-validate it, store it.

The rule is one threshold per frame on one evidence column of ``code_frames``
(``n_sentences`` by default: how many sentences carry a counted match). It is fitted
on documents coded by people: for each frame, the threshold that maximises F1 against
the coders (ties: the one whose predicted share is nearest the coders' share, then the
lower). A document without a counted match is never "present", whatever the threshold.
``cross_validate_thresholds`` refits the rule on k-1 folds and scores the held-out
fold (folds stratified by the code, seeded), so the agreement it prints is out of
sample. ``write_calibrated_codebook`` writes a copy of a codebook with the fitted
``calibration:`` block at its end; the original file is never modified.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.codebooks import CodebookError, load_codebook
from analysis.codebooks.calibration import CALIBRATION_FEATURES

__all__ = [
    "FIT_COLUMNS",
    "best_threshold",
    "calibrated_text",
    "calibration_block",
    "check_codebook_text",
    "cross_validate_thresholds",
    "fit_thresholds",
    "read_codes",
    "write_calibrated_codebook",
]

log = logging.getLogger(__name__)

FIT_COLUMNS = ["frame", "threshold", "n_units", "n_coded_present", "base_rate",
               "predicted_share", "precision", "recall", "f1"]  # fmt: skip
_COUNTS = ("n_sentences", "n_matches")


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = int((y & p).sum())
    return 2 * tp / (int(y.sum()) + int(p.sum())) if tp else 0.0


def _candidates(value: np.ndarray, feature: str) -> np.ndarray:
    if feature in _COUNTS:
        return np.arange(1, int(value.max(initial=0)) + 2, dtype=float)
    positive = np.unique(value[value > 0])
    return positive if len(positive) else np.array([np.inf])


def best_threshold(
    value: np.ndarray, has_match: np.ndarray, y: np.ndarray, *, feature: str
) -> float:
    """The F1-maximising threshold of one frame (see the module docstring).

    Args:
        value: the feature per document.
        has_match: whether the document has a counted match of the frame.
        y: the coders' 0/1 codes.
        feature: the feature's name (counts get integer thresholds >= 1).

    Returns:
        The threshold (``inf`` when no threshold predicts anything).
    """
    y = np.asarray(y, dtype=bool)
    best, key = np.inf, (-1.0, 0.0, 0.0)
    for t in _candidates(np.asarray(value, dtype=float), feature):
        p = has_match & (value >= t - 1e-12)
        score = (_f1(y, p), -abs(p.mean() - y.mean()), -t)
        if score > key:
            best, key = float(t), score
    return best


def _long_codes(codes: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    require_columns(codes, ["doc_id"], what="codes")
    present = [f for f in frames if f in codes.columns]
    if not present:
        raise ValueError(
            f"codes: no column named like a frame of the codebook ({', '.join(frames)}); "
            f"found {', '.join(map(str, codes.columns))}"
        )
    long = codes.melt(id_vars="doc_id", value_vars=present, var_name="frame", value_name="code")
    long = long.dropna(subset=["code"])
    bad = ~long["code"].isin([0, 1, True, False])
    if bad.any():
        row = long[bad].iloc[0]
        raise ValueError(f"codes: doc_id {row['doc_id']!r}, field {row['frame']!r}: "
                         f"code {row['code']!r} is not 0, 1 or blank")  # fmt: skip
    return long.astype({"code": "int64"})


def _joined(coded: pd.DataFrame, codes: pd.DataFrame, feature: str) -> pd.DataFrame:
    check_choice("feature", feature, CALIBRATION_FEATURES)
    require_columns(coded, ["doc_id", "frame", "n_matches", feature], what="coded")
    frames = list(dict.fromkeys(coded["frame"]))
    long = _long_codes(codes, frames)
    keep = list(dict.fromkeys(["doc_id", "frame", "n_matches", feature]))  # n_matches once
    joined = coded[keep].merge(long, on=["doc_id", "frame"])
    if joined.empty:
        raise ValueError("codes: no coded document is in the coded table (check doc_id)")
    return joined


def _fit_rows(joined: pd.DataFrame, feature: str) -> pd.DataFrame:
    rows = []
    for frame, part in joined.groupby("frame", sort=False):
        y = part["code"].to_numpy(dtype=bool)
        value, has = part[feature].to_numpy(dtype=float), part["n_matches"].to_numpy() > 0
        t = best_threshold(value, has, y, feature=feature) if y.any() else np.inf
        p = has & (value >= t - 1e-12)
        tp = int((y & p).sum())
        rows.append((frame, t, len(y), int(y.sum()), float(y.mean()), float(p.mean()),
                     tp / p.sum() if p.sum() else 0.0, tp / y.sum() if y.sum() else 0.0,
                     _f1(y, p)))  # fmt: skip
    return pd.DataFrame(rows, columns=FIT_COLUMNS)


def fit_thresholds(
    coded: pd.DataFrame, codes: pd.DataFrame, *, feature: str = "n_sentences"
) -> pd.DataFrame:
    """Fit one threshold per frame on all the coded documents (in-sample figures).

    Args:
        coded: ``code_frames`` output for the coded documents.
        codes: ``doc_id`` and one 0/1 column per frame id (blank/NaN: not coded).
        feature: the evidence column thresholded (``CALIBRATION_FEATURES``).

    Returns:
        ``FIT_COLUMNS``: ``frame``, ``threshold`` (``inf`` when the coders never coded
        the frame), ``n_units``, ``n_coded_present``, ``base_rate``, ``predicted_share``,
        ``precision``, ``recall``, ``f1`` (all in-sample), in codebook order.
    """
    return _fit_rows(_joined(coded, codes, feature), feature)


def _folds(y: np.ndarray, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=int)
    for cls in (False, True):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % k
    return fold


def cross_validate_thresholds(
    coded: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    feature: str = "n_sentences",
    folds: int = 5,
    seed: int = config.RANDOM_SEED,
) -> pd.DataFrame:
    """Out-of-sample agreement of the fitted rule: k-fold cross-validation per frame.

    Args:
        coded: ``code_frames`` output for the coded documents.
        codes: ``doc_id`` and one 0/1 column per frame id.
        feature: the evidence column thresholded.
        folds: number of folds (stratified by the code; at least 2).
        seed: fold assignment seed.

    Returns:
        ``frame``, ``n_units``, ``base_rate``, ``predicted_share``, ``precision``,
        ``recall``, ``f1`` of the pooled held-out predictions, then a ``macro`` row
        (unweighted means).
    """
    if folds < 2:
        raise ValueError(f"folds must be at least 2; got {folds}")
    joined = _joined(coded, codes, feature)
    rows = []
    for frame, part in joined.groupby("frame", sort=False):
        y = part["code"].to_numpy(dtype=bool)
        value, has = part[feature].to_numpy(dtype=float), part["n_matches"].to_numpy() > 0
        fold, pred = _folds(y, folds, seed), np.zeros(len(y), dtype=bool)
        for k in range(folds):
            train, held = fold != k, fold == k
            t = best_threshold(value[train], has[train], y[train], feature=feature)
            pred[held] = has[held] & (value[held] >= t - 1e-12)
        tp = int((y & pred).sum())
        rows.append((frame, len(y), float(y.mean()), float(pred.mean()),
                     tp / pred.sum() if pred.sum() else 0.0, tp / y.sum() if y.sum() else 0.0,
                     _f1(y, pred)))  # fmt: skip
    cols = ["frame", "n_units", "base_rate", "predicted_share", "precision", "recall", "f1"]
    out = pd.DataFrame(rows, columns=cols)
    macro = ["macro", int(out["n_units"].max()), *out[cols[2:]].mean().tolist()]
    return pd.concat([out, pd.DataFrame([macro], columns=cols)], ignore_index=True)


def calibration_block(
    fits: pd.DataFrame,
    *,
    feature: str,
    fitted_on: str,
    method: str,
    cv: pd.DataFrame | None = None,
    extra: dict | None = None,
) -> dict:
    """The ``calibration:`` mapping written at the end of a codebook.

    Args:
        fits: ``fit_thresholds`` output (frames with an ``inf`` threshold are left
            out: present on any match).
        feature: the thresholded evidence column.
        fitted_on: the data the rule was fitted on, with its split.
        method: how the thresholds were chosen (free text).
        cv: ``cross_validate_thresholds`` output, stored beside each frame.
        extra: more top-level keys (e.g. a data checksum, per-frame figures under
            ``frames``).

    Returns:
        A plain dict (YAML-safe).
    """
    cv_by = {} if cv is None else cv.set_index("frame").to_dict("index")
    frames = {}
    for row in fits.itertuples(index=False):
        if not np.isfinite(row.threshold):
            continue
        threshold = int(row.threshold) if feature in _COUNTS else round(row.threshold, 4)
        entry = {"threshold": threshold, "base_rate": round(row.base_rate, 3),
                 "predicted_share": round(row.predicted_share, 3),
                 "f1_in_sample": round(row.f1, 3)}  # fmt: skip
        if row.frame in cv_by:
            entry.update(f1_cv=round(cv_by[row.frame]["f1"], 3),
                         precision_cv=round(cv_by[row.frame]["precision"], 3),
                         recall_cv=round(cv_by[row.frame]["recall"], 3))  # fmt: skip
        frames[row.frame] = entry
    extra = dict(extra or {})
    for frame, figures in extra.pop("frames", {}).items():
        frames.setdefault(frame, {}).update(figures)
    n_units = int(fits["n_units"].max()) if len(fits) else 0
    block = {"feature": feature, "fitted_on": fitted_on, "n_units": n_units, "method": method}
    if cv is not None and (cv["frame"] == "macro").any():
        block["macro_f1_cv"] = round(float(cv.loc[cv["frame"] == "macro", "f1"].iloc[0]), 3)
    return {**block, **extra, "frames": frames}


def _without_block(text: str) -> str:
    """The YAML text with any top-level ``calibration:`` block removed."""
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        top = bool(line) and not line[0].isspace() and not line.startswith("#")
        if top:
            skipping = line.startswith("calibration:")
        if not skipping:
            out.append(line)
    return "".join(out).rstrip("\n") + "\n"


def calibrated_text(text: str, block: dict, *, comment: str = "") -> str:
    """A codebook's YAML text with ``block`` as its ``calibration:`` (one block, at the end).

    Args:
        text: the codebook file's text; an existing top-level ``calibration:`` is replaced.
        block: ``calibration_block`` output.
        comment: comment lines written above the block.

    Returns:
        The new text (everything else unchanged, byte for byte).
    """
    lines = "".join(f"# {line}\n" for line in comment.splitlines())
    dumped = yaml.safe_dump({"calibration": block}, sort_keys=False, allow_unicode=True, width=100)
    return _without_block(text) + "\n" + lines + dumped


def check_codebook_text(text: str, name: str) -> None:
    """Load ``text`` as a codebook named ``name`` (CodebookError when it does not load)."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / (name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
        probe.write_text(text, encoding="utf-8")
        try:
            load_codebook(probe)
        except CodebookError as exc:
            raise CodebookError(f"{name}: calibrated copy does not load: {exc}") from None


def write_calibrated_codebook(
    codebook: str | Path, block: dict, out: str | Path, *, header_comment: str = ""
) -> Path:
    """Write a copy of ``codebook`` with ``block`` as its ``calibration:`` (at the end).

    Args:
        codebook: a codebook name or path (the original; never modified).
        block: ``calibration_block`` output.
        out: the file to write (atomically); must not be the original.
        header_comment: a comment written above the block (e.g. the command that made it).

    Returns:
        The path written. The copy is loaded and validated before it is written.

    Raises:
        ValueError: ``out`` is the original file.
        CodebookError: the calibrated copy does not load.
    """
    from analysis.io import atomic_write

    source = load_codebook(codebook).path
    out = Path(out)
    if out.exists() and out.resolve() == source.resolve():
        raise ValueError(f"{out}: is the original codebook; write the calibrated copy elsewhere")
    text = calibrated_text(source.read_text(encoding="utf-8"), block, comment=header_comment)
    check_codebook_text(text, out.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(out, text)


def read_codes(paths: str | Path | list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read document-level human codes.

    Two layouts are accepted: one table with ``doc_id``, ``text`` (optionally ``title``,
    ``language``) and one 0/1 column per frame id; or filled-in coding sheets of
    documents (``analysis.coding``: ``unit_id``, ``coder``, ``text``, frame columns;
    one file per coder or several coders in one; their codes are reduced to the
    majority, a tie counting as absent).

    Args:
        paths: one CSV file, or several coding sheets.

    Returns:
        ``(docs, codes)``: the documents (``doc_id``, ``text`` and the optional
        columns) and the codes (``doc_id`` plus one column per frame, NaN = not coded).

    Raises:
        ValueError: a missing column or a bad code (one line naming file, row, field).
    """
    files = [Path(p) for p in (paths if isinstance(paths, list | tuple) else [paths])]
    tables = [pd.read_csv(f, dtype={"doc_id": str, "unit_id": str}) for f in files]
    if all("unit_id" in t.columns and "coder" in t.columns for t in tables):
        return _read_sheets(files, tables)
    if len(files) > 1:
        raise ValueError(f"{files[1].name}: several files must all be coding sheets "
                         "(unit_id, coder, text and frame columns)")  # fmt: skip
    return _read_table(files[0], tables[0])


def _read_sheets(files: list[Path], tables: list[pd.DataFrame]) -> tuple:
    from analysis.coding import SHEET_COLUMNS, read_coding_sheets

    long = read_coding_sheets(files)
    consensus = long.groupby(["unit_id", "frame"])["code"].mean().gt(0.5).astype("int64")
    codes = consensus.unstack("frame").reset_index().rename(columns={"unit_id": "doc_id"})
    codes.columns.name = None
    for file, table in zip(files, tables, strict=True):
        if "text" not in table.columns:
            raise ValueError(f"{file.name}: missing required column(s) ['text']; found "
                             f"{', '.join(map(str, table.columns))}")  # fmt: skip
    units = pd.concat([t[["unit_id", "text"]] for t in tables]).drop_duplicates("unit_id")
    docs = units.rename(columns={"unit_id": "doc_id"}).reset_index(drop=True)
    return docs, codes[[c for c in codes if c == "doc_id" or c not in SHEET_COLUMNS]]


def _read_table(path: Path, table: pd.DataFrame) -> tuple:
    missing = [c for c in ("doc_id", "text") if c not in table.columns]
    if missing:
        raise ValueError(f"{path.name}: missing required column(s) {missing}; found "
                         f"{', '.join(map(str, table.columns))}")  # fmt: skip
    meta = [c for c in ("doc_id", "text", "title", "language") if c in table.columns]
    docs = table[meta].copy()
    codes = table.drop(columns=[c for c in meta if c != "doc_id"])
    for column in codes.columns:
        if column == "doc_id":
            continue
        values = pd.to_numeric(codes[column], errors="coerce")
        bad = values.notna() & ~values.isin([0, 1]) | (values.isna() & codes[column].notna())
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            raise ValueError(f"{path.name}: row {row}, field {column!r}: code "
                             f"{str(codes[column].iloc[row - 2])!r} "
                             "is not 0, 1 or blank")  # fmt: skip
        codes[column] = values
    return docs, codes


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file (the calibration data's fingerprint)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
