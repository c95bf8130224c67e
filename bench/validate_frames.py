"""How well frame coding agrees with human coders (data/validation), per frame and split.

Article level: ``present`` (calibrated, and "any match" for comparison) of
``generic_frames`` against the Narrative Frames Corpus article codes, on the ``train``
split (IN-SAMPLE: the thresholds were fitted on it), its 5-fold cross-validation, and the
``test`` split (held out); policy economic against NFC economic (a mapped, one-frame
figure). Each table: base rate, predicted share, precision, recall, F1 with a 95 %
bootstrap interval (1,000 resamples of the units) and the majority-code baseline.
Sentence level: a counted match per FrAC sentence per policy frame, and the dominant
frame per sentence (below).

The dominant-frame part:

Runs ``data/codebooks/policy_frames.yaml`` on ``frac_sentences.csv`` (523 sentences from
news articles and reader comments, one Media Frames Corpus code per sentence; Guida et
al. 2025), predicts each sentence's dominant frame ("other" when nothing matches), and
prints per-frame precision/recall/F1, macro F1, the majority-class baseline and the
confusion matrix. The codebook was written from the Policy Frames Codebook definitions
and was NOT tuned on this set; figures are given for the whole set and, for comparison
with any future tuning, for the held-out half of a seeded 50/50 split
(``config.RANDOM_SEED``). Run: ``python bench/validate_frames.py``.

The set merges some MFC dimensions: 5 = legality and crime (MFC 5 and 7), 6 = political
and policy (MFC 6 and 13); it has no 2, 10 or 14, so those predictions count as 15
"other" (``FRAC_CODE``).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.codebooks import load_codebook
from analysis.framing import predict_frames, score_predictions
from analysis.framing.calibration import cross_validate_thresholds
from analysis.framing.validation import article_agreement, frac_sentence_agreement, nfc_coded

FRAC_FILE = "frac_sentences.csv"
# MFC code predicted by the codebook -> label space of frac_sentences.csv
FRAC_CODE = {1: 1, 2: 15, 3: 3, 4: 4, 5: 5, 6: 6, 7: 5, 8: 8, 9: 9, 10: 15, 11: 11, 12: 12,
             13: 6, 14: 15, 15: 15}  # fmt: skip


def load_frac(validation_dir: str | Path = config.VALIDATION_DIR) -> pd.DataFrame:
    """The frac sentences with ``sentence`` and integer ``label``; ValueError if malformed."""
    path = Path(validation_dir) / FRAC_FILE
    df = pd.read_csv(path)
    missing = [c for c in ("sentence", "label") if c not in df.columns]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; found {list(df.columns)}")
    return df.assign(label=df["label"].astype(int))


def split_half(n: int, *, seed: int = config.RANDOM_SEED) -> np.ndarray:
    """Boolean mask of the held-out half of a seeded random 50/50 split of ``n`` units."""
    order = np.random.default_rng(seed).permutation(n)
    mask = np.zeros(n, dtype=bool)
    mask[order[n // 2 :]] = True
    return mask


def frac_validation(
    validation_dir: str | Path = config.VALIDATION_DIR,
    *,
    codebook: str = "policy_frames",
    split: str = "all",
) -> dict:
    """Score the codebook's dominant frame against the frac human codes.

    Args:
        validation_dir: folder holding ``frac_sentences.csv``.
        codebook: a frame codebook whose frames carry MFC ``code``s.
        split: ``"all"`` (whole set) or ``"heldout"`` (held-out half of the seeded split).

    Returns:
        dict with ``scores`` (``score_predictions`` table, labels as MFC codes),
        ``confusion`` (gold x predicted counts), ``macro_f1``, ``baseline_macro_f1``
        (always predicting the most frequent gold label), ``n`` and ``split``.
    """
    if split not in ("all", "heldout"):
        raise ValueError(f"split must be one of 'all', 'heldout'; got {split!r}")
    df = load_frac(validation_dir)
    if split == "heldout":
        df = df[split_half(len(df))]
    cb = load_codebook(codebook)
    to_code = {f.id: FRAC_CODE[f.code] for f in cb.frames if f.code is not None}
    frame = predict_frames(df["sentence"], cb, none="other")
    predicted = frame.map(lambda f: to_code.get(f, 15)).astype(int)
    scores = score_predictions(df["label"], predicted)
    majority = df["label"].mode().iloc[0]
    baseline = score_predictions(df["label"], pd.Series([majority] * len(df)))
    confusion = pd.crosstab(df["label"].rename("human"), predicted.rename("predicted"))
    return {
        "scores": scores,
        "confusion": confusion,
        "macro_f1": float(scores.iloc[-1]["f1"]),
        "baseline_macro_f1": float(baseline.iloc[-1]["f1"]),
        "n": len(df),
        "split": split,
    }


def _show(title: str, table: pd.DataFrame) -> None:
    cols = ["frame", "n_units", "base_rate", "predicted_share", "precision", "recall", "f1",
            "f1_low", "f1_high", "majority_f1"]  # fmt: skip
    print(f"== {title}")
    print(table[cols].to_string(index=False))


def article_level() -> None:
    """Article level: present vs NFC coders, generic frames and policy economic (mapped)."""
    for split, note in (("train", "IN-SAMPLE: the thresholds were fitted on it"),
                        ("test", "held out: never used for fitting")):  # fmt: skip
        for decision in ("calibrated", "any"):
            coded, codes = nfc_coded("generic_frames", split=split, decision=decision)
            _show(f"generic_frames vs NFC article codes, split={split} ({note}), present="
                  f"{decision}", article_agreement(coded, codes))  # fmt: skip
    coded, codes = nfc_coded("generic_frames", split="train", decision="any")
    cv = cross_validate_thresholds(coded, codes)
    print("== generic_frames, 5-fold cross-validation of the threshold fit on NFC train")
    print(cv.to_string(index=False))
    for split in ("train", "test"):
        coded, codes = nfc_coded("policy_frames", split=split)
        _show(f"policy_frames economic vs NFC economic (MAPPED: one frame; not a policy-frames "
              f"validation), split={split}", article_agreement(coded, codes))  # fmt: skip


def sentence_level() -> None:
    """Sentence level: a counted match per FrAC sentence vs the coders' frame."""
    for split in ("train", "test"):
        _show(f"policy_frames per FrAC sentence (any counted match), split={split} "
              "(not fitted on; train gave the sentence precision the article rule uses)",
              frac_sentence_agreement("policy_frames", split=split))  # fmt: skip


def main() -> int:
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
        article_level()
        sentence_level()
        for split in ("all", "heldout"):
            res = frac_validation(split=split)
            print(
                f"== policy_frames dominant frame per sentence on {FRAC_FILE}, split={split} "
                f"(n={res['n']}; not tuned)"
            )
            print(res["scores"].to_string(index=False))
            print(f"macro F1 {res['macro_f1']:.3f} vs majority-class baseline "
                  f"{res['baseline_macro_f1']:.3f}")  # fmt: skip
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
