"""Codebooks are data: one validating loader for every YAML codebook, and compiled matchers.

A codebook is a YAML mapping whose list key (``frames`` for frame codebooks) holds one
mapping per entry. ``load_yaml_entries`` validates any such file against a schema
(required and optional keys with their types) and names the bad entry and field in a
one-line ``CodebookError``; ``load_codebook`` builds a frame ``Codebook`` on top of it.

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
from pathlib import Path
from typing import Any

import yaml

from analysis import config

__all__ = [
    "Codebook",
    "CodebookError",
    "Frame",
    "TermMatcher",
    "list_codebooks",
    "load_codebook",
    "load_yaml_entries",
    "resolve_codebook_path",
    "term_pattern",
    "validate_entry",
]

DEFAULT_HEADER: dict[str, Any] = {
    "name": str,
    "description": str,
    "version": (str, int),
    "references": list[str],
    "notes": str,
}
FRAME_REQUIRED: dict[str, Any] = {"id": str, "label": str, "description": str, "terms": list[str]}
FRAME_OPTIONAL: dict[str, Any] = {
    "regex": list[str],
    "exclusions": list[str],
    "examples": list[str],
    "counter_examples": list[str],
    "code": int,
    "indicators": list[str],
}
_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_APOS = "['\u2018\u2019\u02bc]"
_TERM_OK = re.compile(r"^[^\s*]+(\*)?$")


class CodebookError(ValueError):
    """A codebook file is malformed; the message names file, entry and field on one line."""


# ---------------------------------------------------------------- term syntax


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


# ---------------------------------------------------------------- generic YAML loader


def _type_name(spec: Any) -> str:
    if isinstance(spec, tuple):
        return " or ".join(_type_name(s) for s in spec)
    if getattr(spec, "__origin__", None) is list:
        return f"list of {spec.__args__[0].__name__}"
    return spec.__name__


def _type_ok(value: Any, spec: Any) -> bool:
    if isinstance(spec, tuple):
        return any(_type_ok(value, s) for s in spec)
    if getattr(spec, "__origin__", None) is list:
        item = spec.__args__[0]
        return isinstance(value, list) and all(_type_ok(v, item) for v in value)
    if spec is int and isinstance(value, bool):
        return False
    return isinstance(value, spec)


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise CodebookError(f"{path}: file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "somewhere"
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise CodebookError(f"{path.name}: {where}: invalid YAML: {problem}") from None
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path.name}: not UTF-8 text ({exc.reason})") from None


def _check_header(doc: Any, name: str, list_key: str, header: dict[str, Any]) -> list:
    if not isinstance(doc, dict):
        raise CodebookError(f"{name}: top level must be a mapping with key '{list_key}'")
    for key, value in doc.items():
        if key == list_key:
            continue
        if key not in header:
            allowed = ", ".join(sorted([list_key, *header]))
            raise CodebookError(f"{name}: unknown top-level key '{key}' (allowed: {allowed})")
        if not _type_ok(value, header[key]):
            raise CodebookError(
                f"{name}: top-level field '{key}': expected {_type_name(header[key])}"
            )
    entries = doc.get(list_key)
    if not isinstance(entries, list) or not entries:
        raise CodebookError(f"{name}: field '{list_key}': expected a non-empty list of entries")
    return entries


def _check_patterns(where: str, key: str, values: list[str], *, regex: bool) -> None:
    for value in values:
        if not value.strip():
            raise CodebookError(f"{where}, field '{key}': empty pattern")
        try:
            re.compile(f"(?:{re.compile(value).pattern})") if regex else term_pattern(value)
        except re.error as exc:
            raise CodebookError(f"{where}, field '{key}': bad regex {value!r}: {exc}") from None
        except ValueError as exc:
            raise CodebookError(f"{where}, field '{key}': {exc}") from None


def validate_entry(
    entry: Any,
    where: str,
    *,
    required: dict[str, Any],
    optional: dict[str, Any],
    terms: tuple[str, ...] = (),
    regexes: tuple[str, ...] = (),
) -> None:
    """Check one mapping against a schema (used for entries and nested items).

    Args:
        entry: the parsed YAML value.
        where: prefix of the error message, e.g. ``"actors.yaml: entry 3 (id 'yoon')"``.
        required: key -> type the mapping must have.
        optional: key -> type it may have; any other key is an error.
        terms: fields checked as codebook terms; regexes: fields that must compile.

    Raises:
        CodebookError: ``"{where}, field 'KEY': problem"`` on one line.
    """
    if not isinstance(entry, dict):
        raise CodebookError(f"{where}: expected a mapping, got {type(entry).__name__}")
    known = {**required, **optional}
    for key in entry:
        if key not in known:
            allowed = ", ".join(known)
            raise CodebookError(f"{where}, field '{key}': unknown key (allowed: {allowed})")
    for key in required:
        if key not in entry:
            raise CodebookError(f"{where}, field '{key}': missing required key")
    for key, value in entry.items():
        if not _type_ok(value, known[key]):
            want, got = _type_name(known[key]), type(value).__name__
            raise CodebookError(f"{where}, field '{key}': expected {want}, got {got}")
        if isinstance(value, str) and not value.strip():
            raise CodebookError(f"{where}, field '{key}': empty value")
    for key in terms:
        _check_patterns(where, key, _as_list(entry.get(key, [])), regex=False)
    for key in regexes:
        _check_patterns(where, key, _as_list(entry.get(key, [])), regex=True)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def load_yaml_entries(
    path: str | Path,
    *,
    required: dict[str, Any],
    optional: dict[str, Any],
    list_key: str,
    terms: tuple[str, ...] = (),
    regexes: tuple[str, ...] = (),
    header: dict[str, Any] | None = None,
) -> list[dict]:
    """Read and validate a YAML file holding a list of entries under ``list_key``.

    Args:
        path: the YAML file (read with ``yaml.safe_load``).
        required: key -> type every entry must have (``str``, ``int``, ``list[str]``,
            ``dict``, or a tuple of these).
        optional: key -> type an entry may have; any other key is an error.
        list_key: top-level key holding the entries, e.g. ``"frames"``, ``"actors"``.
        terms: fields whose strings are checked as codebook terms (non-empty, valid ``*``).
        regexes: fields whose strings must compile as regular expressions.
        header: allowed top-level keys besides ``list_key`` (default: name,
            description, version, references, notes).

    Returns:
        The entries as plain dicts, in file order. If entries have an ``id`` it is unique.

    Raises:
        CodebookError: one line naming file, entry (1-based index and id) and field.
    """
    path = Path(path)
    entries = _check_header(_read_yaml(path), path.name, list_key, header or DEFAULT_HEADER)
    schema = {"required": required, "optional": optional, "terms": terms, "regexes": regexes}
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries, start=1):
        ident = entry.get("id") if isinstance(entry, dict) else None
        where = f"{path.name}: entry {i}" + (f" (id {ident!r})" if isinstance(ident, str) else "")
        validate_entry(entry, where, **schema)
        if isinstance(ident, str):
            if ident in seen:
                raise CodebookError(
                    f"{where}, field 'id': duplicate id (first at entry {seen[ident]})"
                )
            seen[ident] = i
    return [dict(entry) for entry in entries]


# ---------------------------------------------------------------- compiled matcher


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


# ---------------------------------------------------------------- frame codebooks


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook (see data/codebooks/README.md for the fields)."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    regex: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    code: int | None = None
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook with its compiled matcher."""

    name: str
    path: Path
    description: str
    frames: tuple[Frame, ...]
    matcher: TermMatcher

    @property
    def frame_ids(self) -> list[str]:
        """Frame ids in file order."""
        return [f.id for f in self.frames]

    def frame(self, frame_id: str) -> Frame:
        """Return the frame with id ``frame_id`` (ValueError listing the ids if unknown)."""
        for f in self.frames:
            if f.id == frame_id:
                return f
        raise ValueError(
            f"codebook {self.name!r} has no frame {frame_id!r}; frames: {self.frame_ids}"
        )

    def find(self, text: str) -> list[tuple[str, str, int, int, str]]:
        """``(frame, term, start, end, matched_text)`` for every counted match in ``text``."""
        return self.matcher.find(text)


