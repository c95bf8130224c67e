"""The explorer page: one self-contained HTML file, script and data inline.

Same discipline as the reports (analysis/report/export.py): nothing is loaded from
anywhere. The Content-Security-Policy allows no source at all except the page's own
script and stylesheet, named by their sha256 hash (``script-src 'sha256-...'``), so an
injected ``<script>`` or ``onerror=`` attribute could not run even if it reached the
DOM. It cannot: the data travel as JSON in a ``<script type="application/json">``
block (every ``<`` written ``\\u003c``, so no text can close it), and the page's script
builds every element with ``textContent``, never ``innerHTML``.

The data are columnar (one array per field, documents stored once and referenced by
index), so 50,000 sentences are a few MB that the browser parses once; the page
filters them in one pass per change and draws only the first ``PAGE_SIZE`` rows
(docs/explorer.md has the measured times).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from importlib import resources

import pandas as pd

from analysis.checks import require_columns
from analysis.display import escape_text

__all__ = ["explorer_html", "explorer_payload"]

DOC_FIELDS = ["doc_id", "title", "outlet", "outlet_country", "kind", "language", "published", "url"]
PAGE_SIZE = 100


def _asset(name: str) -> str:
    return (resources.files("analysis") / "templates" / "explorer" / name).read_text("utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _index(values: list[str]) -> tuple[list[str], dict[str, int]]:
    names = sorted(set(values))
    return names, {name: i for i, name in enumerate(names)}


def utf16_spans(text: str, spans: list) -> list[list]:
    """Spans in code points (Python) as spans in UTF-16 code units (JavaScript strings):
    they differ after a character outside the Basic Multilingual Plane (an emoji, a rare
    kanji), which JavaScript counts twice."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return [list(span) for span in spans]
    units = [0]
    for ch in text:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return [[units[a], units[b], *rest] for a, b, *rest in spans]


def explorer_payload(table: pd.DataFrame, docs: pd.DataFrame, *, title: str) -> dict:
    """The page's data: documents once, sentences as columns referring to them.

    Args:
        table: ``explorer_table`` output.
        docs: the corpus (for the document fields ``DOC_FIELDS`` that it has).
        title: shown as the page heading.

    Returns:
        A JSON-ready dict: ``title``, ``tone_column``, ``docs`` (field -> list),
        ``frames`` and ``terms`` (label lists), ``s`` (sentence field -> list: ``doc``,
        ``sid``, ``text``, ``lang``, ``tone``, ``frames``, ``terms``, ``fspans``, ``tspans``,
        ``dspans``; spans as ``[start, end, label index or weight]``).
    """
    require_columns(docs, ["doc_id"], what="docs")
    kept = docs[docs["doc_id"].isin(set(table["doc_id"]))].reset_index(drop=True)
    doc_index = {doc_id: i for i, doc_id in enumerate(kept["doc_id"])}
    doc_columns = {
        field: [_text(v) for v in kept[field]] if field in kept.columns else [""] * len(kept)
        for field in DOC_FIELDS
    }
    frames, frame_id = _index([f for spans in table["frame_spans"] for *_, f in spans])
    terms, term_id = _index([t for spans in table["term_spans"] for *_, t in spans])
    tone = [None if pd.isna(v) else round(float(v), 4) for v in table["tone"]]
    sentences = {
        "doc": [doc_index[d] for d in table["doc_id"]],
        "sid": [int(v) for v in table["sentence_id"]],
        "text": [str(v) for v in table["sentence"]],
        "lang": [_text(v) for v in table["language"]],
        "tone": tone,
        "frames": [[frame_id[f] for f in fs] for fs in table["frames"]],
        "terms": [[term_id[t] for t in ts] for ts in table["terms"]],
    }
    texts = table["sentence"].astype(str).tolist()
    spans = {
        "fspans": [[(a, b, frame_id[f]) for a, b, f in sp] for sp in table["frame_spans"]],
        "tspans": [[(a, b, term_id[t]) for a, b, t in sp] for sp in table["term_spans"]],
        "dspans": [[(a, b, round(w, 2)) for a, b, w in sp] for sp in table["driver_spans"]],
    }
    for name, rows in spans.items():
        sentences[name] = [utf16_spans(t, sp) for t, sp in zip(texts, rows, strict=True)]
    return {
        "title": title,
        "tone_column": table.attrs.get("tone_column") or "tone",
        "drivers_column": table.attrs.get("drivers_column") or "",
        "page_size": PAGE_SIZE,
        "docs": doc_columns,
        "frames": frames,
        "terms": terms,
        "s": sentences,
    }


def _json_block(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def explorer_html(
    table: pd.DataFrame, docs: pd.DataFrame, *, title: str = "Sentence explorer"
) -> str:
    """Return the explorer page for ``table`` (``explorer_table``) and its ``docs``.

    Returns:
        The HTML document: inline stylesheet, data block and script, under a
        Content-Security-Policy that allows only those (by hash).
    """
    script, style = _asset("explorer.js"), _asset("explorer.css")
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"script-src 'sha256-{_sha256(script)}'; style-src 'sha256-{_sha256(style)}'"
    )
    data = _json_block(explorer_payload(table, docs, title=title))
    heading = escape_text(title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<header><h1 id="kj-title">{heading}</h1><p id="kj-status">Loading…</p></header>\n'
        "<noscript><p>The explorer needs JavaScript (it runs only inside this page)."
        "</p></noscript>\n"
        '<section id="kj-filters" aria-label="filters"></section>\n'
        '<p class="kj-legend"><mark class="kj-frame">frame match</mark> '
        '<mark class="kj-term">contested term</mark> <mark class="kj-pos">positive</mark> / '
        '<mark class="kj-neg">negative</mark> word that moved the score (whose: see the '
        "status line); hover a mark for its label; a "
        "title opens the document.</p>\n"
        '<main><table id="kj-rows"><thead><tr><th>source</th><th>sentence</th><th>tone</th>'
        "<th>frames and terms</th></tr></thead><tbody></tbody></table>\n"
        '<p><button id="kj-more" type="button" hidden>Show more</button></p></main>\n'
        '<aside id="kj-doc" hidden aria-label="document"></aside>\n'
        f'<script id="kj-data" type="application/json">{data}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
