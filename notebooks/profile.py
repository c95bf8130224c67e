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
# Each comparison is "this group vs everyone else", with 95 % intervals, permutation-test
# p-values and effect sizes, under the small-sample rule stated below.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
group_by: str = (
    "outlet_country"  # corpus column that defines the groups (outlet_country, outlet, kind)
)
group: str = ""  # the group profiled, a value of group_by (KR, JP, MOFA Japan); empty: largest
tone: str = "tone"  # tone measure: tone, vader_compound, textblob_polarity, textblob_subjectivity
tone_model: str = ""  # tone model file (python -m analysis tone train); empty: the shipped model
codebook: str = "kj_frames"  # frame codebook (data/codebooks) for frame shares
period: str = "auto"  # time-series period: week, month, quarter, year or auto (by the span)
min_n: int = 5  # fewer documents on a side: no interval, p-value or effect size
top_groups: int = 8  # outlets shown by name in the by-outlet table; the rest pooled

# %%
import warnings

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from analysis import config
from analysis.checks import check_choice
from analysis.compare import compare_groups
from analysis.contrasts import compare_shares
from analysis.corpus import load_corpus
from analysis.analysed import show_analysed
from analysis.display import show_finding, show_limit, show_policy, show_table
from analysis.events import load_events
from analysis.findings import (
    cannot_show,
    comparison_finding,
    contrast_finding,
    interval_table,
    series_finding,
)
from analysis.framing import code_frames
from analysis.groups import lump_groups
from analysis.overview import choose_period
from analysis.plots import use_style
from analysis.plots.compare import plot_group_means
from analysis.plots.time import plot_series
from analysis.report.measures import LABEL, score_for_report, show_validity_card
from analysis.sample_policy import apply_min_n, policy_note
from analysis.selection import check_value
from analysis.terms import count_term_variants
from analysis.timeseries import label_periods, time_series
from analysis.voices import find_voices, voices_by_country

warnings.simplefilter("ignore", UserWarning)  # small groups are reported in the tables instead
use_style()
path = corpus_path or config.SAMPLE_CORPUS
events = load_events()
rest = "rest of corpus"
check_choice("tone", tone, list(LABEL))
measure = LABEL[tone]
model = tone_model or None  # None: the shipped tone model

# %%
docs = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
group = group or str(docs[group_by].astype("string").value_counts().index[0])
check_value(docs, group_by, group, parameter="group")
docs = docs.assign(
    profile=docs[group_by].astype("string").eq(group).fillna(False).map({True: group, False: rest})
)
doc_scores, sentences = score_for_report(docs, measure=tone, tone_model=model)
measures = docs[["doc_id", "published", "outlet", "kind", "profile", "title"]].merge(
    doc_scores, on="doc_id", how="left"
)
mine = measures.loc[measures["profile"] == group]
others = len(docs) - len(mine)
period = choose_period(docs["published"], requested=period)
display(
    Markdown(
        f"**{group}** ({group_by}): **{len(mine)}** of {len(docs)} documents (duplicates removed), "
        f"from {mine['outlet'].nunique()} outlet(s); {int(mine['published'].isna().sum())} "
        f"undated; {int((~mine['is_scored'].astype(bool)).sum())} without a {measure} score."
    )
)
show_analysed(measures, measures.loc[measures[tone].notna(), "doc_id"], measure=measure)
if others == 0:
    show_limit(cannot_show("no comparison with the rest", f"every document is {group}"))
show_policy(policy_note(min_n))

# %% [markdown]
# ## The documents

# %%
show_table(
    mine.sort_values("published")[["published", "outlet", "kind", "language", "title"]],
    caption=f"Documents of {group}",
    max_rows=60,
)

# %% [markdown]
# Every document of the group by date (undated ones last). Titles are shown as published.

# %% [markdown]
# ## Attention over time