def list_codebooks() -> list[str]:
    """Names (file stems) of the codebooks in ``config.CODEBOOK_DIR``, sorted."""
    return sorted(p.stem for p in Path(config.CODEBOOK_DIR).glob("*.yaml"))


def resolve_codebook_path(name_or_path: str | Path) -> Path:
    """A path as given if it looks like a file, else ``CODEBOOK_DIR / f"{name}.yaml"``."""
    text = str(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or Path(text).is_file():
        return Path(text)
    path = Path(config.CODEBOOK_DIR) / f"{text}.yaml"
    if not path.is_file():
        raise CodebookError(f"unknown codebook {text!r}; available: {', '.join(list_codebooks())}")
    return path


def load_codebook(name_or_path: str | Path | Codebook) -> Codebook:
    """Load and validate a frame codebook.

    Args:
        name_or_path: a codebook name (file stem in ``config.CODEBOOK_DIR``, e.g.
            ``"kj_frames"``), a path to a YAML file, or an already loaded ``Codebook``.

    Returns:
        The ``Codebook``, frames in file order, matcher compiled.

    Raises:
        CodebookError: unknown name, or a malformed file (one line naming file, entry, field).
    """
    if isinstance(name_or_path, Codebook):
        return name_or_path
    path = resolve_codebook_path(name_or_path)
    entries = load_yaml_entries(
        path,
        required=FRAME_REQUIRED,
        optional=FRAME_OPTIONAL,
        list_key="frames",
        terms=("terms", "exclusions"),
        regexes=("regex",),
    )
    for i, e in enumerate(entries, start=1):
        if not e["terms"] and not e.get("regex"):
            where = f"{path.name}: entry {i} (id {e['id']!r})"
            raise CodebookError(f"{where}, field 'terms': no terms and no regex")
    frames = tuple(
        Frame(**{k: tuple(v) if isinstance(v, list) else v for k, v in e.items()}) for e in entries
    )
    matcher = TermMatcher.build(
        [(f.id, list(f.terms), list(f.regex), list(f.exclusions)) for f in frames]
    )
    header = _read_yaml(path)
    return Codebook(
        name=str(header.get("name", path.stem)),
        path=path,
        description=str(header.get("description", "")),
        frames=frames,
        matcher=matcher,
    )
