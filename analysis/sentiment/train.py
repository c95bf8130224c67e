"""Fitting ``tone``: the shipped model, and a model from a researcher's own codes.

The solver is ridge regression in closed form (``numpy.linalg.solve`` on the
weighted normal equations, one BLAS thread, float64), so the same data give the
same weights; the model file rounds them to 8 significant digits, so the same
bytes. Folds for cross-validation are fixed by a hash of the text and the
seed, never by row order.

``build_default_model`` fits the shipped ``data/models/tone.json`` on the
``train`` splits of the validation sets (``analysis.validation_sets``) and
records its agreement on the ``test`` splits, which nothing was tuned on: the
set weights, the penalty and the neutral band are chosen by cross-validation
inside ``train``.
``train_tone_model`` fits on a researcher's coded sentences or documents and
reports cross-validated agreement with the coders.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.sentiment.model import ENCODER, ToneModel, encoder_version, tone_scores
from analysis.sentiment.names import load_names

PENALTIES = (0.3, 1.0, 3.0, 10.0)
BANDS = tuple(round(0.05 * i, 2) for i in range(1, 9))
FOLDS = 5
N_BOOTSTRAP = 1000


@contextlib.contextmanager
def _one_thread():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        yield
        return
    with threadpool_limits(limits=1):
        yield


def fold_of(text: str, *, folds: int = FOLDS, seed: int = 0) -> int:
    """The cross-validation fold of a text: a hash of the seed and the text, modulo ``folds``."""
    digest = hashlib.sha256(f"{seed}\n{' '.join(text.split())}".encode()).hexdigest()
    return int(digest[:8], 16) % folds


def fit_ridge(
    x: np.ndarray, y: np.ndarray, *, weight: np.ndarray | None = None, penalty: float = 1.0
) -> tuple[np.ndarray, float]:
    """Weighted ridge regression with an unpenalised intercept, solved exactly.

    Args:
        x: ``(n, d)`` features.
        y: ``(n,)`` targets.
        weight: ``(n,)`` non-negative row weights (default 1); they are rescaled to
            sum to ``n``, so ``penalty`` means the same whatever the weights.
        penalty: the ridge penalty on the weights (not the intercept).

    Returns:
        ``(weights, intercept)``.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=np.float64)
    w = w * (len(y) / w.sum())
    xa = np.hstack([x, np.ones((len(x), 1))])
    with _one_thread():
        gram = xa.T @ (xa * w[:, None])
        gram[:-1, :-1] += penalty * np.eye(x.shape[1])
        beta = np.linalg.solve(gram, xa.T @ (w * y))
    return beta[:-1], float(beta[-1])


def embed_masked(texts: Sequence[str], *, encoder=None) -> np.ndarray:
    """Embeddings of ``texts`` with names masked, as ``tone`` sees them.

    ``encoder`` stands in for ``model.embed_sentences`` (a cache of its output, say).
    """
    from analysis.sentiment.model import embed_sentences

    mask = load_names().mask
    with _one_thread():
        return (encoder or embed_sentences)([mask(t) for t in texts]).astype(np.float64)


# --- agreement figures ----------------------------------------------------------------------


