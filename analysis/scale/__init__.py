"""Scale: partitioned storage, a content-hash cache and local/dask engines.

From 60 texts to millions of articles with the same scorers:
``ingest_corpus`` (store.py) reads large inputs in chunks into partitioned
Parquet; ``run_analysis`` (pipeline.py) scores each partition with the
registered scorers (scorers.py), caching each result by content hash
(cache.py), on the in-process or dask engine (engine.py). The command line
(``python -m analysis scale ...``) is in cli.py. See docs/scale.md.
"""

from analysis.scale.cache import cache_key, hash_file, hash_frame_content
from analysis.scale.cli import register
from analysis.scale.engine import ENGINES, map_partitions, read_partition
from analysis.scale.pipeline import (
    DEFAULT_SCORERS,
    apply_scorer,
    load_results,
    run_analysis,
    score_partition,
)
from analysis.scale.scorers import SCORERS, Scorer, get_scorers
from analysis.scale.store import ingest_corpus, iter_chunks, list_partitions, read_store

__all__ = [
    "DEFAULT_SCORERS",
    "ENGINES",
    "SCORERS",
    "Scorer",
    "apply_scorer",
    "cache_key",
    "get_scorers",
    "hash_file",
    "hash_frame_content",
    "ingest_corpus",
    "iter_chunks",
    "list_partitions",
    "load_results",
    "map_partitions",
    "read_partition",
    "read_store",
    "register",
    "run_analysis",
    "score_partition",
]
