"""Plan and render report notebooks with papermill; skip those whose inputs did not change.

A job is one notebook with one set of parameters. Every job is checked (notebook
exists, parameters known and of the declared type, corpus exists, report names
unique) before the first one runs. A job is up to date when its HTML exists and
its record holds the same input hash: notebook source, parameters, corpus bytes,
``analysis/`` source and codebooks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from papermill.exceptions import PapermillExecutionError

from analysis import config
from analysis.io import atomic_path
from analysis.report import provenance as prov
from analysis.report.export import export_html, format_parameters, notebook_title
from analysis.report.index import (
    EXECUTED_DIR,
    failure_path,
    index_lock,
    record_path,
    remove_orphans,
    write_failure,
    write_index,
)
from analysis.report.kernel import CELL_TIMEOUT_S, execute_job
from analysis.report.parameters import (
    ReportError,
    check_parameters,
    find_notebooks,
    load_params_file,
    notebook_parameters,
    parse_cli_parameters,
    read_notebook,
)
from analysis.report.preflight import check_jobs

log = logging.getLogger(__name__)

CORPUS_PARAMETER = "corpus_path"
COLUMNS_PARAMETER = "corpus_columns"  # the researcher's column names (--columns)
__all__ = ["CELL_TIMEOUT_S", "execute_job", "plan_reports", "render_report", "render_reports"]


@dataclass(frozen=True)
class ReportJob:
    """One notebook rendered with one set of parameters."""

    notebook: str
    path: Path
    parameters: dict = field(hash=False)  # explicit values, checked against `declared`
    declared: dict = field(hash=False, repr=False)
    source: str  # parameter file, or "defaults"

    @property
    def slug(self) -> str:
        return report_slug(self.notebook, self.parameters)

    @property
    def all_parameters(self) -> dict:
        """Every declared parameter with the value this job uses."""
        return {**{k: p.default for k, p in self.declared.items()}, **self.parameters}

    @property
    def corpus_path(self) -> Path:
        value = self.parameters.get(CORPUS_PARAMETER) or ""
        return Path(value) if value else config.SAMPLE_CORPUS


@dataclass(frozen=True)
class ReportResult:
    """What happened to one job: status is "rendered", "up to date" or "failed"."""

    job: ReportJob
    status: str
    html: Path
    message: str = ""


def _slug_part(value: object) -> str:
    text = str(value)
    if isinstance(value, str) and ("/" in text or os.sep in text):
        text = Path(text).name
    return re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-.")[:40] or "x"


def report_slug(notebook: str, parameters: dict) -> str:
    """Return the report's file stem: the notebook name, then ``key-value`` for every
    parameter given explicitly (parameter file, ``-p``, ``--corpus``), sorted by key.

    A short hash of the exact values is appended when the readable form lost
    information (paths, punctuation, long values), so different parameters never
    share a name. Defaults only: the notebook name.
    """
    given = dict(sorted(parameters.items()))
    if not given:
        return _slug_part(notebook)
    parts = [f"{_slug_part(k)}-{_slug_part(v)}" for k, v in given.items()]
    lossless = all(f"{k}-{v}" == part for (k, v), part in zip(given.items(), parts, strict=True))
    slug = f"{_slug_part(notebook)}--{'_'.join(parts)}"
    if not lossless or len(slug) > 120:
        exact = json.dumps(given, sort_keys=True, default=str)
        slug = f"{slug[:110]}-{hashlib.sha256(exact.encode()).hexdigest()[:8]}"
    return slug


def _params_files(params: Path | None) -> list[Path]:
    if params is None:
        return []
    if params.is_dir():
        return sorted([*params.glob("*.yaml"), *params.glob("*.yml")])
    if params.is_file():
        return [params]
    raise ReportError(f"{params}: no such parameter file or folder")


def _file_requests(params: Path | None, available: dict, declared_by_name: dict) -> list:
    requests = []
    for path in _params_files(params):
        name, values = load_params_file(path)
        if name not in available:
            raise ReportError(f"{path}: field 'notebook': no such notebook {name!r}")
        if name in declared_by_name:
            checked = check_parameters(name, declared_by_name[name], values, where=str(path))
            if checked.get(CORPUS_PARAMETER):  # relative to the parameter file's folder
                checked[CORPUS_PARAMETER] = str(path.parent / checked[CORPUS_PARAMETER])
            requests.append((name, checked, str(path)))
    return requests


def _with_overrides(name: str, values: dict, declared: dict, cli: list[str], corpus) -> dict:
    values = {**values, **parse_cli_parameters(cli, name, declared)}
    if corpus is not None:
        values.update(
            check_parameters(name, declared, {CORPUS_PARAMETER: str(corpus)}, where="--corpus")
        )
    if values.get(CORPUS_PARAMETER):  # the kernel runs in notebooks/: pass an absolute path
        values[CORPUS_PARAMETER] = str(Path(values[CORPUS_PARAMETER]).resolve())
    return values


def plan_reports(
    *,
    notebooks: list[str] | None = None,
    params: Path | None = None,
    cli_parameters: list[str] | None = None,
    corpus: Path | None = None,
    notebook_dir: Path | None = None,
) -> list[ReportJob]:
    """Return the jobs to run, every one checked; raise ``ReportError`` before anything runs.

    Each selected notebook (default: all in ``notebook_dir``) is rendered with its
    defaults; each parameter file adds one job for its notebook (restricted to the
    selected ones when ``notebooks`` is given). ``-p`` values and ``corpus`` apply to
    every job and override parameter files. A relative ``corpus_path`` is made absolute
    (the kernels run in the notebook folder): from ``--corpus`` and ``-p`` relative to the
    working folder, in a parameter file relative to that file's folder. Every corpus is
    loaded once here and the parameters naming its content checked
    (``analysis.report.preflight``), so a bad corpus or a filter value that selects
    nothing fails before anything runs.
    """
    available = find_notebooks(notebook_dir or config.NOTEBOOK_DIR)
    selected = list(notebooks) if notebooks else list(available)
    unknown = [name for name in selected if name not in available]
    if unknown:
        known = ", ".join(available)
        raise ReportError(f"--notebook {unknown[0]}: no such notebook (known: {known})")
    if corpus is not None and not Path(corpus).exists():
        raise ReportError(f"--corpus {corpus}: no such file or folder")
    declared_by_name = {n: notebook_parameters(read_notebook(available[n])) for n in selected}
    requests = [(name, {}, "defaults") for name in selected]
    requests += _file_requests(params, available, declared_by_name)
    jobs: dict[str, ReportJob] = {}
    for name, values, source in requests:
        declared = declared_by_name[name]
        values = _with_overrides(name, values, declared, cli_parameters or [], corpus)
        job = ReportJob(name, available[name], values, declared, source)
        if job.slug in jobs and jobs[job.slug].parameters != job.parameters:
            other = jobs[job.slug].source
            raise ReportError(f"{source}: report name {job.slug!r} also used by {other}")
        jobs.setdefault(job.slug, job)
    check_jobs(list(jobs.values()))
    return list(jobs.values())


class _Hashes:
    """Input hashes computed once per run (corpus hashes per path)."""

    def __init__(self) -> None:
        self.package = prov.package_source_hash()
        self.codebooks = prov.codebook_hash()
        self.commit = prov.git_commit()
        self.versions = prov.package_versions()
        self.lock = prov.lock_hash()
        self._corpus: dict[Path, str] = {}

    def corpus(self, path: Path) -> str:
        key = Path(path).resolve()
        if key not in self._corpus:
            self._corpus[key] = prov.hash_tree(key)
        return self._corpus[key]


def job_input_hash(job: ReportJob, hashes: _Hashes) -> str:
    """Return the hash of everything that determines the report of ``job``."""
    return prov.input_hash(
        {
            "notebook": prov.hash_tree(job.path),
            "parameters": job.all_parameters,
            "corpus": hashes.corpus(job.corpus_path),
            "package": hashes.package,
            "codebooks": hashes.codebooks,
        }
    )


def _is_up_to_date(html: Path, record: Path, digest: str) -> bool:
    if not (html.is_file() and record.is_file()):
        return False
    try:
        return json.loads(record.read_text(encoding="utf-8")).get("input_hash") == digest
    except (OSError, ValueError):
        return False


def _source_cell_index(executed: Path, cell_index: int) -> int:
    """Map a cell index of the executed notebook to the source notebook (papermill inserts
    an ``injected-parameters`` cell)."""
    try:
        cells = nbformat.read(executed, as_version=4).cells
    except (OSError, ValueError):
        return cell_index
    injected = [
        i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])
    ]
    return cell_index - 1 if injected and cell_index > injected[0] else cell_index


def _cell_failure(job: ReportJob, error: PapermillExecutionError, kept: Path) -> str:
    first_line = next((line for line in (error.source or "").splitlines() if line.strip()), "")
    index = _source_cell_index(kept, error.cell_index)
    return (
        f"{job.path.name}: cell {index} (from 0) ({first_line.strip()[:60]!r}) failed: "
        f"{error.ename}: {' '.join(str(error.evalue).split())[:200]}; "
        f"executed notebook kept at {kept}"
    )


def _provenance(job: ReportJob, hashes: _Hashes, digest: str) -> dict:
    return {
        "notebook": job.notebook,
        "parameters": prov.shown_parameters(job.all_parameters),
        "corpus_path": prov.display_path(job.corpus_path),
        "corpus_sha256": hashes.corpus(job.corpus_path),
        "codebooks_sha256": hashes.codebooks,
        "versions": hashes.versions,
        "lock_sha256": hashes.lock,
        "git_commit": hashes.commit,
        "rendered_utc": prov.utc_now(),
        "input_hash": digest,
    }


def write_shared(path: Path, text: str) -> Path:
    """Write ``text`` atomically with mode 0644 (reports are meant to be read by others)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
        tmp.chmod(0o644)
    return path


