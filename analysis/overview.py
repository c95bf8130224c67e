"""What a corpus holds and how much of it needs care: the corpus overview's tables.

``quality_table`` counts the documents every later number depends on: undated
(no time series for them), dated to the month or year only, not in English (per
language), with HTML-like markup in the text (kept as text, never run), flagged
as duplicates, flagged as extraction-suspect (a page whose extracted body is much
shorter than the page), and leading excerpts. ``source_table`` says where the
documents came from (file, format, web domain). Both read columns, not
``attrs``, so they hold after the corpus is filtered.

``choose_period`` picks the bins of a time axis from the span of the dates, so a
one-year corpus is shown by month, not as fractions of a year.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

from analysis.checks import check_choice, require_columns
from analysis.groups import is_other_label, lump_groups

__all__ = ["choose_period", "quality_table", "source_table"]

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ja": "Japanese", "zh": "Chinese",
                  "und": "undetermined"}  # fmt: skip


def _flag(docs: pd.DataFrame, column: str) -> pd.Series | None:
    if column not in docs.columns:
        return None
    return docs[column].astype("boolean").fillna(False).astype(bool)


FLAGS = (
    ("is_duplicate", "flagged as duplicates",
     "copies of an earlier document; the tone, frame and voice reports leave them out"),
    ("is_extraction_suspect", "flagged as extraction-suspect",
     "the extracted body is much shorter than the page: read the text"),
)  # fmt: skip
NOT_RECORDED = "not recorded by this corpus's reader"


def _rows(docs: pd.DataFrame) -> list[tuple[str, int | None, str]]:
    undated = int(docs["published"].isna().sum())
    rows = [("undated", undated, "left out of every time series and before/after comparison")]
    if "published_precision" in docs.columns:
        precision = docs["published_precision"].astype("string")
        for level in ("month", "year"):
            n = int(precision.eq(level).sum())
            rows.append((f"dated to the {level} only", n, "placed on the first day of it"))
    language = docs["language"].astype("string").fillna("und")
    if language.eq("en").all():
        rows.append(("not English", 0, "every document is in English"))
    for code, n in language[language != "en"].value_counts().sort_index().items():
        label = f"not English: {LANGUAGE_NAMES.get(code, code)} ({code})"
        rows.append((label, int(n), "analysed with that language's rules where a measure has them"))
    markup = docs["text"].astype("string").fillna("").str.contains(HTML_TAG, regex=True)
    rows.append(("with HTML-like markup", int(markup.sum()), "kept as text, shown escaped"))
    for column, label, note in FLAGS:
        flag = _flag(docs, column)
        rows.append((label, None, NOT_RECORDED) if flag is None else (label, int(flag.sum()), note))
    if "text_complete" in docs.columns:
        n = int(docs["text_complete"].astype("boolean").eq(False).sum())
        rows.append(("leading excerpts", n, "only the opening of the article is in the corpus"))
    return rows


def quality_table(docs: pd.DataFrame) -> pd.DataFrame:
    """How many documents need care, and why.

    Args:
        docs: A corpus from ``load_corpus`` (any subset of it); not modified.

    Returns:
        One row per check: ``check``, ``n_docs`` (Int64; NA when the corpus's reader does
        not record it), ``docs_share`` (of all documents), ``what it means``.
    """
    require_columns(docs, ["doc_id", "text", "published", "language"], what="quality_table")
    table = pd.DataFrame(_rows(docs), columns=["check", "n_docs", "what it means"])
    table["n_docs"] = table["n_docs"].astype("Int64")
    share = table["n_docs"].astype("Float64") / max(len(docs), 1)
    return table.assign(docs_share=share)[["check", "n_docs", "docs_share", "what it means"]]


def _domain(url: object) -> str:
    if url is None or pd.isna(url) or not str(url).strip():
        return "(no URL)"
    host = urlparse(str(url)).netloc.lower()
    return host.removeprefix("www.") or "(no URL)"


def source_table(docs: pd.DataFrame, *, by: str = "file", top: int = 10) -> pd.DataFrame:
    """Where the documents came from: per source file (and format, when the reader
    records it), or per web domain of ``url`` (the ``top`` largest, the rest pooled).

    Args:
        docs: A corpus from ``load_corpus``; not modified.
        by: ``"file"`` or ``"domain"``.
        top: Domains shown by name.

    Returns:
        ``source_file`` [``source_format``] or ``domain`` ("(no URL)" when missing), then
        ``n_docs``; largest first.
    """
    check_choice("by", by, ("file", "domain"))
    require_columns(docs, ["doc_id", "source_file"], what="source_table")
    if by == "file":
        keys = ["source_file"] + (["source_format"] if "source_format" in docs.columns else [])
        frame = docs[keys].astype("string").fillna("(unknown)")
    else:
        keys = ["domain"]
        urls = docs["url"] if "url" in docs.columns else pd.Series(pd.NA, index=docs.index)
        frame = pd.DataFrame({"doc_id": docs["doc_id"], "domain": [_domain(u) for u in urls]})
        frame = lump_groups(frame, "domain", top=top)[["domain"]]
    counts = frame.value_counts(keys).rename("n_docs").reset_index()
    counts = counts.assign(_other=counts[keys[0]].map(is_other_label))
    order = ["_other", "n_docs", *keys]
    counts = counts.sort_values(order, ascending=[True, False, *[True] * len(keys)])
    return counts.drop(columns="_other").reset_index(drop=True)


def choose_period(dates: pd.Series, *, requested: str = "auto") -> str:
    """The bins of a time axis: ``requested`` unless it is ``"auto"``; then by the span of
    the dates: up to 10 weeks -> week, up to 2 years -> month, up to 12 years -> quarter,
    longer -> year (at most about 50 bins; a one-year corpus gets months)."""
    if requested != "auto":
        return requested
    dated = pd.to_datetime(dates).dropna()
    if dated.empty:
        return "month"
    days = (dated.max() - dated.min()).days
    if days <= 70:
        return "week"
    if days <= 731:
        return "month"
    return "quarter" if days <= 12 * 365 else "year"
