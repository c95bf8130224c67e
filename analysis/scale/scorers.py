"""The scorers the scale pipeline runs per partition: one registry line each.

Each scorer is a DataFrame-in, DataFrame-out function of a corpus partition
that returns rows keyed by ``doc_id``. It is registered with the codebook files
it reads and the package modules its result depends on, so the cache key
(``analysis.scale.cache.cache_key``) changes exactly when one of them does.

Every scorer calls the package's own function (``code_frames``,
``count_terms_by_document``, ``count_actor_mentions``, ``score_sentiment``): one
implementation per measure, so ``scale run`` and the in-memory path give the
same table (tests/test_scale_scorers.py checks it on real text, hard-wrapped
too). Add a scorer with one line::

    SCORERS["voices"] = Scorer(count_voices, codebooks=(...), modules=("analysis.voices",))
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.scale.cache import hash_file

if TYPE_CHECKING:  # the scorers import pandas when they run: a cached rerun needs none
    import pandas as pd


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
        prepare: loads what the scorer reads on first use (lexicons, a compiled
            codebook); ``run_analysis`` calls it before forking workers, which
            then share it instead of each loading and compiling their own.
    """

    func: Callable[[pd.DataFrame], pd.DataFrame]
    codebooks: tuple[Path, ...] = ()
    modules: tuple[str, ...] = ()
    version: str = "1"
    by_text: bool = True
    columns: tuple[str, ...] = field(default=("doc_id", "text", "language"))
    prepare: Callable[[], object] | None = None


def score_sentiment_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Document-level TextBlob and VADER scores (``analysis.sentiment.score_sentiment``)."""
    from analysis.sentiment import score_sentiment

    # the engine runs partitions on workers; tone is left out: its encoder uses every
    # core itself (OpenMP), and costs ~100x a lexicon (docs/scale.md)
    return score_sentiment(docs, engines=DICTIONARY_ENGINES, n_workers=1)


def code_frames_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Frame coding with kj_frames: ``analysis.framing.code_frames`` itself."""
    from analysis.framing import code_frames

    return code_frames(docs, "kj_frames", n_workers=1)  # the engine runs partitions on workers


def count_terms_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Contested-term mentions per document: ``analysis.terms.count_terms_by_document``."""
    from analysis.terms import count_terms_by_document

    return count_terms_by_document(docs, "contested_terms", n_workers=1)


def count_actors_partition(docs: pd.DataFrame) -> pd.DataFrame:
    """Actor mentions per document: ``analysis.actors.count_actor_mentions`` itself."""
    from analysis.actors import count_actor_mentions

    return count_actor_mentions(docs)


def _load_lexicons() -> None:
    from analysis.sentiment.parallel import load_analyzers

    load_analyzers(DICTIONARY_ENGINES)


def _load_frames() -> object:
    from analysis.framing.coding import load_codebook

    return load_codebook("kj_frames")


def _load_terms() -> object:
    from analysis.terms.termlist import load_terms

    return load_terms("contested_terms")


def _load_actors() -> object:
    from analysis.actors import load_actors

    return load_actors()


DICTIONARY_ENGINES = ("textblob", "vader")
_TEXT = ("analysis.text", "analysis.lang", "analysis.language")
SCORERS: dict[str, Scorer] = {
    "sentiment": Scorer(
        score_sentiment_partition,
        modules=("analysis.sentiment", *_TEXT),
        prepare=_load_lexicons,
    ),
    "frames": Scorer(
        code_frames_partition,
        codebooks=(config.CODEBOOK_DIR / "kj_frames.yaml",),
        modules=("analysis.framing", "analysis.codebooks", *_TEXT),
        prepare=_load_frames,
    ),
    "terms": Scorer(
        count_terms_partition,
        codebooks=(config.CODEBOOK_DIR / "contested_terms.yaml",),
        modules=("analysis.terms", "analysis.codebooks", *_TEXT),
        prepare=_load_terms,
    ),
    "actors": Scorer(
        count_actors_partition,
        codebooks=(config.CODEBOOK_DIR / "actors.yaml",),
        modules=("analysis.actors", "analysis.codebooks", *_TEXT),
        prepare=_load_actors,
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
