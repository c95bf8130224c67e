"""Same inputs and parameters: byte-identical CSV outputs and identical report numbers."""

from __future__ import annotations

import nbformat
import pytest

from analysis import cli
from analysis.report import plan_reports, render_reports


@pytest.mark.parametrize(
    "argv",
    [
        ["sentiment", "data/sample", "--out", "{out}/a.csv", "--sentences", "{out}/s.csv"],
        ["frames", "data/sample", "--out", "{out}/a.csv"],
        ["corpus", "data/sample", "--out", "{out}/a.csv"],
        ["coding", "sheet", "data/sample", "--out", "{out}/a.csv"],
    ],
)
def test_cli_outputs_are_byte_identical_across_runs(tmp_path, argv):
    runs = []
    for run in ("first", "second"):
        out = tmp_path / run
        out.mkdir()
        assert cli.main([a.format(out=out) for a in argv]) == 0
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1]
    assert all(len(data) > 100 for data in runs[0].values())


def _outputs(executed) -> list[str]:
    """Every text and HTML output of an executed notebook, in order (figures excluded)."""
    found = []
    for cell in nbformat.read(executed, as_version=4).cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            found.append(
                str(out.get("text", "")) + str(data.get("text/html", data.get("text/plain", "")))
            )
    return found


@pytest.mark.slow
def test_report_numbers_identical_across_runs(tmp_path):
    """The sentiment report resamples (bootstrap CIs, permutation tests): seeded, so identical."""
    executed = []
    for run in ("first", "second"):
        out = tmp_path / run
        (result,) = render_reports(plan_reports(notebooks=["sentiment"]), out_dir=out, force=True)
        assert result.status == "rendered", result.message
        executed.append(out / "_executed" / f"{result.job.slug}.ipynb")
    first, second = map(_outputs, executed)
    assert any("ci_low" in o or "CI" in o for o in first)  # the resampled numbers are there
    assert first == second
