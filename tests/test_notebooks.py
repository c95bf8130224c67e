"""Every notebook in notebooks/: paired and clean, and rendered by the runner on the sample corpus.

The rendering tests execute each notebook once (module fixture) with its defaults,
plus the corpus overview on the sample corpus with one hostile document added, and
check every HTML: figures embedded, nothing loaded from the network, no script,
provenance present, hostile text shown as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import jupytext
import nbformat
import pytest
import reportcheck  # tests/reportcheck.py

from analysis import config
from analysis.browser import HOSTILE_TITLE, hostile_corpus
from analysis.report.parameters import find_notebooks, notebook_parameters, read_notebook
from analysis.report.runner import plan_reports, render_reports

NOTEBOOKS = find_notebooks(config.NOTEBOOK_DIR)
SOURCES = sorted(p for p in config.NOTEBOOK_DIR.glob("*.py") if p.stem in NOTEBOOKS)
EXTERNAL = re.compile(r"""(?:src|href|srcset|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_there_are_report_notebooks():
    assert {"corpus_overview", "sentiment"} <= set(NOTEBOOKS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_py_and_ipynb_are_paired_and_in_sync(source: Path):
    paired = source.with_suffix(".ipynb")
    assert paired.is_file(), f"{paired.name} missing: run jupytext --to ipynb {source}"
    text = jupytext.read(source)
    stored = nbformat.read(paired, as_version=4)
    as_pairs = [(c.cell_type, c.source.strip()) for c in text.cells]
    assert [(c.cell_type, c.source.strip()) for c in stored.cells] == as_pairs, (
        f"{paired.name} differs from {source.name}: run jupytext --sync {source}"
    )
    assert "py:percent" in text.metadata["jupytext"]["formats"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_ipynb_has_no_outputs(source: Path):
    stored = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_declares_corpus_path(name):
    params = notebook_parameters(read_notebook(NOTEBOOKS[name]))
    assert "corpus_path" in params and params["corpus_path"].default == ""


@pytest.fixture(scope="module")
def rendered(sample_reports, tmp_path_factory) -> dict[str, Path]:
    """Every notebook with its defaults (``sample_reports``), and the overview on the hostile
    corpus rendered into the same folder."""
    work = tmp_path_factory.mktemp("notebooks")
    out = next(iter(sample_reports.values())).html.parent
    hostile = plan_reports(notebooks=["corpus_overview"], corpus=hostile_corpus(work))
    return {**sample_reports, "hostile": render_reports(hostile, out_dir=out)[0]}


def page_of(rendered, name: str) -> Path:
    """The HTML of one notebook; fails (for that notebook only) with the runner's message."""
    result = rendered[name]
    assert result.status == "rendered", result.message
    return result.html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)


def tags_of(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


@pytest.mark.slow
@pytest.mark.parametrize("name", [*sorted(NOTEBOOKS), "hostile"])
def test_report_is_self_contained_with_figures_and_provenance(rendered, name):
    page = page_of(rendered, name).read_text(encoding="utf-8")
    assert "data:image/png;base64," in page, "no embedded figure"
    assert not EXTERNAL.findall(page), "external src/href"
    tags = tags_of(page)
    assert not [t for t, _ in tags if t in {"script", "iframe", "object", "embed", "link"}]
    assert not [(t, a) for t, attrs in tags for a in attrs if a.startswith("on")]
    assert "Content-Security-Policy" in page
    assert '<section class="kj-provenance' in page or 'id="provenance"' in page
    assert re.search(r"corpus sha256</dt><dd>[0-9a-f]{64}</dd>", page)


@pytest.mark.slow
def test_hostile_document_is_shown_as_text_in_the_overview(rendered):
    page = page_of(rendered, "hostile").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    # the whole title (script, onerror handler, </table>, markdown, LaTeX) is one text node
    assert any(HOSTILE_TITLE in text for text in parser.texts)
    assert "&lt;script&gt;window.__pwned=1" in page
    assert not [attrs for tag, attrs in parser.tags if tag == "img" and "onerror" in attrs]


@pytest.mark.slow
def test_index_links_every_report(rendered):
    index = (page_of(rendered, "hostile").parent / "index.html").read_text(encoding="utf-8")
    for result in rendered.values():
        if result.status == "rendered":  # failures are reported by the test of their notebook
            assert f'href="{result.html.name}"' in index
    assert "<script" not in index


_noisy_outputs = reportcheck.noisy_outputs


@pytest.mark.slow
@pytest.mark.parametrize("name", [*sorted(NOTEBOOKS), "hostile"])
def test_executed_notebook_has_no_stderr_and_no_error_output(rendered, name):
    html = page_of(rendered, name)
    executed = html.parent / "_executed" / f"{rendered[name].job.slug}.ipynb"
    noisy = _noisy_outputs(executed)
    assert not noisy, "\n".join(noisy)


def test_noisy_outputs_names_notebook_and_cell(tmp_path):
    new = nbformat.v4
    stdout = new.new_output("stream", name="stdout", text="ok")
    stderr = new.new_output("stream", name="stderr", text="TqdmWarning: IProgress not found")
    error = new.new_output("error", ename="ValueError", evalue="bad", traceback=[])
    nb = new.new_notebook()
    nb.cells = [
        new.new_code_cell("x = 1", outputs=[stdout]),
        new.new_code_cell("import tqdm\nbar()", outputs=[stderr, error]),
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert _noisy_outputs(path) == [
        "x.ipynb: cell 1 ('import tqdm'): TqdmWarning: IProgress not found",
        "x.ipynb: cell 1 ('import tqdm'): ValueError: bad",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corpus_overview", "sentiment", "hostile"])
def test_report_shows_no_absolute_machine_path(rendered, name):
    page = page_of(rendered, name).read_text(encoding="utf-8")
    work = page_of(rendered, "hostile").parent.parent
    assert str(config.PROJECT_ROOT) not in page and str(work) not in page
    if name != "hostile":
        assert "<code>data/sample</code>" in page and "<dd>data/sample</dd>" in page
