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
# # Profile of one country or outlet
#
# **Question:** how does one group of publishers -- a country's government and media, or
# a single outlet -- cover Korea-Japan relations compared with the rest of the corpus?
# Its documents, the attention it gives over time, its tone, its frames, the voices it
# carries and the words it chooses for contested things.
#
# Each comparison is "this group vs everyone else", with 95 % intervals (seeded
# bootstrap for tone; Wilson and Newcombe score intervals for shares of documents),
# permutation-test p-values and effect sizes. A side with fewer than `min_n`
# documents is flagged "too small to say anything".

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
group_by: str = (
    "outlet_country"  # corpus column that defines the groups (outlet_country, outlet, kind)
)
group: str = "KR"  # the group profiled, a value of group_by (e.g. KR, JP, US, "MOFA Japan")
tone: str = (
    "vader_compound"  # tone measure: vader_compound, textblob_polarity or textblob_subjectivity
)
codebook: str = "kj_frames"  # frame codebook (data/codebooks) for frame shares
period: str = "quarter"  # time-series period: week, month, quarter or year
min_n: int = 5  # sides with fewer documents are flagged "too small to say anything"

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.compare import compare_groups, format_interval, holm_adjust
from analysis.corpus import load_corpus
from analysis.display import show_table
from analysis.events import load_events
from analysis.framing import code_frames
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.time import plot_over_time
from analysis.sentiment import score_sentiment
from analysis.terms import count_term_variants
from analysis.timeseries import time_series
from analysis.voices import find_voices, voices_by_country

warnings.simplefilter("ignore", UserWarning)  # small groups are reported in the tables instead
use_style()
path = corpus_path or config.SAMPLE_CORPUS
events = load_events()
rest = "rest of corpus"
tone_label = {
    "vader_compound": "mean VADER compound (-1..1)",
    "textblob_polarity": "mean TextBlob polarity (-1..1)",
    "textblob_subjectivity": "mean TextBlob subjectivity (0..1)",
}[tone]

# %%
docs = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
if group not in set(docs[group_by].dropna().astype(str)):
    raise ValueError(
        f"group {group!r} not in column {group_by!r}: {sorted(docs[group_by].dropna().unique())}"
    )
docs = docs.assign(
    profile=docs[group_by].astype("string").eq(group).fillna(False).map({True: group, False: rest})
)
measures = docs[["doc_id", "published", "outlet", "kind", "profile", "title"]].merge(
    score_sentiment(docs), on="doc_id", how="left"
)
mine = measures.loc[measures["profile"] == group]
display(
    Markdown(
        f"**{group}** ({group_by}): **{len(mine)}** of {len(docs)} documents (duplicates removed), "
        f"from {mine['outlet'].nunique()} outlet(s); "
        f"{int(mine['published'].isna().sum())} undated; "
        f"{int((~mine['is_scored'].astype(bool)).sum())} not scored for tone (not English)."
    )
)

# %% [markdown]
# ## The documents

# %%
show_table(
    mine.sort_values("published")[["published", "outlet", "kind", "language", "title"]].reset_index(
        drop=True
    ),
    caption=f"Documents of {group}",
    max_rows=60,
)

# %% [markdown]
# Every document of the group by date (undated ones last). Titles are shown as published.

# %% [markdown]
# ## Attention over time

# %%
attention = time_series(measures, by="profile", period=period)
ax = plot_over_time(
    attention,
    events=events,
    ylabel=f"documents per {period}",
    title=f"Attention: {group} vs the rest",
    bands=False,
)
plt.show()

# %% [markdown]
# Documents per period for the group (in its country colour) and for the rest of the
# corpus (grey); dashed lines mark the key events. Periods without documents are drawn
# at zero. In a hand-built corpus, counts show what was collected as much as what was
# published.

# %% [markdown]
# ## Tone

# %%
tone_table = compare_groups(measures, value=tone, by="profile", reference=rest, min_n=min_n)
show_table(
    tone_table[
        [
            "group",
            "other",
            "n",
            "n_other",
            "mean",
            "median",
            "ci_low",
            "ci_high",
            "diff",
            "diff_ci_low",
            "diff_ci_high",
            "p_value",
            "cohens_d",
            "cliffs_delta",
            "warning",
        ]
    ],
    caption=f"{tone}: {group} vs the rest of the corpus",
)