def render_report(
    job: ReportJob, *, out_dir: Path, force: bool = False, hashes=None
) -> ReportResult:
    """Render one job to ``out_dir/<slug>.html`` unless it is up to date.

    The executed notebook and a JSON record (parameters, provenance, input hash)
    are kept in ``out_dir/_executed/``. A failing cell leaves the previous report
    untouched and returns status "failed" with a message naming the cell.
    """
    hashes = hashes or _Hashes()
    html, record = Path(out_dir) / f"{job.slug}.html", record_path(out_dir, job.slug)
    digest = job_input_hash(job, hashes)
    if not force and _is_up_to_date(html, record, digest):
        failure_path(out_dir, job.slug).unlink(missing_ok=True)  # failed on other inputs
        return ReportResult(job, "up to date", html)
    executed = Path(out_dir) / EXECUTED_DIR / f"{job.slug}.ipynb"
    log.info("rendering %s with %s", job.notebook, format_parameters(job.parameters))
    try:
        nb = execute_job(job, executed)
    except PapermillExecutionError as error:
        message = _cell_failure(job, error, executed)
        write_failure(out_dir, _entry(job, html, job.notebook), message)
        return ReportResult(job, "failed", html, message)
    _hide_machine_paths(nb, job)
    title = notebook_title(nb, job.notebook)
    if job.parameters:
        title = f"{title} ({format_parameters(prov.shown_parameters(job.parameters))})"
    provenance = _provenance(job, hashes, digest)
    write_shared(html, export_html(nb, title=title, provenance=provenance))
    entry = {**_entry(job, html, title), "input_hash": digest, "provenance": provenance}
    write_shared(record, json.dumps(entry, indent=2, sort_keys=True, default=str) + "\n")
    failure_path(out_dir, job.slug).unlink(missing_ok=True)
    return ReportResult(job, "rendered", html)


