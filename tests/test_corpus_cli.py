"""``python -m analysis corpus PATH --out FILE.csv``: exit codes, one-line errors, atomic output.

Subprocess runs check what a shell user sees (exit status, stderr, no
traceback); the in-process runs check the written CSV cheaply.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pandas as pd
import pytest

from analysis import cli, config
from analysis.corpus import CORPUS_COLUMNS, CorpusError


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        timeout=300,
    )


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sample_corpus_to_csv(tmp_path, sample_corpus_path):
    before = {p.name: _digest(p) for p in sample_corpus_path.iterdir()}
    out = tmp_path / "corpus.csv"
    result = _run("corpus", str(sample_corpus_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "Traceback" not in result.stderr
    written = pd.read_csv(out)
    assert tuple(written.columns) == CORPUS_COLUMNS  # schema columns only, in order
    assert len(written) == 60
    assert written["doc_id"].is_unique
    assert {p.name: _digest(p) for p in sample_corpus_path.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.csv"]  # no temporary left


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "m.csv",
            b"id,title\n1,x\n",
            "error: m.csv: field 'text': missing required column(s) 'text' "
            "(found: 'id', 'title')\n",
        ),
        (
            "n.csv",
            b"id,text\na,caf\xe9\n",
            "error: n.csv: line 2: undecodable byte 0xe9 at byte offset 13 (not UTF-8)\n",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_keeps_old_output(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.csv"
    out.write_text("previous results\n")
    result = _run("corpus", str(path), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == message
    assert "Traceback" not in result.stdout + result.stderr
    assert out.read_text() == "previous results\n"  # earlier output untouched
    assert path.read_bytes() == data  # input untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "out.csv"])


def test_debug_raises_instead_of_printing(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    with pytest.raises(CorpusError, match=r"^e\.csv: no documents \(empty file\)$"):
        cli.main(["--debug", "corpus", str(path), "--out", str(tmp_path / "out.csv")])
    assert not (tmp_path / "out.csv").exists()


def test_exclude_duplicates_and_byte_identical_reruns(tmp_path):
    text = "Japan and South Korea agreed to resume shuttle diplomacy between their leaders."
    src = tmp_path / "docs.csv"
    pd.DataFrame(
        {"id": ["a", "b", "c"], "text": [text, text + " ", "An unrelated statement."]}
    ).to_csv(src, index=False)
    first, second, kept = (tmp_path / f"{n}.csv" for n in ("first", "second", "kept"))
    assert cli.main(["corpus", str(src), "--out", str(first)]) == 0
    assert cli.main(["corpus", str(src), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    flagged = pd.read_csv(first)
    assert flagged["is_duplicate"].tolist() == [False, True, False]
    assert flagged["duplicate_of"].tolist()[1] == "a"
    assert cli.main(["corpus", str(src), "--out", str(kept), "--exclude-duplicates"]) == 0
    assert pd.read_csv(kept)["doc_id"].tolist() == ["a", "c"]


def test_out_is_required(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["corpus", "data/sample"])
    assert exc.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_a_skipped_page_is_one_warning_line_and_the_rest_is_written(tmp_path, test_data, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("yonhap.txt", "navigation_only.txt"):
        (folder / name).write_bytes((test_data / "pages" / name).read_bytes())
    out = tmp_path / "c.csv"
    assert cli.main(["corpus", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err == (
        "warning: pages: 1 skipped: navigation_only.txt: no article (no line reads as running "
        "text: navigation or empty page)\n"
    )
    assert pd.read_csv(out)["doc_id"].tolist() == ["yonhap"]


def test_module_exit_runs_exit_handlers_flushes_and_keeps_the_code(tmp_path):
    # python -m analysis leaves without interpreter finalisation (os._exit): exit handlers
    # must still run, buffered output must reach the pipe, and the code must be main's.
    marker = tmp_path / "atexit-ran"
    script = (
        "import atexit, pathlib, runpy, sys\n"
        f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
        "sys.stdout.write('x' * 200000)\n"  # more than a pipe holds: must be flushed
        "sys.argv = ['analysis', *sys.argv[1:]]\n"
        "runpy.run_module('analysis', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "corpus", str(tmp_path / "missing.csv"),
         "--out", str(tmp_path / "out.csv")],
        capture_output=True, text=True, cwd=config.PROJECT_ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "missing.csv" in done.stderr
    assert len(done.stdout) == 200000
    assert marker.read_text() == "yes"
    ok = _run("info")
    assert ok.returncode == 0 and ok.stdout.strip(), ok.stderr
