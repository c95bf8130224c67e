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
# # Frames and contested terms
#
# **Question:** which issues does each side's coverage of Korea–Japan relations put
# forward (history, law, security, trade, diplomacy, alliances, domestic politics), and
# which names does it choose for contested things (Dokdo or Takeshima, forced labourers or
# requisitioned workers, a summit or an informal talk)?
#
# Frames are measured with a **dictionary codebook** (`data/codebooks/*.yaml`, chosen by
# the `codebook` parameter): a frame is *present* in a document when at least one of its
# terms occurs outside its exclusions. A dictionary only approximates what a human coder
# decides; the keyword-in-context lines below let a reader judge each frame's face
# validity, and the last section reports the policy-frames codebook's agreement with human
# coders on a third-party set.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
codebook: str = "kj_frames"  # frame codebook: a name in data/codebooks or a YAML path
terms: str = "contested_terms"  # contested-terms file: a name in data/codebooks or a YAML path
group_by: str = "outlet_country"  # corpus column that defines the publisher groups
period: str = "year"  # time resolution of the frames-over-time figure: month, quarter, year
n_kwic: int = 4  # keyword-in-context lines shown per frame
kwic_width: int = 60  # characters of context on each side of a matched term

# %%
import warnings

warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm without ipywidgets

# %%
import importlib.util

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.codebooks import is_codable, load_codebook
from analysis.corpus import load_corpus
from analysis.display import show_kwic, show_table
from analysis.events import load_events
from analysis.framing import (
    code_frames,
    dominant_frame,
    frame_cooccurrence,
    frame_matches,
    frame_prevalence,
    match_kwic,
)
from analysis.plots import use_style
from analysis.plots.framing import plot_cooccurrence, plot_frame_prevalence, plot_variant_shares
from analysis.plots.time import plot_over_time
from analysis.report import display_path
from analysis.terms import count_term_variants, load_terms, term_examples
from analysis.text import sentence_table
from analysis.timeseries import time_series

warnings.simplefilter("ignore", UserWarning)
use_style()

# %%
path = corpus_path or config.SAMPLE_CORPUS
docs = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
book = load_codebook(codebook)
sentences = sentence_table(docs)
coded = code_frames(docs, book, sentences=sentences)
matches = frame_matches(docs[is_codable(docs)], book, sentences=sentences)  # logged once above
display(Markdown(f"**{len(docs)} documents** (duplicates excluded) from `{display_path(path)}`, coded with "
                 f"`{book.path.name}` ({len(book.frames)} frames, {len(matches)} term matches). "
                 "Non-English documents not coded (left out of every share below): "
                 f"**{coded.attrs['n_uncoded']}**."))  # fmt: skip
display(
    show_table(
        docs.assign(is_coded=is_codable(docs))
        .groupby(group_by)
        .agg(n_docs=("doc_id", "size"), n_coded=("is_coded", "sum"))
        .reset_index(),
        caption=f"Documents per {group_by} (n_coded: English texts the codebook can read)",
    )
)

# %% [markdown]
# ## The codebook
#
# What each frame means and how many terms stand for it. The full term lists, exclusions
# and example sentences are in the YAML file; every example sentence is run by the test
# suite and must hit its frame.

# %%
frames_table = pd.DataFrame(
    [(f.id, f.label, f.description, len(f.terms) + len(f.regex), len(f.exclusions))
     for f in book.frames],
    columns=["frame", "label", "description", "n_terms", "n_exclusions"],
)  # fmt: skip
show_table(frames_table, caption=f"Frames of {book.name}")

# %% [markdown]
# ## Frame prevalence by publisher group
#
# The share of each group's documents in which the frame is present, with a 95 % Wilson
# interval (binomial, `statsmodels`). Groups with few documents have wide intervals: read
# overlaps as "no evidence of a difference", not as equality. Only English documents are
# coded: the legend's `n` counts them, and names any non-English texts left out (they
# are not counted as "frame absent").

# %%
prevalence = frame_prevalence(coded, docs, by=group_by)
plot_frame_prevalence(prevalence, by=group_by)
plt.show()

