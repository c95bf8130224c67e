"""``tone train`` (analysis.sentiment.train), the validity card, and the fitting helpers."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus import CorpusError
from analysis.sentiment import build, load_tone_model, score_sentiment
from analysis.sentiment.card import CARD_COLUMNS, validity_card
from analysis.sentiment.train import (
    auc,
    figure,
    fit_ridge,
    fold_of,
    read_codes,
    three_class,
    train_tone_model,
)
from analysis.validation_sets import read_validation_set


def _ecosent_codes(per_class: int) -> pd.DataFrame:
    """Real coded headlines: the first ``per_class`` of each code in ecosent's train split."""
    train = read_validation_set("ecosent", split="train")
    parts = [train[train["label"] == c].head(per_class) for c in (-1, 0, 1)]
    return pd.concat(parts)[["text", "label"]].reset_index(drop=True)


def test_fit_ridge_recovers_a_known_line():
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    weights, bias = fit_ridge(x, 2 * x[:, 0] + 1, penalty=1e-9)
    assert weights[0] == pytest.approx(2.0) and bias == pytest.approx(1.0)
    # row weights: a zero-weight outlier changes nothing
    x2, y2 = np.vstack([x, [[10.0]]]), np.append(2 * x[:, 0] + 1, -100.0)
    w2, b2 = fit_ridge(x2, y2, weight=np.array([1, 1, 1, 1, 0.0]), penalty=1e-9)
    assert w2[0] == pytest.approx(2.0) and b2 == pytest.approx(1.0)


def test_agreement_helpers_hand_computed():
    assert auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])) == 0.75
    assert three_class(np.array([-0.3, -0.1, 0.0, 0.2]), 0.15).tolist() == [-1, 0, 0, 1]
    fig = figure(np.array([1, 2, 3, 4, 5.0]), np.array([2, 4, 6, 8, 10.0]), measure="pearson_r")
    assert fig["value"] == pytest.approx(1.0) and fig["n"] == 5
    assert fold_of("a text", seed=0) == fold_of("a  text", seed=0)  # by text, not spacing
    assert {fold_of(str(i)) for i in range(50)} == set(range(5))


