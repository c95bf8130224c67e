"""Agreement of frame coding with human coders, and the shipped codebooks' calibration.

Data (``analysis.validation_sets``, split fixed by a hash of the text, 30 % test):

- ``nfc``: 214 US climate-change articles (Narrative Frames Corpus), five generic frames
  coded per article. Its frames map onto ``generic_frames``: resolution ->
  ``responsibility`` (Semetko & Valkenburg's responsibility frame includes "suggests
  solution(s)"), human interest, conflict, moral -> ``morality``, economic
  (``NFC_TO_GENERIC``). The one policy dimension it covers is economic
  (``NFC_TO_POLICY``): a figure for ``policy_frames`` on it is a *mapped* figure, one
  frame only, and is labelled so.
- ``frac``: 523 sentences with one Media Frames Corpus code each (policy frames).

How the shipped rules are built (``generic_calibration``, ``policy_calibration``):

- generic frames: one threshold per frame on ``n_sentences``, fitted on the NFC
  ``train`` split (``analysis.framing.calibration``).
- policy frames, which have article-level codes nowhere: FrAC ``train`` gives each
  frame's sentence precision ``p_f`` (the share of sentences with a counted match of
  the frame that the coders gave that frame). The article-level bar comes from the one
  policy frame with article codes: economic on NFC ``train`` (mapped) gives the
  threshold ``k_economic``, so an article is coded economic when it holds about
  ``m = k_economic * p_economic`` sentences a coder would code economic. Every policy
  frame gets the same bar in expected coded sentences: ``threshold_f = ceil(m / p_f)``
  (at least 1). A frame FrAC has no code for (capacity and resources, quality of life,
  external regulation) takes the median ``p`` of the others.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import config
from analysis.codebooks import load_codebook
from analysis.framing.calibration import (
    best_threshold,
    calibration_block,
    cross_validate_thresholds,
    file_sha256,
    fit_thresholds,
)
from analysis.framing.coding import code_frames, code_sentences
from analysis.validation_sets import read_validation_set, validation_path

__all__ = [
    "AGREEMENT_COLUMNS",
    "FRAC_CODE",
    "NFC_TO_GENERIC",
    "NFC_TO_POLICY",
    "article_agreement",
    "frac_sentence_agreement",
    "frac_sentence_precision",
    "generic_calibration",
    "nfc_coded",
    "policy_calibration",
]

NFC_TO_GENERIC = {"resolution": "responsibility", "human_interest": "human_interest",
                  "conflict": "conflict", "moral": "morality", "economic": "economic"}  # fmt: skip
NFC_TO_POLICY = {"economic": "economic"}
# MFC code of a policy frame -> label space of frac_sentences.csv (5 = legality and crime,
# 6 = political and policy; the set has no 2, 10 or 14: those count as 15 "other").
FRAC_CODE = {1: 1, 2: 15, 3: 3, 4: 4, 5: 5, 6: 6, 7: 5, 8: 8, 9: 9, 10: 15, 11: 11, 12: 12,
             13: 6, 14: 15, 15: 15}  # fmt: skip
AGREEMENT_COLUMNS = ["frame", "n_units", "base_rate", "predicted_share", "precision",
                     "precision_low", "precision_high", "recall", "recall_low", "recall_high",
                     "f1", "f1_low", "f1_high", "majority_f1"]  # fmt: skip


def nfc_coded(
    codebook: str = "generic_frames", *, split: str = "train", decision: str = "calibrated"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NFC articles coded with a codebook, and the coders' codes under its frame ids.

    Args:
        codebook: ``generic_frames`` (five frames mapped) or ``policy_frames``
            (economic only, mapped).
        split: ``train``, ``test`` or ``all``.
        decision: passed to ``code_frames``.

    Returns:
        ``(coded, codes)``: ``code_frames`` output for the articles, and ``doc_id`` plus
        one 0/1 column per mapped frame id.
    """
    mapping = NFC_TO_POLICY if load_codebook(codebook).name == "policy_frames" else NFC_TO_GENERIC
    nfc = read_validation_set("nfc", split=split)
    docs = pd.DataFrame({"doc_id": nfc["item_id"], "text": nfc["text"], "language": "en"})
    coded = code_frames(docs, codebook, decision=decision)
    codes = pd.DataFrame({"doc_id": nfc["item_id"], **{v: nfc[k] for k, v in mapping.items()}})
    return coded, codes


