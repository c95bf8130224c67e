"""bench/generate_corpus.py: synthetic documents are real sample sentences, seeded, chunked."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", config.PROJECT_ROOT / "bench" / "generate_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def meta():
    return pd.DataFrame({
        "title": ["T1", "T2"], "outlet": ["O1", "O2"], "outlet_country": ["JP", "KR"],
        "kind": ["news", "statement"], "license": ["L1", "L2"],
        "published": pd.to_datetime(["2019-07-01", None]),
    })  # fmt: skip


def _chunk(gen, meta, seed=1, wire_share=0.0, n=50):
    pool = ["Alpha one.", "Beta two.", "Gamma three."]
    rng = np.random.default_rng(seed)
    return gen.generate_chunk(0, n, pool=pool, counts=np.array([2, 3]), meta=meta, rng=rng,
                              wire_share=wire_share, size=n)  # fmt: skip


def test_documents_are_lines_of_pool_sentences(gen, meta):
    chunk = _chunk(gen, meta)
    lines = chunk["text"].str.split("\n")
    assert set(lines.explode()) <= {"Alpha one.", "Beta two.", "Gamma three."}
    assert set(lines.str.len()) <= {2, 3}
    assert chunk["doc_id"].is_unique and len(chunk) == 50
    assert set(chunk["outlet"]) <= {"O1", "O2"}
    published = pd.to_datetime(chunk["published"])
    assert published.between("2018-07-01", "2022-01-01").all()  # +-365 days around the bases


def test_seeded_and_wire_copies(gen, meta):
    assert_frame_equal(_chunk(gen, meta, seed=3), _chunk(gen, meta, seed=3))
    assert not _chunk(gen, meta, seed=3).equals(_chunk(gen, meta, seed=4))
    copies = _chunk(gen, meta, wire_share=1.0, n=20)
    assert copies["text"].nunique() == 1  # every document republishes an earlier text


def test_write_corpus_in_chunks(gen, meta, tmp_path):
    source = (["Alpha one.", "Beta two."], np.array([2]), meta)
    path = gen.write_corpus(25, tmp_path, source=source, seed=1, chunk_rows=10, wire_share=0.0)
    frame = pd.read_csv(path)
    assert len(frame) == 25 and frame["doc_id"].is_unique
    assert [p.name for p in tmp_path.iterdir()] == ["synthetic_25.csv"]
