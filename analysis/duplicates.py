"""Exact and near-duplicate documents (wire copies republished by several outlets).

Nothing is dropped: ``flag_duplicates`` marks every later copy with the
``doc_id`` of the first one; ``exclude_duplicates`` removes them when an
analysis asks for it.

Method:

- **exact**: texts equal after NFKC, case folding and whitespace collapsing
  (BLAKE2b hash) -> ``duplicate_similarity`` 1.0;
- **near**: Jaccard similarity of word 5-gram shingles (Han/kana characters
  count as words), estimated by MinHash with ``N_PERMUTATIONS`` (128) hash
  functions; candidates come from LSH banding (``N_BANDS`` 16 bands of 8
  rows: a pair with Jaccard 0.85 becomes a candidate with probability 0.994,
  one with 0.5 with probability 0.06), and a candidate pair is linked when its
  estimate is >= ``threshold``. Everything is numpy over batches of
  documents, so memory stays bounded and time grows linearly to 1M documents.
- Linked documents form groups (transitively); the **first copy** is the
  earliest ``published`` (NaT last), then the earliest row. Every other member
  gets ``is_duplicate`` True, ``duplicate_of`` the first copy's id and
  ``duplicate_similarity`` its estimated Jaccard with that first copy (a
  member of a chain A~B~C can be below ``threshold`` against A).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import config

SHINGLE_WORDS = 5
N_PERMUTATIONS = 128
N_BANDS = 16
_ROWS = N_PERMUTATIONS // N_BANDS
_BATCH_SHINGLES = 8_192  # shingles hashed at once (x 128 x 8 bytes = 8 MB scratch)
_MAX_CACHED_WORDS = 2_000_000  # word -> hash cache is cleared beyond this
_MAX_BUCKET_PAIRS = 50  # larger LSH buckets are compared to their first member only

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _normalized(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a well-spread 64-bit hash of each uint64."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _token_hashes(text: str, cache: dict[str, int]) -> np.ndarray:
    """64-bit hash of each word of a ``_normalized`` text (content-based: stable across runs)."""
    words = _TOKEN.findall(text)
    for word in set(words).difference(cache):
        cache[word] = zlib.crc32(word.encode())
    ids = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    return _mix(ids)


def _shingle_hashes(tokens: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(hash, document) of every word 5-gram of each token array; a shorter text is one shingle."""
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    flat = np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.uint64)
    owner = np.repeat(np.arange(len(tokens)), lengths)
    k = SHINGLE_WORDS
    n = max(len(flat) - k + 1, 0)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = _mix(h ^ flat[j : j + n])
    keep = owner[:n] == owner[k - 1 : k - 1 + n]  # the 5-gram lies inside one document
    hashes, owners = [h[keep]], [owner[:n][keep]]
    for doc in np.flatnonzero((lengths > 0) & (lengths < k)):
        short = np.zeros(1, dtype=np.uint64)
        for token in tokens[doc]:
            short = _mix(short ^ token)
        hashes.append(short)
        owners.append(np.array([doc]))
    order = np.argsort(np.concatenate(owners), kind="stable")
    return np.concatenate(hashes)[order], np.concatenate(owners)[order]


def _minhash_batch(sig: np.ndarray, rows: list[int], tokens: list[np.ndarray], a, b) -> None:
    """Fold the shingles of one batch of documents into their signature rows."""
    hashes, owners = _shingle_hashes(tokens)
    rows_arr = np.asarray(rows)
    for start in range(0, len(hashes), _BATCH_SHINGLES):
        chunk, who = (
            hashes[start : start + _BATCH_SHINGLES],
            owners[start : start + _BATCH_SHINGLES],
        )
        with np.errstate(over="ignore"):
            vals = a[:, None] * chunk[None, :]
            vals += b[:, None]
        cuts = np.concatenate(([0], np.flatnonzero(np.diff(who)) + 1))
        target = rows_arr[who[cuts]]
        sig[target] = np.minimum(sig[target], np.minimum.reduceat(vals, cuts, axis=1).T)


