"""Tests for ``python -m analysis frames``: the CSV it writes and its one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.framing import FRAME_COLUMNS

DOCS = [
    {"id": "a", "text": "Yoon and Kishida held a summit on North Korea.", "outlet_country": "KR"},
    {"id": "b", "text": "Nothing to see here.", "outlet_country": "JP"},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    return path


def test_frames_writes_one_row_per_document_and_frame(corpus, tmp_path):
    out = tmp_path / "frames.csv"
    assert main(["frames", str(corpus), "--out", str(out), "--decision", "any"]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns) == FRAME_COLUMNS
    assert len(df) == 2 * 7
    row = df.set_index(["doc_id", "frame"])
    assert row.loc[("a", "diplomacy"), "n_matches"] == 1
    assert row.loc[("a", "security"), "matched_terms"] == "North Korea*"
    assert row.loc[("a", "security"), "present"] == 1  # any match
    assert row.loc[("b", "security"), "present"] == 0
    # the default: kj_frames' calibrated rule (a share of the sentences, about 1 in 6):
    # one sentence of eight on North Korea is a mention, not the security frame
    mention = {"id": "c", "text": "North Korea fired a missile. " + "The weather was mild. " * 7}
    longer = tmp_path / "longer.jsonl"
    longer.write_text(json.dumps(mention) + "\n", encoding="utf-8")
    for decision, expected in (("calibrated", 0), ("any", 1)):
        assert main(["frames", str(longer), "--out", str(out), "--decision", decision]) == 0
        row = pd.read_csv(out, keep_default_na=False).set_index("frame").loc["security"]
        assert (row["n_sentences"], row["sentence_share"], row["present"]) == (1, 1 / 8, expected)
    assert df[df["doc_id"] == "b"]["n_matches"].sum() == 0


def test_frames_other_codebook_by_name(corpus, tmp_path):
    out = tmp_path / "generic.csv"
    assert main(["frames", str(corpus), "--out", str(out), "--codebook", "generic_frames"]) == 0
    df = pd.read_csv(out)
    assert sorted(df["frame"].unique()) == sorted(
        ["conflict", "responsibility", "economic", "human_interest", "morality"]
    )


def test_frames_malformed_codebook_is_one_line_exit_2(corpus, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "frames:\n  - {id: x, label: X, description: d, terms: [a], regex: ['(']}\n",
        encoding="utf-8",
    )
    out = tmp_path / "never.csv"
    code = main(["frames", str(corpus), "--out", str(out), "--codebook", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: bad.yaml: entry 1 (id 'x'), field 'regex': bad regex '('")
    assert err.count("\n") == 1
    assert not out.exists()


def test_frames_unknown_codebook_and_missing_corpus(corpus, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["frames", str(corpus), "--out", str(out), "--codebook", "nope"]) == 2
    assert "error: unknown codebook 'nope'; available:" in capsys.readouterr().err
    assert main(["frames", str(tmp_path / "missing.jsonl"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.slow  # a fresh interpreter imports the whole package (~10 s)
def test_frames_as_a_process(corpus, tmp_path):
    out = tmp_path / "p.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "frames", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(out)) == 14


def test_frames_leaves_out_text_in_a_language_without_terms_and_says_so(tmp_path, caplog):
    chinese = {  # no codebook has Chinese terms: the document is left out, not coded absent
        "id": "k",
        "text": "中国外交部发言人表示，中方关注朝鲜半岛局势。",
        "outlet_country": "CN",
    }
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in [*DOCS, chinese]) + "\n", encoding="utf-8")
    out = tmp_path / "mixed.csv"
    with caplog.at_level("INFO"):
        assert main(["frames", str(path), "--out", str(out)]) == 0
    df = pd.read_csv(out)
    assert sorted(df["doc_id"].unique()) == ["a", "b"]  # no present=0 rows for "k"
    assert "1 document(s) in languages the codebook has no terms for not coded" in caplog.text
    assert "2 documents x 7 frames; present: calibrated" in caplog.text
