"""Validating YAML loader shared by every codebook (frames, terms, actors, events).

``load_yaml_entries`` checks a file holding a list of entries against a schema (required
and optional keys with their types) and raises a one-line ``CodebookError`` naming the
file, the entry and the field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from analysis.codebooks.matcher import term_pattern

_Loaded = TypeVar("_Loaded")

__all__ = [
    "LANGUAGES",
    "TRANSLATION_KEYS",
    "CodebookError",
    "TermSet",
    "load_yaml_entries",
    "read_term_sets",
    "validate_entry",
]

# Languages a codebook entry can hold terms for: English in the entry's own fields
# (``terms``, ``regex``, ``exclusions``), the others under a key named by the code.
LANGUAGES = ("en", "ko", "ja")
TRANSLATION_KEYS = ("ko", "ja")
# Scripts that cannot belong to a language's terms (a swapped ko/ja list is an error).
_FOREIGN_SCRIPT = {
    "ko": ("kana", re.compile("[\u3040-\u30ff\u31f0-\u31ff]")),
    "ja": ("Hangul", re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")),
}

DEFAULT_HEADER: dict[str, Any] = {
    "name": str,
    "description": str,
    "version": (str, int),
    "references": list[str],
    "notes": str,
}


class CodebookError(ValueError):
    """A codebook file is malformed; the message names file, entry and field on one line."""


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


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` whose impossible dates (``2019-02-30``) are YAML errors with a line."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"unparseable date {node.value!r} ({exc})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        """``_Loader`` on libyaml: the same documents, parsed ~8x faster."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader


def _parse_yaml(text: str) -> Any:
    """The document in ``text``; a malformed one raises the pure-Python parser's error.

    libyaml words its errors differently and marks some at another column, so a
    file that fails is parsed again by ``_Loader`` for the message users see.
    """
    try:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError:
        if _FastLoader is _Loader:
            raise
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - raises its own, clearer error


def _read_yaml(path: Path, list_key: str = "") -> Any:
    if not path.is_file():
        raise CodebookError(f"{path}: file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path.name}: not UTF-8 text ({exc.reason})") from None
    try:
        return _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or type(exc).__name__).split())
        if mark is None:
            raise CodebookError(f"{path.name}: invalid YAML: {problem}") from None
        where = f"{path.name}: line {mark.line + 1}"
        if isinstance(exc, yaml.constructor.ConstructorError):
            where += _locate(text, (mark.line, mark.column), list_key)
            raise CodebookError(f"{where}: {problem}") from None
        raise CodebookError(f"{where}: invalid YAML: {problem}") from None


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _last_before(items: list, at: tuple[int, int], start: Any) -> Any:
    """The last of ``items`` (in file order) that starts at or before ``at``."""
    found = None
    for item in items:
        if _pos(start(item)) <= at:
            found = item
    return found


def _locate(text: str, at: tuple[int, int], list_key: str) -> str:
    """``", entry 3 (id 'x'), field 'date'"`` for the value at ``at`` (line, column)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return ""
    top = _last_before(root.value, at, lambda kv: kv[0])
    if top is None:
        return ""
    if top[0].value != list_key or not isinstance(top[1], yaml.SequenceNode):
        return f", top-level field '{top[0].value}'"
    entries = top[1].value
    entry = _last_before(entries, at, lambda node: node)
    if entry is None:
        return ""
    where = f", entry {entries.index(entry) + 1}"
    if not isinstance(entry, yaml.MappingNode):
        return where
    ident = next((v.value for k, v in entry.value if k.value == "id"), None)
    where += f" (id {ident!r})" if isinstance(ident, str) else ""
    field = _last_before(entry.value, at, lambda kv: kv[0])
    return where + (f", field '{field[0].value}'" if field is not None else "")


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


@dataclass(frozen=True)
class TermSet:
    """One language's terms of a codebook entry (``extra``: side, evidence, note ...)."""

    terms: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __bool__(self) -> bool:
        return bool(self.terms or self.regex)


TERM_SET_FIELDS: dict[str, Any] = {
    "terms": list[str],
    "regex": list[str],
    "exclusions": list[str],
}


def read_term_sets(
    entry: dict,
    where: str,
    *,
    term_key: str = "terms",
    extra: dict[str, Any] | None = None,
) -> dict[str, TermSet]:
    """The terms of an entry per language, validated (English and each translation key).

    English terms are the entry's own ``term_key`` / ``regex`` / ``exclusions`` fields;
    ``ko`` and ``ja`` hold either a list of terms or a mapping with ``terms`` (required),
    ``regex``, ``exclusions`` and the ``extra`` keys (e.g. ``side``).

    Args:
        entry: the parsed entry (already checked by ``validate_entry``).
        where: prefix of the error message (file and entry).
        term_key: the entry's English term field (``terms``; ``aliases`` for actors).
        extra: further keys a language mapping may hold, with their types.

    Returns:
        ``{language: TermSet}`` for the languages that have terms (English first).

    Raises:
        CodebookError: a language list that is empty, a term that is empty or does not
            compile, a regex that does not compile, a Korean term with kana or a
            Japanese term with Hangul, an unknown key in a language mapping.
    """
    out: dict[str, TermSet] = {}
    optional_fields = {k: v for k, v in TERM_SET_FIELDS.items() if k != "terms"}
    english = TermSet(
        tuple(entry.get(term_key, [])),
        tuple(entry.get("regex", [])),
        tuple(entry.get("exclusions", [])),
    )
    if english:
        out["en"] = english
    for lang in TRANSLATION_KEYS:
        if lang not in entry:
            continue
        value, here = entry[lang], f"{where}, field '{lang}'"
        if isinstance(value, list):
            value = {"terms": value}
        if not isinstance(value, dict):
            raise CodebookError(f"{here}: expected a list of terms or a mapping")
        validate_entry(
            value,
            here,
            required={"terms": list[str]},
            optional={**optional_fields, **(extra or {})},
            terms=("terms", "exclusions"),
            regexes=("regex",),
        )
        if not value["terms"]:
            raise CodebookError(f"{here}: no terms (leave the key out instead)")
        name, script = _FOREIGN_SCRIPT[lang]
        for term in [*value["terms"], *value.get("exclusions", [])]:
            if script.search(term):
                raise CodebookError(f"{here}: term {term!r} has {name}: is it in the wrong list?")
        rest = {k: v for k, v in value.items() if k not in TERM_SET_FIELDS}
        out[lang] = TermSet(
            tuple(value["terms"]),
            tuple(value.get("regex", [])),
            tuple(value.get("exclusions", [])),
            rest,
        )
    return out


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
        CodebookError: one line naming file, entry (1-based index and id) and field; for
            YAML syntax errors and values YAML cannot build (an impossible date such as
            ``2019-02-30``) also the line.
    """
    path = Path(path)
    doc = _read_yaml(path, list_key)
    entries = _check_header(doc, path.name, list_key, header or DEFAULT_HEADER)
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


def read_while_unchanged(path: Path, read: Callable[[Path], _Loaded]) -> _Loaded:
    """``read(path)``, cached while the file's size and modification time are unchanged.

    A scale run loads a codebook once per process this way. The result is shared
    between callers: do not modify it. A file that cannot be stat'ed goes to ``read``
    uncached, which reports it.
    """
    try:
        stat = path.stat()
    except OSError:
        return read(path)
    return _cached_read(read, str(path), str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _cached_read(read, path_name: str, resolved: str, mtime_ns: int, size: int):
    return read(Path(path_name))
