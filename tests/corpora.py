"""Corpora built from real text to break the report notebooks (the report matrix).

Every corpus is written as one JSONL file in the corpus schema and built only from
text the repository ships: the sample corpus (``data/sample``, official texts and
one news page) and the human-coded validation sets (``data/validation``: Korean
NSMC reviews, Japanese Economy Watchers comments, NYT editorial and NewsMTSC news
sentences). The texts are real; where a corpus needs metadata its source lacks
(an outlet, a country, a date), the builder assigns it and says so in the
document's ``license`` note and in the builder's docstring. Nothing here is
lorem ipsum and nothing is random: the same repository gives the same files.

``python tests/corpora.py DIR`` writes every corpus into ``DIR`` (to render the
reports on them by hand: ``python -m analysis report --corpus DIR/no_dates.jsonl``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.validation_sets import read_validation_set

SAMPLE_JSONL = config.SAMPLE_DIR / "korea_japan_official_2018_2024.jsonl"
FIELDS = ("id", "title", "text", "published", "outlet", "outlet_country", "kind", "url",
          "license", "text_complete", "event", "pair_group")  # fmt: skip
ASSIGNED = "; metadata (outlet, country, date) assigned by tests/corpora.py"


def sample_rows() -> list[dict]:
    """The sample corpus's official texts as written in its JSONL file (59 rows)."""
    with SAMPLE_JSONL.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _write(rows: list[dict], folder: Path, name: str) -> Path:
    path = Path(folder) / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = {key: row[key] for key in FIELDS if row.get(key) is not None}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _dates(n: int, *, start: str = "2018-01-15", end: str = "2024-06-15") -> list[str]:
    """``n`` dates spread evenly between ``start`` and ``end`` (assigned, not observed)."""
    days = pd.date_range(start, end, periods=max(n, 2))[:n]
    return [d.strftime("%Y-%m-%d") for d in days]


def _grouped_documents(
    texts: list[str], *, per_doc: int, prefix: str, sep: str = " "
) -> list[tuple[str, str]]:
    """Consecutive ``texts`` joined ``per_doc`` at a time: (doc id, text)."""
    docs = []
    for i in range(0, len(texts) - per_doc + 1, per_doc):
        docs.append((f"{prefix}-{i // per_doc + 1:04d}", sep.join(texts[i : i + per_doc])))
    return docs


def one_document(folder: Path) -> Path:
    """A single Korean government statement from the sample."""
    row = next(r for r in sample_rows() if r["outlet_country"] == "KR")
    return _write([row], folder, "one_document")


def one_country(folder: Path) -> Path:
    """Only the sample's Japanese-government texts (24 documents, one country)."""
    return _write([r for r in sample_rows() if r["outlet_country"] == "JP"], folder, "one_country")


def korean_only(folder: Path, *, n_docs: int = 40) -> Path:
    """Korean text only: NSMC movie reviews (CC0), five reviews per document, dated
    2018-2024 and credited to one outlet by this builder."""
    reviews = read_validation_set("nsmc", split="all")["text"].astype(str).tolist()
    docs = _grouped_documents(reviews, per_doc=5, prefix="nsmc")[:n_docs]
    rows = [
        {"id": doc_id, "title": text[:30], "text": text, "published": day,
         "outlet": "네이버 영화 리뷰 (NSMC)", "outlet_country": "KR", "kind": "review",
         "license": "CC0 1.0 (NSMC, e9t/nsmc)" + ASSIGNED}
        for (doc_id, text), day in zip(docs, _dates(len(docs)), strict=True)
    ]  # fmt: skip
    return _write(rows, folder, "korean_only")


def japanese_only(folder: Path, *, n_docs: int = 40) -> Path:
    """Japanese text only: Economy Watchers Survey comments (CC BY 4.0, Cabinet Office),
    four comments per document, dated 2018-2024 by this builder."""
    comments = read_validation_set("economy_watchers", split="all")["text"].astype(str).tolist()
    docs = _grouped_documents(comments, per_doc=4, prefix="ew", sep="\n")[:n_docs]
    rows = [
        {"id": doc_id, "title": text[:24], "text": text, "published": day,
         "outlet": "景気ウォッチャー調査", "outlet_country": "JP", "kind": "survey_comment",
         "license": "CC BY 4.0 (Cabinet Office, Economy Watchers Survey)" + ASSIGNED}
        for (doc_id, text), day in zip(docs, _dates(len(docs)), strict=True)
    ]  # fmt: skip
    return _write(rows, folder, "japanese_only")


