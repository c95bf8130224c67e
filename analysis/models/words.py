"""The finding of a model in words, computed from its coefficient table."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.checks import require_columns

__all__ = ["describe_model", "term_label"]


_LEVEL = re.compile(
    r"^C\((?P<var>\w+)(?:,\s*Treatment\(\s*(?:reference\s*=\s*)?(?P<q>['\"])(?P<ref>.*?)(?P=q)\s*\))?\)\[T\.(?P<level>.*)\]$"
)  # noqa: E501


def term_label(term: str) -> str:
    """A readable name for a statsmodels term.

    ``"C(outlet_country, Treatment(reference='JP'))[T.KR]"`` -> ``"outlet_country = KR (vs JP)"``,
    ``"C(kind)[T.news]"`` -> ``"kind = news"``, ``"Intercept"`` -> ``"intercept"``; other
    terms are returned as they are.
    """
    match = _LEVEL.match(term)
    if match:
        ref = f" (vs {match['ref']})" if match["ref"] is not None else ""
        return f"{match['var']} = {match['level']}{ref}"
    return "intercept" if term == "Intercept" else term


def _effect(row, digits: int = 2) -> str:
    if row.model == "logit":
        ratio, low, high = np.exp([row.estimate, row.ci_low, row.ci_high])
        return f"odds x{ratio:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"
    d = digits + 1
    return f"{row.estimate:+.{d}f} [{row.ci_low:+.{d}f}, {row.ci_high:+.{d}f}]"


def describe_model(table: pd.DataFrame, *, alpha: float = 0.05) -> str:
    """The finding of one ``fit_model`` table in words, computed from its numbers.

    Names the terms whose interval excludes zero (p < ``alpha``) with their direction
    and size, says how many others cannot be told from zero, and repeats the table's
    warning (e.g. too few clusters).

    Returns:
        One paragraph (plain text, no markup).
    """
    require_columns(table, ["outcome", "model", "term", "estimate", "ci_low", "ci_high"])
    if table.empty:
        return "No model was fitted."
    first = table.iloc[0]
    terms = table[table["term"] != "Intercept"]
    clear = terms[terms["p_value"] < alpha]
    scale = "odds ratios" if first.model == "logit" else "differences"
    head = (
        f"{first.outcome} ({first.model}, {first.n_obs} rows"
        + (f", {first.n_clusters} clusters" if pd.notna(first.n_clusters) else "")
        + "): holding the other predictors fixed, "
    )
    if clear.empty:
        body = f"no term's {scale[:-1]} is distinguishable from zero at p < {alpha:g}"
        if first.model == "logit":
            body = f"no term's odds ratio is distinguishable from 1 at p < {alpha:g}"
    else:
        parts = [
            f"{term_label(r.term)} {'higher' if r.estimate > 0 else 'lower'} "
            f"({_effect(r)}, p = {r.p_value:.3f})"
            for r in clear.itertuples(index=False)
        ]
        body = f"{len(clear)} of {len(terms)} terms are clear at p < {alpha:g}: " + "; ".join(parts)
        if len(terms) > len(clear):
            body += f"; the other {len(terms) - len(clear)} cannot be told from no difference"
    warning = f" Caution: {first.warning}." if first.warning else ""
    return head + body + "." + warning
