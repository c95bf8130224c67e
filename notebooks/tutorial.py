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
# # Tutorial: from your own CSV to a model and a figure for the paper
#
# **What you will do:** load a CSV of your own articles, check what the loader made
# of it, score the tone of every document, compare groups, fit a regression with
# outlet-clustered errors, and save the figure and the table in the formats a journal
# asks for (SVG/PNG/PDF, LaTeX, CSV). Every step is one call to the `analysis`
# package; run the cells in order, or render this page with
# `python -m analysis report --notebook tutorial -p corpus_path=my_articles.csv`.
#
# With no `corpus_path` the tutorial writes the sample corpus to a CSV first, so you
# can see what such a file looks like.

# %% tags=["parameters"]
corpus_path: str = ""  # your CSV (or JSONL, Parquet, folder); empty: the sample corpus as a CSV
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
out_dir: str = ""  # absolute folder for the exported figure and table; empty: a temporary folder
outcome: str = "tone"  # the score to model: tone, vader_compound or textblob_polarity
min_n: int = 5  # countries and kinds with fewer documents are left out of the model

# %%
import logging
import tempfile
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from analysis import (
    compare_groups,
    describe_model,
    export_table,
    fit_model,
    load_corpus,
    model_table,
    save_figure,
    show_table,
    show_text,
)
from analysis.display import show_finding, show_limit
from analysis.findings import cannot_show, card_finding, interval_table
from analysis.models import keep_common_levels, term_label
from analysis.plots import plot_coefficients, use_style
from analysis.report import display_path
from analysis.sentiment import score_documents_and_sentences
from analysis.analysed import show_analysed
from analysis.sentiment.card import validity_card

warnings.simplefilter("ignore", UserWarning)  # small groups and few clusters: in the tables
logging.getLogger("analysis").setLevel(logging.ERROR)  # unscored documents: counted below
use_style()

# %% [markdown]
# ## 1. Your CSV
#
# One row per article. Two columns are required: `doc_id` (any unique id) and `text`.
# Everything else is optional but makes the analysis richer: `title`, `outlet`,
# `outlet_country` (JP, KR, US, ...), `published` (a date such as 2023-03-16),
# `kind` (news, statement, ...), `url`. Extra columns are kept as metadata. If your
# columns have other names (`body`, `date`, `source`), say which is which with
# `corpus_columns`, e.g. `-p corpus_columns=text=body,published=date,outlet=source`.

# %%
work = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="kj-tutorial-"))
if corpus_path:
    csv = Path(corpus_path)
else:
    sample = load_corpus()
    columns = ["doc_id", "title", "text", "outlet", "outlet_country", "published", "kind"]
    csv = work / "my_articles.csv"
    sample[columns].to_csv(csv, index=False)
show_text(f"Reading {display_path(csv)}.")

# %% [markdown]
# ## 2. Load it, and look at what the loader made of it
#
# `load_corpus` checks every row (a bad date or a duplicate id stops with one line
# naming the row and the field), detects each text's language and flags duplicates.
# Non-English texts are kept but not scored by the English dictionaries: they are
# counted, never silently turned into zeros.

# %%
docs = load_corpus(csv, columns=corpus_columns or None)
counts = docs.groupby(["outlet_country", "kind"], dropna=False).size().rename("n_docs")
show_table(counts.reset_index(), caption="Documents per country and kind")
show_text(
    f"{len(docs)} documents; languages: {docs['language'].value_counts().to_dict()}; "
    f"{int(docs['published'].isna().sum())} without a date; "
    f"{int(docs['is_duplicate'].sum())} flagged as duplicates."
)

# %% [markdown]
# ## 3. Score the tone and keep the metadata
#
# `score_documents_and_sentences` gives one row per document and one per sentence
# (`score_sentiment` gives the documents alone); `engines` says which measures to
# compute: `tone` (multilingual, embeds every sentence: the slow one), `vader`,
# `textblob`. `model_table` puts the scores next to the metadata (country, kind,
# year), one row per document.

# %%
engine = {"tone": "tone", "vader_compound": "vader", "textblob_polarity": "textblob"}[outcome]
scores, sentences = score_documents_and_sentences(docs, engines=[engine])
table = model_table(docs, scores=scores)
show_table(
    table[["doc_id", "outlet_country", "kind", "year", outcome]].head(8),
    caption=f"The first rows: {outcome} per document",
)
show_analysed(docs, scores.loc[scores[outcome].notna(), "doc_id"], measure=outcome)

