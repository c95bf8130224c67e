"""The bad-input matrix of docs/bad_input.md, for every command that reads a corpus.

`test_corpus_badinput.py` checks the loaders and `corpus`; here the same
inputs go to `sentiment`, `frames` and `report`: each must stop before doing
any work with one `error:` line and exit 2, write nothing, and leave the
input file as it was.
"""

from __future__ import annotations

import pytest
from test_corpus_badinput import COLUMNS, ERRORS

from analysis import cli

COMMANDS = {
    "sentiment": lambda corpus, out: ["sentiment", corpus, "--out", str(out / "tone.csv")],
    "frames": lambda corpus, out: ["frames", corpus, "--out", str(out / "frames.csv")],
    "report": lambda corpus, out: [
        "report",
        "--notebook",
        "corpus_overview",
        "--corpus",
        corpus,
        "--out",
        str(out),
    ],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(ERRORS))
def test_bad_corpus_stops_every_command_with_one_line(tmp_path, capsys, command, case):
    name, data, _ = ERRORS[case]
    corpus = tmp_path / name
    corpus.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    option = ["--columns", COLUMNS[case]] if case in COLUMNS else []
    assert cli.main([*COMMANDS[command](str(corpus), out), *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    if case != "unknown-columns-target":  # that one names the option: 'columns: ...'
        assert name in err  # the message names the file
    assert list(out.iterdir()) == []  # nothing written, not even a partial file
    assert corpus.read_bytes() == data


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["report", "--notebook", "sentiment", "-p", "min_n=abc"],
            "parameter 'min_n' expects int, got 'abc'",
        ),
        (["report", "--notebook", "sentiment", "-p", "nope=1"], "has no parameter 'nope'"),
        (["frames", "data/sample", "--codebook", "{codebook}"], "field 'description'"),
    ],
)
def test_wrong_parameters_and_malformed_codebook(tmp_path, capsys, argv, expected):
    codebook = tmp_path / "bad.yaml"
    codebook.write_text("frames:\n  - id: a\n    label: A\n    terms: []\n")
    out = tmp_path / "out"
    argv = [a.format(codebook=codebook) for a in argv]
    argv += ["--out", str(out / "frames.csv") if argv[0] == "frames" else str(out)]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and expected in err, err
    assert not out.exists() or list(out.iterdir()) == []
