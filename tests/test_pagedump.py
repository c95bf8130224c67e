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
