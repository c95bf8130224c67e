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
# Each section ends with its finding in words, computed from the table above it, or
# says what it cannot show and why.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
score: str = "tone"  # tone measure compared: tone (en, ko, ja), vader_compound or textblob_polarity
tone_model: str = ""  # tone model file (python -m analysis tone train); empty: the shipped model
engines: str = "tone,textblob,vader"  # measures computed (comma-separated); must include score's
kind: str = ""  # only this kind of document (news, statement, official_readout, ...); empty: all
group_by: str = "outlet_country"  # corpus column that defines the groups compared
exclude_duplicates: bool = True  # leave out documents flagged as copies of an earlier one
period: str = "auto"  # bins of the tone-over-time plot: week, month, quarter, year or auto
n_extreme: int = 5  # sentences in each of the most positive / most negative lists
min_n: int = 5  # fewer scored documents: no interval, p-value or effect size
top_groups: int = 8  # groups shown by name; the rest pooled as "other (k groups, n docs)"

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.compare import compare_groups
from analysis.corpus import load_corpus
from analysis.analysed import show_analysed
from analysis.display import show_finding, show_limit, show_policy, show_table
from analysis.events import load_events
from analysis.findings import cannot_show, comparison_finding, interval_table, series_finding
from analysis.groups import lump_groups
from analysis.overview import choose_period
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.sentiment import plot_sentiment_distribution, plot_textblob_vs_vader
from analysis.plots.time import plot_series
from analysis.report import display_path
from analysis.report.measures import ENGINE, show_validity_card
from analysis.sample_policy import apply_min_n, policy_note
from analysis.selection import select_documents
from analysis.sentiment import extreme_sentences, score_documents_and_sentences, sentiment_agreement
from analysis.timeseries import label_periods, time_series

warnings.simplefilter("ignore", UserWarning)  # small groups are flagged in the tables instead
use_style()
SCORE_LABEL = {"tone": "tone", "vader_compound": "VADER compound", "textblob_polarity": "TextBlob polarity"}
if score not in SCORE_LABEL:
    raise ValueError(f"parameter 'score' must be one of {list(SCORE_LABEL)}, got {score!r}")
computed = [e.strip() for e in engines.split(",") if e.strip()]
if ENGINE[score] not in computed:
    raise ValueError(f"parameter 'engines' ({engines!r}) must include {ENGINE[score]!r} for score {score!r}")
measure = SCORE_LABEL[score]
label = f"mean {measure} (-1..1)"
drivers = {"tone": "tone_drivers", "vader_compound": "vader_drivers"}.get(score, "textblob_drivers")
model = tone_model or None  # None: the shipped tone model

# %%
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=exclude_duplicates)
docs = select_documents(corpus, kind=kind)  # a kind no document has: an error naming those that exist
doc_scores, sentences = score_documents_and_sentences(docs, engines=computed, tone_model=model)
meta = lump_groups(docs[["doc_id", group_by, "outlet", "kind", "published"]], group_by,
                   top=top_groups, prefer=("JP", "KR", "US"))  # fmt: skip
tone = meta.merge(doc_scores, on="doc_id", how="left")
sentences = sentences.merge(meta[["doc_id", group_by]], on="doc_id", how="left")
scored = tone.dropna(subset=[score])
period = choose_period(docs["published"], requested=period)
display(
    Markdown(
        f"**{len(docs)} documents**{f' of kind {kind}' if kind else ''} from "
        f"`{display_path(path)}`{' (duplicates excluded)' if exclude_duplicates else ''}: "
        f"{len(scored)} with a {measure} score, {len(docs) - len(scored)} without one (the "
        f"measure does not read their language, or no text); "
        f"{int(sentences[score].notna().sum())} sentences scored by {measure}."
    )
)
show_analysed(docs, scored["doc_id"], measure=measure)
show_policy(policy_note(min_n))

# %% [markdown]
# ## What the measure rests on: the validity card

# %%
show_validity_card(sentences, measure=score, tone_model=model)

