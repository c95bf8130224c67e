"""analysis.scale.cache: content hashes, keys, atomic result files."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.scale import cache


def _docs(texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})


def test_hash_known_answer():
    # rows=1;cols=['doc_id', 'text'], then each value length-prefixed (8 bytes little-endian)
    digest = hashlib.sha256()
    digest.update(b"rows=1;cols=['doc_id', 'text']")
    for value in (b"d0", b"hi"):
        digest.update(len(value).to_bytes(8, "little") + value)
    assert cache.hash_frame_content(_docs(["hi"])) == digest.hexdigest()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (["ab", "c"], ["a", "bc"]),  # value boundaries matter
        (["a", "b"], ["b", "a"]),  # order matters
        (["x"], ["x "]),  # whitespace matters
    ],
)
def test_hash_distinguishes_content(left, right):
    a = pd.DataFrame({"doc_id": ["1"] * len(left), "text": left})
    b = pd.DataFrame({"doc_id": ["1"] * len(right), "text": right})
    assert cache.hash_frame_content(a) != cache.hash_frame_content(b)


def test_hash_ignores_other_columns_and_dtype_and_does_not_mutate():
    docs = _docs(["a", "b"])
    extra = docs.assign(outlet=["x", "y"]).astype({"text": "string"})
    before = extra.copy()
    assert cache.hash_frame_content(docs) == cache.hash_frame_content(extra)
    assert_frame_equal(extra, before)


def test_hash_needs_doc_id_and_text():
    with pytest.raises(ValueError, match=r"missing columns \['text'\]; found \['doc_id'\]"):
        cache.hash_frame_content(pd.DataFrame({"doc_id": ["a"]}))


def test_cache_key_depends_on_every_input():
    base = cache.cache_key("c", scorer="frames", version="1", dependency_hashes=("k1", "k2"))
    assert base == cache.cache_key(
        "c", scorer="frames", version="1", dependency_hashes=("k2", "k1")
    )
    variants = [
        cache.cache_key("c2", scorer="frames", version="1", dependency_hashes=("k1", "k2")),
        cache.cache_key("c", scorer="terms", version="1", dependency_hashes=("k1", "k2")),
        cache.cache_key("c", scorer="frames", version="2", dependency_hashes=("k1", "k2")),
        cache.cache_key("c", scorer="frames", version="1", dependency_hashes=("k1", "k3")),
    ]
    assert len({base, *variants}) == 5
    assert len(base) == 32


def test_hash_file(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_bytes(b"abc")
    assert cache.hash_file(path) == hashlib.sha256(b"abc").hexdigest()


def test_round_trip_and_miss(tmp_path):
    result = pd.DataFrame({"doc_id": ["a"], "n_matches": [3]})
    assert cache.read_cached(tmp_path, "frames", "k") is None
    cache.write_cached(result, tmp_path, "frames", "k")
    assert_frame_equal(cache.read_cached(tmp_path, "frames", "k"), result)


def test_interrupted_write_leaves_previous_result(tmp_path, monkeypatch):
    old = pd.DataFrame({"doc_id": ["a"], "n_matches": [1]})
    cache.write_cached(old, tmp_path, "frames", "k")

    def crash(self, path, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"PAR1 half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", crash)
    with pytest.raises(KeyboardInterrupt):
        cache.write_cached(
            pd.DataFrame({"doc_id": ["a"], "n_matches": [2]}), tmp_path, "frames", "k"
        )
    monkeypatch.undo()
    assert_frame_equal(cache.read_cached(tmp_path, "frames", "k"), old)
    assert [p.name for p in (tmp_path / "frames").iterdir()] == ["k.parquet"]  # no temp file left


def test_unreadable_file_is_a_miss(tmp_path):
    path = cache.cache_path(tmp_path, "frames", "k")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not parquet")
    assert cache.read_cached(tmp_path, "frames", "k") is None
