"""Text units for a corpus: the sentence table, and the string helpers every module uses.

The rules live in the language layer (``analysis.lang``); this module asks it
per document:

- ``sentence_table(docs)`` splits each document ONCE, by the rules of its
  language (the ``language`` column when present, else detected), and gives
  every sentence its own ``language`` (``analysis.lang.document_sentences``);
- a document's split is remembered per process (the last ``SPLIT_MEMO_SIZE``
  distinct documents, by text and language), so the measures that run on one
  corpus (sentiment, frames, terms, actors, voices) split it once between them,
  whether they call ``sentence_table`` or ``sentence_spans``;
- ``sentence_spans`` / ``split_sentences`` / ``tokenize`` take a
  ``language=`` keyword (None: detected from the text);
- ``normalize_text`` keeps its English-era definition (NFC) unless a
  ``language`` is given, which gives the layer's matching form (NFKC).

Every sentence is an exact substring of the input (``text[start:end]``), with
surrounding whitespace stripped, in order.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pandas as pd

from analysis.checks import require_columns
from analysis.lang import detect_language, document_sentences, for_language
from analysis.lang.base import fold_quotes
from analysis.lang.en_split import block_spans as _block_spans  # noqa: F401 - bench clears it

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "sentence", "start", "end", "language"]
SPLIT_MEMO_SIZE = 16_384  # documents whose split this process remembers (bounded memory)

_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str, *, language: str | None = None) -> str:
    """Normalise ``text`` for matching words and phrases.

    Without ``language``, exactly three changes, in this order:

    1. Unicode NFC composition (``e`` + combining acute -> ``é``).
    2. Curly quotes and apostrophes to straight ones: ``‘ ’ ‚ ‛ ′ ʼ ＇`` -> ``'``
       and ``“ ” „ ‟ ″ ＂`` -> ``"`` (so ``Korea’s`` matches ``Korea's``).
    3. Every run of whitespace (spaces, tabs, line breaks, no-break and other
       Unicode spaces) becomes one space; leading and trailing whitespace is
       removed.

    Case, dashes, accents and all other characters are left alone. With a
    ``language``, the layer's form is used instead
    (``for_language(language).normalise``: NFKC in place of NFC, which also
    turns full-width letters and digits into ASCII).

    Args:
        text: any string.
        language: ISO 639-1 code, or None for the NFC form above.

    Returns:
        The normalised string.
    """
    if language is not None:
        return for_language(language).normalise(text)
    text = fold_quotes(unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", text).strip()


@functools.lru_cache(maxsize=SPLIT_MEMO_SIZE)
def _split(text: str, language: str) -> tuple:
    return tuple(document_sentences(text, language=language))


def document_split(text: str, *, language: str | None = None) -> tuple:
    """``analysis.lang.document_sentences`` of a document, remembered per process.

    Args:
        text: a document; ``None``/NaN counts as empty.
        language: its declared language (None or blank: detected, as
            ``document_sentences`` does).

    Returns:
        ``Sentence(start, end, language)`` tuples, in order.
    """
    if not isinstance(text, str) or not text:
        return ()
    code = _document_language(language)
    return _split(text, code.strip().casefold() if code else detect_language(text))


def sentence_spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of each sentence of ``text``.

    Args:
        text: a document; ``None``/NaN counts as empty.
        language: the document's language (None: detected from the text).

    Returns:
        Offsets such that ``text[start:end]`` is each sentence, in order.
    """
    return [(s.start, s.end) for s in document_split(text, language=language)]


def split_sentences(text: str, *, language: str | None = None) -> list[str]:
    """Split ``text`` into sentences by the rules of its language (``analysis.lang``).

    Args:
        text: a document; ``None``/NaN counts as empty.
        language: the document's language (None: detected from the text).

    Returns:
        The sentences, each an exact, whitespace-stripped substring of ``text``,
        in order.
    """
    return [text[start:end] for start, end in sentence_spans(text, language=language)]


def _document_language(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def sentence_table(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every document, each document split once.

    Args:
        docs: needs columns ``doc_id`` and ``text`` (missing text gives no
            rows); an optional ``language`` column chooses each document's
            rules (NA or absent: detected).

    Returns:
        DataFrame with columns ``doc_id``, ``sentence_id`` (0-based within the
        document), ``sentence``, ``start``, ``end`` (offsets into ``text``),
        ``language`` (of the sentence itself: ``en``, ``ko``, ``ja``, ``zh``,
        ``und``; see ``analysis.lang.document_sentences``).
    """
    require_columns(docs, ["doc_id", "text"], what="sentence_table")
    languages = docs["language"].tolist() if "language" in docs.columns else [None] * len(docs)
    rows: dict[str, list] = {name: [] for name in SENTENCE_COLUMNS}
    for doc_id, text, language in zip(
        docs["doc_id"].tolist(), docs["text"].tolist(), languages, strict=True
    ):
        for i, sentence in enumerate(document_split(text, language=language)):
            rows["doc_id"].append(doc_id)
            rows["sentence_id"].append(i)
            rows["sentence"].append(text[sentence.start : sentence.end])
            rows["start"].append(sentence.start)
            rows["end"].append(sentence.end)
            rows["language"].append(sentence.language)
    out = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    out["doc_id"] = out["doc_id"].astype(docs["doc_id"].dtype) if len(out) else out["doc_id"]
    for column in ("sentence_id", "start", "end"):
        out[column] = out[column].astype("int64")
    out["language"] = out["language"].astype("string")
    return out


def tokenize(text: str, *, language: str | None = "en") -> list[str]:
    """Word tokens for counting (framing, log-odds, actors): the bases of ``Language.tokens``.

    English (the default, as before): lowercased words with the possessive
    dropped (``Japan's`` -> ``japan``; rules in ``analysis.lang.en``). Korean:
    Kiwi lemmas (강하게 -> ``강하다``, ``게``); Japanese: Sudachi dictionary
    forms; other codes: the default rules of ``analysis.lang.base``.

    Args:
        text: any string; ``None``/NaN gives ``[]``.
        language: ISO 639-1 code; None detects it from the text.

    Returns:
        The tokens, in order.
    """
    if not isinstance(text, str) or not text:
        return []
    rules = for_language(language if language is not None else detect_language(text))
    if rules.code == "en":
        return rules.words(text)
    return [token.base for token in rules.tokens(text)]
