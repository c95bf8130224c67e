"""``reports/index.html``: every report, grouped by notebook, with parameters and provenance.

Each report has a record ``_executed/<slug>.json`` beside its executed notebook
(written by the runner after the HTML); a run whose cell failed leaves
``_executed/<slug>.failed.json`` (the error, naming the cell) until the next good
run. The index is built from those records and rewritten only when its content
changes. Status of a row: ``ok``; ``failed`` (the last run failed: the error is
shown and the previous HTML, if any, is linked); ``stale`` (made from a parameter
file that no longer exists; a ``--params`` run removes such reports).
"""

from __future__ import annotations

import contextlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None

from analysis.display import escape_text
from analysis.io import atomic_path
from analysis.report.export import format_parameters
from analysis.report.provenance import display_path

log = logging.getLogger(__name__)

EXECUTED_DIR = "_executed"
INDEX_NAME = "index.html"
FAILED_SUFFIX = ".failed.json"
LOCK_NAME = ".index.lock"
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
    "status",
    "error",
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Reports</title>
<style>
body {{ font-family: system-ui, "Noto Sans", "Noto Sans CJK KR", "Noto Sans CJK JP", sans-serif;
  margin: 2em auto; max-width: 70em; padding: 0 1em; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2em; font-size: 0.9em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }}
.kj-note {{ color: #555; font-size: 0.85em; }}
.kj-failed {{ color: #a00; font-weight: bold; }}
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


def failure_path(out_dir: Path, slug: str) -> Path:
    """Return where the runner notes that the last run of report ``slug`` failed."""
    return Path(out_dir) / EXECUTED_DIR / f"{slug}{FAILED_SUFFIX}"


def write_failure(out_dir: Path, entry: dict, message: str) -> Path:
    """Note that the run of report ``entry["slug"]`` failed with ``message`` (names the cell)."""
    path = failure_path(out_dir, entry["slug"])
    failed = {**entry, "error": message, "failed_utc": datetime.now(UTC).isoformat()[:19] + "Z"}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(failed, indent=2, sort_keys=True, default=str) + "\n")
    return path


def _read_records(out_dir: Path) -> dict[str, dict]:
    """Return ``{slug: record}``; a failure note overrides the status of a rendered record."""
    records: dict[str, dict] = {}
    files = sorted((Path(out_dir) / EXECUTED_DIR).glob("*.json"))
    for path in sorted(files, key=lambda p: p.name.endswith(FAILED_SUFFIX)):  # failures last
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s: unreadable report record skipped (%s)", path, exc)
            continue
        slug = record.get("slug") or path.name.removesuffix(FAILED_SUFFIX).removesuffix(".json")
        if path.name.endswith(FAILED_SUFFIX):
            records[slug] = {**records.get(slug, record), "error": record.get("error", "")}
        elif (Path(out_dir) / record.get("html", "")).is_file():
            records[slug] = record
    return records


def _status(record: dict) -> str:
    if record.get("error"):
        return "failed"
    source = record.get("source", "defaults")
    return "stale" if source != "defaults" and not Path(source).is_file() else "ok"


def list_reports(out_dir: str | Path) -> pd.DataFrame:
    """Return one row per report in ``out_dir``: rendered (its HTML exists) or failed.

    Returns:
        DataFrame with columns notebook, slug, html (file name), title, parameters
        (dict), source (parameter file or "defaults"), corpus_sha256, git_commit,
        rendered_utc, versions (dict), status ("ok", "failed": the last run failed,
        "stale": its parameter file no longer exists), error (the failure, naming
        the cell; "" unless failed); sorted by notebook then slug.
    """
    rows = []
    for slug, record in _read_records(Path(out_dir)).items():
        prov = record.get("provenance", {})
        rows.append(
            {
                "notebook": record.get("notebook", ""),
                "slug": slug,
                "html": record.get("html", ""),
                "title": record.get("title", ""),
                "parameters": record.get("parameters", {}),
                "source": record.get("source", ""),
                "corpus_sha256": prov.get("corpus_sha256", ""),
                "git_commit": prov.get("git_commit", ""),
                "rendered_utc": prov.get("rendered_utc", ""),
                "versions": prov.get("versions", {}),
                "status": _status(record),
                "error": record.get("error", ""),
            }
        )
    table = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    return table.sort_values(["notebook", "slug"], ignore_index=True)


def remove_orphans(out_dir: str | Path, params_dir: str | Path) -> list[str]:
    """Remove the reports (HTML, executed notebook, records) made from a parameter file
    in ``params_dir`` that no longer exists.

    Returns:
        The slugs removed (each is logged).
    """
    folder, removed = Path(params_dir).resolve(), []
    for slug, record in _read_records(Path(out_dir)).items():
        source = record.get("source", "defaults")
        if source == "defaults" or Path(source).parent != folder or Path(source).is_file():
            continue
        executed = Path(out_dir) / EXECUTED_DIR / f"{slug}.ipynb"
        html = Path(out_dir) / record.get("html", f"{slug}.html")
        for path in (html, record_path(out_dir, slug), failure_path(out_dir, slug), executed):
            path.unlink(missing_ok=True)
        log.info("removed report %s: its parameter file %s no longer exists", slug, source)
        removed.append(slug)
    return removed


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
    label = escape_text(row["title"] or row["slug"])
    link = f'<a href="{escape_text(row["html"])}">{label}</a>' if row["corpus_sha256"] else label
    if row["status"] == "failed":
        kept = " (the report linked is from the last good run)" if row["corpus_sha256"] else ""
        link += f"<br><span class='kj-failed'>FAILED{kept}:</span> {escape_text(row['error'])}"
    elif row["status"] == "stale":
        link += "<br><span class='kj-failed'>STALE:</span> its parameter file no longer exists"
    source = row["source"] if row["source"] == "defaults" else display_path(row["source"])
    cells = [
        link,
        escape_text(format_parameters(row["parameters"])),
        escape_text(source),
        provenance if row["corpus_sha256"] else "",
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
    failed = int((reports["status"] == "failed").sum()) if len(reports) else 0
    count = f"{len(reports)}" + (f" ({failed} failed)" if failed else "")
    return PAGE.format(count=count, sections="\n".join(sections))


@contextlib.contextmanager
def index_lock(out_dir: str | Path):
    """Hold an exclusive lock on ``out_dir`` while the index is rebuilt (and orphans
    removed): report commands running at once into one folder take turns, and each
    reads every record written before it (POSIX ``flock``; elsewhere no lock)."""
    folder = Path(out_dir) / EXECUTED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


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
