"""analysis.pagedump: saved news pages -> headline, metadata and body (known answers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus.dates import parse_date
from analysis.pagedump import parse_page_dump

SECOND_DUMP = """Daily Example Times

Japan, South Korea leaders hold first summit in Tokyo in 12 years

Japan's prime minister and South Korea's president agreed to restore ties

A file photo of the two leaders shaking hands. (Photo: Reuters)

Reuters Tokyo (Japan)
Japan's prime minister and South Korea's president agreed on Thursday to restore ties.

The two leaders met in Tokyo for the first such summit in 12 years.
Protesters gather outside the prime minister's office. (Kim Min-jun/Yonhap via Reuters)
Officials said trade talks would follow next month.

(This story has not been edited by Daily Example Times staff; it comes from a syndicated feed.)

Follow us on WhatsApp for the latest updates

Last Updated: Mar 17 2023 | 08:00 AM JST
First Published: Mar 16 2023 | 09:30 PM JST

Home
World News
"""

THIRD_DUMP = """Korea Herald Example

Seoul welcomes Tokyo's export decision

Seoul welcomed Tokyo's decision to lift curbs

Seoul welcomed Tokyo's decision on Friday to lift export curbs on three materials.

Trade minister speaks to reporters in Seoul. (Photo by Lee Jin-man)

Industry groups said the move would help chipmakers.

Published: March 24, 2023

