"""analysis.validation_sets: the shipped human-coded sets, their licences and their splits."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import config
from analysis.validation_sets import (
    SET_NAMES,
    TEST_PERCENT,
    read_validation_set,
    split_of,
    validation_path,
)

# rows per set as documented in data/validation/README.md (newsmtsc: one row per target)
SIZES = {"nyt_editorial": 5190, "ecosent": 284, "newsmtsc": 8739, "frac": 523, "nfc": 214,
         "economy_watchers": 1992, "nsmc": 2000}  # fmt: skip
LICENCE_OF = {
    "nyt_editorial": "LICENSE-vaderSentiment.txt",
    "ecosent": "LICENSE-ecosent.txt",
    "newsmtsc": "LICENSE-NewsMTSC.txt",
    "frac": "LICENSE-frac.txt",
    "nfc": "LICENSE-narrative-frames.txt",
    "economy_watchers": "LICENSE-economy-watchers.txt",
    "nsmc": "LICENSE-nsmc.txt",
}


def test_checksums_recorded_in_the_repository_hold():
    lines = (config.VALIDATION_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    recorded = dict(reversed(line.split("  ", 1)) for line in lines if line.strip())
    assert set(recorded) == {validation_path(name).name for name in SET_NAMES}
    for name, digest in recorded.items():
        data = (config.VALIDATION_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_every_set_ships_with_its_licence_named_in_the_readme(set_name):
    licence = config.VALIDATION_DIR / LICENCE_OF[set_name]
    assert licence.is_file() and licence.stat().st_size > 200
    readme = (config.VALIDATION_DIR / "README.md").read_text(encoding="utf-8")
    assert validation_path(set_name).name in readme and licence.name in readme


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_sets_read_whole_with_text_and_split(set_name):
    df = read_validation_set(set_name)
    assert len(df) == SIZES[set_name]
    assert df["text"].str.len().gt(0).all()
    assert set(df["split"]) == {"train", "test"}
    share = (df["split"] == "test").mean()
    assert abs(share - TEST_PERCENT / 100) < 0.06, share


def test_splits_partition_the_set_and_are_fixed_by_text():
    whole = read_validation_set("ecosent")
    train = read_validation_set("ecosent", split="train")
    test = read_validation_set("ecosent", split="test")
    assert len(train) + len(test) == len(whole)
    assert not set(train["text"]) & set(test["text"])
    # whitespace and NFC differences do not move a unit to the other split
    text = whole["text"].iloc[0]
    assert split_of("ecosent", text) == split_of("ecosent", "  " + text.replace(" ", "\n") + " ")
    assert split_of("ecosent", "Cafe\u0301 opens") == split_of("ecosent", "Caf\u00e9 opens")


def test_known_rows_and_labels():
    nyt = read_validation_set("nyt_editorial")
    assert nyt["label"].between(-4, 4).all()
    eco = read_validation_set("ecosent").set_index("item_id")
    assert eco.loc["10367", "label"] == -1
    assert eco.loc["10367", "text"] == "Dijsselbloem pessimistic about quick steps by Greeks"
    mtsc = read_validation_set("newsmtsc")
    first = mtsc.iloc[0]
    assert first["target"] == "Winner" and first["label"] == 0
    assert first["text"][first["target_start"] : first["target_end"]] == "Winner"
    nfc = read_validation_set("nfc")
    assert set(nfc[["resolution", "conflict", "economic"]].stack().unique()) <= {0, 1}
    ew = read_validation_set("economy_watchers")
    assert ew["label"].value_counts().to_dict() == {0: 996, 1: 996}
    assert read_validation_set("nsmc")["label"].isin([0, 1]).all()


def test_unknown_set_or_split_is_a_clear_error():
    with pytest.raises(ValueError, match="set_name must be one of"):
        read_validation_set("imdb")
    with pytest.raises(ValueError, match="split must be one of"):
        read_validation_set("nsmc", split="dev")


def test_reading_does_not_touch_the_files():
    before = {p.name: p.read_bytes() for p in config.VALIDATION_DIR.iterdir()}
    pd.concat([read_validation_set(name) for name in ("frac", "nsmc")])
    assert {p.name: p.read_bytes() for p in config.VALIDATION_DIR.iterdir()} == before
