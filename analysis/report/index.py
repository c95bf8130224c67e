"""``reports/index.html``: every report, grouped by notebook, with parameters and provenance.

Each report has a record ``_executed/<slug>.json`` beside its executed notebook
(written by the runner after the HTML). The index is built from those records
and rewritten only when its content changes.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd

from analysis.display import escape_text
from analysis.io import atomic_path
from analysis.report.export import format_parameters

log = logging.getLogger(__name__)

EXECUTED_DIR = "_executed"
INDEX_NAME = "index.html"
RECORD_COLUMNS = [
    "notebook",
    "slug",
    "html",
    "title",
    "parameters",
    "source",
    "corpus_sha256",
    "git_commit",
    "rendered_utc",
    "versions",
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2em; font-size: 0.9em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }}
.kj-note {{ color: #555; font-size: 0.85em; }}
</style>
</head>
<body class="tex2jax_ignore mathjax_ignore">
<h1>Reports</h1>
<p class="kj-note">{count} reports. Each was rendered from a notebook in <code>notebooks/</code>
with the parameters shown; corpus hash, package versions and git commit identify its inputs.</p>
{sections}
</body>
</html>
"""


def record_path(out_dir: Path, slug: str) -> Path:
    """Return where the runner keeps the record of report ``slug``."""
    return Path(out_dir) / EXECUTED_DIR / f"{slug}.json"


def list_reports(out_dir: str | Path) -> pd.DataFrame:
    """Return one row per rendered report in ``out_dir`` whose HTML exists.

    Returns:
        DataFrame with columns notebook, slug, html (file name), title, parameters
        (dict), source (parameter file or "defaults"), corpus_sha256, git_commit,
        rendered_utc, versions (dict); sorted by notebook then slug.
    """
    rows = []
    for path in sorted((Path(out_dir) / EXECUTED_DIR).glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s: unreadable report record skipped (%s)", path, exc)
            continue
        if not (Path(out_dir) / record.get("html", "")).is_file():
            continue
        prov = record.get("provenance", {})
        rows.append(
            {
                "notebook": record.get("notebook", ""),
                "slug": record.get("slug", path.stem),
                "html": record.get("html", ""),
                "title": record.get("title", ""),
                "parameters": record.get("parameters", {}),
                "source": record.get("source", ""),
                "corpus_sha256": prov.get("corpus_sha256", ""),
                "git_commit": prov.get("git_commit", ""),
                "rendered_utc": prov.get("rendered_utc", ""),
                "versions": prov.get("versions", {}),
            }
        )
    table = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    return table.sort_values(["notebook", "slug"], ignore_index=True)


def _short_commit(commit: str) -> str:
    sha, _, state = str(commit).partition("+")
    return sha[:12] + (f"+{state}" if state else "")


def _row_html(row: pd.Series) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in row["versions"].items())
    provenance = "<br>".join(
        [
            f"corpus sha256 {escape_text(row['corpus_sha256'][:12])}",
            f"commit {escape_text(_short_commit(row['git_commit']))}",
            escape_text(row["rendered_utc"]),
            f"<span class='kj-note'>{escape_text(versions)}</span>",
        ]
    )
    cells = [
        f'<a href="{escape_text(row["html"])}">{escape_text(row["title"] or row["slug"])}</a>',
        escape_text(format_parameters(row["parameters"])),
        escape_text(row["source"]),
        provenance,
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def index_html(reports: pd.DataFrame) -> str:
    """Return the index page for a ``list_reports`` table (all text escaped)."""
    sections = []
    for notebook, group in reports.groupby("notebook", sort=True):
        rows = "\n".join(_row_html(row) for _, row in group.iterrows())
        sections.append(
            f"<h2>{escape_text(notebook)}</h2>\n<table><thead><tr><th>report</th>"
            f"<th>parameters</th><th>from</th><th>provenance</th></tr></thead>\n"
            f"<tbody>\n{rows}\n</tbody></table>"
        )
    return PAGE.format(count=len(reports), sections="\n".join(sections))


def write_index(out_dir: str | Path) -> tuple[Path, bool]:
    """Write ``out_dir/index.html`` if its content changed.

    Returns:
        The index path and whether it was (re)written.
    """
    path = Path(out_dir) / INDEX_NAME
    content = index_html(list_reports(out_dir))
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return path, False
    with atomic_path(path) as tmp:
        tmp.write_text(content, encoding="utf-8", newline="")
        tmp.chmod(0o644)
    return path, True
