"""The validity card: what a tone figure in a report rests on, per language, in one call.

``validity_card(sentences)`` returns, for each language of the scored
sentences, the measure used, its agreement with human coders on held-out data
(data set, split, figure, 95% interval; from the tone model file, so a model
trained with ``tone train`` shows its own cross-validated figures), the share
of this corpus's sentences it scored exactly 0, and how far TextBlob, VADER and
tone agree with each other on this corpus.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.checks import check_choice, require_columns

CARD_COLUMNS = [
    "language",
    "measure",
    "n_sentences",
    "zero_share",
    "dataset",
    "split",
    "figure",
    "value",
    "ci_low",
    "ci_high",
    "n_coded",
    "r_tone_vader",
    "r_tone_textblob",
    "r_textblob_vader",
]
MEASURES = ("tone", "vader_compound", "textblob_polarity")
_PAIRS = {
    "r_tone_vader": ("tone", "vader_compound"),
    "r_tone_textblob": ("tone", "textblob_polarity"),
    "r_textblob_vader": ("textblob_polarity", "vader_compound"),
}


def _r(part: pd.DataFrame, a: str, b: str) -> float:
    if a not in part.columns or b not in part.columns:
        return math.nan
    both = part[[a, b]].astype("float64").dropna()
    if len(both) < 3 or both[a].nunique() < 2 or both[b].nunique() < 2:
        return math.nan
    return float(np.corrcoef(both[a], both[b])[0, 1])


def _figures(measure: str, language: str, tone_model) -> list[dict]:
    from analysis.sentiment.model import load_tone_model

    model = load_tone_model(tone_model)
    wanted = "tone" if measure == "tone" else measure
    found = [
        f
        for f in model.figures
        if f.get("engine", "tone") == wanted and f.get("language") in (language, "all")
    ]
    return found or [
        {
            "dataset": "",
            "split": "",
            "measure": "no coded data in this language",
            "value": math.nan,
            "ci_low": math.nan,
            "ci_high": math.nan,
            "n": 0,
        }
    ]


def validity_card(
    sentences: pd.DataFrame, *, measure: str = "tone", tone_model=None
) -> pd.DataFrame:
    """Per language of the corpus: the measure, its held-out agreement, zeros, tool agreement.

    Args:
        sentences: sentence scores (``score_sentences``) with ``language`` and the
            ``measure`` column (other scores used for the agreement columns if present).
        measure: ``tone``, ``vader_compound`` or ``textblob_polarity``.
        tone_model: the tone model the scores came from (None: the shipped one); its
            file holds the held-out figures shown.

    Returns:
        One row per (language, held-out figure): ``language``, ``measure``,
        ``n_sentences`` (scored by the measure), ``zero_share`` (share of them scored
        exactly 0), ``dataset``, ``split``, ``figure`` (``pearson_r``, ``auc``,
        ``accuracy_3class``, ...), ``value``, ``ci_low``, ``ci_high``, ``n_coded``
        (coded units behind the figure), ``r_tone_vader``, ``r_tone_textblob``,
        ``r_textblob_vader`` (Pearson r between the tools on this corpus's sentences
        of that language; NaN where a tool does not score it).
    """
    check_choice("measure", measure, MEASURES)
    require_columns(sentences, ["language", measure], what="sentences")
    scored = sentences[sentences[measure].notna()]
    rows = []
    for language, part in scored.groupby(scored["language"].astype(str), sort=True):
        values = part[measure].astype("float64")
        common = {
            "language": language,
            "measure": measure,
            "n_sentences": len(part),
            "zero_share": float((values == 0).mean()),
            **{k: _r(part, a, b) for k, (a, b) in _PAIRS.items()},
        }
        for fig in _figures(measure, language, tone_model):
            rows.append(
                {
                    **common,
                    "dataset": fig["dataset"],
                    "split": fig["split"],
                    "figure": fig["measure"],
                    "value": fig["value"],
                    "ci_low": fig["ci_low"],
                    "ci_high": fig["ci_high"],
                    "n_coded": fig["n"],
                }
            )
    return pd.DataFrame(rows, columns=CARD_COLUMNS).astype({"n_sentences": "int64"})