# %% [markdown]
# Before trusting a tone figure, check what it rests on: `validity_card` gives, for each
# language of your sentences, how far the measure agrees with human coders on held-out
# data (data set, split, figure, 95 % interval), and how many sentences it scores
# exactly 0.

# %%
card = validity_card(sentences, measure=outcome)
show_table(interval_table(card[["language", "n_sentences", "zero_share", "dataset", "split",
                                "figure", "value", "ci_low", "ci_high", "n_coded"]]),
           caption=f"Validity card: {outcome}")  # fmt: skip
show_finding(card_finding(card))

# %% [markdown]
# ## 4. Compare groups, with uncertainty
#
# `compare_groups` takes one column or several: here every country-and-kind
# combination is a group. Each mean has a bootstrap 95% interval; a group with fewer
# than `min_n` documents carries a warning: too small to say anything.

# %%
comparison = compare_groups(table, value=outcome, by=["outlet_country", "kind"], min_n=min_n)
groups = comparison[comparison["other"].isna()]
show_table(groups[["group", "n_obs", "mean", "ci_low", "ci_high", "warning"]], caption="Groups")
small = groups.loc[groups["warning"] != "", "group"].tolist()
show_text(f"Too small to say anything: {', '.join(small)}." if small else "No group is too small.")

# %% [markdown]
# ## 5. A model: country and kind together
#
# Country and kind of text are often confounded (one country's documents are mostly
# ministry readouts). `fit_model` estimates each holding the other fixed, with
# standard errors clustered by outlet; it warns when there are too few outlets for
# those errors to be trusted. Rare countries and kinds are left out first.

# %%
kept, left_out = keep_common_levels(table, columns=["outlet_country", "kind"], min_n=min_n)
for column, levels in left_out.items():
    show_text(f"Left out ({column}, fewer than {min_n} documents): {levels}.")
predictors = [f"C({c})" for c in ("outlet_country", "kind") if kept[c].nunique() > 1]
formula = f"{outcome} ~ {' + '.join(predictors) or '1'}"
try:
    model = fit_model(kept, formula=formula, cluster="outlet")
except ValueError as error:  # e.g. one document, or no outlet known
    model = None
    show_limit(cannot_show("no model on this corpus", str(error)))
if model is not None:
    show_table(
        model.assign(term=model["term"].map(term_label))[
            ["term", "estimate", "ci_low", "ci_high", "p_value", "n_obs", "n_clusters", "warning"]
        ],
        caption=f"OLS of {outcome}: {formula}",
    )
    show_finding(describe_model(model))

# %% [markdown]
# Each country is compared with the first country in alphabetical order, each kind
# with the first kind (the levels missing from the table). Read the sentence above
# the table first: it is computed from the numbers, says which differences are clear
# and repeats any warning. Then look at the intervals:
# an interval that crosses zero means the data cannot tell that difference from none.

# %% [markdown]
# ## 6. Save the figure and the table for the paper
#
# `save_figure` writes SVG, PNG (300 dpi) or PDF by the file's suffix; `export_table`
# writes CSV, LaTeX (booktabs: add `\usepackage{booktabs}`) or Markdown. Both write
# atomically: a crash never leaves half a file.

# %%
if model is not None:
    ax = plot_coefficients(model, title=f"{outcome}: country and kind together")
    written = [save_figure(ax, work / f"tone_model.{suffix}") for suffix in ("svg", "png", "pdf")]
    plt.show()
    written.append(export_table(model, work / "tone_model.tex", caption=f"OLS of {outcome}"))
    written.append(export_table(model, work / "tone_model.csv"))
    files = [{"file": p.name, "n_bytes": p.stat().st_size} for p in written]
    show_table(pd.DataFrame(files), caption="Files written (in out_dir)")

# %% [markdown]
# ## Next steps
#
# - Every report at once, with each table as CSV and each figure as SVG and PNG:
#   `python -m analysis report --corpus my_articles.csv --export exports/`.
# - Read the sentences behind the numbers, filter them by country, frame, term and
#   tone: `python -m analysis explore my_articles.csv --out explorer.html`.
# - Frames and contested terms: `code_frames(docs, "kj_frames")`; the codebooks are
#   YAML files in `data/codebooks/` you can copy and edit.
# - The models report (`notebooks/models.py`) does step 5 for tone and every frame.
