"""Match each distinct sentence once: fast paths for the dictionary scorers.

News repeats sentences (wire copy, boilerplate, republished statements), so a
partition usually holds far fewer distinct sentences than sentences. These
functions split documents with ``analysis.text.sentence_table``, run the
package's own compiled matchers (``analysis.framing`` codebooks,
``analysis.actors``, ``analysis.terms``) once per distinct sentence, place the
matches back at every occurrence, and aggregate exactly as the package
functions do. tests/test_scale_sentences.py checks that the results equal
``code_frames`` / ``count_actor_mentions`` / ``term_matches`` on the sample
corpus.

Actor mentions are found per sentence by ``analysis.actors`` itself, so the
result is identical by construction. Frame and term matchers run on the whole
text in their packages; here a match cannot span two sentences — a term
broken by a sentence boundary is not a term, so this only differs on text
where a multi-word term straddles a split.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.scale.cache import hash_file, hash_frame_content
from analysis.text import sentence_table

MEMO_LIMIT = 500_000  # distinct sentences remembered per codebook and process
_BOOKS: dict[tuple[str, str], tuple[object, dict[str, list]]] = {}
_LAST_OCCURRENCES: dict[str, tuple[pd.DataFrame, list[str]]] = {}


def sentence_occurrences(docs: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Sentence table with the index of each sentence among the distinct sentences.

    Args:
        docs: needs ``doc_id`` and ``text``; not modified.

    Returns:
        (occurrences with doc_id, sentence_id, start, key; the distinct sentence
        texts, ``key`` indexing them).
    """
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise ValueError(f"docs: missing required column(s) {missing}; found {list(docs.columns)}")
    content = hash_frame_content(docs)
    if content in _LAST_OCCURRENCES:  # the scorers of one partition share one split
        return _LAST_OCCURRENCES[content]
    table = sentence_table(docs[["doc_id", "text"]])
    codes, uniques = pd.factorize(table["sentence"])
    occurrences = table[["doc_id", "sentence_id", "start"]].assign(key=codes)
    result = occurrences.reset_index(drop=True), [str(s) for s in uniques]
    _LAST_OCCURRENCES.clear()
    _LAST_OCCURRENCES[content] = result
    return result


def _book_and_memo(kind: str, path: Path, load: Callable[[], object]) -> tuple[object, dict]:
    """The loaded codebook and its sentence -> matches memo, per file content and process."""
    key = (kind, hash_file(path) if path.is_file() else str(path))
    if key not in _BOOKS:
        _BOOKS[key] = (load(), {})
    return _BOOKS[key]


def _place(occurrences: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Copy the matches of each distinct sentence to its occurrences; offsets into the document."""
    placed = occurrences.merge(found, on="key", how="inner", sort=False)
    return placed.assign(start=placed["start"] + placed["s"], end=placed["start"] + placed["e"])


def _find_all(
    uniques: list[str], find: Callable[[str], list[tuple]], columns: list[str], memo: dict
) -> pd.DataFrame:
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    rows = []
    for key, text in enumerate(uniques):
        hits = memo.get(text)
        if hits is None:
            hits = memo[text] = find(text)
        rows.extend((key, *hit) for hit in hits)
    return pd.DataFrame(rows, columns=["key", *columns]).astype({"key": "int64"})


def code_frames_by_sentence(docs: pd.DataFrame, codebook: str = "kj_frames") -> pd.DataFrame:
    """``analysis.framing.code_frames`` with each distinct sentence matched once.

    The matches are placed back into their documents and aggregated by the package's
    own ``analysis.framing.summarise_matches`` (denials, quotes, evidence, the
    calibrated ``present``), so the table is the package's.

    Returns:
        The ``code_frames`` table: one row per (document, frame).
    """
    from analysis.codebooks import load_codebook, split_codable
    from analysis.framing.coding import (
        MATCH_COLUMNS,
        _doc_languages,
        mark_context,
        summarise_matches,
    )

    path = config.CODEBOOK_DIR / f"{codebook}.yaml"
    book, memo = _book_and_memo("frames", path, lambda: load_codebook(codebook))
    # as code_frames: only documents in the codebook's languages
    docs, _ = split_codable(docs, what="frames", languages=book.languages)
    occurrences, uniques = sentence_occurrences(docs)
    found = _find_all(uniques, book.find, ["frame", "term", "s", "e", "match"], memo)
    placed = _place(occurrences, found).sort_values(["doc_id", "start"], kind="stable")
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    langs = dict(zip(docs["doc_id"].tolist(), _doc_languages(docs), strict=True))
    context = []
    for doc_id, grp in placed.groupby("doc_id", sort=False):
        hits = list(
            zip(grp["frame"], grp["term"], grp["start"], grp["end"], grp["match"], strict=True)
        )
        context.extend(mark_context(texts[doc_id], hits, langs[doc_id]))
    placed = placed.assign(in_quote=[c[0] for c in context], is_negated=[c[1] for c in context])
    order = {d: i for i, d in enumerate(pd.unique(docs["doc_id"]).tolist())}
    placed = placed.assign(_o=placed["doc_id"].map(order)).sort_values(
        ["_o", "start"], kind="stable"
    )
    matches = placed[MATCH_COLUMNS].reset_index(drop=True)
    return summarise_matches(matches, docs, book, sentences=occurrences)


def count_actor_mentions_by_sentence(docs: pd.DataFrame) -> pd.DataFrame:
    """``analysis.actors.count_actor_mentions`` with each distinct sentence matched once.

    Returns:
        doc_id, actor_id, country, n_mentions; document order, then descending
        count, then actor_id.
    """
    from analysis.actors import load_actors, mention_counts

    path = config.CODEBOOK_DIR / "actors.yaml"
    book, memo = _book_and_memo("actors", path, lambda: load_actors(None))
    occurrences, uniques = sentence_occurrences(docs)
    found = _find_all(uniques, book.find, ["actor_id", "s", "e", "alias"], memo)
    found = found.assign(country=found["actor_id"].map(book.country))
    return mention_counts(_place(occurrences, found), docs)


def count_terms_by_sentence(docs: pd.DataFrame, terms: str = "contested_terms") -> pd.DataFrame:
    """Contested-term mentions per document, each distinct sentence matched once.

    Returns:
        ``analysis.terms.DOCUMENT_COLUMNS``: doc_id, referent, variant, side, n_mentions,
        n_own, n_gloss, n_quote — only pairs with mentions; group sums of ``n_own``
        reproduce ``analysis.terms.count_term_variants`` (usage and context are decided
        within the sentence, by the same ``TermList.find``).
    """
    from analysis.codebooks import split_codable
    from analysis.terms import load_terms, summarise_mentions

    path = config.CODEBOOK_DIR / f"{terms}.yaml"
    book, memo = _book_and_memo("terms", path, lambda: load_terms(terms))
    docs, _ = split_codable(docs, what="contested terms", languages=book.languages)
    occurrences, uniques = sentence_occurrences(docs)
    columns = ["variant_key", "term_language", "term", "s", "e", "match", "usage"]
    found = _find_all(uniques, book.find, columns, memo)
    variants = book.variants
    keyed = [variants[int(k)] for k in found["variant_key"]]
    found = found.assign(
        referent=[v.referent for v in keyed],
        variant=[v.variant for v in keyed],
        side=[v.side_in(lang) for v, lang in zip(keyed, found["term_language"], strict=True)],
    )
    return summarise_mentions(_place(occurrences, found), docs)
