"""analysis.display: every piece of text is escaped; tables are cut at max_rows."""

from __future__ import annotations

from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from analysis.display import escape_text, format_value, show_kwic, show_table, show_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "</table><h1>big</h1>",
    "**bold** and _it_",
    "$x^2$ and \\(y\\)",
    "a & b ' \"",
]
ALLOWED_TAGS = {
    "div",
    "style",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "p",
    "pre",
    "strong",
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if not self._in_style and data.strip():
            self.texts.append(data)


def parse(markup: str) -> _Collector:
    collector = _Collector()
    collector.feed(markup)
    return collector


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>", "&lt;b&gt;"),
        ("$x$", "&#36;x&#36;"),
        ('a"b', "a&quot;b"),
        ("it's", "it&#x27;s"),
        ("a & b", "a &amp; b"),
        ("**x**", "**x**"),
    ],
)
def test_escape_text_known_answers(raw, expected):
    assert escape_text(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "NA"),
        (pd.NA, "NA"),
        (pd.NaT, "NA"),
        (float("nan"), "NA"),
        (np.float64(0.12345), "0.123"),
        (np.int64(7), "7"),
        (3, "3"),
        (True, "True"),
        (pd.Timestamp("2023-03-16"), "2023-03-16"),
        (pd.Timestamp("2023-03-16 10:30"), "2023-03-16T10:30:00"),
        ("text", "text"),
    ],
)
def test_format_value_known_answers(value, expected):
    assert format_value(value) == expected


@pytest.mark.parametrize(
    ("value", "float_format", "expected"),
    [
        (-0.0001, "{:.3f}", "0.000"),
        (-0.0, "{:.3f}", "0.000"),
        (np.float64(-0.0004), "{:.3f}", "0.000"),
        (-0.0005001, "{:.3f}", "-0.001"),
        (-0.00001, "{:.1%}", "0.0%"),
        (-0.2, "{:.0f}", "0"),
        (-1e-9, "{:.2e}", "-1.00e-09"),
        (float("-inf"), "{:.3f}", "-inf"),
    ],
)
def test_format_value_never_shows_negative_zero(value, float_format, expected):
    assert format_value(value, float_format=float_format) == expected


def test_format_value_custom_float_format():
    assert format_value(0.5, float_format="{:.1%}") == "50.0%"
    assert format_value(0.5, float_format=lambda x: f"<{x}>") == "<0.5>"


def test_show_table_escapes_every_cell_header_and_caption():
    df = pd.DataFrame({"<th>col": HOSTILE, "n": range(len(HOSTILE))})
    markup = show_table(df, caption="<script>cap</script>").data
    parsed = parse(markup)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert not [a for a in parsed.attrs if a.startswith("on") or a in {"src", "href"}]
    for text in HOSTILE + ["<th>col", "<script>cap</script>"]:
        assert text in parsed.texts  # shown literally, as one text node
    assert "$" not in markup
    assert "tex2jax_ignore" in markup and "mathjax_ignore" in markup


def test_show_table_max_rows_and_note():
    df = pd.DataFrame({"x": range(30)})
    parsed = parse(show_table(df, max_rows=5).data)
    assert parsed.tags.count("tr") == 1 + 5
    assert "Showing 5 of 30 rows." in parsed.texts


def test_show_table_shows_named_index_only():
    plain = parse(show_table(pd.DataFrame({"x": [1]})).data)
    assert plain.texts == ["x", "1"]
    grouped = pd.DataFrame({"x": [1.0]}, index=pd.Index(["<KR>"], name="country"))
    assert parse(show_table(grouped).data).texts == ["country", "x", "<KR>", "1.000"]


def test_show_table_hides_leftover_row_numbers():
    sorted_frame = pd.DataFrame({"x": [2, 1]}).sort_values("x")
    assert parse(show_table(sorted_frame).data).texts == ["x", "1", "2"]
    assert parse(show_table(sorted_frame, index=True).data).texts == ["x", "1", "1", "0", "2"]


def test_show_table_empty_frame_says_no_rows():
    assert "No rows." in parse(show_table(pd.DataFrame({"x": []})).data).texts


def test_show_table_does_not_mutate_input():
    df = pd.DataFrame({"title": HOSTILE, "score": np.linspace(0, 1, len(HOSTILE))})
    before = df.copy(deep=True)
    show_table(df, max_rows=2)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("bad", [[1, 2], None, "text"])
def test_show_table_rejects_non_frames(bad):
    with pytest.raises(ValueError, match="needs a DataFrame"):
        show_table(bad)


def test_show_table_rejects_zero_rows_limit():
    with pytest.raises(ValueError, match="max_rows"):
        show_table(pd.DataFrame({"x": [1]}), max_rows=0)


def test_show_text_escapes_and_cuts():
    parsed = parse(show_text("<img src=x onerror=alert(1)> $a$").data)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert parsed.texts == ["<img src=x onerror=alert(1)> $a$"]
    assert parse(show_text("abcdef", max_chars=3).data).texts == ["abc …"]
    assert parse(show_text(None).data).texts == ["NA"]


def test_show_kwic_escapes_and_orders_columns():
    df = pd.DataFrame(
        {"doc_id": ["d1"], "left": ["<b>before"], "keyword": ["</table>"], "right": ["$after$"]}
    )
    before = df.copy(deep=True)
    parsed = parse(show_kwic(df, caption="KWIC").data)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert parsed.texts == [
        "KWIC",
        "doc_id",
        "left",
        "keyword",
        "right",
        "d1",
        "<b>before",
        "</table>",
        "$after$",
    ]
    pd.testing.assert_frame_equal(df, before)


def test_show_kwic_names_missing_columns():
    with pytest.raises(
        ValueError, match=r"missing columns \['keyword'\]; found \['left', 'right'\]"
    ):
        show_kwic(pd.DataFrame({"left": ["a"], "right": ["b"]}))


@pytest.fixture
def ipython_shell():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_show_table_displays_every_call_once_inside_ipython(ipython_shell):
    from IPython.utils.capture import capture_output

    cell = (
        "import pandas as pd\n"
        "from analysis.display import show_table, show_text\n"
        "show_table(pd.DataFrame({'x': [1]}), caption='first')\n"
        "show_text('middle')\n"
        "last = show_table(pd.DataFrame({'x': [2]}), caption='second')\n"
        "last\n"
    )
    with capture_output() as captured:
        ipython_shell.run_cell(cell, store_history=True)
    shown = [output.data["text/html"] for output in captured.outputs]
    assert len(shown) == 3 and "first" in shown[0] and "middle" in shown[1] and "second" in shown[2]
    # the last line is not shown twice (a terminal shell prints an empty "Out[n]:" prompt)
    assert "object>" not in captured.stdout and "second" not in captured.stdout
    with capture_output() as again:
        ipython_shell.run_cell("last", store_history=True)  # a later cell shows it again
    assert len(again.outputs) == 1 and "second" in again.outputs[0].data["text/html"]
