"""Known outlets (``data/outlets.yaml``): a name, alias or domain -> (outlet, country)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from analysis import config
from analysis.codebooks import load_yaml_entries

__all__ = ["outlet_by_domain", "outlet_by_name"]

OUTLETS_FILE = config.OUTLETS_FILE


@functools.lru_cache(maxsize=4)
def _table(path: Path) -> tuple[dict[str, tuple[str, str | None]], dict[str, tuple]]:
    entries = load_yaml_entries(
        path,
        required={"name": str},
        optional={"country": str, "aliases": list[str], "domains": list[str], "notes": str},
        list_key="outlets",
    )
    names, domains = {}, {}
    for entry in entries:
        value = (entry["name"], entry.get("country"))
        for name in [entry["name"], *entry.get("aliases", [])]:
            names[_key(name)] = value
        for domain in entry.get("domains", []):
            domains[domain.casefold()] = value
    return names, domains


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def outlet_by_name(text: str, *, path: Path = OUTLETS_FILE) -> tuple[str, str | None] | None:
    """``(outlet, country)`` when ``text`` is a known outlet's name or alias, else None."""
    names, _ = _table(Path(path))
    return names.get(_key(text.strip(" .,:;|·•-–—")))


def outlet_by_domain(host: str, *, path: Path = OUTLETS_FILE) -> tuple[str, str | None] | None:
    """``(outlet, country)`` for a host name (``www3.nhk.or.jp``) or URL, else None."""
    _, domains = _table(Path(path))
    host = re.sub(r"^[a-z]+://", "", host.strip().casefold()).split("/")[0].split(":")[0]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found:
            return found
    return None
