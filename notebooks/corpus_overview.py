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
# source, from when, in which languages, how long, how complete, and how much of it is
# duplicated or needs a second look?
# Every other report rests on this one: a difference in tone between two countries
# means little if one side is all press releases and the other all news, or if one
# year holds most of the documents.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
country: str = ""  # only documents of this publisher country (JP, KR, US, ...); empty: all
period: str = "auto"  # bins of the time figures: week, month, quarter, year or auto (by span)
top_groups: int = 8  # countries shown by name in tables and figures; the rest pooled as other
top_outlets: int = 15  # outlets shown in the outlet chart (the rest are summed)
n_titles: int = 10  # documents listed in each title table

# %%
import warnings

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus import load_corpus
from analysis.analysed import readable_documents, show_analysed
from analysis.display import show_finding, show_limit, show_table
from analysis.events import load_events
from analysis.findings import cannot_show, counts_finding, series_finding
from analysis.groups import is_other_label, lump_groups
from analysis.overview import choose_period, quality_table, source_table
from analysis.plots import use_style
from analysis.plots.corpus import plot_document_counts, plot_documents_by_period, plot_text_lengths
from analysis.plots.time import plot_series
from analysis.report import display_path
from analysis.selection import select_documents
from analysis.timeseries import label_periods, time_series

warnings.simplefilter("ignore", UserWarning)
use_style()
STUDIED = ("JP", "KR", "US")  # win ties when small countries are pooled
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(path, columns=corpus_columns or None)
docs = select_documents(corpus, outlet_country=country, parameter="country")
scope = f"publisher country {country}" if country else "all publisher countries"
display(Markdown(f"**{len(docs)} documents** ({scope}; {len(corpus)} in `{display_path(path)}`)."))
show_analysed(docs, readable_documents(docs), measure="the language layer",
              caption="Documents read with English, Korean or Japanese rules, per language "
                      "(unanalysed: a language without rules, or no text)")  # fmt: skip
shown = lump_groups(docs, "outlet_country", top=top_groups, prefer=STUDIED)  # the rest pooled
dated = docs["published"].notna()
period = choose_period(docs["published"], requested=period)

# %% [markdown]
# ## What needs a second look
#
# Every later report leaves some documents out or reads them differently: undated texts
# have no place on a time axis, non-English texts are read with their own language's
# rules, markup is shown as text, duplicates are counted once, extraction-suspect pages
# may have lost their body, and excerpts hold only an article's opening.

# %%
quality = quality_table(docs)
show_table(quality, caption="Documents that need care, and what each count means")
counted = quality.dropna(subset=["n_docs"])
show_finding(
    "Of " + f"{len(docs)} documents: "
    + "; ".join(f"{int(n)} {check}" for check, n in counted[["check", "n_docs"]].to_numpy())
    + "."
)

# %% [markdown]
# `docs_share` is the share of all documents in the table's scope. A check a corpus's
# reader does not record (e.g. extraction-suspect for a JSONL file written by hand) shows
# `NA`, not 0.

# %% [markdown]
# ## Where the documents came from

# %%
show_table(source_table(docs), caption="Documents per source file")
show_table(source_table(docs, by="domain"), caption="Documents per web domain of their URL")

# %% [markdown]
# A source file is the file the loader read (a JSONL, CSV or Parquet file, or one saved
# page); the domain is that of each document's `url`. A domain holding most documents
# means the corpus mostly speaks with that publisher's voice.

# %% [markdown]
# ## Who published the documents

# %%
by_country = docs["outlet_country"].astype("string").fillna("NA").value_counts()
show_finding(counts_finding(by_country, what="publisher country"))
table = shown["outlet_country"].fillna("NA").value_counts().rename("n_docs").reset_index()
table = table.sort_values("outlet_country", key=lambda c: c.map(is_other_label), kind="stable")
show_table(
    table.assign(docs_share=lambda t: t["n_docs"] / len(docs)),
    caption=f"Documents per publisher country (the {top_groups} largest; the rest pooled)",
)
plot_document_counts(shown, by="outlet_country", top=top_groups + 1)
plt.show()