def _prf(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = (y & p).sum(axis=-1)
    n_p, n_y = p.sum(axis=-1), y.sum(axis=-1)
    precision = np.divide(tp, n_p, out=np.zeros(np.shape(tp)), where=n_p > 0)
    recall = np.divide(tp, n_y, out=np.zeros(np.shape(tp)), where=n_y > 0)
    f1 = np.divide(2 * tp, n_p + n_y, out=np.zeros(np.shape(tp)), where=(n_p + n_y) > 0)
    return precision, recall, f1


def _agreement_row(frame: str, y: np.ndarray, p: np.ndarray, idx: np.ndarray, level: float):
    q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    point = [float(v) for v in _prf(y, p)]
    boot = _prf(y[idx], p[idx])
    bounds = [np.percentile(b, q) for b in boot]
    base = float(y.mean())
    majority = 2 * base / (1 + base) if base > 0.5 else 0.0  # all present vs all absent
    return (frame, len(y), base, float(p.mean()),
            point[0], *bounds[0], point[1], *bounds[1], point[2], *bounds[2], majority)  # fmt: skip


def article_agreement(
    coded: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = config.RANDOM_SEED,
) -> pd.DataFrame:
    """Per-frame precision, recall and F1 of ``present`` against human codes, with CIs.

    Args:
        coded: ``code_frames`` output.
        codes: ``doc_id`` and one 0/1 column per frame id (frames not in ``codes`` are
            left out).
        n_boot: bootstrap resamples of the documents (percentile intervals).
        level: interval level.
        seed: bootstrap seed.

    Returns:
        ``AGREEMENT_COLUMNS``: ``frame``, ``n_units``, ``base_rate`` (coders),
        ``predicted_share``, ``precision``/``recall``/``f1`` each with ``_low``/``_high``,
        ``majority_f1`` (F1 of always giving the majority code: 0 when absent is the
        majority), then a ``macro`` row (means; its interval from the same resamples).
    """
    frames = [f for f in dict.fromkeys(coded["frame"]) if f in codes.columns]
    wide = coded.pivot_table(index="doc_id", columns="frame", values="present", sort=False)
    ids = [d for d in codes["doc_id"] if d in wide.index]
    y = codes.set_index("doc_id").loc[ids, frames].to_numpy(dtype=bool).T
    p = wide.loc[ids, frames].to_numpy(dtype=bool).T
    idx = np.random.default_rng(seed).integers(0, len(ids), size=(n_boot, len(ids)))
    rows = [_agreement_row(f, y[i], p[i], idx, level) for i, f in enumerate(frames)]
    out = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    macro_boot = [np.mean([_prf(y[i][idx], p[i][idx])[k] for i in range(len(frames))], axis=0)
                  for k in range(3)]  # fmt: skip
    macro = ["macro", len(ids), out["base_rate"].mean(), out["predicted_share"].mean()]
    for k, name in enumerate(("precision", "recall", "f1")):
        macro += [out[name].mean(), *np.percentile(macro_boot[k], q)]
    macro.append(out["majority_f1"].mean())
    return pd.concat([out, pd.DataFrame([macro], columns=AGREEMENT_COLUMNS)], ignore_index=True)


def _frac(split: str) -> pd.DataFrame:
    return read_validation_set("frac", split=split)


def frac_sentence_agreement(
    codebook: str = "policy_frames",
    *,
    split: str = "test",
    n_boot: int = 1000,
    seed: int = config.RANDOM_SEED,
) -> pd.DataFrame:
    """Sentence level: a frame with a counted match in a FrAC sentence vs the coders' code.

    Each frame is scored as a yes/no decision per sentence (the sentence "carries" the
    frame when it has a counted match), against "the coders gave the sentence this
    frame" (``FRAC_CODE``: crime counts as legality, political as policy); frames whose
    code the set lacks are left out.

    Args:
        codebook: a codebook whose frames carry MFC ``code``s.
        split: ``train``, ``test`` or ``all``.
        n_boot: bootstrap resamples.
        seed: bootstrap seed.

    Returns:
        ``AGREEMENT_COLUMNS`` per FrAC label (frames sharing a label are merged: any of
        them matched), then ``macro``.
    """
    cb = load_codebook(codebook)
    frac = _frac(split)
    counts = code_sentences(frac["text"], cb)
    labels: dict[int, list[str]] = {}
    for f in cb.frames:
        if f.code is not None and FRAC_CODE[f.code] != 15:
            labels.setdefault(FRAC_CODE[f.code], []).append(f.id)
    name = {code: "+".join(ids) for code, ids in labels.items()}
    pred = pd.DataFrame({name[c]: (counts[ids].sum(axis=1) > 0).astype(int)
                         for c, ids in sorted(labels.items())})  # fmt: skip
    gold = pd.DataFrame({name[c]: (frac["label"] == c).astype(int) for c in sorted(labels)})
    coded = pred.assign(doc_id=frac["item_id"]).melt(id_vars="doc_id", var_name="frame",
                                                     value_name="present")  # fmt: skip
    return article_agreement(coded, gold.assign(doc_id=frac["item_id"]), n_boot=n_boot, seed=seed)


def frac_sentence_precision(
    codebook: str = "policy_frames", *, split: str = "train"
) -> pd.DataFrame:
    """Per policy frame, the share of FrAC sentences with a counted match coded as that frame.

    Args:
        codebook: a codebook whose frames carry MFC ``code``s.
        split: the FrAC split (``train`` for fitting).

    Returns:
        ``frame``, ``frac_label``, ``n_matched`` (sentences with a counted match),
        ``n_agree`` (of those, coded with the frame's label), ``precision``
        (NaN when the set has no label for the frame).
    """
    cb = load_codebook(codebook)
    frac = _frac(split)
    counts = code_sentences(frac["text"], cb)
    rows = []
    for f in cb.frames:
        label = FRAC_CODE.get(f.code, 15) if f.code is not None else 15
        matched = counts[f.id].to_numpy() > 0
        agree = int((matched & (frac["label"].to_numpy() == label)).sum())
        n = int(matched.sum())
        rows.append((f.id, label, n, agree, agree / n if n and label != 15 else np.nan))
    return pd.DataFrame(rows, columns=["frame", "frac_label", "n_matched", "n_agree", "precision"])


def generic_calibration(*, feature: str = "n_sentences") -> dict:
    """The ``calibration:`` block of ``generic_frames``, fitted on NFC ``train``.

    Returns:
        The block (``calibration_block``), with cross-validated figures.
    """
    coded, codes = nfc_coded("generic_frames", split="train", decision="any")
    fits = fit_thresholds(coded, codes, feature=feature)
    cv = cross_validate_thresholds(coded, codes, feature=feature)
    mapped = {v: {"coded_as": f"NFC {k}"} for k, v in NFC_TO_GENERIC.items()}
    return calibration_block(
        fits, feature=feature, cv=cv,
        fitted_on="data/validation/nfc_articles_dev.tsv (Narrative Frames Corpus; "
                  "read_validation_set('nfc')), split train",
        method="per frame, the threshold on the number of sentences with a counted match "
               "that maximises F1 against the article codes (analysis.framing.calibration); "
               "f1_cv: 5-fold cross-validation on the same split",
        extra={"data_sha256": file_sha256(validation_path("nfc")), "frames": mapped},
    )  # fmt: skip


def policy_calibration() -> dict:
    """The ``calibration:`` block of ``policy_frames`` (FrAC precision, NFC economic bar).

    Returns:
        The block; each frame records ``p_sentence`` and the bar ``m`` (module docstring).
    """
    precision = frac_sentence_precision("policy_frames", split="train")
    known = precision.dropna(subset=["precision"])
    median_p = float(known["precision"].median())
    p = {r.frame: (float(r.precision) if np.isfinite(r.precision) else median_p, r.n_matched)
         for r in precision.itertuples(index=False)}  # fmt: skip
    coded, codes = nfc_coded("policy_frames", split="train", decision="any")
    econ = coded[coded["frame"] == "economic"].merge(codes, on="doc_id")
    k_econ = best_threshold(econ["n_sentences"].to_numpy(dtype=float),
                            econ["n_matches"].to_numpy() > 0,
                            econ["economic"].to_numpy(dtype=bool),
                            feature="n_sentences")  # fmt: skip
    bar = k_econ * p["economic"][0]
    per_doc = econ["n_sentences"] / econ["sentence_share"].where(econ["sentence_share"] > 0)
    typical = float(per_doc.dropna().median())  # sentences of an NFC train article
    frames = {}
    for frame, (p_f, n) in p.items():
        entry = {"threshold": max(1, math.ceil(bar / p_f - 1e-9)), "p_sentence": round(p_f, 3),
                 "n_frac_matched": int(n)}  # fmt: skip
        if frame not in known["frame"].tolist():
            entry["p_sentence_source"] = "median of the frames FrAC codes (no FrAC label)"
        frames[frame] = entry
    return {
        "feature": "n_sentences",
        "fitted_on": "sentence precision: data/validation/frac_sentences.csv (FrAC), split "
                     "train; article bar: economic on data/validation/nfc_articles_dev.tsv "
                     "(NFC economic frame mapped to policy economic), split train",
        "n_units": int(len(_frac("train"))),
        "method": "threshold_f = ceil(m / p_sentence_f): every frame needs about m sentences a "
                  "coder would code with it; m = k_economic * p_sentence_economic, k_economic "
                  "the F1-best n_sentences threshold of economic on NFC train "
                  "(analysis.framing.validation)",
        "bar_m": round(bar, 3), "k_economic_nfc": int(k_econ),
        "nfc_median_sentences": round(typical, 1),
        "data_sha256": {"frac": file_sha256(validation_path("frac")),
                        "nfc": file_sha256(validation_path("nfc"))},
        "frames": frames,
    }  # fmt: skip
