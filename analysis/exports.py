"""Tables and figures for a manuscript: CSV, LaTeX (booktabs), Markdown; SVG, PNG, PDF.

- ``export_table(df, path)``: the format follows the suffix. ``.csv`` is the table as
  it is (every digit, UTF-8, no index); ``.tex`` a ``booktabs`` ``tabular`` (``\\toprule``,
  ``\\midrule``, ``\\bottomrule``; LaTeX's special characters escaped, numbers right-
  aligned and rounded to ``digits``, never ``-0.000``), wrapped in a ``table`` float
  when a ``caption`` is given; ``.md`` a pipe table (GitHub / pandoc).
- ``save_figure(fig, path)``: SVG, PNG (300 dpi by default) or PDF by suffix, with no
  creation date in the file so the same figure gives the same bytes.

Both write atomically (``analysis.io``) and return the path.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from analysis.checks import check_choice
from analysis.compare import format_number
from analysis.io import atomic_path, atomic_write, write_csv

__all__ = ["FIGURE_SUFFIXES", "TABLE_SUFFIXES", "export_table", "latex_table", "save_figure"]

TABLE_SUFFIXES = (".csv", ".tex", ".md")
FIGURE_SUFFIXES = (".svg", ".png", ".pdf")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def _suffix(path: str | os.PathLike, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower()
    check_choice(f"{Path(path).name}: file type", suffix or "(none)", allowed)
    return suffix


def latex_escape(value: object) -> str:
    """``value`` as LaTeX text: ``& % $ # _ { } ~ ^ \\`` escaped, newlines as spaces."""
    text = " ".join(str(value).split())
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object, digits: int) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return format_number(value, digits=digits)
    return str(value)


def _cells(df: pd.DataFrame, digits: int) -> list[list[str]]:
    return [[_cell(v, digits) for v in row] for row in df.astype(object).itertuples(index=False)]


def _numeric_columns(df: pd.DataFrame) -> list[bool]:
    return [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]


def latex_table(
    df: pd.DataFrame, *, digits: int = 3, caption: str | None = None, label: str | None = None
) -> str:
    """Return ``df`` as a booktabs LaTeX table (needs ``\\usepackage{booktabs}``).

    Args:
        df: the table; its index is not written (``reset_index()`` first to keep it).
        digits: decimals of float cells.
        caption: if given, the ``tabular`` is wrapped in a ``table`` float with it.
        label: ``\\label`` of the float (with ``caption``).

    Returns:
        The LaTeX source, ending with a newline.
    """
    align = "".join("r" if num else "l" for num in _numeric_columns(df)) or "l"
    lines = [f"\\begin{{tabular}}{{{align}}}", "\\toprule"]
    lines.append(" & ".join(latex_escape(c) for c in df.columns) + r" \\")
    lines.append("\\midrule")
    lines += [" & ".join(latex_escape(v) for v in row) + r" \\" for row in _cells(df, digits)]
    lines += ["\\bottomrule", "\\end{tabular}"]
    if caption is not None:
        head = ["\\begin{table}[htbp]", "\\centering", f"\\caption{{{latex_escape(caption)}}}"]
        if label:
            head.append(f"\\label{{{label}}}")
        lines = [*head, *lines, "\\end{table}"]
    return "\n".join(lines) + "\n"


def markdown_table(df: pd.DataFrame, *, digits: int = 3) -> str:
    """Return ``df`` as a Markdown pipe table (``|`` in cells escaped, numbers right-aligned)."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    rule = ["---:" if num else "---" for num in _numeric_columns(df)]
    rows = [[cell(str(c)) for c in df.columns], rule]
    rows += [[cell(v) for v in row] for row in _cells(df, digits)]
    return "".join("| " + " | ".join(row) + " |\n" for row in rows)


def export_table(
    df: pd.DataFrame,
    path: str | os.PathLike,
    *,
    digits: int = 3,
    caption: str | None = None,
    label: str | None = None,
) -> Path:
    """Write ``df`` to ``path`` as CSV, LaTeX (booktabs) or Markdown, chosen by the suffix.

    Args:
        df: the table; not modified. Its index is not written.
        path: ``.csv``, ``.tex`` or ``.md`` (anything else: ``ValueError`` listing these).
        digits: decimals of float cells in ``.tex`` and ``.md`` (CSV keeps every digit).
        caption: LaTeX only: wrap the table in a ``table`` float with this caption.
        label: LaTeX only: the float's ``\\label``.

    Returns:
        The path written (atomically).
    """
    suffix = _suffix(path, TABLE_SUFFIXES)
    if suffix == ".csv":
        return write_csv(df, path)
    if suffix == ".tex":
        return atomic_write(path, latex_table(df, digits=digits, caption=caption, label=label))
    return atomic_write(path, markdown_table(df, digits=digits))


def save_figure(fig, path: str | os.PathLike, *, dpi: int = 300) -> Path:
    """Save a matplotlib figure (or the figure of an ``Axes``) as SVG, PNG or PDF by suffix.

    Args:
        fig: a ``Figure`` or an ``Axes``.
        path: ``.svg``, ``.png`` or ``.pdf`` (anything else: ``ValueError`` listing these).
        dpi: resolution of a PNG (vector formats ignore it).

    Returns:
        The path written (atomically). No creation date or software stamp is written,
        so saving the same figure twice gives the same bytes.
    """
    suffix = _suffix(path, FIGURE_SUFFIXES)
    figure = getattr(fig, "figure", fig) if not hasattr(fig, "savefig") else fig
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "Producer": None}}
    with atomic_path(path) as tmp, mpl.rc_context({"svg.hashsalt": "kj-discourse"}):
        figure.savefig(
            tmp,
            format=suffix[1:],
            dpi=dpi,
            bbox_inches="tight",
            metadata=metadata.get(suffix[1:], {"Software": None}),
        )
    return Path(path)