def mixed_languages(folder: Path, *, n_per_language: int = 10) -> Path:
    """English, Korean and Japanese documents in one corpus, ``n_per_language`` each:
    NewsMTSC news sentences (MIT, four per document, credited to US outlets), NSMC
    reviews (CC0, five per document, KR) and Economy Watchers comments (CC BY 4.0,
    four per document, JP), dated over the year either side of 6 March 2023 by this
    builder. No Korean or Japanese news text is shipped (data/sample/LICENSES.md), so
    the Korean and Japanese documents are reviews and survey comments."""
    sets = (
        ("newsmtsc", 4, " ", "en", "US", "NewsMTSC digest", "news", "MIT (NewsMTSC)"),
        ("nsmc", 5, " ", "ko", "KR", "네이버 영화 리뷰 (NSMC)", "review",
         "CC0 1.0 (NSMC, e9t/nsmc)"),
        ("economy_watchers", 4, "\n", "ja", "JP", "景気ウォッチャー調査", "survey_comment",
         "CC BY 4.0 (Cabinet Office, Economy Watchers Survey)"),
    )  # fmt: skip
    rows = []
    for name, per_doc, sep, code, country, outlet, kind, licence in sets:
        texts = read_validation_set(name, split="all")["text"].astype(str).tolist()
        docs = _grouped_documents(texts, per_doc=per_doc, prefix=f"mixed-{code}", sep=sep)
        docs = docs[:n_per_language]
        days = _dates(len(docs), start="2022-04-01", end="2024-02-28")
        rows += [
            {"id": doc_id, "title": text.split(sep)[0][:40], "text": text, "published": day,
             "outlet": outlet, "outlet_country": country, "kind": kind,
             "license": licence + ASSIGNED}
            for (doc_id, text), day in zip(docs, days, strict=True)
        ]  # fmt: skip
    return _write(rows, folder, "mixed_languages")


def no_dates(folder: Path) -> Path:
    """The sample's official texts with every publication date removed."""
    rows = [{**r, "published": None} for r in sample_rows()]
    return _write(rows, folder, "no_dates")


def single_year(folder: Path, *, year: str = "2023") -> Path:
    """The sample's texts of one year (2023: 23 documents from JP, KR and US)."""
    rows = [r for r in sample_rows() if (r.get("published") or "").startswith(year)]
    return _write(rows, folder, "single_year")


TWENTY_COUNTRIES = ("JP", "KR", "US", "INTL", "CN", "KP", "IN", "GB", "FR", "DE",
                    "AU", "CA", "SG", "TW", "PH", "VN", "ID", "TH", "MY", "NZ")  # fmt: skip


def twenty_countries(folder: Path) -> Path:
    """Twenty dated sample texts, each credited to a different country and outlet."""
    dated = [r for r in sample_rows() if r.get("published")][: len(TWENTY_COUNTRIES)]
    rows = [
        {**r, "outlet_country": country, "outlet": f"{r['outlet']} ({country} desk)",
         "license": r["license"] + ASSIGNED}
        for r, country in zip(dated, TWENTY_COUNTRIES, strict=True)
    ]  # fmt: skip
    return _write(rows, folder, "twenty_countries")


def mostly_duplicates(folder: Path, *, n_copies: int = 6) -> Path:
    """Three sample texts and, for each, ``n_copies`` reposts: exact copies and copies with
    a wire slug or a changed headline, as aggregators republish wire stories."""
    originals = [r for r in sample_rows() if r.get("published")][:3]
    rows = list(originals)
    for r in originals:
        for k in range(n_copies):
            text = r["text"] if k % 2 == 0 else f"(LEAD) {r['text']}"
            title = r["title"] if k % 3 else f"{r['title']} (update {k})"
            rows.append({**r, "id": f"{r['id']}-copy{k + 1}", "text": text, "title": title,
                         "outlet": f"Aggregator {k + 1}"})  # fmt: skip
    return _write(rows, folder, "mostly_duplicates")


HOSTILE_TEXT = (
    "<p>Seoul and Tokyo held talks.</p><script>document.title='pwned'</script>"
    "<img src=x onerror=alert(1)> </table> **not bold** $x^2$ &lt;b&gt;"
)


