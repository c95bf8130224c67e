"""Frame figures: prevalence by group with confidence intervals, co-occurrence, term shares."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.checks import check_choice, require_columns
from analysis.plots.style import country_color

__all__ = ["plot_cooccurrence", "plot_frame_prevalence", "plot_variant_shares"]


def plot_frame_prevalence(
    prev: pd.DataFrame, *, by: str = "outlet_country", ax: Axes | None = None
) -> Axes:
    """Share of documents with each frame, one dot per group, with its CI as a bar.

    Args:
        prev: output of ``analysis.framing.frame_prevalence`` (``by``, ``frame``,
            ``present_share``, ``ci_low``, ``ci_high``, ``n_docs``).
        by: the grouping column (colour per country).
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes (frames on the y axis, share 0..1 on the x axis). The legend sits to
        the right of the axes, so it never hides a point; it shows each group's number
        of coded documents and, when ``prev`` has ``n_uncoded`` > 0, how many
        non-English documents were left out.
    """
    require_columns(
        prev, [by, "frame", "present_share", "ci_low", "ci_high", "n_docs"], what="prevalence"
    )
    frames = list(dict.fromkeys(prev["frame"]))
    groups = list(dict.fromkeys(prev[by]))
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, 0.55 * len(frames) + 1.2), layout="constrained")
    step = 0.8 / max(len(groups), 1)
    for i, group in enumerate(groups):
        part = prev[prev[by] == group].set_index("frame").reindex(frames)
        y = np.arange(len(frames)) + (i - (len(groups) - 1) / 2) * step
        err = np.clip(
            [part["present_share"] - part["ci_low"], part["ci_high"] - part["present_share"]],
            0,
            None,
        )  # rounding can put a Wilson bound a hair inside a share of 0 or 1
        ax.errorbar(part["present_share"], y, xerr=err, fmt="o", color=country_color(str(group)),
                    capsize=2, label=_group_label(group, part))  # fmt: skip
    ax.set_yticks(np.arange(len(frames)), frames)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of documents with the frame (95% Wilson CI)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
              fontsize="small", title=by, title_fontsize="small")  # fmt: skip
    return ax


def _group_label(group: object, part: pd.DataFrame) -> str:
    label = f"{group} (n={int(part['n_docs'].max())}"
    uncoded = int(part["n_uncoded"].max()) if "n_uncoded" in part.columns else 0
    return label + (f"; {uncoded} not English, not coded)" if uncoded > 0 else ")")


def plot_cooccurrence(
    matrix: pd.DataFrame, *, ax: Axes | None = None, fmt: str = "{:.2f}", diagonal: bool = True
) -> Axes:
    """Heatmap of a frame x frame matrix (``frame_cooccurrence``), each cell annotated.

    Args:
        matrix: square DataFrame, frames on both axes.
        ax: Axes to draw on; None = a new figure.
        fmt: format of the cell labels (``"{:d}"``-like for counts).
        diagonal: draw the diagonal; False leaves it blank (Jaccard's diagonal is always
            1 and would set the colour scale).

    Returns:
        The Axes.
    """
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("co-occurrence matrix must have the same frames on both axes")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.7 * len(matrix) + 2, 0.6 * len(matrix) + 1.5))
    values = matrix.to_numpy(dtype=float).copy()
    if not diagonal:
        np.fill_diagonal(values, np.nan)
    image = ax.imshow(values, cmap="Blues", vmin=0)
    ax.set_xticks(range(len(matrix)), matrix.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index)
    top = np.nanmax(values) if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        if np.isnan(v):
            continue
        label = fmt.format(int(v) if "d" in fmt else v)
        ax.text(j, i, label, ha="center", va="center", fontsize="x-small",
                color="white" if top and v > 0.6 * top else "black")  # fmt: skip
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    ax.grid(False)
    return ax


def plot_variant_shares(
    counts: pd.DataFrame, *, referent: str, by: str = "outlet_country", ax: Axes | None = None
) -> Axes:
    """Stacked bars: which variant each group uses for one referent.

    Args:
        counts: output of ``analysis.terms.count_term_variants`` grouped by ``by``.
        referent: the referent id to draw (e.g. ``"labour"``).
        by: grouping column.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes (one bar per group that names the referent, segments = variant shares,
        bar label = number of mentions).
    """
    require_columns(
        counts, [by, "referent", "variant", "side", "n_mentions"], what="variant counts"
    )
    check_choice("referent", referent, sorted(counts["referent"].astype(str).unique()))
    part = counts[counts["referent"] == referent]
    table = part.pivot_table(index=by, columns="variant", values="n_mentions", aggfunc="sum")
    table = table[table.sum(axis=1) > 0]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * max(len(table), 1) + 1.5))
    shares = table.div(table.sum(axis=1), axis=0)
    left = np.zeros(len(shares))
    cmap = plt.get_cmap("tab10")
    sides = part.drop_duplicates("variant").set_index("variant")["side"]
    for k, variant in enumerate(shares.columns):
        ax.barh(shares.index.astype(str), shares[variant], left=left, color=cmap(k % 10),
                label=f"{variant} ({sides[variant]})")  # fmt: skip
        left += shares[variant].to_numpy()
    for y, total in enumerate(table.sum(axis=1)):
        ax.text(1.01, y, f"n={int(total)}", va="center", fontsize="small")
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of mentions of '{referent}' (variant, side that uses it)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, fontsize="small")
    return ax
