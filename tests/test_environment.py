"""One set of versions: pyproject.toml's ranges, requirements.lock's exact pins, environment.yml.

``make env`` and environment.yml both install requirements.lock; these tests fail when the
lock no longer satisfies pyproject.toml (a dependency added or a bound raised without
``make lock``), when environment.yml stops installing the lock, or when the environment
running the tests differs from the lock.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis import config

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$")


def pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [
        s for group in project["optional-dependencies"].values() for s in group
    ]
    return [Requirement(s) for s in specs]


def lock_pins(text: str | None = None) -> dict[str, list[tuple[str, str | None]]]:
    """name -> [(version, marker or None)] of every ``name==version`` line of the lock."""
    text = config.LOCK_FILE.read_text(encoding="utf-8") if text is None else text
    pins: dict[str, list[tuple[str, str | None]]] = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            name, version, marker = match.groups()
            pins.setdefault(canonicalize_name(name), []).append((version, marker))
    return pins


def pins_here(pins: dict) -> dict[str, str]:
    """The pin that applies to this interpreter and platform, per package."""
    return {
        name: version
        for name, entries in pins.items()
        for version, marker in entries
        if marker is None or Marker(marker).evaluate()
    }


def unsatisfied(requirements: list[Requirement], pins: dict) -> list[str]:
    """Requirements the lock lacks or pins outside the declared range, as readable lines."""
    problems = []
    for req in requirements:
        entries = pins.get(canonicalize_name(req.name), [])
        if not entries:
            problems.append(f"{req}: not in requirements.lock (run `make lock`)")
        for version, _ in entries:
            if not req.specifier.contains(version, prereleases=True):
                problems.append(f"{req}: lock pins {version} (run `make lock`)")
    return problems


def test_every_lock_line_is_an_exact_pin():
    pins = lock_pins()
    for name in ("pandas", "textblob", "vadersentiment", "papermill", "numpy", "matplotlib"):
        assert name in pins, name
    for entries in pins.values():
        assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version) for version, _ in entries)


def test_lock_satisfies_pyproject_ranges():
    assert unsatisfied(pyproject_requirements(), lock_pins()) == []


def test_a_stale_lock_is_caught():
    stale = lock_pins("pandas==2.1.0\n")
    assert unsatisfied([Requirement("pandas>=2.2"), Requirement("pysbd>=0.3")], stale) == [
        "pandas>=2.2: lock pins 2.1.0 (run `make lock`)",
        "pysbd>=0.3: not in requirements.lock (run `make lock`)",
    ]


def test_environment_yml_installs_the_lock_and_the_package():
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict))
    assert pip_section == ["-r requirements.lock", "--no-deps -e ."]


def test_this_environment_has_the_locked_versions():
    installed, drift = pins_here(lock_pins()), []
    for name, version in installed.items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            drift.append(f"{name}: locked {version}, not installed")
            continue
        if found != version:
            drift.append(f"{name}: locked {version}, installed {found}")
    assert drift == [], "run `make env` (or `make lock` if pyproject.toml changed)"
