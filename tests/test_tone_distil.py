"""Tests for the distilled static vectors (analysis.sentiment.distil, build_distil)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from analysis.sentiment import distil
from analysis.sentiment.build_distil import distil_inputs
from analysis.validation_sets import SET_NAMES, read_validation_set


def test_distil_vectors_solves_the_normal_equations():
    rng = np.random.default_rng(0)
    design = sparse.random(40, 15, density=0.3, random_state=1, format="csr")
    design = sparse.diags(1.0 / np.maximum(design.sum(axis=1).A1, 1e-9)) @ design
    teacher, prior = rng.normal(size=(40, 4)), rng.normal(size=(15, 4))
    dense = design.toarray()
    exact = np.linalg.solve(dense.T @ dense + 0.1 * np.eye(15), dense.T @ teacher + 0.1 * prior)
    got = distil.distil_vectors(design, teacher, prior, penalty=0.1, iterations=200)
    np.testing.assert_allclose(got, exact, atol=1e-8)


def test_distil_vectors_stay_at_the_prior_when_the_pull_is_huge():
    design = sparse.csr_matrix(np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]]))
    teacher = np.array([[1.0, 0.0], [0.0, 1.0]])
    prior = np.array([[0.2, 0.2], [0.3, 0.1], [0.0, 0.0]])
    got = distil.distil_vectors(design, teacher, prior, penalty=1e9)
    np.testing.assert_allclose(got, prior, atol=1e-6)


def test_distil_vectors_do_not_mutate_their_inputs():
    design = sparse.csr_matrix(np.array([[0.5, 0.5], [0.0, 1.0]]))
    teacher, prior = np.ones((2, 2)), np.zeros((2, 2))
    before = (design.toarray().copy(), teacher.copy(), prior.copy())
    distil.distil_vectors(design, teacher, prior, penalty=0.1)
    assert np.array_equal(design.toarray(), before[0]) and np.array_equal(teacher, before[1])
    assert np.array_equal(prior, before[2])


@pytest.fixture(scope="module")
def sentences():
    return distil.unlabelled_sentences()


def test_unlabelled_sentences_never_hold_a_test_split_text(sentences):
    pool = set(sentences)
    from analysis.sentiment.names import load_names

    mask = load_names().mask
    for name in SET_NAMES:
        if name == "nfc":  # articles: none of their sentences may come from a test article
            continue
        test, train = (
            {" ".join(mask(t).split()) for t in read_validation_set(name, split=s)["text"]}
            for s in ("test", "train")
        )
        assert not (pool & (test - train)), name
    assert 10_000 < len(sentences) < 40_000 and sentences == sorted(set(sentences))


def test_unlabelled_sentences_split_the_narrative_frames_articles(sentences):
    article = read_validation_set("nfc", split="train")["text"].iloc[0]
    assert article not in sentences  # whole articles are not sentences
    from analysis.sentiment.names import load_names
    from analysis.text import split_sentences

    first = " ".join(load_names().mask(split_sentences(article, language="en")[0]).split())
    assert first in sentences


def test_teacher_embeds_translations_close_and_unrelated_text_far():
    ko = "한일 관계는 수교 이후 최악의 상황으로 치닫고 있다."
    ja = "日韓関係は国交正常化以来最悪の状態に陥っている。"
    en = "Relations between Korea and Japan are at their worst since normalisation."
    other = "The recipe needs two cups of flour and a pinch of salt."
    v = distil.embed_teacher([ko, ja, en, other])
    assert v.shape == (4, distil.TEACHER_DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    # measured: ko-ja 0.43, ja-en 0.66, ko-en 0.37; each against the recipe below 0.07
    assert min(v[0] @ v[1], v[1] @ v[2], v[0] @ v[2]) > 0.3 > 0.1 > max(v[:3] @ v[3])


def test_distil_inputs_rejects_an_unknown_teacher():
    with pytest.raises(ValueError, match="teacher must be one of"):
        distil_inputs(teacher="bert")


def test_a_missing_encoder_package_says_what_to_install():
    from analysis.sentiment.model import import_encoder

    with pytest.raises(ImportError, match=r"^tone needs the no-such-encoder package "
                       r"\(pip install no-such-encoder\); or leave tone out$"):  # fmt: skip
        import_encoder("no_such_encoder_module", "E5", package="no-such-encoder",
                       needed_by="tone", hint="; or leave tone out")  # fmt: skip
    assert import_encoder("json", "JSONDecoder", package="json", needed_by="x").__name__ == (
        "JSONDecoder"
    )
