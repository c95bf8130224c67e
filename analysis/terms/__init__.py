"""Contested terminology: which name a text uses for a disputed referent, and how.

A terms file (``data/codebooks/contested_terms.yaml``) groups the variants naming the
same referent (Dokdo / Takeshima / Liancourt Rocks) with the side that characteristically
uses each, in English, Korean and Japanese (독도 / 다케시마; 独島 / 竹島), and the evidence
for each side. Counting the variants per outlet or publisher country shows whose
vocabulary a text adopts. Matching uses the codebook term syntax (``analysis.codebooks``)
on NFKC-normalised text.

A variant counts as the text's own choice only when it is used, not when it is glossed
("Dokdo, which Japan calls Takeshima") or quoted: every mention carries ``usage`` = own |
gloss | quote (``analysis.terms.usage``), and ``count_term_variants`` counts own uses by
default. A referent with a ``context`` (the leaders' meeting: summit / informal talk)
counts only in sentences naming both Korea and Japan.

Documents whose ``language`` is set and is not one the file has terms for are not
searched (``analysis.codebooks.split_codable``; the count is logged).
"""

from analysis.terms.command import register
from analysis.terms.counting import (
    COUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    TERM_MATCH_COLUMNS,
    count_term_variants,
    count_terms_by_document,
    summarise_mentions,
    term_examples,
    term_matches,
)
from analysis.terms.termlist import SIDES, TermList, Variant, load_terms
from analysis.terms.usage import USAGES, classify_usage, sentence_bounds

__all__ = [
    "COUNT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "SIDES",
    "TERM_MATCH_COLUMNS",
    "USAGES",
    "TermList",
    "Variant",
    "classify_usage",
    "count_term_variants",
    "count_terms_by_document",
    "load_terms",
    "register",
    "sentence_bounds",
    "summarise_mentions",
    "term_examples",
    "term_matches",
]
