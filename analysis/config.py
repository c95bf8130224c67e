"""Paths and project-wide constants. The only module that knows where things live.

No side effects at import: nothing is created or written here. Every path can be
redirected with an environment variable so tests and batch runs can point the
package elsewhere without code changes.

Two ways the package runs:

- **From a checkout** (``make env``, ``pip install -e .``): the human-written inputs
  are the repository's ``data/`` (codebooks, sample corpus, validation sets,
  models) and ``notebooks/``; outputs go to ``data/processed/`` and ``reports/``.
- **Installed** (``pip install .``, no checkout beside it): the same inputs ship
  inside the package (``analysis/_data/``, ``analysis/_notebooks/``, mapped from
  ``data/`` and ``notebooks/`` by ``setup.py``) and are read from there; outputs go
  under the working folder (``./data/processed``, ``./reports``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
# A checkout has the project's pyproject.toml and data/codebooks beside the package.
IN_CHECKOUT = (_CHECKOUT / "pyproject.toml").is_file() and (
    _CHECKOUT / "data" / "codebooks"
).is_dir()

PROJECT_ROOT = Path(os.environ.get("KJ_PROJECT_ROOT", _CHECKOUT if IN_CHECKOUT else Path.cwd()))
# Inputs (read-only): the repository's data/ and notebooks/, or their installed copies.
RESOURCE_DIR = PROJECT_ROOT / "data" if IN_CHECKOUT else PACKAGE_DIR / "_data"
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = RESOURCE_DIR / "sample"
CODEBOOK_DIR = RESOURCE_DIR / "codebooks"
MODEL_DIR = RESOURCE_DIR / "models"
# Outlets the corpus readers recognise (names, Korean/Japanese names, domains, country).
OUTLETS_FILE = RESOURCE_DIR / "outlets.yaml"
# Third-party human-coded sets, shipped with their licences (data/validation/README.md).
VALIDATION_DIR = RESOURCE_DIR / "validation"
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks" if IN_CHECKOUT else PACKAGE_DIR / "_notebooks"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
# Outputs and the researcher's own inputs: always under the project (or working) folder.
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = Path(os.environ.get("KJ_PROCESSED_DIR", DATA_DIR / "processed"))
REPORT_DIR = Path(os.environ.get("KJ_REPORT_DIR", PROJECT_ROOT / "reports"))
PARAMS_DIR = REPORT_DIR / "params"
# The lock file that pins every dependency (`make lock` refreshes it); a checkout only.
LOCK_FILE = _CHECKOUT / "requirements.lock"

# The default corpus of every notebook and of `make report`: the seed page dump plus
# the 59 official texts, with their licence note (data/sample/LICENSES.md).
SAMPLE_CORPUS = SAMPLE_DIR  # a folder: every supported file in it is loaded

# Seed for every resampling procedure (bootstrap, permutation, coding-sheet draws).
RANDOM_SEED = 20220921
