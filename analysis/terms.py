"""Contested terminology: which name a text uses for a disputed referent.

A terms file (``data/codebooks/contested_terms.yaml``) groups the variants naming the
same referent (Dokdo / Takeshima / Liancourt Rocks) with the side that characteristically
uses each. Counting the variants per outlet or publisher country shows whose vocabulary a
text adopts. Matching uses the codebook term syntax (``analysis.codebooks``).

The variants are English terms: documents whose ``language`` is known and not ``en``
are not searched (``analysis.codebooks.split_codable``; the count is logged). Variant
shares are shares of mentions, so a group's shares are those of its English texts; a
group made only of non-English texts shows zero mentions and NaN shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.checks import require_columns
from analysis.codebooks import (
    CodebookError,
    TermMatcher,
    load_yaml_entries,
    resolve_codebook_path,
    split_codable,
    validate_entry,
)

__all__ = [
    "TERM_MATCH_COLUMNS",
    "TermList",
    "Variant",
    "count_term_variants",
    "load_terms",
    "term_examples",
    "term_matches",
]

REFERENT_REQUIRED = {"id": str, "label": str, "variants": list[dict]}
REFERENT_OPTIONAL = {"description": str}
VARIANT_REQUIRED = {"variant": str, "side": str, "terms": list[str]}
VARIANT_OPTIONAL = {"exclusions": list[str], "regex": list[str], "note": str}
TERM_MATCH_COLUMNS = ["doc_id", "referent", "variant", "side", "term", "match", "start", "end"]
COUNT_COLUMNS = ["referent", "variant", "side", "n_mentions", "n_docs", "variant_share"]


@dataclass(frozen=True)
class Variant:
    """One name of a referent and the side that uses it."""

    referent: str
    variant: str
    side: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class TermList:
    """A validated contested-terms file with its compiled matcher (keys = variant index)."""

    name: str
    path: Path
    variants: tuple[Variant, ...]
    matcher: TermMatcher

    def table(self) -> pd.DataFrame:
        """The variants as a DataFrame: ``referent``, ``variant``, ``side``, ``terms``."""
        rows = [(v.referent, v.variant, v.side, "; ".join(v.terms)) for v in self.variants]
        return pd.DataFrame(rows, columns=["referent", "variant", "side", "terms"])


def _variants(entries: list[dict], file: str) -> list[Variant]:
    out = []
    for i, entry in enumerate(entries, start=1):
        seen: set[str] = set()
        for j, item in enumerate(entry["variants"], start=1):
            where = f"{file}: entry {i} (id {entry['id']!r}), variant {j}"
            validate_entry(
                item,
                where,
                required=VARIANT_REQUIRED,
                optional=VARIANT_OPTIONAL,
                terms=("terms", "exclusions"),
                regexes=("regex",),
            )
            if item["variant"] in seen:
                raise CodebookError(
                    f"{where}, field 'variant': duplicate variant {item['variant']!r}"
                )
            if not item["terms"]:
                raise CodebookError(f"{where}, field 'terms': no terms")
            seen.add(item["variant"])
            out.append((entry["id"], item))
    return out


def load_terms(name_or_path: str | Path | TermList = "contested_terms") -> TermList:
    """Load and validate a contested-terms file.

    Args:
        name_or_path: a name in ``config.CODEBOOK_DIR`` (``"contested_terms"``), a YAML
            path, or an already loaded ``TermList``.

    Returns:
        The ``TermList``: variants in file order and one compiled matcher.

    Raises:
        CodebookError: one line naming file, entry, variant and field.
    """
    if isinstance(name_or_path, TermList):
        return name_or_path
    path = resolve_codebook_path(name_or_path)
    entries = load_yaml_entries(
        path, required=REFERENT_REQUIRED, optional=REFERENT_OPTIONAL, list_key="referents"
    )
    pairs = _variants(entries, path.name)
    variants = tuple(
        Variant(ref, item["variant"], item["side"], tuple(item["terms"])) for ref, item in pairs
    )
    matcher = TermMatcher.build(
        [
            (str(k), item["terms"], item.get("regex", []), item.get("exclusions", []))
            for k, (_, item) in enumerate(pairs)
        ]
    )
    return TermList(name=path.stem, path=path, variants=variants, matcher=matcher)


def term_matches(
    docs: pd.DataFrame, terms: str | Path | TermList = "contested_terms"
) -> pd.DataFrame:
    """One row per counted mention of a variant.

    Args:
        docs: needs ``doc_id`` and ``text``.
        terms: a terms-file name, path or ``TermList``.

    Returns:
        DataFrame with ``doc_id``, ``referent``, ``variant``, ``side``, ``term`` (the
        listed term that matched), ``match`` (text matched), ``start``, ``end``.
        Non-English documents (``language`` set and not ``en``) are not searched; their
        number is logged.
    """
    require_columns(docs, ["doc_id", "text"], what="docs")
    tl = load_terms(terms)
    codable, _ = split_codable(docs, what="contested terms")
    rows = []
    for doc_id, text in zip(codable["doc_id"].tolist(), codable["text"].tolist(), strict=True):
        if isinstance(text, str) and text:
            for key, term, start, end, match in tl.matcher.find(text):
                v = tl.variants[int(key)]
                rows.append((doc_id, v.referent, v.variant, v.side, term, match, start, end))
    out = pd.DataFrame(rows, columns=TERM_MATCH_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"})


def count_term_variants(
    docs: pd.DataFrame,
    terms: str | Path | TermList = "contested_terms",
    *,
    by: str | tuple[str, ...] | list[str] | None = ("outlet", "outlet_country"),
) -> pd.DataFrame:
    """Mentions of each variant per group, and its share within its referent.

    Args:
        docs: needs ``doc_id``, ``text`` and the ``by`` columns.
        terms: a terms-file name, path or ``TermList``.
        by: grouping column(s) of ``docs`` (``doc_id`` counts per document); ``None`` or
            ``()`` counts over the whole corpus. A ``by`` column may not be named like
            an output column (``referent``, ``variant``, ``side``, ``n_mentions``,
            ``n_docs``, ``variant_share``): rename it first.

    Returns:
        One row per (group, variant) for every group present in ``docs`` and every
        variant of the file (zero counts included): the ``by`` columns, ``referent``,
        ``variant``, ``side``, ``n_mentions``, ``n_docs`` (documents using the variant),
        ``variant_share`` (n_mentions / mentions of any variant of the referent in the
        group; NaN when the group never names the referent). Shares are per mention, so
        non-English documents (not searched) do not dilute them.
    """
    keys = _group_keys(by)
    require_columns(docs, ["doc_id", "text", *keys], what="docs")
    tl = load_terms(terms)
    inner = [f"_by{i}" for i in range(len(keys))]  # private names: no clash with matches
    groups = docs[keys].set_axis(inner, axis=1).assign(doc_id=docs["doc_id"].to_numpy())
    matches = term_matches(docs, tl).merge(
        groups.drop_duplicates("doc_id"), on="doc_id", how="left"
    )
    present = groups[inner].drop_duplicates() if keys else pd.DataFrame(index=[0])
    grid = present.merge(tl.table()[["referent", "variant", "side"]], how="cross")
    counts = (
        matches.groupby([*inner, "referent", "variant"], dropna=False)
        .agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    out = grid.merge(counts, on=[*inner, "referent", "variant"], how="left")
    out = out.assign(
        n_mentions=out["n_mentions"].fillna(0).astype("int64"),
        n_docs=out["n_docs"].fillna(0).astype("int64"),
    )
    total = out.groupby([*inner, "referent"], dropna=False)["n_mentions"].transform("sum")
    share = out["n_mentions"] / total.where(total > 0, np.nan)
    out = out.assign(variant_share=share.astype(float))
    out = out.sort_values([*inner, "referent"], kind="stable").reset_index(drop=True)
    return out.rename(columns=dict(zip(inner, keys, strict=True)))


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
        ``sentence``, ``match``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1; got {n}")
    matches = term_matches(docs, terms)
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs[["doc_id", "text"]])
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
        rows.append((m.referent, m.variant, m.side, m.doc_id, sid, sentence, m.match))
    cols = ["referent", "variant", "side", "doc_id", "sentence_id", "sentence", "match"]
    return pd.DataFrame(rows, columns=cols)
