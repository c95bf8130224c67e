"""Voices: who is quoted or credited in a text, and each publisher group's share per country.

Built on the actor codebook and mentions of ``analysis.actors`` (``find_actor_mentions``).
Patterns, tried on each sentence that mentions an actor (``pattern`` column):

``actor_verb``   "X said/stated/told/announced/denied/confirmed/..." (``SPEECH_VERBS``)
                 with up to three words between: lowercase words, institution
                 words or a date ("Yoon's office said", "Tokyo officials
                 responded", "Japan has repeatedly stressed", "U.S. Defense
                 Department expressed", "X on Nov. 7 expressed"), but not across
                 "and"/"who"/"which"/"that"/"the" or punctuation;
``statement``    "a X statement said", "X's statement stressed";
``verb_actor``   "..., said X" / '..." said X' (the verb must follow a comma or
                 a closing quote, so "Kishida said Japan would" credits only Kishida);
``according_to`` "according to (up to four words) X";
``it_said``      a sentence opening "It said", "The ministry said", "The statement
                 added", ... with no voice of its own takes the voice of the
                 previous sentence of the same document if that sentence credits
                 exactly one actor; otherwise it is left unresolved (no row);
``he_said``      '"...," he said' / "She added ..." (그는 … 말했다, 同氏は … 述べた) with no
                 voice of its own takes the one person mentioned or credited in
                 the ``MAX_CARRY`` sentences before it: "Kishida arrived. Talks
                 began at noon. 'We agreed,' he said." credits Kishida; two people
                 there, or none within reach, leave it unresolved;
``ko_subject`` / ``ja_subject``  Korean and Japanese sentences: the actor marked as
                 subject or topic (윤석열 대통령은, 岸田首相は) of a reporting verb
                 (밝혔다, 말했다, 강조했다, 述べた, と語った, 強調した ...), and "에 따르면",
                 "によると" as ``according_to``: ``analysis.voices_cjk``.

A mention inside a quotation ("... the Japanese government expressed ..." quoted
from a Korean official) is not a voice: the voice is the quoted speaker's.

``quote`` is the whole sentence that carries the voice.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.actors import _sentence_mentions, load_actors
from analysis.checks import require_columns
from analysis.text import sentence_table
from analysis.voices_cjk import HE_SAID_CJK, cjk_voices, is_cjk_sentence

__all__ = ["MAX_CARRY", "SPEECH_VERBS", "VOICE_COLUMNS", "find_voices", "voices_by_country"]

MAX_CARRY = 3  # how many sentences back "he said" looks for its person

VOICE_COLUMNS = ["doc_id", "sentence_id", "actor_id", "country", "verb", "pattern", "quote"]
SPEECH_VERBS = (
    "said|says|say|stated|states|told|tells|announced|announces|denied|denies|confirmed|"
    "confirms|noted|notes|expressed|expresses|stressed|stresses|emphasized|emphasised|"
    "emphasizes|emphasises|added|adds|warned|warns|urged|urges|insisted|insists|argued|"
    "argues|claimed|claims|responded|responds|explained|explains|protested|protests|"
    "criticized|criticised|criticizes|criticises|voiced|voices|briefed|remarked|replied|"
    "mentioned|mentions|reiterated|reiterates|conveyed|conveys|welcomed|welcomes|requested|"
    "requests|asked|asks|proposed|proposes|commented|comments|pointed\\s+out"
)
_APOS = "['\u2019]"
# Words between an actor and its verb: lowercase words, institution words, a date.
# Words that end the subject (and, which, the, ...) stop it: the verb is another clause's.
_STOP = r"(?!(?:and|or|but|who|which|that|when|while|if|whose|whom|the|a|an|its|their)\b)"
_INSTITUTION = r"(?:Defen[cs]e|Foreign|Trade|Ministry|Department|Government|Office|Embassy)"
_DATE = r"(?:on|in)\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][a-z]+day)"
_FILLER = rf"(?:{_STOP}(?P<stmt>statement)|{_STOP}[a-z][a-z\-]*|{_INSTITUTION}|{_DATE})"
_AFTER = re.compile(rf"^(?:{_APOS}s?)?(?:\s+{_FILLER}){{0,3}}?\s+(?P<verb>{SPEECH_VERBS})(?!\w)")
_BEFORE_VERB = re.compile(
    r"[,\"'\u201d\u2019]\s*(?P<verb>said|says|stated|added|noted|wrote|told\s+reporters)"
    r"\s+(?:the\s+|a\s+)?(?:[A-Z][\w\-.]*\s+){0,4}$"
)
_ACCORDING = re.compile(r"(?<!\w)(?P<verb>according\s+to)\s+(?:[\w'\u2019\-.]+\s+){0,4}$", re.I)
_IT_SAID = re.compile(
    r"^[\"'\u201c]?(?:It|The (?:ministry|office|statement|government|readout|spokesperson))"
    rf"\s+(?:also\s+)?(?P<verb>{SPEECH_VERBS})(?!\w)"
)
_HE_SAID = re.compile(
    r"(?:^[\"'\u201c]?|[,\"'\u201d\u2019]\s*)(?:[Hh]e|[Ss]he)"
    rf"\s+(?:also\s+)?(?P<verb>{SPEECH_VERBS})(?!\w)"
)


def _in_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in the sentence."""
    head = text[:pos]
    return (
        head.count("\u201c") > head.count("\u201d")
        or head.count('"') % 2 == 1
        or head.count("\u300c") > head.count("\u300d")
        or head.count("\u300e") > head.count("\u300f")
    )


