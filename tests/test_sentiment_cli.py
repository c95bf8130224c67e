"""The ``sentiment`` command: per-document and per-sentence CSVs, one-line errors."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis.cli import main
from analysis.sentiment import DOCUMENT_COLUMNS, SENTENCE_COLUMNS


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"id": "d1", "title": "Summit", "text": "The summit was great. The talks were very good.",
     "published": "2023-03-16", "outlet": "X", "outlet_country": "KR"},
    {"id": "d2", "title": "Korean", "text": "한국과 일본의 정상회담이 열렸다.",
     "published": "2023-03-16", "outlet": "Y", "outlet_country": "KR"},
]  # fmt: skip


def test_cli_writes_documents_and_sentences(tmp_path):
    corpus = _write_jsonl(tmp_path / "c.jsonl", ROWS)
    before = corpus.read_bytes()
    out, sentences = tmp_path / "out" / "docs.csv", tmp_path / "sent.csv"
    code = main(["sentiment", str(corpus), "--out", str(out), "--sentences", str(sentences)])
    assert code == 0
    assert corpus.read_bytes() == before  # input untouched
    docs = pd.read_csv(out)
    assert list(docs.columns) == DOCUMENT_COLUMNS
    assert docs["doc_id"].tolist() == ["d1", "d2"]
    assert docs.loc[0, "textblob_polarity"] == pytest.approx((0.8 + 0.91) / 2)
    assert docs.loc[0, "vader_compound"] == pytest.approx((0.6249 + 0.4927) / 2)
    assert docs.loc[0, "n_sentences"] == 2
    # the Korean text has a tone (the multilingual model) and empty lexicon cells, never 0
    assert docs["is_scored"].tolist() == [True, True]
    assert -1 <= docs.loc[1, "tone"] <= 1
    assert math.isnan(docs.loc[1, "textblob_polarity"])
    assert math.isnan(docs.loc[1, "vader_compound"])
    per_sentence = pd.read_csv(sentences, keep_default_na=False)
    assert list(per_sentence.columns) == SENTENCE_COLUMNS
    assert per_sentence["textblob_drivers"].tolist()[:2] == ["great:+0.80", "very good:+0.91"]
    assert not list(tmp_path.glob("**/*.tmp-*"))  # atomic writes leave nothing behind


def test_cli_documents_only(tmp_path):
    corpus = _write_jsonl(tmp_path / "c.jsonl", ROWS[:1])
    out = tmp_path / "docs.csv"
    assert main(["sentiment", str(corpus), "--out", str(out)]) == 0
    assert pd.read_csv(out)["doc_id"].tolist() == ["d1"]


def test_cli_bad_input_one_line_error(tmp_path, capsys):
    bad = _write_jsonl(tmp_path / "bad.jsonl", [{**ROWS[0], "text": ""}])
    out = tmp_path / "docs.csv"
    code = main(["sentiment", str(bad), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "bad.jsonl" in err and "text" in err
    assert not out.exists()


def test_cli_missing_file(tmp_path, capsys):
    code = main(["sentiment", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv")])
    assert code == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_cli_exclude_duplicates(tmp_path):
    copy = {**ROWS[0], "id": "d1-copy", "outlet": "Z"}
    corpus = _write_jsonl(tmp_path / "c.jsonl", [ROWS[0], copy])
    out = tmp_path / "docs.csv"
    assert main(["sentiment", str(corpus), "--out", str(out)]) == 0
    assert pd.read_csv(out)["doc_id"].tolist() == ["d1", "d1-copy"]
    assert main(["sentiment", str(corpus), "--out", str(out), "--exclude-duplicates"]) == 0
    assert pd.read_csv(out)["doc_id"].tolist() == ["d1"]
