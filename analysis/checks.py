"""Argument checks shared by the DataFrame functions: required columns and option choices.

Both raise a one-line ``ValueError`` in the wording of docs/design.md ("Package rules"):
a missing-column error lists what is missing and at most ``MAX_SHOWN`` of the columns
found; a bad option lists the valid values as ``must be one of: a, b, c``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["MAX_SHOWN", "check_choice", "describe_columns", "require_columns"]

MAX_SHOWN = 8


def describe_columns(columns: Iterable[object], *, max_shown: int = MAX_SHOWN) -> str:
    """Column names for a message: ``'a', 'b', ... and N more`` (``none`` when empty).

    Args:
        columns: the names (e.g. ``df.columns``).
        max_shown: names shown before ``... and N more``.

    Returns:
        The names quoted and comma-joined.
    """
    names = [repr(str(c)) for c in columns]
    if not names:
        return "none"
    shown = ", ".join(names[:max_shown])
    rest = len(names) - max_shown
    return f"{shown} ... and {rest} more" if rest > 0 else shown


def require_columns(df: pd.DataFrame, columns: Sequence[str], *, what: str = "data") -> None:
    """Raise if ``df`` lacks any of ``columns``.

    Args:
        df: the table to check (not modified).
        columns: the required column names.
        what: the argument's name, first in the message (e.g. ``"docs"``).

    Raises:
        ValueError: ``"docs: missing required column(s) 'text'; found 'doc_id', ..."``.
    """
    present = set(map(str, df.columns))
    missing = [c for c in dict.fromkeys(columns) if c not in present]
    if missing:
        raise ValueError(
            f"{what}: missing required column(s) {', '.join(map(repr, missing))}; "
            f"found {describe_columns(df.columns)}"
        )


def check_choice(name: str, value: object, options: Iterable[object]) -> None:
    """Raise unless ``value`` is one of ``options`` (for ``Literal[...]`` options).

    Args:
        name: the option's name, first in the message.
        value: the value given.
        options: the valid values, in the order to list them.

    Raises:
        ValueError: ``"measure must be one of: count, jaccard; got 'x'"``.
    """
    options = list(options)
    if value not in options:
        valid = ", ".join(str(o) for o in options)
        raise ValueError(f"{name} must be one of: {valid}; got {value!r}")
