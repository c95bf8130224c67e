"""Coefficient plots of ``analysis.models.fit_model`` / ``fit_models`` tables.

Each term is a point with its confidence interval as a horizontal bar, the zero line
marked; terms of a model whose table carries a ``warning`` (too few clusters,
perfect separation, collinear design) are drawn hollow, so they never look like
firm evidence. The intercept is left out (it is not a comparison).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.checks import require_columns
from analysis.models.words import term_label
from analysis.plots.style import OKABE_ITO

REQUIRED = ["outcome", "model", "term", "estimate", "ci_low", "ci_high", "warning"]


def plot_coefficients(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Plot every non-intercept term of one or several models with its interval.

    Args:
        table: ``fit_model`` or ``fit_models`` output (several outcomes: the outcome
            names the rows, e.g. ``has_history: kind = news``).
        ax: Axes to draw on; None = a new figure sized to the number of terms.
        title: Optional title.

    Returns:
        The Axes. An empty table gives an Axes that says no model was fitted.
    """
    require_columns(table, REQUIRED, what="plot_coefficients")
    rows = table[table["term"] != "Intercept"].reset_index(drop=True)
    several = rows["outcome"].nunique() > 1
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.4 * max(len(rows), 1)))
    if rows.empty:
        ax.text(
            0.5, 0.5, "no model could be fitted", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return ax
    labels = [
        f"{r.outcome}: {term_label(r.term)}" if several else term_label(r.term)
        for r in rows.itertuples(index=False)
    ]
    for y, r in enumerate(rows.itertuples(index=False)):
        weak = bool(r.warning)
        color = OKABE_ITO["vermillion"] if weak else OKABE_ITO["blue"]
        low = r.estimate - r.ci_low if np.isfinite(r.ci_low) else 0.0
        high = r.ci_high - r.estimate if np.isfinite(r.ci_high) else 0.0
        ax.errorbar(
            r.estimate, y, xerr=[[low], [high]], fmt="o", color=color,
            markerfacecolor="white" if weak else color, capsize=3,
        )  # fmt: skip
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.invert_yaxis()
    scales = sorted(set(rows["model"]))
    ax.set_xlabel(
        " / ".join({"ols": "difference (OLS)", "logit": "log-odds (logit)"}[s] for s in scales)
        + ", 95 % CI; hollow: see the table's warning"
    )
    if title:
        ax.set_title(title, loc="left")
    return ax
