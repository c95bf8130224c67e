"""Actors and directed tone: who is mentioned, and the tone of the sentences that mention them.

Measures built on one actor codebook (``data/codebooks/actors.yaml``); who is quoted
or credited (voices) is ``analysis.voices``, built on these mentions:

- **Mentions**: every alias of every actor, in English, Korean and Japanese (윤석열
  대통령, 岸田首相, 외교부, 外務省 ...), per sentence, with character offsets into the
  document. Longest alias wins at a position ("North Korea" is KP, not KR "Korea"); a
  metonym ("Seoul", 도쿄, ソウル) used as a place ("in Seoul", 도쿄에서, ソウルで) is not
  counted, nor is a country name inside a bilateral label ("Japan-ROK", "ROK-U.S.").
  The codebook and its matching rules: ``analysis.codebooks.actors``.
- **Directed tone**: sentence sentiment (``analysis.sentiment.score_sentences``)
  of the sentences that mention each side's actors, averaged per publisher group
  with a document-cluster bootstrap interval (documents are resampled, because
  sentences of one text are not independent). A sentence that mentions actors of
  several countries counts for each of them and is flagged ``is_mixed``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.codebooks.actors import COUNTRIES, PLACE_WORDS, TYPES, ActorCodebook, load_actors
from analysis.small_groups import small_group_note, warn_small_groups
from analysis.text import sentence_table

logger = logging.getLogger(__name__)

__all__ = [
    "COUNTRIES",
    "PLACE_WORDS",
    "TYPES",
    "ActorCodebook",
    "count_actor_mentions",
    "directed_tone",
    "find_actor_mentions",
    "load_actors",
    "tone_sentences",
]

MENTION_COLUMNS = ["doc_id", "sentence_id", "actor_id", "country", "alias", "start", "end"]
TONE_MEASURES = ("textblob_polarity", "vader_compound")


def _sentence_mentions(sentences: pd.DataFrame, book: ActorCodebook) -> pd.DataFrame:
    """Mentions in a sentence table (offsets into the document text)."""
    country = book.country
    rows = []
    for doc_id, sid, text, start in zip(
        sentences["doc_id"],
        sentences["sentence_id"],
        sentences["sentence"],
        sentences["start"],
        strict=True,
    ):
        for actor, s, e, alias in book.find(text):
            rows.append((doc_id, int(sid), actor, country[actor], alias, start + s, start + e))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def find_actor_mentions(docs: pd.DataFrame, *, codebook=None) -> pd.DataFrame:
    """Every mention of every actor, one row per mention.

    Args:
        docs: corpus with ``doc_id`` and ``text``.
        codebook: actor codebook name, path or ``ActorCodebook`` (default "actors").

    Returns:
        DataFrame ``doc_id``, ``sentence_id``, ``actor_id``, ``country``, ``alias``
        (the text as written), ``start``, ``end`` (offsets into the document text).
    """
    require_columns(docs, ["doc_id", "text"], what="find_actor_mentions")
    return _sentence_mentions(sentence_table(docs), load_actors(codebook))


def count_actor_mentions(docs: pd.DataFrame, *, codebook=None) -> pd.DataFrame:
    """Number of mentions of each actor in each document (actors never mentioned are omitted).

    Returns:
        DataFrame ``doc_id``, ``actor_id``, ``country``, ``n_mentions``, sorted by
        document order then descending count.
    """
    return mention_counts(find_actor_mentions(docs, codebook=codebook), docs)


def mention_counts(mentions: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Count a mention table (doc_id, actor_id, country, ...) per document and actor.

    Returns:
        DataFrame ``doc_id``, ``actor_id``, ``country``, ``n_mentions`` in the order
        of ``docs``, then descending count, then ``actor_id``.
    """
    counts = (
        mentions.groupby(["doc_id", "actor_id", "country"], sort=False)
        .size()
        .rename("n_mentions")
        .reset_index()
    )
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    counts = counts.assign(_o=counts["doc_id"].map(order))
    counts = counts.sort_values(["_o", "n_mentions", "actor_id"], ascending=[True, False, True])
    return counts.drop(columns="_o").reset_index(drop=True).astype({"n_mentions": "int64"})


def tone_sentences(docs: pd.DataFrame, *, codebook=None) -> pd.DataFrame:
    """Scored sentences that mention actors, one row per (sentence, actor country).

    Returns:
        DataFrame ``doc_id``, ``sentence_id``, ``sentence``, ``target`` (actor
        country), ``n_mentions``, ``is_mixed`` (the sentence mentions actors of more
        than one country), ``textblob_polarity``, ``vader_compound``. Sentences of
        unscored (non-English) documents are left out.
    """
    from analysis.sentiment import score_sentences  # engineer B's module

    require_columns(docs, ["doc_id", "text"], what="tone_sentences")
    book = load_actors(codebook)
    scored = score_sentences(docs, engines=["textblob", "vader"])  # only TONE_MEASURES used
    mentions = _sentence_mentions(scored, book)
    per = (
        mentions.groupby(["doc_id", "sentence_id", "country"], sort=False)
        .size()
        .rename("n_mentions")
        .reset_index()
        .rename(columns={"country": "target"})
    )
    n_countries = per.groupby(["doc_id", "sentence_id"])["target"].transform("nunique")
    per = per.assign(is_mixed=n_countries > 1)
    keep = ["doc_id", "sentence_id", "sentence", *TONE_MEASURES]
    out = per.merge(scored[keep], on=["doc_id", "sentence_id"], how="inner")
    out = out.dropna(subset=list(TONE_MEASURES), how="all")
    columns = ["doc_id", "sentence_id", "sentence", "target", "n_mentions", "is_mixed"]
    return out[columns + list(TONE_MEASURES)].reset_index(drop=True)


