"""The explorer's table: one row per sentence with its tone, frames, terms and the
character spans to highlight.

Built on the package's own measures (no second implementation): the sentence scores of
``analysis.sentiment.score_sentences`` (or a sentence table passed in, e.g. one with the
``tone`` / ``tone_drivers`` columns of a multilingual tone model), the codebook matches
of ``analysis.framing.frame_matches`` and the contested-term matches of
``analysis.terms.term_matches`` (every language these functions search, the page shows).
Spans are offsets into the sentence, so the page highlights exactly what matched.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.checks import require_columns

__all__ = ["EXPLORER_COLUMNS", "driver_spans", "explorer_table", "parse_drivers"]

EXPLORER_COLUMNS = [
    "doc_id", "sentence_id", "sentence", "language", "tone", "drivers",
    "frames", "terms", "frame_spans", "term_spans", "driver_spans",
]  # fmt: skip
_DRIVER = re.compile(r"^(?P<word>.+):(?P<value>[+-]\d+(?:\.\d+)?)$")


def parse_drivers(drivers: object) -> list[tuple[str, float]]:
    """``"very good:+0.91; bad:-0.70"`` -> ``[("very good", 0.91), ("bad", -0.70)]``."""
    if not isinstance(drivers, str) or not drivers.strip():
        return []
    out = []
    for part in drivers.split("; "):
        match = _DRIVER.match(part.strip())
        if match:
            out.append((match["word"], float(match["value"])))
    return out


def driver_spans(sentence: str, drivers: object) -> list[tuple[int, int, float]]:
    """Where each driver word stands in ``sentence``: ``(start, end, weight)``, every
    whole-word, case-insensitive occurrence (a phrase's words may be apart: its first
    word is marked)."""
    spans = []
    for word, weight in parse_drivers(drivers):
        for candidate in (word, word.split()[0]):
            found = list(re.finditer(rf"(?<!\w){re.escape(candidate)}(?!\w)", sentence, re.I))
            if found:
                spans += [(m.start(), m.end(), weight) for m in found]
                break
    return sorted(set(spans))


def _sentence_spans(
    sentences: pd.DataFrame, matches: pd.DataFrame, label: str
) -> dict[tuple, list[tuple[int, int, str]]]:
    """Document-offset matches -> sentence-offset spans keyed by (doc_id, sentence_id)."""
    out: dict[tuple, list] = {}
    if matches.empty:
        return out
    bounds = {
        doc_id: (part["start"].to_numpy(), part["end"].to_numpy(), part["sentence_id"].to_numpy())
        for doc_id, part in sentences.groupby("doc_id", sort=False)
    }
    for doc_id, start, end, name in matches[["doc_id", "start", "end", label]].itertuples(
        index=False
    ):
        if doc_id not in bounds:
            continue
        starts, ends, ids = bounds[doc_id]
        i = int(np.searchsorted(starts, start, side="right")) - 1
        if i < 0 or start >= ends[i]:
            continue
        offset = int(starts[i])
        span = (int(start) - offset, min(int(end), int(ends[i])) - offset, str(name))
        out.setdefault((doc_id, int(ids[i])), []).append(span)
    return out


def _scores(docs: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    if sentences is None:
        from analysis.sentiment import score_sentences  # scoring imports TextBlob/VADER

        sentences = score_sentences(docs)
    require_columns(
        sentences, ["doc_id", "sentence_id", "sentence", "start", "end"], what="sentences"
    )
    tone = "tone" if "tone" in sentences.columns else "vader_compound"
    # tone's own drivers (leave-one-word-out) are computed only when asked for; without
    # them the page highlights VADER's words and says so (attrs["drivers_column"])
    computed = sentences.get("tone_drivers", pd.Series(dtype=object)).astype(object).fillna("")
    drivers = "tone_drivers" if computed.astype(str).str.len().gt(0).any() else "vader_drivers"
    table = sentences.assign(
        tone=sentences[tone] if tone in sentences.columns else np.nan,
        drivers=sentences[drivers] if drivers in sentences.columns else "",
    )
    if "language" not in table.columns:
        table["language"] = table["doc_id"].map(docs.set_index("doc_id")["language"])
    table.attrs["tone_column"] = tone if tone in sentences.columns else None
    table.attrs["drivers_column"] = drivers if drivers in sentences.columns else None
    return table


def explorer_table(
    docs: pd.DataFrame,
    *,
    codebook: str | Path = "kj_frames",
    terms: str | Path = "contested_terms",
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per sentence of ``docs`` with what the explorer shows and highlights.

    Args:
        docs: the corpus (``load_corpus``); not modified.
        codebook: frame codebook name or path.
        terms: contested-terms list name or path.
        sentences: sentence scores if already computed (``score_sentences`` columns, or
            any table with ``doc_id``, ``sentence_id``, ``sentence``, ``start``, ``end``
            and ``tone``/``tone_drivers`` or ``vader_compound``/``vader_drivers``).

    Returns:
        ``doc_id``, ``sentence_id``, ``sentence``, ``language``, ``tone`` (float, NaN when
        not scored), ``drivers`` (the drivers string), ``frames`` and ``terms`` (sorted
        lists of the frames / "referent: variant" labels matched in the sentence),
        ``frame_spans`` / ``term_spans`` (lists of ``(start, end, label)``),
        ``driver_spans`` (``(start, end, weight)``), offsets into ``sentence``.
        ``attrs["tone_column"]``: the score shown as tone; ``attrs["drivers_column"]``:
        whose driver words are highlighted (``tone_drivers`` when computed, else
        ``vader_drivers``).
    """
    from analysis.framing import frame_matches
    from analysis.terms import term_matches

    require_columns(docs, ["doc_id", "text"], what="docs")
    table = _scores(docs, sentences)
    found_frames = frame_matches(docs, codebook, sentences=table)
    found_terms = term_matches(docs, terms)
    found_terms = found_terms.assign(label=found_terms["referent"] + ": " + found_terms["variant"])
    frame_spans = _sentence_spans(table, found_frames, "frame")
    term_spans = _sentence_spans(table, found_terms, "label")
    keys = list(zip(table["doc_id"], table["sentence_id"].astype(int), strict=True))
    out = table[["doc_id", "sentence_id", "sentence", "language", "tone", "drivers"]].copy()
    out["frame_spans"] = [frame_spans.get(k, []) for k in keys]
    out["term_spans"] = [term_spans.get(k, []) for k in keys]
    out["frames"] = [sorted({s[2] for s in spans}) for spans in out["frame_spans"]]
    out["terms"] = [sorted({s[2] for s in spans}) for spans in out["term_spans"]]
    out["driver_spans"] = [
        driver_spans(s, d) for s, d in zip(out["sentence"], out["drivers"], strict=True)
    ]
    out = out[EXPLORER_COLUMNS].reset_index(drop=True)
    out.attrs["tone_column"] = table.attrs["tone_column"]
    out.attrs["drivers_column"] = table.attrs["drivers_column"]
    return out
