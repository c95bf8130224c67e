"""Event pairs: the texts each side published about the same event, side by side.

The corpus column ``pair_group`` names groups of texts on one event by different
governments (``data/sample/event_pairs.json``), e.g. Japan's and Korea's readouts
of the same foreign ministers' meeting. For each text the table gives what a
reader compares first: the frames it uses most (``analysis.framing.code_frames``),
its choice among contested terms (``analysis.terms.count_term_variants``), whom it
credits (``analysis.voices.find_voices``) and its tone
(``analysis.sentiment.score_sentiment``).
"""

from __future__ import annotations

import pandas as pd

from analysis.actors import load_actors
from analysis.checks import require_columns
from analysis.voices import find_voices

__all__ = ["compare_pair", "pair_summary"]

PAIR_COLUMNS = [
    "pair_group", "doc_id", "outlet_country", "outlet", "published", "title",
    "top_frames", "term_choices", "voices", "n_voices", "textblob_polarity", "vader_compound",
]  # fmt: skip
REQUIRED = ["doc_id", "text", "pair_group", "outlet_country", "outlet", "published", "title"]


def _ranked(counts: pd.DataFrame, key: str, label: str, value: str, top: int) -> pd.Series:
    """``"label (n); ..."`` of the ``top`` largest ``value`` per ``key`` (ties by label)."""
    ranked = counts[counts[value] > 0].sort_values(
        [key, value, label], ascending=[True, False, True]
    )
    text = (
        ranked.groupby(key, sort=False)
        .head(top)
        .assign(_t=lambda d: d[label].astype(str) + " (" + d[value].astype(str) + ")")
    )
    return text.groupby(key, sort=False)["_t"].agg("; ".join)


def _top_frames(docs: pd.DataFrame, codebook: str, top: int) -> pd.Series:
    from analysis.framing import code_frames  # engineer D's module

    return _ranked(code_frames(docs, codebook), "doc_id", "frame", "n_matches", top)


def _term_choices(docs: pd.DataFrame, terms: str) -> pd.Series:
    """``"variant [side] (n); ..."`` of the contested-term variants each text uses."""
    from analysis.terms import count_term_variants  # engineer D's module

    counts = count_term_variants(docs, terms, by="doc_id")
    label = counts["variant"].astype(str) + " [" + counts["side"].astype(str) + "]"
    return _ranked(counts.assign(label=label), "doc_id", "label", "n_mentions", len(counts))


def _voices(docs: pd.DataFrame, top: int) -> tuple[pd.Series, pd.Series]:
    book = load_actors()
    labels = dict(zip(book.table["actor_id"], book.table["label"], strict=True))
    voices = find_voices(docs, codebook=book).assign(label=lambda d: d["actor_id"].map(labels))
    counts = voices.groupby(["doc_id", "label"]).size().rename("n").reset_index()
    return _ranked(counts, "doc_id", "label", "n", top), voices.groupby("doc_id").size()


def _pair_rows(docs: pd.DataFrame, *, codebook: str, terms: str, top: int) -> pd.DataFrame:
    from analysis.sentiment import score_sentiment  # engineer B's module

    if docs.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    voices, n_voices = _voices(docs, top)
    tone = score_sentiment(docs).set_index("doc_id")
    ids = docs["doc_id"]
    meta = ["pair_group", "doc_id", "outlet_country", "outlet", "published", "title"]
    frames = _top_frames(docs, codebook, top).to_dict()
    choices = _term_choices(docs, terms).to_dict()
    voices, n_voices = voices.to_dict(), n_voices.to_dict()
    out = docs[meta].assign(
        top_frames=[frames.get(i, "") for i in ids],
        term_choices=[choices.get(i, "") for i in ids],
        voices=[voices.get(i, "") for i in ids],
        n_voices=pd.array([n_voices.get(i, 0) for i in ids], dtype="int64"),
        textblob_polarity=ids.map(tone["textblob_polarity"]).to_numpy(float),
        vader_compound=ids.map(tone["vader_compound"]).to_numpy(float),
    )
    out = out.sort_values(["pair_group", "outlet_country", "published", "doc_id"])
    return out[PAIR_COLUMNS].reset_index(drop=True)


def compare_pair(
    docs: pd.DataFrame,
    pair_group: str,
    *,
    codebook: str = "kj_frames",
    terms: str = "contested_terms",
    top: int = 3,
) -> pd.DataFrame:
    """The texts of one event pair side by side, one row per document.

    Args:
        docs: corpus with ``doc_id``, ``text``, ``pair_group``, ``outlet_country``,
            ``outlet``, ``published``, ``title``.
        pair_group: the group id, e.g. ``"P2019-08-gsomia"``.
        codebook: frame codebook for ``top_frames``.
        terms: contested-terms file for ``term_choices``.
        top: how many frames and voices to list per text.

    Returns:
        DataFrame ``pair_group``, ``doc_id``, ``outlet_country``, ``outlet``,
        ``published``, ``title``, ``top_frames`` ("frame (n matches); ..."),
        ``term_choices`` ("variant [side] (n); ...", every variant used),
        ``voices`` ("actor label (n sentences); ..."), ``n_voices``,
        ``textblob_polarity``, ``vader_compound``; sorted by publisher country then date.
    """
    require_columns(docs, REQUIRED, what="compare_pair")
    chosen = docs[docs["pair_group"] == pair_group]
    if chosen.empty:
        groups = sorted(docs["pair_group"].dropna().unique())
        raise ValueError(f"no documents with pair_group {pair_group!r}; groups: {groups}")
    return _pair_rows(chosen, codebook=codebook, terms=terms, top=top)


def pair_summary(
    docs: pd.DataFrame,
    *,
    codebook: str = "kj_frames",
    terms: str = "contested_terms",
    top: int = 3,
) -> pd.DataFrame:
    """``compare_pair`` for every pair group of the corpus (documents without one are skipped).

    Returns:
        The columns of ``compare_pair``, sorted by ``pair_group``, publisher country, date.
    """
    require_columns(docs, REQUIRED, what="pair_summary")
    paired = docs[docs["pair_group"].notna()]
    return _pair_rows(paired, codebook=codebook, terms=terms, top=top)
