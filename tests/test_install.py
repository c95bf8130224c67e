"""The package installs and runs outside the repository; the repository says how to cite it.

``pip install .`` into a fresh virtual environment (versions constrained by
requirements.lock), then every step runs from an empty folder: the installed package
must find its sample corpus, codebooks, models and notebooks inside itself.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tomllib

import pytest
import yaml

from analysis import config


def _run(args, cwd, timeout=600):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KJ_", "PYTHON"))}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with ``pip install .`` of this checkout; returns its bin folder."""
    root = tmp_path_factory.mktemp("install")
    venv = root / "venv"
    assert _run([sys.executable, "-m", "venv", venv], root).returncode == 0
    # --no-compile: no .pyc for 1 GB of dependencies; what is tested is that it installs
    pip = _run(
        [venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile",
         "-c", config.LOCK_FILE, config.PROJECT_ROOT], root, timeout=1500,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr[-2000:]
    return venv / "bin"


@pytest.mark.slow
def test_console_command_runs_from_an_empty_folder(installed, tmp_path):
    help_ = _run([installed / "kj-discourse", "--help"], tmp_path)
    assert help_.returncode == 0 and help_.stdout.startswith("usage: kj-discourse")
    for command in ("corpus", "sentiment", "frames", "report", "info"):
        assert command in help_.stdout

    sample = _run([installed / "kj-discourse", "info", "--sample"], tmp_path).stdout.strip()
    assert "site-packages" in sample and sample.endswith("_data/sample")

    out = tmp_path / "docs.csv"
    done = _run([installed / "kj-discourse", "corpus", sample, "--out", out], tmp_path)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 60

    frames = _run([installed / "kj-discourse", "frames", sample, "--out", "f.csv"], tmp_path)
    assert frames.returncode == 0, frames.stderr
    assert (tmp_path / "f.csv").stat().st_size > 0
    assert not any(tmp_path.glob("data")), "an installed package writes nothing it was not asked"


@pytest.mark.slow
def test_installed_package_renders_a_report_with_its_own_notebooks(installed, tmp_path):
    done = _run([installed / "kj-discourse", "report", "--notebook", "corpus_overview"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "reports" / "corpus_overview.html").is_file()
    assert (tmp_path / "reports" / "index.html").is_file()


def test_citation_file_is_valid_and_matches_the_package_version():
    cff = yaml.safe_load((config.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    version = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"][
        "version"
    ]
    assert cff["cff-version"] == "1.2.0" and cff["version"] == version
    assert cff["title"] and cff["message"] and cff["authors"] and cff["license"] == "MIT"
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme and "CITATION.cff" in readme
