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
# # Voices, directed tone and distinctive words
#
# **Question:** whose account does each side's coverage carry, how warm or cold is it
# toward the other side's actors, and which words set one side's texts apart?
#
# - **Actors** are people, offices, governments and metonyms ("Tokyo", "Seoul") from
#   `data/codebooks/actors.yaml`; its header documents every matching choice (bare
#   "Moon" is not an alias, "in Seoul" is a place, not the government).
# - **Voices** are the actors a sentence quotes or credits ("X said", "according to X",
#   "X's office confirmed", "It said" / "he said" resolved to the previous sentence).
# - **Directed tone** is the sentiment of the sentences that mention one side's actors.
#   Dictionary sentiment agrees poorly with human coders on news (van Atteveldt et al.
#   2021): read differences between groups, not absolute levels, and always with the
#   intervals shown.
# - **Distinctive words** are the weighted log-odds ratios with an informative
#   Dirichlet prior of Monroe, Colaresi & Quinn (2008), with keyword-in-context lines
#   so every word can be checked in its sentences.

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty: the sample corpus (data/sample)
corpus_columns: str = ""  # your own column names as for --columns (docs/inputs.md); empty: none
group_by: str = "outlet_country"  # corpus column that defines the publisher groups
group_a: str = ""  # first group of the distinctive-words comparison (positive z); empty: largest
group_b: str = ""  # second group of the distinctive-words comparison; empty: second largest
target: str = "JP"  # actor country of the one-call directed-tone example (JP, KR, US, KP, CN)
n_terms: int = 15  # distinctive words shown per group
kwic_width: int = 60  # characters of context on each side of a keyword
min_n: int = 5  # fewer documents in a row: no interval
top_groups: int = 8  # publisher groups shown by name; the rest pooled as other

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.actors import count_actor_mentions, directed_tone, load_actors, tone_sentences
from analysis.codebooks import load_codebook
from analysis.coding import export_coding_sheet
from analysis.corpus import load_corpus
from analysis.analysed import readable_documents, show_analysed
from analysis.display import show_finding, show_kwic, show_limit, show_policy, show_table
from analysis.distinctive import distinctive_terms, kwic
from analysis.findings import cannot_show, counts_finding, extremes_finding, interval_table
from analysis.groups import lump_groups
from analysis.pairs import pair_summary
from analysis.plots import use_style
from analysis.plots.actors import plot_directed_tone, plot_distinctive_terms, plot_voice_shares
from analysis.report import display_path
from analysis.sample_policy import apply_min_n, policy_note
from analysis.selection import check_value
from analysis.voices import find_voices, voices_by_country

warnings.simplefilter("ignore", UserWarning)
use_style()

# %%
path = corpus_path or config.SAMPLE_CORPUS
corpus = load_corpus(path, columns=corpus_columns or None, exclude_duplicates=True)
docs = lump_groups(corpus, group_by, top=top_groups, prefer=("JP", "KR", "US"))
book = load_actors()
labels = dict(zip(book.table["actor_id"], book.table["label"], strict=True))
largest = corpus[group_by].astype("string").value_counts().index.tolist()
group_a = group_a or (largest[0] if largest else "")
group_b = group_b or next((g for g in largest if g != group_a), "")
for name, value in (("group_a", group_a), ("group_b", group_b)):
    if value:
        check_value(corpus, group_by, value, parameter=name)
display(Markdown(f"**{len(docs)} documents** (duplicates excluded) from `{display_path(path)}`."))
show_analysed(docs, readable_documents(docs), measure="voices and mentions")
show_table(
    docs.groupby(group_by).size().rename("n_docs").reset_index(),
    caption=f"Documents per {group_by} (the {top_groups} largest; the rest pooled as other)",
)
show_policy(policy_note(min_n))

# %% [markdown]
# ## Who is mentioned
#
# Mentions of each side's actors, by publisher group. Every text about the
# relationship mentions both sides; the balance shows whose actors a publisher's texts
# are about.

