"""Loading and validation: one reader per input format (``readers/``), one schema.

``load_corpus`` / ``validate_corpus`` return the table of docs/design.md ("Corpus");
``schema`` holds the columns, aliases and the researcher's column mapping, ``dates``
the date rules, ``readers`` one module per format (CSV/JSONL, Parquet, saved pages as
text or HTML, Nexis Uni, Factiva, BigKinds, Media Cloud). ``register`` adds the
``corpus`` command; ``add_columns_argument`` is the ``--columns`` option every command
that loads a corpus shares.
"""

from analysis.corpus.command import add_columns_argument, register
from analysis.corpus.dates import PRECISIONS, DateError, ParsedDate, parse_date, search_date
from analysis.corpus.errors import CorpusError
from analysis.corpus.loader import IGNORED_NAMES, corpus_files, load_corpus, validate_corpus
from analysis.corpus.readers import SUPPORTED_SUFFIXES, read_text
from analysis.corpus.readers.common import SIDECAR_NAME
from analysis.corpus.schema import (
    COLUMN_ALIASES,
    CORPUS_COLUMNS,
    DERIVED_COLUMNS,
    MAPPABLE_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SOURCE_FORMATS,
    parse_columns,
)

__all__ = [
    "COLUMN_ALIASES",
    "CORPUS_COLUMNS",
    "DERIVED_COLUMNS",
    "IGNORED_NAMES",
    "MAPPABLE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "PRECISIONS",
    "REQUIRED_COLUMNS",
    "SIDECAR_NAME",
    "SOURCE_FORMATS",
    "SUPPORTED_SUFFIXES",
    "CorpusError",
    "DateError",
    "ParsedDate",
    "add_columns_argument",
    "corpus_files",
    "load_corpus",
    "parse_columns",
    "parse_date",
    "read_text",
    "register",
    "search_date",
    "validate_corpus",
]
