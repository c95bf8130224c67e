"""Names are not tone: mask the names of institutions, places, parties and agreements.

VADER reads "The United States and Japan held talks" as positive ("united") and
"The Supreme Court of Korea issued its ruling" as positive ("supreme"); an
embedding model can learn the same accidents from its training data. Before
``tone`` is computed (and, when asked, before TextBlob and VADER) every name in
the list is replaced by a neutral placeholder, so words inside names do not
move the score.

The list is data, not code: every alias of the actors codebook
(``data/codebooks/actors.yaml``) plus ``data/codebooks/names.yaml`` (names
that are not actors: parties, courts, agreements, initiatives, in English,
Korean and Japanese). Matching rules, documented in ``names.yaml``:
case-sensitive, any run of whitespace between words, the longest name wins at
a position; a Latin-script name must stand on word boundaries, a Korean or
Japanese name also matches inside a longer word (particles attach: 유엔은, 国連は).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from analysis import config

DEFAULT_NAMES = "names"
KINDS = ("place", "institution", "party", "agreement", "initiative")
PLACEHOLDER = "X"
_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class NameList:
    """The compiled names: ``names`` (longest first) and one ``regex`` over all of them."""

    path: Path
    names: tuple[str, ...]
    regex: re.Pattern

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every name in ``text``, left to right, never overlapping."""
        return [m.span() for m in self.regex.finditer(text)]

    def mask(self, text: str, placeholder: str = PLACEHOLDER) -> str:
        """``text`` with every name replaced by ``placeholder``."""
        return self.regex.sub(placeholder, text) if text else text


def _name_pattern(name: str) -> str:
    words = [re.escape(w) for w in name.split()]
    pattern = r"\s+".join(words)
    if _LATIN_EDGE.match(name[0]):
        pattern = r"(?<![\w])" + pattern
    if _LATIN_EDGE.match(name[-1]) or name[-1] == ".":
        pattern += r"(?![\w])"
    return pattern


def _names_file(path: Path) -> list[str]:
    from analysis.codebooks import load_yaml_entries

    entries = load_yaml_entries(
        path,
        required={"id": str, "kind": str, "names": list[str]},
        optional={"notes": str},
        list_key="names",
    )
    from analysis.codebooks import CodebookError

    for i, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {i} (id {entry['id']!r})"
        if entry["kind"] not in KINDS:
            raise CodebookError(
                f"{where}, field 'kind': {entry['kind']!r} is not one of {', '.join(KINDS)}"
            )
        empty = [n for n in entry["names"] if not str(n).strip()]
        if not entry["names"] or empty:
            raise CodebookError(f"{where}, field 'names': empty name")
    return [str(n).strip() for entry in entries for n in entry["names"]]


def _actor_aliases(actors: str | Path | None) -> list[str]:
    from analysis.actors import load_actors

    table = load_actors(actors).table
    return [a for joined in table["aliases"] for a in str(joined).split(";") if a.strip()]


@functools.lru_cache(maxsize=8)
def load_names(names: str | Path | None = None, *, actors: str | Path | None = None) -> NameList:
    """Load the names that are masked before tone is computed.

    Args:
        names: a name in ``data/codebooks`` (default ``"names"``) or a YAML path.
        actors: the actor codebook whose aliases are names too (default: the
            project's ``actors``).

    Returns:
        ``NameList`` with ``spans(text)`` and ``mask(text)``.

    Raises:
        CodebookError: one line naming file, entry and field (unknown kind, empty name).
    """
    name = names or DEFAULT_NAMES
    path = (
        Path(name)
        if str(name).endswith((".yaml", ".yml"))
        else config.CODEBOOK_DIR / f"{name}.yaml"
    )
    every = sorted(
        {" ".join(n.split()) for n in _names_file(path) + _actor_aliases(actors)},
        key=lambda n: (-len(n), n),
    )
    # The lookahead on the names' first characters changes no match (every name begins
    # with one of them) but lets the regex skip most positions at once: ~10x faster.
    first = "".join(sorted({re.escape(n[0]) for n in every}))
    alternatives = "|".join(_name_pattern(n) for n in every)
    regex = re.compile(f"(?=[{first}])(?:{alternatives})" if every else alternatives)
    return NameList(path=path, names=tuple(every), regex=regex)


def mask_names(text: str, *, names: NameList | None = None) -> str:
    """``text`` with every listed name replaced by the placeholder ``"X"``.

    Args:
        text: any string.
        names: a loaded ``NameList``; default ``load_names()``.

    Returns:
        The masked string (unchanged when it names nothing).
    """
    return (names or load_names()).mask(text)
