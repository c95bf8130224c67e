# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Tone and frames, country by country, holding the kind of text fixed
#
# **Question:** once the kind of text (news, statement, readout), the year and the
# language are held fixed, does the publisher's country still go with a different
# tone, or with a different use of each frame?
#
# A difference of means between countries can be a difference between kinds of
# text: in the sample most Japanese documents are foreign-ministry readouts. Here each
# outcome is regressed on country, kind, year and language together: **OLS** for
# tone (the multilingual `tone` by default, or a dictionary measure: `tone` parameter), a
# **logit** for each frame's presence (0/1). Documents of one outlet are not
# independent, so standard errors are **clustered by outlet**; with fewer than 42
# outlets those errors are too small and the table says so (Angrist & Pischke 2009;
# Cameron & Miller 2015). docs/models.md explains each choice.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
codebook: str = "kj_frames"  # frame codebook whose frames are modelled
tone: str = "tone"  # tone measure modelled: tone, vader_compound or textblob_polarity
tone_model: str = ""  # tone model file (python -m analysis tone train); empty: the shipped model
reference_country: str = "JP"  # the country every other is compared with (if present)
cluster: str = "outlet"  # column whose groups get clustered standard errors
exclude_duplicates: bool = True  # leave out documents flagged as copies of an earlier one
min_n: int = 5  # countries and kinds with fewer documents are left out of the models

# %%
import logging
import warnings

import matplotlib.pyplot as plt

from analysis import config
from analysis.analysed import show_analysed
from analysis.corpus import load_corpus
from analysis.display import show_finding, show_limit, show_policy, show_table
from analysis.findings import cannot_show, interval_table
from analysis.framing import code_frames
from analysis.models import (
    MIN_CLUSTERS,
    describe_model,
    fit_models,
    keep_common_levels,
    model_table,
    term_label,
)
from analysis.plots import use_style
from analysis.plots.models import plot_coefficients
from analysis.report import display_path
from analysis.report.measures import score_for_report, show_validity_card
from analysis.sample_policy import policy_note

warnings.simplefilter("ignore", UserWarning)  # every warning is in the tables' warning column
logging.getLogger("analysis").setLevel(logging.ERROR)  # unscored/uncoded counts: shown below
use_style()

# %%
path = corpus_path or config.SAMPLE_CORPUS
docs = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=exclude_duplicates)
scores, sentences = score_for_report(docs, measure=tone, tone_model=tone_model or None)
coded = code_frames(docs, codebook)
everything = model_table(docs, scores=scores, coded=coded)
levels = [c for c in ("outlet_country", "kind") if c in everything.columns]
table, left_out = keep_common_levels(everything, columns=levels, min_n=min_n)
countries = table["outlet_country"].dropna()
reference = reference_country if reference_country in set(countries) else None
if reference is None and len(countries):
    reference = countries.value_counts().index[0]  # the best-documented country
country_term = f"C(outlet_country, Treatment(reference='{reference}'))" if reference else None
predictors = [t for t in [country_term, "C(kind)", "year", "C(language)"] if t]
frames = [c for c in table.columns if c.startswith("has_")]
if cluster not in table.columns or table[cluster].isna().all():
    show_limit(cannot_show("no clustered errors", f"no {cluster} is known for any document; "
                           "robust (HC1) errors instead"))  # fmt: skip
    cluster = None
show_finding(
    f"{len(docs)} documents from {display_path(path)}, {len(table)} modelled; tone: {tone}; "
    f"{int(table[tone].notna().sum())} documents with a tone score, "
    f"{int(table[frames[0]].notna().sum()) if frames else 0} coded for frames ({codebook}); "
    f"{table['year'].isna().sum() if 'year' in table else len(table)} undated (left out of "
    f"models with year); {table[cluster].nunique() if cluster else 0} {cluster or 'outlet'} "
    f"clusters (clustered errors are trusted from {MIN_CLUSTERS}); countries compared "
    f"with {reference or 'none'}."
)
show_analysed(docs, scores.loc[scores[tone].notna(), "doc_id"], measure=tone)
show_analysed(docs, coded["doc_id"], measure=codebook)
for column, small in left_out.items():
    listed = ", ".join(f"{level} ({n})" for level, n in small.items())
    show_limit(cannot_show(f"{column} values left out", f"fewer than {min_n} documents: {listed}"))
show_policy(policy_note(min_n))

# %% [markdown]
# ## Tone

# %%
show_validity_card(sentences, measure=tone, tone_model=tone_model or None)

# %% [markdown]
# How far the modelled tone agrees with human coders on held-out data in each language
# of this corpus (`dataset`, `split`, `figure`, `value` with its 95 % interval,
# `n_coded` units). A language without a figure has not been checked: a coefficient
# resting on its texts rests on an unvalidated measure.

# %%
tone_fit = fit_models(table, outcomes=[tone], predictors=predictors, cluster=cluster)
for outcome, reason in tone_fit.attrs["skipped"].items():
    show_limit(cannot_show(f"no model of {outcome}", reason))
for outcome, dropped in tone_fit.attrs["dropped"].items():
    show_limit(cannot_show(f"{', '.join(dropped)} left out of {outcome}", "they do not vary here"))
shown = ["term", "estimate", "ci_low", "ci_high", "p_value", "n_obs", "n_clusters", "warning"]
show_table(
    interval_table(tone_fit.assign(term=tone_fit["term"].map(term_label))[["model", *shown]]),
    caption=f"OLS of {tone} per document, outlet-clustered 95% CI (difference from the reference)",
)
if len(tone_fit):
    show_finding(describe_model(tone_fit))
    plot_coefficients(tone_fit, title=f"{tone}: each term holding the others fixed")
    plt.show()

# %% [markdown]
# Each row is one term: for a country or a kind, the difference in mean tone from the
# reference level (named in brackets, or the first in alphabetical order) with the
# other terms held fixed; for `year`, the change per year. A bar that crosses zero
# means the data cannot tell the difference from none. Hollow points belong to a
# model with a warning (too few clusters, a collinear design): read them as
# suggestive at most. The sentence above the figure is computed from the table.

# %% [markdown]
# ## Frames

# %%
frame_models = fit_models(table, outcomes=frames, predictors=predictors, cluster=cluster)
for outcome, reason in frame_models.attrs["skipped"].items():
    show_limit(cannot_show(f"no model of {outcome}", reason))
dropped = sorted({t for terms in frame_models.attrs["dropped"].values() for t in terms})
if dropped:
    show_limit(cannot_show(f"{', '.join(dropped)} left out of the frame models",
                           "they do not vary here"))  # fmt: skip
show_table(
    interval_table(frame_models.assign(term=frame_models["term"].map(term_label))[
        ["outcome", "model", *shown]
    ]),
    caption="Logit of each frame's presence per document, outlet-clustered 95% CI (log-odds)",
    max_rows=60,
)
for _, part in frame_models.groupby("outcome", sort=False):
    show_finding(describe_model(part))
if len(frame_models):
    plot_coefficients(frame_models, title="Frame presence: each term holding the others fixed")
    plt.show()

# %% [markdown]
# For a frame, a term's estimate is a log-odds difference: positive means documents of
# that country (or kind) use the frame more often than the reference, other terms
# held fixed; the sentences give the same as odds ratios. A frame that every coded
# document uses (or none) cannot be modelled and is listed above as skipped; a logit
# with *perfect separation* (a level that always or never has the frame) gives
# unstable estimates and says so in its warning. Few documents per outlet and few
# outlets make every interval here wide: this is a map of where to look in the
# sentences (the explorer: `python -m analysis explore`), not a verdict.
