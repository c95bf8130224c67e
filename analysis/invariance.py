"""Translation invariance: does the same statement get the same frames in two languages?

A codebook with terms in English, Korean and Japanese is one instrument only if a text
and its translation are coded alike. ``frame_invariance`` codes every version of each
group of texts (a ``pair_id``: one statement in several languages; or the sample's
``pair_group``: one event reported by both sides) and compares every two versions of a
group frame by frame; ``invariance_summary`` says how often they agree, with intervals.

Translations (the official bilingual and trilingual texts of a statement) measure the
codebook; versions by different authors (a Japanese and a Korean readout of the same
meeting) measure the codebook plus real differences of framing, and must be reported
as such.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.codebooks import Codebook, load_codebook
from analysis.proportions import wilson_ci

__all__ = ["INVARIANCE_COLUMNS", "frame_invariance", "invariance_summary"]

INVARIANCE_COLUMNS = [
    "pair_id",
    "doc_id_a",
    "doc_id_b",
    "language_a",
    "language_b",
    "frames_a",
    "frames_b",
    "n_frames_a",
    "n_frames_b",
    "n_shared",
    "jaccard",
    "frame_agreement_share",
    "is_identical",
]
PRESENCE = ("present", "any_match")


def _frame_sets(docs: pd.DataFrame, cb: Codebook, presence: str) -> dict:
    from analysis.framing import code_frames

    coded = code_frames(docs[["doc_id", "text", *_lang(docs)]], cb)
    hit = coded["present"].astype(bool) if presence == "present" else coded["n_matches"] > 0
    chosen = coded.loc[hit, ["doc_id", "frame"]]
    sets: dict = {d: [] for d in coded["doc_id"].unique()}
    for doc_id, frame in chosen.itertuples(index=False):
        sets[doc_id].append(frame)
    return sets


def _lang(docs: pd.DataFrame) -> list[str]:
    return ["language"] if "language" in docs.columns else []


def frame_invariance(
    docs: pd.DataFrame,
    codebook: str | Path | Codebook = "kj_frames",
    *,
    by: str = "pair_id",
    across: str | None = None,
    presence: Literal["present", "any_match"] = "present",
) -> pd.DataFrame:
    """Compare the frames of every two versions of each group of texts.

    Args:
        docs: needs ``doc_id``, ``text`` and the ``by`` column (``language`` is used
            when present); documents with ``by`` missing are left out.
        codebook: a codebook name, path or ``Codebook``.
        by: the column that groups the versions of one statement or event.
        across: a column whose values must differ between the two versions compared
            (``"outlet_country"``: only a Japanese and a Korean text, not two Japanese
            ones); None compares every two versions.
        presence: ``"present"`` (the codebook's decision, ``code_frames``'s
            ``present``) or ``"any_match"`` (at least one term matched).

    Returns:
        One row per (group, two versions) in corpus order: ``pair_id`` (the ``by``
        value), ``doc_id_a``, ``doc_id_b``, ``language_a``, ``language_b``,
        ``frames_a``, ``frames_b`` (``;``-joined, codebook order), ``n_frames_a``,
        ``n_frames_b``, ``n_shared``, ``jaccard`` (shared / either; 1.0 when neither
        has a frame), ``frame_agreement_share`` (frames of the codebook on which the
        two agree, present or absent), ``is_identical``. Versions in a language the
        codebook does not cover are not coded and have no rows (logged).
    """
    check_choice("presence", presence, PRESENCE)
    require_columns(docs, ["doc_id", "text", by, *([across] if across else [])], what="docs")
    cb = load_codebook(codebook)
    grouped = docs[docs[by].notna()]
    sets = _frame_sets(grouped, cb, presence)
    languages = (
        dict(zip(grouped["doc_id"], grouped["language"], strict=True)) if _lang(grouped) else {}
    )
    order = {f: i for i, f in enumerate(cb.frame_ids)}
    side = dict(zip(grouped["doc_id"], grouped[across], strict=True)) if across else {}
    rows = []
    for group, part in grouped.groupby(by, sort=False):
        ids = [d for d in part["doc_id"].tolist() if d in sets]
        for a, b in combinations(ids, 2):
            if across and side[a] == side[b]:
                continue
            fa, fb = set(sets[a]), set(sets[b])
            either = fa | fb
            rows.append(
                (group, a, b, languages.get(a, pd.NA), languages.get(b, pd.NA),
                 ";".join(sorted(fa, key=order.get)), ";".join(sorted(fb, key=order.get)),
                 len(fa), len(fb), len(fa & fb), len(fa & fb) / len(either) if either else 1.0,
                 1 - len(fa ^ fb) / len(cb.frame_ids), fa == fb)
            )  # fmt: skip
    out = pd.DataFrame(rows, columns=INVARIANCE_COLUMNS)
    types = {"n_frames_a": "int64", "n_frames_b": "int64", "n_shared": "int64",
             "jaccard": float, "frame_agreement_share": float, "is_identical": bool}  # fmt: skip
    return out.astype(types)


def invariance_summary(
    table: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    seed: int = config.RANDOM_SEED,
) -> pd.DataFrame:
    """How often versions agree: identical frame sets, Jaccard, per-frame agreement.

    Args:
        table: output of ``frame_invariance``.
        n_resamples: bootstrap resamples for the mean Jaccard and agreement (pairs of
            versions are resampled).
        seed: seed of the resampling.

    Returns:
        One row per measure: ``measure`` (``identical_share``, ``mean_jaccard``,
        ``mean_frame_agreement``), ``n_pairs``, ``value``, ``ci_low``, ``ci_high``
        (Wilson for the share, bootstrap percentile for the means; NaN when fewer than
        two pairs), ``ci_method``.
    """
    require_columns(table, ["jaccard", "frame_agreement_share", "is_identical"], what="table")
    n = len(table)
    identical = int(table["is_identical"].sum())
    share, low, high = wilson_ci(identical, n) if n else (np.nan, np.nan, np.nan)
    rows = [("identical_share", n, share, low, high, "wilson")]
    rng = np.random.default_rng(seed)
    for measure, column in (("mean_jaccard", "jaccard"),
                            ("mean_frame_agreement", "frame_agreement_share")):  # fmt: skip
        values = table[column].to_numpy(float)
        mean = float(values.mean()) if n else np.nan
        lo = hi = np.nan
        if n >= 2:
            means = values[rng.integers(0, n, size=(n_resamples, n))].mean(axis=1)
            lo, hi = np.percentile(means, [2.5, 97.5])
        rows.append((measure, n, mean, lo, hi, "bootstrap percentile"))
    cols = ["measure", "n_pairs", "value", "ci_low", "ci_high", "ci_method"]
    return pd.DataFrame(rows, columns=cols)
