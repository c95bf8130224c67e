"""Summaries of sentence scores for the report: TextBlob-VADER agreement, extreme sentences."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

from analysis.checks import check_choice, require_columns

AGREEMENT_COLUMNS = [
    "n", "pearson_r", "spearman_r", "sign_agreement_share",
    "textblob_zero_share", "vader_zero_share",
]  # fmt: skip


def _sign(values: pd.Series, threshold: float) -> np.ndarray:
    array = values.to_numpy(dtype="float64")
    return np.where(array > threshold, 1, np.where(array < -threshold, -1, 0))


def sentiment_agreement(sentences: pd.DataFrame) -> pd.DataFrame:
    """How far TextBlob and VADER agree on the same sentences (or documents).

    Rows where either score is NaN (unscored) are left out. Sign agreement uses
    each tool's usual three classes: TextBlob by the sign of its polarity, VADER
    positive above +0.05, negative below -0.05, else neutral.

    Args:
        sentences: rows with ``textblob_polarity`` and ``vader_compound``.

    Returns:
        One row: ``n``, ``pearson_r``, ``spearman_r`` (NaN when n < 3 or a score
        is constant), ``sign_agreement_share``, ``textblob_zero_share``,
        ``vader_zero_share`` (share of rows scored exactly 0).
    """
    require_columns(sentences, ["textblob_polarity", "vader_compound"], what="sentences")
    both = sentences[["textblob_polarity", "vader_compound"]].astype("float64").dropna()
    tb, vd = both["textblob_polarity"], both["vader_compound"]
    n = len(both)
    varied = n >= 3 and tb.nunique() > 1 and vd.nunique() > 1
    row = {
        "n": n,
        "pearson_r": float(np.corrcoef(tb, vd)[0, 1]) if varied else math.nan,
        "spearman_r": float(tb.rank().corr(vd.rank())) if varied else math.nan,
        "sign_agreement_share": float(np.mean(_sign(tb, 0.0) == _sign(vd, 0.05)))
        if n
        else math.nan,
        "textblob_zero_share": float(np.mean(tb == 0)) if n else math.nan,
        "vader_zero_share": float(np.mean(vd == 0)) if n else math.nan,
    }
    return pd.DataFrame([row], columns=AGREEMENT_COLUMNS).astype({"n": "int64"})


EXTREME_BY = ("tone", "vader_compound", "textblob_polarity")


def extreme_sentences(
    sentences: pd.DataFrame,
    *,
    n: int = 5,
    by: Literal["tone", "vader_compound", "textblob_polarity"] = "tone",
    tone_model=None,
) -> pd.DataFrame:
    """The most positive and most negative sentences, with the words that drove them.

    Unscored rows are left out and a sentence repeated word for word (wire
    copies) is shown once, at its first occurrence. Ties keep corpus order.
    Ranked by ``tone``, the shown rows get their ``tone_drivers`` (computed here,
    by leave-one-word-out, where the table does not have them yet).

    Args:
        sentences: output of ``score_sentences``.
        n: how many of each direction.
        by: which score ranks them.
        tone_model: the tone model the scores came from (None: the shipped one).

    Returns:
        ``direction`` ("most positive" then "most negative"), ``rank`` (1..n),
        then the input columns, most extreme first.
    """
    check_choice("by", by, EXTREME_BY)
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    require_columns(sentences, ["sentence", by], what="sentences")
    pool = sentences[sentences[by].notna()].drop_duplicates(subset="sentence", keep="first")
    parts = []
    for direction, ascending in (("most positive", False), ("most negative", True)):
        side = pool[pool[by] < 0] if ascending else pool[pool[by] > 0]
        top = side.sort_values(by, ascending=ascending, kind="stable").head(n)
        parts.append(top.assign(direction=direction, rank=range(1, len(top) + 1)))
    out = pd.concat(parts, ignore_index=True) if parts else pool.head(0)
    if by == "tone" and len(out):
        from analysis.sentiment.scoring import sentence_tone_drivers

        out = sentence_tone_drivers(out, tone_model=tone_model)
    first = ["direction", "rank"]
    return out[first + [c for c in out.columns if c not in first]].astype({"rank": "int64"})
