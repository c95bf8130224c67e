"""The actor codebook: actors, their aliases in English, Korean and Japanese, and the matcher.

Loaded by ``load_actors`` (re-exported by ``analysis.actors``). Matching rules, on top of
the codebook term syntax (``analysis.codebooks.matcher``; NFKC, offsets into the raw text):

- the leftmost mention wins, then the longest alias there ("North Korea" is KP, never KR
  "Korea"; 岸田文雄首相 is one mention); a one-word Latin alias is case-sensitive ("Abe",
  not "abe"), longer ones are not;
- a Korean alias must start a word (not "주일본" or "뉴스가" for 스가); Japanese aliases
  may start anywhere (韓国の尹錫悦大統領は);
- a metonym ("Seoul", 서울, ソウル) names a place, not a government, after a place word
  ("in Seoul", "visit to Tokyo") or before a place particle (서울에서, 도쿄를 방문,
  ソウルで, 東京を訪問) and is not counted;
- a country name inside a bilateral or trilateral label ("Japan-ROK", "ROK-U.S.",
  "Korea-Japan", "Japan-Republic of Korea (ROK) Summit") is a label, not a mention of the
  government; 日韓 / 한일 / 한미일 contain no alias and are never mentions;
- a second name of the same actor in brackets right after the first (尹錫悦(ユン・ソクヨル),
  the reading) is the same mention;
- ``exclude`` (and ``exclusions`` in a ``ko``/``ja`` mapping) lists longer phrases that
  contain an alias but do not name the actor ("Sea of Japan", 일본해, 日本海, 日本人).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.codebooks.matcher import TermMatcher, term_pattern
from analysis.codebooks.schema import (
    TRANSLATION_KEYS,
    CodebookError,
    load_yaml_entries,
    read_term_sets,
    read_while_unchanged,
)

__all__ = ["COUNTRIES", "PLACE_WORDS", "TYPES", "ActorCodebook", "load_actors"]

DEFAULT_ACTORS = "actors"
COUNTRIES = ("JP", "KR", "US", "KP", "CN")
TYPES = ("person", "office", "government", "metonym", "company", "court")
# A metonym after one of these words names a place ("talks in Seoul"), not a government.
PLACE_WORDS = (
    "in|at|to|from|near|around|outside|via|toward|towards|visit|visits|visited|visiting|trip"
)
_PLACE_BEFORE = re.compile(rf"(?<!\w)(?:{PLACE_WORDS})\s+$", re.IGNORECASE)
# ... or before one of these particles: 서울에서, 도쿄에, 도쿄를 방문; ソウルで, 東京を訪問.
_PLACE_AFTER = re.compile(
    r"^(?:에서|에|으로|로|발|행|시내|시청|공항|을\s*방문|를\s*방문|을\s*찾|를\s*찾"
    r"|で|に|へ|から|まで|を訪|訪問|市内|市|都内|入り|発|駅|空港|・)"
)
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_OPEN_BRACKETS = ("(", "\uff08")
_LABEL_SEP = r"\s?[\-\u2010\u2011\u2013/]\s?"
_ABBREVIATION = r"(?:\s*\((?:ROK|DPRK|PRC|US|U\.S\.|USA|Japan)\))?"


@dataclass(frozen=True)
class ActorCodebook:
    """A validated actor codebook: the actor table and one compiled matcher."""

    path: Path
    table: pd.DataFrame  # actor_id, label, country, type, aliases (";"-joined)
    matcher: TermMatcher
    country: dict[str, str]  # actor_id -> country
    kind: dict[str, str]  # actor_id -> type
    labels: re.Pattern  # bilateral/trilateral labels built from country-name aliases

    def find(self, text: str) -> list[tuple[str, int, int, str]]:
        """Return ``(actor_id, start, end, matched_text)`` for every counted mention in ``text``."""
        found = self.matcher.find(text)
        if not found:
            return []
        label_spans = [m.span() for m in self.labels.finditer(text)]
        out: list[tuple[str, int, int, str]] = []
        for actor, _, start, end, match in found:
            kind = self.kind[actor]
            if out and out[-1][0] == actor and text[out[-1][2] : start].strip() in _OPEN_BRACKETS:
                continue  # a reading in brackets: 尹錫悦(ユン・ソクヨル), 岸田文雄（きしだ ふみお）
            if _HANGUL.match(match) and start > 0 and _HANGUL.match(text[start - 1]):
                continue
            if kind == "metonym" and (
                _PLACE_BEFORE.search(text, 0, start) or _PLACE_AFTER.match(text[end : end + 6])
            ):
                continue
            if kind in ("government", "metonym") and any(
                s <= start and end <= e for s, e in label_spans
            ):
                continue
            out.append((actor, start, end, match))
        return out


def _check_actor(entry: dict, where: str) -> None:
    for field, valid in (("country", COUNTRIES), ("type", TYPES)):
        if entry[field] not in valid:
            raise CodebookError(
                f"{where}, field '{field}': {entry[field]!r} is not one of {', '.join(valid)}"
            )
    if not entry["aliases"]:
        raise CodebookError(f"{where}, field 'aliases': empty list")


def _exact_case(alias: str) -> bool:
    """One-word Latin aliases match case-sensitively ("Abe", "ROK"); others do not."""
    return len(alias.split()) == 1 and not _HANGUL.search(alias) and alias.isascii()


def load_actors(codebook: str | Path | ActorCodebook | None = None) -> ActorCodebook:
    """Load and validate an actor codebook.

    Args:
        codebook: a name in ``data/codebooks`` ("actors"), a YAML path, an already
            loaded ``ActorCodebook`` (returned as is), or None for the default.

    Returns:
        ``ActorCodebook``; its ``table`` has columns ``actor_id``, ``label``,
        ``country``, ``type``, ``aliases`` (``;``-joined, every language).

    Raises:
        CodebookError: one line naming file, entry and field (unknown key, bad
            country or type, empty alias in any language, duplicate id, an alias given
            to two actors, a Korean alias with kana or a Japanese one with Hangul).
    """
    if isinstance(codebook, ActorCodebook):
        return codebook
    name = codebook or DEFAULT_ACTORS
    path = (
        Path(name)
        if str(name).endswith((".yaml", ".yml"))
        else config.CODEBOOK_DIR / f"{name}.yaml"
    )
    return read_while_unchanged(path, _read_actors)


def _read_actors(path: Path) -> ActorCodebook:
    """Parse and compile an actor codebook file."""
    required = {"id": str, "label": str, "country": str, "type": str, "aliases": list[str]}
    optional = {"exclude": list[str], "notes": str}
    optional.update({lang: (list[str], dict) for lang in TRANSLATION_KEYS})
    entries = load_yaml_entries(
        path,
        required=required,
        optional=optional,
        list_key="actors",
        terms=("aliases", "exclude"),
    )
    return _compile(path, entries)


def _keyed_aliases(path: Path, entries: list[dict]) -> list[tuple[str, list, list, list]]:
    """(actor_id, aliases, [], exclusions) per actor; an alias given to two actors is an error."""
    owners: dict[str, str] = {}
    keyed = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {i} (id {entry['id']!r})"
        _check_actor(entry, where)
        sets = read_term_sets({**entry, "exclusions": entry.get("exclude", [])}, where,
                              term_key="aliases")  # fmt: skip
        aliases = [a for s in sets.values() for a in s.terms]
        for alias in aliases:
            pattern = term_pattern(alias) + ("" if _exact_case(alias) else "/i")
            if owners.get(pattern, entry["id"]) != entry["id"]:
                raise CodebookError(
                    f"{where}, field 'aliases': {alias!r} is already an alias of "
                    f"{owners[pattern]!r}"
                )
            owners[pattern] = entry["id"]
        exclusions = [x for s in sets.values() for x in s.exclusions]
        keyed.append((entry["id"], aliases, [], exclusions))
    return keyed


def _label_pattern(entries: list[dict]) -> re.Pattern:
    """Hyphenated chains of two or more country names: "Japan-ROK", "U.S.-Japan-ROK"."""
    names = sorted(
        {a for e in entries if e["type"] in ("government", "metonym") for a in e["aliases"]
         if a.isascii()},
        key=len,
        reverse=True,
    )  # fmt: skip
    one = "(?:" + "|".join(re.escape(n) for n in names) + ")" + _ABBREVIATION
    return re.compile(rf"(?<![\w\-]){one}(?:{_LABEL_SEP}{one})+(?![\w])")


def _compile(path: Path, entries: list[dict]) -> ActorCodebook:
    keyed = _keyed_aliases(path, entries)
    table = pd.DataFrame(
        {
            "actor_id": [e["id"] for e in entries],
            "label": [e["label"] for e in entries],
            "country": [e["country"] for e in entries],
            "type": [e["type"] for e in entries],
            "aliases": [";".join(k[1]) for k in keyed],
        }
    )
    return ActorCodebook(
        path=path,
        table=table,
        matcher=TermMatcher.build(keyed, exact_case=_exact_case),
        country=dict(zip(table["actor_id"], table["country"], strict=True)),
        kind=dict(zip(table["actor_id"], table["type"], strict=True)),
        labels=_label_pattern(entries),
    )
