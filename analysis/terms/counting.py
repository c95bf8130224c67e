"""Counting contested-term variants per document and per group, with their usage."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.checks import require_columns
from analysis.codebooks import split_codable
from analysis.terms.termlist import TermList, load_terms
from analysis.terms.usage import USAGES

__all__ = [
    "COUNT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "TERM_MATCH_COLUMNS",
    "count_term_variants",
    "count_terms_by_document",
    "term_examples",
    "term_matches",
]

TERM_MATCH_COLUMNS = [
    "doc_id",
    "referent",
    "variant",
    "side",
    "term",
    "match",
    "start",
    "end",
    "usage",
    "term_language",
]
COUNT_COLUMNS = [
    "referent",
    "variant",
    "side",
    "n_mentions",
    "n_docs",
    "variant_share",
    "n_gloss",
    "n_quote",
]
DOCUMENT_COLUMNS = ["doc_id", "referent", "variant", "side", "n_mentions", "n_own", "n_gloss",
                    "n_quote"]  # fmt: skip


def mention_rows(tl: TermList, doc_id, text: str, offset: int = 0) -> list[tuple]:
    """``TERM_MATCH_COLUMNS`` rows for one text (``offset`` is added to the offsets)."""
    rows = []
    for index, language, term, start, end, match, usage in tl.find(text):
        v = tl.variants[index]
        side = v.side_in(language)
        rows.append(
            (doc_id, v.referent, v.variant, side, term, match, start + offset, end + offset,
             usage, language)
        )  # fmt: skip
    return rows


def term_matches(
    docs: pd.DataFrame,
    terms: str | Path | TermList = "contested_terms",
    *,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per counted mention of a variant, with how the text uses it.

    Each sentence is searched on its own (``TermList.find``), as the scale path does, so
    usage and the ``context`` of a referent are decided within the sentence.

    Args:
        docs: needs ``doc_id`` and ``text``.
        terms: a terms-file name, path or ``TermList``.
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.

    Returns:
        DataFrame with ``doc_id``, ``referent``, ``variant``, ``side`` (of the variant in
        the language of the term found), ``term`` (the listed term that matched),
        ``match`` (the raw text matched), ``start``, ``end`` (offsets into ``text``),
        ``usage`` (own | gloss | quote: ``analysis.terms.usage``), ``term_language``.
        Documents in languages the file has no terms for are not searched (count logged).
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    tl = load_terms(terms)
    codable, _ = split_codable(docs, what="contested terms", languages=tl.languages)
    codable = codable[codable["text"].map(lambda t: isinstance(t, str) and bool(t)).astype(bool)]
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(codable[["doc_id", "text", *_language(codable)]])
    else:
        require_columns(sentences, ["doc_id", "sentence", "start"], what="sentences")
        sentences = sentences[sentences["doc_id"].isin(set(codable["doc_id"]))]
    rows = []
    columns = (sentences[c].tolist() for c in ("doc_id", "sentence", "start"))
    for doc_id, sentence, start in zip(*columns, strict=True):
        rows.extend(mention_rows(tl, doc_id, sentence, int(start)))
    out = pd.DataFrame(rows, columns=TERM_MATCH_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"})


def _language(docs: pd.DataFrame) -> list[str]:
    return ["language"] if "language" in docs.columns else []


def _check_usage(usage: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    chosen = (usage,) if isinstance(usage, str) else tuple(usage)
    bad = [u for u in chosen if u not in USAGES]
    if bad or not chosen:
        raise ValueError(f"usage must be one or more of: {', '.join(USAGES)}; got {usage!r}")
    return chosen


def count_term_variants(
    docs: pd.DataFrame,
    terms: str | Path | TermList = "contested_terms",
    *,
    by: str | tuple[str, ...] | list[str] | None = ("outlet", "outlet_country"),
    usage: tuple[str, ...] | list[str] | str = ("own",),
) -> pd.DataFrame:
    """Mentions of each variant per group, and its share within its referent.

    Args:
        docs: needs ``doc_id``, ``text`` and the ``by`` columns.
        terms: a terms-file name, path or ``TermList``.
        by: grouping column(s) of ``docs`` (``doc_id`` counts per document); ``None`` or
            ``()`` counts over the whole corpus. A ``by`` column may not be named like
            an output column: rename it first.
        usage: which mentions count in ``n_mentions``, ``n_docs`` and the shares: by
            default only the text's ``own`` uses (a gloss such as "which Japan calls
            Takeshima" or a quotation is not the text's choice of name); add ``"gloss"``
            and/or ``"quote"`` to count those too.

    Returns:
        One row per (group, variant, side) for every group present in ``docs`` and every
        variant of the file (zero counts included): the ``by`` columns, ``referent``,
        ``variant``, ``side``, ``n_mentions``, ``n_docs`` (documents using the variant),
        ``variant_share`` (n_mentions / counted mentions of any variant of the referent
        in the group; NaN when there are none), ``n_gloss``, ``n_quote`` (glossed and
        quoted mentions, whatever ``usage``). A variant whose side differs by language
        has one row per side.
    """
    keys = _group_keys(by)
    counted = _check_usage(usage)
    require_columns(docs, ["doc_id", "text", *keys], what="docs")
    tl = load_terms(terms)
    inner = [f"_by{i}" for i in range(len(keys))]  # private names: no clash with matches
    groups = docs[keys].set_axis(inner, axis=1).assign(doc_id=docs["doc_id"].to_numpy())
    matches = term_matches(docs, tl).merge(
        groups.drop_duplicates("doc_id"), on="doc_id", how="left"
    )
    present = groups[inner].drop_duplicates() if keys else pd.DataFrame(index=[0])
    sides = tl.sides_table()[["referent", "variant", "side"]].drop_duplicates()
    grid = present.merge(sides, how="cross")
    cells = [*inner, "referent", "variant", "side"]
    used = matches[matches["usage"].isin(counted)]
    counts = (
        used.groupby(cells, dropna=False)
        .agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    other = matches.assign(
        n_gloss=matches["usage"].eq("gloss"), n_quote=matches["usage"].eq("quote")
    )
    other = other.groupby(cells, dropna=False)[["n_gloss", "n_quote"]].sum().reset_index()
    out = grid.merge(counts, on=cells, how="left").merge(other, on=cells, how="left")
    out = out.assign(**{c: out[c].fillna(0).astype("int64") for c in
                        ("n_mentions", "n_docs", "n_gloss", "n_quote")})  # fmt: skip
    total = out.groupby([*inner, "referent"], dropna=False)["n_mentions"].transform("sum")
    share = out["n_mentions"] / total.where(total > 0, np.nan)
    out = out.assign(variant_share=share.astype(float))
    out = out.sort_values([*inner, "referent"], kind="stable").reset_index(drop=True)
    out = out[[*inner, *COUNT_COLUMNS]]
    return out.rename(columns=dict(zip(inner, keys, strict=True)))


def count_terms_by_document(
    docs: pd.DataFrame,
    terms: str | Path | TermList = "contested_terms",
    *,
    n_workers: int | None = None,
) -> pd.DataFrame:
    """One row per (document, referent, variant, side) the document mentions.

    Args:
        docs: needs ``doc_id`` and ``text``.
        terms: a terms-file name, path or ``TermList``.
        n_workers: processes (None: all cores; 1: this process; a corpus under
            ``analysis.scale.engine.PARALLEL_MIN_CHARS`` characters or with
            repeated ``doc_id`` s stays in this process). The result does not
            depend on it (tests check equality on real text).

    Returns:
        ``doc_id``, ``referent``, ``variant``, ``side``, ``n_mentions`` (every mention),
        ``n_own``, ``n_gloss``, ``n_quote`` (by usage; they sum to ``n_mentions``), in
        document order then file order of the variants. Documents without mentions
        have no rows.
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    if n_workers != 1 and not docs["doc_id"].duplicated().any():
        from analysis.scale.engine import map_documents

        loaded = load_terms(terms)  # cached here, so forked workers find it in load_terms' cache
        book = loaded if isinstance(terms, TermList) else terms
        job = functools.partial(count_terms_by_document, terms=book, n_workers=1)
        return map_documents(docs, job, n_workers=n_workers)
    matches = term_matches(docs, terms)
    return summarise_mentions(matches, docs)


