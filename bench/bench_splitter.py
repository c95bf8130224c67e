"""Sentence splitters on real text: boundary accuracy and speed, old against new, same process.

Accuracy (boundary precision, recall, F1) on the sentences marked by hand in
``tests/data/sentence_boundaries_en.json`` (350 boundaries: a development set
of 10 Narrative Frames Corpus articles, not held out, and a held-out set of
10 sample-corpus texts marked after the rules were frozen), and on pySBD's 48
English golden rules (``tests/data/pysbd_golden_rules_en.json``, MIT).

Speed on real, non-repeating text: the 214 Narrative Frames Corpus articles
(``data/validation/nfc_articles_dev.tsv``) and the English sample corpus, each
document split once with memos cleared, best of three runs; characters/s of
wall time and the ratio against the old splitter (pysbd with regex fast paths,
``bench/baseline_splitter.py``) in the same run. Other splitters on PyPI are
measured too when installed (blingfire, sentencex, nupunkt, syntok).

Korean (Kiwi) and Japanese (rules; Sudachi for tokens): characters/s for
sentences and for tokens on the shipped NSMC reviews and Economy Watchers
comments (real text, joined 20 to a document), and the one-off cost of the
first call (import and model load).

Run: ``.venv/bin/python bench/bench_splitter.py``. Prints; asserts nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline_splitter  # noqa: E402

from analysis import config  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.lang import en_split, for_language  # noqa: E402
from analysis.text import sentence_table  # noqa: E402

DATA = config.PROJECT_ROOT / "tests" / "data"
_KEY = re.compile(r"[^\W_]")
Splitter = Callable[[str], list[tuple[int, int]]]


def _key(text: str, position: int) -> int:
    match = _KEY.search(text, position)
    return match.start() if match else len(text)


def boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Boundary keys of a split: the first letter/digit of every sentence but the first."""
    return {_key(text, start) for start, _ in spans} - {_key(text, 0)}


def _locate(text: str, sentences) -> list[tuple[int, int]]:
    spans, position = [], 0
    for sentence in sentences:
        piece = sentence.strip()
        start = text.find(piece, position) if piece else -1
        if start >= 0:
            spans.append((start, start + len(piece)))
            position = start + len(piece)
    return spans


def candidates() -> dict[str, Splitter]:
    """The splitters to compare: new, old, and those on PyPI that are installed."""
    english = for_language("en")
    splitters: dict[str, Splitter] = {
        "old (pysbd + fast paths)": baseline_splitter.sentence_spans,
        "new (analysis.lang)": english.sentence_spans,
    }
    try:
        import blingfire

        splitters["blingfire"] = lambda t: list(blingfire.text_to_sentences_and_offsets(t)[1])
    except ImportError:
        pass
    try:
        import sentencex

        splitters["sentencex"] = lambda t: _locate(t, sentencex.segment("en", t))
    except ImportError:
        pass
    try:
        import nupunkt

        splitters["nupunkt"] = lambda t: _locate(t, nupunkt.sent_tokenize(t))
    except ImportError:
        pass
    try:
        import syntok.segmenter as syntok

        def _syntok(text: str) -> list[tuple[int, int]]:
            return [
                (s[0].offset, s[-1].offset + len(s[-1].value))
                for paragraph in syntok.analyze(text)
                for s in paragraph
            ]

        splitters["syntok"] = _syntok
    except ImportError:
        pass
    return splitters


def marked_documents() -> list[dict]:
    """The hand-marked documents with their texts read from their sources (sha256 checked)."""
    marked = json.loads((DATA / "sentence_boundaries_en.json").read_text("utf-8"))
    nfc = pd.read_csv(config.VALIDATION_DIR / "nfc_articles_dev.tsv", sep="\t")
    nfc_texts = dict(zip(nfc["ID"].astype(str), nfc["text"], strict=True))
    sample = load_corpus(config.SAMPLE_CORPUS)
    sample_texts = dict(zip(sample["doc_id"], sample["text"], strict=True))
    documents = []
    for doc in marked["documents"]:
        texts = nfc_texts if doc["source"] == "nfc_articles_dev.tsv" else sample_texts
        text = texts[doc["id"]]
        if hashlib.sha256(text.encode()).hexdigest() != doc["sha256"]:
            raise ValueError(f"sentence_boundaries_en.json: {doc['id']}: text changed (sha256)")
        documents.append({**doc, "text": text})
    return documents


