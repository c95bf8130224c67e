"""Everything the README shows is executed (or, for long runs, parsed) here."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import warnings

import pytest

from analysis import cli, config

README = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.S)
CLI_LINES = [
    line.split("#")[0].strip()
    for lang, body in BLOCKS
    if lang == "bash"
    for line in body.splitlines()
    if line.startswith("python -m analysis")
]
# Run for real (fast); the report and scale lines are covered by their own tests and parsed here.
EXECUTED = ("corpus", "sentiment", "frames", "terms", "coding")


def test_readme_leads_with_the_two_commands():
    first_block = next(body for lang, body in BLOCKS if lang == "bash")
    assert [line.split("#")[0].strip() for line in first_block.splitlines()] == [
        "make report",
        "make test",
    ]


def test_make_targets_named_in_readme_exist():
    makefile = (config.PROJECT_ROOT / "Makefile").read_text()
    for target in set(re.findall(r"`make ([a-z-]+)`", README)) | {"report", "test", "help"}:
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_python_example_runs():
    code = next(body for lang, body in BLOCKS if lang == "python")
    namespace: dict = {}
    # the sample has groups of 1-2 documents (IN, INTL): the README's call must say so
    with pytest.warns(UserWarning) as caught:
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    messages = [str(w.message) for w in caught]
    assert any("too small to say anything" in m for m in messages)
    # ~20 outlets: the model says its clustered errors are not to be trusted, and nothing else
    assert (
        [m for m in messages if m.startswith("fit_model")]
        == [m for m in messages if "too few clusters" in m and "collinear" not in m]
        != []
    )
    assert set(namespace["by_country"].columns) >= {"n_obs", "mean"}
    assert namespace["model"]["n_clusters"].iloc[0] > 1 and "JP / statement" in set(
        namespace["by_both"]["group"]
    )
    assert len(namespace["tone"]) == len(namespace["docs"])


@pytest.mark.parametrize("line", CLI_LINES)
def test_cli_lines_parse(line):
    args = cli.build_parser().parse_args(shlex.split(line)[3:])
    assert callable(args.func)


@pytest.mark.parametrize("line", [ln for ln in CLI_LINES if ln.split()[3] in EXECUTED])
def test_cli_lines_run(line, tmp_path):
    argv = shlex.split(line)[3:]
    # outputs go to the temporary folder, never into the repository
    argv = [
        str(tmp_path / a) if a.endswith(".csv") and i > 0 and argv[i - 1].startswith("--") else a
        for i, a in enumerate(argv)
    ]
    done = subprocess.run(
        [sys.executable, "-m", "analysis", *argv],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    written = [p for p in tmp_path.iterdir() if p.suffix == ".csv"]
    assert written and all(p.stat().st_size > 0 for p in written)


OWN_MATERIAL = README.split("## Loading your own material", 1)[1].split("\n## ", 1)[0]
OWN_BLOCKS = re.findall(r"```python\n(.*?)```", OWN_MATERIAL, flags=re.S)


def test_loading_your_own_material_runs_three_lines_each(monkeypatch):
    """The README's Nexis Uni export, folder of saved pages and own CSV, executed as shown."""
    assert [len(block.strip().splitlines()) for block in OWN_BLOCKS] == [3, 3, 3]
    monkeypatch.chdir(config.PROJECT_ROOT)  # the examples' paths are relative to the project
    spaces: list[dict] = []
    for block in OWN_BLOCKS:
        spaces.append({})
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            exec(compile(block, "README.md", "exec"), spaces[-1])  # noqa: S102 - README's own
        spaces[-1]["warned"] = [str(w.message) for w in warned]
    nexis, pages, mine = (s[n] for s, n in zip(spaces, ("nexis", "pages", "mine"), strict=True))
    assert nexis["source_format"].eq("nexis_docx").all() and len(nexis) == 3
    assert nexis["title"].iat[0] == "Seoul to end intelligence pact with Tokyo"
    assert sorted(pages["source_format"]) == ["html", "html", "pagedump"]
    assert pages.attrs["load_report"]["skipped"][0].startswith("navigation_only.txt: no article")
    assert spaces[1]["warned"] == [
        "saved_pages: 1 skipped: " + pages.attrs["load_report"]["skipped"][0]
    ]
    assert mine["outlet"].tolist() == ["Korea Herald", "Kyodo", "Nikkei Asia"]
    assert mine["published_precision"].tolist() == ["day", "day", "month"]
    assert mine["published_utc_offset"].tolist()[1] == 540
