"""Codebooks load once while their file is unchanged, and again when it changes
(analysis.codebooks.schema.read_while_unchanged, used by load_actors and load_terms)."""

from __future__ import annotations

import shutil

import pytest

from analysis import config
from analysis.codebooks import CodebookError
from analysis.codebooks.actors import load_actors
from analysis.terms import load_terms


@pytest.mark.parametrize(
    ("load", "name"), [(load_actors, "actors"), (load_terms, "contested_terms")]
)
def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path, load, name):
    path = tmp_path / f"{name}.yaml"
    shutil.copy(config.CODEBOOK_DIR / f"{name}.yaml", path)
    first = load(path)
    assert load(path) is first
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = load(path)
    assert again is not first
    assert again.path == first.path  # the same file, read anew


@pytest.mark.parametrize("load", [load_actors, load_terms])
def test_a_missing_file_is_still_a_clear_error(tmp_path, load):
    with pytest.raises((CodebookError, FileNotFoundError), match="missing.yaml"):
        load(tmp_path / "missing.yaml")