def accuracy(splitter: Splitter, documents: list[dict], subset: str) -> dict[str, float]:
    """Boundary precision, recall and F1 of ``splitter`` on one set of marked documents."""
    tp = fp = fn = 0
    for doc in documents:
        if doc["set"] != subset:
            continue
        gold = set(doc["sentence_starts"])
        found = boundaries(doc["text"], splitter(doc["text"]))
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
    return {"precision": precision, "recall": recall, "f1": f1, "n_gold": tp + fn}


def golden_rules(splitter: Splitter) -> int:
    """How many of pySBD's 48 English golden rules the splitter gets exactly right."""
    cases = json.loads((DATA / "pysbd_golden_rules_en.json").read_text("utf-8"))["cases"]
    return sum([c["text"][s:e] for s, e in splitter(c["text"])] == c["sentences"] for c in cases)


def chars_per_second(splitter: Splitter, texts: list[str], repeats: int = 3) -> float:
    """Characters/s of wall time, best of ``repeats``, memos cleared before each run."""
    best = float("inf")
    for _ in range(repeats):
        en_split.block_spans.cache_clear()
        baseline_splitter._block_spans.cache_clear()
        start = time.perf_counter()
        for text in texts:
            splitter(text)
        best = min(best, time.perf_counter() - start)
    return sum(map(len, texts)) / best


def english_report() -> None:
    documents = marked_documents()
    nfc = pd.read_csv(config.VALIDATION_DIR / "nfc_articles_dev.tsv", sep="\t")
    sample = load_corpus(config.SAMPLE_CORPUS)
    texts = [*nfc["text"], *sample.loc[sample["language"] == "en", "text"]]
    print(f"English: {len(texts)} real documents, {sum(map(len, texts)):,} characters (speed)")
    print(
        f"{'splitter':26} {'M chars/s':>9} {'x old':>6} {'golden/48':>9}  "
        f"{'dev P / R / F1':>20}  {'held-out P / R / F1':>20}"
    )
    old_speed = None
    for name, splitter in candidates().items():
        speed = chars_per_second(splitter, texts, repeats=1 if "old" in name else 3)
        old_speed = speed if "old" in name else old_speed
        dev = accuracy(splitter, documents, "development")
        held = accuracy(splitter, documents, "held_out")
        ratio = f"{speed / old_speed:6.1f}" if old_speed else "   n/a"
        print(
            f"{name:26} {speed / 1e6:9.2f} {ratio} {golden_rules(splitter):9d}  "
            f"{dev['precision']:.3f} / {dev['recall']:.3f} / {dev['f1']:.3f}  "
            f"{held['precision']:.3f} / {held['recall']:.3f} / {held['f1']:.3f}"
        )
    docs = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    en_split.block_spans.cache_clear()
    start = time.perf_counter()
    sentence_table(docs)
    table_seconds = time.perf_counter() - start
    print(
        f"sentence_table (split + language per sentence, language detected): "
        f"{sum(map(len, texts)) / table_seconds / 1e6:.2f} M chars/s"
    )
    n_dev = accuracy(candidates()["new (analysis.lang)"], documents, "development")["n_gold"]
    n_held = accuracy(candidates()["new (analysis.lang)"], documents, "held_out")["n_gold"]
    print(f"(marked boundaries: {n_dev} development, {n_held} held out)")


def _documents_of(path: Path, size: int = 20) -> list[str]:
    comments = pd.read_csv(path, sep="\t", quoting=3)["text"].astype(str).tolist()
    return ["\n".join(comments[i : i + size]) for i in range(0, len(comments), size)]


def cjk_report() -> None:
    for code, file in (("ko", "ko_nsmc_reviews.tsv"), ("ja", "ja_economy_watchers.tsv")):
        language = for_language(code)
        texts = _documents_of(config.VALIDATION_DIR / file)
        n_chars = sum(map(len, texts))
        start = time.perf_counter()
        language.sentence_spans(texts[0])
        language.tokens(texts[0])
        first = time.perf_counter() - start
        start = time.perf_counter()
        n_sentences = sum(len(language.sentence_spans(t)) for t in texts)
        split = time.perf_counter() - start
        start = time.perf_counter()
        n_tokens = sum(len(language.tokens(t)) for t in texts)
        tokenise = time.perf_counter() - start
        print(
            f"{language.name}: {len(texts)} documents, {n_chars:,} chars; first call (load) "
            f"{first:.2f} s; sentences {n_chars / split / 1e6:.2f} M chars/s "
            f"({len(texts) / split:,.0f} docs/s, {n_sentences:,} sentences); tokens "
            f"{n_chars / tokenise / 1e3:,.0f} k chars/s ({n_tokens / tokenise:,.0f} tokens/s)"
        )


if __name__ == "__main__":
    english_report()
    cjk_report()