def summarise_mentions(matches: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """``count_terms_by_document`` from a mention table (also used by the scale path).

    Returns:
        ``DOCUMENT_COLUMNS``, in the order of ``docs`` then first mention.
    """
    keys = ["doc_id", "referent", "variant", "side"]
    flags = matches.assign(**{f"n_{u}": matches["usage"].eq(u) for u in USAGES})
    grouped = flags.groupby(keys, sort=False, dropna=False)
    out = grouped[[f"n_{u}" for u in USAGES]].sum().reset_index()
    out = out.assign(n_mentions=out[[f"n_{u}" for u in USAGES]].sum(axis=1))
    order = {d: i for i, d in enumerate(docs["doc_id"].tolist())}
    out = out.assign(_o=out["doc_id"].map(order)).sort_values("_o", kind="stable")
    out = out.drop(columns="_o").reset_index(drop=True)
    return out[DOCUMENT_COLUMNS].astype({c: "int64" for c in DOCUMENT_COLUMNS[4:]})


def _group_keys(by: str | tuple[str, ...] | list[str] | None) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by or [])
    for key in keys:
        if not isinstance(key, str):
            raise ValueError(f"by: column names must be strings; got {key!r}")
        if key in COUNT_COLUMNS:
            raise ValueError(
                f"by: column {key!r} has the name of an output column of "
                f"count_term_variants ({', '.join(COUNT_COLUMNS)}); rename it in docs first, "
                f"e.g. docs.rename(columns={{{key!r}: 'group_{key}'}})"
            )
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"by: column(s) {', '.join(map(repr, repeated))} listed twice")
    return keys


