"""Throughput of the codebook matcher in English, Korean and Japanese, as ratios.

Matches the three frame codebooks, the contested terms and the actors (the work
``code_frames``, ``term_matches`` and ``find_actor_mentions`` do after sentence
splitting) on:

- English: the sample corpus's real texts (data/sample, 60 documents);
- Korean and Japanese: SYNTHETIC documents made by resampling the real sentences quoted
  in the tests (tests/test_*.py, tests/parallel_texts.py) into 2,000-character texts;
  sentences repeat, which the matcher does not memoise, so the figure is fair for
  matching but says nothing about the variety of real news.

Prints characters/s and documents/s per language and the ratio to English measured in
the same process, and a baseline ratio: the same terms of each codebook as one plain
``re`` alternation with ``findall`` (no NFKC, no word boundaries, no exclusions), the
naive way to do it ("x naive" > 1: the matcher is faster). Timings on a shared machine
vary; read the ratios.
Run: ``python bench/bench_matcher.py``.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

from analysis import config
from analysis.actors import load_actors
from analysis.codebooks import load_codebook
from analysis.corpus import load_corpus
from analysis.terms import load_terms

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from parallel_texts import PARALLEL  # noqa: E402
from test_terms import SUMMIT_CASES, USAGE_CASES  # noqa: E402
from test_voices import KO_JA_VOICES  # noqa: E402

HANGUL = re.compile("[\uac00-\ud7af]")
KANA = re.compile("[\u3040-\u30ff]")


def _sentences() -> dict[str, list[str]]:
    texts = [t for _, _, t in PARALLEL] + [t for t, _ in USAGE_CASES + SUMMIT_CASES]
    texts += [t for t, _ in KO_JA_VOICES]
    return {
        "ko": [t for t in texts if HANGUL.search(t)],
        "ja": [t for t in texts if KANA.search(t) and not HANGUL.search(t)],
    }


def _synthetic(sentences: list[str], n_docs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        parts: list[str] = []
        while sum(map(len, parts)) < 2000:
            parts.append(rng.choice(sentences))
        docs.append(" ".join(parts))
    return docs


def _finders() -> list:
    books = [load_codebook(n) for n in ("kj_frames", "generic_frames", "policy_frames")]
    return [*(b.find for b in books), load_terms().find, load_actors().find]


def _naive() -> list:
    books = [load_codebook(n) for n in ("kj_frames", "generic_frames", "policy_frames")]
    lists = [[t for f in b.frames for t in f.all_terms()[0]] for b in books]
    tl = load_terms()
    lists.append([t for v in tl.variants for t in v.terms] + _translations(tl))
    lists.append([a for aliases in load_actors().table["aliases"] for a in aliases.split(";")])
    finders = []
    for terms in lists:
        ordered = sorted({t.rstrip("*") for t in terms}, key=len, reverse=True)
        rx = re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)
        finders.append(rx.findall)
    return finders


def _translations(tl) -> list[str]:
    """The Korean and Japanese terms of the terms file (from its matcher's groups)."""
    return [term for owners in tl.matcher.group_keys.values() for _, term in owners]


def _time(finders: list, docs: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in docs:
            for find in finders:
                find(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    english = load_corpus()["text"].tolist()
    sentences = _sentences()
    corpora = {
        "en (real)": english,
        "ko (synthetic)": _synthetic(sentences["ko"], 60, config.RANDOM_SEED),
        "ja (synthetic)": _synthetic(sentences["ja"], 60, config.RANDOM_SEED),
    }
    finders, naive = _finders(), _naive()
    print("matcher: 3 frame codebooks + contested terms + actors, best of 3 runs")
    rates = {}
    for label, docs in corpora.items():
        seconds = _time(finders, docs)
        baseline = _time(naive, docs)
        chars = sum(map(len, docs))
        rates[label] = chars / seconds
        print(f"  {label:15s} {len(docs):4d} docs {chars:8d} chars  "
              f"{chars / seconds:11,.0f} chars/s  {len(docs) / seconds:8,.1f} docs/s  "
              f"x naive alternation: {baseline / seconds:5.2f}")  # fmt: skip
    english_rate = rates["en (real)"]
    for label, rate in rates.items():
        print(f"  ratio {label} / en: {rate / english_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
