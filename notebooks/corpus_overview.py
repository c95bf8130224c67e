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
# # Corpus overview
#
# **Question:** what is in this corpus — from which countries, outlets and kinds of
# source, from when, how long, how complete, and how much of it is duplicated?
# Every other report rests on this one: a difference in tone between two countries
# means little if one side is all press releases and the other all news, or if one
# year holds most of the documents.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
country: str = ""  # only documents of this publisher country (JP, KR, US, ...); empty: all
period: str = "quarter"  # bins of the coverage-over-time plot: week, month, quarter or year
top_outlets: int = 15  # outlets shown in the outlet chart (the rest are summed)
n_titles: int = 10  # documents listed in each title table

# %%
import warnings

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus import load_corpus
from analysis.display import show_table
from analysis.events import load_events
from analysis.plots import use_style
from analysis.plots.corpus import plot_document_counts, plot_documents_by_year, plot_text_lengths
from analysis.plots.time import plot_over_time
from analysis.report import display_path
from analysis.timeseries import time_series

warnings.simplefilter("ignore", UserWarning)
use_style()
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(path, columns=corpus_columns or None)
docs = corpus[corpus["outlet_country"] == country] if country else corpus
scope = f"publisher country {country}" if country else "all publisher countries"
display(Markdown(f"**{len(docs)} documents** ({scope}; {len(corpus)} in `{display_path(path)}`)."))

# %% [markdown]
# ## Who published the documents

# %%
by_country = docs["outlet_country"].value_counts().rename_axis("outlet_country")
show_table(
    by_country.rename("n_docs").reset_index().assign(docs_share=lambda t: t["n_docs"] / len(docs)),
    caption="Documents per publisher country",
)
plot_document_counts(docs, by="outlet_country")
plt.show()

# %% [markdown]
# Each bar is the number of documents whose publisher is based in that country
# (`outlet_country`), in the country's colour used in every report. `INTL` are
# international organisations or encyclopedias. A country with few documents gives
# wide confidence intervals in the comparison reports.

# %%
plot_document_counts(docs, by="outlet", top=top_outlets)
plt.show()

# %% [markdown]
# Outlets, largest first, coloured by the outlet's country. When one outlet holds
# most of a country's documents, "the country's tone" is mostly that outlet's tone.

# %%
kinds = docs.groupby(["kind", "outlet_country"]).size().unstack(fill_value=0)
show_table(kinds.assign(total=kinds.sum(axis=1)), caption="Documents per kind and country")

# %% [markdown]
# Kinds of source: `news` (journalism), `statement` and `official_readout`
# (governments speaking for themselves), `encyclopedia`. Read tone comparisons
# between countries against this table: official readouts are polite by design.

# %% [markdown]
# ## When

# %%
plot_documents_by_year(docs)
plt.show()

# %% [markdown]
# Documents per publication year, stacked by publisher country. Empty years are
# gaps in the corpus, not quiet years in the relationship.

# %%
attention = time_series(docs, by="outlet_country", period=period)
plot_over_time(attention, events=load_events(), ylabel="documents", bands=False)
plt.show()

# %% [markdown]
# Coverage over time: documents per period and publisher country; dashed lines mark
# the key events of `data/codebooks/events.yaml`. Peaks around events are expected
# in a corpus collected around events; they say how the corpus was built, not how
# much attention each side paid.

# %% [markdown]
# ## How long and how complete

# %%
plot_text_lengths(docs, by="outlet_country")
plt.show()

# %% [markdown]
# Text length in characters per publisher country: the box spans the middle half,
# the line is the median, each point is a document. Hollow points are leading
# excerpts (`text_complete` False): their length says nothing about the article.

# %%
completeness = docs.groupby("outlet_country").agg(
    n_docs=("doc_id", "size"),
    complete_share=("text_complete", "mean"),
    median_chars=("n_chars", "median"),
)
show_table(completeness, caption="Completeness and median length per publisher country")

# %% [markdown]
# `complete_share` is the share of documents with the full text; the rest are
# leading excerpts kept under their licence terms. Sentence-level results from
# excerpts cover the opening of an article only.

# %%
columns = ["published", "outlet_country", "outlet", "kind", "title", "n_chars"]
show_table(
    docs.sort_values("published", ascending=False, na_position="last")[columns],
    caption="Most recent documents",
    max_rows=n_titles,
)
show_table(docs.sort_values("n_chars")[columns], caption="Shortest documents", max_rows=n_titles)

# %% [markdown]
# Titles exactly as collected (shown as text, so markup in a scraped title is
# visible rather than interpreted). The shortest documents are worth a look:
# a very short text is often a caption, a teaser or a failed scrape.

# %% [markdown]
# ## Duplicates

# %%
duplicates = docs.loc[docs["is_duplicate"].fillna(False).astype(bool)]
display(Markdown(f"**{len(duplicates)} of {len(docs)} documents** are flagged as duplicates."))
show_table(
    duplicates[["doc_id", "duplicate_of", "duplicate_similarity", "outlet", "title"]],
    caption="Documents flagged as exact or near copies of an earlier document",
)

# %% [markdown]
# A duplicate is an exact or near copy (wire copy, repost) of an earlier document,
# named in `duplicate_of`. They are flagged, never dropped silently: the tone and
# framing reports exclude them by default so a story republished five times is
# counted once.
