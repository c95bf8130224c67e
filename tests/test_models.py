"""fit_model and friends: coefficients and clustered errors checked against statsmodels
called directly and against the cluster-robust sandwich computed by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from analysis import fit_model, load_corpus, score_sentiment
from analysis.models import (
    MIN_CLUSTERS,
    aliased_terms,
    describe_model,
    fit_models,
    fit_result,
    formula_columns,
    term_label,
)


@pytest.fixture(scope="module")
def tone() -> pd.DataFrame:
    """Real documents of the sample corpus with their VADER tone (one row per document)."""
    docs = load_corpus()
    scores = score_sentiment(docs, engines=["vader"])  # the models are tested, not tone
    meta = docs[["doc_id", "outlet", "outlet_country", "kind", "published"]]
    table = scores.merge(meta, on="doc_id").assign(year=lambda d: d["published"].dt.year)
    # the three big countries: no single-outlet country aliased with a single-outlet kind
    return table[table["outlet_country"].isin(["JP", "KR", "US"])].reset_index(drop=True)


FORMULA = "vader_compound ~ C(outlet_country) + C(kind)"


def _quiet_fit(df, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return fit_model(df, **kwargs)


def test_ols_coefficient_and_clustered_se_match_statsmodels(tone):
    table = _quiet_fit(tone, formula=FORMULA, cluster="outlet").set_index("term")
    groups = pd.factorize(tone["outlet"])[0]
    direct = smf.ols(FORMULA, data=tone).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    term = "C(outlet_country)[T.KR]"
    assert table.loc[term, "estimate"] == pytest.approx(direct.params[term], rel=1e-12)
    assert table.loc[term, "std_error"] == pytest.approx(direct.bse[term], rel=1e-10)
    assert table.loc[term, "p_value"] == pytest.approx(direct.pvalues[term], rel=1e-10)
    assert table.loc[term, "ci_low"] == pytest.approx(direct.conf_int().loc[term, 0], rel=1e-10)
    assert table["n_obs"].iloc[0] == len(tone)
    assert table["n_clusters"].iloc[0] == tone["outlet"].nunique()


def test_clustered_se_equals_the_sandwich_by_hand(tone):
    """CR1: (X'X)^-1 (sum_g X_g' u_g u_g' X_g) (X'X)^-1 * G/(G-1) * (N-1)/(N-K)."""
    result = fit_result(tone, formula=FORMULA, cluster="outlet")
    x, u = result.model.exog, result.resid.to_numpy()
    n, k = x.shape
    bread = np.linalg.inv(x.T @ x)
    meat = np.zeros((k, k))
    outlets = tone["outlet"].to_numpy()
    for outlet in np.unique(outlets):
        score = x[outlets == outlet].T @ u[outlets == outlet]
        meat += np.outer(score, score)
    g = len(np.unique(outlets))
    cov = bread @ meat @ bread * g / (g - 1) * (n - 1) / (n - k)
    np.testing.assert_allclose(result.bse.to_numpy(), np.sqrt(np.diag(cov)), rtol=1e-9)
    # and by hand, the coefficient is least squares
    beta = np.linalg.lstsq(x, tone["vader_compound"].to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(result.params.to_numpy(), beta, rtol=1e-9, atol=1e-12)


def test_logit_for_a_01_flag_matches_statsmodels(tone):
    df = tone.assign(is_positive=(tone["vader_compound"] > 0.3).astype("int64"))
    formula = "is_positive ~ C(outlet_country)"
    table = _quiet_fit(df, formula=formula).set_index("term")
    assert set(table["model"]) == {"logit"}
    groups = pd.factorize(df["outlet"])[0]
    direct = smf.logit(formula, data=df).fit(
        disp=0, cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    term = "C(outlet_country)[T.US]"
    assert table.loc[term, "estimate"] == pytest.approx(direct.params[term], rel=1e-8)
    assert table.loc[term, "std_error"] == pytest.approx(direct.bse[term], rel=1e-8)


def test_boolean_outcome_is_logit_float_01_is_ols(tone):
    flag = tone["vader_compound"] > 0.3
    as_bool = _quiet_fit(tone.assign(y=flag), formula="y ~ C(outlet_country)")
    as_float = _quiet_fit(tone.assign(y=flag.astype(float)), formula="y ~ C(outlet_country)")
    assert as_bool["model"].iloc[0] == "logit" and as_float["model"].iloc[0] == "ols"
    forced = _quiet_fit(tone.assign(y=flag.astype(float)), formula="y ~ 1", family="logit")
    assert forced["estimate"].iloc[0] == pytest.approx(np.log(flag.mean() / (1 - flag.mean())))


def test_hc1_without_cluster(tone):
    table = fit_model(tone, formula=FORMULA, cluster=None).set_index("term")
    direct = smf.ols(FORMULA, data=tone).fit(cov_type="HC1", use_t=True)
    np.testing.assert_allclose(table["std_error"].to_numpy(), direct.bse.to_numpy(), rtol=1e-10)
    assert table["n_clusters"].isna().all() and set(table["cov_type"]) == {"HC1"}
    assert (table["warning"] == "").all()


def test_too_few_clusters_warns_and_says_so(tone):
    assert tone["outlet"].nunique() < MIN_CLUSTERS
    with pytest.warns(UserWarning, match=r"too few clusters .* < 42"):
        table = fit_model(tone, formula=FORMULA)
    assert table["warning"].str.contains("outlet clusters < 42").all()


def test_enough_clusters_no_warning():
    rng = np.random.default_rng(1)
    n = 50 * 4
    df = pd.DataFrame(
        {"outlet": np.repeat([f"o{i}" for i in range(50)], 4), "x": rng.normal(size=n)}
    )
    df["y"] = 0.5 * df["x"] + rng.normal(size=n)  # synthetic
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        table = fit_model(df, formula="y ~ x")
    assert (table["warning"] == "").all() and table["n_clusters"].iloc[0] == 50


def test_missing_rows_left_out_and_input_not_mutated(tone):
    df = tone.copy()
    df.loc[0, "vader_compound"] = np.nan
    df.loc[1, "outlet"] = pd.NA
    before = df.copy()
    table = _quiet_fit(df, formula=FORMULA)
    assert table["n_obs"].iloc[0] == len(df) - 2
    pd.testing.assert_frame_equal(df, before)


def test_collinear_design_is_flagged():
    docs = load_corpus()  # the one INTL outlet is also the one encyclopedia
    df = score_sentiment(docs).merge(docs[["doc_id", "outlet", "outlet_country", "kind"]])
    table = _quiet_fit(df, formula=FORMULA)
    assert table["warning"].str.contains("collinear design").all()
    with pytest.warns(Warning, match="rank-deficient"):  # statsmodels' own warning passes through
        result = fit_result(df, formula=FORMULA)
    assert aliased_terms(result)  # some level is a combination of others


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"formula": "nothing ~ C(kind)"}, "missing required column(s) 'nothing'"),
        ({"formula": "vader_compound C(kind)"}, "formula must read 'outcome ~ predictors'"),
        ({"formula": "vader_compound ~ kind", "family": "probit"}, "family must be one of"),
        ({"formula": "flat ~ C(kind)"}, "the outcome does not vary"),
        ({"formula": "empty ~ C(kind)"}, "no row has every variable ('empty' missing"),
        ({"formula": "vader_compound ~ C(kind)", "cluster": "nope"}, "'nope'"),
        ({"formula": "vader_compound ~ C(kind)", "level": 1.5}, "level must be between"),
        ({"formula": "vader_compound ~ C(kind)", "cluster": "one"}, "every row is in one one"),
    ],
)
def test_clear_errors(tone, kwargs, message):
    with pytest.raises(ValueError, match=None) as info:
        _quiet_fit(tone.assign(flat=1.0, empty=np.nan, one="Yonhap"), **kwargs)
    assert message in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("formula", "columns"),
    [
        ("tone ~ C(outlet_country) + C(kind) + year", ["tone", "outlet_country", "kind", "year"]),
        ("y ~ C(kind, Treatment(reference='news')) + np.log(n_chars)", ["y", "kind", "n_chars"]),
        ("has_history ~ x:z + I(year - 2020)", ["has_history", "x", "z", "year"]),
    ],
)
def test_formula_columns(formula, columns):
    assert formula_columns(formula) == columns


@pytest.mark.parametrize(
    ("term", "label"),
    [
        ("C(outlet_country, Treatment(reference='JP'))[T.KR]", "outlet_country = KR (vs JP)"),
        ('C(kind, Treatment("news"))[T.statement]', "kind = statement (vs news)"),
        ("C(kind)[T.official_readout]", "kind = official_readout"),
        ("Intercept", "intercept"),
        ("year", "year"),
    ],
)
def test_term_label(term, label):
    assert term_label(term) == label


def test_describe_model_words_from_numbers():
    table = pd.DataFrame(
        {
            "outcome": "tone", "model": "ols", "term": ["Intercept", "C(kind)[T.news]", "year"],
            "estimate": [0.1, -0.25, 0.01], "ci_low": [0.0, -0.4, -0.02],
            "ci_high": [0.2, -0.1, 0.04], "p_value": [0.04, 0.002, 0.5], "n_obs": 40,
            "n_clusters": 12, "warning": "too few clusters",
        }
    )  # fmt: skip
    text = describe_model(table)
    assert text == (
        "tone (ols, 40 rows, 12 clusters): holding the other predictors fixed, 1 of 2 terms "
        "are clear at p < 0.05: kind = news lower (-0.250 [-0.400, -0.100], p = 0.002); the "
        "other 1 cannot be told from no difference. Caution: too few clusters."
    )
    none = describe_model(table.assign(p_value=0.5, model="logit"))
    assert "no term's odds ratio is distinguishable from 1" in none


def test_fit_models_drops_constant_predictors_and_skips_flat_outcomes(tone):
    df = tone.assign(flat=0, has_positive=(tone["vader_compound"] > 0.3).astype(int))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # each warning is in the table instead
        table = fit_models(
            df,
            outcomes=["vader_compound", "has_positive", "flat"],
            predictors=["C(outlet_country)", "C(language)"],
        )
    assert list(dict.fromkeys(table["outcome"])) == ["vader_compound", "has_positive"]
    assert table.attrs["dropped"] == {
        "vader_compound": ["C(language)"], "has_positive": ["C(language)"], "flat": ["C(language)"]
    }  # fmt: skip
    assert "does not vary" in table.attrs["skipped"]["flat"]
    assert set(table.loc[table["outcome"] == "has_positive", "model"]) == {"logit"}


def test_perfect_separation_is_flagged():
    rows = [(f"o{i % 8}", i % 2, i % 2) for i in range(40)]  # x decides y (synthetic)
    df = pd.DataFrame(rows, columns=["outlet", "x", "y"])
    table = _quiet_fit(df, formula="y ~ x")
    assert table["warning"].str.contains("perfect separation").all()


def test_model_table_one_row_per_document_with_year_scores_and_frames():
    from analysis import code_frames
    from analysis.models import model_table

    docs = load_corpus()
    korean = pd.DataFrame(
        {"doc_id": ["ko-1"], "text": ["한일 정상회담이 열렸다."], "language": ["ko"],
         "outlet": ["Yonhap"], "outlet_country": ["KR"], "kind": ["news"],
         "published": [pd.NaT]}
    )  # fmt: skip
    both = pd.concat([docs, korean], ignore_index=True)
    before = both.copy()
    scores, coded = score_sentiment(both), code_frames(both)
    table = model_table(both, scores=scores, coded=coded)
    pd.testing.assert_frame_equal(both, before)
    assert len(table) == len(both) and table["doc_id"].is_unique
    row = table.set_index("doc_id").loc["ko-1"]
    # Korean text is frame-coded (no history term here: 0) but has no VADER score (NA)
    assert pd.isna(row["year"]) and row["has_history"] == 0 and pd.isna(row["vader_compound"])
    seed = table.set_index("doc_id").loc["business-standard-2022-09-22-yoon-kishida"]
    assert seed["year"] == 2022 and seed["has_history"] == 1 and seed["has_diplomacy"] == 1
    assert str(table["has_history"].dtype) == "Int64" and "is_scored" not in table.columns
    assert fit_models(table, outcomes=["has_history"], predictors=["C(outlet_country)"])[
        "n_obs"
    ].iloc[0] == int(table["has_history"].notna().sum())


def test_keep_common_levels_leaves_out_rare_countries_and_says_which():
    from analysis.models import keep_common_levels

    df = pd.DataFrame({"outlet_country": ["JP"] * 5 + ["KR"] * 5 + ["IN"], "kind": ["news"] * 11})
    kept, left_out = keep_common_levels(df, columns=["outlet_country", "kind"], min_n=5)
    assert len(kept) == 10 and left_out == {"outlet_country": {"IN": 1}}
    assert len(df) == 11  # input untouched


def _corpus_file(tmp_path, rows: list[dict]) -> str:
    path = tmp_path / "corpus.jsonl"
    pd.DataFrame(rows).to_json(path, orient="records", lines=True, force_ascii=False)
    return str(path)


@pytest.mark.slow
def test_models_notebook_survives_corpora_built_to_break_it(tmp_path):
    """One document; many tiny groups without dates and two languages: the report renders,
    says why a model is missing, and writes nothing to stderr."""
    import nbformat

    from analysis.report.runner import plan_reports, render_reports

    (tmp_path / "one").mkdir()
    one = _corpus_file(
        tmp_path / "one", [{"doc_id": "a", "text": "Seoul and Tokyo met. It went well."}]
    )
    tiny = [
        {
            "doc_id": f"d{i}",
            "text": f"Japan and Korea agreed on trade number {i}. History matters.",
            "outlet": f"outlet {i}",
            "outlet_country": ["JP", "KR", "US"][i % 3],
            "kind": "news",
        }
        for i in range(9)
    ] + [
        {
            "doc_id": "ko",
            "text": "한일 정상회담이 열렸다.",
            "outlet": "Yonhap",
            "outlet_country": "KR",
        }
    ]
    (tmp_path / "tiny").mkdir()
    many = _corpus_file(tmp_path / "tiny", tiny)
    jobs = plan_reports(notebooks=["models"], corpus=one) + plan_reports(
        notebooks=["models"], corpus=many
    )
    results = render_reports(jobs, out_dir=tmp_path / "out")
    for result in results:
        assert result.status == "rendered", result.message
        executed = tmp_path / "out" / "_executed" / f"{result.html.stem}.ipynb"
        nb = nbformat.read(executed, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.get("name") == "stderr" or o.output_type == "error"]
    page = results[0].html.read_text(encoding="utf-8")
    assert "no model" in page and "do not vary" in page  # one document: said, not crashed
    assert "robust (HC1) errors instead" in page  # no outlet is known
