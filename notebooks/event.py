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
tone: str = "tone"  # tone measure: tone, vader_compound, textblob_polarity, textblob_subjectivity
tone_model: str = ""  # tone model file (python -m analysis tone train); empty: the shipped model
codebook: str = "kj_frames"  # frame codebook (data/codebooks) for frame shares
min_n: int = 5  # fewer documents on a side: no interval, p-value or effect size
top_groups: int = 8  # groups shown by name; the rest pooled as other

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.checks import check_choice
from analysis.contrasts import compare_shares
from analysis.corpus import load_corpus
from analysis.analysed import show_analysed
from analysis.display import show_finding, show_limit, show_policy, show_table
from analysis.events import compare_event_window, event_window, load_events, resolve_event
from analysis.findings import (
    cannot_show,
    contrast_finding,
    interval_table,
    series_finding,
    window_finding,
)
from analysis.framing import code_frames
from analysis.groups import lump_groups
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.time import plot_series
from analysis.report.measures import LABEL, score_for_report, show_validity_card
from analysis.sample_policy import apply_min_n, policy_note
from analysis.terms import count_term_variants
from analysis.timeseries import label_periods, time_series

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
check_choice("tone", tone, list(LABEL))
measure = LABEL[tone]
model = tone_model or None  # None: the shipped tone model
when = f"{event_label} ({event_date:%Y-%m-%d})"

# %%
corpus = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
docs = lump_groups(corpus, group_by, top=top_groups, prefer=("JP", "KR", "US"))
columns = list(dict.fromkeys(["doc_id", "published", "outlet", group_by, "kind", "title"]))
in_window = docs["doc_id"].isin(event_window(docs, event_date, **span)["doc_id"])
doc_scores, sentences = score_for_report(docs[in_window], measure=tone, tone_model=model)
measures = docs[columns].merge(doc_scores, on="doc_id", how="left")  # scored inside the window
inside = event_window(measures, event_date, **span)
sides = inside["window"].value_counts()
display(
    Markdown(
        f"**Event:** {when}. **Window:** {window_days} days on each side ({first_day:%Y-%m-%d} to "
        f"{last_day:%Y-%m-%d}). **Documents:** {len(docs)} in the corpus (duplicates removed), "
        f"{len(inside)} inside the window ({sides.get('before', 0)} before, "
        f"{sides.get('after', 0)} after), {inside.attrs['n_outside']} outside it, "
        f"{inside.attrs['n_undated']} without a date (left out)."
    )
)
show_analysed(inside, inside.loc[inside[tone].notna(), "doc_id"], measure=LABEL[tone])
if len(inside) == 0:
    why = f"none of the {len(docs)} documents falls within {window_days} days of it"
    if inside.attrs["n_undated"] == len(docs):
        why = f"none of the {len(docs)} documents has a date"
    show_limit(cannot_show("no before/after comparison", why))
show_policy(policy_note(min_n))

# %% [markdown]
# ## Attention: how many documents on each side

# %%
if len(inside):
    attention = (
        inside.groupby([group_by, "window"], observed=False).size().unstack("window", fill_value=0)
    )
    show_table(attention.reset_index(), caption="Documents per group before and after the event")
    monthly = time_series(inside, by=group_by, period=period, **bounds)
    plot_series(monthly, events=events, ylabel=f"documents per {period}", highlight=event_date,
                title="Attention around the event", bands=False)  # fmt: skip
    plt.show()
    show_finding(series_finding(monthly, measure="documents"))
else:
    show_limit(cannot_show("no attention figure", "no document inside the window"))

# %% [markdown]
# Each row is a group, each column a side of the event (the event day is in "after").
# A count is the number of distinct documents; in a corpus built by hand, as the sample
# is, counts reflect what was collected as much as what was published. In the figure the
# solid black line is this report's event, dashed lines the other key events of
# `data/codebooks/events.yaml`; the axis spans the whole window and periods without
# documents are drawn at zero.

# %% [markdown]
# ## Tone before and after

# %%
if len(sentences):  # an empty window says so above
    show_validity_card(sentences, measure=tone, tone_model=model)

# %% [markdown]
# How far the measure agrees with human coders on held-out data in each language of the
# window's texts (`dataset`, `split`, `figure`, `value` with its 95 % interval,
# `n_coded` units; `zero_share`: share of the sentences scored exactly 0). A language
# without a figure has not been checked: read its numbers as unvalidated.

# %%
scored = inside.dropna(subset=[tone])
if scored["window"].nunique() == 2:
    tone_table = apply_min_n(
        compare_event_window(measures, event_date, value=tone, by=group_by, min_n=min_n, **span),
        min_n=min_n,
    )
    show_table(
        interval_table(tone_table[["group", "window", "other", "n", "mean", "ci_low", "ci_high",
                                   "diff", "diff_ci_low", "diff_ci_high", "p_value", "p_holm",
                                   "cohens_d", "cliffs_delta", "warning"]]),
        caption=f"{measure}: before vs after, per group", max_rows=60,
    )  # fmt: skip
    show_finding(window_finding(tone_table, measure=measure, min_n=min_n, event=when))
    plot_group_means(tone_table, xlabel=f"mean {measure}", title=f"Tone before and after: {when}")
    plt.show()
