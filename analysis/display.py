"""Safe display of tables and text in notebooks and HTML reports.

Corpus text comes from scrapers and is untrusted. Everything shown through this
module is HTML-escaped: a title such as ``<script>alert(1)</script>``, an
``<img onerror=...>`` attribute, a stray ``</table>``, markdown ``**x**`` or
LaTeX ``$x$`` appears as literal text, never as markup, code or math. ``$`` is
written as ``&#36;`` and every block carries the ``tex2jax_ignore`` /
``mathjax_ignore`` classes so MathJax (JupyterLab, classic notebook) leaves it
alone.

Use ``show_table`` instead of displaying a DataFrame directly, ``show_text``
for a passage and ``show_kwic`` for keyword-in-context lines. In a notebook each
of them shows its block at once, wherever it stands in the cell (two tables in
one cell both appear), and returns the ``HTML`` object (its ``.data`` is the
markup); the object is not shown a second time when it is the cell's last line.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from numbers import Integral, Number

import pandas as pd
from IPython import get_ipython
from IPython.display import HTML, display

NO_MATH = "tex2jax_ignore mathjax_ignore"
KWIC_COLUMNS = ("left", "keyword", "right")

# One small stylesheet per block; scoped by class so it cannot leak into the page.
_STYLE = (
    "<style>"
    ".kj-table{border-collapse:collapse;font-size:0.9em;margin:0.5em 0}"
    ".kj-table caption{caption-side:top;text-align:left;font-weight:bold;padding:0.3em 0}"
    ".kj-table th,.kj-table td{border-bottom:1px solid #ddd;padding:0.25em 0.6em;"
    "text-align:left;vertical-align:top;max-width:40em;overflow-wrap:anywhere}"
    ".kj-table td.kj-num{text-align:right;font-variant-numeric:tabular-nums}"
    ".kj-table td.kj-left{text-align:right}"
    ".kj-note{color:#555;font-size:0.85em}"
    ".kj-text{white-space:pre-wrap;font-family:inherit;background:#f7f7f7;padding:0.5em}"
    ".kj-finding{border-left:4px solid #0072B2;padding:0.3em 0.8em;background:#f2f7fb}"
    ".kj-limit{border-left:4px solid #999999;padding:0.3em 0.8em;color:#444}"
    ".kj-policy{font-size:0.9em;color:#333;border:1px solid #ddd;padding:0.4em 0.8em}"
    "</style>"
)


class ShownHTML(HTML):
    """An ``HTML`` block displayed when it is created (inside IPython).

    IPython calls ``_ipython_display_`` both for ``display(obj)`` and for a cell's
    last expression; within the cell that created it the block is already shown,
    so it is skipped there and shown again only when displayed from a later cell.
    """

    def __init__(self, data: str, *, csv: str | None = None, caption: str | None = None) -> None:
        super().__init__(data)
        self._csv, self._caption = csv, caption
        shell = get_ipython()
        self._cell = getattr(shell, "execution_count", None)
        if shell is not None:
            self._show()

    def _show(self) -> None:
        if self._csv is None:
            display(HTML(self.data))
            return
        # The whole table as CSV beside the HTML: `report --export` writes it to a file;
        # HTML exports ignore the text/csv type.
        bundle = {"text/html": self.data, "text/csv": self._csv}
        display(bundle, raw=True, metadata={"kj": {"caption": self._caption or ""}})

    def _ipython_display_(self) -> None:
        shell = get_ipython()
        if shell is None or getattr(shell, "execution_count", None) != self._cell:
            self._show()


def escape_text(value: object) -> str:
    """Return ``value`` as text safe to place in HTML element content or attributes.

    Escapes ``& < > " '`` and writes ``$`` as ``&#36;`` so it is never read as math.
    """
    return html.escape(str(value), quote=True).replace("$", "&#36;")


def format_value(value: object, *, float_format: str | Callable[[float], str] = "{:.3f}") -> str:
    """Return the display string of one cell (not yet escaped).

    Missing values show as ``NA``; floats use ``float_format`` (a format string or a
    callable); timestamps at midnight show as a date. A negative value that rounds
    to zero shows without its sign (``-0.0001`` -> ``0.000``, never ``-0.000``).
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return "NA"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, bool) or not isinstance(value, Number):
        return str(value)
    if isinstance(value, Integral):
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return "NA"
    if callable(float_format):
        return float_format(number)
    text = float_format.format(number)
    mantissa = text.lower().split("e")[0]
    if math.isfinite(number) and "-" in mantissa and not any(c in "123456789" for c in mantissa):
        text = float_format.format(0.0)  # a value that rounds to zero is never "-0.000"
    return text


def _is_numeric(value: object) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def _header_row(labels: list[str]) -> str:
    cells = "".join(f"<th>{escape_text(label)}</th>" for label in labels)
    return f"<tr>{cells}</tr>"


