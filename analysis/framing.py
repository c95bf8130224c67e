"""Frames: dictionary coding of documents and sentences with a YAML codebook.

Every number is traceable: ``frame_matches`` lists each counted match (document,
sentence, frame, term, offsets), and ``code_frames`` aggregates them into the long
table of the design contract (one row per document and frame, zero rows included).
Matching is one combined regular expression per codebook (``analysis.codebooks``):
a span counts once, for the longest term found there.

The codebooks are English: a document whose ``language`` is known and is not ``en`` is
not coded. It has no rows in ``frame_matches`` / ``code_frames`` (their number is logged
and in ``code_frames(...).attrs["n_uncoded"]``; ``analysis.codebooks.is_codable`` marks
them), so every share computed from the coded table (``frame_prevalence``,
``frame_presence``, ``frame_shares``, ``dominant_frame``) has only coded documents in its
denominator, and ``frame_prevalence`` reports the left-out documents per group in
``n_uncoded``.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from analysis.checks import check_choice, require_columns
from analysis.codebooks import Codebook, load_codebook, split_codable

__all__ = [
    "FRAME_COLUMNS",
    "MATCH_COLUMNS",
    "code_frames",
    "code_sentences",
    "dominant_frame",
    "frame_cooccurrence",
    "frame_matches",
    "frame_presence",
    "frame_prevalence",
    "frame_shares",
    "match_kwic",
    "predict_frames",
    "register",
    "score_predictions",
]

log = logging.getLogger(__name__)

FRAME_COLUMNS = ["doc_id", "frame", "n_matches", "present", "matched_terms", "sentence_ids"]
MATCH_COLUMNS = ["doc_id", "sentence_id", "frame", "term", "match", "start", "end"]
CI_METHODS = ("wilson", "beta", "agresti_coull", "normal", "jeffreys")
PREVALENCE_COLUMNS = ["n_docs", "n_present", "present_share", "ci_low", "ci_high", "n_uncoded"]
CIMethod = Literal["wilson", "beta", "agresti_coull", "normal", "jeffreys"]


def _sentence_ids(docs: pd.DataFrame, sentences: pd.DataFrame | None) -> dict:
    """doc_id -> array of sentence start offsets (index = sentence_id)."""
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text"]])
    require_columns(sentences, ["doc_id", "sentence_id", "start"], what="sentences")
    ordered = sentences.sort_values(["doc_id", "sentence_id"])
    return {
        doc_id: (grp["start"].to_numpy(), grp["sentence_id"].to_numpy())
        for doc_id, grp in ordered.groupby("doc_id", sort=False)
    }


def frame_matches(
    docs: pd.DataFrame,
    codebook: str | Path | Codebook = "kj_frames",
    *,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per counted match of a codebook term, for KWIC and transparency.

    Args:
        docs: needs ``doc_id`` and ``text``.
        codebook: a codebook name, path or loaded ``Codebook``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.

    Returns:
        DataFrame with ``doc_id``, ``sentence_id`` (-1 if outside every sentence),
        ``frame``, ``term`` (the codebook term), ``match`` (the text matched),
        ``start``, ``end`` (offsets into ``text``), in document order. Non-English
        documents are not searched (count logged).
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    cb = load_codebook(codebook)
    docs, _ = split_codable(docs, what=f"frames ({cb.name})")
    starts = _sentence_ids(docs, sentences)
    rows = []
    for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True):
        if not isinstance(text, str) or not text:
            continue
        found = cb.find(text)
        if not found:
            continue
        offsets, ids = starts.get(doc_id, (np.array([], dtype=int), np.array([], dtype=int)))
        pos = np.searchsorted(offsets, [f[2] for f in found], side="right") - 1
        for (frame, term, start, end, match), p in zip(found, pos, strict=True):
            rows.append((doc_id, int(ids[p]) if p >= 0 else -1, frame, term, match, start, end))
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def match_kwic(matches: pd.DataFrame, docs: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for match tables (``frame_matches``, ``term_matches``).

    Args:
        matches: needs ``doc_id``, ``start``, ``end``; other columns are kept in front.
        docs: needs ``doc_id`` and ``text``.
        width: characters of context on each side (whitespace collapsed).

    Returns:
        ``matches`` columns except ``start``/``end``, then ``left``, ``keyword``, ``right``
        (the form ``analysis.display.show_kwic`` shows).
    """
    require_columns(matches, ["doc_id", "start", "end"], what="matches")
    require_columns(docs, ["doc_id", "text"], what="docs")
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    parts = {"left": [], "keyword": [], "right": []}
    for doc_id, start, end in zip(matches["doc_id"], matches["start"], matches["end"], strict=True):
        text = texts.get(doc_id) or ""
        parts["left"].append(" ".join(text[max(0, start - width) : start].split()))
        parts["keyword"].append(text[start:end])
        parts["right"].append(" ".join(text[end : end + width].split()))
    keep = [c for c in matches.columns if c not in ("start", "end", "match")]
    return matches[keep].reset_index(drop=True).assign(**parts)


