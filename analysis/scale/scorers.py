"""The scorers the scale pipeline runs per partition: one registry line each.

Each scorer is a DataFrame-in, DataFrame-out function of a corpus partition
that returns rows keyed by ``doc_id``. It is registered with the codebook files
it reads and the package modules its result depends on, so the cache key
(``analysis.scale.cache.cache_key``) changes exactly when one of them does.

Add a scorer with one line::

    SCORERS["tone"] = Scorer(score_tone, codebooks=(), modules=("analysis.tone",))
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.scale.cache import hash_file


@dataclass(frozen=True)
class Scorer:
    """A per-partition scoring function and what its result depends on.

    Attributes:
        func: ``func(docs) -> DataFrame`` with a ``doc_id`` column.
        codebooks: files the scorer reads (their bytes are part of the key).
        modules: package modules whose source is part of the key.
        version: bump to invalidate old results by hand.
        by_text: True when the result depends only on ``doc_id`` and ``text``
            (and ``language``), so identical texts are scored once.
    """

    func: Callable[[pd.DataFrame], pd.DataFrame]
    codebooks: tuple[Path, ...] = ()
    modules: tuple[str, ...] = ()
    version: str = "1"
    by_text: bool = True
    columns: tuple[str, ...] = field(default=("doc_id", "text", "language"))


def score_sentiment_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Document-level TextBlob and VADER scores (``analysis.sentiment.score_sentiment``)."""
    from analysis.sentiment import score_sentiment

    return score_sentiment(docs, level="document")


def code_frames_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Frame coding with kj_frames (``analysis.framing.code_frames``), distinct sentences once."""
    from analysis.scale.sentences import code_frames_by_sentence

    return code_frames_by_sentence(docs, "kj_frames")


def count_terms_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Contested-term mentions per document (``analysis.terms.DOCUMENT_COLUMNS``, with usage)."""
    from analysis.scale.sentences import count_terms_by_sentence

    return count_terms_by_sentence(docs, "contested_terms")


def count_actors_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Actor mentions per document (``analysis.actors.count_actor_mentions``), sentences once."""
    from analysis.scale.sentences import count_actor_mentions_by_sentence

    return count_actor_mentions_by_sentence(docs)


_TEXT = ("analysis.text",)
SCORERS: dict[str, Scorer] = {
    "sentiment": Scorer(score_sentiment_partition, modules=("analysis.sentiment", *_TEXT)),
    "frames": Scorer(
        code_frames_partition,
        codebooks=(config.CODEBOOK_DIR / "kj_frames.yaml",),
        modules=("analysis.framing", "analysis.codebooks", "analysis.scale.sentences", *_TEXT),
    ),
    "terms": Scorer(
        count_terms_partition,
        codebooks=(config.CODEBOOK_DIR / "contested_terms.yaml",),
        modules=("analysis.terms", "analysis.codebooks", "analysis.scale.sentences", *_TEXT),
    ),
    "actors": Scorer(
        count_actors_partition,
        codebooks=(config.CODEBOOK_DIR / "actors.yaml",),
        modules=("analysis.actors", "analysis.codebooks", "analysis.scale.sentences", *_TEXT),
    ),
}


def get_scorers(names: tuple[str, ...] | list[str]) -> dict[str, Scorer]:
    """Look up scorers by name; raise ValueError listing the valid names."""
    unknown = [name for name in names if name not in SCORERS]
    if unknown or not names:
        raise ValueError(f"unknown scorer(s) {unknown or list(names)}; valid: {sorted(SCORERS)}")
    return {name: SCORERS[name] for name in names}


@functools.lru_cache(maxsize=256)
def _module_hash(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return f"{module}:absent"
    origin = Path(spec.origin)
    files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
    return module + ":" + ":".join(hash_file(f) for f in files)


def dependency_hashes(scorer: Scorer) -> tuple[str, ...]:
    """Hashes of a scorer's codebook files and module sources (absent files hash as absent)."""
    books = tuple(
        f"{p.name}:{hash_file(p)}" if Path(p).is_file() else f"{p.name}:absent"
        for p in scorer.codebooks
    )
    return books + tuple(_module_hash(m) for m in scorer.modules)
