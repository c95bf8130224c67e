"""Which documents a codebook can code: the bundled codebooks are English word lists.

A document whose corpus ``language`` is known and is not ``en`` (Korean, Japanese,
``und`` ...) cannot match an English term, so coding it would report "frame absent"
when nothing was read. ``analysis.framing`` and ``analysis.terms`` therefore leave such
documents out of their tables and log how many (``split_codable``); shares computed from
those tables have only coded documents in their denominators. Without a ``language``
column, or where it is NA, a document is coded.
"""

from __future__ import annotations

import logging

import pandas as pd

__all__ = ["CODEBOOK_LANGUAGE", "is_codable", "split_codable"]

CODEBOOK_LANGUAGE = "en"

log = logging.getLogger(__name__)


def is_codable(docs: pd.DataFrame) -> pd.Series:
    """True for each document an English codebook can code.

    Args:
        docs: the corpus; only its ``language`` column is read (when present).

    Returns:
        Boolean Series aligned with ``docs``: False where ``language`` is set and is not
        ``"en"``.
    """
    if "language" not in docs.columns:
        return pd.Series(True, index=docs.index, dtype=bool)
    language = docs["language"].astype("string")
    return (language.isna() | (language == CODEBOOK_LANGUAGE)).astype(bool)


def split_codable(docs: pd.DataFrame, *, what: str) -> tuple[pd.DataFrame, list]:
    """The codable documents, and the ``doc_id`` of those left out (count logged).

    Args:
        docs: needs ``doc_id``; ``language`` is optional.
        what: what is being coded, for the log line (e.g. ``"frames"``).

    Returns:
        ``(codable, uncoded_ids)``: a filtered view of ``docs`` (not a modified copy)
        and the left-out ids in corpus order.
    """
    mask = is_codable(docs)
    if bool(mask.all()):
        return docs, []
    uncoded = docs.loc[~mask, "doc_id"].tolist()
    languages = docs.loc[~mask, "language"].astype("string").value_counts().to_dict()
    log.warning(
        "%s: %d non-English document(s) not coded (languages %s); they are left out of "
        "the table and of every share's denominator",
        what,
        len(uncoded),
        ", ".join(f"{k}: {v}" for k, v in languages.items()),
    )
    return docs.loc[mask], uncoded
