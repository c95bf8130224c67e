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
# # Tone by publisher country
#
# **Question:** is the tone of texts on Korea–Japan relations warmer or colder
# depending on which country published them, how has it moved over time, and which
# sentences and words drive the scores?
#
# Tone is measured by default with **`tone`** (-1..1, 0 neutral; per document the
# mean over its sentences): a linear model on multilingual sentence embeddings,
# trained on human-coded sentences, with names of institutions, places, parties and
# agreements masked first, so it reads English, Korean and Japanese alike. The two
# dictionary tools are beside it, for English only: **VADER** compound and
# **TextBlob** polarity (`score` picks the measure compared). The validity card
# below says how well the measure agrees with human coders on held-out data in each
# language of this corpus: read *differences between groups*, always with their
# confidence intervals, and check the sentences behind them before trusting a number.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
score: str = "tone"  # tone measure compared: tone (en, ko, ja), vader_compound or textblob_polarity
tone_model: str = ""  # tone model file (python -m analysis tone train); empty: the shipped model
kind: str = ""  # only this kind of document (news, statement, official_readout, ...); empty: all
exclude_duplicates: bool = True  # leave out documents flagged as copies of an earlier one
period: str = "quarter"  # bins of the tone-over-time plot: month, quarter or year
n_extreme: int = 5  # sentences in each of the most positive / most negative lists
min_n: int = 5  # groups with fewer scored documents are flagged as too small

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.compare import compare_groups
from analysis.corpus import load_corpus
from analysis.display import show_table
from analysis.events import load_events
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.sentiment import plot_sentiment_distribution, plot_textblob_vs_vader
from analysis.plots.time import plot_over_time
from analysis.report import display_path
from analysis.sentiment import extreme_sentences, score_documents_and_sentences, sentiment_agreement
from analysis.sentiment.card import validity_card
from analysis.timeseries import time_series

warnings.simplefilter("ignore", UserWarning)  # small groups are flagged in the tables instead
use_style()
SCORE_LABEL = {"tone": "tone", "vader_compound": "VADER compound", "textblob_polarity": "TextBlob polarity"}
if score not in SCORE_LABEL:
    raise ValueError(f"parameter 'score' must be one of {list(SCORE_LABEL)}, got {score!r}")
label = f"mean {SCORE_LABEL[score]} (-1..1)"
drivers = {"tone": "tone_drivers", "vader_compound": "vader_drivers"}.get(score, "textblob_drivers")
model = tone_model or None  # None: the shipped tone model

# %%
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(
    path, columns=corpus_columns or None, exclude_duplicates=exclude_duplicates
)
docs = corpus[corpus["kind"] == kind] if kind else corpus
doc_scores, sentences = score_documents_and_sentences(docs, tone_model=model)
meta = docs[["doc_id", "outlet_country", "outlet", "kind", "published"]]
tone = meta.merge(doc_scores, on="doc_id", how="left")
sentences = sentences.merge(meta[["doc_id", "outlet_country"]], on="doc_id", how="left")
n_scored = int(tone["is_scored"].sum())
display(
    Markdown(
        f"**{len(docs)} documents**{f' of kind {kind}' if kind else ''} from "
        f"`{display_path(path)}`{' (duplicates excluded)' if exclude_duplicates else ''}: "
        f"{n_scored} scored, {len(docs) - n_scored} not scored (no engine reads their "
        f"language, or no text); {int(sentences[score].notna().sum())} sentences scored by "
        f"{SCORE_LABEL[score]}."
    )
)

# %% [markdown]
# ## What the measure rests on: the validity card

# %%
card = validity_card(sentences, measure=score, tone_model=model)
show_table(card, caption=f"Validity card: {SCORE_LABEL[score]}, per language of this corpus")

# %% [markdown]
# One row per language of the scored sentences and per agreement figure. `dataset`,
# `split` and `figure` say how the measure was checked against human coders:
# `test` is a held-out split nothing was fitted or tuned on; a model trained with
# `tone train` shows its own cross-validated figures. `value` is the agreement with
# its 95% bootstrap interval and `n_coded` the coded units behind it. `zero_share`
# is the share of this corpus's sentences the measure scored exactly 0 (a dictionary
# finds no word it knows; tone is almost never exactly 0), and the `r_*` columns how
# far the three tools agree with each other here (NaN where a tool does not read the
# language). A language without a held-out figure has not been checked: read its
# numbers as unvalidated.

# %% [markdown]
# ## Tone by publisher country

# %%
countries = sorted(corpus["outlet_country"].dropna().unique())  # every country of the corpus
comparison = compare_groups(tone, value=score, by="outlet_country", groups=countries, min_n=min_n)
groups = comparison[comparison["other"].isna()]
empty = groups.loc[groups["n"] == 0, "group"].tolist()
small = groups.loc[groups["n"].between(1, min_n - 1), "group"].tolist()
scope = f"of kind {kind}" if kind else "in this corpus"
notes = [f"No scored documents {scope} from **{', '.join(empty)}**." if empty else ""]
notes.append(f"Fewer than {min_n} scored documents from **{', '.join(small)}**: "
             "their means and comparisons are too uncertain to read." if small else "")
