"""``python -m analysis report``: render report notebooks to self-contained HTML."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis import config
from analysis.corpus.command import add_columns_argument


def _columns_parameter(columns: str | None) -> list[str]:
    """``--columns`` as the notebooks' ``corpus_columns`` parameter (``-p`` form)."""
    return [f"corpus_columns={columns}"] if columns else []


def run(args) -> int:
    """Plan (strictly), render, write the index; exit 1 if any notebook failed."""
    from analysis.report.runner import plan_reports, render_reports  # slow imports: on use

    jobs = plan_reports(
        notebooks=args.notebook,
        params=Path(args.params) if args.params else None,
        cli_parameters=[*args.parameter, *_columns_parameter(args.columns)],
        corpus=Path(args.corpus) if args.corpus else None,
        notebook_dir=Path(args.notebook_dir) if args.notebook_dir else None,
    )
    out_dir = Path(args.out) if args.out else config.REPORT_DIR
    params = Path(args.params) if args.params else None
    results = render_reports(
        jobs, out_dir=out_dir, force=args.force, params=params, n_jobs=args.jobs
    )
    failed = [r for r in results if r.status == "failed"]
    for result in results:
        if result.status != "failed":
            sys.stdout.write(f"{result.status}: {result.html}\n")
    if args.export:
        _export(results, out_dir, Path(args.export))
    for result in failed:
        sys.stderr.write(f"error: {result.message}\n")
    sys.stdout.write(f"index: {out_dir / 'index.html'}\n")
    return 1 if failed else 0


def _export(results, out_dir: Path, export_dir: Path) -> None:
    """Write each report's tables, figures and provenance into ``export_dir/<report>/``."""
    from analysis.report.artifacts import export_report
    from analysis.report.index import EXECUTED_DIR, record_path

    for result in results:
        if result.status == "failed":
            continue
        slug = result.html.stem
        executed = out_dir / EXECUTED_DIR / f"{slug}.ipynb"
        written = export_report(
            executed=executed, html=result.html, record=record_path(out_dir, slug),
            export_dir=export_dir,
        )  # fmt: skip
        sys.stdout.write(f"exported: {export_dir / slug} ({len(written)} files)\n")


def register(subparsers) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="render report notebooks to HTML in reports/",
        description=(
            "Execute report notebooks with papermill and export each to one self-contained "
            "HTML file, plus index.html. Without --notebook every notebook in notebooks/ is "
            "rendered with its defaults; --params adds one report per parameter file. "
            "Reports whose inputs did not change are left alone (up to date). Every corpus is "
            "loaded (checked) before any notebook runs. A relative corpus path is relative to "
            "the working folder for --corpus and -p corpus_path=..., and to the parameter "
            "file's folder inside a parameter file. A failed report stays in index.html, "
            "marked failed; a --params FOLDER run removes reports whose parameter file in "
            "that folder was deleted."
        ),
    )
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        help="corpus file or folder (sets corpus_path; relative to the working folder)",
    )
    parser.add_argument("--out", metavar="DIR", help=f"output folder (default {config.REPORT_DIR})")
    parser.add_argument(
        "--notebook", metavar="NAME", nargs="+", action="extend", help="only these notebooks"
    )
    parser.add_argument(
        "-p",
        "--parameter",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="set a notebook parameter (parsed to its declared type); repeatable",
    )
    parser.add_argument(
        "--params",
        metavar="DIR_OR_FILE",
        help="parameter file(s): notebook + parameters (YAML); a relative corpus_path in a file "
        "is relative to that file's folder",
    )
    parser.add_argument(
        "--notebook-dir",
        metavar="DIR",
        help=f"where notebooks live (default {config.NOTEBOOK_DIR})",
    )
    parser.add_argument("--force", action="store_true", help="re-render even when up to date")
    parser.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        default=1,
        help="render N notebooks at once, each in its own kernel (default 1)",
    )
    parser.add_argument(
        "--export",
        metavar="DIR",
        help="also write every table (CSV) and figure (SVG, PNG) of each report, named by "
        "section, with a provenance.json sidecar, into DIR/<report>/",
    )
    add_columns_argument(parser)  # sets corpus_columns in every notebook
    parser.set_defaults(func=run)