# %% [markdown]
# Each bar is the number of documents whose publisher is based in that country
# (`outlet_country`), in the country's colour used in every report; `INTL` are
# international organisations or encyclopedias, and "other (k groups, n docs)" pools the
# smaller countries (parameter `top_groups`). A country with few documents gives wide
# intervals, or none, in the comparison reports.

# %%
plot_document_counts(shown, by="outlet", top=top_outlets)
plt.show()

# %% [markdown]
# Outlets, largest first, coloured by the outlet's country. When one outlet holds
# most of a country's documents, "the country's tone" is mostly that outlet's tone.

# %%
kinds = shown.groupby(["kind", "outlet_country"], dropna=False).size().unstack(fill_value=0)
show_table(kinds.assign(total=kinds.sum(axis=1)), caption="Documents per kind and country")

# %% [markdown]
# Kinds of source as the corpus labels them: in the sample, `news` (journalism),
# `statement` and `official_readout` (governments speaking for themselves) and
# `encyclopedia`. Read tone comparisons between countries against this table: official
# readouts are polite by design.

# %% [markdown]
# ## When

# %%
if dated.sum() == 0:
    show_limit(cannot_show("no time axis", f"none of the {len(docs)} documents has a date"))
else:
    plot_documents_by_period(shown, period=period)
    plt.show()

# %% [markdown]
# Documents per period (`period`: with `auto`, months for a corpus spanning up to two
# years, quarters up to twelve), stacked by publisher country. Empty periods are gaps in
# the corpus, not quiet periods in the relationship.

# %%
if dated.sum() > 0:
    attention = time_series(shown, by="outlet_country", period=period)
    plot_series(attention, events=load_events(), ylabel="documents", bands=False)
    plt.show()
    show_finding(series_finding(attention, measure="documents"))
    counts = label_periods(attention).pivot_table(
        index="period", columns="group", values="n", aggfunc="sum"
    )
    show_table(
        counts.reset_index(),
        caption=f"Documents per {period} and publisher country",
        max_rows=60,
    )
else:
    show_limit(cannot_show("no coverage over time", "no document is dated"))

# %% [markdown]
# Coverage over time: documents per period and publisher country (with more than six
# countries, one small panel each); dashed lines mark the key events of
# `data/codebooks/events.yaml`. Peaks around events are expected in a corpus collected
# around events; they say how the corpus was built, not how much attention each side paid.

# %% [markdown]
# ## How long and how complete

# %%
plot_text_lengths(shown, by="outlet_country")
plt.show()
completeness = shown.groupby("outlet_country").agg(
    n_docs=("doc_id", "size"),
    complete_share=("text_complete", "mean"),
    median_chars=("n_chars", "median"),
).round({"median_chars": 0})
show_table(completeness, caption="Completeness and median length per publisher country")

# %% [markdown]
# Text length in characters per publisher country: the box spans the middle half,
# the line is the median, each point is a document; hollow points are leading excerpts
# (`text_complete` false), whose length says nothing about the article.
# `complete_share` is the share of documents with the full text (NA where the corpus does
# not say); sentence-level results from excerpts cover the opening of an article only.

# %%
columns = ["published", "outlet_country", "outlet", "kind", "language", "title", "n_chars"]
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
if len(duplicates):
    show_finding(
        f"{len(duplicates)} of {len(docs)} documents are copies of "
        f"{duplicates['duplicate_of'].nunique()} earlier document(s); the tone, frame and "
        "voice reports count each story once."
    )
    show_table(
        duplicates[["doc_id", "duplicate_of", "duplicate_similarity", "outlet", "title"]],
        caption="Documents flagged as exact or near copies of an earlier document",
    )
else:
    show_limit(cannot_show("no duplicate table", f"none of the {len(docs)} documents is a copy"))

# %% [markdown]
# A duplicate is an exact or near copy (wire copy, repost) of an earlier document,
# named in `duplicate_of`; `duplicate_similarity` is the estimated share of shared
# five-word sequences (1.0: identical). Duplicates are flagged, never dropped silently.
