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
# # Before and after an event
#
# **Question:** did the coverage change around a key event of Korea-Japan relations --
# its tone, the attention it got, the frames it used -- and did it change in the same
# way for every group of publishers (by default, the publisher's country)?
#
# Every number comes with its uncertainty: a 95 % bootstrap interval (seeded, so a
# rerun gives the same numbers), a permutation-test p-value and an effect size. A
# group with fewer than five documents on one side of the event is flagged "too small
# to say anything": read its numbers as a description of those few texts, not as
# evidence of a change.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
event: str = (
    "2023-03-06-compensation-plan"  # event id from data/codebooks/events.yaml, or a date YYYY-MM-DD
)
window_days: int = 365  # days on each side of the event; the event day counts as "after"
group_by: str = "outlet_country"  # corpus column whose groups are compared
tone: str = (
    "vader_compound"  # tone measure: vader_compound, textblob_polarity or textblob_subjectivity
)
codebook: str = "kj_frames"  # frame codebook (data/codebooks) for frame shares
min_n: int = 5  # groups with fewer documents on a side are flagged "too small to say anything"

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.compare import holm_adjust
from analysis.corpus import load_corpus
from analysis.display import show_table
from analysis.events import compare_event_window, event_window, load_events, resolve_event
from analysis.framing import code_frames
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.time import plot_over_time
from analysis.sentiment import score_sentiment
from analysis.terms import count_term_variants
from analysis.timeseries import time_series

warnings.simplefilter("ignore", UserWarning)  # small groups are reported in the tables instead
use_style()
path = corpus_path or config.SAMPLE_CORPUS
events = load_events()
event_id, event_date, event_label = resolve_event(event, events=events)
span = {"before": window_days, "after": window_days}
first_day = event_date - pd.Timedelta(days=window_days)
last_day = event_date + pd.Timedelta(days=window_days - 1)
bounds = {"start": first_day, "end": last_day}  # time axes cover the whole window
period = "week" if window_days <= 120 else "month"
tone_label = {
    "vader_compound": "mean VADER compound (-1..1)",
    "textblob_polarity": "mean TextBlob polarity (-1..1)",
    "textblob_subjectivity": "mean TextBlob subjectivity (0..1)",
}[tone]

# %%
docs = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
scores = score_sentiment(docs)
columns = list(dict.fromkeys(["doc_id", "published", "outlet", group_by, "kind", "title"]))
measures = docs[columns].merge(scores, on="doc_id", how="left")
inside = event_window(measures, event_date, **span)
display(
    Markdown(
        f"**Event:** {event_label} ({event_date:%Y-%m-%d}). **Window:** {window_days} days on "
        f"each side ({first_day:%Y-%m-%d} to {last_day:%Y-%m-%d}). "
        f"**Documents:** {len(docs)} in the corpus (duplicates removed), {len(inside)} inside the "
        f"window, {inside.attrs['n_outside']} outside it, {inside.attrs['n_undated']} without a "
        "date (left out)."
    )
)

# %% [markdown]
# ## Attention: how many documents on each side

# %%
attention = (
    inside.groupby([group_by, "window"], observed=False).size().unstack("window", fill_value=0)
)
show_table(attention.reset_index(), caption="Documents per group before and after the event")

# %% [markdown]
# Each row is a group, each column a side of the event (the event day is in "after").
# A count is the number of distinct documents; in a corpus built by hand, as the sample
# is, counts reflect what was collected as much as what was published.

# %%
monthly = time_series(inside, by=group_by, period=period, **bounds)
ax = plot_over_time(
    monthly,
    events=events,
    ylabel=f"documents per {period}",
    title="Attention around the event",
    bands=False,
)
ax.axvspan(event_date, event_date + pd.Timedelta(days=1), color="black", alpha=0.15)
plt.show()

# %% [markdown]
# Documents per period and group inside the window; dashed lines are the key events of
# `data/codebooks/events.yaml`, the grey strip is the event of this report. The axis
# spans the whole window; periods without documents are drawn at zero, not left out.

# %% [markdown]
# ## Tone before and after

