"""The human-coded validation sets shipped in ``data/validation/``: readers and named splits.

Every figure that compares a measure with human coders reads its set through
this module, so that every script, test and report uses the same rows and the
same split.

Splits are fixed by the text, not by row order or a random draw: a unit is in
the ``test`` split when the first 8 hex digits of
``sha256(f"{set_name}\\n{normalised text}")`` read as an integer, modulo 100, are
below ``TEST_PERCENT`` (30), else in ``train``. Identical texts therefore always
land in the same split (no leak through duplicates), adding or reordering rows
moves nothing, and anyone can recompute the split from the file alone. A figure
names its split: ``train`` (what a model or threshold was fitted on),
``test`` (held out: never used for fitting or tuning), or ``all``.

The sets (licences and citations: ``data/validation/README.md``):

====================  ====================================================  ===========
name                  what                                                  label
====================  ====================================================  ===========
``nyt_editorial``     NYT editorial sentences (Hutto & Gilbert 2014)        mean rating -4..4
``ecosent``           Dutch economic headlines, English translation         -1 / 0 / 1
``newsmtsc``          US news sentences, sentiment toward a target          -1 / 0 / 1 per target
``frac``              news/comment sentences, one policy frame each         MFC code
``nfc``               climate news articles, five generic frames            0/1 per frame
``economy_watchers``  Japanese Economy Watchers comments                    1 pos / 0 neg
``nsmc``              Korean Naver movie reviews                            1 pos / 0 neg
====================  ====================================================  ===========
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis import config
from analysis.checks import check_choice

TEST_PERCENT = 30
SET_NAMES = ("nyt_editorial", "ecosent", "newsmtsc", "frac", "nfc", "economy_watchers", "nsmc")
SPLITS = ("train", "test", "all")
NFC_FRAMES = {"RE": "resolution", "HI": "human_interest", "CO": "conflict", "MO": "moral",
              "EC": "economic"}  # fmt: skip
_FILES = {
    "nyt_editorial": "nyt_editorial_snippets.tsv",
    "ecosent": "ecosent_headlines.csv",
    "newsmtsc": "newsmtsc_train.jsonl",
    "frac": "frac_sentences.csv",
    "nfc": "nfc_articles_dev.tsv",
    "economy_watchers": "ja_economy_watchers.tsv",
    "nsmc": "ko_nsmc_reviews.tsv",
}
_POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}


def split_of(set_name: str, text: str) -> Literal["train", "test"]:
    """The split of one unit of a validation set (see the module docstring).

    Args:
        set_name: one of ``SET_NAMES``.
        text: the unit's text as read from the file.

    Returns:
        ``"test"`` or ``"train"``.
    """
    key = f"{set_name}\n{' '.join(unicodedata.normalize('NFC', text).split())}"
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "test" if bucket < TEST_PERCENT else "train"


def validation_path(set_name: str, folder: str | Path | None = None) -> Path:
    """Path of a set's file (``config.VALIDATION_DIR`` unless ``folder`` is given)."""
    check_choice("set_name", set_name, SET_NAMES)
    return Path(config.VALIDATION_DIR if folder is None else folder) / _FILES[set_name]


def _read(set_name: str, path: Path) -> pd.DataFrame:
    if set_name == "nyt_editorial":
        df = pd.read_csv(path, sep="\t", header=None, names=["item_id", "label", "text"],
                         quoting=3, dtype={"item_id": str})  # fmt: skip
        return df[["item_id", "text", "label"]]
    if set_name == "ecosent":
        df = pd.read_csv(path, dtype={"id": str})
        return pd.DataFrame(
            {
                "item_id": df["id"],
                "text": df["translation"],
                "label": df["value"].astype(int),
                "original": df["headline"],
            }  # fmt: skip
        )
    if set_name == "newsmtsc":
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for target in record["targets"]:
                rows.append(
                    {"item_id": record["primary_gid"], "text": record["sentence_normalized"],
                     "label": _POLARITY[float(target["polarity"])], "target": target["mention"],
                     "target_start": int(target["from"]), "target_end": int(target["to"])}
                )  # fmt: skip
        return pd.DataFrame(rows)
    if set_name == "frac":
        df = pd.read_csv(path)
        return pd.DataFrame(
            {
                "item_id": df.index.astype(str),
                "text": df["sentence"],
                "label": df["label"].astype(int),
            }  # fmt: skip
        )
    if set_name == "nfc":
        df = pd.read_csv(path, sep="\t", dtype={"ID": str})
        out = pd.DataFrame({"item_id": df["ID"], "text": df["text"], "source": df["source"],
                            "published": df["date"]})  # fmt: skip
        for code, frame in NFC_FRAMES.items():
            out[frame] = df[code].astype(str).str.lower().eq("true").astype(int)
        return out
    df = pd.read_csv(path, sep="\t", quoting=3)  # economy_watchers, nsmc: label, text
    return pd.DataFrame(
        {
            "item_id": df.index.astype(str),
            "text": df["text"],
            "label": df["label"].eq("pos").astype(int),
        }  # fmt: skip
    )


def read_validation_set(
    set_name: str,
    *,
    split: Literal["train", "test", "all"] = "all",
    folder: str | Path | None = None,
) -> pd.DataFrame:
    """One shipped validation set as a table, optionally one split of it.

    Args:
        set_name: one of ``SET_NAMES`` (table in the module docstring).
        split: ``"train"``, ``"test"`` (held out) or ``"all"``.
        folder: where the files are; default ``config.VALIDATION_DIR``.

    Returns:
        ``item_id`` (str), ``text`` (str), ``label`` (see the module docstring;
        ``nfc`` has one 0/1 column per frame instead: ``resolution``,
        ``human_interest``, ``conflict``, ``moral``, ``economic``), set-specific
        columns (``original``; ``target``, ``target_start``, ``target_end``;
        ``source``, ``published``), and ``split``.
    """
    check_choice("split", split, SPLITS)
    path = validation_path(set_name, folder)
    df = _read(set_name, path)
    df = df.assign(
        text=df["text"].astype(str),
        split=[split_of(set_name, t) for t in df["text"].astype(str)],
    )
    if split != "all":
        df = df[df["split"] == split].reset_index(drop=True)
    return df
