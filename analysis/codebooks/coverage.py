"""Which documents a codebook can code: those written in a language it has terms for.

A document whose corpus ``language`` is known and is not one of the codebook's
languages (``Codebook.languages``: English, Korean and Japanese for the bundled
codebooks; a Chinese or ``und`` text, or a Korean text with an English-only codebook)
cannot match its terms, so coding it would report "frame absent" when nothing was read.
``analysis.framing`` and ``analysis.terms`` therefore leave such documents out of their
tables and log how many (``split_codable``); shares computed from those tables have only
coded documents in their denominators. Without a ``language`` column, or where it is NA,
a document is coded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd

__all__ = ["CODEBOOK_LANGUAGE", "CODEBOOK_LANGUAGES", "is_codable", "split_codable"]

CODEBOOK_LANGUAGE = "en"  # what a codebook without Korean or Japanese terms covers
CODEBOOK_LANGUAGES = ("en", "ko", "ja")  # what the bundled codebooks cover

log = logging.getLogger(__name__)


def is_codable(docs: pd.DataFrame, *, languages: Iterable[str] = (CODEBOOK_LANGUAGE,)) -> pd.Series:
    """True for each document a codebook with terms in ``languages`` can code.

    Args:
        docs: the corpus; only its ``language`` column is read (when present).
        languages: the codebook's languages (``Codebook.languages``, ``TermList.languages``).

    Returns:
        Boolean Series aligned with ``docs``: False where ``language`` is set and is not
        one of ``languages``.
    """
    if "language" not in docs.columns:
        return pd.Series(True, index=docs.index, dtype=bool)
    language = docs["language"].astype("string")
    return (language.isna() | language.isin(list(languages))).astype(bool)


def split_codable(
    docs: pd.DataFrame, *, what: str, languages: Iterable[str] = (CODEBOOK_LANGUAGE,)
) -> tuple[pd.DataFrame, list]:
    """The codable documents, and the ``doc_id`` of those left out (count logged).

    Args:
        docs: needs ``doc_id``; ``language`` is optional.
        what: what is being coded, for the log line (e.g. ``"frames"``).
        languages: the codebook's languages (default English only).

    Returns:
        ``(codable, uncoded_ids)``: a filtered view of ``docs`` (not a modified copy)
        and the left-out ids in corpus order.
    """
    languages = tuple(languages)
    mask = is_codable(docs, languages=languages)
    if bool(mask.all()):
        return docs, []
    uncoded = docs.loc[~mask, "doc_id"].tolist()
    found = docs.loc[~mask, "language"].astype("string").value_counts().to_dict()
    log.warning(
        "%s: %d document(s) in languages the codebook has no terms for not coded "
        "(languages %s; codebook: %s); they are left out of the table and of every "
        "share's denominator",
        what,
        len(uncoded),
        ", ".join(f"{k}: {v}" for k, v in found.items()),
        ", ".join(languages),
    )
    return docs.loc[mask], uncoded
