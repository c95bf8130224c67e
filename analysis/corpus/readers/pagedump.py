"""Parse the plain text people save from a news page into headline, metadata and body.

A saved page mixes the story with page furniture (``readers.pagelines`` says what each
line is). The rules are layout rules that hold across outlets and languages:

- **outlet**: a line naming a known outlet (``data/outlets.yaml``: "Yonhap News
  Agency", "연합뉴스", "共同通信") before the headline, in a copyright line or after
  " | " in the headline; or a first line that is repeated elsewhere on the page
  (a syndication note, a copyright line). Otherwise missing, never the first line;
- **title**: the first headline-like line of the header (3-30 words, no final full
  stop) that is not furniture, a stamp or a byline; wire slugs ("(LEAD)", "(2nd LD)",
  "(ATTN: ...)") are cut from it and kept in ``slug``;
- **byline**: "By ...", "김철수 기자", "山田太郎記者" lines (the first one found);
- **dateline**: a line ``WIRE City (Country)`` (the body starts after it) or the
  opening of the first paragraph: "SEOUL, Aug. 22 (Yonhap) --", "TOKYO (Reuters) -",
  "(서울=연합뉴스)", "【ソウル共同】", "KOBE –" (cut from the body, kept in ``dateline``,
  the wire in ``wire``);
- **published**: the first publication stamp ("Published : Aug 22, 2019 - 17:25",
  "입력 2019.08.22 19:07", "2019年8月22日 19時05分"); an "Updated" stamp only if no other;
- **body**: from the first line that reads as prose after the title to the footer
  ("Related", "관련기사", "関連記事", a copyright notice, a publication stamp after the
  story); captions, credits, navigation, share widgets, promotions, notes in
  parentheses and literal ``<br />`` are dropped wherever they are; a leading
  standfirst that repeats the lead is dropped;
- **lost text is not silent**: when the body holds less than half of the page's
  prose, the page's prose is kept as the text and ``is_extraction_suspect`` is True;
  a page without any prose (a navigation menu) is not an article.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.corpus.dates import search_date, to_iso
from analysis.corpus.outlets import outlet_by_name
from analysis.corpus.readers import pagelines as pl
from analysis.corpus.readers.common import NotADocument, Read, one_page, read_text
from analysis.corpus.readers.pagelines import PROMOTION_STARTS, WIRES

__all__ = [
    "PROMOTION_STARTS",
    "WIRES",
    "parse_page_dump",
    "read_page_dump",
    "split_dateline",
    "story_lines",
]

SUSPECT_SHARE = 0.5  # body below this share of the page's prose: flagged, page prose kept

_WIRE = "|".join(WIRES) + r"|연합뉴스|뉴시스|뉴스1|共同|時事"
_LINE_DATELINE = re.compile(rf"^(?P<wire>{_WIRE})\s+(?P<place>[A-Z][\w .'’-]*?\s*\([^()]+\))\s*$")
_OPENINGS = [
    re.compile(  # SEOUL, Aug. 22 (Yonhap) -- / TOKYO (Reuters) - / SEOUL, South Korea (AP) —
        rf"^(?P<place>[A-Z][A-Za-z .'’-]+?(?:,\s*[A-Z][A-Za-z .]+?)?)(?:,\s*[A-Z][a-z]{{2,4}}\.?"
        rf"\s+\d{{1,2}})?\s*\((?P<wire>{_WIRE})\)\s*(?:--|—|–|-)\s*"
    ),
    re.compile(
        r"^\((?P<place>[가-힣A-Za-z]+)\s*=\s*(?P<wire>[가-힣A-Za-z0-9]+)\)\s*(?:[가-힣]{2,4}\s*기자\s*=\s*)?"
    ),
    re.compile(r"^【(?P<place>[^】]+?)(?P<wire>共同|時事)?】\s*"),
    re.compile(r"^(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,})*)\s*(?:--|—|–)\s*(?=\S)"),
]
_TITLE_OUTLET = re.compile(r"\s+[|｜–—-]\s+(?P<outlet>[^|｜]{2,40})$")


def _lines(text: str) -> list[list[str]]:
    """Paragraphs (blank-line separated) of stripped lines; literal ``<br />`` is a line break."""
    text = re.sub(r"<br\s*/?>", "\n", text.replace("\r\n", "\n").replace("\r", "\n"), flags=re.I)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    blocks = re.split(r"\n\s*\n", text)
    return [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in blocks if b.strip()]


def _site_line(lines: list[str], header: list[str]) -> str | None:
    """The page's first line when it is a short label that recurs on the page (the site)."""
    first = header[0] if header else None
    if first and pl.n_words(first) <= 6 and not pl.is_navigation(first):
        if sum(first in line for line in lines) > 1:
            return first  # the name recurs (syndication note, copyright): it is the site
    return None


