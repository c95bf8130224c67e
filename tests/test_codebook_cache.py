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


def test_codebooks_parse_the_same_on_libyaml_and_errors_keep_the_pure_python_wording():
    import yaml

    from analysis.codebooks import schema

    for path in sorted(config.CODEBOOK_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert schema._parse_yaml(text) == yaml.load(text, Loader=schema._Loader), path.name
    broken = "name: frames\nframes:\n  - key: a\n    terms: [x, y\n  - key: b\n"
    with pytest.raises(yaml.YAMLError) as fast:
        schema._parse_yaml(broken)
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load(broken, Loader=schema._Loader)
    assert str(fast.value) == str(pure.value)
    assert "2019-02-30" in str(
        pytest.raises(yaml.YAMLError, schema._parse_yaml, "d: 2019-02-30\n").value
    )
