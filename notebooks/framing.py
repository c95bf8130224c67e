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
# the `codebook` parameter). A term match is *evidence*; whether a frame is *present* in a
# document is decided by the codebook's calibrated rule (its `calibration:` block): the
# frame's counted matches must fall in at least a fitted number of sentences. Matches that
# plainly deny the frame ("not a security issue") are not counted. "Any match" over-codes
# by a factor of about three against human coders. The last section shows the rule, the
# data it was fitted on, and its agreement with coders on named splits. Each section ends
# with its finding in words, computed from its table, or says what it cannot show and why.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
codebook: str = "kj_frames"  # frame codebook: a name in data/codebooks or a YAML path
terms: str = "contested_terms"  # contested-terms file: a name in data/codebooks or a YAML path
group_by: str = "outlet_country"  # corpus column that defines the publisher groups
period: str = "auto"  # frames-over-time periods: week, month, quarter, year or auto (by the span)
min_n: int = 5  # fewer coded documents: no interval for a group or period
top_groups: int = 8  # groups shown by name; the rest pooled as "other (k groups, n docs)"
n_kwic: int = 4  # keyword-in-context lines shown per frame
kwic_width: int = 60  # characters of context on each side of a matched term

# %%
import warnings

warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm without ipywidgets

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.codebooks import load_codebook
from analysis.corpus import load_corpus
from analysis.analysed import show_analysed
from analysis.display import show_finding, show_kwic, show_limit, show_policy, show_table
from analysis.events import load_events
from analysis.findings import (
    cannot_show,
    counts_finding,
    interval_table,
    prevalence_finding,
    series_finding,
    share_cell,
)
from analysis.framing import (
    code_frames,
    dominant_frame,
    frame_cooccurrence,
    frame_matches,
    frame_prevalence,
    match_kwic,
)
from analysis.framing.validation import article_agreement, frac_sentence_agreement, nfc_coded
from analysis.groups import lump_groups
from analysis.overview import choose_period
from analysis.plots import use_style
from analysis.plots.framing import plot_cooccurrence, plot_frame_prevalence, plot_variant_shares
from analysis.plots.time import plot_series
from analysis.report import display_path
from analysis.sample_policy import apply_min_n, policy_note
from analysis.terms import count_term_variants, load_terms, term_examples
from analysis.text import sentence_table
from analysis.timeseries import label_periods, time_series

warnings.simplefilter("ignore", UserWarning)
use_style()

# %%
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
docs = lump_groups(corpus, group_by, top=top_groups, prefer=("JP", "KR", "US"))
book = load_codebook(codebook)
sentences = sentence_table(docs)
coded = code_frames(docs, book, sentences=sentences)
is_coded = docs["doc_id"].isin(coded["doc_id"])  # in a language the codebook has terms for
matches = frame_matches(docs[is_coded], book, sentences=sentences)  # left-out count logged above
display(Markdown(f"**{len(docs)} documents** (duplicates excluded) from `{display_path(path)}`, coded with "
                 f"`{book.path.name}` ({len(book.frames)} frames, {len(matches)} term matches). "
                 "Documents in a language without terms, not coded (left out of every share "
                 "below): "
                 f"**{coded.attrs['n_uncoded']}**."))  # fmt: skip
show_analysed(docs, coded["doc_id"], measure=book.name)
display(
    show_table(
        docs.assign(is_coded=is_coded)
        .groupby(group_by)
        .agg(n_docs=("doc_id", "size"), n_coded=("is_coded", "sum"))
        .reset_index(),
        caption=f"Documents per {group_by} (n_coded: texts in a language the codebook has "
        "terms for)",
    )
)
period = choose_period(docs["published"], requested=period)
n_coded = int(is_coded.sum())
if n_coded == 0:
    show_limit(cannot_show("no frame shares", f"none of the {len(docs)} documents is in a "
                           f"language {book.name} has terms for"))  # fmt: skip