def _body_rows(rows: pd.DataFrame, *, index: bool, float_format) -> str:
    lines = []
    for label, row in zip(rows.index, rows.itertuples(index=False, name=None), strict=True):
        cells = [f"<th>{escape_text(format_value(label))}</th>"] if index else []
        for value in row:
            css = ' class="kj-num"' if _is_numeric(value) else ""
            text = escape_text(format_value(value, float_format=float_format))
            cells.append(f"<td{css}>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(lines)


def table_html(
    df: pd.DataFrame,
    *,
    caption: str | None = None,
    max_rows: int = 20,
    float_format: str | Callable[[float], str] = "{:.3f}",
    index: bool | None = None,
) -> str:
    """Return ``df`` as an escaped HTML table string (see ``show_table``)."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"show_table needs a DataFrame, got {type(df).__name__}")
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, got {max_rows}")
    if index is None:
        index = df.index.name is not None or not pd.api.types.is_integer_dtype(df.index.dtype)
    shown = df.head(max_rows)
    labels = ([str(df.index.name or "")] if index else []) + [str(c) for c in df.columns]
    parts = [f'<div class="kj-block {NO_MATH}">', _STYLE, '<table class="kj-table">']
    if caption:
        parts.append(f"<caption>{escape_text(caption)}</caption>")
    parts.append(f"<thead>{_header_row(labels)}</thead>")
    parts.append(f"<tbody>{_body_rows(shown, index=index, float_format=float_format)}</tbody>")
    parts.append("</table>")
    if len(df) > len(shown):
        parts.append(f'<p class="kj-note">Showing {len(shown)} of {len(df)} rows.</p>')
    elif len(df) == 0:
        parts.append('<p class="kj-note">No rows.</p>')
    parts.append("</div>")
    return "\n".join(parts)


def show_table(
    df: pd.DataFrame,
    *,
    caption: str | None = None,
    max_rows: int = 20,
    float_format: str | Callable[[float], str] = "{:.3f}",
    index: bool | None = None,
) -> HTML:
    """Display a DataFrame as an HTML table in which every piece of text is escaped.

    Args:
        df: the table; not modified.
        caption: text above the table (escaped like everything else).
        max_rows: show at most this many rows, then a "Showing n of N rows" note.
        float_format: format string (``"{:.2f}"``) or callable for float cells.
        index: show the index as the first column; default: when it is named or not
            integer (a row number left over from sorting or filtering is not shown).

    Returns:
        An ``IPython.display.HTML`` object (already displayed inside IPython); the
        table's columns are those of ``df``.
    """
    markup = table_html(
        df, caption=caption, max_rows=max_rows, float_format=float_format, index=index
    )
    if index is None:
        index = df.index.name is not None or not pd.api.types.is_integer_dtype(df.index.dtype)
    whole = df.reset_index() if index else df
    return ShownHTML(markup, csv=whole.to_csv(index=False, lineterminator="\n"), caption=caption)


def show_text(text: object, *, max_chars: int | None = 2000) -> HTML:
    """Display a passage of untrusted text as escaped, wrapped plain text.

    Args:
        text: the passage; ``None``/NA shows as ``NA``.
        max_chars: cut longer passages with an ellipsis; ``None`` shows everything.

    Returns:
        An ``IPython.display.HTML`` object.
    """
    value = format_value(text)
    if max_chars is not None and len(value) > max_chars:
        value = value[:max_chars] + " …"
    body = f'<pre class="kj-text">{escape_text(value)}</pre>'
    return ShownHTML(f'<div class="kj-block {NO_MATH}">{_STYLE}{body}</div>')


def _kwic_row(row: pd.Series, extra: list[str]) -> str:
    cells = [f"<td>{escape_text(format_value(row[c]))}</td>" for c in extra]
    cells.append(f'<td class="kj-left">{escape_text(format_value(row["left"]))}</td>')
    cells.append(f"<td><strong>{escape_text(format_value(row['keyword']))}</strong></td>")
    cells.append(f"<td>{escape_text(format_value(row['right']))}</td>")
    return "<tr>" + "".join(cells) + "</tr>"


def show_kwic(df: pd.DataFrame, *, caption: str | None = None, max_rows: int = 20) -> HTML:
    """Display keyword-in-context lines: left context right-aligned, keyword in bold.

    Args:
        df: needs columns ``left``, ``keyword``, ``right``; any other columns
            (``doc_id``, ``sentence_id``, ...) are shown before them. Not modified.
        caption: text above the table.
        max_rows: show at most this many lines.

    Returns:
        An ``IPython.display.HTML`` object.
    """
    missing = [c for c in KWIC_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"show_kwic: missing columns {missing}; found {list(df.columns)}")
    extra = [c for c in df.columns if c not in KWIC_COLUMNS]
    rows = "\n".join(_kwic_row(row, extra) for _, row in df.head(max_rows).iterrows())
    parts = [f'<div class="kj-block {NO_MATH}">', _STYLE, '<table class="kj-table">']
    if caption:
        parts.append(f"<caption>{escape_text(caption)}</caption>")
    parts.append(f"<thead>{_header_row([*extra, *KWIC_COLUMNS])}</thead><tbody>{rows}</tbody>")
    parts.append("</table>")
    if len(df) > max_rows:
        parts.append(f'<p class="kj-note">Showing {max_rows} of {len(df)} lines.</p>')
    parts.append("</div>")
    return ShownHTML("\n".join(parts))


FINDING_CLASS = "kj-finding"
LIMIT_CLASS = "kj-limit"
POLICY_CLASS = "kj-policy"


def _paragraph(css: str, label: str, text: object) -> HTML:
    body = f'<p class="{css}"><strong>{escape_text(label)}</strong> {escape_text(text)}</p>'
    return ShownHTML(f'<div class="kj-block {NO_MATH}">{_STYLE}{body}</div>')


def show_finding(text: object) -> HTML:
    """Display a finding computed from the numbers (``analysis.findings``), escaped, as a
    paragraph of class ``kj-finding`` headed "Finding:"."""
    return _paragraph(FINDING_CLASS, "Finding:", text)


def show_limit(text: object) -> HTML:
    """Display what a section cannot show and why (``analysis.findings.cannot_show``), as
    a paragraph of class ``kj-limit`` headed "Not shown:"."""
    return _paragraph(LIMIT_CLASS, "Not shown:", text)


def show_policy(text: object) -> HTML:
    """Display the report's small-sample rule (``analysis.sample_policy.policy_note``)."""
    return _paragraph(POLICY_CLASS, "Small samples:", text)
