"""Report runner: papermill notebooks -> self-contained HTML with provenance, plus an index.

- ``parameters``: notebook discovery and strict parameter checking
- ``runner``: planning jobs, executing, skipping what is up to date
- ``export``: the nbconvert HTML export (template ``analysis/templates/kj_report``)
- ``index``: ``reports/index.html``
- ``provenance``: hashes, versions, git commit
- ``command``: ``python -m analysis report``
"""

from analysis.report.command import register
from analysis.report.export import clean_html, export_html
from analysis.report.index import list_reports, write_index
from analysis.report.parameters import ReportError, notebook_parameters, read_notebook
from analysis.report.runner import (
    ReportJob,
    ReportResult,
    plan_reports,
    render_report,
    render_reports,
    report_slug,
)

__all__ = [
    "ReportError",
    "ReportJob",
    "ReportResult",
    "clean_html",
    "export_html",
    "list_reports",
    "notebook_parameters",
    "plan_reports",
    "read_notebook",
    "register",
    "render_report",
    "render_reports",
    "report_slug",
    "write_index",
]
