"""``report --export DIR``: every table and figure of a report as files, named by section.

The runner executes every notebook with figures in both PNG and SVG
(``FIGURE_FORMATS``), and ``analysis.display.show_table`` puts the whole table as
``text/csv`` beside its HTML. From the executed notebook kept in ``_executed/`` this
module writes, for each report, a folder ``DIR/<report>/`` holding:

- ``<report>.html``: a copy of the report;
- ``NN-<section>--table-K.csv``: every table shown with ``show_table`` (all rows, not
  only those shown), ``NN`` the section's number and ``<section>`` its heading made
  into a file name (the title section is ``00``), ``K`` counting from 1 in the section;
- ``NN-<section>--figure-K.svg`` and ``.png``: every figure;
- ``provenance.json``: the report's provenance block (corpus sha256, parameters,
  package versions, git commit, time) and the list of files with each table's caption.

Files of an earlier export of the same report that this run did not write are
removed, so the folder is exactly the report's tables and figures.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import nbformat

from analysis.io import atomic_path, atomic_write

FIGURE_FORMATS = ("png", "svg")
PROVENANCE_FILE = "provenance.json"
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def section_slug(heading: str) -> str:
    """A heading as a file name: ``"Tone by country (VADER)"`` -> ``"tone-by-country-vader"``."""
    text = re.sub(r"[`*_\[\]()]", " ", heading).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "section"


def _headings(source: str) -> list[str]:
    out = []
    for line in source.splitlines():
        match = _HEADING.match(line)
        if match:
            out.append(match.group(2))
    return out


def report_items(nb: nbformat.NotebookNode) -> list[dict]:
    """The tables and figures of an executed notebook, in order, named by section.

    Returns:
        One dict per file to write: ``name`` (file name), ``kind`` ("table"/"figure"),
        ``data`` (bytes), ``caption`` (tables; "" when none).
    """
    items, section, number, counts = [], "title", -1, {"table": 0, "figure": 0}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for heading in _headings(cell.source):
                number += 1  # the first heading (the title) is 00
                section, counts = section_slug(heading), {"table": 0, "figure": 0}
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            stem = f"{max(number, 0):02d}-{section}"
            if "text/csv" in data:
                counts["table"] += 1
                caption = output.get("metadata", {}).get("kj", {}).get("caption", "")
                items.append(
                    {"name": f"{stem}--table-{counts['table']}.csv", "kind": "table",
                     "data": data["text/csv"].encode("utf-8"), "caption": caption}
                )  # fmt: skip
            if "image/png" in data or "image/svg+xml" in data:
                counts["figure"] += 1
                base = f"{stem}--figure-{counts['figure']}"
                if "image/svg+xml" in data:
                    svg = data["image/svg+xml"]
                    svg = svg if isinstance(svg, str) else "".join(svg)
                    items.append({"name": f"{base}.svg", "kind": "figure", "data": svg.encode()})
                if "image/png" in data:
                    png = base64.b64decode(data["image/png"])
                    items.append({"name": f"{base}.png", "kind": "figure", "data": png})
    return items


def export_report(*, executed: Path, html: Path, record: Path, export_dir: Path) -> list[Path]:
    """Write the files of one rendered report into ``export_dir/<report>/``.

    Args:
        executed: the executed notebook (``_executed/<report>.ipynb``).
        html: the report's HTML.
        record: the report's JSON record (``_executed/<report>.json``), holding its provenance.
        export_dir: the ``--export`` folder.

    Returns:
        The paths written, HTML and ``provenance.json`` included.
    """
    nb = nbformat.read(executed, as_version=4)
    entry = json.loads(Path(record).read_text(encoding="utf-8"))
    folder = Path(export_dir) / html.stem
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with atomic_path(folder / html.name) as tmp:
        shutil.copyfile(html, tmp)
    written.append(folder / html.name)
    items = report_items(nb)
    for item in items:
        written.append(atomic_write(folder / item["name"], item["data"]))
    files = [{"file": i["name"], "kind": i["kind"], "caption": i.get("caption", "")} for i in items]
    sidecar = {"report": html.name, "title": entry.get("title"), "files": files}
    sidecar["provenance"] = entry.get("provenance", {})
    text = json.dumps(sidecar, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    written.append(atomic_write(folder / PROVENANCE_FILE, text))
    for old in folder.iterdir():
        if old.is_file() and old not in written:
            old.unlink()
    return written