# %%
mentions = count_actor_mentions(docs, codebook=book).merge(docs[["doc_id", group_by]], on="doc_id")
if len(mentions):
    by_country = mentions.pivot_table(
        index=group_by, columns="country", values="n_mentions", aggfunc="sum", fill_value=0
    )
    show_table(by_country.reset_index(), caption=f"Actor mentions by actor country and {group_by}")
    show_finding(counts_finding(mentions.groupby("country")["n_mentions"].sum(),
                                what="actor country", unit="mentions"))  # fmt: skip
    top_actors = (
        mentions.groupby([group_by, "actor_id"])["n_mentions"].sum().reset_index()
        .sort_values([group_by, "n_mentions"], ascending=[True, False])
        .groupby(group_by).head(5).assign(actor=lambda d: d["actor_id"].map(labels))
    )  # fmt: skip
    show_table(top_actors[[group_by, "actor", "n_mentions"]],
               caption="Five most-mentioned actors per group", max_rows=40)  # fmt: skip
else:
    show_limit(cannot_show("no actor mentions", "no document names an actor of the codebook"))

# %% [markdown]
# **How to read:** each row is a publisher group, each column the country of the
# actors mentioned (JP Japan, KR South Korea, US, KP North Korea, CN China); counts are
# mentions, so long texts weigh more. Country names ("Japan", "ROK") count as their
# government; "Tokyo"/"Seoul" count unless they follow a place word ("in Seoul").

# %% [markdown]
# ## Whose account a text carries
#
# A voice is a sentence that quotes or credits an actor. The share of voices from each
# actor country shows whose account a publisher group relays.

# %%
voices = find_voices(docs, codebook=book)
if len(voices):
    shares = voices_by_country(voices, docs, by=group_by)
    show_table(shares, caption=f"Voices by actor country, per {group_by}", max_rows=40)
    totals = shares.assign(total=shares.groupby(group_by)["n_voices"].transform("sum"))
    lead = totals.sort_values("voice_share", ascending=False).groupby(group_by).head(1)
    show_finding("Most voices come from: " + "; ".join(
        f"{r[group_by]}: {r['country']} ({r['n_voices']} of {r['total']})"
        for _, r in lead.sort_values(group_by).iterrows()) + ".")  # fmt: skip
    ax = plot_voice_shares(shares, by=group_by)
    ax.set_title("Whose voices each publisher group carries")
    plt.show()
else:
    show_limit(cannot_show("no voices", "no sentence quotes or credits an actor of the codebook"))

# %% [markdown]
# **How to read:** each bar sums to 1 across actor countries; `n` is the number of
# credited sentences, so a bar built on a handful of voices is an anecdote, not a
# pattern. Official readouts mostly credit their own side ("Minister Kono stated"),
# which is why the own-country share dominates government texts.

# %%
examples = voices.assign(actor=voices["actor_id"].map(labels)).merge(
    docs[["doc_id", group_by]], on="doc_id"
)
if len(examples):
    show_table(
        examples.groupby(group_by).head(3)[["doc_id", group_by, "actor", "verb", "pattern",
                                            "quote"]],  # fmt: skip
        caption="Example voices (three per group): check the pattern against the sentence",
        max_rows=20,
    )

# %% [markdown]
# **How to read:** `pattern` says which rule credited the actor (`actor_verb` "X said",
# `verb_actor` "..., said X", `according_to`, `statement` "a X statement said",
# `it_said` "It said" and `he_said` '"...," he said' resolved to the previous sentence's
# voice or person). Mentions inside a quotation are not voices. Reading a few of these
# is the quickest check of the voice rules on a new corpus.

# %% [markdown]
# ## Tone toward each side
#
# Mean sentence sentiment of the sentences that mention each side's actors, per
# publisher group, with 95 % intervals from a bootstrap that resamples whole documents.
# A sentence that mentions both sides counts for both (`n_mixed`). A row resting on
# fewer than `min_n` documents is flagged "too small to say anything" and gets no interval.

