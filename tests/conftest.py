"""Shared fixtures: the sample corpus, the seed page dump and the third-party validation sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config


@pytest.fixture(scope="session")
def sample_corpus_path() -> Path:
    return config.SAMPLE_CORPUS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return config.SAMPLE_DIR / "business-standard-2022-09-22-yoon-kishida.txt"


@pytest.fixture(scope="session")
def validation_dir() -> Path:
    """data/validation: the third-party human-coded sets shipped with their licences."""
    return config.VALIDATION_DIR


@pytest.fixture(scope="session")
def test_data() -> Path:
    """tests/data: the input fixtures (saved pages, archive exports) with their README."""
    return Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_reports(tmp_path_factory) -> dict:
    """Every notebook rendered with its defaults on the sample corpus, two at a time, into one
    folder (shared by tests/test_notebooks.py and tests/test_report_matrix.py).

    Returns:
        ``{notebook: ReportResult}``.
    """
    from analysis.report.runner import plan_reports, render_reports

    out = tmp_path_factory.mktemp("sample_reports") / "reports"
    results = render_reports(plan_reports(), out_dir=out, n_jobs=2)
    return {result.job.notebook: result for result in results}