# %% [markdown]
# One row per language of the scored sentences and per agreement figure. `dataset`,
# `split` and `figure` say how the measure was checked against human coders:
# `test` is a held-out split nothing was fitted or tuned on; a model trained with
# `tone train` shows its own cross-validated figures. `value` is the agreement with
# its 95% bootstrap interval (`pearson_r`: correlation with the coders' scores; `auc`:
# the chance a coder-positive sentence scores above a coder-negative one;
# `accuracy_3class`: share of sentences put in the coders' class, negative, neutral or
# positive) and `n_coded` the coded units behind it. `zero_share` is the share of this
# corpus's sentences the measure scored exactly 0 (a dictionary finds no word it
# knows; tone is almost never exactly 0), and the `r_*` columns how far the three
# tools agree with each other here (left out where a tool does not read the language).
# A language without a held-out figure has not been checked: read its numbers as
# unvalidated.

# %% [markdown]
# ## Tone by group

# %%
if len(scored):
    comparison = apply_min_n(compare_groups(scored, value=score, by=group_by, min_n=min_n),
                             min_n=min_n)  # fmt: skip
    groups = comparison[comparison["other"].isna()]
    show_table(
        interval_table(groups[["group", "n", "mean", "ci_low", "ci_high", "median", "warning"]]),
        caption=f"{measure} per document, by {group_by} (95% Student t interval)",
    )
    show_finding(comparison_finding(comparison, measure=measure, min_n=min_n))
    plot_group_means(comparison, xlabel=label, title=f"{measure} by {group_by}")
    plt.show()
    unscored = sorted(set(meta[group_by].dropna().astype(str)) - set(groups["group"].astype(str)))
    if unscored:
        show_limit(cannot_show(f"no {measure} for {', '.join(unscored)}",
                               f"none of their documents is in a language {measure} reads"))  # fmt: skip
else:
    show_limit(cannot_show(f"no {measure} by {group_by}",
                           f"none of the {len(docs)} documents has a {measure} score"))  # fmt: skip

# %% [markdown]
# Each point is a group's mean document tone and the bar its 95% interval. Where two
# intervals overlap widely the data do not separate the two groups; a hollow point and a
# red `n` mark a group too small to say anything. Groups beyond the `top_groups` largest
# are pooled as one "other" group.

# %%
pairs = comparison[comparison["other"].notna()] if len(scored) else pd.DataFrame()
if len(pairs):
    show_table(
        interval_table(pairs[["group", "other", "n", "n_other", "diff", "diff_ci_low",
                              "diff_ci_high", "p_value", "p_holm", "cohens_d", "cliffs_delta",
                              "warning"]]),
        caption=f"Pairwise differences in mean {measure} (group minus other)",
        max_rows=40,
    )  # fmt: skip
else:
    show_limit(cannot_show("no pairwise differences",
                           f"fewer than two groups of {group_by} have a {measure} score"))  # fmt: skip

# %% [markdown]
# `diff` is the difference in mean tone with its 95% Welch interval; `p_value` comes
# from a permutation test (the chance of a difference at least this large if the group
# made no difference) and `p_holm` is the same p adjusted (Holm) for exactly the pairs
# in this table: with many pairs, read `p_holm`. `cohens_d` (the difference in standard
# deviations) and `cliffs_delta` (from -1 to 1: how often a document of `group` scores
# higher than one of `other`, minus the reverse) are effect sizes. NA cells are below
# the small-sample rule: with two or three documents a "significant" p or a large d
# says nothing about the groups.

# %% [markdown]
# ## Distributions

# %%
if len(scored):
    plot_sentiment_distribution(scored, score=score, by=group_by)
    plt.show()
    tools = [c for c in ("tone", "textblob_polarity", "vader_compound") if c in sentences.columns]
    plot_sentiment_distribution(sentences, score=tools)
    plt.show()
else:
    show_limit(cannot_show("no distributions", f"no document has a {measure} score"))

# %% [markdown]
# First every document's score by group: the box spans the middle half, the line is the
# median; a mean can hide a split between warm readouts and cold news. Then the sentence
# scores of each measure computed: a pile of points at exactly 0 is sentences in which a
# dictionary tool found no sentiment word at all (their share is in the validity card).

