"""Regression models of tone and frame presence, with outlet-clustered standard errors.

Country, kind of text and time are confounded in a news corpus (in the sample, 16
of the 24 Japanese documents are foreign-ministry readouts): a difference of means
between countries may be a difference between kinds of text. A model estimates each
factor holding the others fixed.

- ``fit_model(df, formula="vader_compound ~ C(outlet_country) + C(kind) + year")``:
  ordinary least squares for a score, logit for a 0/1 outcome (an integer or boolean
  column holding only 0 and 1, as ``analysis.proportions.is_binary`` decides; a float
  0/1 column is fitted by OLS, a linear probability model, unless ``family="logit"``).
  statsmodels' formula interface (``C(x)`` for a categorical, ``C(x,
  Treatment(reference="JP"))`` to choose the reference level).
- **Clustered standard errors** (``cluster="outlet"``, the default): documents of one
  outlet share a desk, a house style and an editorial line, so they are not independent;
  statsmodels' cluster-robust covariance (for OLS with the CR1 small-sample factor
  G/(G-1) * (N-1)/(N-K)), and tests and intervals from Student's t with G-1 degrees of
  freedom (``use_t=True``), as Cameron & Miller (2015, section VI) recommend.
  ``cluster=None``: heteroskedasticity-robust HC1 errors.
- **Too few clusters**: with few clusters cluster-robust errors are too small and
  tests over-reject. Rule used here: warn below ``MIN_CLUSTERS`` = 42 clusters
  (Angrist & Pischke 2009, *Mostly Harmless Econometrics*, section 8.2.3 "Fewer than 42
  clusters"; Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust
  Inference", *J. Human Resources* 50(2), section VI: "few" ranges from under 20 to
  under 50). The warning is in the table's ``warning`` column and a ``UserWarning``.

The low-level ``fit_result`` returns statsmodels' results object; ``fit_model`` the
tidy table; ``fit_models`` several outcomes on the same predictors, dropping
predictors that do not vary (one language, one kind) and saying so.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from patsy import PatsyError
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

from analysis.checks import check_choice, require_columns
from analysis.proportions import is_binary

__all__ = [
    "MIN_CLUSTERS", "MODEL_COLUMNS", "aliased_terms", "fit_model", "fit_models", "fit_result",
    "formula_columns",
]  # fmt: skip

MIN_CLUSTERS = 42
FAMILIES = ("auto", "ols", "logit")
MODEL_COLUMNS = [
    "outcome", "model", "term", "estimate", "std_error", "ci_low", "ci_high", "p_value",
    "n_obs", "n_clusters", "cov_type", "warning",
]  # fmt: skip
# Names a formula may use that are not columns (patsy and numpy functions).
_FORMULA_NAMES = {"C", "Q", "I", "Treatment", "Sum", "Diff", "Poly", "Helmert", "np", "center"}
_FORMULA_NAMES |= {"standardize", "scale", "log", "exp", "sqrt", "bs", "cr", "cc", "te"}


def formula_columns(formula: str) -> list[str]:
    """Return the names in ``formula`` that must be columns (not functions or keywords).

    ``"tone ~ C(kind, Treatment(reference='news')) + year"`` gives ``["tone", "kind", "year"]``.
    """
    if "~" not in formula:
        raise ValueError(f"formula must read 'outcome ~ predictors'; got {formula!r}")
    unquoted = re.sub(r"(['\"]).*?\1", " ", formula)
    names = re.findall(r"(?<![\w.])([A-Za-z_]\w*)(?!\s*[\w(=])", unquoted)
    return list(dict.fromkeys(n for n in names if n not in _FORMULA_NAMES))


def _plain(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The used columns as types patsy reads: nullable numbers and flags as float (NA as
    NaN), nullable strings as objects (NA as None)."""
    out = {}
    for name in columns:
        col = df[name]
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            out[name] = pd.to_numeric(col, errors="coerce").astype("float64")
        else:
            out[name] = col.astype(object).where(col.notna(), None)
    return pd.DataFrame(out).reset_index(drop=True)


def _family(df: pd.DataFrame, outcome: str, family: str) -> str:
    if family != "auto":
        return family
    return "logit" if outcome in df.columns and is_binary(df[outcome].dropna()) else "ols"


def _fit(data: pd.DataFrame, formula: str, family: str, cluster: str | None):
    maker = smf.logit if family == "logit" else smf.ols
    model = maker(formula, data=data, missing="drop")
    options = {"use_t": True, "cov_type": "HC1"}
    if cluster is not None:
        groups = pd.factorize(data.loc[model.data.row_labels, cluster])[0]
        if len(set(groups)) < 2:  # statsmodels divides by (clusters - 1)
            raise ValueError(f"every row is in one {cluster}: clustered errors need two or more")
        options.update(cov_type="cluster", cov_kwds={"groups": groups})
    if family == "logit":
        options["disp"] = 0
    return model.fit(**options)