def three_class(values: np.ndarray, band: float) -> np.ndarray:
    """-1 / 0 / 1: below ``-band``, within the band, above ``band``."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(values > band, 1, np.where(values < -band, -1, 0))


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve of ``scores`` for binary ``labels`` (ties count half)."""
    labels = np.asarray(labels).astype(bool)
    ranks = pd.Series(np.asarray(scores, dtype=np.float64)).rank().to_numpy()
    n_pos, n_neg = int(labels.sum()), int((~labels).sum())
    if n_pos == 0 or n_neg == 0:
        return math.nan
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson r (NaN when either side is constant or n < 3)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if len(a) < 3 or np.std(a) == 0 or np.std(b) == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Share of units where the two agree."""
    return float(np.mean(np.asarray(truth) == np.asarray(predicted))) if len(truth) else math.nan


MEASURES = {
    "pearson_r": lambda truth, score, band: pearson(score, truth),
    "accuracy_3class": lambda truth, score, band: accuracy(truth, three_class(score, band)),
    "accuracy_2class": lambda truth, score, band: accuracy(truth, (score > 0).astype(int)),
    "auc": lambda truth, score, band: auc(truth, score),
}


def figure(
    truth: np.ndarray, score: np.ndarray, *, measure: str, band: float = 0.0, seed: int = 0
) -> dict:
    """One agreement figure with a 95% percentile bootstrap interval (seeded).

    Args:
        truth: the coders' values (ratings, -1/0/1 classes or 0/1).
        score: the measure's values.
        measure: ``pearson_r``, ``accuracy_3class``, ``accuracy_2class`` or ``auc``.
        band: neutral band for ``accuracy_3class``.
        seed: bootstrap seed.

    Returns:
        ``{"measure", "value", "ci_low", "ci_high", "n"}``.
    """
    truth, score = np.asarray(truth), np.asarray(score, dtype=np.float64)
    keep = ~np.isnan(score)
    truth, score = truth[keep], score[keep]
    compute = MEASURES[measure]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(N_BOOTSTRAP if len(truth) >= 3 else 0):
        idx = rng.integers(0, len(truth), len(truth))
        draws.append(compute(truth[idx], score[idx], band))
    draws = np.asarray([d for d in draws if not math.isnan(d)])
    low, high = np.percentile(draws, [2.5, 97.5]) if len(draws) else (math.nan, math.nan)
    value = compute(truth, score, band) if len(truth) else math.nan
    return {
        "measure": measure,
        "value": value,
        "ci_low": float(low),
        "ci_high": float(high),
        "n": int(len(truth)),
    }


def model_from_fit(
    weights: np.ndarray, bias: float, band: float, *, provenance: dict, figures: list[dict]
) -> ToneModel:
    """A ``ToneModel`` from fitted numbers (encoder and its version filled in)."""
    return ToneModel(
        weights=np.asarray(weights, dtype=np.float64),
        bias=float(bias),
        neutral_band=float(band),
        encoder=ENCODER,
        encoder_version=encoder_version(),
        provenance=provenance,
        figures=tuple(figures),
    )


def score_with(model: ToneModel, texts: Sequence[str]) -> np.ndarray:
    """``tone`` of ``texts`` under ``model`` (names masked), as the package computes it."""
    return tone_scores(list(texts), model=model)


# --- a model from a researcher's own codes --------------------------------------------------

MIN_PER_CLASS = 10
MIN_CONTINUOUS = 30
MAX_CLASSES = 7
REPORT_COLUMNS = [
    "engine",
    "language",
    "dataset",
    "split",
    "measure",
    "value",
    "ci_low",
    "ci_high",
    "n",
]


def read_codes(path, *, text: str = "text", label: str = "label") -> pd.DataFrame:
    """A coded file: one row per (unit, coder) with the text and a numeric code.

    Args:
        path: CSV with columns ``text`` and ``label`` (names set by ``text``/``label``);
            optional ``unit_id`` and ``coder`` (several coders per unit: their mean is
            the target and Krippendorff's alpha is computed with the model as one more coder).
        text: the text column.
        label: the code column (numbers: classes such as -1/0/1 or 1..5, or ratings).

    Returns:
        ``unit_id``, ``coder``, ``text``, ``code`` (float).

    Raises:
        CorpusError: one line naming file, row and field (missing column, empty
            text, a code that is not a number).
    """
    from analysis.corpus import CorpusError

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot read the codes file ({error})") from None
    missing = [c for c in (text, label) if c not in df.columns]
    if missing:
        raise CorpusError(
            f"{path}: missing column {', '.join(map(repr, missing))}; found "
            f"{', '.join(map(repr, df.columns[:8]))}"
        )
    codes = pd.to_numeric(df[label].str.strip(), errors="coerce")
    for field, bad in ((text, df[text].str.strip() == ""), (label, codes.isna())):
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2  # header is line 1
            what = "empty text" if field == text else f"{df[label].iloc[row - 2]!r} is not a number"
            raise CorpusError(f"{path}: row {row}, field {field!r}: {what}")
    unit = df["unit_id"] if "unit_id" in df.columns else df[text].map(lambda t: " ".join(t.split()))
    coder = df["coder"] if "coder" in df.columns else pd.Series("coder", index=df.index)
    return pd.DataFrame(
        {
            "unit_id": unit.astype(str),
            "coder": coder.astype(str),
            "text": df[text],
            "code": codes.astype("float64"),
        }
    )


def _kind(values: np.ndarray) -> tuple[str, np.ndarray]:
    classes = np.unique(values)
    integer = np.all(np.equal(np.mod(values, 1), 0))
    if integer and 2 <= len(classes) <= MAX_CLASSES:
        return "classes", classes
    return "continuous", classes


def _to_unit_scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    return -1 + 2 * (np.asarray(values, dtype=np.float64) - low) / (high - low)


def _check_enough(kind: str, classes: np.ndarray, codes: pd.Series, path) -> None:
    if kind == "classes":
        counts = codes.round().value_counts()
        few = {float(c): int(counts.get(c, 0)) for c in classes if counts.get(c, 0) < MIN_PER_CLASS}
        if few:
            shown = ", ".join(f"{c:g}: {n}" for c, n in few.items())
            raise ValueError(
                f"{path}: too few codes per class to train a tone model ({shown}; "
                f"at least {MIN_PER_CLASS} units per class are needed)"
            )
    elif len(codes) < MIN_CONTINUOUS or len(classes) < 2:
        raise ValueError(
            f"{path}: too few coded units to train a tone model ({len(codes)}; "
            f"at least {MIN_CONTINUOUS} with varying codes are needed)"
        )


def _choose_penalty(x, y, folds, train_rows) -> float:
    best = None
    for penalty in PENALTIES:
        errors = []
        for f in np.unique(folds[train_rows]):
            inner_fit = train_rows & (folds != f)
            inner_test = train_rows & (folds == f)
            if not inner_test.any() or not inner_fit.any():
                continue
            w, b = fit_ridge(x[inner_fit], y[inner_fit], penalty=penalty)
            errors.append(np.mean((x[inner_test] @ w + b - y[inner_test]) ** 2))
        error = float(np.mean(errors)) if errors else math.inf
        if best is None or error < best[0] - 1e-15:
            best = (error, penalty)
    return best[1]


def _cross_validated(x: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Out-of-fold predictions; the penalty is chosen inside each training part (nested)."""
    preds = np.zeros(len(y))
    for f in range(FOLDS):
        fit_rows = folds != f
        penalty = _choose_penalty(x, y, folds, fit_rows)
        w, b = fit_ridge(x[fit_rows], y[fit_rows], penalty=penalty)
        preds[folds == f] = np.clip(x[folds == f] @ w + b, -1, 1)
    return preds


def _nearest_class(preds: np.ndarray, classes: np.ndarray) -> np.ndarray:
    targets = _to_unit_scale(classes, classes.min(), classes.max())
    return classes[np.argmin(np.abs(preds[:, None] - targets[None, :]), axis=1)]


def _alpha(codes: pd.DataFrame, model_codes: pd.Series, level: str) -> float:
    from analysis.coding import krippendorff_alpha

    model_rows = pd.DataFrame(
        {
            "unit_id": model_codes.index,
            "coder": "__model__",
            "frame": "tone",
            "code": model_codes.to_numpy(),
        }
    )
    human = codes.assign(frame="tone")[["unit_id", "coder", "frame", "code"]]
    human = human.groupby(["unit_id", "coder", "frame"], as_index=False)["code"].mean()
    both = pd.concat([human, model_rows], ignore_index=True)
    return float(krippendorff_alpha(both, level=level)["alpha"].iloc[0])


def _agreement(units, preds, kind, classes, codes, name, band, seed) -> list[dict]:
    """Cross-validated figures overall and per language (languages with >= 10 units)."""
    rows = []
    language = units["language"].to_numpy()
    groups = ["all"] + (sorted(set(language)) if len(set(language)) > 1 else [])
    level = "ordinal" if kind == "classes" else "interval"
    for lang in groups:
        part = np.ones(len(units), bool) if lang == "all" else language == lang
        if part.sum() < 10:
            continue
        truth, p = units["code"].to_numpy()[part], preds[part]
        found = []
        if kind == "classes":
            predicted = (
                classes[three_class(p, band) + 1]
                if len(classes) == 3
                else (_nearest_class(p, classes))
            )
            hits = (predicted == truth).astype(float)
            low, high = _bootstrap_mean(hits, seed)
            found.append(
                {
                    "measure": f"accuracy_{len(classes)}class",
                    "value": float(hits.mean()),
                    "ci_low": low,
                    "ci_high": high,
                    "n": int(part.sum()),
                }
            )
        found.append(figure(truth, p, measure="pearson_r", seed=seed))
        model_codes = pd.Series(_from_unit_scale(p, classes, kind), index=units["unit_id"][part])
        alpha = _alpha(codes[codes["unit_id"].isin(model_codes.index)], model_codes, level)
        found.append(
            {
                "measure": f"krippendorff_alpha_{level}",
                "value": alpha,
                "ci_low": math.nan,
                "ci_high": math.nan,
                "n": int(part.sum()),
            }
        )
        split = f"{FOLDS}-fold cross-validation"
        rows += [
            {**r, "engine": "tone", "language": lang, "dataset": name, "split": split}
            for r in found
        ]
    return [{c: r[c] for c in REPORT_COLUMNS} for r in rows]


def _bootstrap_mean(values: np.ndarray, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    draws = [values[rng.integers(0, len(values), len(values))].mean() for _ in range(N_BOOTSTRAP)]
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def _from_unit_scale(preds: np.ndarray, classes: np.ndarray, kind: str) -> np.ndarray:
    if kind == "classes":
        return _nearest_class(preds, classes).astype(float)
    low, high = classes.min(), classes.max()
    return low + (preds + 1) / 2 * (high - low)


def train_tone_model(
    codes: pd.DataFrame, *, name: str = "codes", seed: int = 0, source_sha256: str = ""
) -> tuple[ToneModel, pd.DataFrame]:
    """Fit a tone model on a researcher's coded sentences or documents.

    Codes are put on -1..1 (the lowest code -> -1, the highest -> +1), a unit's
    target is the mean over its coders, names are masked, and ridge regression
    is fitted on the embeddings. Agreement is measured by 5-fold cross-validation
    (folds by a hash of the unit and ``seed``; the penalty chosen inside each
    training part): accuracy (classes) or Pearson r, with 95% bootstrap
    intervals, and Krippendorff's alpha with the model as one more coder.

    Args:
        codes: ``read_codes`` output (``unit_id``, ``coder``, ``text``, ``code``).
        name: what the figures call the data (the file name).
        seed: fold and bootstrap seed.
        source_sha256: hash of the codes file, kept in the provenance.

    Returns:
        ``(model, report)``; ``report`` has ``language``, ``dataset``, ``split``,
        ``measure``, ``value``, ``ci_low``, ``ci_high``, ``n`` (also the model's figures).

    Raises:
        ValueError: too few codes per class (fewer than 10), or fewer than 30 units.
    """
    from analysis.language import detect_language

    require = {"unit_id", "coder", "text", "code"} - set(codes.columns)
    if require:
        raise ValueError(f"codes: missing columns {sorted(require)}")
    units = codes.groupby("unit_id", sort=True).agg(text=("text", "first"), code=("code", "mean"))
    units = units.reset_index()
    kind, classes = _kind(codes["code"].to_numpy())
    if kind == "classes":
        units["code"] = units["code"].round()
    _check_enough(kind, classes, units["code"], name)
    units["language"] = [detect_language(t) for t in units["text"]]
    y = _to_unit_scale(units["code"].to_numpy(), classes.min(), classes.max())
    x = embed_masked(units["text"].tolist())
    folds = np.array([fold_of(u, seed=seed) for u in units["unit_id"]])
    preds = _cross_validated(x, y, folds)
    band = _choose_band(preds, units["code"].to_numpy(), classes) if len(classes) == 3 else 0.0
    report = pd.DataFrame(
        _agreement(units, preds, kind, classes, codes, name, band, seed), columns=REPORT_COLUMNS
    )
    penalty = _choose_penalty(x, y, folds, np.ones(len(y), bool))
    weights, bias = fit_ridge(x, y, penalty=penalty)
    provenance = {
        "data": {
            name: {
                "sha256": source_sha256,
                "n_units": int(len(units)),
                "n_codes": int(len(codes)),
                "kind": kind,
                "classes": [float(c) for c in classes]
                if kind == "classes"
                else [float(classes.min()), float(classes.max())],
            }
        },
        "split": f"all units (figures: {FOLDS}-fold cross-validation, nested penalty)",
        "solver": "ridge, closed form (numpy.linalg.solve), intercept unpenalised",
        "penalty": penalty,
        "seed": seed,
        "built_by": "python -m analysis tone train",
    }
    rounded = [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
        for r in report.to_dict("records")
    ]
    model = model_from_fit(weights, bias, band, provenance=provenance, figures=rounded)
    return model, report


def _choose_band(preds: np.ndarray, codes: np.ndarray, classes: np.ndarray) -> float:
    accuracies = [accuracy(codes, classes[three_class(preds, b) + 1]) for b in BANDS]
    return BANDS[int(np.argmax(accuracies))]