def hostile_markup(folder: Path) -> Path:
    """Sample texts wrapped in HTML (paragraphs, line breaks, entities) plus documents whose
    title, outlet and text carry scripts, event handlers, ``</table>``, markdown and LaTeX."""
    from analysis.browser import HOSTILE_TITLE

    rows = []
    for i, r in enumerate(sample_rows()[:20]):
        paragraphs = "".join(f"<p>{p}</p>" for p in r["text"].split("\n") if p.strip())
        text = paragraphs if i % 2 == 0 else r["text"].replace("\n", "<br />\n")
        rows.append({**r, "text": text})
    for r in sample_rows()[20:24]:
        rows.append({**r, "title": HOSTILE_TITLE, "outlet": "<b>Evil</b> Outlet",
                     "text": f"{HOSTILE_TEXT} {r['text']}", "kind": "<i>news</i>"})  # fmt: skip
    return _write(rows, folder, "hostile_markup")


def no_frame_matches(folder: Path, *, n_docs: int = 20, per_doc: int = 3) -> Path:
    """English news-like sentences (ecosent headlines' translations, MIT) in which no term
    of any frame codebook matches: every frame is absent from every document."""
    from analysis.codebooks import load_codebook
    from analysis.framing import frame_matches

    heads = read_validation_set("ecosent", split="all")["text"].astype(str).tolist()
    probe = pd.DataFrame({"doc_id": [f"h{i}" for i in range(len(heads))], "text": heads,
                          "language": "en"})  # fmt: skip
    hit = set()
    for name in ("kj_frames", "generic_frames", "policy_frames"):
        hit |= set(frame_matches(probe, load_codebook(name))["doc_id"])
    clean = [t for i, t in enumerate(heads) if f"h{i}" not in hit]
    docs = _grouped_documents(clean, per_doc=per_doc, prefix="ecosent", sep="\n")[:n_docs]
    countries = ("JP", "KR", "US")
    rows = [
        {"id": doc_id, "title": text.split("\n")[0], "text": text, "published": day,
         "outlet": f"Headline digest {i % 3 + 1}", "outlet_country": countries[i % 3],
         "kind": "news", "license": "MIT (ecosent, van Atteveldt et al. 2021)" + ASSIGNED}
        for i, ((doc_id, text), day) in enumerate(zip(docs, _dates(len(docs)), strict=True))
    ]  # fmt: skip
    return _write(rows, folder, "no_frame_matches")


def large(folder: Path, *, n_docs: int = 5000) -> Path:
    """``n_docs`` documents of real, non-repeating English news and editorial sentences
    (NewsMTSC and NYT editorial snippets, MIT), with outlets, countries and dates rotated
    over the sample's (SYNTHETIC assembly of real sentences)."""
    sentences = read_validation_set("newsmtsc", split="all")["text"].astype(str).tolist()
    sentences += read_validation_set("nyt_editorial", split="all")["text"].astype(str).tolist()
    unique = list(dict.fromkeys(s.strip() for s in sentences if len(s.split()) >= 5))
    per_doc = max(1, len(unique) // n_docs)
    docs = _grouped_documents(unique, per_doc=per_doc, prefix="news")[:n_docs]
    meta = [(r["outlet"], r["outlet_country"], r["kind"]) for r in sample_rows()]
    rows = [
        {"id": doc_id, "title": text[:60], "text": text, "published": day,
         "outlet": meta[i % len(meta)][0], "outlet_country": meta[i % len(meta)][1],
         "kind": meta[i % len(meta)][2], "license": "MIT (NewsMTSC; vaderSentiment)" + ASSIGNED}
        for i, ((doc_id, text), day) in enumerate(zip(docs, _dates(len(docs)), strict=True))
    ]  # fmt: skip
    return _write(rows, folder, "large")


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "one_document": one_document,
    "one_country": one_country,
    "korean_only": korean_only,
    "japanese_only": japanese_only,
    "mixed_languages": mixed_languages,
    "no_dates": no_dates,
    "single_year": single_year,
    "twenty_countries": twenty_countries,
    "mostly_duplicates": mostly_duplicates,
    "hostile_markup": hostile_markup,
    "no_frame_matches": no_frame_matches,
    "large": large,
}


def build_all(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the named corpora (default: all) into ``folder``; return name -> path."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return {name: BUILDERS[name](Path(folder)) for name in names or BUILDERS}


if __name__ == "__main__":
    for name, path in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).items():
        sys.stdout.write(f"{name}: {path}\n")
