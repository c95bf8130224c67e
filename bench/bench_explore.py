"""How the explorer page copes with many sentences, in headless Chromium.

    .venv/bin/python bench/bench_explore.py [--sizes 1000,10000,50000]

Corpus: SYNTHETIC documents of 8 REAL sentences each, drawn without replacement from
the real sentences shipped in the repository (the sample corpus, and the
``nyt_editorial``, ``newsmtsc``, ``frac`` English sets, ``nsmc`` Korean and
``economy_watchers`` Japanese sets of data/validation: about 19,000 distinct
sentences); past the pool the draw starts again, so a 50,000-sentence page repeats
each sentence about 2.6 times. Metadata (outlet, country, kind, date) is resampled
from the sample's documents. The page is built by the package (``explorer_table``:
real scores, frame and term matches) and opened in headless Debian Chromium
(Selenium); the page's own script records its times on ``<body data-*>``.

Printed per size: Python build time, page size, time to first render (JSON parse +
first 100 rows, as measured by the page), wall time from navigation to ready, and
the time of one filter pass for a country filter, a text search and a tone range;
then each figure's RATIO to the smallest size, measured in the same process. The
machine may be shared: read ratios, not absolute times.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.browser import headless_driver
from analysis.corpus import load_corpus
from analysis.explore import explorer_html, explorer_table
from analysis.language import detect_language
from analysis.text import split_sentences
from analysis.validation_sets import read_validation_set

SETS = ("nyt_editorial", "newsmtsc", "frac", "nsmc", "economy_watchers")
PER_DOC = 8


def sentence_pool() -> pd.DataFrame:
    """Distinct real sentences with their language."""
    docs = load_corpus(config.SAMPLE_CORPUS)
    texts = [s for text in docs["text"] for s in split_sentences(text)]
    for name in SETS:
        texts += read_validation_set(name, split="all")["text"].astype(str).tolist()
    pool = pd.DataFrame({"sentence": pd.unique(pd.Series(texts).str.strip())})
    pool = pool[pool["sentence"].str.len() > 0].reset_index(drop=True)
    return pool.assign(language=[detect_language(s) for s in pool["sentence"]])


def synthetic_corpus(pool: pd.DataFrame, n_sentences: int, seed: int = 7) -> pd.DataFrame:
    """Documents of ``PER_DOC`` pool sentences of one language, metadata resampled."""
    rng = np.random.default_rng(seed)
    meta = load_corpus(config.SAMPLE_CORPUS)[["outlet", "outlet_country", "kind", "published"]]
    rows, order = [], []
    while len(order) < n_sentences:
        order += list(rng.permutation(len(pool)))
    picked = pool.iloc[order[:n_sentences]].sort_values("language", kind="stable")
    for i, start in enumerate(range(0, len(picked), PER_DOC)):
        part = picked.iloc[start : start + PER_DOC]
        source = meta.iloc[int(rng.integers(len(meta)))]
        rows.append(
            {"doc_id": f"syn-{i}", "title": f"synthetic document {i}",
             "text": "\n".join(part["sentence"]), "language": part["language"].iloc[0],
             **source.to_dict()}
        )  # fmt: skip
    return pd.DataFrame(rows)


def _body(driver, name: str) -> float:
    return float(driver.find_element("tag name", "body").get_attribute(name))


def _filter_ms(driver, script: str) -> float:
    driver.execute_script(script + "; window.kjExplorer.apply();")
    return _body(driver, "data-filter-ms")


def measure(driver, page: Path) -> dict:
    start = time.perf_counter()
    driver.get(page.resolve().as_uri())
    while driver.find_element("tag name", "body").get_attribute("data-ready") != "1":
        time.sleep(0.01)
    wall = (time.perf_counter() - start) * 1000
    set_value = "document.getElementById('{}').value = '{}'"
    return {
        "first_render_ms": _body(driver, "data-first-render-ms"),
        "ready_wall_ms": wall,
        "filter_country_ms": _filter_ms(driver, set_value.format("kj-country", "KR")),
        "search_ms": _filter_ms(
            driver,
            set_value.format("kj-country", "") + ";" + set_value.format("kj-search", "japan"),
        ),
        "tone_range_ms": _filter_ms(
            driver, set_value.format("kj-search", "") + ";" + set_value.format("kj-tone-min", "0.3")
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="sentences per page")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    pool = sentence_pool()
    sys.stdout.write(
        f"pool: {len(pool)} distinct real sentences ({pool['language'].value_counts().to_dict()})\n"
    )
    results = {}
    driver = headless_driver()
    try:
        with tempfile.TemporaryDirectory(prefix="kj-bench-explore-") as tmp:
            for size in sizes:
                docs = synthetic_corpus(pool, size)
                t0 = time.perf_counter()
                table = explorer_table(docs)
                html = explorer_html(table, docs, title=f"bench {size}")
                build = time.perf_counter() - t0
                page = Path(tmp) / f"explorer_{size}.html"
                page.write_text(html, encoding="utf-8")
                row = {"sentences": len(table), "build_s": build, "mb": len(html.encode()) / 1e6}
                row.update(measure(driver, page))
                results[size] = row
                sys.stdout.write(
                    " ".join(
                        f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}"
                        for k, v in row.items()
                    )
                    + "\n"
                )
    finally:
        driver.quit()
    base = results[sizes[0]]
    for size in sizes[1:]:
        ratios = {k: results[size][k] / base[k] for k in base if k != "sentences" and base[k]}
        text = " ".join(f"{k}={v:.1f}x" for k, v in ratios.items())
        sys.stdout.write(f"ratio {size} / {sizes[0]} sentences: {text}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
