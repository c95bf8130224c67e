"""One row per document, ready for ``fit_model``: metadata, year, scores, frame presence."""

from __future__ import annotations

import pandas as pd

from analysis.checks import require_columns

__all__ = ["keep_common_levels", "model_table"]


def model_table(
    docs: pd.DataFrame, *, scores: pd.DataFrame | None = None, coded: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per document, ready for ``fit_model``: metadata, ``year``, scores, frames.

    Args:
        docs: the corpus (``doc_id`` and any of ``outlet``, ``outlet_country``, ``kind``,
            ``language``, ``published``); not modified.
        scores: ``score_sentiment(docs)`` (its score columns are added by ``doc_id``).
        coded: ``code_frames(docs, ...)``: one ``has_<frame>`` 0/1 column per frame
            (``Int64``; NA for documents that were not coded, e.g. non-English ones, so
            frame models leave them out while tone models keep them).

    Returns:
        ``doc_id``, ``outlet``, ``outlet_country``, ``kind``, ``language`` (those
        present), ``year`` (``Int64``, NA when undated), the numeric columns of
        ``scores`` and the ``has_<frame>`` columns.
    """
    require_columns(docs, ["doc_id"], what="model_table")
    meta = [c for c in ("outlet", "outlet_country", "kind", "language") if c in docs.columns]
    table = docs[["doc_id", *meta]].copy()
    if "published" in docs.columns:
        table["year"] = pd.to_datetime(docs["published"]).dt.year.astype("Int64")
    if scores is not None:
        require_columns(scores, ["doc_id"], what="scores")
        numeric = [c for c in scores.columns if c != "doc_id" and c not in table.columns]
        numeric = [c for c in numeric if pd.api.types.is_numeric_dtype(scores[c])]
        numeric = [c for c in numeric if not pd.api.types.is_bool_dtype(scores[c])]
        table = table.merge(scores[["doc_id", *numeric]], on="doc_id", how="left")
    if coded is not None:
        require_columns(coded, ["doc_id", "frame", "present"], what="coded")
        wide = coded.pivot_table(index="doc_id", columns="frame", values="present", sort=False)
        wide = wide.astype("Int64").add_prefix("has_").reset_index()
        table = table.merge(wide, on="doc_id", how="left")
        for column in wide.columns[1:]:
            table[column] = table[column].astype("Int64")
    return table


def keep_common_levels(
    df: pd.DataFrame, *, columns: list[str], min_n: int = 5
) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Leave out the rows of categories with fewer than ``min_n`` rows (a single outlet's
    country, a kind with two texts): such a level cannot be estimated apart from its one
    outlet, and often makes the design singular (the one ``INTL`` outlet is the one
    encyclopedia). Rows missing the column are kept (the model drops them itself).

    Args:
        df: the model table; not modified.
        columns: categorical columns to check, in order (each on what is left).
        min_n: smallest number of rows a level needs.

    Returns:
        ``(kept rows, {column: {level: n}})``: the table without those rows, and what
        was left out, to be said in the report.
    """
    require_columns(df, columns, what="keep_common_levels")
    left_out: dict[str, dict[str, int]] = {}
    kept = df
    for column in columns:
        counts = kept[column].value_counts()
        small = counts[counts < min_n]
        if len(small):
            left_out[column] = {str(k): int(v) for k, v in small.items()}
            kept = kept[~kept[column].isin(small.index)]
    return kept.reset_index(drop=True), left_out
