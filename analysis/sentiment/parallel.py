"""Sentiment on all cores, through the same engine as ``scale run``.

``in_parallel(docs, serial, ...)`` hands ``serial`` (a measure with
``n_workers=1``) to ``analysis.scale.engine.map_documents``: a large corpus is
cut into contiguous chunks of about equal text, each chunk scored in a worker,
the tables concatenated in document order (tests check equality with one
process). Before workers start, the lexicons and the splitter's word lists are
loaded, so forked workers share them instead of each loading its own. The
workers never run ``tone`` (``analysis.sentiment.scoring`` runs it in the
calling process: its encoder uses every core through OpenMP, whose threads do
not survive a fork). A worker's chunk does not log its unscored
count; the caller logs it once for the whole corpus (``summary_on``).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pandas as pd

_SUMMARY = {"log": True}
_WARM_UP = "The talks in Seoul went well.\nMr. Kim did not agree, but it was good news."


def summary_on() -> bool:
    """False while a worker scores one chunk (the parent logs the corpus total)."""
    return _SUMMARY["log"]


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No per-table unscored log inside (the caller logs once for the corpus)."""
    before, _SUMMARY["log"] = _SUMMARY["log"], False
    try:
        yield
    finally:
        _SUMMARY["log"] = before


def _chunk(serial: Callable[[pd.DataFrame], Any], docs: pd.DataFrame) -> Any:
    with quiet():
        return serial(docs)


def load_analyzers(engines: Sequence[str] = ("textblob", "vader")) -> None:
    """Load what scoring reads on first use: the lexicons and the splitter's rules.

    Args:
        engines: the engines the workers will run (never ``tone``: its encoder
            uses every core already, and OpenMP's threads do not survive a fork).
    """
    from analysis.sentiment.dictionary import _pattern, vader_scores
    from analysis.text import document_split

    _pattern()(_WARM_UP)
    vader_scores.__wrapped__(_WARM_UP)
    document_split(_WARM_UP, language="en")


def in_parallel(
    docs: pd.DataFrame,
    serial: Callable[[pd.DataFrame], Any],
    *,
    n_workers: int | None,
    engines: Sequence[str],
) -> Any:
    """``serial(docs)``, chunk by chunk on all cores when the corpus is large enough.

    Args:
        docs: the corpus (``doc_id``, ``text``); not modified.
        serial: picklable measure of one chunk (a partial with ``n_workers=1``).
        n_workers: processes (None: all cores; a small corpus runs here).
        engines: the engines ``serial`` computes (never ``tone``).

    Returns:
        What ``serial(docs)`` returns (a table, or a tuple of tables).
    """
    from analysis.scale.engine import map_documents

    prepare = functools.partial(load_analyzers, tuple(engines))
    return map_documents(
        docs, functools.partial(_chunk, serial), n_workers=n_workers, prepare=prepare
    )