def _find_outlet(lines: list[str], header: list[str], title: str | None) -> str | None:
    for line in header:
        found = outlet_by_name(pl.strip_bullets(line))
        if found:
            return found[0]
    if title and (match := _TITLE_OUTLET.search(title)) and outlet_by_name(match["outlet"]):
        return outlet_by_name(match["outlet"])[0]
    for line in lines:
        if pl.is_copyright(line):
            holder = re.sub(
                r"(?i)copyright|all rights reserved|\(c\)|[©ⓒ]|\d{4}|무단.*|저작권자|[.,()]",
                " ",
                line,
            )
            found = outlet_by_name(holder) or next(
                (outlet_by_name(w) for w in holder.split() if outlet_by_name(w)), None
            )
            if found:
                return found[0]
    return _site_line(lines, header)


def _title(header: list[str]) -> str | None:
    """The first headline-like header line; a short label before a longer headline is skipped."""
    candidates = [
        ln
        for ln in header
        if not (pl.is_furniture(ln) or pl.stamp_kind(ln) or pl.is_byline(ln) or outlet_by_name(ln))
    ]
    for test in (lambda ln: pl.n_words(ln) > 3, lambda ln: True):
        for line in candidates:  # section labels ("NATIONAL / POLITICS") are shorter
            if pl.is_headline(pl.SLUG.sub("", line)) and test(line):
                return line
    return candidates[0] if candidates else None


def _split_slug(title: str | None) -> tuple[str | None, str | None]:
    if not title:
        return None, None
    slugs = []
    while match := pl.SLUG.match(title):
        slugs.append(match.group(0).strip())
        title = title[match.end() :]
    if (match := _TITLE_OUTLET.search(title)) and outlet_by_name(match["outlet"]):
        title = title[: match.start()]
    return title.strip() or None, " ".join(slugs) or None


def _published(lines: list[str]) -> str | None:
    stamps = [(pl.stamp_kind(ln), ln) for ln in lines if pl.stamp_kind(ln)]
    stamps.sort(key=lambda s: s[0] != "first")
    for _, line in stamps:
        found = search_date(line)
        if found:
            return to_iso(found)
    return None


def split_dateline(line: str) -> tuple[str, str | None, str | None]:
    """(line without its dateline, dateline place, wire)."""
    for pattern in _OPENINGS:
        match = pattern.match(line)
        if match and len(line) > match.end() + 10:
            wire = match.groupdict().get("wire")
            return line[match.end() :], " ".join(match["place"].split()), wire
    return line, None, None


def _is_standfirst(paragraph: str, lead: str) -> bool:
    short, long_ = (re.findall(r"[^\W_]+", s.casefold()) for s in (paragraph, lead))
    if len(short) < 3 or len(short) >= len(long_) or short[:3] != long_[:3]:
        return False
    it = iter(long_)
    return all(word in it for word in short)  # ordered subsequence


def story_lines(rest: list[str]) -> list[str]:
    """Story lines from the lead to the footer, without furniture."""
    body: list[str] = []
    for line in rest[_lead_at(rest) :]:
        if pl.is_end_marker(line) or (body and pl.stamp_kind(line) and not pl.is_prose(line)):
            if body:
                break
            continue
        if pl.is_furniture(line) or pl.stamp_kind(line) or (pl.is_byline(line) and not body):
            continue
        body.append(line)
    while body and not pl.is_prose(body[-1]):
        body.pop()  # trailing byline, short labels, navigation
    return [ln for ln in body if not pl.is_byline(ln) or pl.is_prose(ln) and pl.n_words(ln) > 12]