# %%
tone_table = compare_event_window(
    measures, event_date, value=tone, by=group_by, min_n=min_n, **span
)
small = tone_table.loc[tone_table["other"].isna() & (tone_table["warning"] != "")]
show_table(
    tone_table[
        [
            "group",
            "window",
            "other",
            "n",
            "mean",
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
    caption=f"{tone}: before vs after, per group",
    max_rows=60,
)
display(
    Markdown(
        f"**{len(small)} of {int(tone_table['other'].isna().sum())}** group-and-side cells have "
        f"fewer than {min_n} scored documents: too small to say anything."
    )
)

# %% [markdown]
# Per group three rows: the mean tone before the event and after it, each with its 95 %
# bootstrap interval (`ci_low`..`ci_high`), and the change (`diff` = after minus before)
# with its interval, the permutation-test `p_value` (two-sided) and two effect sizes
# (Cohen's d in standard deviations; Cliff's delta from -1 to 1, the probability that an
# "after" text is more positive than a "before" one minus the reverse). An empty
# `p_value` means one side has fewer than two documents. A change whose interval
# includes 0 is not distinguishable from no change with these documents.

# %%
ax = plot_group_means(tone_table, xlabel=tone_label, title=f"Tone before and after: {event_label}")
plt.show()

# %% [markdown]
# Squares are "before", circles "after", bars the 95 % bootstrap intervals. Hollow
# markers and a red `n` mark groups too small to say anything. Non-English texts are
# not scored (they are not counted here).

# %%
weekly_tone = time_series(inside, value=tone, by=group_by, period=period, **bounds)
ax = plot_over_time(weekly_tone, events=events, ylabel=tone_label, title="Tone around the event")
ax.axvspan(event_date, event_date + pd.Timedelta(days=1), color="black", alpha=0.15)
plt.show()

# %% [markdown]
# Mean tone per period and group with its 95 % bootstrap band (no band where a period
# holds a single document; gaps where it holds none).

# %% [markdown]
# ## Frames before and after

# %%
coded = code_frames(docs[docs["doc_id"].isin(inside["doc_id"])], codebook)
framed = coded[["doc_id", "frame", "present"]].merge(inside[["doc_id", "published"]], on="doc_id")
by_frame = dict(list(framed.groupby("frame", sort=True))) or {"(no documents)": framed}
frame_table = pd.concat(
    [
        compare_event_window(part, event_date, value="present", min_n=min_n, **span).assign(
            frame=name
        )
        for name, part in by_frame.items()
    ],
    ignore_index=True,
)
changes = frame_table.loc[frame_table["other"].notna()]
changes = changes.assign(p_holm=holm_adjust(changes["p_value"]))  # over all frames
show_table(
    changes[
        [
            "frame",
            "n_other",
            "n",
            "diff",
            "diff_ci_low",
            "diff_ci_high",
            "p_value",
            "p_holm",
            "ci_method",
            "warning",
        ]
    ].rename(columns={"n_other": "n_before", "n": "n_after", "diff": "share_change"}),
    caption=f"Change in the share of documents using each frame ({codebook}), all groups",
    max_rows=40,
)

# %% [markdown]
# For each frame of the codebook: documents before (`n_before`) and after (`n_after`),
# the change in the share of documents in which the frame is present (`share_change`,
# e.g. 0.25 = 25 percentage points more after the event) with its 95 % Newcombe
# interval (a score interval for a difference of two shares, which stays honest at 0 %
# and 100 %, where a bootstrap collapses to a point) and permutation p-value; `p_holm`
# adjusts the p-values for testing every frame at once (Holm), so read it when looking
# for "any frame that changed". Frames are found by the
# codebook's terms, so a share is the share of documents using that vocabulary, not a
# coder's judgement.

# %%
shares = frame_table.loc[
    frame_table["other"].isna(),
    ["frame", "window", "n", "mean", "ci_low", "ci_high", "ci_method"],
]
show_table(
    shares.rename(columns={"mean": "share"}),
    caption="Share of documents with each frame, per side",
    max_rows=40,
)

# %% [markdown]
# The same shares side by side: `share` is the fraction of the side's documents in which
# the frame appears, with its 95 % Wilson score interval (0 of 5 documents gives
# 0 to 0.43, not 0 to 0: five texts without a frame do not prove it is never used).

# %% [markdown]
# ## Contested terms before and after

# %%
variants = count_term_variants(
    docs[docs["doc_id"].isin(inside["doc_id"])].merge(inside[["doc_id", "window"]]), by="window"
)
named = variants.groupby("referent")["n_mentions"].transform("sum") > 0
sides = pd.MultiIndex.from_product([["n_mentions", "variant_share"], ["before", "after"]])
term_table = (
    variants.loc[named]
    .pivot(
        index=["referent", "variant", "side"],
        columns="window",
        values=["n_mentions", "variant_share"],
    )
    .reindex(columns=sides)  # a side without documents still gets its columns
)
term_table.columns = [f"{stat}_{window}" for stat, window in term_table.columns]
counts = ["n_mentions_before", "n_mentions_after"]
term_table[counts] = term_table[counts].fillna(0).astype("int64")
show_table(
    term_table.reset_index(),
    caption="Variants of contested terms: mentions and share within their referent, per side",
    max_rows=40,
)

# %% [markdown]
# For each disputed referent named in the window (e.g. the wartime workers, the leaders'
# meeting), how often each variant was used before and after the event, and its share
# of the referent's mentions on that side (`variant_share_after` 0.8 = 80 % of the
# mentions after the event used this wording). Shares pool mentions, which are not
# independent (one text repeats its own wording), so no interval is given: treat a
# shift as a lead to read the texts, not as a measured change.

# %% [markdown]
# ## The documents and the timeline

# %%
show_table(
    inside.sort_values("published")[
        ["published", "window", "days_from_event", group_by, "outlet", "title"]
    ].reset_index(drop=True),
    caption="Documents inside the window",
    max_rows=40,
)

# %% [markdown]
# Every document the comparison rests on, by date; `days_from_event` is negative before.

# %%
nearby = events.loc[
    events["date"].between(
        event_date - pd.Timedelta(days=window_days), event_date + pd.Timedelta(days=window_days)
    )
]
show_table(
    nearby[["date", "label", "countries", "description"]], caption="Key events inside the window"
)

# %% [markdown]
# Other key events inside the window: a change after the event may come from any of
# them, so a before/after difference is a description of the coverage, not a causal
# effect of this one event.
