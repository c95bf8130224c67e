"""How much of a corpus a measure analysed, per language (the "analysed" table).

A report's shares and means rest only on the documents its measure read. A
researcher who loads English, Korean and Japanese news needs to see, per
language, how many documents each report left out: for a measure that reads all
three, about none; for the English dictionaries, every Korean and Japanese text.
Every report shows this table (``show_analysed``) for the measure it is about.

>>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "language": ["en", "ko", "ko"]})
>>> analysed_table(docs, ["a", "b"])[["language", "n_docs", "n_unanalysed"]].to_dict("list")
{'language': ['Korean (ko)', 'English (en)', 'all'], 'n_docs': [2, 1, 3], 'n_unanalysed': [1, 0, 1]}
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import HTML

from analysis.checks import require_columns
from analysis.display import show_table
from analysis.lang import LANGUAGES
from analysis.overview import LANGUAGE_NAMES

COLUMNS = ["language", "n_docs", "n_analysed", "n_unanalysed", "unanalysed_share"]


def _label(code: str) -> str:
    return f"{LANGUAGE_NAMES[code]} ({code})" if code in LANGUAGE_NAMES else code


def analysed_table(
    docs: pd.DataFrame, analysed: Iterable[str], *, by: str = "language"
) -> pd.DataFrame:
    """Documents a measure analysed and left out, per language, with a total row.

    Args:
        docs: the report's documents (``doc_id`` and ``by``); not modified.
        analysed: the ``doc_id`` values the measure analysed (scored, coded ...).
            Ids not in ``docs`` are ignored.
        by: the language column (a missing language counts as ``und``).

    Returns:
        One row per language (most documents first) and an ``all`` row, columns
        ``language`` ("Korean (ko)"), ``n_docs``, ``n_analysed``, ``n_unanalysed``,
        ``unanalysed_share`` (0..1; NaN for an empty corpus).
    """
    require_columns(docs, ["doc_id", by], what="analysed_table")
    done = docs["doc_id"].isin(set(analysed))
    frame = pd.DataFrame(
        {"code": docs[by].astype("string").fillna("und").to_numpy(), "done": done.to_numpy()}
    )
    counts = frame.groupby("code", sort=False)["done"].agg(n_docs="size", n_analysed="sum")
    counts = counts.sort_values("n_docs", ascending=False, kind="stable").reset_index()
    total = pd.DataFrame({"code": ["all"], "n_docs": [len(frame)], "n_analysed": [done.sum()]})
    table = pd.concat([counts, total], ignore_index=True)
    table["n_docs"] = table["n_docs"].astype("int64")
    table["n_analysed"] = table["n_analysed"].astype("int64")
    table["n_unanalysed"] = table["n_docs"] - table["n_analysed"]
    share = table["n_unanalysed"] / table["n_docs"].where(table["n_docs"] > 0)
    table["unanalysed_share"] = share.astype("float64")
    table["language"] = table["code"].map(_label)
    return table[COLUMNS]


def readable_documents(
    docs: pd.DataFrame, *, languages: Iterable[str] = tuple(LANGUAGES)
) -> list[str]:
    """The ``doc_id`` values of documents the toolkit reads with its own language rules.

    Args:
        docs: documents with ``doc_id``, ``text`` and ``language``; not modified.
        languages: the languages read (default: those with a language module,
            English, Korean and Japanese).

    Returns:
        Ids of the documents in one of ``languages`` whose text is not blank.
    """
    require_columns(docs, ["doc_id", "text", "language"], what="readable_documents")
    known = docs["language"].astype("string").isin(list(languages)).fillna(False)
    has_text = docs["text"].astype("string").fillna("").str.strip().ne("")
    return docs.loc[known & has_text, "doc_id"].tolist()


def show_analysed(
    docs: pd.DataFrame,
    analysed: Iterable[str],
    *,
    measure: str,
    by: str = "language",
    caption: str | None = None,
) -> HTML:
    """Display ``analysed_table`` under a caption that names the measure.

    Args:
        docs: the report's documents; not modified.
        analysed: the ``doc_id`` values ``measure`` analysed.
        measure: what analysed them ("tone", "kj_frames", "voices" ...).
        by: the language column.
        caption: replaces the default caption (which names ``measure``).

    Returns:
        The displayed table (columns of ``analysed_table``).
    """
    table = analysed_table(docs, analysed, by=by)
    caption = caption or (
        f"Documents analysed by {measure}, per language (unanalysed: left out of every "
        f"{measure} figure below)"
    )
    return show_table(table, caption=caption, float_format="{:.2f}")
