"""analysis.report: strict parameters, names, export, index, up-to-date skip, failures."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis.cli import main
from analysis.report import (
    ReportError,
    clean_html,
    export_html,
    list_reports,
    notebook_parameters,
    plan_reports,
    provenance,
    read_notebook,
    report_slug,
    write_index,
)
from analysis.report.index import index_html, write_failure
from analysis.report.parameters import (
    Parameter,
    check_value,
    find_notebooks,
    load_params_file,
    parse_value,
)
from analysis.report.provenance import git_commit, hash_tree

TINY = """# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Tiny <report>
# Does the runner work?

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty = the sample corpus
country: str = "KR"  # publisher country
n: int = 3  # how many rows
ratio: float = 0.5  # a share
flag: bool = False  # a switch
pause: float = 0.0  # seconds to sleep (for the interrupted-run test)

# %%
import os
import time
print("country", country, "n", n * 2)
time.sleep(float(os.environ.get("TINY_PAUSE", pause)))
"""
FAILING_CELL = '\n# %%\nx = 1\nraise RuntimeError("boom " + country)\n'


def declared(**types) -> dict[str, Parameter]:
    defaults = {"str": "", "int": 0, "float": 0.0, "bool": False, "list": [], "None": None}
    return {k: Parameter(k, t, defaults.get(t), "") for k, t in types.items()}


@pytest.fixture
def nb_dir(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "tiny.py").write_text(TINY, encoding="utf-8")
    return folder


def write_params(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- parameters -------------------------------------------------------------------------


def test_notebook_parameters_reads_types_defaults_and_help(nb_dir):
    params = notebook_parameters(read_notebook(nb_dir / "tiny.py"))
    assert list(params) == ["corpus_path", "country", "n", "ratio", "flag", "pause"]
    # corpus_path's help has a second '=' that papermill cannot read: parsed by ast instead
    assert params["corpus_path"] == Parameter(
        "corpus_path", "str", "", "corpus file or folder; empty = the sample corpus"
    )
    assert params["n"] == Parameter("n", "int", 3, "how many rows")
    assert params["flag"].default is False


@pytest.mark.parametrize(
    ("type_name", "text", "expected"),
    [
        ("str", "007", "007"),
        ("int", "12", 12),
        ("float", "0.25", 0.25),
        ("float", "2", 2.0),
        ("bool", "true", True),
        ("bool", "No", False),
        ("list", "[a, b]", ["a", "b"]),
    ],
)
def test_parse_value_known_answers(type_name, text, expected):
    value = parse_value(declared(x=type_name)["x"], text, where="-p")
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("type_name", "text"), [("int", "1.5"), ("int", "x"), ("float", "abc"), ("bool", "maybe")]
)
def test_parse_value_wrong_type_names_parameter(type_name, text):
    with pytest.raises(ReportError, match=rf"-p: parameter 'x' expects {type_name}, got '{text}'"):
        parse_value(declared(x=type_name)["x"], text, where="-p")


@pytest.mark.parametrize(
    ("type_name", "value", "ok"),
    [
        ("int", 3, True),
        ("int", True, False),
        ("int", "3", False),
        ("float", 3, True),
        ("str", 2023, False),
        ("bool", 1, False),
        ("list", ["a"], True),
    ],
)
def test_check_value_types(type_name, value, ok):
    param = declared(x=type_name)["x"]
    if ok:
        assert check_value(param, value, where="f.yaml") == value
    else:
        with pytest.raises(ReportError, match="f.yaml: parameter 'x' expects"):
            check_value(param, value, where="f.yaml")


def test_check_value_hints_to_quote_yaml_dates():
    import datetime as dt

    with pytest.raises(ReportError, match=r"quote it in YAML"):
        check_value(declared(x="str")["x"], dt.date(2023, 3, 6), where="f.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "expected a mapping"),
        ("parameters: {}\n", "field 'notebook': missing"),
        ("notebook: tiny\nparameters: [1]\n", "field 'parameters': expected a mapping"),
        ("notebook: tiny\ncolour: red\n", "field 'colour': unknown"),
        ("notebook: [tiny\n", "cannot read parameter file"),
    ],
)
def test_load_params_file_errors_name_file_and_field(tmp_path, text, message):
    path = write_params(tmp_path, "bad.yaml", text)
    with pytest.raises(ReportError, match=message) as info:
        load_params_file(path)
    assert str(path) in str(info.value)


def test_find_notebooks_prefers_jupytext_source(nb_dir):
    nbformat.write(nbformat.v4.new_notebook(), nb_dir / "tiny.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), nb_dir / "other.ipynb")
    (nb_dir / "helper.py").write_text("x = 1\n")  # not a jupytext notebook
    assert find_notebooks(nb_dir) == {"other": nb_dir / "other.ipynb", "tiny": nb_dir / "tiny.py"}


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "tiny"),
        ({"n": 3}, "tiny--n-3"),  # given explicitly: named, even when equal to the default
        ({"n": 5}, "tiny--n-5"),
        ({"n": 5, "country": "JP"}, "tiny--country-JP_n-5"),
        ({"flag": True}, "tiny--flag-True"),
    ],
)
def test_report_slug_known_answers(params, expected):
    assert report_slug("tiny", params) == expected


def test_report_slug_adds_hash_when_readable_form_loses_information():
    a = report_slug("tiny", {"corpus_path": "/data/a/corpus.csv"})
    b = report_slug("tiny", {"corpus_path": "/data/b/corpus.csv"})
    assert a.startswith("tiny--corpus_path-corpus.csv-") and b.startswith(a[:-8])
    assert a != b
    assert a == report_slug("tiny", {"corpus_path": "/data/a/corpus.csv"})
    assert report_slug("tiny", {"country": "a b"}) != report_slug("tiny", {"country": "a-b"})


# --- planning: every error before anything runs ------------------------------------------


def test_plan_defaults_and_params_files(nb_dir, tmp_path):
    params = tmp_path / "params"
    write_params(params, "jp.yaml", "notebook: tiny\nparameters:\n  country: JP\n")
    write_params(params, "same.yaml", "notebook: tiny\nparameters:\n  country: KR\n")
    write_params(params, "twin.yaml", "notebook: tiny\nparameters:\n  country: JP\n")
    jobs = plan_reports(params=params, notebook_dir=nb_dir)
    assert [(j.slug, j.source) for j in jobs] == [
        ("tiny", "defaults"),
        ("tiny--country-JP", str(params / "jp.yaml")),
        ("tiny--country-KR", str(params / "same.yaml")),
    ]  # one report per distinct set of parameters: twin.yaml repeats jp.yaml


def test_plan_single_params_file_and_notebook_filter(nb_dir, tmp_path):
    (nb_dir / "other.py").write_text(TINY, encoding="utf-8")
    one = write_params(tmp_path / "params", "jp.yaml", "notebook: tiny\nparameters:\n  n: 4\n")
    jobs = plan_reports(params=one, notebook_dir=nb_dir)
    assert [j.slug for j in jobs] == ["other", "tiny", "tiny--n-4"]
    only_other = plan_reports(params=one, notebooks=["other"], notebook_dir=nb_dir)
    assert [j.slug for j in only_other] == ["other"]  # the file's notebook is not selected
    with pytest.raises(ReportError, match="no such parameter file or folder"):
        plan_reports(params=tmp_path / "missing.yaml", notebook_dir=nb_dir)


def test_plan_cli_parameters_override_and_corpus(nb_dir, tmp_path, sample_corpus_path):
    jobs = plan_reports(
        cli_parameters=["n=7", "flag=yes"], corpus=sample_corpus_path, notebook_dir=nb_dir
    )
    assert jobs[0].parameters == {"n": 7, "flag": True, "corpus_path": str(sample_corpus_path)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cli_parameters": ["colour=red"]}, "-p colour=red: notebook 'tiny' has no parameter"),
        ({"cli_parameters": ["n=three"]}, "parameter 'n' expects int, got 'three'"),
        ({"cli_parameters": ["n"]}, "-p n: expected key=value"),
        ({"notebooks": ["nope"]}, "--notebook nope: no such notebook"),
        ({"corpus": Path("/no/such/corpus")}, "--corpus /no/such/corpus: no such file"),
    ],
)
def test_plan_rejects_bad_requests(nb_dir, kwargs, message):
    with pytest.raises(ReportError, match=message):
        plan_reports(notebook_dir=nb_dir, **kwargs)


def test_plan_makes_relative_corpus_paths_absolute(
    nb_dir, tmp_path, sample_corpus_path, monkeypatch
):
    corpus = tmp_path / "small.jsonl"
    corpus.write_bytes((sample_corpus_path / "korea_japan_official_2018_2024.jsonl").read_bytes())
    monkeypatch.chdir(tmp_path)
    by_flag = plan_reports(corpus=Path("small.jsonl"), notebook_dir=nb_dir)
    by_p = plan_reports(cli_parameters=["corpus_path=small.jsonl"], notebook_dir=nb_dir)
    assert by_flag[0].parameters["corpus_path"] == str(corpus)
    assert by_p[0].parameters["corpus_path"] == str(corpus)
    # inside a parameter file: relative to the file's folder, not to the working folder
    params = tmp_path / "params"
    write_params(params, "x.yaml", "notebook: tiny\nparameters:\n  corpus_path: ../small.jsonl\n")
    monkeypatch.chdir(nb_dir)
    from_file = plan_reports(params=params, notebook_dir=nb_dir)[1]
    assert from_file.parameters["corpus_path"] == str(corpus)


def test_cli_bad_corpus_fails_before_any_kernel_and_writes_nothing(nb_dir, tmp_path, capsys):
    bad, out = tmp_path / "p.csv", tmp_path / "reports"
    bad.write_bytes(b"id,text,published\na,x,2019-02-30\n")
    code = main(["report", "--notebook-dir", str(nb_dir), "--out", str(out), "--corpus", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("error: p.csv: row 1, field 'published': impossible date '2019-02-30'")
    assert not out.exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (config.PROJECT_ROOT / "data" / "sample", "data/sample"),
        (config.PROJECT_ROOT, "."),
        (Path("/elsewhere/corpora/small.csv"), "small.csv"),
        ("", ""),
    ],
)
def test_display_path_known_answers(path, expected):
    assert provenance.display_path(path) == expected


def test_shown_parameters_hides_machine_paths_and_keeps_input():
    params = {"corpus_path": "/elsewhere/x/small.csv", "n": 1}
    assert provenance.shown_parameters(params) == {"corpus_path": "small.csv", "n": 1}
    assert params["corpus_path"] == "/elsewhere/x/small.csv"
    assert provenance.shown_parameters({"corpus_path": ""}) == {"corpus_path": ""}


def test_plan_rejects_bad_params_files(nb_dir, tmp_path):
    params = tmp_path / "params"
    path = write_params(params, "x.yaml", "notebook: tiny\nparameters:\n  n: '4'\n")
    with pytest.raises(ReportError, match=rf"{path}: parameter 'n' expects int, got str '4'"):
        plan_reports(params=params, notebook_dir=nb_dir)
    path.write_text("notebook: missing\n")
    with pytest.raises(ReportError, match="field 'notebook': no such notebook 'missing'"):
        plan_reports(params=params, notebook_dir=nb_dir)


def test_cli_unknown_parameter_writes_nothing(nb_dir, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(["report", "--notebook-dir", str(nb_dir), "--out", str(out), "-p", "colour=red"])
    assert code == 2
    assert capsys.readouterr().err.startswith("error: -p colour=red: notebook 'tiny' has no")
    assert not out.exists()


def test_cli_wrong_type_is_one_line_error(nb_dir, tmp_path, capsys):
    code = main(["report", "--notebook-dir", str(nb_dir), "--out", str(tmp_path), "-p", "ratio=hi"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "parameter 'ratio' expects float, got 'hi'" in err


# --- export -----------------------------------------------------------------------------

HOSTILE_HTML = (
    "<table><tr><td>ok</td></tr></table><script>window.__pwned=1</script>"
    '<img src=x onerror="window.__pwned=2"><img src="http://evil.example/x.png">'
    '<a href="https://evil.example">link</a><style>@import url(http://evil.example/a.css);</style>'
)
PROVENANCE = {
    "notebook": "tiny",
    "parameters": {"country": "<b>KR</b>"},
    "corpus_path": "data/sample",
    "corpus_sha256": "ab" * 32,
    "codebooks_sha256": "cd" * 32,
    "versions": {"python": "3.11", "pandas": "3"},
    "git_commit": "unknown",
    "rendered_utc": "2026-01-01T00:00:00Z",
    "input_hash": "ef" * 32,
}


def test_clean_html_known_answers():
    cleaned = clean_html(HOSTILE_HTML)
    assert cleaned.startswith("<table><tbody><tr><td>ok</td></tr></tbody></table>&lt;script&gt;")
    assert cleaned.endswith("<img><img><a>link</a>")
    assert "<script" not in cleaned and "&lt;script&gt;" in cleaned
    assert "onerror" not in cleaned and "evil.example" not in cleaned.replace("&lt;", "")
    assert "@import" not in cleaned
    assert (
        clean_html('<img src="data:image/png;base64,AAAA">')
        == '<img src="data:image/png;base64,AAAA">'
    )
    assert clean_html('<a href="#provenance">p</a>') == '<a href="#provenance">p</a>'


def executed_like_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("show_table(df)")
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": HOSTILE_HTML}),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "window.x=1"}),
        nbformat.v4.new_output(
            "display_data", data={"image/svg+xml": "<svg><script>alert(1)</script></svg>"}
        ),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\ntext"), code]
    return nb


def test_export_html_is_self_contained_and_inert():
    nb = executed_like_notebook()
    before = nbformat.writes(nb)
    page = export_html(nb, title="T <i>", provenance=PROVENANCE)
    assert nbformat.writes(nb) == before  # input not modified
    assert "<script" not in page.lower()
    assert 'src="http' not in page and 'href="http' not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in page
    assert "data:image/svg+xml;base64," in page
    assert '<details class="kj-code"><summary>code</summary>' in page
    assert "<title>T &lt;i&gt;</title>" in page
    assert 'id="provenance"' in page and "ab" * 32 in page
    assert "country='&lt;b&gt;KR&lt;/b&gt;'" in page


# --- index ------------------------------------------------------------------------------


def write_record(out: Path, slug: str, notebook: str, title: str, params: dict) -> None:
    (out / "_executed").mkdir(parents=True, exist_ok=True)
    (out / f"{slug}.html").write_text("<html></html>")
    record = {
        "notebook": notebook,
        "slug": slug,
        "html": f"{slug}.html",
        "title": title,
        "parameters": params,
        "source": "defaults",
        "input_hash": "x",
        "provenance": {**PROVENANCE, "parameters": params},
    }
    (out / "_executed" / f"{slug}.json").write_text(json.dumps(record))


def test_list_reports_and_index_grouped_and_escaped(tmp_path):
    write_record(tmp_path, "b", "sentiment", "Tone", {"country": "JP"})
    write_record(tmp_path, "a", "overview", "<script>x</script>", {})
    write_record(tmp_path, "gone", "overview", "Gone", {})
    (tmp_path / "gone.html").unlink()  # a record without its HTML is not listed
    reports = list_reports(tmp_path)
    assert list(reports["slug"]) == ["a", "b"]
    page = index_html(reports)
    assert page.index("<h2>overview</h2>") < page.index("<h2>sentiment</h2>")
    assert '<a href="a.html">&lt;script&gt;x&lt;/script&gt;</a>' in page
    assert '<a href="b.html">Tone</a>' in page and "country=&#x27;JP&#x27;" in page
    assert "<script" not in page


def test_write_index_rewrites_only_on_change(tmp_path):
    write_record(tmp_path, "a", "overview", "A", {})
    path, written = write_index(tmp_path)
    assert written
    mtime = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert write_index(tmp_path) == (path, False)
    assert path.stat().st_mtime_ns == mtime


def test_list_reports_empty_folder_has_columns(tmp_path):
    reports = list_reports(tmp_path)
    assert reports.empty and "parameters" in reports.columns


# --- provenance -------------------------------------------------------------------------


def test_hash_tree_depends_on_names_and_bytes(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x")
    first = hash_tree(tmp_path)
    assert hash_tree(tmp_path) == first
    (tmp_path / ".hidden").write_bytes(b"ignored")
    assert hash_tree(tmp_path) == first
    (tmp_path / "a.txt").write_bytes(b"y")
    assert hash_tree(tmp_path) != first
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert len({first, hash_tree(tmp_path)}) == 2
    with pytest.raises(FileNotFoundError, match="no such file"):
        hash_tree(tmp_path / "missing")


def test_package_hash_ignores_bytecode_and_other_suffixes(tmp_path):
    (tmp_path / "mod.py").write_text("x = 1\n")
    first = hash_tree(tmp_path, suffixes={".py"})
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "mod.cpython-311.py").write_text("compiled")
    (tmp_path / "notes.tmp").write_text("scratch")
    assert hash_tree(tmp_path, suffixes={".py"}) == first


def test_git_commit_outside_git_is_unknown(tmp_path):
    assert git_commit(tmp_path) == "unknown"
    commit = git_commit(config.PROJECT_ROOT)  # this checkout; "unknown" from a tarball
    assert commit == "unknown" or re.fullmatch(r"[0-9a-f]{40}(\+dirty)?", commit)


# --- execution (slow: starts kernels) ---------------------------------------------------


def run_cli(*args) -> int:
    return main(["report", *map(str, args)])


@pytest.mark.slow
def test_render_skip_force_and_failure_keep_previous_report(nb_dir, tmp_path, capsys, monkeypatch):
    # the package and codebooks may be edited by someone else while this runs: pin their hashes
    monkeypatch.setattr(provenance, "package_source_hash", lambda: "pinned")
    monkeypatch.setattr(provenance, "codebook_hash", lambda: "pinned")
    out = tmp_path / "reports"
    assert run_cli("--notebook-dir", nb_dir, "--out", out) == 0
    html, record, index = out / "tiny.html", out / "_executed" / "tiny.json", out / "index.html"
    assert "country KR n 6" in (out / "_executed" / "tiny.ipynb").read_text()
    assert oct(html.stat().st_mode & 0o777) == "0o644"
    # the exact versions that produced it: the lock file's hash, in the record and the page
    lock = hashlib.sha256(config.LOCK_FILE.read_bytes()).hexdigest()
    assert json.loads(record.read_text())["provenance"]["lock_sha256"] == lock
    assert f"requirements.lock sha256</dt><dd>{lock}" in html.read_text(encoding="utf-8")
    stamps = {p: p.stat().st_mtime_ns for p in (html, record, index)}
    capsys.readouterr()

    assert run_cli("--notebook-dir", nb_dir, "--out", out) == 0
    assert f"up to date: {html}" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps  # nothing rewritten

    content = html.read_bytes()
    (nb_dir / "tiny.py").write_text(TINY + FAILING_CELL, encoding="utf-8")
    assert run_cli("--notebook-dir", nb_dir, "--out", out) == 1
    err = capsys.readouterr().err
    assert "error: tiny.py: cell 3 (from 0) ('x = 1') failed: RuntimeError: boom KR" in err
    kept = nbformat.read(out / "_executed" / "tiny.ipynb", as_version=4)
    assert any(o.get("ename") == "RuntimeError" for c in kept.cells for o in c.get("outputs", []))
    assert html.read_bytes() == content and record.stat().st_mtime_ns == stamps[record]

    (nb_dir / "tiny.py").write_text(TINY, encoding="utf-8")
    assert run_cli("--notebook-dir", nb_dir, "--out", out, "--force") == 0
    assert html.stat().st_mtime_ns > stamps[html]


@pytest.mark.slow
def test_two_params_files_give_two_reports_and_an_index_linking_both(nb_dir, tmp_path):
    params, out = tmp_path / "params", tmp_path / "reports"
    write_params(params, "jp.yaml", "notebook: tiny\nparameters:\n  country: JP\n")
    write_params(params, "us.yaml", "notebook: tiny\nparameters:\n  country: US\n  n: 1\n")
    assert (
        run_cli("--notebook-dir", nb_dir, "--out", out, "--params", params, "--notebook", "tiny")
        == 0
    )
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == [
        "index.html",
        "tiny--country-JP.html",
        "tiny--country-US_n-1.html",
        "tiny.html",
    ]
    index = (out / "index.html").read_text()
    for name in names[1:]:
        assert f'href="{name}"' in index
    assert "country=&#x27;US&#x27;, n=1" in index
    reports = list_reports(out)
    assert set(reports["source"]) == {"defaults", str(params / "jp.yaml"), str(params / "us.yaml")}
    page = (out / "tiny--country-US_n-1.html").read_text()
    assert "country US n 2" in page and "Tiny &lt;report&gt;" in page


@pytest.mark.slow
def test_relative_corpus_reaches_the_kernel_and_reports_show_no_machine_path(
    nb_dir, tmp_path, sample_corpus_path, monkeypatch
):
    corpus = tmp_path / "small.jsonl"
    corpus.write_bytes((sample_corpus_path / "korea_japan_official_2018_2024.jsonl").read_bytes())
    (nb_dir / "tiny.py").write_text(TINY + "\n# %%\nprint('exists', os.path.isfile(corpus_path))\n")
    monkeypatch.chdir(tmp_path)
    assert run_cli("--notebook-dir", nb_dir, "--out", "reports", "--corpus", "small.jsonl") == 0
    html = next(Path("reports").glob("tiny--corpus_path-small.jsonl-*.html"))
    page = html.read_text()
    assert "exists True" in page
    assert "<dd>small.jsonl</dd>" in page  # provenance: the file name (outside the project)
    assert str(tmp_path) not in page and str(tmp_path) not in Path("reports/index.html").read_text()


@pytest.mark.slow
def test_failed_report_is_listed_and_deleted_params_file_removes_its_report(nb_dir, tmp_path):
    params, out = tmp_path / "params", tmp_path / "reports"
    write_params(params, "jp.yaml", "notebook: tiny\nparameters:\n  country: JP\n")
    gone = write_params(params, "us.yaml", "notebook: tiny\nparameters:\n  country: US\n")
    assert run_cli("--notebook-dir", nb_dir, "--out", out, "--params", params) == 0
    assert (out / "tiny--country-US.html").is_file()

    gone.unlink()
    (nb_dir / "tiny.py").write_text(TINY + FAILING_CELL, encoding="utf-8")
    assert run_cli("--notebook-dir", nb_dir, "--out", out, "--params", params) == 1
    reports = list_reports(out)
    assert reports["slug"].tolist() == ["tiny", "tiny--country-JP"]  # US removed: file deleted
    assert reports["status"].tolist() == ["failed", "failed"]
    assert "cell 3 (from 0) ('x = 1') failed: RuntimeError: boom JP" in reports["error"][1]
    assert not list(out.rglob("tiny--country-US*"))
    index = (out / "index.html").read_text()
    assert (
        "2 (2 failed) reports" in index
        and "FAILED (the report linked is from the last good" in index
    )
    assert 'href="tiny--country-JP.html"' in index  # the last good report stays reachable

    (nb_dir / "tiny.py").write_text(TINY, encoding="utf-8")
    assert run_cli("--notebook-dir", nb_dir, "--out", out, "--params", params) == 0
    assert list_reports(out)["status"].tolist() == ["ok", "ok"]
    assert "FAILED" not in (out / "index.html").read_text()


def test_index_lists_never_rendered_failure_and_stale_report(tmp_path):
    out = tmp_path / "reports"
    entry = {"notebook": "tiny", "slug": "tiny", "html": "tiny.html", "title": "tiny",
             "parameters": {}, "source": "defaults"}  # fmt: skip
    write_failure(out, entry, "tiny.py: cell 2 failed: <boom>")
    record = {"notebook": "tiny", "slug": "tiny--n-1", "html": "tiny--n-1.html", "title": "t",
              "parameters": {"n": 1}, "source": str(tmp_path / "deleted.yaml"),
              "provenance": {"corpus_sha256": "ab" * 32}}  # fmt: skip
    (out / "_executed" / "tiny--n-1.json").write_text(json.dumps(record))
    (out / "tiny--n-1.html").write_text("x")
    reports = list_reports(out)
    assert reports["status"].tolist() == ["failed", "stale"]
    page = index_html(reports)
    assert "FAILED:</span> tiny.py: cell 2 failed: &lt;boom&gt;" in page
    assert 'href="tiny.html"' not in page  # nothing to link: it never rendered
    assert "STALE:</span> its parameter file no longer exists" in page
    assert "<td>deleted.yaml</td>" in page


@pytest.mark.slow
def test_killed_run_leaves_previous_report_and_next_run_completes(nb_dir, tmp_path):
    out = tmp_path / "reports"
    assert run_cli("--notebook-dir", nb_dir, "--out", out) == 0
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # a source change forces a re-render of the same report; the pause keeps it running
    (nb_dir / "tiny.py").write_text(TINY + "\n# %%\nprint('changed')\n", encoding="utf-8")
    command = [sys.executable, "-m", "analysis", "report", "--notebook-dir", str(nb_dir)]
    proc = subprocess.Popen(
        [*command, "--out", str(out)],
        start_new_session=True,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TINY_PAUSE": "30"},
    )
    deadline = time.monotonic() + 60
    while not list((out / "_executed").glob(".tiny.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2.0)  # the kernel is running the notebook
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if ".tmp-" not in k} == before
    assert run_cli("--notebook-dir", nb_dir, "--out", out) == 0
    assert "changed" in (out / "tiny.html").read_text()


@pytest.mark.slow
def test_parallel_renders_leave_the_working_directory_alone(tmp_path):
    """Two kernels at once (--jobs 2) start in the notebooks' folder, and the caller's
    working directory is the same afterwards (papermill's cwd= chdir'd the process)."""

    from analysis.report.runner import plan_reports, render_reports

    before = os.getcwd()
    jobs = plan_reports(notebooks=["corpus_overview", "framing"], corpus=config.SAMPLE_CORPUS)
    results = render_reports(jobs, out_dir=tmp_path / "out", n_jobs=2)
    assert [r.status for r in results] == ["rendered", "rendered"]
    assert os.getcwd() == before
