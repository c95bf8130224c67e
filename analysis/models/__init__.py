"""Regression models of tone and frame presence (``fit.py``), their tidy tables in words
(``words.py``) and the per-document table they are fitted on (``data.py``).

See ``analysis.models.fit`` for the estimators, the clustered errors and the
too-few-clusters rule.
"""

from analysis.models.data import keep_common_levels, model_table
from analysis.models.fit import (
    MIN_CLUSTERS,
    MODEL_COLUMNS,
    aliased_terms,
    fit_model,
    fit_models,
    fit_result,
    formula_columns,
)
from analysis.models.words import describe_model, term_label

__all__ = [
    "MIN_CLUSTERS",
    "MODEL_COLUMNS",
    "aliased_terms",
    "describe_model",
    "fit_model",
    "fit_models",
    "fit_result",
    "formula_columns",
    "keep_common_levels",
    "model_table",
    "term_label",
]
