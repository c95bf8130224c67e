"""The command-line contract shared by every subcommand: one-line errors, exit codes, --debug."""

from __future__ import annotations

import argparse

import pytest

from analysis import cli


def _fake_parser(func):
    parser = argparse.ArgumentParser()
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.set_defaults(func=func)
    return parser


@pytest.mark.parametrize(
    ("exc", "code", "expected"),
    [
        (
            ValueError("data.csv: row 4, field 'published':\n unparseable date"),
            2,
            "error: data.csv: row 4, field 'published': unparseable date\n",
        ),
        (cli.UserError("unknown parameter 'foo'"), 2, "error: unknown parameter 'foo'\n"),
        (
            RuntimeError("boom"),
            1,
            "error: RuntimeError: boom (rerun with --debug for a traceback)\n",
        ),
    ],
)
def test_errors_become_one_line_and_exit_code(monkeypatch, capsys, exc, code, expected):
    def fail(args):
        raise exc

    monkeypatch.setattr(cli, "build_parser", lambda *_: _fake_parser(fail))
    assert cli.main([]) == code
    assert capsys.readouterr().err == expected


def test_debug_shows_the_traceback(monkeypatch):
    def fail(args):
        raise ValueError("bad")

    monkeypatch.setattr(cli, "build_parser", lambda *_: _fake_parser(fail))
    with pytest.raises(ValueError, match="bad"):
        cli.main(["--debug"])


def test_success_returns_the_command_status(monkeypatch):
    monkeypatch.setattr(cli, "build_parser", lambda *_: _fake_parser(lambda args: 0))
    assert cli.main([]) == 0
