"""One wording for groups too small to say anything, in tables and in warnings.

Every table that compares groups (``compare_groups``, ``compare_event_window``,
``directed_tone``) marks a group below ``min_n`` in its ``warning`` column with
``small_group_note`` and raises one ``UserWarning`` per call with ``warn_small_groups``,
both in the same form::

    too small to say anything (JP n=3, KR n=2 < 5)
    compare_groups('vader_compound' by 'outlet_country'): too small to say anything (JP n=3 < 5)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

__all__ = ["SMALL_GROUPS", "small_group_note", "warn_small_groups"]

SMALL_GROUPS = "too small to say anything"


def small_group_note(sizes: Mapping[str, int], *, min_n: int, unit: str = "n") -> str:
    """The ``warning`` cell for the groups of ``sizes`` below ``min_n`` ("" when none).

    Args:
        sizes: group label -> size (documents, values, ...).
        min_n: smallest size worth reading.
        unit: how the size is named (``"n"``, ``"n_docs"``).

    Returns:
        ``"too small to say anything (JP n=3, KR n=2 < 5)"``, or "".
    """
    small = [f"{name} {unit}={int(n)}" for name, n in sizes.items() if n < min_n]
    return f"{SMALL_GROUPS} ({', '.join(small)} < {min_n})" if small else ""


def warn_small_groups(
    where: str, sizes: Mapping[str, int], *, min_n: int, unit: str = "n", stacklevel: int = 3
) -> None:
    """Raise one ``UserWarning`` ``"<where>: <small_group_note>"`` if any group is small."""
    note = small_group_note(sizes, min_n=min_n, unit=unit)
    if note:
        warnings.warn(f"{where}: {note}", UserWarning, stacklevel=stacklevel)
