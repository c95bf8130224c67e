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