def code_frames(
    docs: pd.DataFrame,
    codebook: str | Path | Codebook = "kj_frames",
    *,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Code every document with every frame of a codebook.

    Args:
        docs: needs ``doc_id`` and ``text``.
        codebook: a codebook name (``config.CODEBOOK_DIR`` stem), path or ``Codebook``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.

    Returns:
        Long DataFrame, one row per (coded document, frame) in document then codebook
        order, zero-match pairs included: ``doc_id``, ``frame``, ``n_matches`` (int),
        ``present`` (0/1), ``matched_terms`` (distinct matched terms, ``;``-joined, in
        order of first match), ``sentence_ids`` (distinct sentence ids, ``;``-joined).
        Non-English documents (``language`` set and not ``en``) have no rows: their
        count is logged and kept in ``attrs["n_uncoded"]`` (a count: pandas copies
        ``attrs`` on every operation).
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    cb = load_codebook(codebook)
    all_ids = docs["doc_id"]
    docs, uncoded = split_codable(docs, what=f"frames ({cb.name})")
    matches = frame_matches(docs, cb, sentences=sentences)
    hits: dict[tuple, tuple[list, dict, dict]] = {}
    columns = (matches[c].tolist() for c in ("doc_id", "frame", "term", "sentence_id"))
    for doc_id, frame, term, sid in zip(*columns, strict=True):
        entry = hits.setdefault((doc_id, frame), ([0], {}, {}))
        entry[0][0] += 1
        entry[1][term] = None  # dicts keep first-match order, without repeats
        entry[2][str(sid)] = None
    none = ([0], {}, {})
    rows = [
        (doc_id, frame, *_summarise(hits.get((doc_id, frame), none)))
        for doc_id in pd.unique(docs["doc_id"]).tolist()
        for frame in cb.frame_ids
    ]
    out = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    out = out.astype({"doc_id": all_ids.dtype, "n_matches": "int64", "present": "int64"})
    out.attrs["n_uncoded"] = len(uncoded)
    return out


def _summarise(entry: tuple[list, dict, dict]) -> tuple[int, int, str, str]:
    n = entry[0][0]
    return n, int(n > 0), ";".join(entry[1]), ";".join(entry[2])


def code_sentences(texts: pd.Series | list[str], codebook: str | Path | Codebook) -> pd.DataFrame:
    """Code short texts (sentences) one by one: match counts per frame.

    Args:
        texts: the sentences (a Series keeps its index).
        codebook: a codebook name, path or ``Codebook``.

    Returns:
        Wide DataFrame, one row per text (same index as a Series input), one int column
        per frame id (number of matches), in codebook order.
    """
    cb = load_codebook(codebook)
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts))
    counts = np.zeros((len(series), len(cb.frame_ids)), dtype="int64")
    col = {f: j for j, f in enumerate(cb.frame_ids)}
    for i, text in enumerate(series.tolist()):
        if isinstance(text, str):
            for frame, *_ in cb.find(text):
                counts[i, col[frame]] += 1
    return pd.DataFrame(counts, index=series.index, columns=cb.frame_ids)


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


# ---------------------------------------------------------------- command line


def _run(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.io import write_csv

    cb = load_codebook(args.codebook)
    docs = load_corpus(args.path, columns=args.columns)
    coded = code_frames(docs, cb)
    write_csv(coded, args.out)
    log.info(
        "wrote %d rows (%d documents x %d frames; %d non-English documents not coded) to %s",
        len(coded),
        len(docs) - coded.attrs["n_uncoded"],
        len(cb.frames),
        coded.attrs["n_uncoded"],
        args.out,
    )
    return 0


def register(subparsers) -> None:
    """Add ``frames PATH --out FILE.csv [--codebook NAME]`` to the CLI."""
    parser = subparsers.add_parser(
        "frames",
        help="code a corpus with a frame codebook (one row per document and frame)",
        description="Write doc_id, frame, n_matches, present, matched_terms, sentence_ids. "
        "Non-English documents are not coded (no rows; their number is logged).",
    )
    parser.add_argument("path", help="corpus file or folder")
    parser.add_argument("--out", required=True, help="CSV file to write")
    parser.add_argument(
        "--codebook",
        default="kj_frames",
        help="codebook name in data/codebooks (e.g. generic_frames) or a YAML path",
    )
    from analysis.corpus.command import add_columns_argument

    add_columns_argument(parser)
    parser.set_defaults(func=_run)
