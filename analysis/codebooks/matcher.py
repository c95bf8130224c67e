"""Term syntax and the compiled matcher shared by frame codebooks, term lists and actors.

Term syntax (``terms``, ``exclusions``, ``ko``/``ja`` lists; see data/codebooks/README.md):

- texts and terms are compared after NFKC normalisation (full-width ``ＧＳＯＭＩＡ`` and
  half-width ``ｶﾞ`` match ``GSOMIA`` and ``ガ``); offsets and ``match`` refer to the
  raw text as given;
- case-insensitive; a term that starts or ends with a Latin letter or digit is anchored
  on a word boundary there, where only Latin letters and digits count as word
  characters ("GSOMIA" is found in "GSOMIA를" and "日韓GSOMIA", not in "GSOMIAs");
- Korean and Japanese (Hangul, kana, kanji/hanja) edges have no boundary: Korean
  particles and Japanese compounds attach to the term ("독도는", "輸出規制強化");
- a space or hyphen between Latin words matches any run of spaces and hyphens
  ("intelligence sharing" finds "intelligence-sharing"); a space next to Korean or
  Japanese text matches any run of spaces, or none (Korean spacing: ``수출 규제`` finds
  "수출 규제" and "수출규제"); a term written without a space matches only that spelling;
- a straight apostrophe matches straight and curly apostrophes;
- a trailing ``*`` on a Latin word matches any word ending ("apolog*": apology,
  apologised); after Korean or Japanese text it is an error (those edges are open);
- every other character is literal. ``regex`` entries are Python regular expressions
  (compiled case-insensitively) searched in the NFKC-normalised text.

A match that lies inside a match of one of the same entry's ``exclusions`` does not
count ("summit" inside "the summit of Mount Fuji").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["CJK", "TermMatcher", "has_cjk", "nfkc_with_offsets", "term_pattern"]

# Hangul (jamo, compatibility jamo, syllables), kana, CJK ideographs and their marks.
CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
)
_CJK_CHAR = re.compile(f"[{CJK}]")
_LW = rf"(?-i:[^\W{CJK}])"  # a word character that is not Korean or Japanese (case-blind)
_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_SEP_CHARS = re.compile(r"([\s\-\u2010\u2011\u2012\u2013]+)")
_APOS = "['\u2018\u2019\u02bc]"
_WORD_START = rf"(?<!{_LW})"
_WORD_END = rf"(?!{_LW})"
# Characters a `*` in an exclusion may add; exclusions are searched in a window this
# much wider than their longest term on each side of a match.
_WILDCARD_SLACK = 40
# Scan positions: a Latin word start with its first one or two characters, or any
# Korean/Japanese character (those terms may start inside a written word).
_SCAN_KEY = re.compile(rf"(?<!{_LW}){_LW}{_LW}?|[{CJK}]")
_WORD = re.compile(r"\b\w+")  # the Latin words of a text without Korean/Japanese
_UNSEEN = object()  # a scan key not looked up yet


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Hangul, kana or CJK ideograph character."""
    return _CJK_CHAR.search(text) is not None


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CHAR.match(ch) is not None


