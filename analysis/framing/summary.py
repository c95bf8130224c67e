"""Frame tables from the coded table: presence, shares, dominance, co-occurrence, prevalence.

Every function reads the long table of ``analysis.framing.code_frames`` (``present`` is
its calibrated decision), so shares computed here have only coded documents in their
denominators. ``predict_frames`` and ``score_predictions`` serve single-label sentence
validation (``analysis.framing.validation``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis.checks import check_choice, require_columns
from analysis.codebooks import Codebook
from analysis.framing.coding import code_sentences

__all__ = [
    "dominant_frame",
    "frame_cooccurrence",
    "frame_presence",
    "frame_prevalence",
    "frame_shares",
    "predict_frames",
    "score_predictions",
]

CI_METHODS = ("wilson", "beta", "agresti_coull", "normal", "jeffreys")
PREVALENCE_COLUMNS = ["n_docs", "n_present", "present_share", "ci_low", "ci_high", "n_uncoded"]
CIMethod = Literal["wilson", "beta", "agresti_coull", "normal", "jeffreys"]


def _wide(coded: pd.DataFrame, value: str) -> pd.DataFrame:
    require_columns(coded, ["doc_id", "frame", value], what="coded")
    frames = list(dict.fromkeys(coded["frame"]))
    wide = coded.pivot_table(
        index="doc_id", columns="frame", values=value, aggfunc="sum", sort=False
    )
    wide = wide.reindex(columns=frames).fillna(0).astype("int64")
    wide.columns.name = None
    return wide


def frame_presence(coded: pd.DataFrame) -> pd.DataFrame:
    """Wide 0/1 table: one row per document (index ``doc_id``), one column per frame.

    Args:
        coded: the output of ``code_frames``.

    Returns:
        DataFrame indexed by ``doc_id`` with one 0/1 int column per frame (codebook order).
    """
    return _wide(coded, "present")


def frame_shares(coded: pd.DataFrame) -> pd.DataFrame:
    """Share of each document's matches that falls in each frame.

    Args:
        coded: the output of ``code_frames``.

    Returns:
        DataFrame indexed by ``doc_id``, one float column per frame; rows sum to 1, or
        are all 0 for a document without any match.
    """
    counts = _wide(coded, "n_matches")
    totals = counts.sum(axis=1)
    return counts.div(totals.where(totals > 0, 1), axis=0).astype(float)


def dominant_frame(coded: pd.DataFrame, *, none: str = "none") -> pd.DataFrame:
    """The frame with most matches in each document.

    Ties go to the frame listed first in the codebook.

    Args:
        coded: the output of ``code_frames``.
        none: label for documents without any match.

    Returns:
        DataFrame with ``doc_id``, ``dominant_frame``, ``n_matches`` (of that frame),
        ``dominant_share`` (its share of the document's matches; 0 when none).
    """
    counts = _wide(coded, "n_matches")
    totals = counts.sum(axis=1)
    top = counts.idxmax(axis=1).where(totals > 0, none)
    n_top = counts.max(axis=1).where(totals > 0, 0)
    share = (n_top / totals.where(totals > 0, 1)).astype(float)
    return pd.DataFrame(
        {
            "doc_id": counts.index,
            "dominant_frame": top.to_numpy(dtype=object),
            "n_matches": n_top.to_numpy(dtype="int64"),
            "dominant_share": share.to_numpy(),
        }
    )


def frame_cooccurrence(
    coded: pd.DataFrame, *, measure: Literal["count", "jaccard"] = "count"
) -> pd.DataFrame:
    """How often two frames are present in the same document.

    Args:
        coded: the output of ``code_frames``.
        measure: ``"count"`` (documents with both; diagonal = documents with the frame)
            or ``"jaccard"`` (both / either; diagonal 1, 0 when neither ever occurs).

    Returns:
        Square DataFrame, frames on both axes (codebook order).
    """
    check_choice("measure", measure, ("count", "jaccard"))
    x = frame_presence(coded)
    both = x.T.to_numpy() @ x.to_numpy()
    if measure == "count":
        return pd.DataFrame(both, index=x.columns, columns=x.columns).astype("int64")
    n = np.diag(both)
    either = n[:, None] + n[None, :] - both
    jac = np.divide(both, either, out=np.zeros(both.shape, dtype=float), where=either > 0)
    return pd.DataFrame(jac, index=x.columns, columns=x.columns)


def frame_prevalence(
    coded: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    by: str | list[str] = "outlet_country",
    level: float = 0.95,
    method: CIMethod = "wilson",
) -> pd.DataFrame:
    """Share of coded documents in which each frame is present, per group, with CIs.

    Args:
        coded: the output of ``code_frames``.
        docs: the corpus (needs ``doc_id`` and the ``by`` columns).
        by: grouping column(s) of ``docs`` (not ``frame`` or an output column name).
        level: confidence level of the interval.
        method: ``statsmodels`` ``proportion_confint`` method (default Wilson).

    Returns:
        Long DataFrame: the ``by`` columns, ``frame``, ``n_docs`` (coded documents: the
        denominator), ``n_present``, ``present_share``, ``ci_low``, ``ci_high``,
        ``n_uncoded`` (documents of the group in ``docs`` but not in ``coded``, i.e.
        non-English texts left out of the denominator). Every group of ``docs`` is
        listed: a group with no coded document has ``n_docs`` 0 and NaN share and
        bounds. Sorted by group, then frame id.
    """
    check_choice("method", method, CI_METHODS)
    keys = [by] if isinstance(by, str) else list(by)
    clash = [k for k in keys if k in (*PREVALENCE_COLUMNS, "frame")]
    if clash:
        raise ValueError(f"by: column {clash[0]!r} has the name of an output column; rename it")
    require_columns(docs, ["doc_id", *keys], what="docs")
    require_columns(coded, ["doc_id", "frame", "present"], what="coded")
    inner = [f"_by{i}" for i in range(len(keys))]
    groups = docs[keys].set_axis(inner, axis=1).assign(doc_id=docs["doc_id"].to_numpy())
    out = _prevalence_counts(coded, groups.drop_duplicates("doc_id"), inner)
    n = out["n_docs"]
    from statsmodels.stats.proportion import proportion_confint  # slow import: when used

    low, high = proportion_confint(
        out["n_present"], n.where(n > 0, 1), alpha=1 - level, method=method
    )
    share = (out["n_present"] / n.where(n > 0, np.nan)).to_numpy(dtype=float)
    out = out.assign(
        present_share=share,
        ci_low=np.minimum(np.asarray(low, dtype=float), share),  # no rounding past the share
        ci_high=np.maximum(np.asarray(high, dtype=float), share),  # (and NaN when n_docs 0)
    )
    out = out[[*inner, "frame", *PREVALENCE_COLUMNS]]
    return out.rename(columns=dict(zip(inner, keys, strict=True)))


def _prevalence_counts(coded: pd.DataFrame, groups: pd.DataFrame, inner: list) -> pd.DataFrame:
    """n_docs, n_present, n_uncoded per (group, frame); every group of ``docs`` is listed."""
    merged = coded[["doc_id", "frame", "present"]].merge(groups, on="doc_id", how="left")
    counts = (
        merged.groupby([*inner, "frame"], dropna=False)
        .agg(n_docs=("doc_id", "nunique"), n_present=("present", "sum"))
        .reset_index()
    )
    left_out = groups[~groups["doc_id"].isin(coded["doc_id"])]
    frames = pd.DataFrame({"frame": list(dict.fromkeys(coded["frame"].tolist()))})
    if inner:
        grid = groups[inner].drop_duplicates().merge(frames, how="cross")
        uncoded = left_out.groupby(inner, dropna=False).size().rename("n_uncoded").reset_index()
        grid = grid.merge(uncoded, on=inner, how="left")
    else:
        grid = frames.assign(n_uncoded=len(left_out))
    out = grid.merge(counts, on=[*inner, "frame"], how="left")
    out = out.sort_values([*inner, "frame"], kind="stable")
    filled = {c: out[c].fillna(0).astype("int64") for c in ("n_docs", "n_present", "n_uncoded")}
    return out.assign(**filled).reset_index(drop=True)


def predict_frames(
    texts: pd.Series | list[str], codebook: str | Path | Codebook, *, none: str = "other"
) -> pd.Series:
    """The dominant frame of each short text (most matches; ties: codebook order).

    Args:
        texts: the texts (a Series keeps its index).
        codebook: a codebook name, path or ``Codebook``.
        none: label of a text without any match.

    Returns:
        Series of frame ids (object dtype), same index as ``code_sentences``.
    """
    counts = code_sentences(texts, codebook)
    top = counts.idxmax(axis=1).where(counts.sum(axis=1) > 0, none)
    return top.astype(object).rename("frame")


def _label_key(label: str) -> tuple:
    return (0, int(label), label) if label.lstrip("-").isdigit() else (1, 0, label)


def score_predictions(gold: pd.Series, predicted: pd.Series) -> pd.DataFrame:
    """Per-label precision, recall and F1 of single-label predictions, and their macro mean.

    Args:
        gold: the human label of each unit.
        predicted: the predicted label, aligned with ``gold`` by position.

    Returns:
        DataFrame ``label``, ``precision``, ``recall``, ``f1``, ``support`` (gold count),
        ``n_predicted``, one row per gold label (numeric labels in numeric order), then a
        ``macro`` row (unweighted means over the gold labels; precision counts as 0 for a
        label never predicted).
    """
    g = pd.Series(gold).astype(str).to_numpy()
    p = pd.Series(predicted).astype(str).to_numpy()
    if len(g) != len(p):
        raise ValueError(f"gold has {len(g)} labels but predicted has {len(p)}")
    rows = []
    for label in sorted(set(g), key=_label_key):
        tp = int(((g == label) & (p == label)).sum())
        n_pred, support = int((p == label).sum()), int((g == label).sum())
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((label, precision, recall, f1, support, n_pred))
    cols = ["label", "precision", "recall", "f1", "support", "n_predicted"]
    table = pd.DataFrame(rows, columns=cols)
    macro = ["macro", *table[["precision", "recall", "f1"]].mean().tolist(), len(g), len(p)]
    return pd.concat([table, pd.DataFrame([macro], columns=cols)], ignore_index=True)
