"""Scale: partitioned storage, a content-hash cache and local/dask engines.

From 60 texts to millions of articles with the same scorers:
``ingest_corpus`` (store.py) reads large inputs in chunks into partitioned
Parquet; ``run_analysis`` (pipeline.py) scores each partition with the
registered scorers (scorers.py), caching each result by content hash
(cache.py), on the in-process or dask engine (engine.py). The command line
(``python -m analysis scale ...``) is in cli.py. See docs/scale.md.
"""

from __future__ import annotations

from analysis.lazy import lazy_exports

# name -> the module that defines it; imported on first use (PEP 562), so a cached
# ``scale run`` (analysis.scale.rerun) loads neither pandas nor the scorers.
_HOME = {
    "cache_key": "analysis.scale.cache",
    "hash_file": "analysis.scale.cache",
    "hash_frame_content": "analysis.scale.cache",
    "register": "analysis.scale.cli",
    "ENGINES": "analysis.scale.engine",
    "map_partitions": "analysis.scale.engine",
    "read_partition": "analysis.scale.engine",
    "DEFAULT_SCORERS": "analysis.scale.pipeline",
    "apply_scorer": "analysis.scale.pipeline",
    "load_results": "analysis.scale.pipeline",
    "run_analysis": "analysis.scale.pipeline",
    "score_partition": "analysis.scale.pipeline",
    "SCORERS": "analysis.scale.scorers",
    "Scorer": "analysis.scale.scorers",
    "get_scorers": "analysis.scale.scorers",
    "ingest_corpus": "analysis.scale.store",
    "iter_chunks": "analysis.scale.store",
    "list_partitions": "analysis.scale.rerun",
    "read_store": "analysis.scale.store",
}

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


__getattr__, __dir__ = lazy_exports("analysis.scale", _HOME, globals())