def _is_latin_word(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_") and not _is_cjk(ch)


def _escape(stem: str) -> str:
    return "".join(_APOS if ch in "'\u2019\u2018" else re.escape(ch) for ch in stem)


def term_pattern(term: str) -> str:
    """Translate a codebook term into a regular expression (without flags).

    The pattern is meant for NFKC-normalised text (``TermMatcher`` normalises both).

    Args:
        term: a word or multiword expression in the codebook term syntax, in any language.

    Returns:
        The pattern, anchored on word boundaries at Latin edges.

    Raises:
        ValueError: empty term, a ``*`` that is not at the end of a Latin word.
    """
    pieces = _SEP_CHARS.split(unicodedata.normalize("NFKC", term).strip())
    words, seps = pieces[0::2], pieces[1::2]
    if not any(words):
        raise ValueError("empty pattern")
    parts: list[str] = []
    for i, word in enumerate(words):
        if not word:
            continue
        if "*" in word[:-1] or word == "*":
            raise ValueError(f"bad term {term!r}: '*' only at the end of a word")
        star = word.endswith("*")
        stem = word[:-1] if star else word
        if star and not _is_latin_word(stem[-1]):
            raise ValueError(
                f"bad term {term!r}: '*' only after a Latin letter or digit "
                "(Korean and Japanese terms match any ending already)"
            )
        if parts:
            prev, sep = words[i - 1][-1:], seps[i - 1]
            open_gap = (_is_cjk(prev) or _is_cjk(stem[0])) and not sep.strip()
            parts.append(r"\s*" if open_gap else _SEP)
        parts.append(_escape(stem) + (rf"{_LW}*" if star else ""))
    body = "".join(parts)
    first, last = words[0] or words[1], words[-1].rstrip("*") or words[-2]
    head = _WORD_START if _is_latin_word(first[0]) else ""
    tail = _WORD_END if _is_latin_word(last[-1]) and not words[-1].endswith("*") else ""
    return head + body + tail


def _bucket_key(term: str) -> str | None:
    """The scan key a match of ``term`` starts with (None: scan it by regex everywhere).

    Korean/Japanese first character: that character; Latin: the lowercased first one or
    two characters of the first word (one if the word is one character or ``x*``).
    """
    text = unicodedata.normalize("NFKC", term).strip()
    if not text:
        return None
    if _is_cjk(text[0]):
        return text[0]
    head = re.match(_LW + "+", text)
    if head is None or (len(head.group()) < 2 and text[1:2] == "*"):
        return None
    return head.group()[:2].lower()


def _plain_key(term: str) -> tuple[str, str] | None | bool:
    """Where a match of ``term`` can start in a text without Korean/Japanese characters.

    ``("w", word)``: only at a word that is exactly ``word`` (lowercased): the term's first
    word is written out, and whatever follows it in the term (a space, hyphen,
    punctuation, the end) is no word character, so the word in the text ends there too.
    ``("s", stem)``: at a word starting with ``stem`` (a ``stem*`` wildcard of two or
    more characters). None: anywhere (scanned by regex, as for ``_bucket_key``).
    False: nowhere (the term starts with a Korean/Japanese character).
    """
    text = unicodedata.normalize("NFKC", term).strip()
    if text and _is_cjk(text[0]):
        return False
    head = re.match(_LW + "+", text)
    if head is None:
        return None
    word = head.group()
    if text[len(word) : len(word) + 1] != "*":
        return ("w", word.lower())
    return ("s", word.lower()) if len(word) >= 2 else None


def _may_be_excluded(term: str, exclusions: list[str]) -> bool:
    """Whether ``term`` could match inside one of ``exclusions`` (conservative).

    A Latin term whose first word starts like some word of an exclusion may lie inside
    it (wildcards only extend word endings); any other Latin term never does, so its
    matches skip the exclusion check. Regexes, Korean/Japanese text and terms without a
    word key are always checked.
    """
    key = _bucket_key(term) if not term.startswith("(") else None
    if key is None or has_cjk(term) or any(has_cjk(ex) for ex in exclusions):
        return True
    starts = {w[:2].lower() for ex in exclusions for w in re.findall(_LW + "+", ex)}
    return any(s.startswith(key) for s in starts)


def _edges(pattern: str) -> tuple[str, str, str]:
    """(word-start anchor, body, word-end anchor) of a ``term_pattern`` (anchors may be "")."""
    head = _WORD_START if pattern.startswith(_WORD_START) else ""
    body = pattern[len(head) :]
    tail = _WORD_END if body.endswith(_WORD_END) and len(body) > len(_WORD_END) else ""
    return head, body[: len(body) - len(tail)], tail


def _alternation(named: list[tuple[str, str]], regexes: set[str]) -> str:
    """``(?P<name>pattern)|...`` in order, consecutive terms sharing their anchors factored.

    ``A(?!x)|B(?!x)`` and ``(?:A|B)(?!x)`` match the same at every position
    (the engine backtracks into the group when the anchor fails, then tries
    ``B``), and the group spans are the same (anchors are zero-width). The
    anchors' character class holds every Korean/Japanese range, whose compiling
    costs ~1.5 ms each: written once per run of terms instead of twice per term,
    a codebook compiles several times faster (tests check the matches are equal).
    """
    out: list[str] = []
    run: list[str] = []
    anchors: tuple[str, str] | None = None
    for name, pattern in named:
        head, body, tail = ("", pattern, "") if pattern in regexes else _edges(pattern)
        if (head, tail) != anchors and run:
            out.append(_anchored(run, anchors))
            run = []
        anchors = (head, tail)
        run.append(f"(?P<{name}>{body})")
    if run:
        out.append(_anchored(run, anchors))
    return "|".join(out)


def _anchored(alternatives: list[str], anchors: tuple[str, str] | None) -> str:
    head, tail = anchors or ("", "")
    body = "|".join(alternatives)
    return f"{head}(?:{body}){tail}" if head or tail else body


def _prefix_tree(words, *, prefixes: bool = False) -> str:
    """A regex matching exactly ``words`` (or any text starting with one, ``prefixes``),
    written as a prefix tree: ``co(?:mfort|nsul)``."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if prefixes and "" in node:
            return ""  # this prefix is enough: whatever follows matches
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return emit(tree) if tree else ""


def _rank(m: re.Match) -> int:
    """The rank of the term a match is for (its group is named ``t<rank>``)."""
    return int(m.lastgroup[1:])


def _merge(first: list[re.Match], second: list[re.Match]) -> list[re.Match]:
    """Non-overlapping union of two match lists: leftmost first, then longest."""
    out, end = [], -1
    for m in sorted(first + second, key=lambda m: (m.start(), -m.end())):
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


@functools.lru_cache(maxsize=4096)
def _joins_previous(ch: str) -> bool:
    """Whether NFKC may compose ``ch`` with the character before it."""
    if "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff" or "\uffa0" <= ch <= "\uffdc":
        return True  # Hangul medial/final jamo (also half-width) compose into syllables
    decomposed = unicodedata.normalize("NFKD", ch)
    return bool(decomposed) and unicodedata.combining(decomposed[0]) != 0


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _segments(text: str, seg_start: int, stop: int, out: list, starts: list, ends: list) -> None:
    """NFKC of ``text[seg_start:stop]`` segment by segment (``stop`` starts a segment)."""
    for i in range(seg_start + 1, stop + 1):
        if i < stop and _joins_previous(text[i]):
            continue
        piece = unicodedata.normalize("NFKC", text[seg_start:i])
        out.append(piece)
        starts.extend([seg_start] * len(piece))
        ends.extend([i] * len(piece))
        seg_start = i


def nfkc_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC-normalise ``text`` and map every normalised character back to the raw text.

    Args:
        text: any string.

    Returns:
        ``(normalised, starts, ends)``: ``starts[i]``/``ends[i]`` are the raw offsets of
        the raw segment that produced normalised character ``i`` (a segment is a
        character and the combining marks NFKC joins to it), so a span ``[a, b)`` of
        the normalised text is ``text[starts[a]:ends[b - 1]]`` in the raw text.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        offsets = list(range(len(text)))
        return text, offsets, [i + 1 for i in offsets]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    seg_start = 0  # a segment starts here: every ASCII character starts one
    for run in _ASCII_RUN.finditer(text):
        a, b = run.span()
        _segments(text, seg_start, a, out, starts, ends)
        # ASCII characters before the run's last are segments of their own, unchanged;
        # the last may take combining marks that follow it
        out.append(text[a : b - 1])
        starts.extend(range(a, b - 1))
        ends.extend(range(a + 1, b))
        seg_start = b - 1
    _segments(text, seg_start, len(text), out, starts, ends)
    normalised = "".join(out)
    if normalised != unicodedata.normalize("NFKC", text):  # pragma: no cover - defensive
        whole = unicodedata.normalize("NFKC", text)
        return whole, [0] * len(whole), [len(text)] * len(whole)
    return normalised, starts, ends


@dataclass(frozen=True)
class TermMatcher:
    """Many keyed term lists matched in one pass over a text, with per-key exclusions.

    The text is NFKC-normalised first (offsets are mapped back to the raw text). Terms
    are bucketed by their scan key (``_bucket_key``): a text is scanned position by
    position (Latin word starts, and every Korean/Japanese character) and only the
    bucket for that position's key is tried (one compiled alternation per bucket,
    longest term first). So a span counts once, for the longest term found there, and a
    term listed under several keys counts for each. ``regex`` entries (and terms not
    starting with a letter or digit) form one more alternation scanned over the whole
    text; its matches are merged with the terms' (leftmost, then longest, wins).

    A text without Korean/Japanese characters (most of an English corpus) takes a
    faster road to the same matches (``_scan_words``): one C-level search of the
    lowercased text for the words some term can start with (a prefix tree of first
    words and wildcard stems), and only at those words the terms that start with them.
    On 300 real English articles (bench/real_corpus.py) 1 word in 22 is such a
    candidate for the three shipped codebooks, where their two-character buckets were
    tried at 1 word in 2.
    """

    keys: tuple[str, ...]
    # scan key -> alternation (None: the fallback scanned everywhere), as written for a
    # text with Korean/Japanese; compiled per text kind on first use (``_compiled``)
    sources: dict[str | None, str]
    group_keys: dict[str, tuple[tuple[str, str], ...]]
    exclusions: dict[str, tuple[TermMatcher, int]] = field(default_factory=dict)
    checked: frozenset[tuple[str, str]] = frozenset()  # (key, term) an exclusion may contain
    # scan positions in a text with Korean/Japanese: Latin word starts, and only these
    # Korean/Japanese characters (the ones some term starts with; None: every one)
    cjk_firsts: str | None = None
    # the same terms for a text without Korean/Japanese: word -> alternation of the terms
    # whose first word is exactly that word; two-character key -> (the wildcard stems
    # starting with it, alternation of those terms); see ``_plain_key``
    words: dict[str, str] = field(default_factory=dict)
    stems: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    # text has Korean/Japanese -> scan key -> compiled alternation or None; filled lazily
    _compiled: dict[bool, dict[str | None, re.Pattern | None]] = field(
        default_factory=lambda: {False: {}, True: {}}, compare=False, repr=False
    )

    @classmethod
    def build(
        cls,
        entries: list[tuple[str, list[str], list[str], list[str]]],
        *,
        exact_case: Callable[[str], bool] | None = None,
    ) -> TermMatcher:
        """Compile ``(key, terms, regexes, exclusions)`` tuples into one matcher.

        Args:
            entries: one tuple per key; terms and exclusions in the term syntax.
            exact_case: terms for which it returns True match case-sensitively (the
                actor codebook's one-word aliases: "Abe", not "abe").

        Returns:
            The compiled matcher.
        """
        owners: dict[str, list[tuple[str, str]]] = {}
        bucket: dict[str, str | None] = {}  # pattern -> bucket key (None: fallback)
        plain: dict[str, tuple[str, str] | None | bool] = {}  # pattern -> _plain_key
        for key, terms, regexes, _ in entries:
            for term in terms:
                pattern = term_pattern(term)
                if exact_case is not None and exact_case(term):
                    pattern = f"(?-i:{pattern})"
                if key in (k for k, _ in owners.get(pattern, ())):
                    continue  # a spelling variant the term syntax already covers
                owners.setdefault(pattern, []).append((key, term))
                bucket[pattern] = _bucket_key(term)
                plain[pattern] = _plain_key(term)
            for rx in regexes:
                owners.setdefault(f"(?:{rx})", []).append((key, rx))
                bucket[f"(?:{rx})"] = None
        ordered = sorted(owners, key=lambda p: (-len(p), p))
        names = {p: f"t{i}" for i, p in enumerate(ordered)}
        grouped: dict[str | None, list[tuple[str, str]]] = {}
        for p in ordered:
            grouped.setdefault(bucket[p], []).append((names[p], p))
        regexes = {f"(?:{rx})" for _, _, rxs, _ in entries for rx in rxs}
        sources = {k: _alternation(v, regexes) for k, v in grouped.items()}
        by_word: dict[str, list[tuple[str, str]]] = {}
        by_stem: dict[str, list[tuple[str, str]]] = {}
        for p in ordered:
            if plain.get(p):
                kind, word = plain[p]
                target = (
                    by_word.setdefault(word, [])
                    if kind == "w"
                    else by_stem.setdefault(word[:2], [])
                )
                target.append((names[p], p))
        stems = {
            key: (tuple(sorted({plain[p][1] for _, p in v})), _alternation(v, regexes))
            for key, v in by_stem.items()
        }
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
        firsts = "".join(sorted(k for k in sources if k is not None and _is_cjk(k[0])))
        return cls(
            cjk_firsts=firsts,
            keys=tuple(e[0] for e in entries),
            sources=sources,
            words={w: _alternation(v, regexes) for w, v in by_word.items()},
            stems=stems,
            group_keys={names[p]: tuple(v) for p, v in owners.items()},
            exclusions=excl,
            checked=checked,
        )

    def _scan(
        self, text: str, pos: int = 0, endpos: int | None = None, *, cjk: bool = True
    ) -> list[re.Match]:
        end_pos = len(text) if endpos is None else endpos
        compiled = self._compiled[cjk]
        if cjk:
            hits = self._scan_keys(text, pos, end_pos)
        else:
            hits = self._scan_words(text, pos, end_pos)
        fallback = compiled[None] if None in compiled else self._compile(cjk, None)
        if fallback is not None:
            extra = list(fallback.finditer(text, pos, end_pos))
            if extra:
                hits = _merge(hits, extra)
        return hits

    def _scan_keys(self, text: str, pos: int, end_pos: int) -> list[re.Match]:
        """Term matches at the scan positions of a text with Korean/Japanese characters."""
        hits, end = [], -1
        compiled = self._compiled[True]
        for word in self._cjk_scan().finditer(text, pos, end_pos):
            at = word.start()
            if at < end:
                continue
            key = word.group().lower()
            rx = compiled.get(key, _UNSEEN)
            if rx is _UNSEEN:
                rx = self._compile(True, key)
            m = rx.match(text, at, end_pos) if rx is not None else None
            if m is not None:
                hits.append(m)
                end = m.end()
        return hits

    def _scan_words(self, text: str, pos: int, end_pos: int) -> list[re.Match]:
        """Term matches at the word starts of a text without Korean/Japanese characters.

        The same matches as ``_scan_keys`` (tests check): a word is tried only against
        the terms that can start there, those whose first word it is and those whose
        wildcard stem it starts with (``_plain_key``), instead of every term sharing its
        first two characters; where both kinds match, the one the single alternation
        would have tried first (the lower rank, ``t<rank>``) wins.
        """
        hits, end = [], -1
        words, stems = self.words, self.stems
        # Lowercasing maps every character to one, context-free, keeping word characters
        # word characters, except U+0130 (two characters) and capital sigma (final form by
        # context; both checked over all of Unicode in tests): without them, the
        # candidate words are found in the lowercased text, in C, at the same offsets.
        if "\u0130" in text or "\u03a3" in text:
            low, found_words = None, _WORD.finditer(text, pos, end_pos)
        else:
            low = text.lower()
            found_words = self._candidates().finditer(low, pos, end_pos)
        for found in found_words:
            at = found.start()
            if at < end:
                continue
            word = found.group().lower() if low is None else _WORD.match(low, at, end_pos).group()
            m = self._plain("w", word).match(text, at, end_pos) if word in words else None
            stem = stems.get(word[:2])
            if stem is not None and word.startswith(stem[0]):
                other = self._plain("s", word[:2]).match(text, at, end_pos)
                if other is not None and (m is None or _rank(other) < _rank(m)):
                    m = other
            if m is not None:
                hits.append(m)
                end = m.end()
        return hits

    def _candidates(self) -> re.Pattern:
        """The word starts of a lowercased text where ``_scan_words`` may find a match.

        A word that is one of ``words``, or that starts with one of the stems, as a
        prefix tree (so a word is rejected on its first characters); compiled on first use.
        """
        compiled = self._compiled[False]
        rx = compiled.get("")
        if rx is None:
            stems = [stem for prefixes, _ in self.stems.values() for stem in prefixes]
            branches = [
                f"{_prefix_tree(self.words)}(?!\\w)" if self.words else "",
                _prefix_tree(stems, prefixes=True),
            ]
            body = "|".join(b for b in branches if b)
            rx = compiled[""] = re.compile(rf"\b(?:{body})" if body else r"(?!)")
        return rx

    def _plain(self, kind: str, key: str) -> re.Pattern:
        """The compiled alternation of ``words[key]`` ("w") or ``stems[key]`` ("s")."""
        compiled = self._compiled[False]
        rx = compiled.get((kind, key))
        if rx is None:
            source = self.words[key] if kind == "w" else self.stems[key][1]
            rx = compiled[(kind, key)] = re.compile(source.replace(_LW, r"\w"), re.IGNORECASE)
        return rx

    def _cjk_scan(self) -> re.Pattern:
        """The scan positions in a text with Korean/Japanese, compiled on first use."""
        if "" not in self._compiled[True]:  # "" is never a scan key
            firsts = self.cjk_firsts
            self._compiled[True][""] = (
                _SCAN_KEY
                if firsts is None
                else re.compile(
                    rf"(?<!{_LW}){_LW}{_LW}?" + (f"|[{re.escape(firsts)}]" if firsts else "")
                )
            )
        return self._compiled[True][""]

    def _compile(self, cjk: bool, key: str | None) -> re.Pattern | None:
        """The alternation for scan ``key`` in a text with (``cjk``) or without Korean/Japanese.

        In a text without Korean/Japanese characters "a word character that is not
        Korean or Japanese" is just ``\\w``, so the anchors there are written as ``\\w``:
        the same matches (tests check), and an English corpus never compiles the
        class of every Korean/Japanese range (~1.5 ms an anchor, most of a
        codebook's start-up).
        """
        compiled = self._compiled[cjk]
        if key not in compiled:
            source = self.sources.get(key)
            if source is not None and not cjk:
                source = source.replace(_LW, r"\w")
            compiled[key] = None if source is None else re.compile(source, re.IGNORECASE)
        return compiled[key]

    @property
    def buckets(self) -> dict[str, re.Pattern]:
        """Every scan key's alternation, compiled as for a text with Korean/Japanese."""
        return {k: self._compile(True, k) for k in self.sources if k is not None}

    def _excluded(self, key: str, text: str, start: int, end: int, cjk: bool) -> bool:
        """Whether ``text[start:end]`` lies inside a match of ``key``'s exclusions.

        Only a window around the match is searched: an exclusion containing the match
        cannot start more than its own length before it.
        """
        matcher, width = self.exclusions[key]
        window = matcher._scan(text, max(0, start - width), min(len(text), end + width), cjk=cjk)
        return any(m.start() <= start and end <= m.end() for m in window)

    def find_normalised(self, text: str) -> list[tuple[str, str, int, int, str]]:
        """``find`` on a text that is already NFKC-normalised (offsets into it)."""
        out = []
        cjk = not text.isascii() and has_cjk(text)
        for m in self._scan(text, cjk=cjk):
            start, end = m.span()
            for key, term in self.group_keys[m.lastgroup]:
                checked = (key, term) in self.checked
                if not checked or not self._excluded(key, text, start, end, cjk):
                    out.append((key, term, start, end, m.group()))
        return out

    def find(self, text: str) -> list[tuple[str, str, int, int, str]]:
        """Return ``(key, term, start, end, matched_text)`` for every counted match in ``text``.

        ``start``/``end`` are offsets into ``text`` as given and ``matched_text`` is
        ``text[start:end]``, whatever NFKC normalisation changed.
        """
        if text.isascii() or unicodedata.is_normalized("NFKC", text):
            return self.find_normalised(text)
        norm, starts, ends = nfkc_with_offsets(text)
        out = []
        for key, term, s, e, _ in self.find_normalised(norm):
            raw_start, raw_end = starts[s], ends[e - 1] if e > s else starts[s]
            out.append((key, term, raw_start, raw_end, text[raw_start:raw_end]))
        return out
