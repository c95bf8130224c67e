"""The corpus schema: columns, aliases, the researcher's own column names, value rules.

``CORPUS_COLUMNS`` is the table every loader returns (docs/design.md, "Corpus"):
``REQUIRED_COLUMNS`` must be in the input (under their name, an alias, or the name
the researcher maps with ``columns=``), ``OPTIONAL_COLUMNS`` default to NA and
``DERIVED_COLUMNS`` are computed by the loader.

``columns`` maps schema names to the input's names, ``{"text": "body", "published":
"date", "outlet": "source"}`` (or the command-line form ``"text=body,published=date"``);
an unknown schema name is an error listing the valid ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.corpus.errors import fail, show

__all__ = [
    "COLUMN_ALIASES",
    "CORPUS_COLUMNS",
    "DERIVED_COLUMNS",
    "MAPPABLE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SOURCE_FORMATS",
    "apply_columns",
    "parse_columns",
]

REQUIRED_COLUMNS = ("doc_id", "text")
OPTIONAL_COLUMNS = tuple(
    "title byline outlet outlet_country published url kind license text_complete event"
    " pair_group".split()
)
DERIVED_COLUMNS = tuple(
    "published_precision published_utc_offset language is_extraction_suspect is_duplicate"
    " duplicate_of duplicate_similarity n_chars source_file source_format".split()
)
CORPUS_COLUMNS = tuple(
    "doc_id title byline text outlet outlet_country published published_precision"
    " published_utc_offset url kind license text_complete language event pair_group"
    " is_extraction_suspect is_duplicate duplicate_of duplicate_similarity n_chars"
    " source_file source_format".split()
)
# The input names each schema column is also read under (an input holding both is an error).
COLUMN_ALIASES = {"id": "doc_id", "headline": "title", "body": "text", "date": "published"}
# What ``columns=`` may map: the input columns (derived ones are computed, never read).
MAPPABLE_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
SOURCE_FORMATS = (
    "jsonl", "csv", "parquet", "pagedump", "html", "nexis_docx", "nexis_txt", "factiva_html",
    "factiva_rtf", "bigkinds", "xlsx", "mediacloud", "dataframe",
)  # fmt: skip

STRING_FIELDS = tuple(c for c in MAPPABLE_COLUMNS if c not in ("published", "text_complete"))
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


def parse_columns(spec: str | Mapping[str, str] | None, *, source: str = "columns") -> dict:
    """The researcher's column mapping as ``{schema name: input name}``.

    Args:
        spec: a mapping, ``"text=body,published=date"`` (the command-line form), or
            None/"" for no mapping.
        source: name used in error messages (``--columns`` on the command line).

    Returns:
        ``{target: input column}``; empty when ``spec`` is empty.

    Raises:
        CorpusError: an unknown schema name (listing the valid ones), a malformed
            pair, an empty name, or two targets read from one input column.
    """
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        return {}
    if isinstance(spec, str):
        pairs = {}
        for part in (p.strip() for p in spec.split(",")):
            if part.count("=") != 1:
                raise fail(
                    source, f"expected TARGET=COLUMN pairs separated by commas, got {part!r}"
                )
            target, column = (s.strip() for s in part.split("="))
            pairs[target] = column
        spec = pairs
    if not isinstance(spec, Mapping):
        raise fail(source, f"expected a mapping of schema names to columns, got {show(spec)}")
    mapping = {}
    for target, column in spec.items():
        if target not in MAPPABLE_COLUMNS:
            valid = ", ".join(MAPPABLE_COLUMNS)
            raise fail(source, f"unknown target {target!r} (valid: {valid})")
        if not isinstance(column, str) or not column.strip():
            raise fail(source, f"empty input column for {target!r}")
        mapping[target] = column.strip()
    used = [c for c in mapping.values() if list(mapping.values()).count(c) > 1]
    if used:
        raise fail(source, f"input column {used[0]!r} mapped to more than one target")
    return mapping


def apply_columns(
    raw: pd.DataFrame, mapping: Mapping[str, str], *, source: str, strict: bool = True
) -> pd.DataFrame:
    """Rename the researcher's input columns to schema names (a new frame).

    Args:
        raw: the input as read.
        mapping: ``{schema name: input column}`` from ``parse_columns``.
        source: file name for messages.
        strict: an input column of the mapping missing from ``raw`` is an error
            (tabular files); False skips it (archive and page readers, whose columns
            are fixed by the format).

    Returns:
        ``raw`` with the mapped columns renamed.

    Raises:
        CorpusError: a mapped column is missing, or the target name is already taken
            by another input column.
    """
    renames = {}
    for target, column in mapping.items():
        if column not in raw.columns:
            if strict:
                found = ", ".join(repr(str(c)) for c in raw.columns[:8]) or "none"
                raise fail(
                    source, f"column {column!r} (mapped to {target!r}) not found (found: {found})"
                )
            continue
        if target in raw.columns and target != column:
            raise fail(
                source, f"both {column!r} (mapped to {target!r}) and {target!r} given; keep one",
                field=target,
            )  # fmt: skip
        renames[column] = target
    return raw.rename(columns=renames)


def rename_aliases(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """Input aliases (``id``, ``headline``, ``body``, ``date``) to schema names; checks required."""
    renames = {}
    for alias, name in COLUMN_ALIASES.items():
        if alias in raw.columns:
            if name in raw.columns:
                raise fail(source, f"both '{alias}' and '{name}' given; keep one", field=name)
            renames[alias] = name
    frame = raw.rename(columns=renames)
    frame.columns = [str(c) for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        found = ", ".join(repr(c) for c in raw.columns) or "none"
        raise fail(
            source,
            f"missing required column(s) {', '.join(map(repr, missing))} (found: {found})",
            field=missing[0],
        )
    return frame


def is_missing(value: object) -> bool:
    """None, NA, NaT or a float NaN."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and np.isnan(value))
    )


def clean_string(value: str) -> str:
    """NFC, LF line ends, no BOM."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.lstrip("\ufeff")


def strings(values: list, field: str, source: str, where: list[str]) -> list:
    """Text cells normalised (``clean_string``); blank -> NA; integer ids -> str; else an error."""
    out = []
    for value, loc in zip(values, where, strict=True):
        if is_missing(value):
            out.append(pd.NA)
        elif isinstance(value, str):
            out.append(clean_string(value) if value.strip() else pd.NA)
        elif (
            field == "doc_id"
            and isinstance(value, int | np.integer)
            and not isinstance(value, bool | np.bool_)
        ):
            out.append(str(value))
        else:
            raise fail(
                source,
                f"expected text, got {type(value).__name__} {show(value)}",
                where=loc,
                field=field,
            )
    return out


def flag(value: object, field: str, source: str, loc: str) -> object:
    """A true/false cell (``true``/``yes``/``1``, ...) as bool; blank -> NA; else an error."""
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return pd.NA
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, str) and value.strip().casefold() in _TRUE | _FALSE:
        return value.strip().casefold() in _TRUE
    if isinstance(value, int | np.integer) and value in (0, 1):
        return bool(value)
    raise fail(source, f"expected true/false, got {show(value)}", where=loc, field=field)
