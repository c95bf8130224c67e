"""Where a report came from: content hashes of its inputs, package versions, git commit, time.

The input hash decides whether a report is up to date; the provenance record is
printed in the report and on the index page.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from analysis import config

VERSIONED_PACKAGES = ("pandas", "textblob", "vaderSentiment", "papermill", "nbconvert")
PROJECT_DISTRIBUTION = "kj-discourse"
# Files of the package that change what a report shows.
PACKAGE_SUFFIXES = {".py", ".j2", ".json", ".css", ".yaml", ".yml", ".csv", ".txt"}


def _files_under(path: Path, suffixes: set[str] | None = None) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    files = []
    for item in sorted(path.rglob("*")):
        parts = item.relative_to(path).parts
        if not item.is_file() or "__pycache__" in parts or any(p.startswith(".") for p in parts):
            continue
        if suffixes is None or item.suffix in suffixes:
            files.append(item)
    return files


def hash_paths(paths: Iterable[Path], *, root: Path | None = None) -> str:
    """Return the sha256 of the names (relative to ``root``) and bytes of ``paths``, in order."""
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(root).as_posix() if root else path.name
        digest.update(name.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def hash_tree(path: str | Path, *, suffixes: set[str] | None = None) -> str:
    """Return the sha256 of a file, or of every file in a folder (names and bytes, sorted).

    Hidden files and ``__pycache__`` are skipped. A missing path raises ``FileNotFoundError``.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.is_file():
        return hash_paths([path])
    return hash_paths(_files_under(path, suffixes), root=path)


def package_source_hash() -> str:
    """Return the sha256 of the ``analysis`` package's source files and templates."""
    return hash_tree(Path(__file__).resolve().parent.parent, suffixes=PACKAGE_SUFFIXES)


def codebook_hash() -> str:
    """Return the sha256 of ``data/codebooks`` (empty-input hash when it does not exist)."""
    return hash_paths(_files_under(config.CODEBOOK_DIR), root=config.CODEBOOK_DIR)


def lock_hash() -> str:
    """Return the sha256 of requirements.lock (the exact versions ``make env`` installed),
    or ``"no lock file (installed package)"`` outside a checkout."""
    if not config.LOCK_FILE.is_file():
        return "no lock file (installed package)"
    return hashlib.sha256(config.LOCK_FILE.read_bytes()).hexdigest()


def package_versions() -> dict[str, str]:
    """Return the versions of python, the text-analysis libraries and this package."""
    versions = {"python": platform.python_version()}
    for name in (*VERSIONED_PACKAGES, PROJECT_DISTRIBUTION):
        try:
            versions["analysis" if name == PROJECT_DISTRIBUTION else name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit(root: Path | None = None) -> str:
    """Return the checked-out commit of ``root`` (default: the project), ``+dirty`` when the
    tracked files differ from it, or ``"unknown"`` outside git."""
    root = root or config.PROJECT_ROOT
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}+dirty" if dirty else (commit or "unknown")


def display_path(path: str | Path, *, root: Path | None = None) -> str:
    """Return how a report shows ``path``: relative to the project root when inside it,
    else the file or folder name only (no machine-specific absolute paths in reports).

    Args:
        path: a file or folder, absolute or relative to the working folder.
        root: the project root; default ``config.PROJECT_ROOT``.

    Returns:
        A POSIX path such as ``data/sample``, or the bare name (``small.csv``).
    """
    if not str(path):
        return ""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path(root or config.PROJECT_ROOT).resolve()).as_posix() or "."
    except ValueError:
        return resolved.name


def shown_parameters(parameters: dict, *, key: str = "corpus_path") -> dict:
    """Return ``parameters`` with the value of ``key`` (a path) as ``display_path`` shows it."""
    if not parameters.get(key):
        return dict(parameters)
    return {**parameters, key: display_path(parameters[key])}


def utc_now() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def input_hash(parts: dict[str, object]) -> str:
    """Return the sha256 of a JSON-serialisable description of a report's inputs."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()
