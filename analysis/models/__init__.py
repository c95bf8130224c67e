"""Regression models of tone and frame presence (``fit.py``), their tidy tables in words
(``words.py``) and the per-document table they are fitted on (``data.py``).

See ``analysis.models.fit`` for the estimators, the clustered errors and the
too-few-clusters rule.
"""

from __future__ import annotations

from analysis.lazy import lazy_exports

# Imported when first used (``analysis.lazy``): ``fit`` imports statsmodels' formula
# interface (about 0.3 s), which a report that only labels terms never needs.
_MODULES = {
    "analysis.models.data": ("keep_common_levels", "model_table"),
    "analysis.models.fit": (
        "MIN_CLUSTERS",
        "MODEL_COLUMNS",
        "aliased_terms",
        "fit_model",
        "fit_models",
        "fit_result",
        "formula_columns",
    ),
    "analysis.models.words": ("describe_model", "term_label"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted(_HOME)
__getattr__, __dir__ = lazy_exports("analysis.models", _HOME, globals())
