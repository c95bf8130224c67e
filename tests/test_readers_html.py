"""analysis.corpus.readers.html: saved web pages through trafilatura, offline (known answers)."""

from __future__ import annotations

import shutil
import socket

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import CorpusError, load_corpus
from analysis.corpus.readers.html import extract_html

EXPECTED = {
    "japantimes_pact": {
        "title": "Tokyo calls Seoul's decision to scrap intel pact 'extremely regrettable'",
        "byline": "Jane Morita",
        "outlet": "The Japan Times",
        "outlet_country": "JP",
        "published": "2019-08-23T18:05:00+09:00",
        "url": "https://www.japantimes.co.jp/news/2019/08/23/national/politics-diplomacy/"
        "tokyo-seoul-intel-pact/",
        "dateline": "TOKYO",
    },
    "yonhap_ko_euckr": {  # EUC-KR bytes, date and author only in JSON-LD
        "title": "정부, 지소미아 종료 결정",
        "byline": "이수진",
        "outlet": "Yonhap News Agency",
        "outlet_country": "KR",
        "published": "2019-08-22T18:21:00+09:00",
        "url": "https://www.yna.co.kr/view/AKR20190822000000001",
        "dateline": "서울",
    },
    "nhk_saved": {  # no metadata but the browser's "saved from url" comment and <time>
        "title": "日韓外相会談 輸出管理めぐり平行線",
        "byline": None,
        "outlet": "NHK",
        "outlet_country": "JP",
        "published": "2019-08-21T19:05:00+09:00",
        "url": "https://www3.nhk.or.jp/news/html/20190821/k10012000000000.html",
        "dateline": None,
    },
}
BODY = {
    "japantimes_pact": ("Japan on Friday lodged a protest", "without going through Washington.", 4),
    "yonhap_ko_euckr": ("정부는 22일 한일 군사정보보호협정", "입장을 거듭 밝혀 왔다.", 4),
    "nhk_saved": ("中国を訪れている河野外務大臣は", "改めて求めたということです。", 4),
}
FURNITURE = ["Skip to", "본문 바로가기", "本文へ", "Facebook", "Copy link", "공유하기", "ツイート",
             "Related", "관련 뉴스", "関連ニュース", "All rights reserved", "무단 전재", "KYODO",
             "National / Politics", "(서울=연합뉴스)", "이수진 기자"]  # fmt: skip


@pytest.fixture(scope="module")
def no_network():
    """Any attempt to open a connection fails the test: extraction must be offline."""
    original = socket.socket.connect

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[1:]}")

    socket.socket.connect = refuse
    yield
    socket.socket.connect = original


# Two of the saved pages are the README's loading examples: kept once, in data/examples.
EXAMPLES = config.DATA_DIR / "examples" / "saved_pages"
SHARED_PAGES = ("japantimes_pact.html", "nhk_saved.html")


@pytest.fixture(scope="module")
def pages(test_data, no_network, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages") / "html"
    folder.mkdir()
    for page in [
        *sorted((test_data / "html").glob("*.html")),
        *(EXAMPLES / n for n in SHARED_PAGES),
    ]:
        shutil.copyfile(page, folder / page.name)
    with pytest.warns(UserWarning, match=r"^html: 1 skipped: section_index\.html: no article"):
        return load_corpus(folder).set_index("doc_id")


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", sorted(EXPECTED["nhk_saved"]))
def test_saved_page_fields(pages, name, field):
    expected = EXPECTED[name][field]
    if field == "published":
        assert pages.loc[name, "published_utc_offset"] == 540
    value = pages.loc[name, field] if field != "published" else None
    if field == "published":
        from analysis.corpus.dates import parse_date

        assert pages.loc[name, "published"] == parse_date(expected).stamp
    elif expected is None:
        assert pd.isna(value)
    else:
        assert value == expected


@pytest.mark.parametrize("name", sorted(BODY))
def test_saved_page_body(pages, name):
    first, last, n_lines = BODY[name]
    text = pages.loc[name, "text"]
    assert text.startswith(first) and text.endswith(last)
    assert len(text.split("\n")) == n_lines
    assert not any(f in text for f in FURNITURE), [f for f in FURNITURE if f in text]
    assert pages.loc[name, "source_format"] == "html"
    assert not pages.loc[name, "is_extraction_suspect"]
    assert pages.loc[name, "language"] == {"yonhap_ko_euckr": "ko", "nhk_saved": "ja"}.get(
        name, "en"
    )


def test_index_page_is_skipped_named_and_counted(pages):
    assert "section_index" not in pages.index
    report = pages.attrs["load_report"]
    assert report["n_skipped"] == 1
    assert report["skipped"][0].startswith("section_index.html: no article")


def test_index_page_alone_is_an_error(test_data, no_network):
    with pytest.raises(CorpusError, match=r"^section_index\.html: no article \(no main text"):
        load_corpus(test_data / "html" / "section_index.html")


def test_wrong_declared_charset_names_the_byte(tmp_path):
    path = tmp_path / "p.html"
    body = "<p>정부는 협정을 종료하기로 결정했다고 밝혔다.</p>".encode("euc-kr")
    path.write_bytes(b'<html><head><meta charset="utf-8"></head><body>' + body + b"</body></html>")
    with pytest.raises(CorpusError, match=r"^p\.html: line 1: undecodable byte 0x\w\w at byte "):
        load_corpus(path)


def test_extract_html_does_not_modify_and_is_deterministic(test_data, no_network):
    html = (EXAMPLES / "japantimes_pact.html").read_text(encoding="utf-8")
    first = extract_html(html, source="a.html")
    assert extract_html(html, source="a.html") == first


def test_a_page_with_most_of_its_text_outside_the_extract_is_flagged(no_network):
    """trafilatura drops paragraphs that are all link text (a teaser list's pattern): here
    they hold most of the page's running text, so the extract is under half of it, the page
    is flagged and every paragraph kept for a person to judge, never silently lost."""
    lead = [
        "Seoul and Tokyo will resume talks on export controls next month, both governments "
        "said on Monday after a call between the two trade ministers that lasted an hour.",
        "The talks had been frozen since July.",
    ]
    linked = [
        f"Part {i}: the working-level meeting will be held in Tokyo, the first such meeting in "
        "a year, and will cover the three chipmaking materials whose export was restricted."
        for i in range(1, 5)
    ]
    html = (
        "<html><body><article><h1>Talks to resume</h1>" + "".join(f"<p>{s}</p>" for s in lead)
        + "</article><section>" + "".join(f"<p><a href='/{i}'>{s}</a></p>" for i, s in
                                         enumerate(linked)) + "</section></body></html>"
    )  # fmt: skip
    fields = extract_html(html, source="t.html")
    assert fields["is_extraction_suspect"] is True
    assert fields["text"] == "\n".join([*lead, *linked])
    assert fields["title"] == "Talks to resume"


def test_comment_and_related_blocks_do_not_count_as_the_page_text(no_network):
    """Paragraphs in comments, related-story and footer blocks are not the article: a page
    whose article trafilatura extracts whole is not flagged because of them."""
    story = (
        "<p>Seoul and Tokyo will resume talks on export controls next month, officials said.</p>"
    )
    comments = "".join(
        f"<p>Reader {i} writes that the two governments should have settled this long ago and "
        "that the talks will fail again unless both sides change course.</p>"
        for i in range(6)
    )
    html = (
        f"<html><body><article><h1>Talks</h1>{story * 3}</article>"
        f"<div id='comments' class='comments'>{comments}</div></body></html>"
    )
    assert extract_html(html, source="c.html")["is_extraction_suspect"] is False
