"""Term syntax and the compiled matcher shared by frame codebooks and term lists.

Term syntax (``terms`` and ``exclusions``; see data/codebooks/README.md):

- matched case-insensitively on word boundaries;
- a space or hyphen inside a term matches any run of spaces and hyphens
  ("intelligence sharing" finds "intelligence-sharing"), and a term written without
  separators matches only that spelling (list "whitelist" and "white list" both);
- a straight apostrophe matches straight and curly apostrophes;
- a trailing ``*`` on a word matches any word ending ("apolog*": apology, apologised);
- every other character is literal. ``regex`` entries are Python regular expressions
  (compiled case-insensitively) for what the term syntax cannot say.

A match that lies inside a match of one of the same entry's ``exclusions`` does not
count ("summit" inside "the summit of Mount Fuji").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["TermMatcher", "term_pattern"]

_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_APOS = "['\u2018\u2019\u02bc]"
_TERM_OK = re.compile(r"^[^\s*]+(\*)?$")


def term_pattern(term: str) -> str:
    """Translate a codebook term into a regular expression (without flags).

    Args:
        term: a word or multiword expression in the codebook term syntax.

    Returns:
        The pattern, anchored on word boundaries.

    Raises:
        ValueError: empty term or a ``*`` that is not at the end of a word.
    """
    words = [w for w in re.split(r"[\s\-\u2010\u2011\u2012\u2013]+", term.strip()) if w]
    if not words:
        raise ValueError("empty pattern")
    parts = []
    for word in words:
        if not _TERM_OK.match(word):
            raise ValueError(f"bad term {term!r}: '*' only at the end of a word")
        stem, star = (word[:-1], True) if word.endswith("*") else (word, False)
        escaped = "".join(_APOS if ch in "'\u2019\u2018" else re.escape(ch) for ch in stem)
        parts.append(escaped + (r"\w*" if star else ""))
    return r"(?<!\w)" + _SEP.join(parts) + r"(?!\w)"


_WORD_START = r"(?<!\w)"
# Characters a `*` in an exclusion may add; exclusions are searched in a window this
# much wider than their longest term on each side of a match.
_WILDCARD_SLACK = 40
_WORD_KEY = re.compile(r"\b\w\w?")  # a word start and its first one or two characters


def _bucket_key(term: str) -> str | None:
    """Lowercased first two characters of the term's first word (None: scan by regex)."""
    head = re.match(r"\w+", term.strip())
    if head is None or (len(head.group()) < 2 and term.strip()[1:2] == "*"):
        return None
    return head.group()[:2].lower()


def _may_be_excluded(term: str, exclusions: list[str]) -> bool:
    """Whether ``term`` could match inside one of ``exclusions`` (conservative).

    A term whose first word starts like some word of an exclusion may lie inside it
    (wildcards only extend word endings); any other term never does, so its matches
    skip the exclusion check. Regexes and terms without a word key are always checked.
    """
    key = _bucket_key(term) if not term.startswith("(") else None
    if key is None:
        return True
    starts = {w[:2].lower() for ex in exclusions for w in re.findall(r"\w+", ex)}
    return any(s.startswith(key) for s in starts)


def _merge(first: list[re.Match], second: list[re.Match]) -> list[re.Match]:
    """Non-overlapping union of two match lists: leftmost first, then longest."""
    out, end = [], -1
    for m in sorted(first + second, key=lambda m: (m.start(), -m.end())):
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


@dataclass(frozen=True)
class TermMatcher:
    """Many keyed term lists matched in one pass over a text, with per-key exclusions.

    Terms are bucketed by the first two letters of their first word; a text is scanned
    word start by word start and only the bucket for that word's first letters is tried
    (one compiled alternation per bucket, longest term first). So a span counts once,
    for the longest term found there, and a term listed under several keys counts for
    each. ``regex`` entries (and terms not starting with a letter or digit) form one
    more alternation scanned over the whole text; its matches are merged with the
    terms' (leftmost, then longest, wins).
    """

    keys: tuple[str, ...]
    buckets: dict[str, re.Pattern]
    fallback: re.Pattern | None
    group_keys: dict[str, tuple[tuple[str, str], ...]]
    exclusions: dict[str, tuple[TermMatcher, int]] = field(default_factory=dict)
    checked: frozenset[tuple[str, str]] = frozenset()  # (key, term) an exclusion may contain

    @classmethod
    def build(cls, entries: list[tuple[str, list[str], list[str], list[str]]]) -> TermMatcher:
        """Compile ``(key, terms, regexes, exclusions)`` tuples into one matcher."""
        owners: dict[str, list[tuple[str, str]]] = {}
        bucket: dict[str, str | None] = {}  # pattern -> bucket key (None: fallback)
        for key, terms, regexes, _ in entries:
            for term in terms:
                pattern = term_pattern(term)
                if key in (k for k, _ in owners.get(pattern, ())):
                    continue  # a spelling variant the term syntax already covers
                owners.setdefault(pattern, []).append((key, term))
                bucket[pattern] = _bucket_key(term)
            for rx in regexes:
                owners.setdefault(f"(?:{rx})", []).append((key, rx))
                bucket[f"(?:{rx})"] = None
        ordered = sorted(owners, key=lambda p: (-len(p), p))
        names = {p: f"t{i}" for i, p in enumerate(ordered)}
        grouped: dict[str | None, list[str]] = {}
        for p in ordered:
            body = p[len(_WORD_START) :] if bucket[p] is not None else p
            grouped.setdefault(bucket[p], []).append(f"(?P<{names[p]}>{body})")
        compiled = {k: re.compile("|".join(v), re.IGNORECASE) for k, v in grouped.items()}
        excl = {
            key: (cls.build([(key, ex, [], [])]), max(len(t) for t in ex) + _WILDCARD_SLACK)
            for key, _, _, ex in entries
            if ex
        }
        checked = frozenset(
            (key, term)
            for key, terms, regexes, ex in entries
            if ex
            for term in [*terms, *regexes]
            if _may_be_excluded(term, ex)
        )
        return cls(
            keys=tuple(e[0] for e in entries),
            buckets={k: v for k, v in compiled.items() if k is not None},
            fallback=compiled.get(None),
            group_keys={names[p]: tuple(v) for p, v in owners.items()},
            exclusions=excl,
            checked=checked,
        )

    def _scan(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match]:
        end_pos = len(text) if endpos is None else endpos
        hits, end = [], -1
        for word in _WORD_KEY.finditer(text, pos, end_pos):
            at = word.start()
            if at < end:
                continue
            rx = self.buckets.get(word.group().lower())
            m = rx.match(text, at, end_pos) if rx is not None else None
            if m is not None:
                hits.append(m)
                end = m.end()
        if self.fallback is not None:
            extra = list(self.fallback.finditer(text, pos, end_pos))
            if extra:
                hits = _merge(hits, extra)
        return hits

    def _excluded(self, key: str, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a match of ``key``'s exclusions.

        Only a window around the match is searched: an exclusion containing the match
        cannot start more than its own length before it.
        """
        matcher, width = self.exclusions[key]
        window = matcher._scan(text, max(0, start - width), min(len(text), end + width))
        return any(m.start() <= start and end <= m.end() for m in window)

    def find(self, text: str) -> list[tuple[str, str, int, int, str]]:
        """Return ``(key, term, start, end, matched_text)`` for every counted match in ``text``."""
        out = []
        for m in self._scan(text):
            start, end = m.span()
            for key, term in self.group_keys[m.lastgroup]:
                if (key, term) not in self.checked or not self._excluded(key, text, start, end):
                    out.append((key, term, start, end, m.group()))
        return out
