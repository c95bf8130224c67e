"""Frame codebooks: validated YAML frames with their compiled matcher."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.codebooks.calibration import Calibration, parse_calibration
from analysis.codebooks.matcher import TermMatcher
from analysis.codebooks.schema import (
    DEFAULT_HEADER,
    CodebookError,
    _read_yaml,
    load_yaml_entries,
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


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook with its compiled matcher."""

    name: str
    path: Path
    description: str
    frames: tuple[Frame, ...]
    matcher: TermMatcher
    calibration: Calibration | None = None  # the fitted presence rule (None: any match)

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
    header = _read_yaml(path, "frames")
    block = header.get("calibration")
    ids = [f.id for f in frames]
    calibration = None if block is None else parse_calibration(block, file=path.name, frame_ids=ids)
    return Codebook(
        name=str(header.get("name", path.stem)),
        path=path,
        description=str(header.get("description", "")),
        frames=frames,
        matcher=matcher,
        calibration=calibration,
    )