# %% [markdown]
# ## Tone over time

# %%
dated = scored.dropna(subset=["published"])
if len(dated):
    series = apply_min_n(time_series(dated, value=score, by=group_by, period=period),
                         min_n=min_n)  # fmt: skip
    plot_series(series, events=load_events(), ylabel=label, title=f"{measure} per {period}")
    plt.show()
    show_finding(series_finding(series, measure=f"mean {measure}", min_n=min_n))
    show_table(
        interval_table(label_periods(series)[["period", "group", "n", "value", "ci_low",
                                              "ci_high"]]).query("n > 0"),
        caption=f"Mean {measure} per {period} (no interval below {min_n} documents)",
        max_rows=60,
    )  # fmt: skip
else:
    why = "no document has a publication date" if docs["published"].isna().all() else (
        f"no dated document has a {measure} score")  # fmt: skip
    show_limit(cannot_show(f"no {measure} over time", why))

# %% [markdown]
# Mean document tone per period and group; bands and bars are 95 % intervals, drawn only
# where a period holds at least `min_n` documents; gaps where a period holds none; dashed
# lines are the key events. With many groups each gets its own panel. In a small corpus
# a single readout can move a point a lot.

# %% [markdown]
# ## The sentences behind the scores

# %%
if sentences[score].notna().any():
    extreme = extreme_sentences(sentences, n=n_extreme, by=score, tone_model=model)
    show_table(
        extreme[["direction", "rank", score, "sentence", drivers, group_by, "doc_id"]],
        caption=f"Most positive and most negative sentences by {measure}, with driver words",
        max_rows=2 * n_extreme,
    )
else:
    show_limit(cannot_show("no extreme sentences", f"no sentence has a {measure} score"))

# %% [markdown]
# The driver words are what the measure reacted to, with their weights (tone: how
# much the sentence's tone drops or rises when the word is left out; VADER: -4..+4
# after its rules for boosters, negation and "but"; TextBlob: -1..1). A sentence
# that is "negative" because of *"threat"* in *"to counter the North Korean
# threat"* says little about Korea–Japan tone; this is where to check.

# %% [markdown]
# ## Do the two dictionary tools agree?

# %%
both = (sentences.dropna(subset=["textblob_polarity", "vader_compound"])
        if {"textblob_polarity", "vader_compound"} <= set(sentences.columns) else pd.DataFrame())  # fmt: skip
if len(both) >= 3:
    agreement = pd.concat(
        [sentiment_agreement(both).assign(group="all")]
        + [sentiment_agreement(part).assign(group=g) for g, part in both.groupby(group_by)]
    )
    show_table(agreement.set_index("group"), caption="TextBlob–VADER agreement on the same sentences")
    overall = agreement.iloc[0]
    show_finding(
        f"On the {int(overall['n'])} English sentences both tools score, their Pearson r is "
        f"{overall['pearson_r']:.3f} and they agree on the sign of {overall['sign_agreement_share']:.3f} "
        f"of them; TextBlob scores {overall['textblob_zero_share']:.3f} and VADER "
        f"{overall['vader_zero_share']:.3f} of them exactly 0."
    )
    plot_textblob_vs_vader(both, by=group_by)
    plt.show()
else:
    why = (f"{len(both)} sentences have both a TextBlob and a VADER score (English text, both "
           "tools computed); a correlation needs at least 3")  # fmt: skip
    show_limit(cannot_show("no TextBlob–VADER agreement", why))

# %% [markdown]
# `pearson_r`/`spearman_r`: correlation of the two tools' sentence scores;
# `sign_agreement_share`: share of sentences both call positive, both negative or
# both neutral (VADER neutral within ±0.05); `textblob_zero_share` and
# `vader_zero_share`: share of sentences each tool scores exactly 0 (no sentiment
# word found). In the scatter (one colour per group), points on the axes are those
# zeros. Low agreement means a dictionary tone depends on the tool: compare with
# `score: textblob_polarity`.
