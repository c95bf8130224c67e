"""Checks made once, before any kernel starts: corpora, filter values, events, codebooks.

A mistake in a report command should be the one-line error of the command line
(exit 2), not a failed notebook cell (exit 1) or, worse, an empty report with exit 0.
``check_jobs`` loads every corpus once (``CorpusError`` for a bad one) and checks the
parameters whose values must exist in it or in the project's data:

- ``kind``, ``country`` (``outlet_country``), ``outlet``, ``language``: a value some
  document has (``analysis.selection.check_value``: the error names the values that
  exist and the one meant when it was a case slip, ``-p kind=News`` -> ``news``);
- ``group``, ``group_a``, ``group_b``: a value of the column named by ``group_by``;
- ``event``: a key event id or a date (``analysis.events.resolve_event``);
- ``codebook``, ``terms``: a codebook that loads.
"""

from __future__ import annotations

from pathlib import Path

from analysis.report.parameters import ReportError

COLUMNS_PARAMETER = "corpus_columns"  # --columns: the researcher's column names
COLUMN_PARAMETERS = {
    "kind": "kind",
    "country": "outlet_country",
    "outlet": "outlet",
    "language": "language",
}
GROUP_PARAMETERS = ("group", "group_a", "group_b")


def _corpus(job, loaded: dict):
    from analysis.corpus import load_corpus  # its dependencies load only when reports run

    if not job.corpus_path.exists():
        path = str(job.corpus_path)
        raise ReportError(f"{job.source}: parameter 'corpus_path': no such file or folder {path!r}")
    columns = job.parameters.get(COLUMNS_PARAMETER) or None  # the researcher's names
    key = (Path(job.corpus_path).resolve(), columns)
    if key not in loaded:
        loaded[key] = load_corpus(job.corpus_path, columns=columns)
    return loaded[key]


def _check_values(job, docs) -> None:
    from analysis.selection import check_value

    values = job.all_parameters
    for name, column in COLUMN_PARAMETERS.items():
        if values.get(name):
            check_value(docs, column, values[name], parameter=name)
    group_by = values.get("group_by") or "outlet_country"
    if any(values.get(name) for name in GROUP_PARAMETERS) or "group_by" in job.parameters:
        if group_by not in docs.columns:
            check_value(docs, group_by, "", parameter="group_by")  # names the columns
    for name in GROUP_PARAMETERS:
        if values.get(name):
            check_value(docs, group_by, values[name], parameter=name)


def _check_data(job, seen: set) -> None:
    from analysis.codebooks import load_codebook
    from analysis.events import resolve_event
    from analysis.terms import load_terms

    loaders = {"codebook": load_codebook, "terms": load_terms}

    values = job.all_parameters
    if values.get("event") and ("event", values["event"]) not in seen:
        try:
            resolve_event(values["event"])
        except ValueError as exc:
            raise ReportError(f"{job.source}: parameter 'event': {exc}") from None
        seen.add(("event", values["event"]))
    for name, load in loaders.items():
        if values.get(name) and (name, values[name]) not in seen:
            load(values[name])
            seen.add((name, values[name]))


def check_jobs(jobs: list) -> None:
    """Load every job's corpus once and check the parameters that name its content or the
    project's data; raise the first problem as a one-line ``ValueError`` (exit 2).

    Args:
        jobs: ``analysis.report.runner.ReportJob`` objects (planned, parameters typed).
    """
    loaded: dict = {}
    seen: set = set()
    for job in jobs:
        docs = _corpus(job, loaded)
        try:
            _check_values(job, docs)
        except ValueError as exc:
            where = "" if job.source == "defaults" else f"{job.source}: "
            raise type(exc)(f"{where}{job.notebook}: {exc}") from None
        _check_data(job, seen)