show_policy(policy_note(min_n))

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
# overlaps as "no evidence of a difference", not as equality. "Present" is the codebook's
# calibrated rule (the last section shows it). Only documents in a language the codebook
# has terms for are coded: the legend's `n` counts them, and names any texts left out
# (they are not counted as "frame absent").

# %%
def share_cells(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Frames by ``column``: each cell the share as the findings quote it."""
    cells = table.assign(cell=[share_cell(*r) for r in
                               table[["present_share", "ci_low", "ci_high"]].to_numpy(float)])  # fmt: skip
    return cells.pivot(index="frame", columns=column, values="cell")


prevalence = apply_min_n(frame_prevalence(coded, docs, by=group_by), min_n=min_n, sizes=["n_docs"])
overall = apply_min_n(frame_prevalence(coded, docs.assign(corpus="all documents"), by="corpus"),
                      min_n=min_n, sizes=["n_docs"])  # fmt: skip
if n_coded:
    plot_frame_prevalence(prevalence, by=group_by)
    plt.show()
    shares = share_cells(overall, "corpus").join(share_cells(prevalence[prevalence["n_docs"] > 0], group_by))
    show_table(shares.reindex(book.frame_ids).reset_index(),
               caption="Share of coded documents with the frame [95% Wilson interval]",
               max_rows=30)  # fmt: skip
    show_finding(prevalence_finding(prevalence, by=group_by, min_n=min_n))
else:
    show_limit(cannot_show("no prevalence figure", "no document could be coded"))

# %% [markdown]
# How to read it: each dot is the share of that group's texts in which the frame is
# present (its counted matches fill at least the codebook's threshold of sentences); the
# horizontal bar is its 95 % interval, left out for a group with fewer than `min_n`
# coded documents. A frame present in nearly every text of a group (with the Korea–Japan
# codebook, security in official readouts that always mention North Korea) says more
# about the genre of the texts than about a deliberate framing choice.

# %% [markdown]
# ## Which frame dominates
#
# The frame with most counted matches in each coded document (ties go to the frame
# listed first in the codebook), counted per group.

# %%
if n_coded:
    dominant = dominant_frame(coded).merge(docs[["doc_id", group_by]], on="doc_id")
    show_table(
        dominant.pivot_table(index="dominant_frame", columns=group_by, values="doc_id",
                             aggfunc="count", fill_value=0).reset_index(),  # fmt: skip
        caption="Documents by dominant frame and group",
    )
    show_finding(counts_finding(dominant["dominant_frame"].value_counts(), what="dominant frame"))
else:
    show_limit(cannot_show("no dominant frames", "no document could be coded"))

# %% [markdown]
# How to read it: columns are groups, cells count documents whose dominant frame is the
# row's. "none" counts documents with no match at all (often very short excerpts).

# %% [markdown]
# ## Co-occurrence
#
# Jaccard similarity of the documents in which two frames are present (documents with
# both / documents with either).

# %%
jaccard = frame_cooccurrence(coded, measure="jaccard") if n_coded else pd.DataFrame()
present_frames = coded.loc[coded["present"] == 1, "frame"].nunique() if n_coded else 0
if present_frames >= 2 and n_coded >= min_n:
    plot_cooccurrence(jaccard, diagonal=False)
    plt.show()
    pairs = jaccard.where(~pd.DataFrame(
        [[i >= j for j in range(len(jaccard))] for i in range(len(jaccard))],
        index=jaccard.index, columns=jaccard.columns)).stack().rename("jaccard")  # fmt: skip
    top_pairs = pairs[pairs > 0].sort_values(ascending=False).head(5).reset_index()
    top_pairs.columns = ["frame", "with", "jaccard"]
    show_table(top_pairs, caption="The frame pairs most often present together")
    if len(top_pairs):
        best = top_pairs.iloc[0]
        show_finding(f"The two frames most often present in the same documents are "
                     f"{best['frame']} and {best['with']} (Jaccard {best['jaccard']:.3f}).")  # fmt: skip
    else:
        show_finding("No two frames are ever present in the same document.")
elif n_coded < min_n:
    show_limit(cannot_show("no co-occurrence", f"{n_coded} coded document(s), fewer than "
                           f"{min_n}: a share of documents with both frames would describe "
                           "those texts only"))  # fmt: skip
else:
    show_limit(cannot_show("no co-occurrence", f"{present_frames} frame(s) present in any "
                           "document; a pair needs two"))  # fmt: skip

# %% [markdown]
# How to read it: a dark cell means the two frames usually travel together (the diagonal is
# left blank); 1 would mean they are present in exactly the same documents, 0 never in
# the same one. Two frames can travel together because one kind of text carries both
# (trilateral statements on North Korea carry security and alliance), not only because
# authors link them: check the keyword lines below.

# %% [markdown]
# ## Frames over time
#
# Share of the period's coded documents in which each frame is present (the calibrated
# `present`), with the key events of `data/codebooks/events.yaml` marked. Each frame gets
# its own panel when there are more than a few, so the 95 % Wilson bands do not overlap;
# a period with fewer than `min_n` coded documents gets no band.

# %%
dated = coded.merge(docs[["doc_id", "published"]], on="doc_id").dropna(subset=["published"])
if len(dated):
    over_time = apply_min_n(time_series(dated, value="present", by="frame", period=period),
                            min_n=min_n)  # fmt: skip
    plot_series(over_time, events=load_events(), ylabel="share of documents with the frame",
                title=f"Frames per {period}")  # fmt: skip
    plt.show()
    show_finding(series_finding(over_time, measure="share of documents with the frame",
                                min_n=min_n, share=True))  # fmt: skip
    cells = interval_table(label_periods(over_time).query("n > 0")[
        ["period", "group", "n", "value", "ci_low", "ci_high"]].assign(ci_method="wilson"))  # fmt: skip
    by_period = cells.pivot(index="period", columns="group", values="value [95% CI]")
    by_period.insert(0, "n_docs", cells.groupby("period")["n"].max())
    show_table(by_period.reset_index(), max_rows=120,
               caption=f"Share of coded documents with each frame per {period} [95% Wilson "
               f"interval; none below {min_n} documents]")  # fmt: skip
else:
    why = "no document has a publication date" if docs["published"].isna().all() else (
        "no coded document has a publication date")  # fmt: skip
    show_limit(cannot_show("no frames over time", why))

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
if len(named):
    show_table(named, caption=f"Variant mentions and shares by {group_by} (variants used)",
               max_rows=60)  # fmt: skip
    show_finding(counts_finding(named.groupby("referent")["n_mentions"].sum(),
                                what="contested referent", unit="mentions"))  # fmt: skip
else:
    show_limit(cannot_show("no contested terms", "no document names a referent of "
                           f"{terms}"))  # fmt: skip

# %% [markdown]
# How to read it: `n_mentions` counts matches, `n_docs` the documents using the variant,
# `variant_share` its share of the referent's mentions in that group. A row missing means
# the group never used that variant.

# %%
if len(named):
    by_outlet = count_term_variants(docs, term_list, by=["outlet", group_by])
    show_table(by_outlet[by_outlet["n_mentions"] > 0], caption="Variant mentions by outlet",
               max_rows=40)  # fmt: skip

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
if len(named):
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
if len(matches):
    lines = match_kwic(matches, docs, width=kwic_width).drop_duplicates(["frame", "doc_id"])
    for frame in book.frame_ids:
        if (lines["frame"] == frame).any():
            display(show_kwic(lines[lines["frame"] == frame].head(n_kwic).drop(columns="frame"),
                              caption=f"{frame}: {book.frame(frame).label}"))  # fmt: skip
    unmatched = [f for f in book.frame_ids if not (lines["frame"] == f).any()]
    if unmatched:
        show_limit(cannot_show(f"no keyword lines for {', '.join(unmatched)}",
                               "no term of these frames matches in this corpus"))  # fmt: skip
else:
    show_limit(cannot_show("no keyword lines", f"no term of {book.name} matches in this corpus"))

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
    other_coded = code_frames(docs, other, sentences=sentences)
    if other_coded.empty:
        show_limit(cannot_show(f"no {other} shares", "no document is in a language it has terms for"))
        continue
    other_prev = apply_min_n(frame_prevalence(other_coded, docs, by=group_by), min_n=min_n,
                             sizes=["n_docs"])  # fmt: skip
    other_all = apply_min_n(frame_prevalence(other_coded, docs.assign(corpus="all documents"),
                                             by="corpus"), min_n=min_n, sizes=["n_docs"])  # fmt: skip
    other_shares = share_cells(other_all, "corpus").join(
        share_cells(other_prev[other_prev["n_docs"] > 0], group_by))
    show_table(other_shares.reset_index(), max_rows=20,
               caption=f"{other}: share of coded documents with the frame [95% Wilson interval]")  # fmt: skip
    show_finding(prevalence_finding(other_prev, by=group_by, min_n=min_n))

# %% [markdown]
# How to read it: shares of documents in which each codebook's calibrated rule finds the
# frame (enough sentences carry its indicators). The generic-frame indicators are
# dictionary stand-ins for Semetko & Valkenburg's yes/no coder questions (listed in the
# YAML); the thresholds were fitted on US climate coverage, so presence here means "a
# coder of that kind of coverage would probably answer yes", not that one would.

# %% [markdown]
# ## Validity: the presence rule and its agreement with human coders
#
# `present` above is the codebook's calibrated rule, not "any match". The table gives each
# frame's threshold (the number, or share, of sentences with a counted match) and the
# figures stored with it; the caption names the data and split it was fitted on.

# %%
rule = book.calibration
if rule is None:
    display(Markdown(f"`{book.name}` has no calibration: a frame is present on any match."))
else:
    rule_table = pd.DataFrame.from_dict(rule.record["frames"], orient="index")
    display(show_table(rule_table.reset_index(names="frame"),
                       caption=f"{book.name}: present when {rule.feature} >= threshold; fitted "
                               f"on {rule.record.get('fitted_on')}"))  # fmt: skip

# %% [markdown]
# Agreement of the generic-frames rule with the Narrative Frames Corpus coders (214 US
# climate articles, five frames coded per article; resolution is scored against the
# responsibility frame). **train** is in-sample (the thresholds were fitted on it);
# **test** is held out. Intervals are 95 % bootstrap intervals over articles;
# `majority_f1` is the F1 of always giving the majority code.

# %%
for split in ("train", "test"):
    v_coded, v_codes = nfc_coded("generic_frames", split=split)
    agreement = article_agreement(v_coded, v_codes)
    macro = agreement.iloc[-1]
    display(show_table(agreement, caption=f"generic_frames vs NFC coders, split={split} "
                       f"({'in-sample' if split == 'train' else 'held out'}): macro F1 "
                       f"{macro['f1']:.2f} [{macro['f1_low']:.2f}, {macro['f1_high']:.2f}]"))  # fmt: skip

# %% [markdown]
# The policy-frames rule was built from FrAC sentence codes (each frame's sentence
# precision, train split) and the article bar of economic on NFC (train): there is no
# article-level policy-frames set to fit it on. Below: per-sentence agreement on the FrAC
# **test** split (held out; a sentence carries a frame when it has a counted match).

# %%
frac_table = frac_sentence_agreement("policy_frames", split="test")
display(show_table(frac_table, caption="policy_frames per FrAC sentence, split=test (held out): "
                   f"macro F1 {frac_table.iloc[-1]['f1']:.2f}"))  # fmt: skip

# %% [markdown]
# How to read it: precision is the share of the rule's "present" that the coders agree
# with, recall the share of the coders' "present" the rule finds. These sets are North
# American news (climate coverage; news and comment sentences), not Korea–Japan texts:
# they show how far this kind of rule agrees with coders; the Korea–Japan codebook's rule
# is transferred, not fitted (its caption says so), until coders code a sample
# (`python -m analysis frames calibrate --codes CODED.csv --codebook kj_frames`).