def _hide_machine_paths(nb, job: ReportJob) -> None:
    """Show the corpus path of the injected parameters cell as ``display_path`` does (the
    kernel got the absolute path; the HTML should not carry this machine's folders)."""
    value = job.parameters.get(CORPUS_PARAMETER)
    if not value:
        return
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(value, prov.display_path(value))


def _entry(job: ReportJob, html: Path, title: str) -> dict:
    """The fields of a report's record shared by rendered and failed runs."""
    source = job.source if job.source == "defaults" else str(Path(job.source).resolve())
    return {
        "notebook": job.notebook,
        "slug": job.slug,
        "html": html.name,
        "title": title,
        "parameters": prov.shown_parameters(job.all_parameters),
        "source": source,
    }


def render_reports(
    jobs: list[ReportJob],
    *,
    out_dir: Path,
    force: bool = False,
    params: Path | None = None,
    n_jobs: int = 1,
) -> list[ReportResult]:
    """Render every job (failures do not stop the others), then rewrite the index if it changed.

    Args:
        jobs: From ``plan_reports``.
        out_dir: Report folder (other commands may write into it at the same time).
        force: Re-render reports that are up to date.
        params: The ``--params`` folder: reports made from a parameter file in it that no
            longer exists are removed (``remove_orphans``) before the index is written.
        n_jobs: Notebooks rendered at once (each in its own kernel process).

    Returns:
        One ``ReportResult`` per job, in the order of ``jobs``. The index is rebuilt from
        every record in ``out_dir`` under a lock, so commands running side by side
        each leave an index that lists every finished report exactly once.
    """
    if n_jobs < 1:
        raise ReportError(f"--jobs must be at least 1; got {n_jobs}")
    render = functools.partial(render_report, out_dir=out_dir, force=force, hashes=_Hashes())
    if n_jobs > 1 and len(jobs) > 1:
        with ThreadPoolExecutor(max_workers=min(n_jobs, len(jobs))) as pool:
            results = list(pool.map(render, jobs))
    else:
        results = [render(job) for job in jobs]
    with index_lock(out_dir):
        if params is not None and Path(params).is_dir():
            remove_orphans(out_dir, params)
        write_index(out_dir)
    return results