# %%
dated = measures["published"].notna()
if dated.any():
    attention = time_series(measures, by="profile", period=period)
    plot_series(attention, events=events, ylabel=f"documents per {period}",
                title=f"Attention: {group} vs the rest", bands=False)  # fmt: skip
    plt.show()
    show_finding(series_finding(attention, measure="documents"))
else:
    show_limit(cannot_show("no attention over time", "no document has a publication date"))

# %% [markdown]
# Documents per period for the group (in its country colour) and for the rest of the
# corpus (grey); dashed lines mark the key events. Periods without documents are drawn
# at zero. In a hand-built corpus, counts show what was collected as much as what was
# published.

# %% [markdown]
# ## Tone

# %%
show_validity_card(sentences, measure=tone, tone_model=model)

# %% [markdown]
# How far the measure agrees with human coders on held-out data in each language of
# this corpus (`dataset`, `split`, `figure`, `value` with its 95 % interval, `n_coded`
# units; `zero_share`: share of this corpus's sentences scored exactly 0). A language
# without a figure has not been checked: read its numbers as unvalidated.

# %%
scored = measures.dropna(subset=[tone])
sides = scored["profile"].value_counts()
if sides.get(group, 0) and sides.get(rest, 0):
    tone_table = apply_min_n(
        compare_groups(scored, value=tone, by="profile", reference=rest, min_n=min_n),
        min_n=min_n,
    )
    show_table(
        interval_table(tone_table[["group", "other", "n", "n_other", "mean", "ci_low", "ci_high",
                                   "diff", "diff_ci_low", "diff_ci_high", "p_value",
                                   "cohens_d", "cliffs_delta", "ci_method", "warning"]]),
        caption=f"{measure}: {group} vs the rest of the corpus",
    )  # fmt: skip
    show_finding(comparison_finding(tone_table, measure=measure, min_n=min_n))
    plot_group_means(tone_table, xlabel=f"mean {measure}", title=f"Tone: {group} vs the rest")
    plt.show()
else:
    show_limit(
        cannot_show(
            "no tone comparison",
            f"{sides.get(group, 0)} {group} and {sides.get(rest, 0)} other documents have a "
            f"{measure} score; both sides need at least one",
        )
    )

# %% [markdown]
# The first rows are each side's mean tone with its 95 % interval (Student t); the last
# is the difference (group minus rest) with its 95 % Welch interval, the permutation-test
# `p_value` (the chance of a difference at least this large if the side made no
# difference) and two effect sizes: `cohens_d` (the difference in standard deviations)
# and `cliffs_delta` (from -1 to 1: how often a document of the group scores higher than
# one of the rest, minus the reverse). NA cells are below the small-sample rule.
# Even the best of these measures agrees only partly with human coders (the validity
# card above; dictionary tone agrees poorly on news, van Atteveldt et al. 2021): read the
# difference, not the level.

# %%
if dated.any() and len(scored):
    tone_ts = apply_min_n(time_series(scored, value=tone, by="profile", period=period),
                          min_n=min_n)  # fmt: skip
    plot_series(tone_ts, events=events, ylabel=f"mean {measure}",
                title=f"Tone over time: {group} vs the rest")  # fmt: skip
    plt.show()
    show_finding(series_finding(tone_ts, measure=measure, min_n=min_n))
    show_table(
        interval_table(label_periods(tone_ts)[["period", "group", "n", "value", "ci_low",
                                                "ci_high"]]),  # fmt: skip
        caption=f"Mean {measure} per {period} (no interval below {min_n} documents)",
        max_rows=80,
    )
else:
    show_limit(cannot_show("no tone over time", "no dated document has a tone score"))

# %% [markdown]
# Mean tone per period; bands and bars are 95 % intervals, drawn only where a period
# holds at least `min_n` documents; a gap where a period holds none.

