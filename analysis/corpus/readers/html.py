"""Saved web pages (``.html``/``.htm``, what "Save page as" gives): trafilatura, offline.

The main text, title, author and site name come from ``trafilatura.bare_extraction``
on the page's own HTML (no URL is fetched; htmldate runs without its extensive
search). The rest is read from the page's metadata:

- ``url``: ``<link rel="canonical">``, ``og:url`` or the browser's
  ``<!-- saved from url=... -->`` comment;
- ``published``: ``article:published_time`` / ``datePublished`` (with time and zone
  when given), else trafilatura's date (a day);
- ``outlet`` and ``outlet_country``: the domain in ``data/outlets.yaml``, else the
  page's site name (``og:site_name``), else missing;
- ``is_extraction_suspect``: the extracted text holds less than half of the page's
  paragraph text; the paragraphs are then kept as the text.

Bytes are decoded as the page's declared charset (``<meta charset>``; EUC-KR and
Shift_JIS pages are common in this field), UTF-8 when none is declared.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from analysis.corpus.dates import DateError, parse_date, to_iso
from analysis.corpus.errors import fail
from analysis.corpus.outlets import outlet_by_domain, outlet_by_name
from analysis.corpus.readers import pagelines as pl
from analysis.corpus.readers.common import NotADocument, Read, one_page
from analysis.corpus.readers.pagedump import split_dateline

__all__ = ["extract_html", "read_html_page"]

SUSPECT_SHARE = 0.5
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dcterms.created", "parsely-pub-date", "date",
)  # fmt: skip
_NO_AUTHOR = {"no author", "unknown", "admin", "staff", "none"}


def _decode(path: Path) -> str:
    data = path.read_bytes()
    match = _CHARSET.search(data[:8192])
    encoding = "utf-8"
    if match:
        try:
            encoding = codecs.lookup(match[1].decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            path.name,
            f"undecodable byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
            f"(not {encoding} as the page declares)",
            where=f"line {line}",
        ) from None


def _url(tree, html: str) -> str | None:
    found = tree.xpath("//link[@rel='canonical']/@href") + tree.xpath(
        "//meta[@property='og:url']/@content"
    )
    if found and found[0].strip().startswith("http"):
        return found[0].strip()
    saved = _SAVED_FROM.search(html[:4096])
    return saved[1] if saved else None


def _json_ld(tree, key: str) -> list[str]:
    """Values of ``key`` ("datePublished", "name" of the author) in the page's JSON-LD."""
    found = []
    for block in tree.xpath("//script[@type='application/ld+json']/text()"):
        if key == "author":
            found += re.findall(r'"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"([^"]+)"', block)
        else:
            found += re.findall(rf'"{key}"\s*:\s*"([^"]+)"', block)
    return found


def _resplit(text: str, paragraphs: list[str]) -> str:
    """trafilatura's text split at the page's own paragraphs when it ran them together.

    On short articles trafilatura falls back to a baseline that joins the article's text
    with spaces (headline, stamp and share buttons included); the ``<p>`` paragraphs it
    holds are then the story.
    """
    flat = " ".join(text.split())
    found = [p for p in paragraphs if p in flat]
    return "\n".join(found) if len(found) > len(text.split("\n")) else text


def _story(text: str, title: str | None) -> tuple[list[str], str | None, str | None]:
    """trafilatura's lines, lightly cleaned; (lines, dateline, wire).

    Lighter than the rules for text dumps, because trafilatura has already chosen the
    main text: the headline, leading stamps/bylines/share buttons, a copyright notice in
    the second half and short furniture lines go; the rest stays. (On trafilatura's own
    150 annotated pages the full dump rules lost 11 % of the text people marked as main
    text; these lose none: bench/check_html_pages.py.)
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    lines = [ln for ln in lines if not title or ln != title.strip()]
    while (
        lines
        and not pl.is_lead(lines[0])
        and (pl.is_furniture(lines[0]) or pl.stamp_kind(lines[0]) or pl.is_byline(lines[0]))
    ):
        lines.pop(0)
    cut = next(
        (i for i, ln in enumerate(lines) if i >= len(lines) / 2 and pl.is_copyright(ln)
         and pl.n_words(ln) <= 25),
        len(lines),
    )  # fmt: skip
    lines = [
        ln
        for ln in lines[:cut]
        if pl.is_lead(ln) or not (pl.is_furniture(ln) and pl.n_words(ln) <= 12)
    ]
    if not any(pl.is_prose(ln) for ln in lines):
        return [], None, None  # menus and headline lists: no article
    dateline = wire = None
    lines[0], dateline, wire = split_dateline(lines[0])
    return lines, dateline, wire


def _published(tree, fallback: str | None) -> str | None:
    values = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if key in _DATE_META:
            values.append((_DATE_META.index(key), meta.get("content")))
    times = tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime")
    candidates = (
        [v for _, v in sorted(values)] + _json_ld(tree, "datePublished") + times[:1] + [fallback]
    )
    for value in candidates:
        try:
            parsed = parse_date(value)
        except DateError:
            continue
        if parsed:
            return to_iso(parsed)
    return None


_NOT_STORY = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::form"
    " or ancestor::*[re:test(concat(@class, ' ', @id), "
    "'comment|related|recommend|sidebar|share|promo|footer|newsletter|popular|rank', 'i')]"
)


def _paragraph_text(tree) -> list[str]:
    """The page's running-text paragraphs outside navigation, footers, comments and teasers."""
    lines = []
    nodes = tree.xpath(
        f"//body//p[not({_NOT_STORY})]", namespaces={"re": "http://exslt.org/regular-expressions"}
    )
    for node in nodes:
        text = " ".join(node.text_content().split())
        if pl.is_prose(text) and not (pl.is_caption(text) or pl.is_copyright(text)):
            lines.append(text)
    return list(dict.fromkeys(lines))


