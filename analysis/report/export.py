"""Executed notebook -> one self-contained HTML file.

nbconvert with the ``kj_report`` template (``analysis/templates``): figures are
embedded as base64 PNG, no script or style is loaded from the network (a
Content-Security-Policy forbids it as well), code cells are collapsed in a
``<details>`` that needs no JavaScript, HTML outputs pass an allow-list
sanitizer, and a provenance block closes the page.
"""

from __future__ import annotations

import base64
import re

import bleach
import nbformat
from bleach.css_sanitizer import CSSSanitizer
from nbconvert import HTMLExporter

from analysis import config
from analysis.display import escape_text

TEMPLATE_NAME = "kj_report"
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "style"],
    "a": ["href", "name"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
    "table": ["border"],
}
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Noto Sans CJK KR", "Noto Sans CJK JP", "Apple SD Gothic Neo", "Hiragino Sans",
  "Malgun Gothic", "Yu Gothic", sans-serif; }
.kj-banner { padding: 0.5em 1em; margin: 0 0 1em; background: #f3f3f3; font-size: 0.85em; }
.kj-code > summary { cursor: pointer; color: #777; font-size: 0.8em; padding-left: 1em; }
.kj-provenance { margin: 2em 1em 1em; padding: 0.5em 1em; border-top: 1px solid #ccc;
  font-size: 0.85em; color: #333; }
.kj-provenance dt { font-weight: bold; float: left; clear: left; width: 11em; }
.kj-provenance dd { margin-left: 12em; overflow-wrap: anywhere; }
.kj-note { color: #555; font-size: 0.85em; }
.kj-block table.kj-table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0;
  table-layout: auto; }
.kj-block .kj-table caption { caption-side: top; text-align: left; font-weight: bold;
  padding: 0.3em 0; }
.jp-RenderedHTMLCommon .kj-block .kj-table th,
.jp-RenderedHTMLCommon .kj-block .kj-table td {
  border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left;
  vertical-align: top; max-width: 40em; overflow-wrap: break-word; word-break: normal; }
.jp-RenderedHTMLCommon .kj-block .kj-table th { white-space: nowrap; }
.jp-RenderedHTMLCommon .kj-block .kj-table td.kj-num { text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
.jp-RenderedHTMLCommon .kj-block .kj-table td.kj-left { text-align: right; }
.kj-text { white-space: pre-wrap; font-family: inherit; background: #f7f7f7; padding: 0.5em; }
.kj-finding { border-left: 4px solid #0072B2; padding: 0.3em 0.8em; background: #f2f7fb; }
.kj-limit { border-left: 4px solid #999999; padding: 0.3em 0.8em; color: #444; }
.kj-policy { font-size: 0.9em; color: #333; border: 1px solid #ddd; padding: 0.4em 0.8em; }
"""
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


def _allowed_src(tag: str, name: str, value: str) -> bool:
    if name in {"src"}:
        return value.startswith("data:image/")
    if name == "href":
        return value.startswith("#")
    return name in ALLOWED_ATTRIBUTES.get(tag, []) or name in ALLOWED_ATTRIBUTES["*"]


def clean_html(markup: str) -> str:
    """Return ``markup`` with only layout tags kept: scripts, event handlers, forms,
    ``<style>`` blocks and links or images to anything but in-page anchors and data URIs
    are removed or shown as text.
    """
    without_style = _STYLE_BLOCK.sub("", str(markup))
    return bleach.clean(
        without_style,
        tags=ALLOWED_TAGS,
        attributes=_allowed_src,
        protocols={"data"},
        css_sanitizer=CSSSanitizer(),
        strip=False,
    )


def _base64(text: str) -> str:
    return base64.b64encode(str(text).encode("utf-8")).decode("ascii")


def _definition_list(items: dict[str, object]) -> str:
    rows = "".join(
        f"<dt>{escape_text(key)}</dt><dd>{escape_text(value)}</dd>" for key, value in items.items()
    )
    return f"<dl>{rows}</dl>"


def format_parameters(parameters: dict[str, object]) -> str:
    """Return ``key=value, ...`` (repr of each value), or ``defaults`` when empty."""
    return ", ".join(f"{k}={v!r}" for k, v in parameters.items()) or "defaults"


def provenance_html(provenance: dict) -> str:
    """Return the escaped provenance block (corpus hash, parameters, versions, commit, time)."""
    versions = ", ".join(f"{k} {v}" for k, v in provenance["versions"].items())
    items = {
        "notebook": provenance["notebook"],
        "parameters": format_parameters(provenance["parameters"]),
        "corpus": provenance["corpus_path"],
        "corpus sha256": provenance["corpus_sha256"],
        "codebooks sha256": provenance["codebooks_sha256"],
        "package versions": versions,
        "requirements.lock sha256": provenance.get("lock_sha256", "not recorded"),
        "git commit": provenance["git_commit"],
        "rendered (UTC)": provenance["rendered_utc"],
        "input hash": provenance["input_hash"],
    }
    return (
        '<section id="provenance" class="kj-provenance tex2jax_ignore mathjax_ignore">'
        f"<h2>Provenance</h2>{_definition_list(items)}</section>"
    )


def banner_html(title: str, provenance: dict) -> str:
    """Return the escaped one-line header: title, parameters, time, link to provenance."""
    return (
        f"<strong>{escape_text(title)}</strong> · parameters: "
        f"{escape_text(format_parameters(provenance['parameters']))} · rendered "
        f"{escape_text(provenance['rendered_utc'])} UTC · "
        '<a href="#provenance">provenance</a>'
    )


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """Return the text of the notebook's first markdown heading, or ``default``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip() or default
    return default


def _png_only(nb: nbformat.NotebookNode) -> None:
    """Drop the SVG copy of a figure that also has a PNG (the kernel makes both for
    ``report --export``; the page embeds the PNG, as before)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and "image/svg+xml" in data:
                del data["image/svg+xml"]


def export_html(nb: nbformat.NotebookNode, *, title: str, provenance: dict) -> str:
    """Return the self-contained HTML page of an executed notebook.

    Args:
        nb: the executed notebook (not modified).
        title: page title (escaped by the template).
        provenance: the record built by the runner (see ``provenance_html``).

    Returns:
        The HTML document as a string.
    """
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    _png_only(nb)
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(config.TEMPLATE_DIR)],
        embed_images=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_filter("kj_clean_html", clean_html)
    exporter.register_filter("kj_base64", _base64)
    resources = {
        "kj_css": CSS,
        "kj_banner": banner_html(title, provenance),
        "kj_provenance": provenance_html(provenance),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body
