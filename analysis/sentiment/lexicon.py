"""Tone from a polarity lexicon the researcher supplies, with negation and a domain stop list.

The licensed Korean and Japanese polarity dictionaries (KNU SentiLex, the
Tohoku polarity dictionary) cannot be shipped; a researcher who holds one
converts it to the file format of ``docs/lexicon.md`` and scores text with it:

>>> lexicon = read_lexicon("my_lexicon.tsv", language="ko")  # doctest: +SKIP
>>> score_with_lexicon(["관계가 좋지 않다."], lexicon, language="ko")  # doctest: +SKIP

Matching is on the base forms of ``analysis.lang`` tokens (Kiwi lemmas for
Korean, Sudachi dictionary forms for Japanese, lowercased words for English),
so 좋았다 / 좋은 / 좋지 all hit the entry 좋다, and 良くない hits 良い. Korean
words that Kiwi splits into a root and a derivational suffix are also looked
up whole (훌륭 + 하 -> 훌륭하다, 개선 + 되 -> 개선되다, 독창 + 적 -> 독창적)
before the root alone. A term of several words (``가슴 벅차다``) matches
consecutive base forms.

Negation flips a hit's polarity:

- Korean: ``안`` or ``못`` (adverbs, ``MAG``) right before the hit, or
  ``않다`` / ``못하다`` / ``없다`` after it before the next content word
  (좋지 않다, 좋지 못했다, 문제가 없다);
- Japanese: ``ない`` / ``ず`` / ``ぬ`` (``ません`` = ます + ぬ) after the hit,
  across auxiliaries, する and the particles は/も/で (良くない, 評価せず,
  問題ではない, 認めません), before the next content word;
- English: ``not``, ``no``, ``never``, ``without``, ``nor`` or a word ending in
  ``n't`` among the three words before the hit.

The domain stop list (``data/codebooks/lexicon_stoplist.tsv``, data with a
reason per entry) removes words whose dictionary sense is not theirs in this
domain: 정상 (summit, not "normal"), the 悦 ("joy") of 尹錫悦, 大統領. A stop
word never hits, whatever the lexicon says.
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.codebooks.schema import CodebookError
from analysis.lang import Token, for_language

STOPLIST_FILE = config.CODEBOOK_DIR / "lexicon_stoplist.tsv"
LEXICON_COLUMNS = [
    "lexicon_polarity", "n_lexicon_hits", "n_positive", "n_negative", "n_negated",
    "n_tokens", "lexicon_terms",
]  # fmt: skip
LABELS = {"positive": 1.0, "p": 1.0, "negative": -1.0, "n": -1.0, "neutral": 0.0, "e": 0.0}

_KO_BEFORE = frozenset({"안", "못"})
_KO_AFTER = frozenset({"않다", "못하다", "없다"})
_KO_CONTENT = ("NN", "VV", "VA", "MAG", "XR", "SL", "SH")
_JA_NEGATORS = frozenset({"ない", "ず", "ぬ"})
_JA_PASS = (
    "助動詞",
    "動詞-非自立可能",
    "形容詞-非自立可能",
    "接尾辞",
    "助詞-係助詞",
    "助詞-副助詞",
)
_EN_NEGATORS = frozenset({"not", "no", "never", "without", "nor", "cannot"})


@dataclass(frozen=True)
class Lexicon:
    """Polarity entries keyed by their base forms.

    Attributes:
        entries: tuple of base forms -> (polarity, pos prefix or "").
        name: where the lexicon came from (file name).
        max_abs: the largest absolute polarity (scores are divided by it).
        language: the language the entries are for (None: any).
    """

    entries: dict[tuple[str, ...], tuple[float, str]]
    name: str = "lexicon"
    max_abs: float = 1.0
    language: str | None = None
    longest: int = field(default=1)


def _polarity(value: str, where: str) -> float:
    text = value.strip().casefold()
    if text in LABELS:
        return LABELS[text]
    try:
        number = float(text)
    except ValueError:
        raise CodebookError(
            f"{where}, field 'polarity': {value!r} is not a number or one of {', '.join(LABELS)}"
        ) from None
    if not math.isfinite(number):
        raise CodebookError(f"{where}, field 'polarity': {value!r} is not finite")
    return number


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter=delimiter)
    rows = [(lines[i + 1][0], row) for i, row in enumerate(reader)]
    return [name.strip() for name in reader.fieldnames or []], rows


def _term_key(term: str, language: str | None) -> tuple[str, ...]:
    """The base forms a term matches: normalised, split at spaces (English lowercased)."""
    words = for_language(language).normalise(term).split(" ")
    return tuple(w.lower() for w in words) if language in (None, "en") else tuple(words)


def read_lexicon(path: str | Path, *, language: str | None = None) -> Lexicon:
    """Read and validate a lexicon file (format: ``docs/lexicon.md``).

    Args:
        path: a ``.tsv`` (tab-separated) or ``.csv`` file with a header row:
            ``term``, ``polarity`` and optionally ``pos`` and ``language``.
        language: keep only rows for this language (rows with an empty
            ``language`` are kept for every language).

    Returns:
        The :class:`Lexicon`; stop-listed terms of ``language`` are left out.

    Raises:
        CodebookError: naming the file, row and field of the first bad entry.
    """
    path = Path(path)
    columns, rows = _rows(path)
    missing = [c for c in ("term", "polarity") if c not in columns]
    if missing:
        raise CodebookError(f"{path}: missing column(s) {', '.join(missing)}; found {columns}")
    stop = stop_words(language) if language else frozenset()
    entries: dict[tuple[str, ...], tuple[float, str]] = {}
    for line, row in rows:
        where = f"{path}: row {line}"
        term = (row.get("term") or "").strip()
        if not term:
            raise CodebookError(f"{where}, field 'term': empty")
        row_language = (row.get("language") or "").strip().casefold()
        if language and row_language and row_language != language:
            continue
        key = _term_key(term, language)
        if any(word in stop for word in key):
            continue
        entries[key] = (_polarity(row.get("polarity") or "", where), (row.get("pos") or "").strip())
    if not entries:
        raise CodebookError(f"{path}: no entries for language {language!r}")
    max_abs = max(abs(p) for p, _ in entries.values()) or 1.0
    longest = max(len(k) for k in entries)
    return Lexicon(entries, path.name, max_abs, language, longest)


@functools.lru_cache(maxsize=8)
def stop_words(language: str, path: str | None = None) -> frozenset[str]:
    """Domain stop words of ``language`` from ``data/codebooks/lexicon_stoplist.tsv``."""
    source = Path(path) if path else STOPLIST_FILE
    columns, rows = _rows(source)
    if {"term", "language", "reason"} - set(columns):
        raise CodebookError(f"{source}: needs columns term, language, reason; found {columns}")
    for line, row in rows:
        if not (row["term"] or "").strip() or not (row["reason"] or "").strip():
            raise CodebookError(f"{source}: row {line}: term and reason must not be empty")
    return frozenset(
        row["term"].strip() for _, row in rows if row["language"].strip().casefold() == language
    )


def _negated_ko(tokens: list[Token], first: int, last: int) -> bool:
    if first > 0 and tokens[first - 1].base in _KO_BEFORE and tokens[first - 1].pos == "MAG":
        return True
    for token in tokens[last + 1 : last + 5]:
        if token.base in _KO_AFTER:
            return True
        if token.pos.startswith(_KO_CONTENT):
            return False
    return False


def _negated_ja(tokens: list[Token], last: int) -> bool:
    for token in tokens[last + 1 : last + 6]:
        if token.base in _JA_NEGATORS:
            return True
        if not (token.pos.startswith(_JA_PASS) or token.base in ("だ", "で", "て", "する")):
            return False
    return False


def _negated_en(tokens: list[Token], first: int) -> bool:
    before = tokens[max(0, first - 3) : first]
    return any(t.base in _EN_NEGATORS or t.base.endswith("n't") for t in before)


_KO_DERIVING = {
    ("XSA", "하"): "하다",
    ("XSV", "하"): "하다",
    ("XSV", "되"): "되다",
    ("XSN", "적"): "적",
}


def _derived_entry(tokens: list[Token], i: int, lexicon: Lexicon):
    """Korean root + derivational suffix as one word: 훌륭 XR + 하 XSA -> 훌륭하다, 독창적.

    Kiwi gives 훌륭하다 as the root 훌륭 (``XR``) and the suffix 하 (``XSA``); a
    lexicon lists the word. Returns (key, entry, tokens used) or (None, None, 0).
    """
    if i + 1 < len(tokens) and tokens[i].pos in ("XR", "NNG"):
        ending = _KO_DERIVING.get((tokens[i + 1].pos, tokens[i + 1].base))
        if ending:
            key = (tokens[i].base + ending,)
            entry = lexicon.entries.get(key)
            if entry:
                return key, entry, 2
    return None, None, 0


def _is_negated(tokens: list[Token], first: int, last: int, language: str) -> bool:
    if language == "ko":
        return _negated_ko(tokens, first, last)
    if language == "ja":
        return _negated_ja(tokens, last)
    if language == "en":
        return _negated_en(tokens, first)
    return False


def _hits(
    tokens: list[Token], lexicon: Lexicon, language: str, negation: bool
) -> list[tuple[str, float, bool]]:
    stop = stop_words(language)
    hits, i = [], 0
    while i < len(tokens):
        key, entry, size = _derived_entry(tokens, i, lexicon) if language == "ko" else (0, 0, 0)
        if not entry:
            for size in range(min(lexicon.longest, len(tokens) - i), 0, -1):
                key = tuple(t.base for t in tokens[i : i + size])
                entry = lexicon.entries.get(key)
                if entry and tokens[i].pos.startswith(entry[1]):
                    break
            else:
                i += 1
                continue
        if not any(word in stop for word in key):
            negated = negation and _is_negated(tokens, i, i + size - 1, language)
            hits.append((" ".join(key), -entry[0] if negated else entry[0], negated))
        i += size
    return hits


def _check_language(lexicon: Lexicon, language: str) -> None:
    if lexicon.language is not None and lexicon.language != language:
        raise ValueError(
            f"lexicon {lexicon.name!r} was read for language {lexicon.language!r}, "
            f"not {language!r}; read it again with language={language!r}"
        )


def lexicon_hits(
    text: str, lexicon: Lexicon, *, language: str, negation: bool = True
) -> list[tuple[str, float, bool]]:
    """The lexicon entries found in ``text``: (term, polarity after negation, negated).

    Args:
        text: one text.
        lexicon: from :func:`read_lexicon`.
        language: ``ko``, ``ja``, ``en`` (or any code ``analysis.lang`` knows).
        negation: apply the negation rules (module docstring).

    Returns:
        Hits in text order; the longest entry wins where entries overlap; an
        entry with a ``pos`` only hits a token whose tag starts with it.
    """
    _check_language(lexicon, language)
    return _hits(for_language(language).tokens(text), lexicon, language, negation)


def score_with_lexicon(
    texts: Iterable[str], lexicon: Lexicon, *, language: str, negation: bool = True
) -> pd.DataFrame:
    """Lexicon tone of each text.

    Args:
        texts: the texts (a list or Series; ``None``/NaN counts as empty).
        lexicon: from :func:`read_lexicon`.
        language: the texts' language (``ko``, ``ja``, ``en``).
        negation: flip the polarity of negated hits (see the module docstring).

    Returns:
        One row per text, in order, with columns ``lexicon_polarity`` (mean
        polarity of the hits divided by the lexicon's largest absolute
        polarity: -1..1; NaN without hits), ``n_lexicon_hits``,
        ``n_positive``, ``n_negative`` (after negation), ``n_negated``,
        ``n_tokens``, ``lexicon_terms`` (``"term:+1.00; ¬term:-1.00"``, ``¬``
        marking a negated hit).
    """
    _check_language(lexicon, language)
    rules = for_language(language)
    rows = []
    for text in texts:
        tokens = rules.tokens(text if isinstance(text, str) else "")
        hits = _hits(tokens, lexicon, language, negation)
        values = [p / lexicon.max_abs for _, p, _ in hits]
        rows.append(
            {
                "lexicon_polarity": math.fsum(values) / len(values) if values else math.nan,
                "n_lexicon_hits": len(hits),
                "n_positive": sum(v > 0 for v in values),
                "n_negative": sum(v < 0 for v in values),
                "n_negated": sum(negated for _, _, negated in hits),
                "n_tokens": len(tokens),
                "lexicon_terms": "; ".join(
                    f"{'¬' if negated else ''}{term}:{p:+.2f}" for term, p, negated in hits
                ),
            }
        )
    out = pd.DataFrame(rows, columns=LEXICON_COLUMNS)
    for column in LEXICON_COLUMNS[1:-1]:
        out[column] = out[column].astype("int64")
    out["lexicon_polarity"] = out["lexicon_polarity"].astype("float64")
    return out