def _prepare(df: pd.DataFrame, formula: str, cluster: str | None, family: str):
    check_choice("family", family, FAMILIES)
    used = formula_columns(formula) + ([cluster] if cluster else [])
    require_columns(df, used, what="fit_model")
    data = _plain(df, list(dict.fromkeys(used)))
    if cluster is not None:
        data = data[data[cluster].notna()].reset_index(drop=True)
    complete = data.notna().all(axis=1)
    if not complete.any():
        empty = [c for c in data.columns if data[c].isna().all()] or list(data.columns)
        raise ValueError(
            f"fit_model: {formula!r}: no row has every variable "
            f"({', '.join(map(repr, empty))} missing everywhere it is needed)"
        )
    return data, _family(df, formula.split("~")[0].strip(), family)


def _fit_checked(data: pd.DataFrame, formula: str, family: str, cluster: str | None):
    try:
        result = _fit(data, formula, family, cluster)
    except (PatsyError, np.linalg.LinAlgError, ValueError) as error:
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        raise ValueError(f"fit_model: {formula!r} ({family}): {first}") from error
    endog = np.asarray(result.model.endog, dtype="float64")
    if endog.size == 0 or np.all(endog == endog[0]):
        raise ValueError(f"fit_model: {formula!r}: the outcome does not vary ({endog.size} rows)")
    return result


def fit_result(
    df: pd.DataFrame,
    *,
    formula: str,
    cluster: str | None = "outlet",
    family: Literal["auto", "ols", "logit"] = "auto",
):
    """Fit ``formula`` on ``df`` and return statsmodels' results object.

    Rows with a missing value in any variable of the formula, or in ``cluster``, are
    left out. Raises ``ValueError`` (one line) for a missing column, a bad formula, an
    outcome without variation, or a model statsmodels cannot fit. statsmodels' own
    warnings (perfect separation, no convergence) pass through; ``fit_model`` turns
    them into its ``warning`` column.
    """
    data, family = _prepare(df, formula, cluster, family)
    return _fit_checked(data, formula, family, cluster)


def _cluster_note(n_clusters: int | None, cluster: str | None) -> str:
    if cluster is None or n_clusters is None or n_clusters >= MIN_CLUSTERS:
        return ""
    return (
        f"too few clusters to trust clustered errors ({n_clusters} {cluster} clusters < "
        f"{MIN_CLUSTERS}; Angrist & Pischke 2009, Cameron & Miller 2015)"
    )


def _tidy(result, *, outcome: str, family: str, n_clusters, cluster, notes) -> pd.DataFrame:
    ci = result.conf_int()
    table = pd.DataFrame(
        {
            "outcome": outcome,
            "model": family,
            "term": list(result.params.index),
            "estimate": result.params.to_numpy(),
            "std_error": result.bse.to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
            "p_value": result.pvalues.to_numpy(),
            "n_obs": int(result.nobs),
            "n_clusters": n_clusters if n_clusters is not None else pd.NA,
            "cov_type": "cluster" if cluster is not None else "HC1",
            "warning": "; ".join(n for n in notes if n),
        },
        columns=MODEL_COLUMNS,
    )
    strings = dict.fromkeys(["outcome", "model", "term", "cov_type", "warning"], "string")
    return table.astype({**strings, "n_obs": "int64", "n_clusters": "Int64"})


def aliased_terms(result) -> list[str]:
    """Terms of a fitted model that are linear combinations of earlier ones (not identified).

    A level that only ever occurs with another (the one encyclopedia outlet is also the
    one ``INTL`` outlet) makes the design singular: OLS still returns numbers (a
    pseudo-inverse), but those terms and the ones they alias mean nothing.
    """
    exog = np.asarray(result.model.exog, dtype="float64")
    names, kept, aliased = list(result.model.exog_names), [], []
    for j in range(exog.shape[1]):
        trial = exog[:, [*kept, j]]
        if np.linalg.matrix_rank(trial) > len(kept):
            kept.append(j)
        else:
            aliased.append(names[j])
    return aliased


def _fit_notes(caught: list[warnings.WarningMessage]) -> list[str]:
    notes = []
    for item in caught:
        if issubclass(item.category, PerfectSeparationWarning):
            notes.append("perfect separation: a predictor decides the outcome; estimates unstable")
        elif issubclass(item.category, ConvergenceWarning):
            notes.append("the fit did not converge; estimates unreliable")
    return list(dict.fromkeys(notes))


