"""Frame codebooks: validated YAML frames with their compiled matcher."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config
from analysis.codebooks.calibration import Calibration, parse_calibration
from analysis.codebooks.matcher import TermMatcher
from analysis.codebooks.schema import (
    DEFAULT_HEADER,
    LANGUAGES,
    TRANSLATION_KEYS,
    CodebookError,
    TermSet,
    _read_yaml,
    load_yaml_entries,
    read_term_sets,
)

__all__ = ["Codebook", "Frame", "list_codebooks", "load_codebook", "resolve_codebook_path"]

FRAME_REQUIRED: dict[str, object] = {
    "id": str,
    "label": str,
    "description": str,
    "terms": list[str],
}
FRAME_OPTIONAL: dict[str, object] = {
    "regex": list[str],
    "exclusions": list[str],
    "examples": list[str],
    "counter_examples": list[str],
    "code": int,
    "indicators": list[str],
    **{lang: (list[str], dict) for lang in TRANSLATION_KEYS},
}


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
    # language -> that language's terms; "en" is terms/regex/exclusions above
    translations: dict[str, TermSet] = field(default_factory=dict, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this frame has terms in (``en`` first)."""
        en = ("en",) if self.terms or self.regex else ()
        return en + tuple(lang for lang in TRANSLATION_KEYS if lang in self.translations)

    def all_terms(self) -> tuple[list[str], list[str], list[str]]:
        """Terms, regexes and exclusions of every language, for one matcher key."""
        sets = [TermSet(self.terms, self.regex, self.exclusions), *self.translations.values()]
        return (
            [t for s in sets for t in s.terms],
            [r for s in sets for r in s.regex],
            [x for s in sets for x in s.exclusions],
        )


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook with its compiled matcher."""

    name: str
    path: Path
    description: str
    frames: tuple[Frame, ...]
    matcher: TermMatcher
    calibration: Calibration | None = None  # the fitted presence rule (None: any match)
    languages: tuple[str, ...] = ("en",)  # languages every frame with terms covers

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
    try:
        stat = path.stat()
    except OSError:
        raise CodebookError(f"{path}: file not found") from None
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _load(path_name: str, mtime_ns: int, size: int) -> Codebook:
    """Parse and compile a codebook file; cached while the file is unchanged (immutable)."""
    path = Path(path_name)
    entries = load_yaml_entries(
        path,
        required=FRAME_REQUIRED,
        optional=FRAME_OPTIONAL,
        list_key="frames",
        terms=("terms", "exclusions"),
        regexes=("regex",),
        header={**DEFAULT_HEADER, "calibration": dict},
    )
    frames = []
    for i, e in enumerate(entries, start=1):
        where = f"{path.name}: entry {i} (id {e['id']!r})"
        sets = read_term_sets(e, where)
        if not e["terms"] and not e.get("regex") and len(sets) > 0:
            raise CodebookError(f"{where}, field 'terms': no English terms and no regex")
        if not sets:
            raise CodebookError(f"{where}, field 'terms': no terms and no regex")
        plain = {k: tuple(v) if isinstance(v, list) else v for k, v in e.items()}
        for lang in TRANSLATION_KEYS:
            plain.pop(lang, None)
        frames.append(Frame(**plain, translations={k: v for k, v in sets.items() if k != "en"}))
    matcher = TermMatcher.build([(f.id, *f.all_terms()) for f in frames])
    header = _read_yaml(path, "frames")
    block = header.get("calibration")
    ids = [f.id for f in frames]
    calibration = None if block is None else parse_calibration(block, file=path.name, frame_ids=ids)
    return Codebook(
        name=str(header.get("name", path.stem)),
        path=path,
        description=str(header.get("description", "")),
        frames=tuple(frames),
        matcher=matcher,
        calibration=calibration,
        languages=_covered_languages(path.name, frames),
    )


def _covered_languages(name: str, frames: list[Frame]) -> tuple[str, ...]:
    """Languages in which every frame has terms; a language only some frames have is an error.

    A codebook that has Korean terms for six of its seven frames would code every
    Korean text "absent" for the seventh without having read it.
    """
    covered = []
    for lang in LANGUAGES:
        have = [f.id for f in frames if lang in f.languages]
        if len(have) == len(frames):
            covered.append(lang)
        elif have:
            missing = ", ".join(f.id for f in frames if lang not in f.languages)
            raise CodebookError(
                f"{name}: frames {missing}: no '{lang}' terms while other frames have them "
                f"(a language must cover every frame)"
            )
    return tuple(covered)
