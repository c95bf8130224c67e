"""Codebooks are data: one validating loader for every YAML codebook, and compiled matchers.

A codebook is a YAML mapping whose list key (``frames`` for frame codebooks) holds one
mapping per entry. ``load_yaml_entries`` (``schema``) validates any such file against a
schema and names the bad entry and field in a one-line ``CodebookError``;
``load_codebook`` (``frames``) builds a frame ``Codebook`` on top of it; ``matcher``
holds the term syntax (``term_pattern``) and the one-pass ``TermMatcher``; ``coverage``
says which documents a codebook can code (those in its languages) (``is_codable``). See
data/codebooks/README.md for the file format, term syntax and counting rules.
"""

from analysis.codebooks.coverage import (
    CODEBOOK_LANGUAGE,
    CODEBOOK_LANGUAGES,
    is_codable,
    split_codable,
)
from analysis.codebooks.frames import (
    Codebook,
    Frame,
    list_codebooks,
    load_codebook,
    resolve_codebook_path,
)
from analysis.codebooks.matcher import TermMatcher, has_cjk, nfkc_with_offsets, term_pattern
from analysis.codebooks.schema import (
    LANGUAGES,
    CodebookError,
    TermSet,
    load_yaml_entries,
    read_term_sets,
    validate_entry,
)

__all__ = [
    "CODEBOOK_LANGUAGE",
    "CODEBOOK_LANGUAGES",
    "LANGUAGES",
    "TermSet",
    "has_cjk",
    "nfkc_with_offsets",
    "read_term_sets",
    "Codebook",
    "CodebookError",
    "Frame",
    "is_codable",
    "TermMatcher",
    "list_codebooks",
    "load_codebook",
    "load_yaml_entries",
    "resolve_codebook_path",
    "split_codable",
    "term_pattern",
    "validate_entry",
]
