"""Atomic output: an interrupted write leaves the previous file intact and no temporary files."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from analysis.io import atomic_path, atomic_write, write_csv, write_csv_or_stdout


def test_atomic_write_replaces_content(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write(target, "old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write(target, "previous")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half-writ")
        raise RuntimeError("killed midway")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_csv_is_byte_stable(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "vader_compound": [0.5, -0.25]})
    first = write_csv(df, tmp_path / "a.csv").read_bytes()
    second = write_csv(df, tmp_path / "b.csv").read_bytes()
    assert first == second == b"doc_id,vader_compound\na,0.5\nb,-0.25\n"


def test_written_files_get_the_ordinary_mode(tmp_path):
    old = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "shared.csv", "a\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_write_csv_or_stdout(tmp_path, capsys):
    df = pd.DataFrame({"doc_id": ["a"], "n_matches": [2]})
    write_csv_or_stdout(df, None)
    assert capsys.readouterr().out == "doc_id,n_matches\na,2\n"
    write_csv_or_stdout(df, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_text() == "doc_id,n_matches\na,2\n"