# %% [markdown]
# First the mean (and median) tone of the group and of the rest with 95 % bootstrap
# intervals, then the difference (`diff` = group minus rest) with its interval,
# permutation p-value, Cohen's d and Cliff's delta. Only English texts are scored.
# Dictionary tone agrees poorly with human coders on news (van Atteveldt et al. 2021):
# read the difference, not the level.

# %%
ax = plot_group_means(tone_table, xlabel=tone_label, title=f"Tone: {group} vs the rest")
plt.show()

# %% [markdown]
# Points are means, bars their 95 % intervals; a hollow point and a red `n` mark a side
# too small to say anything.

# %%
tone_ts = time_series(measures, value=tone, by="profile", period=period)
ax = plot_over_time(
    tone_ts, events=events, ylabel=tone_label, title=f"Tone over time: {group} vs the rest"
)
plt.show()

# %% [markdown]
# Mean tone per period with 95 % bootstrap intervals (bars and bands); no interval where a
# period holds one document, a gap where it holds none.

# %%
by_outlet = compare_groups(mine, value=tone, by="outlet", min_n=min_n)
show_table(
    by_outlet.loc[
        by_outlet["other"].isna(), ["group", "n", "mean", "ci_low", "ci_high", "warning"]
    ].rename(columns={"group": "outlet"}),
    caption=f"{tone} by outlet within {group}",
)

# %% [markdown]
# The group's tone outlet by outlet: a group average can hide outlets that differ.

# %% [markdown]
# ## Frames

# %%
coded = code_frames(docs, codebook).merge(docs[["doc_id", "profile"]], on="doc_id")
frame_table = pd.concat(
    [
        compare_groups(part, value="present", by="profile", reference=rest, min_n=min_n).assign(
            frame=name
        )
        for name, part in coded.groupby("frame", sort=True)
    ],
    ignore_index=True,
)
per_side = frame_table.loc[frame_table["other"].isna()]
per_side = per_side.assign(
    cell=[
        format_interval(m, lo, hi)
        for m, lo, hi in per_side[["mean", "ci_low", "ci_high"]].to_numpy(dtype=float)
    ]
)
shares = per_side.pivot(index="frame", columns="group", values="cell")[[group, rest]]
shares.columns = [f"{side} share [95 % CI]" for side in shares.columns]
diffs = frame_table.loc[frame_table["other"].notna()].set_index("frame")
diffs = diffs.assign(p_holm=holm_adjust(diffs["p_value"]))  # over all frames
diff_columns = ["diff", "diff_ci_low", "diff_ci_high", "p_value", "p_holm", "ci_method", "warning"]
show_table(
    shares.join(diffs[diff_columns]).reset_index(),
    caption=f"Share of documents with each frame ({codebook}): {group} vs the rest",
)

# %% [markdown]
# For each frame, the share of the group's documents in which the codebook finds it and
# the share in the rest of the corpus, each with its 95 % Wilson score interval, then
# the difference in shares (0.2 = 20 percentage points more in the group) with its 95 %
# Newcombe interval (`ci_method`; both stay honest at 0 % and 100 %, where a bootstrap
# collapses to a point) and permutation p-value;
# `p_holm` is the p-value adjusted for testing every frame at once (Holm).

# %% [markdown]
# ## Voices

# %%
voices = find_voices(docs)
voice_table = voices_by_country(voices, docs, by="profile")
show_table(
    voice_table,
    caption="Whose voices each side carries (actor country of quoted or credited actors)",
)

# %% [markdown]
# Of all actors the group's texts quote or credit ("X said", "according to X"), the share
# from each country (`voice_share`), next to the same shares in the rest of the corpus.

# %% [markdown]
# ## Contested terms

# %%
variants = count_term_variants(docs, by="profile")
named = variants.groupby("referent")["n_mentions"].transform("sum") > 0
term_table = variants.loc[named].pivot(  # a variant has one row per side (sides per language)
    index=["referent", "variant", "side"], columns="profile", values="variant_share"
)
show_table(
    term_table.reset_index(),
    caption=f"Share of each variant within its referent's mentions: {group} vs the rest",
    max_rows=40,
)

# %% [markdown]
# Which wording the group uses for disputed things (e.g. "former civilian workers from
# the Korean Peninsula" vs "forced labour"), as a share of its mentions of the referent;
# an empty cell means the side never names that referent. Mentions within one text are
# not independent, so no interval is given.
