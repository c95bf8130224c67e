"""Paths and project-wide constants. The only module that knows where things live.

No side effects at import: nothing is created or read here. Every path can be
redirected with an environment variable so tests and batch runs can point the
package elsewhere without code changes.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("KJ_PROJECT_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
CODEBOOK_DIR = DATA_DIR / "codebooks"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = Path(os.environ.get("KJ_PROCESSED_DIR", DATA_DIR / "processed"))
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
REPORT_DIR = Path(os.environ.get("KJ_REPORT_DIR", PROJECT_ROOT / "reports"))
PARAMS_DIR = REPORT_DIR / "params"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

# Third-party human-coded sets, shipped with their licences (data/validation/README.md).
VALIDATION_DIR = DATA_DIR / "validation"
MODEL_DIR = DATA_DIR / "models"  # the shipped tone model (make tone-model rebuilds it)

# The default corpus of every notebook and of `make report`: the seed page dump plus
# the 59 official texts, with their licence note (data/sample/LICENSES.md).
SAMPLE_CORPUS = SAMPLE_DIR  # a folder: every supported file in it is loaded

# Seed for every resampling procedure (bootstrap, permutation, coding-sheet draws).
RANDOM_SEED = 20220921