# %%
show_table(
    prevalence.pivot_table(index="frame", columns=group_by, values="present_share", sort=False)
    .reset_index(),
    caption="Share of documents with the frame, by group",
    max_rows=30,
)

# %% [markdown]
# How to read it: each dot is the share of that group's texts that use the frame at least
# once; the horizontal bar is its 95 % interval. A frame appearing in nearly every text of
# a group (with the Korea–Japan codebook, security in official readouts that always
# mention North Korea) says more about the genre of the texts than about a deliberate
# framing choice.

# %% [markdown]
# ## Which frame dominates
#
# The frame with most matches in each document (ties go to the frame listed first in the
# codebook), counted per group.

# %%
dominant = dominant_frame(coded).merge(docs[["doc_id", group_by]], on="doc_id")
show_table(
    dominant.pivot_table(index="dominant_frame", columns=group_by, values="doc_id",
                         aggfunc="count", fill_value=0).reset_index(),  # fmt: skip
    caption="Documents by dominant frame and group",
)

# %% [markdown]
# How to read it: columns are groups, cells count documents whose dominant frame is the
# row's. "none" counts documents with no match at all (often very short excerpts).

# %% [markdown]
# ## Co-occurrence
#
# Jaccard similarity of the documents in which two frames are present (documents with
# both / documents with either).

# %%
plot_cooccurrence(frame_cooccurrence(coded, measure="jaccard"), diagonal=False)
plt.show()

# %% [markdown]
# How to read it: a dark cell means the two frames usually travel together (the diagonal is
# left blank). With the Korea–Japan codebook, history pairing with legal dispute is
# expected (the forced-labour rulings), and security with alliance reflects trilateral
# statements on North Korea.

# %% [markdown]
# ## Frames over time
#
# Share of the period's documents in which each frame is present, with the key events of
# `data/codebooks/events.yaml` marked. Bootstrap intervals are left out of the figure
# (seven overlapping bands are unreadable); the number of documents per period below says
# how much each point rests on.

# %%
dated = coded.merge(docs[["doc_id", "published"]], on="doc_id")
over_time = time_series(dated, value="present", by="frame", period=period)
plot_over_time(over_time, events=load_events(), ylabel="share of documents with the frame",
               bands=False)  # fmt: skip
plt.show()
shares_by_period = over_time.pivot_table(index="period_start", columns="group", values="value")
shares_by_period.insert(0, "n_docs", over_time.groupby("period_start")["n"].max())
show_table(shares_by_period.reset_index(), caption=f"Documents and frame shares per {period}",
           max_rows=40)  # fmt: skip

# %% [markdown]
# How to read it: each line is one frame; gaps are periods without dated documents. With
# the sample corpus a period holds a handful of texts, so a jump between two points is
# usually a change in which texts were collected, not in how relations were told.

# %% [markdown]
# ## Contested terms
#
# Which name each group uses for the same referent (`data/codebooks/contested_terms.yaml`;
# `side` is the side that characteristically uses the variant). Shares are within the
# referent and group: of the group's mentions of the wartime labourers, what share says
# "forced labour"?

# %%
term_list = load_terms(terms)
variant_counts = count_term_variants(docs, term_list, by=group_by)
named = variant_counts[variant_counts["n_mentions"] > 0]
show_table(named, caption=f"Variant mentions and shares by {group_by} (variants used)",
           max_rows=60)  # fmt: skip

# %% [markdown]
# How to read it: `n_mentions` counts matches, `n_docs` the documents using the variant,
# `variant_share` its share of the referent's mentions in that group. A row missing means
# the group never used that variant.

# %%
by_outlet = count_term_variants(docs, term_list, by=["outlet", group_by])
show_table(
    by_outlet[by_outlet["n_mentions"] > 0],
    caption="Variant mentions by outlet",
    max_rows=40,
)

# %% [markdown]
# How to read it: the same counts per outlet, so one prolific outlet cannot hide behind
# its country's total.

# %%
usage = named.groupby("referent").agg(n_variants=("variant", "nunique"), n=("n_mentions", "sum"))
for referent in usage[usage["n_variants"] > 1].sort_values("n", ascending=False).index[:4]:
    plot_variant_shares(variant_counts, referent=referent, by=group_by)
    plt.show()