def _signatures(texts: Iterable[str], n: int) -> np.ndarray:
    """MinHash signatures of ``n`` ``_normalized`` texts, shape (n, N_PERMUTATIONS), uint64.

    ``texts`` is consumed lazily (a generator keeps memory flat on large corpora).
    A text without words keeps the all-max signature (never paired in ``_candidate_pairs``).
    """
    rng = np.random.default_rng(config.RANDOM_SEED)
    a = rng.integers(1, 2**63, N_PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, N_PERMUTATIONS, dtype=np.uint64)
    sig = np.full((n, N_PERMUTATIONS), _MASK64, dtype=np.uint64)
    cache: dict[str, int] = {}
    rows: list[int] = []
    tokens: list[np.ndarray] = []
    size = 0
    for i, text in enumerate(texts):
        rows.append(i)
        tokens.append(_token_hashes(text, cache))
        size += len(tokens[-1])
        if size >= _BATCH_SHINGLES:
            _minhash_batch(sig, rows, tokens, a, b)
            rows, tokens, size = [], [], 0
            if len(cache) > _MAX_CACHED_WORDS:
                cache.clear()  # bounded memory; hashes are content-based, so nothing changes
    if rows:
        _minhash_batch(sig, rows, tokens, a, b)
    return sig


def _candidate_pairs(sig: np.ndarray) -> set[tuple[int, int]]:
    """Index pairs (i < j) sharing at least one LSH band; rows without words never pair."""
    has_words = (sig != _MASK64).any(axis=1)
    pairs: set[tuple[int, int]] = set()
    for band in range(N_BANDS):
        key = np.zeros(len(sig), dtype=np.uint64)
        for col in range(band * _ROWS, (band + 1) * _ROWS):
            key = _mix(key ^ sig[:, col])
        order = np.flatnonzero(has_words)
        order = order[np.argsort(key[order], kind="stable")]
        sorted_keys = key[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            group = np.sort(order[start : start + size]).tolist()
            if size > _MAX_BUCKET_PAIRS:
                pairs.update((group[0], j) for j in group[1:])
            else:
                pairs.update((i, j) for n, i in enumerate(group) for j in group[n + 1 :])
    return pairs


def _similarities(sig: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Estimated Jaccard (share of equal MinHash values) of each row pair."""
    out = np.empty(len(left))
    for start in range(0, len(left), 65_536):
        stop = start + 65_536
        out[start:stop] = (sig[left[start:stop]] == sig[right[start:stop]]).mean(axis=1)
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _group_roots(sig: np.ndarray, rank: np.ndarray, threshold: float) -> np.ndarray:
    """For each signature row, the earliest-ranked row of its near-duplicate group."""
    parent = list(range(len(sig)))
    pairs = np.array(sorted(_candidate_pairs(sig)), dtype=np.int64).reshape(-1, 2)
    linked = pairs[_similarities(sig, pairs[:, 0], pairs[:, 1]) >= threshold]
    for a, b in linked.tolist():
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            first, later = (ra, rb) if rank[ra] < rank[rb] else (rb, ra)
            parent[later] = first
    return np.array([_find(parent, k) for k in range(len(sig))], dtype=np.int64)


def _first_copy_order(docs: pd.DataFrame) -> np.ndarray:
    """Rank of each row: earliest published (NaT last), then input order."""
    n = len(docs)
    if "published" in docs.columns:
        published = pd.to_datetime(docs["published"], errors="coerce")
        keys = pd.DataFrame({"missing": published.isna().to_numpy(), "date": published.to_numpy()})
    else:
        keys = pd.DataFrame({"missing": np.zeros(n, bool), "date": np.zeros(n)})
    keys["row"] = np.arange(n)
    order = keys.sort_values(["missing", "date", "row"], kind="stable")["row"].to_numpy()
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank


def _frame_signatures(frame: pd.DataFrame) -> np.ndarray:
    """``_signatures`` of a frame's ``text`` column, already ``_normalized`` (one chunk)."""
    return _signatures(frame["text"].tolist(), len(frame))


def flag_duplicates(
    docs: pd.DataFrame, *, threshold: float = 0.85, n_workers: int | None = None
) -> pd.DataFrame:
    """Flag exact and near-duplicate texts with the id of their first copy (method above).

    Args:
        docs: a frame with ``doc_id`` and ``text`` (``published`` optional,
            used to find the first copy).
        threshold: estimated Jaccard of word 5-gram shingles at or above which
            two texts are near-duplicates, in (0, 1].
        n_workers: processes for the MinHash signatures (None: all cores; a
            small corpus always uses this one; ``analysis.scale.engine``).
            Results do not depend on it.

    Returns:
        A copy of ``docs`` with ``is_duplicate`` (boolean), ``duplicate_of``
        (string, NA for first copies and unique texts) and
        ``duplicate_similarity`` (float, NaN when not a duplicate) set.

    Raises:
        ValueError: missing columns or a threshold outside (0, 1].
    """
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise ValueError(
            f"flag_duplicates: missing column(s) {missing} (found: {list(docs.columns)})"
        )
    if not 0 < threshold <= 1:
        raise ValueError(f"flag_duplicates: threshold must be in (0, 1], got {threshold!r}")
    n = len(docs)
    rank = _first_copy_order(docs)
    texts = [_normalized("" if pd.isna(t) else str(t)) for t in docs["text"].tolist()]
    digests = [hashlib.blake2b(t.encode(), digest_size=16).digest() for t in texts]
    first_exact: dict[bytes, int] = {}
    for i in np.argsort(rank, kind="stable").tolist():
        first_exact.setdefault(digests[i], i)
    reps = np.array(sorted(first_exact.values()), dtype=np.int64)  # one row per distinct text
    row_of = {doc: k for k, doc in enumerate(reps.tolist())}
    doc_row = np.array([row_of[first_exact[d]] for d in digests], dtype=np.int64)
    sig = _parallel_signatures([texts[i] for i in reps.tolist()], n_workers)
    root_row = _group_roots(sig, rank[reps], threshold)[doc_row]
    is_dup = reps[root_row] != np.arange(n)
    similarity = np.where(doc_row == root_row, 1.0, _similarities(sig, doc_row, root_row))
    ids = docs["doc_id"].astype("string").to_numpy(dtype=object)
    return docs.assign(
        is_duplicate=pd.array(is_dup, dtype="boolean"),
        duplicate_of=pd.array(np.where(is_dup, ids[reps[root_row]], None), dtype="string"),
        duplicate_similarity=np.where(is_dup, similarity, np.nan),
    )


def _parallel_signatures(texts: list[str], n_workers: int | None) -> np.ndarray:
    """Signatures of ``_normalized`` ``texts``, chunk by chunk on all cores when many."""
    from analysis.scale.engine import map_documents

    if not texts:
        return np.full((0, N_PERMUTATIONS), _MASK64, dtype=np.uint64)
    frame = pd.DataFrame({"text": texts}, dtype=object)
    return map_documents(frame, _frame_signatures, n_workers=n_workers, combine=np.vstack)


def exclude_duplicates(docs: pd.DataFrame) -> pd.DataFrame:
    """Rows that are not flagged duplicates (``flag_duplicates`` is run if needed).

    Args:
        docs: a corpus frame (``doc_id``, ``text``; ``is_duplicate`` if already flagged).

    Returns:
        A copy of ``docs`` without the rows whose ``is_duplicate`` is True,
        index reset, columns unchanged.
    """
    flagged = docs if "is_duplicate" in docs.columns else flag_duplicates(docs)
    keep = ~flagged["is_duplicate"].fillna(False).astype(bool).to_numpy()
    return docs[keep].reset_index(drop=True)