else:
    show_limit(
        cannot_show(
            "no tone comparison",
            f"{sides.get('before', 0)} documents before and {sides.get('after', 0)} after the "
            f"event; {len(scored)} of them have a {measure} score, and both sides need some",
        )
    )

# %% [markdown]
# Per group three rows: the mean tone before the event and after it, each with its 95 %
# interval (Student t), and the change (after minus before) with its 95 % Welch interval,
# the permutation-test `p_value` (two-sided: the chance of a change at least this large
# if the event made no difference), `p_holm` (the same adjusted, Holm, for the number of
# groups compared in this table) and two effect sizes (`cohens_d`: the change in standard
# deviations; `cliffs_delta`, from -1 to 1: the probability that an "after" text is more
# positive than a "before" one minus the reverse). NA cells are below the small-sample
# rule. A change whose interval includes 0 is not distinguishable from no change with
# these documents. In the figure, squares are "before", circles "after"; hollow markers
# and a red `n` mark groups too small to say anything.

# %%
if len(scored):
    weekly_tone = apply_min_n(
        time_series(scored, value=tone, by=group_by, period=period, **bounds), min_n=min_n
    )
    plot_series(weekly_tone, events=events, ylabel=f"mean {measure}", highlight=event_date,
                title="Tone around the event")  # fmt: skip
    plt.show()
    show_finding(series_finding(weekly_tone, measure=measure, min_n=min_n))
    show_table(
        interval_table(label_periods(weekly_tone)[["period", "group", "n", "value", "ci_low",
                                                   "ci_high"]]).query("n > 0"),
        caption=f"Mean {measure} per {period} (no interval below {min_n} documents)",
        max_rows=60,
    )  # fmt: skip
else:
    show_limit(cannot_show("no tone over time", "no document inside the window has a score"))

# %% [markdown]
# Mean tone per period and group; bands and bars are 95 % intervals, drawn only where a
# period holds at least `min_n` documents; gaps where a period holds none.

# %% [markdown]
# ## Frames before and after

# %%
coded = code_frames(docs[docs["doc_id"].isin(inside["doc_id"])], codebook)
framed = coded.merge(inside[["doc_id", "window"]], on="doc_id")
framed = framed.assign(window=framed["window"].astype("string"))
coded_sides = framed.drop_duplicates("doc_id")["window"].value_counts()
if coded_sides.get("before", 0) and coded_sides.get("after", 0):
    frame_table = compare_shares(framed, by="window", a="after", b="before", min_n=min_n)
    show_table(
        interval_table(frame_table),
        caption=f"Share of documents using each frame ({codebook}): after (a) vs before (b)",
        max_rows=40,
    )
    show_finding(contrast_finding(frame_table, context=f"{when}", min_n=min_n))
else:
    show_limit(
        cannot_show(
            "no frame comparison",
            f"{coded_sides.get('before', 0)} documents before and {coded_sides.get('after', 0)} "
            f"after the event could be coded with {codebook}; both sides need some",
        )
    )

# %% [markdown]
# For each frame of the codebook: the share of documents using it after the event
# (`share a`) and before it (`share b`), each with its 95 % Wilson score interval, the
# change (0.25 = 25 percentage points more after) with its 95 % Newcombe interval (a
# score interval for a difference of two shares, which stays honest at 0 % and 100 %,
# where a bootstrap collapses to a point), the permutation `p_value` and `p_holm`,
# adjusted for testing every frame of the table at once (Holm): read it when looking for
# "any frame that changed". Frames are found by the codebook's terms, so a share is the
# share of documents using that vocabulary, not a coder's judgement.

# %% [markdown]
# ## Contested terms before and after

# %%
window_docs = docs[docs["doc_id"].isin(inside["doc_id"])].merge(inside[["doc_id", "window"]])
named = pd.DataFrame()
if len(window_docs):  # term_matches needs at least one document
    variants = count_term_variants(window_docs.assign(window=window_docs["window"].astype("string")),
                                   by="window")  # fmt: skip
    named = variants[variants.groupby("referent")["n_mentions"].transform("sum") > 0]
if len(named):
    stats = ["n_mentions", "variant_share"]
    side_columns = pd.MultiIndex.from_product([stats, ["before", "after"]])
    term_table = named.pivot(
        index=["referent", "variant", "side"], columns="window", values=stats
    ).reindex(columns=side_columns)  # a side without documents still gets its columns
    term_table.columns = [f"{stat}_{window}" for stat, window in term_table.columns]
    counts = ["n_mentions_before", "n_mentions_after"]
    term_table[counts] = term_table[counts].fillna(0).astype("int64")
    show_table(
        term_table.reset_index(),
        caption="Variants of contested terms: mentions and share within their referent, per side",
        max_rows=40,
    )
else:
    show_limit(cannot_show("no contested-term table", "no document in the window names a "
                           "contested referent"))  # fmt: skip

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
if len(inside):
    show_table(
        inside.sort_values("published")[
            ["published", "window", "days_from_event", group_by, "outlet", "title"]
        ],
        caption="Documents inside the window",
        max_rows=40,
    )
else:
    show_limit(cannot_show("no documents in the window", f"none within {window_days} days"))

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
