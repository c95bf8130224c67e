"""Report runner: papermill notebooks -> self-contained HTML with provenance, plus an index.

- ``parameters``: notebook discovery and strict parameter checking
- ``runner``: planning jobs, executing, skipping what is up to date
- ``export``: the nbconvert HTML export (template ``analysis/templates/kj_report``)
- ``index``: ``reports/index.html``
- ``provenance``: hashes, versions, git commit
- ``command``: ``python -m analysis report``

papermill and nbconvert are slow to import, and ``python -m analysis`` imports every
command module to build its parser: the names below are loaded on first use.
"""

from __future__ import annotations

import importlib

from analysis.report.command import register

_LAZY = {
    "ReportError": "parameters",
    "notebook_parameters": "parameters",
    "read_notebook": "parameters",
    "clean_html": "export",
    "export_html": "export",
    "list_reports": "index",
    "remove_orphans": "index",
    "display_path": "provenance",
    "write_index": "index",
    "ReportJob": "runner",
    "ReportResult": "runner",
    "plan_reports": "runner",
    "render_report": "runner",
    "render_reports": "runner",
    "report_slug": "runner",
}

__all__ = ["register", *sorted(_LAZY)]


def __getattr__(name: str):
    if name in _LAZY:
        module = importlib.import_module(f"analysis.report.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
