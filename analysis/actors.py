"""Actors and directed tone: who is mentioned, and the tone of the sentences that mention them.

Measures built on one actor codebook (``data/codebooks/actors.yaml``); who is quoted
or credited (voices) is ``analysis.voices``, built on these mentions:

- **Mentions**: every alias of every actor, per sentence, with character offsets.
  Longest alias wins at a position ("North Korea" is KP, not KR "Korea"); a
  metonym ("Seoul", "Tokyo") right after a place word ("in", "to", "visit ...")
  names a place and is not counted. Matching rules are in the codebook header.
- **Directed tone**: sentence sentiment (``analysis.sentiment.score_sentences``)
  of the sentences that mention each side's actors, averaged per publisher group
  with a document-cluster bootstrap interval (documents are resampled, because
  sentences of one text are not independent). A sentence that mentions actors of
  several countries counts for each of them and is flagged ``is_mixed``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.checks import check_choice, require_columns
from analysis.codebooks import CodebookError, load_yaml_entries, term_pattern
from analysis.small_groups import small_group_note, warn_small_groups
from analysis.text import sentence_table

logger = logging.getLogger(__name__)

__all__ = [
    "ActorCodebook",
    "count_actor_mentions",
    "directed_tone",
    "find_actor_mentions",
    "load_actors",
    "tone_sentences",
]

DEFAULT_ACTORS = "actors"
COUNTRIES = ("JP", "KR", "US", "KP", "CN")
TYPES = ("person", "office", "government", "metonym", "company", "court")
MENTION_COLUMNS = ["doc_id", "sentence_id", "actor_id", "country", "alias", "start", "end"]
TONE_MEASURES = ("textblob_polarity", "vader_compound")
# A metonym after one of these words names a place ("talks in Seoul"), not a government.
PLACE_WORDS = (
    "in|at|to|from|near|around|outside|via|toward|towards|visit|visits|visited|visiting|trip"
)
_PLACE_BEFORE = re.compile(rf"(?<!\w)(?:{PLACE_WORDS})\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class ActorCodebook:
    """A validated actor codebook: the actor table and one compiled alias regex."""

    path: Path
    table: pd.DataFrame  # actor_id, label, country, type, aliases (";"-joined)
    regex: re.Pattern
    owners: dict[str, str | None]  # regex group -> actor_id (None: an exclusion)
    country: dict[str, str]  # actor_id -> country
    kind: dict[str, str]  # actor_id -> type

    def find(self, text: str) -> list[tuple[str, int, int, str]]:
        """Return ``(actor_id, start, end, matched_text)`` for every counted mention in ``text``."""
        out = []
        for m in self.regex.finditer(text):
            actor = self.owners[m.lastgroup]
            if actor is None:
                continue
            if self.kind[actor] == "metonym" and _PLACE_BEFORE.search(text, 0, m.start()):
                continue
            out.append((actor, m.start(), m.end(), m.group()))
        return out


def _alias_pattern(alias: str) -> str:
    """Codebook term pattern; one-word aliases stay case-sensitive, longer ones do not."""
    pattern = term_pattern(alias)
    return pattern if len(alias.split()) == 1 else f"(?i:{pattern})"


def _check_actor(entry: dict, where: str) -> None:
    for field, valid in (("country", COUNTRIES), ("type", TYPES)):
        if entry[field] not in valid:
            raise CodebookError(
                f"{where}, field '{field}': {entry[field]!r} is not one of {', '.join(valid)}"
            )
    if not entry["aliases"]:
        raise CodebookError(f"{where}, field 'aliases': empty list")


def load_actors(codebook: str | Path | ActorCodebook | None = None) -> ActorCodebook:
    """Load and validate an actor codebook.

    Args:
        codebook: a name in ``data/codebooks`` ("actors"), a YAML path, an already
            loaded ``ActorCodebook`` (returned as is), or None for the default.

    Returns:
        ``ActorCodebook``; its ``table`` has columns ``actor_id``, ``label``,
        ``country``, ``type``, ``aliases`` (``;``-joined).

    Raises:
        CodebookError: one line naming file, entry and field (unknown key, bad
            country or type, empty alias, duplicate id, an alias given to two actors).
    """
    if isinstance(codebook, ActorCodebook):
        return codebook
    name = codebook or DEFAULT_ACTORS
    path = (
        Path(name)
        if str(name).endswith((".yaml", ".yml"))
        else config.CODEBOOK_DIR / f"{name}.yaml"
    )
    required = {"id": str, "label": str, "country": str, "type": str, "aliases": list[str]}
    entries = load_yaml_entries(
        path,
        required=required,
        optional={"exclude": list[str], "notes": str},
        list_key="actors",
        terms=("aliases", "exclude"),
    )
    return _compile(path, entries)


def _alias_owners(path: Path, entries: list[dict]) -> dict[str, str | None]:
    """Pattern -> actor_id (None for exclusions); an alias given to two actors is an error."""
    owners: dict[str, str | None] = {}
    for i, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {i} (id {entry['id']!r}), field 'aliases'"
        _check_actor(entry, where.rsplit(",", 1)[0])
        for alias in entry["aliases"]:
            pattern = _alias_pattern(alias)
            if owners.get(pattern, entry["id"]) != entry["id"]:
                raise CodebookError(
                    f"{where}: {alias!r} is already an alias of {owners[pattern]!r}"
                )
            owners[pattern] = entry["id"]
        for phrase in entry.get("exclude", []):
            owners.setdefault(f"(?i:{term_pattern(phrase)})", None)
    return owners


def _compile(path: Path, entries: list[dict]) -> ActorCodebook:
    owners = _alias_owners(path, entries)
    groups = {f"a{i}": p for i, p in enumerate(sorted(owners, key=lambda p: (-len(p), p)))}
    # A cheap guard first: most positions are not the start of any alias.
    words = [t for e in entries for t in e["aliases"] + e.get("exclude", [])]
    heads = "".join(sorted({ch for t in words for ch in (t[0].lower(), t[0].upper())}))
    alternatives = "|".join(f"(?P<{g}>{p})" for g, p in groups.items())
    regex = re.compile(rf"(?<!\w)(?=[{re.escape(heads)}])(?:{alternatives})")
    table = pd.DataFrame(
        {
            "actor_id": [e["id"] for e in entries],
            "label": [e["label"] for e in entries],
            "country": [e["country"] for e in entries],
            "type": [e["type"] for e in entries],
            "aliases": [";".join(e["aliases"]) for e in entries],
        }
    )
    return ActorCodebook(
        path=path,
        table=table,
        regex=regex,
        owners={g: owners[p] for g, p in groups.items()},
        country=dict(zip(table["actor_id"], table["country"], strict=True)),
        kind=dict(zip(table["actor_id"], table["type"], strict=True)),
    )


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
    scored = score_sentences(docs)  # its sentences are analysis.text.sentence_table's
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