def fit_model(
    df: pd.DataFrame,
    *,
    formula: str,
    cluster: str | None = "outlet",
    family: Literal["auto", "ols", "logit"] = "auto",
    level: float = 0.95,
) -> pd.DataFrame:
    """Fit a regression of a score (OLS) or a 0/1 presence (logit) and return its coefficients.

    Args:
        df: One row per document (or other unit) with every column the formula names
            and ``cluster``; not modified. Rows missing any of them are left out.
        formula: statsmodels/patsy formula, e.g.
            ``"vader_compound ~ C(outlet_country) + C(kind) + year"``.
        cluster: Column whose groups get cluster-robust standard errors (default
            ``"outlet"``); None: heteroskedasticity-robust HC1 errors.
        family: ``"auto"`` (logit for an integer/boolean 0/1 outcome, else OLS),
            ``"ols"`` or ``"logit"``.
        level: Confidence level of the intervals.

    Returns:
        One row per term (statsmodels' names, e.g. ``C(kind)[T.news]``, ``Intercept``):
        ``outcome``, ``model`` ("ols"/"logit"), ``term``, ``estimate`` (logit: log-odds),
        ``std_error``, ``ci_low``, ``ci_high``, ``p_value`` (t test with G-1 degrees of
        freedom when clustered), ``n_obs`` (rows used), ``n_clusters`` (NA without
        ``cluster``), ``cov_type`` ("cluster"/"HC1"), ``warning`` ("" when fine: too few
        clusters, perfect separation, no convergence). A non-empty warning is also
        raised as one ``UserWarning``.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1; got {level!r}")
    data, family = _prepare(df, formula, cluster, family)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _fit_checked(data, formula, family, cluster)
    n_clusters = None
    if cluster is not None:
        n_clusters = int(data.loc[result.model.data.row_labels, cluster].nunique())
    notes = [_cluster_note(n_clusters, cluster), *_fit_notes(caught)]
    aliased = aliased_terms(result)
    if aliased:
        notes.append(f"collinear design: {', '.join(aliased)} not identified (aliased)")
    outcome = formula.split("~")[0].strip()
    table = _tidy(
        result, outcome=outcome, family=family, n_clusters=n_clusters, cluster=cluster, notes=notes
    )
    if level != 0.95:
        ci = result.conf_int(alpha=1 - level)
        table["ci_low"], table["ci_high"] = ci.iloc[:, 0].to_numpy(), ci.iloc[:, 1].to_numpy()
    if table["warning"].iloc[0]:
        warnings.warn(
            f"fit_model({formula!r}): {table['warning'].iloc[0]}", UserWarning, stacklevel=2
        )
    return table


def _varies(df: pd.DataFrame, term: str, rows: pd.Series) -> bool:
    columns = [c for c in formula_columns(f"y ~ {term}") if c != "y"]
    return all(df.loc[rows, c].nunique(dropna=True) > 1 for c in columns if c in df.columns)


def fit_models(
    df: pd.DataFrame,
    *,
    outcomes: Sequence[str],
    predictors: Sequence[str],
    cluster: str | None = "outlet",
) -> pd.DataFrame:
    """Fit each outcome on the same predictors; one tidy table for all.

    A predictor that does not vary among an outcome's usable rows (one language, one
    kind) is dropped from that outcome's model, and an outcome that cannot be fitted
    (no variation, too few rows, a singular design) is skipped: both are listed in
    ``attrs["dropped"]`` / ``attrs["skipped"]`` ({outcome: reason}).

    Args:
        df: One row per document; not modified.
        outcomes: Outcome columns (scores: OLS; 0/1 integer flags: logit).
        predictors: Formula terms, e.g. ``["C(outlet_country)", "C(kind)", "year"]``.
        cluster: As in ``fit_model``.

    Returns:
        ``fit_model``'s columns plus ``formula``, outcomes in the order given.
    """
    require_columns(df, list(outcomes), what="fit_models")
    tables, dropped, skipped = [], {}, {}
    for outcome in outcomes:
        used = [c for t in predictors for c in formula_columns(f"y ~ {t}") if c != "y"]
        rows = df[[outcome, *used, *([cluster] if cluster else [])]].notna().all(axis=1)
        kept = [t for t in predictors if _varies(df, t, rows)]
        if len(kept) < len(predictors):
            dropped[outcome] = [t for t in predictors if t not in kept]
        formula = f"{outcome} ~ {' + '.join(kept) or '1'}"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # kept in the warning column
                table = fit_model(df, formula=formula, cluster=cluster)
        except ValueError as error:
            skipped[outcome] = str(error)
            continue
        tables.append(table.assign(formula=formula))
    columns = [*MODEL_COLUMNS, "formula"]
    result = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)
    result.attrs = {"dropped": dropped, "skipped": skipped}
    return result
