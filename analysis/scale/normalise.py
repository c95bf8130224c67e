"""Per-chunk validation and normalisation for the chunked ingest.

Thin adapter over the corpus loader (``analysis.corpus``): a chunk of raw rows
becomes a frame with the corpus schema of docs/design.md, with the loader's
one-line errors (file, row, field). Row numbers are 1-based data rows of the
whole input file, so an error in chunk 20 names the row in the file.

Differences from ``load_corpus`` that chunking forces, documented here:
duplicate ``doc_id`` values are detected across chunks (via ``seen``), but
near-duplicate texts are only flagged within a chunk — run
``analysis.corpus.flag_duplicates`` on the store if you need them corpus-wide.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

_ROW = re.compile(r"\brow (\d+)\b")


def normalise_chunk(
    raw: pd.DataFrame, *, source: str | os.PathLike, first_row: int, seen: dict[str, str]
) -> pd.DataFrame:
    """Validate and normalise one chunk of raw input rows.

    Args:
        raw: the chunk as read (strings); not modified.
        source: input file the chunk came from (named in errors; its name is
            the ``source_file`` value, as with ``load_corpus``).
        first_row: 1-based row number of the chunk's first row in ``source``.
        seen: ``{doc_id: "file row N"}`` of earlier chunks; updated in place with
            this chunk's ids (it is the ingest's running state, not user data).

    Returns:
        The corpus columns of ``analysis.corpus.CORPUS_COLUMNS`` (doc_id, title,
        text, outlet, outlet_country, published, ..., n_chars, source_file)
        followed by any extra input columns.

    Raises:
        CorpusError: one line naming the file, the row in the whole file and the field.
    """
    from analysis.corpus import CorpusError, validate_corpus

    source = Path(source)
    try:
        fmt = source.suffix.lstrip(".").lower() or "dataframe"
        frame = validate_corpus(raw, source=source.name, source_format=fmt)
    except CorpusError as exc:
        raise CorpusError(_shift_rows(str(exc), first_row - 1)) from None
    frame.attrs = {}
    check_seen(frame["doc_id"].tolist(), source=source, first_row=first_row, seen=seen)
    return frame


def _shift_rows(message: str, offset: int) -> str:
    """Turn chunk-relative ``row N`` in a loader message into the row of the whole file."""
    return _ROW.sub(lambda m: f"row {int(m.group(1)) + offset}", message)


def check_seen(doc_ids: list[str], *, source: Path, first_row: int, seen: dict[str, str]) -> None:
    """Raise CorpusError on an id already in ``seen`` (earlier chunks); add the new ids."""
    from analysis.corpus import CorpusError

    for offset, doc_id in enumerate(doc_ids):
        row = first_row + offset
        if doc_id in seen:
            raise CorpusError(
                f"{Path(source).name}: row {row}, field 'doc_id': duplicate id {doc_id!r} "
                f"(first at {seen[doc_id]})"
            )
        seen[doc_id] = f"{Path(source).name} row {row}"
