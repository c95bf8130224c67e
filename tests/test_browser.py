"""analysis.browser: the checks themselves (known-bad pages must fail) and one real report.

The Chromium tests are slow (each page is one browser start) and install Debian's
chromium with apt-get when it is missing, as CI runs as root.
"""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from analysis.browser import (  # noqa: E402
    CANARY_ATTRIBUTE,
    check_page,
    dom_problems,
    ensure_chromium,
    image_stats,
    network_requests,
    render_canary,
)


@pytest.mark.parametrize(
    ("dom", "expected"),
    [
        ("<html><body><p>fine</p><img src='data:image/png;base64,AA'></body></html>", []),
        ("<body><script>x()</script></body>", ["a <script> element"]),
        ('<body><img src="x" onerror="y()"></body>', ["<img onerror=...> event handler"]),
        (
            f'<html {CANARY_ATTRIBUTE}="1"><body></body></html>',
            [f"the canary attribute {CANARY_ATTRIBUTE} (a script ran)"],
        ),
        (
            '<link href="https://cdn.example/x.css">',
            ["<link href='https://cdn.example/x.css'> external resource"],
        ),
        ('<img src="//cdn.example/x.png">', ["<img src='//cdn.example/x.png'> external resource"]),
        ('<a href="#provenance">p</a><p>see https://example.org</p>', []),
    ],
)
def test_dom_problems_known_answers(dom, expected):
    assert dom_problems(dom) == expected


def netlog(tmp_path, events, *, closed=True):
    data = {
        "constants": {"logEventTypes": {"URL_REQUEST_START_JOB": 7, "OTHER": 1}},
        "events": events,
    }
    text = json.dumps(data)
    if not closed:  # a killed browser leaves the array open
        text = text[: -len("]}")] + ","
    path = tmp_path / "net.json"
    path.write_text(text)
    return path


def test_network_requests_counts_page_requests_only(tmp_path):
    events = [
        {"type": 7, "params": {"url": "http://example.invalid/x.png", "initiator": "null"}},
        {
            "type": 7,
            "params": {"url": "https://update.googleapis.com/u", "initiator": "not an origin"},
        },
        {"type": 7, "params": {"url": "file:///tmp/report.html", "initiator": "null"}},
        {"type": 1, "params": {"url": "https://elsewhere.example/", "initiator": "null"}},
    ]
    assert network_requests(netlog(tmp_path, events)) == ["http://example.invalid/x.png"]
    assert network_requests(netlog(tmp_path, events, closed=False)) == [
        "http://example.invalid/x.png"
    ]


def test_image_stats_blank_and_drawn(tmp_path):
    blank = tmp_path / "blank.png"
    plt.imsave(blank, np.ones((60, 80, 3)))
    assert image_stats(blank) == {"n_colors": 1, "ink_share": 0.0}
    drawn = tmp_path / "drawn.png"
    picture = np.ones((60, 80, 3))
    picture[:30, :40] = [0.0, 0.45, 0.7]
    picture[30:, 40:] = [0.8, 0.4, 0.0]
    plt.imsave(drawn, picture)
    stats = image_stats(drawn)
    assert stats["n_colors"] == 3 and stats["ink_share"] == pytest.approx(0.5, abs=0.02)


@pytest.fixture(scope="module")
def chromium():
    return ensure_chromium()


BAD_PAGE = f"""<html><body><h1>bad</h1>
<img src="http://example.invalid/pixel.png">
<script>document.documentElement.setAttribute('{CANARY_ATTRIBUTE}', '1')</script>
</body></html>"""


@pytest.mark.slow
def test_check_page_catches_request_script_and_blank(chromium, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(BAD_PAGE)
    problems = check_page(chromium, bad, workdir=tmp_path)["problems"]
    assert "network request to http://example.invalid/pixel.png" in problems
    assert "a <script> element" in problems
    assert f"the canary attribute {CANARY_ATTRIBUTE} (a script ran)" in problems
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>")
    assert any(
        p.startswith("blank screenshot")
        for p in check_page(chromium, blank, workdir=tmp_path)["problems"]
    )


@pytest.mark.slow
def test_hostile_report_renders_offline_and_runs_nothing(chromium, tmp_path):
    page = render_canary(tmp_path)
    result = check_page(chromium, page, workdir=tmp_path)
    assert result["problems"] == []
    assert result["n_requests"] == 0 and result["n_colors"] > 50
    index = page.parent / "index.html"
    assert check_page(chromium, index, workdir=tmp_path)["problems"] == []


def test_network_requests_unreadable_log_is_an_error(tmp_path):
    path = tmp_path / "net.json"
    path.write_text("not json")
    with pytest.raises(ValueError, match="unreadable network log"):
        network_requests(path)