def _page_prose(lines: list[str]) -> list[str]:
    return [
        ln
        for ln in lines
        if pl.is_prose(ln) and not (pl.is_caption(ln) or pl.is_copyright(ln) or pl.is_promotion(ln))
    ]


def _lead_at(lines: list[str]) -> int:
    """Index of the story's first line: a sentence of six words or more that is not furniture
    (a plain short text: its first prose line); ``len(lines)`` when there is none."""
    for test in (pl.is_lead, pl.is_prose):
        for i, line in enumerate(lines):
            if test(line) and not pl.is_furniture(line) and not pl.is_end_marker(line):
                return i
    return len(lines)


def _header_and_rest(flat: list[str]) -> tuple[list[str], list[str], str | None, str | None]:
    """(header lines, lines after the dateline or header, dateline place, wire)."""
    at = next((i for i, ln in enumerate(flat) if _LINE_DATELINE.match(ln)), None)
    if at is not None:
        match = _LINE_DATELINE.match(flat[at])
        return flat[:at], flat[at + 1 :], " ".join(match["place"].split()), match["wire"]
    start = _lead_at(flat)
    header = flat[:start]
    title_at = next((i for i, ln in enumerate(header) if ln == _title(header)), None)
    if title_at is None:
        return header, flat[start:], None, None
    return header[: title_at + 1], flat[title_at + 1 :], None, None


def _byline(line: str) -> str | None:
    """The name(s) of a byline line, without "By", e-mail addresses and job titles."""
    text = re.sub(r"\(?\S+@\S+\)?", "", pl.strip_bullets(line))
    text = re.sub(r"(?i)^by[\s:]+", "", text).strip(" ,")
    if re.fullmatch(r"(?i)(staff writer|[\w ]{0,20}correspondent|reporter|senior reporter)", text):
        return None
    return text or None


def parse_page_dump(text: str, *, source: str) -> dict:
    """Split a saved news page into metadata and body text (rules in the module docstring).

    Args:
        text: the page text (already decoded).
        source: file name of the page; its stem becomes ``doc_id``.

    Returns:
        dict with ``doc_id``, ``title``, ``byline``, ``outlet``, ``wire``, ``dateline``,
        ``slug``, ``published`` (ISO text, with time and offset when the page gives them,
        or None), ``text`` (body lines joined by "\\n"; "" when the page has no prose),
        ``is_extraction_suspect`` and ``source_file``. A field the page does not show
        is None.
    """
    flat = [line for para in _lines(text) for line in para]
    header, rest, dateline, wire = _header_and_rest(flat)
    raw_title = _title(header)
    title, slug = _split_slug(raw_title)
    body = story_lines(rest if dateline else [ln for ln in rest if ln != raw_title])
    while len(body) > 1 and _is_standfirst(body[0], body[1]):
        body.pop(0)
    if body and not dateline:
        body[0], dateline, wire = split_dateline(body[0])
    prose = _page_prose(flat)
    prose_chars = sum(len(ln) for ln in prose if ln != raw_title)
    suspect = bool(prose) and sum(map(len, body)) < SUSPECT_SHARE * prose_chars
    if suspect:
        body = [ln for ln in flat if (ln in prose or ln in body) and ln != raw_title]
    byline = next((_byline(ln) for ln in flat if pl.is_byline(ln) and _byline(ln)), None)
    return {
        "doc_id": Path(source).stem,
        "title": title,
        "byline": byline,
        "outlet": _find_outlet(flat, header, raw_title),
        "wire": wire,
        "dateline": dateline,
        "slug": slug,
        "published": _published(flat),
        "text": "\n".join(body),
        "is_extraction_suspect": suspect,
        "source_file": Path(source).name,
    }


def read_page_dump(path: Path) -> Read:
    """One saved page -> one row (``kind`` news, ``text_complete`` True unless suspect).

    Raises:
        NotADocument: the page holds no prose (a navigation menu, an empty file).
    """
    parsed = parse_page_dump(read_text(path), source=path.name)
    if not parsed["text"].strip():
        raise NotADocument("no article (no line reads as running text: navigation or empty page)")
    record = {"kind": "news", "text_complete": "true"}  # a saved page holds the whole story
    record |= {k: v for k, v in parsed.items() if v is not None}
    return one_page(record, path, "pagedump")