def _outlet(url: str | None, hostname: str | None, sitename: str | None) -> tuple:
    for host in (url, hostname):
        if host and (found := outlet_by_domain(host)):
            return found
    if sitename and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", sitename):
        return outlet_by_name(sitename) or (sitename.strip(), None)
    return None, None


def _is_person(author: str | None, *names: str | None) -> bool:
    """An author field that names someone, not "No Author" or the outlet itself."""
    if not author or author.casefold() in _NO_AUTHOR:
        return False
    return all(author.casefold() != (n or "").casefold() for n in names)


def _tree(html: str):
    """The page as an lxml tree; None for an empty or unparseable page."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura(html: str, url: str | None) -> dict:
    """trafilatura's text and metadata, offline (the HTML string, no extensive date search)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return doc.as_dict() if doc is not None else {}


def _clean_title(title: str | None, *names: str | None) -> str | None:
    """The headline without " | Outlet" / "Site|" around it and without wire slugs."""
    for name in filter(None, names):
        title = title and re.sub(rf"\s*[|｜–—-]\s*{re.escape(name)}\s*$", "", title, flags=re.I)
        title = title and re.sub(rf"^{re.escape(name)}\s*[|｜:]\s*", "", title, flags=re.I)
    return pl.SLUG.sub("", title).strip() or None if title else None


def extract_html(html: str, *, source: str) -> dict:
    """Fields of one saved page (see the module docstring); ``text`` "" when no article.

    Args:
        html: the page's HTML (decoded).
        source: file name (its stem becomes ``doc_id``).

    Returns:
        dict with ``doc_id``, ``title``, ``byline``, ``outlet``, ``outlet_country``,
        ``published``, ``url``, ``dateline``, ``wire``, ``text``, ``is_extraction_suspect``,
        ``source_file``.
    """
    tree = _tree(html)
    if tree is None:
        return {"doc_id": Path(source).stem, "text": "", "source_file": Path(source).name}
    url = _url(tree, html)
    meta = _trafilatura(html, url)
    outlet, country = _outlet(url, meta.get("hostname"), meta.get("sitename"))
    title = _clean_title(meta.get("title"), outlet, meta.get("sitename"))
    paragraphs = _paragraph_text(tree)
    lines, dateline, wire = _story(_resplit(meta.get("text") or "", paragraphs), title)
    text = "\n".join(lines)
    suspect = bool(paragraphs) and len(text) < SUSPECT_SHARE * sum(map(len, paragraphs))
    if suspect:
        text = "\n".join(paragraphs)
    author = meta.get("author") or next(iter(_json_ld(tree, "author")), None)
    return {
        "doc_id": Path(source).stem,
        "title": title,
        "byline": author if _is_person(author, outlet, meta.get("sitename")) else None,
        "outlet": outlet,
        "outlet_country": country,
        "published": _published(tree, meta.get("date")),
        "url": url,
        "dateline": dateline,
        "wire": wire,
        "text": text,
        "is_extraction_suspect": suspect,
        "source_file": Path(source).name,
    }


def read_html_page(path: Path) -> Read:
    """One saved HTML page -> one row (``kind`` news, ``text_complete`` True unless suspect).

    Raises:
        NotADocument: trafilatura finds no main text (a navigation page, an index).
        CorpusError: bytes that are not in the page's declared encoding.
    """
    fields = extract_html(_decode(path), source=path.name)
    if not fields["text"].strip():
        raise NotADocument("no article (no main text found in the HTML: navigation or index page)")
    record = {"kind": "news", "text_complete": "true"}
    record |= {k: v for k, v in fields.items() if v is not None}
    return one_page(record, path, "html")