def term_examples(
    docs: pd.DataFrame,
    terms: str | Path | TermList = "contested_terms",
    *,
    n: int = 2,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Up to ``n`` example sentences for each variant found, in corpus order.

    Args:
        docs: needs ``doc_id`` and ``text``.
        terms: a terms-file name, path or ``TermList``.
        n: examples per variant (one per document at most).
        sentences: ``analysis.text.sentence_table(docs)`` if already computed.

    Returns:
        DataFrame with ``referent``, ``variant``, ``side``, ``doc_id``, ``sentence_id``,
        ``sentence``, ``match``, ``usage``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1; got {n}")
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text", *_language(docs)]])
    matches = term_matches(docs, terms, sentences=sentences)
    first = matches.drop_duplicates(["referent", "variant", "doc_id"])
    picked = first.groupby(["referent", "variant"], sort=False).head(n)
    rows = []
    by_doc = {d: g for d, g in sentences.groupby("doc_id", sort=False)}
    for m in picked.itertuples(index=False):
        sents = by_doc.get(m.doc_id)
        hit = (
            sents[(sents["start"] <= m.start) & (m.start < sents["end"])]
            if sents is not None
            else []
        )
        sid, sentence = (
            (int(hit.iloc[0]["sentence_id"]), hit.iloc[0]["sentence"]) if len(hit) else (-1, "")
        )
        rows.append((m.referent, m.variant, m.side, m.doc_id, sid, sentence, m.match, m.usage))
    cols = ["referent", "variant", "side", "doc_id", "sentence_id", "sentence", "match", "usage"]
    return pd.DataFrame(rows, columns=cols)
