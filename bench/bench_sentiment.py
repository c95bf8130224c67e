"""Sentiment scoring speed: the package versus a naive per-article TextBlob + VADER loop.

    .venv/bin/python bench/bench_sentiment.py [--docs 10000]

Corpus: the real sample corpus (data/sample), replicated whole until it has at
least ``--docs`` documents (each copy gets a new doc_id). Replication means
every text recurs, as wire copy does, so the package's memoisation helps a lot
here; the "cold" rows measure the unique sample texts with every cache emptied
first, so no repeat helps (best of 5 interleaved runs: the machine may be
shared). The lexicons are loaded once before any timing.

Rows, all in this one process:

- naive: ``TextBlob(text).sentiment`` and ``polarity_scores(text)`` per article
  with ONE ``SentimentIntensityAnalyzer`` built up front (the fair baseline; a
  new analyzer per article is far slower still, shown on a subset);
- package document level: ``score_sentiment(docs)`` (TextBlob on the whole text
  plus sentence splitting and VADER per sentence);
- package sentence level: ``score_documents_and_sentences(docs)`` (both tables,
  with driver words).

Prints documents/s, characters/s and the ratio to the naive loop.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

import pandas as pd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import config
from analysis.corpus import load_corpus
from analysis.sentiment import score_documents_and_sentences, score_sentiment, scoring
from analysis.text import _block_spans


def replicate(docs: pd.DataFrame, n_docs: int) -> pd.DataFrame:
    """Whole copies of ``docs`` until there are at least ``n_docs`` rows."""
    copies = -(-n_docs // len(docs))
    parts = [docs.assign(doc_id=docs["doc_id"].astype(str) + f"#{i}") for i in range(copies)]
    return pd.concat(parts, ignore_index=True)


def clear_caches() -> None:
    _block_spans.cache_clear()
    for cached in (
        scoring.textblob_scores,
        scoring._document_textblob,
        scoring.vader_scores,
        scoring._sentence_language,
    ):
        cached.cache_clear()


def naive(docs: pd.DataFrame) -> None:
    analyzer = SentimentIntensityAnalyzer()
    for text in docs["text"]:
        TextBlob(text).sentiment  # noqa: B018 - the work being timed
        analyzer.polarity_scores(text)


def naive_new_analyzer(docs: pd.DataFrame) -> None:
    for text in docs["text"]:
        TextBlob(text).sentiment  # noqa: B018
        SentimentIntensityAnalyzer().polarity_scores(text)


def best_seconds(func, docs: pd.DataFrame) -> float:
    """Seconds of one run with every cache emptied first."""
    clear_caches()
    started = time.perf_counter()
    func(docs)
    return time.perf_counter() - started


def report(label: str, seconds: float, docs: pd.DataFrame, baseline: float | None) -> float:
    n_chars = int(docs["text"].str.len().sum())
    rate = len(docs) / seconds
    ratio = "" if baseline is None else f"{rate / baseline:8.2f}x"
    print(
        f"{label:<44} {len(docs):>7} {seconds:8.2f} {rate:10.1f} {n_chars / seconds:12.0f} {ratio}"
    )
    return rate


def compare(runs: dict, docs: pd.DataFrame, *, repeats: int) -> None:
    """Time each run ``repeats`` times, interleaved (so load changes hit all alike); best of."""
    best = dict.fromkeys(runs, math.inf)
    for _ in range(repeats):
        for label, func in runs.items():
            best[label] = min(best[label], best_seconds(func, docs))
    baseline = None
    for label in runs:
        rate = report(label, best[label], docs, baseline)
        baseline = rate if baseline is None else baseline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, default=10_000, help="replicate the sample to this many"
    )
    parser.add_argument("--repeats", type=int, default=5, help="interleaved cold runs (best of)")
    args = parser.parse_args(argv)
    sample = load_corpus(config.SAMPLE_CORPUS)
    sample = sample[sample["language"] == "en"].reset_index(drop=True)
    corpus = replicate(sample, args.docs)
    print(f"sample corpus: {len(sample)} real English texts; replicated to {len(corpus)} documents")
    print(f"{'run':<44} {'docs':>7} {'seconds':>8} {'docs/s':>10} {'chars/s':>12} ratio")
    naive(sample.head(3))  # load both lexicons and pysbd once, outside every timing
    score_documents_and_sentences(sample.head(3))
    print(
        f"-- unique sample texts, every cache emptied before each run (no repeat helps); "
        f"best of {args.repeats} interleaved runs"
    )
    cold = {
        "naive TextBlob + VADER loop": naive,
        "naive, new VADER analyzer per article": naive_new_analyzer,
        "package, document level (cold)": score_sentiment,
        "package, documents + sentences (cold)": score_documents_and_sentences,
    }
    compare(cold, sample, repeats=args.repeats)
    print(f"-- replicated corpus ({len(corpus)} documents; every text recurs); one run each")
    warm = {
        "naive TextBlob + VADER loop": naive,
        "package, document level": score_sentiment,
        "package, documents + sentences": score_documents_and_sentences,
    }
    compare(warm, corpus, repeats=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
