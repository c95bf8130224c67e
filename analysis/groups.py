"""Many tiny groups made readable: the largest groups by name, the rest as one "other".

A corpus of twenty countries with one document each gives 190 pairwise rows of
"too small to say anything" and a legend of twenty colours. ``lump_groups`` keeps
the ``top`` largest groups of a column (by number of documents) and relabels every
other one ``"other (17 groups, 17 docs)"``, so a table or a figure shows at most
``top + 1`` groups and still counts every document. The label says how many
groups and documents it pools; it is drawn in the "rest" grey
(``analysis.plots.time.group_colors``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.checks import require_columns

__all__ = ["OTHER", "is_other_label", "lump_groups", "other_label"]

OTHER = "other"


def other_label(n_groups: int, n_docs: int) -> str:
    """``"other (17 groups, 17 docs)"``: the label of the pooled groups."""
    groups = "group" if n_groups == 1 else "groups"
    docs = "doc" if n_docs == 1 else "docs"
    return f"{OTHER} ({n_groups} {groups}, {n_docs} {docs})"


def is_other_label(label: object) -> bool:
    """True for a label made by ``other_label``."""
    return str(label).startswith(f"{OTHER} (") and str(label).endswith(")")


def lump_groups(
    df: pd.DataFrame,
    column: str,
    *,
    top: int = 8,
    unit: str = "doc_id",
    prefer: Sequence[str] = (),
) -> pd.DataFrame:
    """Keep the ``top`` largest groups of ``column``; pool the others as one "other" group.

    Args:
        df: Any table with ``column`` (and ``unit`` when given); not modified.
        column: Grouping column (``outlet_country``, ``outlet``, ...).
        top: Groups kept by name (the largest by number of distinct ``unit``; ties go to
            the groups in ``prefer``, then in name order). Nothing is pooled when at most
            ``top + 1`` groups exist (one pooled group would only rename it).
        unit: Column counted to rank the groups (distinct values); None counts rows.
        prefer: Groups that win ties, in this order (e.g. the countries a study is about).

    Returns:
        A copy whose ``column`` is a string column with the pooled groups relabelled
        ``other_label(k, n)`` (NA stays NA); ``attrs["lumped"]`` lists the pooled groups
        (empty when nothing was pooled) and ``attrs["other_label"]`` their label.
    """
    require_columns(df, [column] + ([unit] if unit else []), what="lump_groups")
    if top < 1:
        raise ValueError(f"lump_groups: top must be at least 1; got {top}")
    values = df[column].astype("string")
    if unit:
        sizes = df.assign(_g=values).dropna(subset=["_g"]).groupby("_g")[unit].nunique()
    else:
        sizes = values.dropna().value_counts()
    rank = {name: i for i, name in enumerate(prefer)}
    order = sorted(sizes.index, key=lambda g: (-sizes[g], rank.get(g, len(rank)), str(g)))
    ranked = sizes.reindex(order)
    out = df.copy()
    out.attrs = {**df.attrs, "lumped": [], "other_label": None}
    if len(ranked) <= top + 1:
        out[column] = values
        return out
    pooled = ranked.index[top:]
    label = other_label(len(pooled), int(ranked.iloc[top:].sum()))
    out[column] = values.mask(values.isin(pooled), label)
    out.attrs.update(lumped=sorted(map(str, pooled)), other_label=label)
    return out