# %% [markdown]
# How to read it: each bar is one group's mentions of a referent split by variant (the
# legend gives the side that uses each); `n` is the number of mentions behind the bar.
# The four most-mentioned referents named with at least two different variants are drawn.

# %%
show_table(term_examples(docs, term_list, n=2, sentences=sentences),
           caption="Example sentences per variant", max_rows=40)  # fmt: skip

# %% [markdown]
# How to read it: up to two sentences (from different documents) per variant, so the
# reader can check that the match means what the terms file says.

# %% [markdown]
# ## Keyword in context, per frame
#
# Matches of each frame with their context (the first match in each of the first
# documents, so the lines come from different texts), to judge face validity: does the
# match really carry the frame?

# %%
lines = match_kwic(matches, docs, width=kwic_width).drop_duplicates(["frame", "doc_id"])
for frame in book.frame_ids:
    display(show_kwic(lines[lines["frame"] == frame].head(n_kwic).drop(columns="frame"),
                      caption=f"{frame}: {book.frame(frame).label}"))  # fmt: skip

# %% [markdown]
# How to read it: the matched term is in bold; `term` is the codebook entry that matched
# (a `*` is a word-ending wildcard). False hits seen here are the first thing to fix in the
# codebook: add an exclusion or a more specific term.

# %% [markdown]
# ## Generic and policy frames
#
# The same corpus coded with Semetko & Valkenburg's (2000) generic news frames and with the
# Policy Frames Codebook dimensions of the Media Frames Corpus (Boydstun et al. 2014), so
# results can be set beside the literature.

# %%
for other in ("generic_frames", "policy_frames"):
    other_prev = frame_prevalence(code_frames(docs, other, sentences=sentences), docs, by=group_by)
    display(show_table(
        other_prev.pivot_table(index="frame", columns=group_by, values="present_share",
                               sort=False).reset_index(),
        caption=f"{other}: share of documents with the frame, by group", max_rows=20,
    ))  # fmt: skip

# %% [markdown]
# How to read it: shares of documents with at least one indicator of the frame. The
# generic-frame indicators are dictionary stand-ins for Semetko & Valkenburg's yes/no
# coder questions (listed in the YAML); presence here means "a coder might answer yes",
# not that one would.

# %% [markdown]
# ## Validation against human coders
#
# The policy-frames codebook predicts the dominant frame of each of the 523 sentences of
# `frac_sentences.csv` (Guida et al. 2025; human Media Frames Corpus codes) and is scored
# per frame (`bench/validate_frames.py`). The codebook was written from the codebook
# definitions and not tuned on this set; the held-out half of a seeded split is shown too.

# %%
bench_file = config.PROJECT_ROOT / "bench" / "validate_frames.py"
if (config.VALIDATION_DIR / "frac_sentences.csv").is_file() and bench_file.is_file():
    spec = importlib.util.spec_from_file_location("validate_frames", bench_file)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for split in ("all", "heldout"):
        res = bench.frac_validation(config.VALIDATION_DIR, split=split)
        caption = (
            f"policy_frames vs human codes, split={split} (n={res['n']}): macro F1 "
            f"{res['macro_f1']:.3f}, majority-class baseline {res['baseline_macro_f1']:.3f}"
        )
        display(show_table(res["scores"], caption=caption))
    display(show_table(res["confusion"].reset_index(), caption="Confusion (held-out half): "
                       "rows human code, columns predicted code"))  # fmt: skip
else:
    display(Markdown("The validation set `data/validation/frac_sentences.csv` is not in this "
                     "installation; no figures."))

# %% [markdown]
# How to read it: labels are Media Frames Corpus codes (1 economic, 3 morality, 4 fairness,
# 5 legality and crime, 6 political and policy, 8 security, 9 health and safety, 11
# cultural identity, 12 public opinion, 15 other). Precision is the share of predicted
# labels that the coders agree with; recall the share of the coders' labels found. These
# are sentences from North American news and comments, not Korea–Japan texts: agreement
# here shows that dictionary coding of this kind can agree with coders; it does not
# measure the validity of the Korea–Japan codebook, which has no human-coded set yet
# (the voices report exports a coding sheet for one).