def _mean_ci(part: pd.DataFrame, measure: str, *, n_resamples: int, seed: int) -> dict:
    """Sentence mean of ``measure`` and its 95% interval, resampling documents (clusters)."""
    per_doc = part.dropna(subset=[measure]).groupby("doc_id")[measure].agg(["sum", "count"])
    sums, counts = per_doc["sum"].to_numpy(float), per_doc["count"].to_numpy(float)
    mean = sums.sum() / counts.sum() if counts.sum() else np.nan
    low = high = np.nan
    if len(sums) >= 2:
        idx = np.random.default_rng(seed).integers(0, len(sums), size=(n_resamples, len(sums)))
        low, high = np.percentile(sums[idx].sum(axis=1) / counts[idx].sum(axis=1), [2.5, 97.5])
    return {measure: mean, f"{measure}_ci_low": low, f"{measure}_ci_high": high}


def directed_tone(
    docs: pd.DataFrame,
    *,
    target: str | None = None,
    by: str = "outlet_country",
    codebook=None,
    n_resamples: int = 2000,
    seed: int = config.RANDOM_SEED,
    min_n: int = 5,
) -> pd.DataFrame:
    """Tone of the sentences that mention one side's actors, per publisher group.

    "Tone toward Japan in Korean government texts" is
    ``directed_tone(docs, target="JP").query("outlet_country == 'KR'")``.

    Args:
        docs: corpus with ``doc_id``, ``text`` and the ``by`` column.
        target: actor country (JP, KR, US, KP, CN) or None for every country.
        by: column of ``docs`` that defines the publisher groups (documents with a
            missing value are left out).
        codebook: actor codebook name, path or ``ActorCodebook``.
        n_resamples: bootstrap resamples (documents are resampled).
        seed: seed of the resampling.
        min_n: rows resting on fewer documents than this get a ``warning`` (and one
            ``UserWarning`` for the call), as in ``analysis.compare.compare_groups``.

    Returns:
        DataFrame ``<by>``, ``target``, ``n_sentences``, ``n_docs``, ``n_mixed``,
        and for each of ``textblob_polarity`` and ``vader_compound`` the mean over
        sentences plus ``<measure>_ci_low`` / ``<measure>_ci_high`` (95%, NaN with
        fewer than two documents), then ``warning`` ("too small to say anything
        (n_docs=2 < 5)", or "" when fine).
    """
    check_choice("target", target, [*COUNTRIES, None])
    require_columns(docs, ["doc_id", "text", by], what="directed_tone")
    sentences = tone_sentences(docs, codebook=codebook)
    if target is not None:
        sentences = sentences[sentences["target"] == target]
    data = sentences.merge(docs[["doc_id", by]], on="doc_id", how="inner")
    rows = []
    for (group, side), part in data.groupby([by, "target"], sort=True):
        n_docs, n_mixed = part["doc_id"].nunique(), int(part["is_mixed"].sum())
        row = {by: group, "target": side, "n_sentences": len(part)}
        row.update(n_docs=n_docs, n_mixed=n_mixed)
        for measure in TONE_MEASURES:
            row.update(_mean_ci(part, measure, n_resamples=n_resamples, seed=seed))
        rows.append(row)
    columns = [by, "target", "n_sentences", "n_docs", "n_mixed"]
    for measure in TONE_MEASURES:
        columns += [measure, f"{measure}_ci_low", f"{measure}_ci_high"]
    return _flag_small(pd.DataFrame(rows, columns=columns), by=by, min_n=min_n)


def _flag_small(table: pd.DataFrame, *, by: str, min_n: int) -> pd.DataFrame:
    """Add the ``warning`` column and warn once about the rows with too few documents."""
    labels = [f"{g}->{t}" for g, t in table[[by, "target"]].to_numpy()]
    notes = [
        small_group_note({label: n}, min_n=min_n, unit="n_docs")
        for label, n in zip(labels, table["n_docs"], strict=True)
    ]
    table = table.assign(warning=pd.Series(notes, index=table.index, dtype="string"))
    sizes = dict(zip(labels, table["n_docs"], strict=True))
    warn_small_groups("directed_tone", sizes, min_n=min_n, unit="n_docs", stacklevel=4)
    return table