# %%
tone = directed_tone(docs, by=group_by, min_n=min_n) if len(mentions) else mentions.iloc[0:0]
if len(tone):
    shown = apply_min_n(tone, min_n=min_n, sizes=("n_docs",))
    show_table(interval_table(shown), caption="Directed tone by publisher group and target country "
               "(n_mixed: sentences naming both sides)", max_rows=40)  # fmt: skip
    show_finding(extremes_finding(shown, value="vader_compound", labels=[group_by, "target"],
                                  measure="VADER tone", min_n=min_n))  # fmt: skip
    ax = plot_directed_tone(shown, measure="vader_compound", by=group_by)
    ax.set_title("Tone of sentences mentioning each side's actors (VADER)")
    plt.show()
else:
    show_limit(cannot_show("no directed tone", "no scored sentence mentions an actor"))

# %% [markdown]
# **How to read:** points right of zero are positive on average. Overlapping intervals
# mean the data cannot tell the groups apart; a hollow point rests on fewer than `min_n`
# documents (too small to say anything) or has no interval at all (one document). Most
# sentences in bilateral texts mention both sides (`n_mixed` close to `n_sentences`),
# so tone "toward Japan" and "toward Korea" are rarely independent.

# %%
one_call = tone[tone["target"] == target] if len(tone) else tone
scored = tone_sentences(docs, codebook=book)
scored = scored[(scored["target"] == target) & ~scored["is_mixed"]]
if len(scored):
    shown = apply_min_n(one_call, min_n=min_n, sizes=("n_docs",))
    show_table(interval_table(shown), caption=f"Tone toward {target} actors, per {group_by}")
    ranked = scored.merge(docs[["doc_id", group_by]], on="doc_id").sort_values("vader_compound")
    extremes = pd.concat([ranked.head(3), ranked.tail(3)])
    extremes = extremes.drop_duplicates(["doc_id", "sentence_id"])
    show_table(
        extremes[["doc_id", group_by, "vader_compound", "textblob_polarity", "sentence"]],
        caption=f"Most negative and most positive sentences about {target} actors only",
    )
else:
    why = f"no scored sentence names {target} actors without the other side's"
    show_limit(cannot_show(f"no sentences about {target} actors only", why))

# %% [markdown]
# **How to read:** the three most negative and three most positive sentences that
# mention only the target side's actors; check whether the dictionary's reading
# matches yours before trusting the averages above.

# %% [markdown]
# ## Words that set one side apart
#
# Weighted log-odds ratio with the whole corpus as informative prior; `z_score` > 1.96
# (or < -1.96) marks words clearly more frequent on one side.

# %%
if group_a and group_b:
    terms = distinctive_terms(corpus, by=group_by, group_a=group_a, group_b=group_b)
    top, bottom = terms.head(n_terms), terms.tail(n_terms).iloc[::-1]
    show_table(top, caption=f"Most distinctive of {group_a} ({group_by})", max_rows=n_terms)
    show_table(bottom, caption=f"Most distinctive of {group_b} ({group_by})", max_rows=n_terms)
    clear_a, clear_b = int((terms["z_score"] > 1.96).sum()), int((terms["z_score"] < -1.96).sum())
    show_finding(
        f"{clear_a} words are clearly more frequent in {group_a} texts and {clear_b} in "
        f"{group_b} texts (|z| > 1.96) among {len(terms)} words used at least 3 times"
        + (f"; the most distinctive: {top['term'].iloc[0]} ({group_a}) and "
           f"{bottom['term'].iloc[0]} ({group_b})." if len(terms) else ".")
    )  # fmt: skip
    if len(terms):
        ax = plot_distinctive_terms(terms, n=n_terms, labels=(group_a, group_b))
        ax.set_title(f"Distinctive words: {group_a} vs {group_b} publishers")
        plt.show()
else:
    terms = pd.DataFrame(columns=["term"])
    top = bottom = terms
    show_limit(cannot_show("no distinctive words", f"the corpus has only one {group_by}"))