def _voices_in_sentence(text: str, mentions: list[tuple]) -> list[tuple[str, str, str]]:
    """``(actor_id, verb, pattern)`` for the mentions credited in one sentence.

    A mention inside a quotation is the quoted speaker's report, not a voice; "Japan's
    claims" (a possessive directly before the verb) is a noun, not a verb.
    """
    found = []
    for actor, start, end in mentions:
        if _in_quote(text, start):
            continue
        after = _AFTER.match(text[end:])
        if after and not (after[0][:1] in "'\u2019" and len(after[0].split()) < 3):
            pattern = "statement" if after["stmt"] else "actor_verb"
            found.append((actor, after["verb"].lower(), pattern))
            continue
        before = text[:start]
        for rx, pattern in ((_BEFORE_VERB, "verb_actor"), (_ACCORDING, "according_to")):
            hit = rx.search(before)
            if hit:
                found.append((actor, " ".join(hit["verb"].lower().split()), pattern))
                break
    unique = {}
    for actor, verb, pattern in found:
        unique.setdefault(actor, (actor, verb, pattern))
    return list(unique.values())


def _carried_voice(text: str, sid: int, history: list, kind: dict) -> list[tuple[str, str, str]]:
    """A voice carried over from earlier sentences by "It said" or "he/she said".

    ``history`` holds (sentence_id, voices, mentioned actors) of the document's earlier
    sentences, latest last. "It said" takes the only voice of the previous sentence;
    "he said" the person mentioned or credited in the ``MAX_CARRY`` sentences before it
    when there is exactly one. Anything ambiguous stays unresolved.
    """
    if not history or history[-1][0] != sid - 1:
        return []
    prev_voices = history[-1][1]
    it_said = _IT_SAID.match(text)
    if it_said and len(set(prev_voices)) == 1:
        return [(prev_voices[0], it_said["verb"].lower(), "it_said")]
    he_said = _HE_SAID.search(text) or HE_SAID_CJK.match(text)
    if not he_said:
        return []
    people: set[str] = set()
    for back, (prev_sid, voices, mentioned) in enumerate(reversed(history), start=1):
        if back > MAX_CARRY or prev_sid != sid - back:
            break
        people |= {a for a in [*mentioned, *voices] if kind[a] == "person"}
    if len(people) == 1:
        return [(people.pop(), he_said["verb"].lower(), "he_said")]
    return []


def find_voices(docs: pd.DataFrame, *, codebook=None) -> pd.DataFrame:
    """Who is quoted or credited in each sentence (see the module docstring for the patterns).

    Args:
        docs: corpus with ``doc_id`` and ``text``.
        codebook: actor codebook name, path or ``ActorCodebook``.

    Returns:
        DataFrame ``doc_id``, ``sentence_id``, ``actor_id``, ``country``, ``verb``,
        ``pattern``, ``quote`` (the sentence); one row per credited actor and sentence.
    """
    require_columns(docs, ["doc_id", "text"], what="find_voices")
    book = load_actors(codebook)
    sentences = sentence_table(docs)
    mentions = _sentence_mentions(sentences, book)
    by_sentence: dict[tuple, list] = {}
    for row in mentions.itertuples(index=False):
        by_sentence.setdefault((row.doc_id, row.sentence_id), []).append(
            (row.actor_id, row.start, row.end)
        )
    rows, previous = [], {}
    for doc_id, sid, text, offset in zip(
        sentences["doc_id"],
        sentences["sentence_id"],
        sentences["sentence"],
        sentences["start"],
        strict=True,
    ):
        local = [(a, s - offset, e - offset) for a, s, e in by_sentence.get((doc_id, sid), [])]
        if is_cjk_sentence(text):
            voices = cjk_voices(text, local, _in_quote)
        else:
            voices = _voices_in_sentence(text, local)
        history = previous.setdefault(doc_id, [])
        if not voices:
            voices = _carried_voice(text, sid, history, book.kind)
        history.append((sid, [v[0] for v in voices], [m[0] for m in local]))
        del history[:-MAX_CARRY]
        rows.extend((doc_id, int(sid), a, book.country[a], v, p, text) for a, v, p in voices)
    return pd.DataFrame(rows, columns=VOICE_COLUMNS).astype({"sentence_id": "int64"})


def voices_by_country(
    voices: pd.DataFrame, docs: pd.DataFrame, *, by: str = "outlet_country"
) -> pd.DataFrame:
    """Share of the voices in each publisher group that come from each actor country.

    Args:
        voices: output of ``find_voices`` (needs ``doc_id``, ``country``).
        docs: corpus with ``doc_id`` and the ``by`` column.
        by: column of ``docs`` that defines the publisher groups (documents with a
            missing value are left out).

    Returns:
        DataFrame ``<by>``, ``country`` (of the credited actor), ``n_voices``,
        ``n_docs`` (documents of the group that credit that country),
        ``voice_share`` (``n_voices`` / all voices of the group); every group of
        ``docs`` with at least one voice gets a row for every country seen anywhere.
    """
    require_columns(voices, ["doc_id", "country"], what="voices_by_country (voices)")
    require_columns(docs, ["doc_id", by], what="voices_by_country (docs)")
    merged = voices[["doc_id", "country"]].merge(docs[["doc_id", by]], on="doc_id", how="inner")
    grouped = merged.groupby([by, "country"], sort=True)
    table = pd.DataFrame({"n_voices": grouped.size(), "n_docs": grouped["doc_id"].nunique()})
    full = pd.MultiIndex.from_product(
        [sorted(merged[by].dropna().unique()), sorted(merged["country"].unique())],
        names=[by, "country"],
    )
    table = table.reindex(full, fill_value=0).reset_index()
    totals = table.groupby(by)["n_voices"].transform("sum")
    table["voice_share"] = table["n_voices"] / totals
    return table.astype({"n_voices": "int64", "n_docs": "int64"})
