"""``report --export DIR``: tables as CSV, figures as SVG and PNG, named by section, with
the provenance in a sidecar; the HTML itself still embeds PNG only."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from analysis.cli import main
from analysis.report.artifacts import report_items, section_slug

NOTEBOOK = """# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Export <test>

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus
rows: int = 30  # rows of the table

# %%
import matplotlib.pyplot as plt
import pandas as pd

from analysis.display import show_table

# %% [markdown]
# ## Tone by country (VADER)

# %%
table = pd.DataFrame({"country": [f"c{i}" for i in range(rows)]})
table["tone"] = [i / 7 for i in range(rows)]
show_table(table, caption="All the <rows>", max_rows=5)
fig, ax = plt.subplots()
ax.plot(table["tone"])
plt.show()

# %% [markdown]
# ## Frames

# %%
show_table(table.head(2), caption="two")
"""


@pytest.mark.slow
def test_report_export_writes_tables_figures_and_provenance(tmp_path, capsys):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    (notebooks / "exp.py").write_text(NOTEBOOK, encoding="utf-8")
    out, export = tmp_path / "reports", tmp_path / "export"
    stale = export / "exp" / "01-old--table-9.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    argv = ["report", "--notebook-dir", str(notebooks), "--out", str(out), "--export", str(export)]
    assert main(argv) == 0
    assert "exported:" in capsys.readouterr().out
    folder = export / "exp"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-tone-by-country-vader--figure-1.png",
        "01-tone-by-country-vader--figure-1.svg",
        "01-tone-by-country-vader--table-1.csv",
        "02-frames--table-1.csv",
        "exp.html",
        "provenance.json",
    ]  # the stale file of an earlier export is gone
    whole = pd.read_csv(folder / "01-tone-by-country-vader--table-1.csv")
    assert len(whole) == 30 and whole["tone"].iloc[29] == pytest.approx(29 / 7)  # all rows
    assert (folder / "01-tone-by-country-vader--figure-1.svg").read_text().lstrip().startswith("<")
    assert (folder / "01-tone-by-country-vader--figure-1.png").read_bytes()[:4] == b"\x89PNG"
    sidecar = json.loads((folder / "provenance.json").read_text())
    assert sidecar["provenance"]["corpus_sha256"] and sidecar["provenance"]["git_commit"]
    assert {"file": "01-tone-by-country-vader--table-1.csv", "kind": "table",
            "caption": "All the <rows>"} in sidecar["files"]  # fmt: skip
    html = (out / "exp.html").read_text()
    assert 'data-mime-type="image/svg+xml"' not in html and "data:image/png;base64" in html
    assert (folder / "exp.html").read_text() == html


def test_report_items_number_sections_from_the_title():
    nb = nbformat.v4.new_notebook()
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    table = nbformat.v4.new_output(
        "display_data", data={"text/html": "<b>x</b>", "text/csv": "a\n1\n"}
    )
    code = nbformat.v4.new_code_cell
    nb.cells = [
        code("x", outputs=[figure]),
        nbformat.v4.new_markdown_cell("# Title\ntext"),
        code("y", outputs=[table, figure]),
        nbformat.v4.new_markdown_cell("## `Who` quoted *whom*?"),
        code("z", outputs=[figure, figure]),
    ]
    names = [item["name"] for item in report_items(nb)]
    assert names == [
        "00-title--figure-1.png",
        "00-title--table-1.csv",
        "00-title--figure-1.png",
        "01-who-quoted-whom--figure-1.png",
        "01-who-quoted-whom--figure-2.png",
    ]


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Tone by country (VADER)", "tone-by-country-vader"),
        ("日本", "section"),
        ("A/B: 2%", "a-b-2"),
    ],
)
def test_section_slug(heading, slug):
    assert section_slug(heading) == slug
