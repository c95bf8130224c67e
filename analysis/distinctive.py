"""Words that distinguish two groups of texts, and keyword-in-context lines to check them.

``distinctive_terms`` is the weighted log-odds ratio with an informative Dirichlet
prior of Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis
16(4), eqs. 16-22. For a term w with counts ``y_a``, ``y_b`` in groups a and b
(``n_a``, ``n_b`` tokens in all), prior pseudo-counts ``alpha_w`` and
``alpha0 = sum_w alpha_w``:

    delta_w = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
    var(delta_w) ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    z_w = delta_w / sqrt(var(delta_w))

Positive values lean to group a. The prior shrinks the estimates of rare words
towards zero, so a word used twice by one side does not top the list.

Tokens come from ``analysis.text.tokenize`` (lowercased, possessive dropped);
tokens without a letter (numbers, dates) and the stopwords of
``data/codebooks/stopwords.txt`` are left out before counting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.codebooks import term_pattern
from analysis.text import tokenize

__all__ = ["count_terms", "distinctive_terms", "kwic", "load_stopwords"]

PRIORS = ("corpus", "uniform")
UNIFORM_ALPHA = 0.01  # per-term pseudo-count of the uniform prior when alpha0 is None
STOPWORDS_FILE = config.CODEBOOK_DIR / "stopwords.txt"
TERM_COLUMNS = ["term", "n_a", "n_b", "log_odds", "z_score"]
KWIC_COLUMNS = ["doc_id", "left", "match", "right"]
_HAS_LETTER = re.compile(r"[^\W\d_]")


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Read a stopword list: one token a line, ``#`` comments and blank lines ignored.

    Args:
        path: the file; None reads ``data/codebooks/stopwords.txt``.

    Returns:
        The set of lowercase tokens.
    """
    lines = Path(path or STOPWORDS_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def count_terms(texts: Iterable[str], *, stopwords: Iterable[str] = ()) -> Counter:
    """Token counts of ``texts`` (tokens with a letter, stopwords removed).

    Args:
        texts: strings; missing values count as empty.
        stopwords: tokens to leave out.

    Returns:
        ``collections.Counter`` token -> count.
    """
    stop = frozenset(stopwords)
    counts: Counter = Counter()
    for text in texts:
        counts.update(t for t in tokenize(text) if t not in stop and _HAS_LETTER.search(t))
    return counts


def _prior(corpus: Counter, vocab: list[str], prior: str, alpha0: float | None) -> np.ndarray:
    """Pseudo-count alpha_w of every term of ``vocab``."""
    if prior == "uniform":
        per_term = UNIFORM_ALPHA if alpha0 is None else alpha0 / len(vocab)
        return np.full(len(vocab), per_term, dtype=float)
    counts = np.array([corpus[w] for w in vocab], dtype=float)
    return counts if alpha0 is None else alpha0 * counts / counts.sum()


def _log_odds(y_a, y_b, alpha) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) eq. 16 (delta) and eq. 18-20 (z) for arrays of counts."""
    a0, n_a, n_b = alpha.sum(), y_a.sum(), y_b.sum()
    delta = np.log((y_a + alpha) / (n_a + a0 - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + a0 - y_b - alpha)
    )
    return delta, delta / np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))


def distinctive_terms(
    docs: pd.DataFrame,
    *,
    by: str,
    group_a: str,
    group_b: str,
    prior: Literal["corpus", "uniform"] = "corpus",
    alpha0: float | None = None,
    min_count: int = 3,
    stopwords: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Terms that distinguish group a from group b (weighted log-odds, informative prior).

    Args:
        docs: corpus with ``text`` and ``by``.
        by: column defining the groups, e.g. ``"outlet_country"``.
        group_a: value of ``by`` for group a (positive scores lean to it).
        group_b: value for group b.
        prior: ``"corpus"``: alpha_w proportional to the term's count in all of
            ``docs`` (every group, not only a and b); ``"uniform"``: the same
            alpha_w for every term.
        alpha0: total prior strength. None: for ``"corpus"`` the corpus counts
            themselves (alpha0 = corpus size), for ``"uniform"`` 0.01 per term.
        min_count: keep terms with ``n_a + n_b >= min_count`` (the model is fitted
            on every term first).
        stopwords: tokens to leave out; None reads ``data/codebooks/stopwords.txt``,
            ``()`` keeps everything.

    Returns:
        DataFrame ``term``, ``n_a``, ``n_b``, ``log_odds`` (delta), ``z_score``,
        sorted by ``z_score`` descending (group a's words first, group b's last).
    """
    require_columns(docs, ["text", by], what="distinctive_terms")
    check_choice("prior", prior, PRIORS)
    if alpha0 is not None and alpha0 <= 0:
        raise ValueError(f"alpha0 must be positive or None; got {alpha0!r}")
    stop = load_stopwords() if stopwords is None else frozenset(stopwords)
    groups = docs[by]
    for value in (group_a, group_b):
        if not (groups == value).any():
            found = sorted(map(str, groups.dropna().unique()))
            raise ValueError(f"distinctive_terms: no rows with {by} == {value!r}; found {found}")
    corpus = count_terms(docs["text"], stopwords=stop)
    count_a = count_terms(docs.loc[groups == group_a, "text"], stopwords=stop)
    count_b = count_terms(docs.loc[groups == group_b, "text"], stopwords=stop)
    vocab = sorted(corpus)
    y_a = np.array([count_a[w] for w in vocab], dtype=float)
    y_b = np.array([count_b[w] for w in vocab], dtype=float)
    delta, z = _log_odds(y_a, y_b, _prior(corpus, vocab, prior, alpha0))
    table = pd.DataFrame(
        {
            "term": vocab,
            "n_a": y_a.astype("int64"),
            "n_b": y_b.astype("int64"),
            "log_odds": delta,
            "z_score": z,
        }
    )
    table = table[(table["n_a"] + table["n_b"]) >= max(min_count, 1)]
    return table.sort_values(["z_score", "term"], ascending=[False, True]).reset_index(drop=True)


def kwic(docs: pd.DataFrame, term: str, *, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for ``term`` in every document.

    ``term`` uses the codebook term syntax (``analysis.codebooks``): case-insensitive,
    whole words, a space or hyphen matches any run of spaces and hyphens, a trailing
    ``*`` matches any word ending ("apolog*").

    Args:
        docs: corpus with ``doc_id`` and ``text``.
        term: the word or phrase.
        width: characters of context on each side (line breaks shown as spaces).

    Returns:
        DataFrame ``doc_id``, ``left``, ``match`` (as written), ``right``; one row
        per occurrence, in document order.
    """
    require_columns(docs, ["doc_id", "text"], what="kwic")
    if width < 0:
        raise ValueError(f"width must be >= 0; got {width!r}")
    regex = re.compile(term_pattern(term), re.IGNORECASE)
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        if not isinstance(text, str):
            continue
        for m in regex.finditer(text):
            left = " ".join(text[max(0, m.start() - width) : m.start()].split("\n"))
            right = " ".join(text[m.end() : m.end() + width].split("\n"))
            rows.append((doc_id, left, m.group(), right))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
