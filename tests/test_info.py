"""``python -m analysis info``: where inputs are read from, in a checkout."""

from __future__ import annotations

from analysis import config
from analysis.cli import main
from analysis.info import locations


def test_checkout_reads_the_repository_data(capsys):
    assert config.IN_CHECKOUT
    assert config.SAMPLE_CORPUS == config.PROJECT_ROOT / "data" / "sample"
    assert config.CODEBOOK_DIR == config.PROJECT_ROOT / "data" / "codebooks"
    assert config.NOTEBOOK_DIR == config.PROJECT_ROOT / "notebooks"
    assert main(["info", "--sample"]) == 0
    assert capsys.readouterr().out == f"{config.SAMPLE_CORPUS}\n"


def test_info_lists_every_location_and_the_lock(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    for name, path in locations().items():
        assert f"{name}" in out and path in out
    assert "requirements.lock sha256" in out and "a checkout" in out