# %%
outlets = lump_groups(mine.dropna(subset=[tone]), "outlet", top=top_groups)
if len(outlets):
    by_outlet = apply_min_n(compare_groups(outlets, value=tone, by="outlet", min_n=min_n),
                            min_n=min_n)  # fmt: skip
    rows = by_outlet[by_outlet["other"].isna()]
    show_table(
        interval_table(rows[["group", "n", "mean", "ci_low", "ci_high", "warning"]]).rename(
            columns={"group": "outlet"}
        ),
        caption=f"{measure} by outlet within {group}",
    )
    show_finding(comparison_finding(by_outlet, measure=measure, min_n=min_n))
else:
    show_limit(cannot_show("no tone by outlet", f"no document of {group} has a {measure} score"))

# %% [markdown]
# The group's tone outlet by outlet (the `top_groups` largest outlets; the rest pooled as
# "other"): a group average can hide outlets that differ.

# %% [markdown]
# ## Frames

# %%
coded = code_frames(docs, codebook).merge(docs[["doc_id", "profile"]], on="doc_id")
coded_sides = coded.drop_duplicates("doc_id")["profile"].value_counts()
if coded_sides.get(group, 0) and coded_sides.get(rest, 0):
    frame_table = compare_shares(coded, by="profile", a=group, b=rest, min_n=min_n)
    show_table(
        interval_table(frame_table),
        caption=f"Share of documents with each frame ({codebook}): {group} (a) vs the rest (b)",
    )
    show_finding(contrast_finding(frame_table, min_n=min_n))
else:
    show_limit(
        cannot_show(
            "no frame comparison",
            f"{coded_sides.get(group, 0)} {group} and {coded_sides.get(rest, 0)} other documents "
            f"could be coded with {codebook}; both sides need at least one",
        )
    )

# %% [markdown]
# For each frame, the share of the group's documents in which the codebook finds it
# (`share a`) and the share in the rest of the corpus (`share b`), each with its 95 %
# Wilson score interval, then the difference in shares (0.20 = 20 percentage points more
# in the group) with its 95 % Newcombe interval (both stay honest at 0 % and
# 100 %, where a bootstrap collapses to a point) and the permutation `p_value`; `p_holm`
# is the p-value adjusted (Holm) for testing every frame of this table at once.

# %% [markdown]
# ## Voices

# %%
voices = find_voices(docs)
if len(voices):
    voice_table = voices_by_country(voices, docs, by="profile")
    show_table(voice_table, caption="Whose voices each side carries (country of the actor)")
    totals = voice_table.assign(total=voice_table.groupby("profile")["n_voices"].transform("sum"))
    top_voice = totals.sort_values("voice_share", ascending=False).groupby("profile").head(1)
    show_finding("Most voices come from: " + "; ".join(
        f"{r.profile}: {r.country} ({r.n_voices} of {r.total})" for r in top_voice.itertuples()
    ) + ".")  # fmt: skip
else:
    show_limit(cannot_show("no voice table", "no sentence quotes or credits a codebook actor"))

# %% [markdown]
# Of all actors each side's texts quote or credit ("X said", "according to X"), the share
# from each country (`voice_share`, of the side's `n_voices`), next to the same shares in
# the rest of the corpus.

# %% [markdown]
# ## Contested terms

# %%
variants = count_term_variants(docs, by="profile")
named = variants.groupby("referent")["n_mentions"].transform("sum") > 0
if named.any():
    term_table = variants.loc[named].pivot(  # a variant has one row per side (sides per language)
        index=["referent", "variant", "side"], columns="profile", values="variant_share"
    )
    show_table(
        term_table.reset_index(),
        caption=f"Share of each variant within its referent's mentions: {group} vs the rest",
        max_rows=40,
    )
else:
    show_limit(cannot_show("no contested-term table", "no document names a contested referent"))

# %% [markdown]
# Which wording each side uses for disputed things (e.g. "former civilian workers from
# the Korean Peninsula" vs "forced labour"), as a share of its mentions of the referent;
# an empty cell means the side never names that referent. Mentions within one text are
# not independent, so no interval is given.