display(Markdown(" ".join(n for n in notes if n) or f"Every country has at least {min_n} scored documents."))
show_table(
    groups[["group", "n", "mean", "median", "ci_low", "ci_high", "warning"]],
    caption=f"{SCORE_LABEL[score]} per document, by publisher country (95% bootstrap CI)",
)
plot_group_means(comparison, xlabel=label)
plt.show()

# %% [markdown]
# Each point is a country's mean document tone and the bar its 95% bootstrap
# confidence interval (seeded, so the same corpus gives the same interval). Where
# two intervals overlap widely the data do not separate the two countries; a
# `warning` marks groups too small to say anything.

# %%
pairs = comparison[comparison["other"].notna() & (comparison["n"] > 0) & (comparison["n_other"] > 0)]
tests = ["p_value", "p_holm", "cohens_d", "cliffs_delta"]
pairs = pairs.assign(**{c: pairs[c].where(pairs["warning"] == "") for c in tests})  # blank when flagged
show_table(
    pairs[["group", "other", "n", "n_other", "diff", "diff_ci_low", "diff_ci_high", *tests, "warning"]],
    caption="Pairwise differences in mean tone (group minus other); pairs with an empty group left out",
)

# %% [markdown]
# `diff` is the difference in mean tone with its bootstrap interval; `p_value` comes
# from a permutation test and `p_holm` is the same p adjusted (Holm) for the number of
# pairs compared here — with many pairs, read `p_holm`. `cohens_d` and `cliffs_delta`
# are effect sizes (Cliff's delta: the probability that a document of `group` scores
# higher than one of `other`, minus the reverse). Where a group has fewer than
# `min_n` documents the row carries a `warning` and its p-values and effect sizes are
# left blank (NA): with two or three documents a "significant" p or a large d says
# nothing about the countries. Its `diff` and (wide) interval are still shown.

# %% [markdown]
# ## Distributions

# %%
plot_sentiment_distribution(tone, score=score, by="outlet_country")
plt.show()

# %% [markdown]
# Every document's score, by publisher country: the box spans the middle half, the
# line is the median. A mean can hide a split between warm readouts and cold news.

# %%
plot_sentiment_distribution(sentences, score=["tone", "textblob_polarity", "vader_compound"])
plt.show()

# %% [markdown]
# Sentence scores of the three measures. A pile of points at exactly 0 is sentences
# in which a dictionary tool found no sentiment word at all; their share is in the
# validity card above and the agreement table below.

# %% [markdown]
# ## Tone over time

# %%
series = time_series(tone, value=score, by="outlet_country", period=period)
plot_over_time(series, events=load_events(), ylabel=label)
plt.show()

# %% [markdown]
# Mean document tone per period and publisher country with 95% bootstrap bands;
# dashed lines are the key events. Periods with one document have no band, periods
# with none are gaps: in a small corpus a single readout can move a point a lot.

# %% [markdown]
# ## The sentences behind the scores

# %%
extreme = extreme_sentences(sentences, n=n_extreme, by=score, tone_model=model)
show_table(
    extreme[["direction", "rank", score, "sentence", drivers, "outlet_country", "doc_id"]],
    caption=f"Most positive and most negative sentences by {SCORE_LABEL[score]}, with driver words",
    max_rows=2 * n_extreme,
)

# %% [markdown]
# The driver words are what the measure reacted to, with their weights (tone: how
# much the sentence's tone drops or rises when the word is left out; VADER: -4..+4
# after its rules for boosters, negation and "but"; TextBlob: -1..1). A sentence
# that is "negative" because of *"threat"* in *"to counter the North Korean
# threat"* says little about Korea–Japan tone; this is where to check.

# %% [markdown]
# ## Do the two tools agree?

# %%
agreement = pd.concat(
    [sentiment_agreement(sentences).assign(outlet_country="all")]
    + [sentiment_agreement(part).assign(outlet_country=c) for c, part in sentences.groupby("outlet_country")]
)
show_table(
    agreement.set_index("outlet_country"),
    caption="TextBlob–VADER agreement on the same sentences",
)
plot_textblob_vs_vader(sentences, by="outlet_country")
plt.show()

# %% [markdown]
# `pearson_r`/`spearman_r`: correlation of the two tools' sentence scores;
# `sign_agreement_share`: share of sentences both call positive, both negative or
# both neutral (VADER neutral within ±0.05); `textblob_zero_share` and
# `vader_zero_share`: share of sentences each tool scores exactly 0 (no sentiment
# word found). In the scatter (one colour per publisher country), points on the
# axes are those zeros. Low agreement
# means the tone reported above depends on the tool: compare with
# `score: textblob_polarity`.
