"""Selecting documents by a column value, with an error that names the values that exist.

A report parameter such as ``kind=News`` (the corpus says ``news``) used to select
nothing and render an empty report with exit status 0. ``select_documents`` (in the
notebooks) and the report runner's check before any kernel starts
(``analysis.report.preflight``) both raise ``SelectionError`` instead:

    parameter 'kind': no document has kind 'News'; the corpus has: news (13),
    statement (28), official_readout (16), encyclopedia (2) (did you mean 'news'?)
"""

from __future__ import annotations

import difflib

import pandas as pd

__all__ = ["SelectionError", "check_value", "select_documents"]

MAX_SHOWN = 12


class SelectionError(ValueError):
    """A filter value that selects no document (one line; exit status 2 from the CLI)."""


def _suggestion(value: str, known: list[str]) -> str:
    folded = {k.casefold(): k for k in known}
    if value.casefold() in folded:
        return f" (did you mean {folded[value.casefold()]!r}?)"
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_value(docs: pd.DataFrame, column: str, value: str, *, parameter: str | None = None):
    """Raise ``SelectionError`` unless some document has ``value`` in ``column``.

    Args:
        docs: The corpus (or any table with ``column``).
        column: Column compared as text (``kind``, ``outlet_country``, ``outlet``, ...).
        value: The value asked for (exact match, case-sensitive).
        parameter: Name shown in the message (the report parameter); default ``column``.

    Raises:
        SelectionError: naming the column's values with their document counts (the
            most frequent first) and the closest one when it is a case or spelling slip.
    """
    name = parameter or column
    if column not in docs.columns:
        shown = ", ".join(map(str, list(docs.columns)[:MAX_SHOWN]))
        raise SelectionError(f"parameter {name!r}: the corpus has no column {column!r} ({shown})")
    values = docs[column].dropna().astype(str)
    if (values == str(value)).any():
        return
    counts = values.value_counts()
    listed = ", ".join(f"{v} ({n})" for v, n in counts.head(MAX_SHOWN).items())
    more = f" and {len(counts) - MAX_SHOWN} more" if len(counts) > MAX_SHOWN else ""
    has = f"the corpus has: {listed}{more}" if len(counts) else f"no document has any {column}"
    raise SelectionError(
        f"parameter {name!r}: no document has {column} {value!r}; {has}"
        f"{_suggestion(str(value), list(counts.index))}"
    )


def select_documents(docs: pd.DataFrame, *, parameter: str | None = None, **equal) -> pd.DataFrame:
    """The rows of ``docs`` whose columns equal the given values (an empty value: no filter).

    Example: ``select_documents(corpus, kind=kind)`` with ``kind = ""`` returns every row.

    Returns:
        The selected rows (a copy, same columns). Raises ``SelectionError`` naming the
        values that exist when a value selects nothing.
    """
    keep = pd.Series(True, index=docs.index)
    for column, value in equal.items():
        if value is None or value == "":
            continue
        check_value(docs, column, value, parameter=parameter or column)
        keep &= docs[column].astype("string").eq(str(value)).fillna(False)
    return docs.loc[keep].copy()
