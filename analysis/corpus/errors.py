"""The one error type of the corpus loaders and its one-line message format."""

from __future__ import annotations

__all__ = ["CorpusError", "fail", "show"]


class CorpusError(ValueError):
    """Bad corpus input; the message is one line naming file, row/line and field."""


def show(value: object, limit: int = 40) -> str:
    """``repr`` of a bad value, cut to ``limit`` characters for a one-line message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fail(source: str, problem: str, *, where: str = "", field: str = "") -> CorpusError:
    """``CorpusError("FILE: row N, field 'x': problem")`` on one line (whitespace collapsed)."""
    parts = [p for p in (where, f"field '{field}'" if field else None) if p]
    location = f"{source}: {', '.join(parts)}: " if parts else f"{source}: "
    return CorpusError(" ".join((location + problem).split()))
