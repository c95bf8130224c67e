"""The explorer: its table on real sentences, its page's safety, and a real interaction in
headless Chromium (filter, search, tone range, document view; hostile text stays text)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time

import pandas as pd
import pytest

from analysis import config
from analysis.browser import CANARY_ATTRIBUTE, HOSTILE_TITLE, headless_driver, hostile_corpus
from analysis.cli import main
from analysis.corpus import load_corpus
from analysis.explore import explorer_html, explorer_table, write_explorer
from analysis.explore.data import driver_spans, parse_drivers
from analysis.framing import frame_matches

SEED = "business-standard-2022-09-22-yoon-kishida"


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    return load_corpus(config.SAMPLE_CORPUS)


@pytest.fixture(scope="module")
def table(docs) -> pd.DataFrame:
    return explorer_table(docs)


def test_first_sentence_known_frames_terms_and_drivers(table):
    first = table[(table["doc_id"] == SEED) & (table["sentence_id"] == 0)].iloc[0]
    text = first["sentence"]
    assert text.startswith("The leaders of South Korea and Japan agreed to accelerate efforts")
    marked = {(text[a:b], f) for a, b, f in first["frame_spans"]}
    assert {("mend ties", "diplomacy"), ("colonial rule", "history")} <= marked
    assert first["frames"] == ["diplomacy", "history"]
    assert "colonial_period: colonial rule" in first["terms"]
    assert ("agreed", "+") in {
        (text[a:b], "+" if w > 0 else "-") for a, b, w in first["driver_spans"]
    }
    # tone is the package's default measure; its own drivers were not asked for, so the
    # highlighted words are VADER's (and the table says so)
    assert -1 <= first["tone"] <= 1 and first["tone"] > 0
    assert table.attrs["tone_column"] == "tone"
    assert table.attrs["drivers_column"] == "vader_drivers"


def test_every_frame_span_is_the_text_that_matched(docs, table):
    matches = frame_matches(docs)
    spans = [
        (row.doc_id, row.sentence[a:b], frame)
        for row in table.itertuples(index=False)
        for a, b, frame in row.frame_spans
    ]
    expected = [(m.doc_id, m.match, m.frame) for m in matches.itertuples() if m.sentence_id >= 0]
    assert sorted(spans) == sorted(expected)


def test_drivers_parsed_and_found_as_whole_words():
    assert parse_drivers("very good:+0.91; bad:-0.70") == [("very good", 0.91), ("bad", -0.7)]
    assert parse_drivers("") == [] and parse_drivers(None) == []
    sentence = "Badly, it was not bad. Bad!"
    assert driver_spans(sentence, "bad:-0.70") == [(18, 21, -0.7), (23, 26, -0.7)]  # not Badly


def test_korean_one_document_corpus_gets_tone_and_its_terms(tmp_path):
    path = tmp_path / "ko.csv"
    path.write_text(
        "doc_id,text\nk1,한일 정상회담이 열렸다. 독도 문제는 논의되지 않았다.\n", encoding="utf-8"
    )
    docs = load_corpus(path)
    table = explorer_table(docs)
    # the multilingual tone scores Korean; VADER and TextBlob do not
    assert len(table) == 2 and table["tone"].between(-1, 1).all()
    assert table["terms"].iloc[1] == ["islets: Dokdo"]  # the variant's label, matched as 독도
    html = explorer_html(table, docs)
    assert "독도" in html and '"tone":[null' not in html


def test_page_is_self_contained_and_its_csp_names_its_own_script(docs, table):
    hostile = pd.DataFrame({"doc_id": ["h"], "text": ["x </script><script>alert(1)</script>"]})
    docs2 = pd.concat([docs, load_corpus_like(hostile)], ignore_index=True)
    page = explorer_html(explorer_table(docs2), docs2)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert csp.startswith("default-src 'none';") and "unsafe" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1  # the data block is type=application/json; nothing else runs
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    data = re.search(r'<script id="kj-data" type="application/json">(.*?)</script>', page, re.S)
    payload = json.loads(data.group(1))
    assert "x </script><script>alert(1)</script>" in payload["s"]["text"]  # intact as data


def load_corpus_like(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(language="en", outlet="o", outlet_country="KR", kind="news")


def test_explore_command_writes_the_page_and_rejects_bad_input(tmp_path, capsys):
    out = tmp_path / "e.html"
    assert main(["explore", str(config.SAMPLE_CORPUS), "--out", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,text,published\n1,hello,2019-02-30\n")
    assert main(["explore", str(bad), "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "2019-02-30" in err and "\n" not in err
    assert not (tmp_path / "x.html").exists()


# ---- headless Chromium: a real interaction ----------------------------------------------


def _wait(driver, condition, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("the page did not get there in time")


def _visible_rows(driver):
    return driver.find_elements("css selector", "#kj-rows tbody tr")


def _matches(driver) -> int:
    return int(driver.find_element("tag name", "body").get_attribute("data-matches"))


def _select(driver, element_id, label):
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", element_id)).select_by_visible_text(label)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("explore")
    docs = load_corpus(hostile_corpus(folder))
    table = explorer_table(docs)
    page = write_explorer(docs, folder / "explorer.html")
    driver = headless_driver()
    try:
        driver.get(page.resolve().as_uri())
        _wait(driver, lambda: driver.find_element("tag name", "body").get_attribute("data-ready"))
        yield driver, docs, table
    finally:
        driver.quit()


@pytest.mark.slow
def test_browser_filter_search_tone_and_hostile_text(browser_page):
    driver, docs, table = browser_page
    meta = table.merge(docs[["doc_id", "outlet_country", "kind", "title"]], on="doc_id")
    assert _matches(driver) == len(table) and len(_visible_rows(driver)) == 100

    _select(driver, "kj-country", "KR")  # filter
    expected = int((meta["outlet_country"] == "KR").sum())
    _wait(driver, lambda: _matches(driver) == expected)
    rows = _visible_rows(driver)
    assert len(rows) == min(expected, 100)
    assert all(" KR " in f" {r.find_element('class name', 'kj-meta').text} " for r in rows)

    search = driver.find_element("id", "kj-search")  # search, on top of the filter
    search.send_keys("comfort women")
    kr = meta[meta["outlet_country"] == "KR"]
    expected = int(kr["sentence"].str.lower().str.contains("comfort women", regex=False).sum())
    assert expected > 0
    _wait(driver, lambda: _matches(driver) == expected)
    texts = [r.find_element("class name", "kj-sentence").text for r in _visible_rows(driver)]
    assert len(texts) == expected and all("comfort women" in t.lower() for t in texts)

    search.clear()
    search.send_keys(" ")  # clear() sends no input event
    _select(driver, "kj-country", "(all)")
    low = driver.find_element("id", "kj-tone-min")  # tone range
    low.clear()
    low.send_keys("0.5")
    expected = int((table["tone"] >= 0.5).sum())
    _wait(driver, lambda: _matches(driver) == expected)
    tones = [float(r.find_elements("tag name", "td")[2].text) for r in _visible_rows(driver)]
    assert tones and min(tones) >= 0.5

    low.clear()
    low.send_keys("-1")
    _select(driver, "kj-frame", "history")  # frame
    expected = int(table["frames"].map(lambda f: "history" in f).sum())
    _wait(driver, lambda: _matches(driver) == expected)
    _select(driver, "kj-frame", "(all)")

    search.send_keys("alert(1)")  # the hostile document: shown as text, never run
    expected = int(table["sentence"].str.contains("alert(1)", regex=False).sum())
    assert expected == 1
    _wait(driver, lambda: _matches(driver) == expected)
    row = _visible_rows(driver)[0]
    assert "<script>alert(1)</script>" in row.text.replace("\n", "")
    link = row.find_element("class name", "kj-doclink")
    assert link.text == HOSTILE_TITLE.strip() or "<script>window.__pwned=1" in link.text
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script(
        f"return document.documentElement.getAttribute('{CANARY_ATTRIBUTE}') === null"
    )
    assert not driver.find_elements("css selector", "#kj-rows img, #kj-rows script")

    link.click()  # the document view
    panel = _wait(driver, lambda: driver.find_element("id", "kj-doc").is_displayed())
    assert panel
    shown = driver.find_element("id", "kj-doc").text
    assert "Seoul and Tokyo met." in shown and "hostile-1" in shown
    assert not driver.find_elements("css selector", "#kj-doc img, #kj-doc script")
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []  # no CSP violation, no script error


def test_tone_and_tone_drivers_columns_are_used_when_present(docs):
    from analysis.sentiment import score_sentences

    one = docs[docs["doc_id"] == SEED]
    scores = score_sentences(one)
    multilingual = scores.assign(tone=-scores["vader_compound"], tone_drivers="leaders:-0.40")
    table = explorer_table(one, sentences=multilingual)
    assert table.attrs["tone_column"] == "tone"
    assert table["tone"].tolist() == pytest.approx((-scores["vader_compound"]).tolist())
    first = table.iloc[0]
    assert [first["sentence"][a:b] for a, b, _ in first["driver_spans"]] == ["leaders"]
    assert '"tone_column":"tone"' in explorer_html(table, one)


def test_spans_are_utf16_offsets_for_the_page():
    from analysis.explore.page import utf16_spans

    text = "🇰🇷 Seoul was glad; 𠮷野 was not."
    a = text.index("glad")
    (span,) = utf16_spans(text, [(a, a + 4, 0.5)])
    as_js = text.encode("utf-16-le")[2 * span[0] : 2 * span[1]].decode("utf-16-le")
    assert as_js == "glad" and span[2] == 0.5
    assert utf16_spans("plain", [(0, 5, 1)]) == [[0, 5, 1]]
