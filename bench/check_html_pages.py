"""Saved HTML pages on real pages: our reader against plain trafilatura, on trafilatura's own set.

    .venv/bin/python bench/check_html_pages.py PATH/TO/trafilatura/tests [--limit N]

trafilatura's repository keeps real saved pages (``tests/eval``, ``tests/cache``) with,
for each, snippets a person marked as belonging to the main text ("with") and as
boilerplate ("without"), plus the title and date (``tests/evaldata.json``). Nothing
here is downloaded or committed: point the script at a checkout of that repository.

Printed, for ``analysis.corpus.readers.html.extract_html`` and, as the baseline in
the same process, ``trafilatura.extract`` with the same options on the same pages:
the share of "with" snippets found in the text, the share of "without" snippets kept
out, how often the title and the date (day) match the annotation, how many pages were
flagged ``is_extraction_suspect`` or yielded no text, and the time ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.readers.html import extract_html  # noqa: E402


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _score(text: str, item: dict) -> tuple[int, int, int, int]:
    flat = _norm(text)
    with_ = [s for s in item.get("with", []) if s.strip()]
    without = [s for s in item.get("without", []) if s.strip()]
    found = sum(_norm(s) in flat for s in with_)
    kept_out = sum(_norm(s) not in flat for s in without)
    return found, len(with_), kept_out, len(without)


def _pages(root: Path, limit: int | None) -> list[tuple[Path, dict]]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for item in data.values():
        for folder in ("eval", "cache"):
            path = root / folder / item["file"]
            if path.is_file():
                pages.append((path, item))
                break
    return pages[:limit] if limit else pages


def _run(pages, extract) -> dict:
    totals = dict.fromkeys(("found", "with", "out", "without", "title", "date", "empty"), 0)
    totals["suspect"] = 0
    start = time.perf_counter()
    for path, item in pages:
        fields = extract(_decode(path), path)
        found, n_with, out, n_without = _score(fields["text"], item)
        totals["found"] += found
        totals["with"] += n_with
        totals["out"] += out
        totals["without"] += n_without
        totals["empty"] += not fields["text"].strip()
        totals["suspect"] += bool(fields.get("is_extraction_suspect"))
        title = _norm(item.get("title", ""))
        totals["title"] += bool(title) and _norm(fields.get("title") or "") == title
        totals["date"] += (
            bool(item.get("date")) and (fields.get("published") or "")[:10] == item["date"]
        )
    totals["seconds"] = time.perf_counter() - start
    return totals


def _ours(html: str, path: Path) -> dict:
    return extract_html(html, source=path.name)


def _baseline(html: str, path: Path) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta = doc.as_dict() if doc is not None else {}
    return {
        "text": meta.get("text") or "",
        "title": meta.get("title"),
        "published": meta.get("date"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tests", type=Path, help="trafilatura's tests/ folder (a checkout)")
    parser.add_argument("--limit", type=int, default=None, help="first N annotated pages only")
    args = parser.parse_args(argv)
    pages = _pages(args.tests, args.limit)
    if not pages:
        parser.error(f"{args.tests}: no annotated pages (evaldata.json + eval/, cache/)")
    base, ours = _run(pages, _baseline), _run(pages, _ours)
    print(f"{len(pages)} real saved pages with annotations (trafilatura tests/evaldata.json)")
    print(f"{'':34}{'trafilatura':>12}{'our reader':>12}")
    rows = [
        ("'with' snippets in the text", "found", "with"),
        ("'without' snippets kept out", "out", "without"),
        ("title as annotated", "title", None),
        ("date (day) as annotated", "date", None),
    ]
    for label, key, denominator in rows:
        shares = [t[key] / (t[denominator] if denominator else len(pages)) for t in (base, ours)]
        print(f"{label:34}{shares[0]:>12.3f}{shares[1]:>12.3f}")
    print(f"{'pages with no text':34}{base['empty']:>12}{ours['empty']:>12}")
    print(f"{'pages flagged extraction suspect':34}{'-':>12}{ours['suspect']:>12}")
    print(f"time: our reader / trafilatura alone = {ours['seconds'] / base['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