Most Read
"""


LINES = [line for line in (SECOND_DUMP + THIRD_DUMP).split("\n") if line] + [
    "AP Seoul (South Korea)",
    "South Korea's President Yoon Suk-yeol (Photo: AP)",
    "First Published: Sep 22 2022 | 10:13 AM IST",
    "First Published: Feb 30 2022 | 10:13 AM IST",  # impossible date: no published
]


@pytest.fixture(scope="module")
def seed(seed_path):
    return parse_page_dump(seed_path.read_text(encoding="utf-8"), source=str(seed_path))


def test_seed_fields(seed):
    assert seed["doc_id"] == "business-standard-2022-09-22-yoon-kishida"
    assert (
        seed["title"]
        == "Leaders of South Korea, Japan agree to work towards improving partnerships"
    )
    assert seed["outlet"] == "Business Standard"
    assert seed["wire"] == "AP"
    assert seed["dateline"] == "Seoul (South Korea)"
    assert seed["published"] == "2022-09-22T10:13:00+05:30"  # "10:13 AM IST" kept
    assert seed["source_file"] == "business-standard-2022-09-22-yoon-kishida.txt"


def test_seed_body_boundaries(seed):
    body = seed["text"]
    assert body.startswith("The leaders of South Korea and Japan agreed to accelerate efforts")
    assert body.endswith("South Korea-Japan-China summit.")
    assert len(body.split("\n")) == 14  # the 14 body paragraphs of the page


@pytest.mark.parametrize(
    "furniture",
    [
        "in nearly three years\n",  # the standfirst ends here, the lead goes on
        "Pool Photo via AP",
        "(Photo: AP)",
        "AP Seoul",
        "syndicated feed",
        "Telegram",
        "First Published",
        "Explore News",
        "Business Standard",
    ],
)
def test_seed_body_has_no_page_furniture(seed, furniture):
    assert furniture not in seed["text"] + "\n"


def test_seed_lead_appears_once(seed):
    assert seed["text"].count("The leaders of South Korea and Japan agreed") == 1


def test_second_dump_other_wire_captions_and_footer():
    page = parse_page_dump(SECOND_DUMP, source="pages/daily-example.txt")
    assert page["doc_id"] == "daily-example"
    assert page["outlet"] == "Daily Example Times"
    assert page["title"] == "Japan, South Korea leaders hold first summit in Tokyo in 12 years"
    assert page["wire"] == "Reuters"
    assert page["dateline"] == "Tokyo (Japan)"
    assert (
        page["published"] == "2023-03-16T21:30:00+09:00"
    )  # First Published wins over Last Updated
    assert page["text"] == (
        "Japan's prime minister and South Korea's president agreed on Thursday to restore ties.\n"
        "The two leaders met in Tokyo for the first such summit in 12 years.\n"
        "Officials said trade talks would follow next month."
    )


def test_third_dump_without_dateline_drops_standfirst_caption_and_navigation():
    page = parse_page_dump(THIRD_DUMP, source="herald.txt")
    assert page["outlet"] is None  # a first line seen nowhere else is not taken for the outlet
    assert page["title"] == "Seoul welcomes Tokyo's export decision"
    assert page["wire"] is None and page["dateline"] is None
    assert page["published"] == "2023-03-24"
    assert page["text"] == (
        "Seoul welcomed Tokyo's decision on Friday to lift export curbs on three materials.\n"
        "Industry groups said the move would help chipmakers."
    )


def test_crlf_page_parses_like_lf(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    crlf = parse_page_dump(text.replace("\n", "\r\n"), source="x.txt")
    lf = parse_page_dump(text, source="x.txt")
    assert crlf == lf


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Just one paragraph of plain text.", None, "Just one paragraph of plain text."),
        (
            "A headline\n\nFirst paragraph.\n\nSecond paragraph.",
            "A headline",
            "First paragraph.\nSecond paragraph.",
        ),
        ("", None, ""),
    ],
)
def test_plain_text_degrades_gracefully(text, title, body):
    page = parse_page_dump(text, source="plain.txt")
    assert page["title"] == title
    assert page["text"] == body
    assert page["outlet"] is None and page["published"] is None


def test_sentence_with_parenthetical_wire_is_not_a_caption_unless_at_line_end():
    text = "Headline\n\nThe agency (AP) reported the talks.\nIt said more would follow."
    assert parse_page_dump(text, source="a.txt")["text"] == (
        "The agency (AP) reported the talks.\nIt said more would follow."
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_parses_without_error(text):
    page = parse_page_dump(text, source="any.txt")
    assert isinstance(page["text"], str)
    assert page["published"] is None or parse_date(page["published"]) is not None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_shuffled_page_lines_parse_without_error(lines):
    page = parse_page_dump("\n\n".join(lines), source="mix.txt")
    assert "First Published" not in page["text"]
    assert "(Photo: AP)" not in page["text"]


def test_furniture_inside_the_body_is_dropped_and_the_story_goes_on():
    text = (
        "Example Wire Daily\n\nTokyo protests Seoul ruling\n\n"
        "Kyodo Tokyo (Japan)\n"
        "(Corrects the date of the ruling in the second paragraph)\n"
        "Japan lodged a protest on Tuesday.\n"
        "Also read: Seoul court orders compensation\n"
        "The ruling was issued on Monday, officials said.\n"
        "Pyongyang's statement was posted on Telegram and shared by subscribers.\n"
        "Subscribe to our newsletter\n"
        "Most Read\n"
    )
    page = parse_page_dump(text, source="k.txt")
    assert page["wire"] == "Kyodo"
    assert page["text"] == (
        "Japan lodged a protest on Tuesday.\n"
        "The ruling was issued on Monday, officials said.\n"
        "Pyongyang's statement was posted on Telegram and shared by subscribers."
    )


# ---- saved pages of twelve outlets (tests/data/pages, README there) ------------------
# Each expected value was read off the page by a person: (title, byline, outlet, wire,
# dateline, slug, published, first words of the body, last words of the body, n lines).
OUTLETS = {
    "yonhap": ("S. Korea decides to end military info-sharing pact with Japan", None,
               "Yonhap News Agency", "Yonhap", "SEOUL", "(LEAD)", "2019-08-22T18:51:00",
               "South Korea said Thursday", "decision in advance.", 4),
    "koreaherald": ("A pact worth keeping", "Korea Herald", "The Korea Herald", None, None,
                    "[Editorial]", "2019-08-22T17:11:00", "The government's decision",
                    "more interests than grievances.", 7),
    "joongang": ("한·일 외교장관, 베이징서 회담…수출규제 입장차만 확인", "김민지 기자",
                 "JoongAng Ilbo", None, None, None, "2019-08-21T18:30:00", "한국과 일본 외교장관이",
                 "되풀이한 것으로 알려졌다.", 4),
    "kbs": ('정부, 지소미아 종료 결정…"日 신뢰 훼손"', "김태훈 기자", "KBS", None, None, None,
            "2019-08-22T19:00:00", "정부가 한일 군사정보보호협정", "통보할 예정입니다.", 4),
    "japantimes": ("Tokyo calls Seoul's decision to scrap intel pact 'extremely regrettable'",
                   "JANE MORITA", "The Japan Times", None, "TOKYO", None, "2019-08-23",
                   "Japan on Friday lodged", "a matter of trade management.", 3),
    "kyodo": ("韓国、日韓軍事情報協定の破棄を決定\u3000日本政府は抗議", None, "Kyodo News", "共同",
              "ソウル", None, "2019-08-22T19:48:00+09:00", "韓国政府は22日",
              "再考を求める方針だ。", 3),
    "nhk": ("日韓外相会談\u3000輸出管理めぐり平行線", None, "NHK", None, None, None,
            "2019-08-21T19:05:00", "中国を訪れている河野外務大臣", "と述べました。", 3),
    "nikkei": ("Seoul's intel-pact exit deepens rift with Tokyo",
               "MARIKO SATO, Nikkei staff writer", "Nikkei Asia", None, "TOKYO", None,
               "2019-08-22T21:30:00+09:00", "South Korea's decision to end",
               "weigh on investment plans.", 3),
    "bbc": ("South Korea to scrap military intelligence deal with Japan", "Laura Kendall",
            "BBC News", None, None, None, "2019-08-22", "South Korea says it will end",
            "keep the agreement in place.", 3),
    "reuters": ("South Korea to end intelligence-sharing pact with Japan as row deepens",
                "Min-ji Han, Daniel Ross", "Reuters", "Reuters", "SEOUL", None,
                "2019-08-22T20:13:00+09:00", "South Korea said on Thursday",
                "lodge a strong protest.", 3),
    "ap": ("South Korea says it will end military intelligence pact with Japan",
           "PARK SEUNG-HO", "Associated Press", "AP", "SEOUL, South Korea", None,
           "2019-08-22T07:13:00+09:00", "South Korea said Thursday it will terminate",
           "had no immediate comment.", 3),
    "abc": ("South Korea ends intelligence pact with Japan as trade row escalates", "Jane Park",
            "ABC News", None, None, None, "2019-08-22T21:51:00", "South Korea has announced",
            "watched closely by the United States.", 3),
}  # fmt: skip
FIELDS = ("title", "byline", "outlet", "wire", "dateline", "slug", "published")
# Page furniture seen on these outlets' saved pages: none of it may reach the body.
FURNITURE = [
    "Skip to", "본문 바로가기", "Text Size", "글씨크기", "Link copied", "Facebook", "Kakao",
    "<br", "(LEAD)", "(END)", "(Yonhap)", "Keywords", "Related", "관련", "関連", "Read Next",
    "More on this story", "Top Stories", "Image caption", "Image source", "Image copyright",
    "Getty Images", "AP Photo", "ABC News: Jane Park", "Photo:", "| KYODO", "[사진", "Copyright",
    "©", "ⓒ", "All rights reserved", "Reporting by", "Our Standards", "4 minute read",
    "Topics:", "KBS 뉴스 김태훈입니다", "기자", "Published", "입력", "SHARE", "ツイート",
    "Most Popular",
    "By ", "STAFF WRITER", "Seoul correspondent", "staff writer",
]  # fmt: skip


@pytest.fixture(scope="module")
def pages(test_data):
    folder = test_data / "pages"
    return {
        name: parse_page_dump((folder / f"{name}.txt").read_text(encoding="utf-8"), source=name)
        for name in OUTLETS
    }


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
@pytest.mark.parametrize("field", FIELDS)
def test_outlet_page_fields(pages, outlet, field):
    expected = dict(zip(FIELDS, OUTLETS[outlet][:7], strict=True))[field]
    assert pages[outlet][field] == expected


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
def test_outlet_page_body_boundaries(pages, outlet):
    *_, first, last, n_lines = OUTLETS[outlet]
    body = pages[outlet]["text"]
    assert body.startswith(first), body[:80]
    assert body.endswith(last), body[-80:]
    assert len(body.split("\n")) == n_lines
    assert pages[outlet]["is_extraction_suspect"] is False


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
@pytest.mark.parametrize("furniture", FURNITURE)
def test_outlet_page_body_has_no_furniture(pages, outlet, furniture):
    assert furniture not in pages[outlet]["text"]


def test_korea_herald_link_copied_regression(pages, test_data):
    """The parser before this change kept 73 of this page's 2,764 characters (the standfirst
    above the "Published :" stamp), without a word: the stamp ended the body."""
    page = pages["koreaherald"]
    paragraphs = test_data.joinpath("pages", "koreaherald.txt").read_text().split("\n\n")
    story = [p for p in paragraphs if len(p) > 200]
    assert len(story) == 7 and page["text"] == "\n".join(story)
    assert len(page["text"]) == 2_360  # every character of the seven paragraphs


def test_navigation_only_page_has_no_body(test_data):
    text = test_data.joinpath("pages", "navigation_only.txt").read_text(encoding="utf-8")
    assert parse_page_dump(text, source="nav.txt")["text"] == ""


def test_outlet_is_missing_when_the_page_does_not_name_one():
    page = parse_page_dump(
        "Skip to main content\n\nMenu\n\nTokyo and Seoul agree to resume talks\n\n"
        "The two governments agreed on Monday to resume talks on trade.\n",
        source="x.txt",
    )
    assert page["outlet"] is None  # never "Skip to main content", never the first line
    assert page["title"] == "Tokyo and Seoul agree to resume talks"


def test_a_body_cut_short_is_flagged_and_kept_whole():
    lead = "Seoul and Tokyo agreed on Monday to resume talks on export controls next month."
    later = [
        "Officials said the working-level meeting would be held in Tokyo in the second week.",
        "Business groups in both countries welcomed the decision and urged a quick result.",
        "Analysts said the talks would test whether the two governments could separate "
        "trade from history after a year of disputes.",
    ]
    text = "\n\n".join(["Trade talks to resume", lead, "Related", "Seoul court rules", *later])
    page = parse_page_dump(text, source="cut.txt")
    assert page["is_extraction_suspect"] is True  # "Related" ended the body after one line
    assert page["text"] == "\n".join([lead, *later])  # the page's prose is kept, not lost
