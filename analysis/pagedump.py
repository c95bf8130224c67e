"""Parse the plain text people save from a news page into headline, metadata and body.

A saved page mixes the story with page furniture. The rules are general
layout rules, not strings from one site:

- **outlet**: a first line that is short (<= 6 words), has no sentence
  punctuation and is followed by another paragraph (the site name);
- **title**: the next paragraph when it is a single line not ending in a full
  stop (else the first line is the title and there is no outlet);
- **caption**: a line ending in a photo credit in parentheses:
  ``(Photo: ...)`` or ``(... Photo ...)`` or ``(... AP)`` / ``(... via Reuters)``
  (any credit naming a wire in ``WIRES``);
- **dateline**: a line ``WIRE City (Country)`` (``AP Seoul (South Korea)``);
  the body starts on the next line;
- **standfirst**: a paragraph before the body whose words all occur, in the
  same order and starting with the same three words, in the body's first
  paragraph (a summary cut from the lead sentence); dropped;
- **furniture** dropped wherever it appears: captions, lines wholly in
  parentheses (editorial and syndication notes, "(Corrects ...)"), and
  calls to action (a line of <= 25 words starting with ``PROMOTION_STARTS``:
  "Don't miss ...", "Follow us ...", "Also read ...");
- **end**: the body ends at a publication stamp (``First Published: Sep 22
  2022 | 10:13 AM IST``, ``Last Updated: ...``, ``Published: March 24,
  2023``), which gives ``published`` ("First Published" wins); everything
  after it (navigation) is dropped, and so are trailing short lines without
  sentence punctuation ("Explore News", "Most Read");
- without a dateline the body is every paragraph after the title that is not
  furniture; a leading standfirst is dropped.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

WIRES = ("AP", "AFP", "Reuters", "PTI", "IANS", "ANI", "Bloomberg", "Yonhap", "Kyodo", "Xinhua")
PROMOTION_STARTS = (
    "don't miss", "don’t miss", "follow us", "subscribe", "sign up", "download", "join us",
    "click here", "also read", "read more", "get the latest",
)  # fmt: skip

_WIRE = "|".join(WIRES)
_DATELINE = re.compile(rf"^(?P<wire>{_WIRE})\s+(?P<place>[A-Z][\w .'’-]*?\s*\([^()]+\))\s*$")
_CAPTION = re.compile(rf"\((?:[^()]*\bphoto\b[^()]*|[^()]*\b(?:{_WIRE}))\)\s*$", re.IGNORECASE)
_STAMP = re.compile(
    r"^(?P<kind>First Published|Published|Last Updated|Updated)\s*:?\s*"
    r"(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})"
    r"(?:\s*\|\s*(?P<time>\d{1,2}:\d{2}\s*[AP]M)(?:\s+(?P<tz>[A-Z]{2,5}))?)?",
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each a list of stripped non-empty lines."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in blocks if b.strip()]


def _words(line: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(line)]


def _is_short_label(line: str) -> bool:
    return len(line.split()) <= 6 and not re.search(r"[.!?:;]$", line)


def _is_furniture(line: str) -> bool:
    """Caption, parenthesised note or call to action: dropped wherever it appears."""
    if _CAPTION.search(line) or (line.startswith("(") and line.endswith(")")):
        return True
    return len(line.split()) <= 25 and line.casefold().startswith(PROMOTION_STARTS)


def _is_standfirst(paragraph: str, lead: str) -> bool:
    short, long_ = _words(paragraph), _words(lead)
    if len(short) < 3 or len(short) >= len(long_) or short[:3] != long_[:3]:
        return False
    it = iter(long_)
    return all(word in it for word in short)  # ordered subsequence


def _published(lines: list[str]) -> tuple[str | None, str | None]:
    """(ISO date, local time) from the first publication stamp; 'First Published' wins."""
    found = [m for m in map(_STAMP.match, lines) if m]
    found.sort(key=lambda m: m["kind"] != "First Published")
    for match in found:
        for fmt in ("%b %d %Y", "%B %d %Y"):
            try:
                day = datetime.strptime(f"{match['month']} {match['day']} {match['year']}", fmt)
            except ValueError:
                continue
            time = " ".join(p for p in (match["time"], match["tz"]) if p) or None
            return day.date().isoformat(), time
    return None, None


def _split_header(paragraphs: list[list[str]]) -> tuple[str | None, str | None, int]:
    """(outlet, title, index of the first paragraph after them)."""
    if not paragraphs:
        return None, None, 0
    first = paragraphs[0]

    def headline(para: list[str]) -> bool:
        return len(para) == 1 and not para[0].endswith(".") and not _DATELINE.match(para[0])

    site = len(first) == 1 and len(paragraphs) > 2 and _is_short_label(first[0])
    if site and headline(paragraphs[1]):
        return first[0], paragraphs[1][0], 2
    if len(first) == 1 and len(paragraphs) > 1 and not _DATELINE.match(first[0]):
        return None, first[0], 1
    return None, None, 0


def _body_lines(lines: list[str]) -> list[str]:
    """Lines up to the publication stamp, without furniture or trailing navigation."""
    body = []
    for line in lines:
        if _STAMP.match(line):
            break
        if not _is_furniture(line):
            body.append(line)
    while len(body) > 1 and _is_short_label(body[-1]):
        body.pop()  # trailing navigation such as "Explore News"
    return body


def parse_page_dump(text: str, *, source: str) -> dict:
    """Split a saved news page into metadata and body text (rules in the module docstring).

    Args:
        text: the page text (already decoded).
        source: file name of the page; its stem becomes ``doc_id``.

    Returns:
        dict with ``doc_id``, ``title``, ``outlet``, ``wire``, ``dateline``,
        ``published`` (ISO date string or None), ``published_time`` (e.g.
        "10:13 AM IST" or None), ``text`` (body paragraphs joined by "\\n";
        "" when no body was found) and ``source_file``.
    """
    paragraphs = _paragraphs(text)
    outlet, title, start = _split_header(paragraphs)
    rest = [line for para in paragraphs[start:] for line in para]
    wire = dateline = None
    dateline_at = next((i for i, line in enumerate(rest) if _DATELINE.match(line)), None)
    if dateline_at is not None:
        match = _DATELINE.match(rest[dateline_at])
        wire, dateline = match["wire"], " ".join(match["place"].split())
        body = _body_lines(rest[dateline_at + 1 :])  # headline furniture above is dropped
    else:
        body = _body_lines(rest)
    while len(body) > 1 and _is_standfirst(body[0], body[1]):
        body.pop(0)  # standfirst repeating the lead
    published, published_time = _published(rest)
    return {
        "doc_id": Path(source).stem,
        "title": title,
        "outlet": outlet,
        "wire": wire,
        "dateline": dateline,
        "published": published,
        "published_time": published_time,
        "text": "\n".join(body),
        "source_file": Path(source).name,
    }
