"""Actor codebook, mentions, voices and directed tone."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import analysis.sentiment
from analysis import actors
from analysis.actors import (
    count_actor_mentions,
    directed_tone,
    find_actor_mentions,
    load_actors,
    tone_sentences,
)
from analysis.codebooks import CodebookError


def _docs(*texts, countries=None):
    countries = countries or ["JP"] * len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "outlet_country": countries,
        }
    )


def _found(text):
    return [(a, m) for a, _, _, m in load_actors().find(text)]


# ---------------------------------------------------------------- codebook


def test_default_codebook_loads_with_required_actors():
    book = load_actors()
    table = book.table.set_index("actor_id")
    for actor, country in [
        ("yoon_suk_yeol", "KR"),
        ("fumio_kishida", "JP"),
        ("jp_mofa", "JP"),
        ("moon_jae_in", "KR"),
        ("shinzo_abe", "JP"),
        ("taro_kono", "JP"),
        ("yoshimasa_hayashi", "JP"),
        ("park_jin", "KR"),
        ("kang_kyung_wha", "KR"),
        ("antony_blinken", "US"),
        ("joe_biden", "US"),
        ("tokyo", "JP"),
        ("seoul", "KR"),
        ("washington", "US"),
        ("pyongyang", "KP"),
        ("beijing", "CN"),
    ]:
        assert table.loc[actor, "country"] == country
    assert set(table["type"]) == set(actors.TYPES)
    assert load_actors(book) is book


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{id: x, label: X, country: FR, type: person, aliases: [X]}",
            r"bad\.yaml: entry 1 \(id 'x'\), field 'country': 'FR' is not one of JP",
        ),
        ("{id: x, label: X, country: JP, type: ghost, aliases: [X]}", "field 'type'"),
        (
            "{id: x, label: X, country: JP, type: person, aliases: [X], born: 1957}",
            "field 'born': unknown key",
        ),
        ("{id: x, label: X, country: JP, type: person, aliases: []}", "field 'aliases'"),
    ],
)
def test_bad_codebook_names_entry_and_field(tmp_path, entry, message):
    path = tmp_path / "bad.yaml"
    path.write_text(f"actors:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        load_actors(path)


def test_alias_shared_by_two_actors_is_an_error(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: a, label: A, country: JP, type: person, aliases: [Abe]}\n"
        "  - {id: b, label: B, country: JP, type: person, aliases: [Abe]}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        CodebookError, match=r"entry 2 \(id 'b'\).*'Abe' is already an alias of 'a'"
    ):
        load_actors(path)


# ---------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea fired a missile.", [("north_korea", "North Korea")]),
        # a bilateral label names no government (issue 11)
        ("The Korea-Japan talks", []),
        ("Tokyo denied it.", [("tokyo", "Tokyo")]),
        ("They met in Seoul and flew to Tokyo.", []),
        ("the Kono Statement of 1993", []),
        ("Minister Kono said", [("taro_kono", "Minister Kono")]),
        ("Yoon Mee-hyang spoke", [("yoon_mee_hyang", "Yoon Mee-hyang")]),
        ("President Moon met Moon Chung-in under the moon", [("moon_jae_in", "President Moon")]),
        (
            "KISHIDA Fumio and Yoon Suk-yeol",
            [("fumio_kishida", "KISHIDA Fumio"), ("yoon_suk_yeol", "Yoon Suk-yeol")],
        ),
        ("the japanese foreign ministry", [("jp_mofa", "japanese foreign ministry")]),
        ("abe and japan in lower case", []),
        ("Kishida\u2019s office confirmed", [("fumio_kishida", "Kishida\u2019s office")]),
        ("the Sea of Japan and the U.S. side", [("us_government", "U.S.")]),
    ],
)
def test_alias_matching_rules(text, expected):
    assert _found(text) == expected


def test_find_actor_mentions_offsets_are_into_the_document():
    docs = _docs("Talks resumed. Japan protested, and Seoul's envoy left.")
    before = docs.copy()
    mentions = find_actor_mentions(docs)
    pd.testing.assert_frame_equal(docs, before)
    expected = pd.DataFrame(
        {
            "doc_id": ["d0", "d0"],
            "sentence_id": [1, 1],
            "actor_id": ["jp_government", "seoul"],
            "country": ["JP", "KR"],
            "alias": ["Japan", "Seoul"],
            "start": [15, 36],
            "end": [20, 41],
        }
    )
    pd.testing.assert_frame_equal(mentions, expected, check_dtype=False)
    text = docs["text"][0]
    assert [text[s:e] for s, e in zip(mentions.start, mentions.end, strict=True)] == [
        "Japan",
        "Seoul",
    ]


def test_count_actor_mentions():
    docs = _docs("Japan and Japan. Tokyo said.", "Biden spoke.")
    before = docs.copy()
    counts = count_actor_mentions(docs)
    pd.testing.assert_frame_equal(docs, before)
    expected = pd.DataFrame(
        {
            "doc_id": ["d0", "d0", "d1"],
            "actor_id": ["jp_government", "tokyo", "joe_biden"],
            "country": ["JP", "JP", "US"],
            "n_mentions": [2, 1, 1],
        }
    )
    pd.testing.assert_frame_equal(counts, expected)


def test_mentions_require_columns():
    with pytest.raises(ValueError, match=r"missing required column\(s\) 'text'; found 'doc_id'$"):
        find_actor_mentions(pd.DataFrame({"doc_id": ["x"]}))


# ---------------------------------------------------------------- directed tone


def _fake_scores(docs, **_options):
    """Stand-in for score_sentences: polarity = 0.1 * number of '!' in the sentence."""
    from analysis.text import sentence_table

    sentences = sentence_table(docs)
    bangs = sentences["sentence"].str.count("!").astype(float)
    return sentences.assign(textblob_polarity=0.1 * bangs, vader_compound=-0.1 * bangs)


@pytest.mark.filterwarnings("ignore:directed_tone:UserWarning")
def test_tone_sentences_and_directed_tone_known_answer(monkeypatch):
    monkeypatch.setattr(analysis.sentiment, "score_sentences", _fake_scores)
    docs = _docs(
        "Japan won! Korea lost. Japan and Korea met!!",
        "Japan rose!!!",
        "Japan fell.",
        countries=["KR", "KR", "JP"],
    )
    before = docs.copy()
    sentences = tone_sentences(docs)
    pd.testing.assert_frame_equal(docs, before)
    got = list(
        zip(
            sentences.doc_id,
            sentences.sentence_id,
            sentences.target,
            sentences.is_mixed,
            sentences.textblob_polarity.round(3),
            strict=True,
        )
    )
    assert got == [
        ("d0", 0, "JP", False, 0.1),
        ("d0", 1, "KR", False, 0.0),
        ("d0", 2, "JP", True, 0.2),
        ("d0", 2, "KR", True, 0.2),
        ("d1", 0, "JP", False, 0.3),
        ("d2", 0, "JP", False, 0.0),
    ]
    tone = directed_tone(docs, n_resamples=200).set_index(["outlet_country", "target"])
    pd.testing.assert_frame_equal(docs, before)
    # KR publishers, target JP: sentences 0.1, 0.2 (d0) and 0.3 (d1) -> mean 0.2
    row = tone.loc[("KR", "JP")]
    assert (row["n_sentences"], row["n_docs"], row["n_mixed"]) == (3, 2, 1)
    assert row["textblob_polarity"] == pytest.approx(0.2)
    assert row["vader_compound"] == pytest.approx(-0.2)
    # document bootstrap: resampled means lie between d0's mean (0.15) and d1's (0.3)
    assert 0.15 - 1e-9 <= row["textblob_polarity_ci_low"] <= 0.2
    assert 0.2 <= row["textblob_polarity_ci_high"] <= 0.3 + 1e-9
    # one document only: no interval
    assert tone.loc[("JP", "JP"), "n_docs"] == 1
    assert np.isnan(tone.loc[("JP", "JP"), "textblob_polarity_ci_low"])
    only = directed_tone(docs, target="KR", n_resamples=200)
    assert only["target"].tolist() == ["KR"] and only["textblob_polarity"][0] == pytest.approx(0.1)
    query = directed_tone(docs, target="JP", n_resamples=200).query("outlet_country == 'KR'")
    assert query["n_sentences"].tolist() == [3]


@pytest.mark.filterwarnings("ignore:directed_tone:UserWarning")
def test_directed_tone_with_real_sentiment_and_bad_target():
    docs = _docs(
        "Japan is a wonderful partner.", "Japan is a terrible partner.", countries=["KR", "JP"]
    )
    tone = directed_tone(docs, target="JP", n_resamples=100).set_index("outlet_country")
    assert tone.loc["KR", "textblob_polarity"] > 0 > tone.loc["JP", "textblob_polarity"]
    assert tone.loc["KR", "vader_compound"] > 0 > tone.loc["JP", "vader_compound"]
    with pytest.raises(ValueError, match="target must be one of: JP, KR, US, KP, CN, None; got "):
        directed_tone(docs, target="Japan")


# ---------------------------------------------------------------- figures


def test_plots_draw_the_tables():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots.actors import plot_directed_tone, plot_distinctive_terms, plot_voice_shares
    from analysis.plots.style import country_color

    shares = pd.DataFrame(
        {"outlet_country": ["JP", "JP", "KR"], "country": ["JP", "KR", "KR"],
         "n_voices": [3, 1, 2], "voice_share": [0.75, 0.25, 1.0]}
    )  # fmt: skip
    before = shares.copy()
    ax = plot_voice_shares(shares)
    pd.testing.assert_frame_equal(shares, before)
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [0.0, 0.25, 0.75, 1.0]  # KR publishers: JP share 0 drawn as empty bar
    assert [t.get_text() for t in ax.texts] == ["n=4", "n=2"]
    tone = pd.DataFrame(
        {"outlet_country": ["KR", "KR"], "target": ["JP", "KR"], "vader_compound": [0.2, -0.1],
         "vader_compound_ci_low": [0.1, np.nan], "vader_compound_ci_high": [0.3, np.nan]}
    )  # fmt: skip
    ax = plot_directed_tone(tone)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["KR"]
    assert ax.get_legend() is not None
    terms = pd.DataFrame({"term": ["takeshima", "dokdo", "talks"], "z_score": [3.0, -2.5, 0.1]})
    ax = plot_distinctive_terms(terms, n=1, labels=("JP", "KR"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["dokdo", "takeshima"]
    colors = [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches]
    assert colors == [country_color("KR").upper(), country_color("JP").upper()]
    plt.close("all")
    with pytest.raises(ValueError, match="missing column"):
        plot_voice_shares(shares.drop(columns="voice_share"))


def test_directed_tone_flags_rows_on_too_few_documents(monkeypatch):
    monkeypatch.setattr(analysis.sentiment, "score_sentences", _fake_scores)
    docs = _docs("Japan won!", "Japan rose!!!", "Japan fell.", countries=["KR", "KR", "JP"])
    with pytest.warns(
        UserWarning, match=r"directed_tone: too small to say anything \(JP->JP n_docs=1 < 2\)"
    ):
        tone = directed_tone(docs, n_resamples=50, min_n=2).set_index("outlet_country")
    assert tone.loc["KR", "warning"] == ""  # two documents
    assert tone.loc["JP", "warning"] == "too small to say anything (JP->JP n_docs=1 < 2)"
    with pytest.warns(UserWarning, match="KR->JP"):  # default min_n 5 flags both
        assert (directed_tone(docs, n_resamples=50)["warning"] != "").all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (directed_tone(docs, n_resamples=50, min_n=1)["warning"] == "").all()


def test_plot_directed_tone_draws_flagged_rows_hollow():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots.actors import plot_directed_tone

    tone = pd.DataFrame(
        {"outlet_country": ["KR", "JP"], "target": ["JP", "JP"], "vader_compound": [0.2, 0.1],
         "vader_compound_ci_low": [0.1, 0.0], "vader_compound_ci_high": [0.3, 0.2],
         "warning": ["", "too small to say anything (n_docs=2 < 5)"]}
    )  # fmt: skip
    ax = plot_directed_tone(tone)
    filled, hollow = ax.collections[-2], ax.collections[-1]
    assert filled.get_offsets()[:, 0].tolist() == [0.2]
    assert hollow.get_offsets()[:, 0].tolist() == [0.1]
    plt.close("all")


# ---------------------------------------------------------------- Korean and Japanese

KO_JA_MENTIONS = [
    (
        # Yonhap's Japanese service, 2023-05-07 (news.goo.ne.jp/article/yonhap/world/...)
        "韓国の尹錫悦(ユン・ソクヨル)大統領は7日午後、ソウル・竜山の大統領室で日本の岸田文雄首相と"
        "首脳会談を行った。",
        # the reading in brackets is the same mention; "ソウル・竜山" is a place
        [("kr_government", "韓国"), ("yoon_suk_yeol", "尹錫悦"),
         ("kr_presidential_office", "大統領室"), ("jp_government", "日本"),
         ("fumio_kishida", "岸田文雄")],
    ),
    (
        # Seoul Economic Daily, 2023-03-16 (m.sedaily.com/NewsViewAmp/29N1T1KSEZ)
        "윤 대통령은 이날 일본 도쿄 총리관저에서 한일 정상회담 이후 열린 공동 기자회견에서",
        # 일본 도쿄 names the place of the Kantei; 한일 is a bilateral label, no mention
        [("yoon_suk_yeol", "윤 대통령"), ("jp_government", "일본"), ("tokyo", "도쿄"),
         ("jp_kantei", "총리관저")],
    ),
    (
        # Kukmin Ilbo photo caption, 2025 (kmib.co.kr/article/view.asp?arcid=0028584637)
        "이시바 시게루 일본 총리가 23일 일본 도쿄 총리 관저에서 열린 한일 정상 공동 언론 발표",
        # 일본 총리 is a title ("Japanese Prime Minister"), not a mention of the government
        [("shigeru_ishiba", "이시바 시게루"), ("jp_government", "일본"), ("tokyo", "도쿄"),
         ("jp_kantei", "총리 관저")],
    ),
    (
        # Mainichi Shimbun, 2024-05-26 (mainichi.jp/articles/20240526/k00/00m/030/148000c)
        "尹氏は会談冒頭で、日韓国交正常化60周年となる2025年に向け",
        # 日韓国交正常化 holds the characters 韓国 but names no government
        [("yoon_suk_yeol", "尹氏")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), KO_JA_MENTIONS)
def test_korean_and_japanese_mentions_of_real_sentences(text, expected):
    assert _found(text) == expected


BILATERAL_LABELS = [
    # MOFA Japan, 2018-05-09 (sample: mofa-jp-2018-05-09-summit-abe-moon)
    ("held a Japan-Republic of Korea (ROK) Summit Meeting with H.E. Mr. Moon Jae-in, "
     "President of the ROK", [("moon_jae_in", "Moon Jae-in"), ("kr_government", "ROK")]),
    # U.S.-Japan-ROK labels (constructed from the sample's usage)
    ("the Japan-U.S.-ROK trilateral summit and the ROK-U.S. alliance", []),
    ("Japan and the ROK agreed", [("jp_government", "Japan"), ("kr_government", "ROK")]),
    # NHK, 2024-05-26: 日韓 / 日米韓 are labels
    ("日米韓3か国の関係をさらに進展させていく", []),
    # a Korean label: 한일 / 한미일
    ("한미일 정상회의와 한일 관계", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BILATERAL_LABELS)
def test_bilateral_labels_are_not_government_mentions(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울에서 열린 회의", []),  # a place: 서울에서
        ("도쿄는 반발했다", [("tokyo", "도쿄")]),  # the government
        ("ソウルで会談した", []),
        ("東京を訪問した", []),
        ("주일본 대사관", []),  # 일본 inside a word
        ("뉴스가 나왔다", []),  # 스가 is not an alias on its own
        ("외교부는 유감을 표명했다", [("kr_mofa", "외교부")]),
        ("外務省は抗議した", [("jp_mofa", "外務省")]),
        ("일본 외무성은", [("jp_mofa", "일본 외무성")]),
        ("ＫＩＳＨＩＤＡ Fumio", [("fumio_kishida", "ＫＩＳＨＩＤＡ Fumio")]),  # full-width, NFKC
    ],
)
def test_korean_and_japanese_matching_rules(text, expected):
    assert _found(text) == expected


def test_every_actor_has_korean_and_japanese_aliases():
    import yaml

    from analysis import config

    entries = yaml.safe_load((config.CODEBOOK_DIR / "actors.yaml").read_text("utf-8"))["actors"]
    for entry in entries:
        assert entry.get("ko") and entry.get("ja"), entry["id"]


def test_korean_alias_given_to_two_actors_is_an_error(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: a, label: A, country: JP, type: person, aliases: [A1], ko: [기시다]}\n"
        "  - {id: b, label: B, country: JP, type: person, aliases: [B1], ko: [기시다]}\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match=r"entry 2 \(id 'b'\).*'기시다' is already an alias"):
        load_actors(path)
