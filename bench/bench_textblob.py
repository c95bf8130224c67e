"""TextBlob's sentiment analyzer: its own, the private copy before, and the private copy now.

    nice .venv/bin/python bench/bench_textblob.py [--rounds 5] [--seed 14]

Corpus: the English REAL bench corpus (bench/real_corpus.py: the 214 Narrative
Frames articles whole and the NYT editorial and NewsMTSC sentences composed
into documents without replacement; 707 documents, 2.6 M characters, no
sentence repeated). Every analyzer scores every document once per round.

Analyzers, all in this one process, lexicons loaded before any timing:

- **textblob**: ``textblob.en.sentiment``, what ``TextBlob(text).sentiment``
  calls (TextBlob's ``lazydict`` lookups, its ``parser.find_tokens``);
- **before**: a private copy with ``dict`` lookups only (what
  ``analysis.sentiment.pattern`` gave before ``FindTokens``);
- **private**: ``analysis.sentiment.pattern.textblob_sentiment()``, dict
  lookups and ``FindTokens`` (its memo of peeled tokens emptied before every
  round, so no round profits from an earlier one).

Rounds alternate the order (textblob, before, private, then reversed, ...), so
a change of the machine's load hits all three. Times are CPU seconds of this
process (``time.process_time``), median over rounds; ratios are of medians and
also given per round (min-max). The tokenizers alone (``find_tokens`` vs
``FindTokens``) and ``assessments`` alone (TextBlob's method on TextBlob's
analyzer and on the "before" copy, vs the private analyzer's, on the words of
each document) are timed the same way. Before timing, the three analyzers'
polarity, subjectivity and assessments are checked equal on every document.

Timings on a shared machine move with its load: compare the ratios, which are
taken inside one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from analysis.sentiment import pattern  # noqa: E402


def _corpus(seed: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("real_corpus", HERE / "real_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compose_real_corpus(seed=seed)["en"]["text"].tolist()


def _analyzers():
    """``{"textblob": ..., "before": ..., "private": ...}`` (private copies first)."""
    private = pattern.textblob_sentiment()
    before, _ = pattern._private_analyzer()
    import textblob.en

    own = textblob.en.sentiment
    len(own)  # load its lexicon before timing
    return {"textblob": own, "before": before, "private": private}


def _scores(analyzer, texts: list[str]) -> list:
    out = []
    for text in texts:
        score = analyzer(text)
        out.append((score[0], score[1], [(list(w), p, s, x) for w, p, s, x in score.assessments]))
    return out


def _assessing(analyzer):
    return lambda words: analyzer.assessments(iter(words))


def _time(work, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        work(text)
    return time.process_time() - start


def _rounds(jobs: dict, texts: list[str], rounds: int, reset) -> dict[str, list[float]]:
    """CPU seconds of each job over all texts, per round, in alternating order."""
    times = {name: [] for name in jobs}
    for r in range(rounds):
        order = list(jobs) if r % 2 == 0 else list(reversed(jobs))
        for name in order:
            reset()
            times[name].append(_time(jobs[name], texts))
    return times


def _report(title: str, times: dict[str, list[float]], chars: int, pairs) -> None:
    print(f"\n{title}")
    print(f"  {'':10} {'CPU s (median)':>15} {'chars/s':>12}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:10} {median:15.3f} {chars / median:12,.0f}")
    for slow, fast in pairs:
        ratio = statistics.median(times[slow]) / statistics.median(times[fast])
        per_round = [a / b for a, b in zip(times[slow], times[fast], strict=True)]
        print(
            f"  {slow} / {fast}: {ratio:.2f}x  (rounds {min(per_round):.2f}-{max(per_round):.2f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    texts = _corpus(args.seed)
    chars = sum(map(len, texts))
    analyzers = _analyzers()
    reference = _scores(analyzers["textblob"], texts)
    for name in ("before", "private"):
        if _scores(analyzers[name], texts) != reference:
            print(f"error: {name} scores differ from TextBlob's", file=sys.stderr)
            return 1
    find_tokens = analyzers["private"].tokenizer
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"real English bench corpus: {len(texts)} documents, {chars:,} characters")
    print(f"scores equal on every document; load average before: {load}; CPU time")
    times = _rounds(analyzers, texts, args.rounds, find_tokens.cache_clear)
    _report(
        "analyzer(text): polarity, subjectivity, assessments",
        times,
        chars,
        [("textblob", "private"), ("before", "private"), ("textblob", "before")],
    )
    tokenizers = {"find_tokens": analyzers["textblob"].tokenizer, "FindTokens": find_tokens}
    times = _rounds(tokenizers, texts, args.rounds, find_tokens.cache_clear)
    _report("tokenizer alone", times, chars, [("find_tokens", "FindTokens")])
    streams = [[(w.lower(), None) for w in " ".join(find_tokens(t)).split()] for t in texts]
    methods = {name: _assessing(analyzer) for name, analyzer in analyzers.items()}
    times = _rounds(methods, streams, args.rounds, find_tokens.cache_clear)
    _report(
        f"assessments alone ({sum(map(len, streams)):,} words)",
        times,
        chars,
        [("textblob", "private"), ("before", "private")],
    )
    print(f"\nload average after: {'/'.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