# %% [markdown]
# **How to read:** bars to the right belong to the first group, bars to the left to
# the second; the dashed lines are z = ±1.96. Names of the publishing ministry and
# its ministers rank high by construction (each side names its own officials first):
# the informative words are the policy vocabulary further down. Keywords in context
# for the top three words of each side:

# %%
for term in dict.fromkeys([*top["term"].head(3), *bottom["term"].head(3)]):
    lines = kwic(corpus, term, width=kwic_width).merge(corpus[["doc_id", group_by]], on="doc_id")
    lines = lines[lines[group_by].isin([group_a, group_b])]
    display(
        show_kwic(
            lines.rename(columns={"match": "keyword"})[
                ["doc_id", group_by, "left", "keyword", "right"]
            ],
            caption=f"'{term}': {len(lines)} occurrences in {group_a} and {group_b} texts",
            max_rows=5,
        )
    )

# %% [markdown]
# **How to read:** the keyword is bold with its context either side; if the lines
# show boilerplate (headers, signatures) rather than argument, the word's rank says
# more about the page layout than about framing.

# %% [markdown]
# ## Event pairs side by side
#
# For each event the corpus holds texts on from more than one side (`pair_group`),
# every text with its most frequent frames (Korea-Japan codebook), the actors it
# credits and its tone.

# %%
pairs = pair_summary(corpus)
if len(pairs):
    pairs = pairs.merge(corpus[["doc_id", "language"]], on="doc_id", how="left")
    order = ["pair_group", "language", "outlet_country", "published"]
    rest = [c for c in pairs.columns if c not in [*order[:2], "outlet"]]
    show_table(
        pairs.sort_values(order)[["pair_group", "language", *rest]],
        caption="Texts of each event pair, by language: frames (n matches), voices, tone",
        max_rows=80,
    )
    by_language = pairs.groupby("pair_group")["language"].nunique()
    show_finding(
        f"{pairs['pair_group'].nunique()} events are told by more than one side "
        f"({len(pairs)} texts); {int((by_language > 1).sum())} of them in more than one language."
    )
else:
    show_limit(cannot_show("no event pairs", "no document has a pair_group (texts on the same "
                           "event by different sides)"))  # fmt: skip

# %% [markdown]
# **How to read:** rows of one `pair_group` tell the same event, grouped by the language
# of the text (Korean-language and Japanese-language texts side by side with English
# ones); compare the frames each side leads with and whom each side lets speak. Tone
# columns are document means (TextBlob on the whole text, VADER averaged over
# sentences). Many official texts are leading excerpts (`text_complete` false in the
# corpus), so a missing frame may sit in the part that was not copied.

# %% [markdown]
# ## Checking the measures against human coders
#
# The frame and voice rules are dictionaries; their validity must be shown, not
# assumed. `analysis.coding` exports a stratified coding sheet (equal numbers of
# sentences per publisher group, seeded, shuffled, publisher hidden from coders):
#
# ```python
# from analysis.coding import write_coding_sheet, read_coding_sheets, krippendorff_alpha
# write_coding_sheet(docs, "sheet.csv", frames=load_codebook("kj_frames").frame_ids, n=200)
# codes = read_coding_sheets(["coder_a.csv", "coder_b.csv"])   # blank = not coded
# krippendorff_alpha(codes)                                    # agreement between coders
# frame_agreement(auto, codes)                                 # precision, recall, F1
# ```
#
# The first rows of such a sheet for this corpus:

# %%
frames = load_codebook("kj_frames").frame_ids
sheet = export_coding_sheet(corpus, frames=frames, n=6, strata=group_by)
show_table(sheet, caption="Coding sheet preview (6 sentences; coders fill 0/1 and their name)")

# %% [markdown]
# **How to read:** one row per sentence with empty 0/1 columns, one per frame;
# `unit_id` (`doc_id:sentence_id`) joins the human codes back to the automatic ones.
# Report Krippendorff's alpha per frame before any F1: where coders disagree, no
# automatic measure can be validated.