def test_train_round_trips_on_a_small_coded_file(tmp_path, capsys):
    codes = tmp_path / "coded.csv"
    _ecosent_codes(12).to_csv(codes, index=False)
    before = codes.read_bytes()
    out = tmp_path / "my_tone.json"
    assert main(["tone", "train", "--codes", str(codes), "--out", str(out)]) == 0
    assert codes.read_bytes() == before  # input never modified
    printed = capsys.readouterr().out
    assert "accuracy_3class" in printed and "krippendorff_alpha_ordinal" in printed
    model = load_tone_model(out)
    assert model.provenance["data"]["coded.csv"]["n_units"] == 36
    assert model.provenance["data"]["coded.csv"]["classes"] == [-1.0, 0.0, 1.0]
    figures = {f["measure"]: f for f in model.figures}
    assert figures["accuracy_3class"]["split"] == "5-fold cross-validation"
    assert 0 <= figures["accuracy_3class"]["value"] <= 1 and figures["accuracy_3class"]["n"] == 36
    # the model scores a corpus, and the card then shows its own figures
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Unemployment rises sharply."]})
    sentences = score_sentiment(docs, level="sentence", tone_model=out)
    card = validity_card(sentences, tone_model=out)
    assert set(card["split"]) == {"5-fold cross-validation"} and set(card["language"]) == {"en"}
    # same codes, same seed: the same bytes
    again = tmp_path / "again.json"
    assert main(["tone", "train", "--codes", str(codes), "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_train_refuses_too_few_codes_per_class(tmp_path, capsys):
    codes = tmp_path / "few.csv"
    _ecosent_codes(4).to_csv(codes, index=False)
    assert main(["tone", "train", "--codes", str(codes), "--out", str(tmp_path / "m.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: few.csv: too few codes per class")
    assert "-1: 4, 0: 4, 1: 4" in err and not (tmp_path / "m.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,code\nGood.,1\n", r"missing column 'label'; found 'text', 'code'"),
        ("text,label\nGood.,1\n  ,0\n", r"row 3, field 'text': empty text"),
        (
            "text,label\nGood.,1\nBad.,negative\n",
            r"row 3, field 'label': 'negative' is not a number",
        ),
    ],
)
def test_read_codes_one_line_errors(tmp_path, content, message):
    path = tmp_path / "codes.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_codes(path)


def test_train_needs_the_columns():
    with pytest.raises(ValueError, match="codes: missing columns"):
        train_tone_model(pd.DataFrame({"text": ["a"]}))


def test_validity_card_known_answers():
    sentences = pd.DataFrame(
        {
            "language": ["en", "en", "en", "en", "ko", "ko", "ko", "zh"],
            "tone": [0.5, -0.5, 0.0, 0.25, 0.1, 0.2, -0.3, 0.1],
            "vader_compound": [1.0, -1.0, 0.0, 0.5, np.nan, np.nan, np.nan, np.nan],
            "textblob_polarity": [0.5, -0.5, 0.0, 0.0, np.nan, np.nan, np.nan, np.nan],
        }
    )
    before = sentences.copy()
    card = validity_card(sentences)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(card.columns) == CARD_COLUMNS
    en = card[card["language"] == "en"]
    assert set(en["dataset"]) == {"nyt_editorial", "newsmtsc", "ecosent"}
    assert set(en["split"]) == {"test"}
    assert en["zero_share"].iloc[0] == 0.25 and en["n_sentences"].iloc[0] == 4
    assert en["r_tone_vader"].iloc[0] == pytest.approx(1.0)  # vader = 2 x tone here
    ko = card[card["language"] == "ko"]
    assert ko["dataset"].tolist() == ["nsmc"] and ko["figure"].tolist() == ["auc"]
    assert math.isnan(ko["r_tone_vader"].iloc[0])  # VADER does not read Korean
    zh = card[card["language"] == "zh"]
    assert zh["figure"].tolist() == ["no coded data in this language"]
    vader = validity_card(sentences, measure="vader_compound")
    assert set(vader["language"]) == {"en"} and vader["zero_share"].iloc[0] == 0.25
    with pytest.raises(ValueError, match="measure must be one of"):
        validity_card(sentences, measure="compound")


def test_stored_figures_include_the_baselines():
    engines = {f["engine"] for f in load_tone_model().figures}
    assert {
        "tone",
        "tone (names not masked)",
        "vader_compound",
        "textblob_polarity",
        "vader_compound (names masked)",
        "textblob_polarity (names masked)",
    } <= engines
    text = json.dumps(load_tone_model().provenance)
    assert "train" in text and "sha256" in text


# --- the set weights of the shipped model: chosen by cross-validation inside train ----------


def test_margin_is_the_worst_figure_minus_its_target():
    cv = {
        "nyt_editorial:pearson_r": 0.66,
        "newsmtsc:pearson_r": 0.10,  # no target: never the margin
        "ecosent:accuracy_3class": 0.62,
        "economy_watchers:auc": 0.92,
        "nsmc:auc": 0.7994,
    }
    assert build.margin(cv) == pytest.approx(-0.0006)
    assert build.margin(cv | {"nsmc:auc": 0.83}) == pytest.approx(0.02)  # ecosent binds


def test_weighting_grid_starts_with_the_hand_set_default():
    first = build.weightings()[0]
    assert first["nsmc"] == build.SETS["nsmc"][1]
    assert first["economy_watchers"] == build.SETS["economy_watchers"][1]
    assert first["ja/ko train units"] == "one in 2" and build.SAMPLED[("nsmc", "train")] == 2
    assert len(build.weightings()) == math.prod(len(v) for v in build.WEIGHT_GRID.values())


def _tables(texts: list[str]) -> dict:
    rng = np.random.default_rng(0)  # synthetic embeddings: only the choice logic is tested
    return {
        n: {
            "text": np.array(texts),
            "truth": np.zeros(len(texts)),
            "target": np.zeros(len(texts)),
            "embedding": rng.normal(size=(len(texts), 3)),
        }
        for n in build.SETS
    }


def test_choose_weighting_keeps_the_widest_margin_and_breaks_ties_to_the_earlier(monkeypatch):
    texts = [f"Sentence number {i} of a small synthetic table." for i in range(40)]
    seen = []

    def fake_choose(tables, weights=None):  # NSMC helps up to 1.0, then stops mattering
        seen.append(len(tables["nsmc"]["text"]))
        nsmc = 0.79 + 0.02 * min(weights["nsmc"], 1.0)
        cv = {f"{n}:{m}": 0.99 for (n, m) in build.TARGET_FIGURES} | {"nsmc:auc": nsmc}
        return 10.0, 0.2, cv

    monkeypatch.setattr(build, "_choose", fake_choose)
    chosen, grid = build.choose_weighting(_tables(texts))
    assert len(grid) == len(build.weightings())
    assert chosen["weighting"] == {
        "nsmc": 1.0,
        "economy_watchers": build.WEIGHT_GRID["economy_watchers"][0],
        "ja/ko train units": "one in 2",
    }  # 1.5, 2.0, 3.0 tie with 1.0: the earlier point wins
    assert chosen["weights"]["nyt_editorial"] == build.SETS["nyt_editorial"][1]
    assert chosen["margin"] == pytest.approx(0.01)
    assert set(seen) == {40, sum(build.sampled("nsmc", "train", t) for t in texts)}  # one in 2


def test_shipped_model_records_the_cross_validated_choice_of_its_weights():
    provenance = load_tone_model().provenance
    weighting = provenance["weighting"]
    grid = weighting["grid"]
    assert len(grid) == len(build.weightings()) and "worst-case margin" in weighting["rule"]
    for point in grid:  # every stored margin recomputes from its stored cv figures
        assert point["margin"] == pytest.approx(build.margin(point["cv"]), abs=1e-4)
    best = max(range(len(grid)), key=lambda i: (grid[i]["margin"], -i))
    assert grid[best]["weighting"] == weighting["chosen"]
    assert grid[best]["cv"] == provenance["cv"]["figures"]
    assert provenance["data"]["nsmc"]["weight"] == weighting["chosen"]["nsmc"]
    ew = provenance["data"]["economy_watchers"]["weight"]
    assert ew == weighting["chosen"]["economy_watchers"]
