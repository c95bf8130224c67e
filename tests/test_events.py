"""Tests for analysis.events: the event list, window arithmetic and before/after comparisons."""

from __future__ import annotations

import textwrap
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.codebooks import CodebookError
from analysis.events import compare_event_window, event_window, load_events, resolve_event

REQUIRED_EVENTS = {
    "2015-12-28": "comfort-women",
    "2018-10-30": "supreme-court",
    "2018-11-29": "supreme-court",
    "2019-07-01": "export-controls",
    "2019-08-02": "white-list",
    "2019-08-22": "gsomia",
    "2019-11-22": "gsomia",
    "2022-05-10": "yoon",
    "2022-09-21": "new-york",
    "2023-03-06": "compensation",
    "2023-03-16": "tokyo",
    "2023-05-07": "seoul",
    "2023-08-18": "camp-david",
    "2024-05-26": "seoul",
}

# Event on 2023-03-06; windows of 10 days: before = days -10..-1, after = days 0..9.
DOCS = pd.DataFrame(
    {
        "doc_id": ["d1", "d2", "d3", "d4", "d5", "d6", "d7"],
        "published": pd.to_datetime(
            [
                "2023-02-23",
                "2023-02-24",
                "2023-03-05",
                "2023-03-06",
                "2023-03-15",
                "2023-03-16",
                None,
            ]
        ),
        "tone": [9.0, 0.1, 0.2, 0.5, 0.6, 9.0, 9.0],
        "country": ["JP", "JP", "KR", "JP", "KR", "KR", "JP"],
    }
)


def write_events(tmp_path, body: str):
    path = tmp_path / "events.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
events:
  - id: a
    date: 2020-01-02
    label: A
    description: first
    sources: [https://example.org/a]
    countries: [KR]
  - id: b
    date: "2019-05-06"
    end_date: 2019-05-08
    label: B
    description: second
    sources: [https://example.org/b]
    countries: [JP, KR]
"""


def test_load_events_repository_file_has_the_required_events():
    events = load_events()
    assert events["event_id"].is_unique
    assert events["date"].is_monotonic_increasing
    for date, slug in REQUIRED_EVENTS.items():
        hits = events.loc[events["date"] == pd.Timestamp(date), "event_id"]
        assert any(slug in h for h in hits), f"no {slug} event on {date}"
    export = events.set_index("event_id").loc["2019-07-01-export-controls"]
    assert export["end_date"] == pd.Timestamp("2019-07-04")
    assert all(s.startswith("http") for cell in events["sources"] for s in cell.split("; "))


def test_load_events_small_file_known_table(tmp_path):
    events = load_events(write_events(tmp_path, GOOD))
    assert events["event_id"].tolist() == ["b", "a"]  # sorted by date
    assert events["date"].tolist() == [pd.Timestamp("2019-05-06"), pd.Timestamp("2020-01-02")]
    assert events["end_date"].iloc[0] == pd.Timestamp("2019-05-08")
    assert pd.isna(events["end_date"].iloc[1])
    assert events["countries"].tolist() == ["JP,KR", "KR"]
    assert str(events["date"].dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "date: 2020-01-02",
            "date: 2020-13-40",
            r"entry 1 \(id 'a'\), field 'date': unparseable date",
        ),
        (
            'date: "2019-05-06"',
            'date: "6 May 2019"',
            r"entry 2 \(id 'b'\), field 'date': unparseable",
        ),
        ("id: b", "id: a", r"entry 2 \(id 'a'\), field 'id': duplicate id"),
        (
            "label: A",
            "label: A\n    colour: red",
            r"entry 1 \(id 'a'\), field 'colour': unknown key",
        ),
        (
            "end_date: 2019-05-08",
            "end_date: 2019-05-01",
            r"entry 2 \(id 'b'\), field 'end_date': 2019-05-01 is before",
        ),
        ("    countries: [KR]\n", "", r"entry 1 \(id 'a'\), field 'countries': missing"),
    ],
)
def test_load_events_bad_entries_name_file_entry_and_field(tmp_path, old, new, message):
    assert old in GOOD
    path = write_events(tmp_path, GOOD.replace(old, new))
    with pytest.raises(CodebookError, match=r"^events\.yaml: (line \d+, )?" + message) as info:
        load_events(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("2023-03-06-compensation-plan", ("2023-03-06-compensation-plan", "2023-03-06")),
        ("2023-03-06", ("2023-03-06-compensation-plan", "2023-03-06")),
        ("2021-01-01", ("2021-01-01", "2021-01-01")),
        (pd.Timestamp("2019-08-22"), ("2019-08-22-gsomia-termination", "2019-08-22")),
    ],
)
def test_resolve_event(event, expected):
    event_id, date, _ = resolve_event(event)
    assert (event_id, date) == (expected[0], pd.Timestamp(expected[1]))


def test_resolve_event_unknown_text_lists_ids():
    with pytest.raises(ValueError, match="unknown event 'tokyo'.*2023-03-16-tokyo-summit"):
        resolve_event("tokyo")


def test_event_window_edges_known_answer():
    inside = event_window(DOCS, "2023-03-06", before="10D", after=10)
    # d1 is day -11 (out), d2 day -10 (in), d3 -1, d4 0 (event day = after), d5 9, d6 10 (out)
    assert inside["doc_id"].tolist() == ["d2", "d3", "d4", "d5"]
    assert inside["window"].astype(str).tolist() == ["before", "before", "after", "after"]
    assert inside["days_from_event"].tolist() == [-10, -1, 0, 9]
    assert inside.attrs["n_undated"] == 1
    assert inside.attrs["n_outside"] == 2
    assert inside.attrs["event_id"] == "2023-03-06-compensation-plan"


def test_event_window_ignores_time_of_day():
    docs = pd.DataFrame({"published": pd.to_datetime(["2023-03-05 23:59", "2023-03-06 00:01"])})
    assert event_window(docs, "2023-03-06", before=1, after=1)["window"].astype(str).tolist() == [
        "before",
        "after",
    ]


@pytest.mark.parametrize("span", ["0D", "36h", -3, "soon"])
def test_event_window_rejects_bad_spans(span):
    with pytest.raises(ValueError):
        event_window(DOCS, "2023-03-06", before=span)


def test_event_window_missing_date_column():
    with pytest.raises(
        ValueError, match=r"^event_window: missing required column\(s\) 'date'; found "
    ):
        event_window(DOCS, "2023-03-06", date_col="date")

    with pytest.raises(
        ValueError, match=r"^compare_event_window: missing required column\(s\) 'outlet'; found "
    ):
        compare_event_window(DOCS, "2023-03-06", value="tone", by="outlet")


def test_event_window_does_not_mutate_input():
    before = DOCS.copy()
    event_window(DOCS, "2023-03-06", before=10, after=10)
    pd.testing.assert_frame_equal(DOCS, before)


def test_compare_event_window_known_answer_per_group():
    with pytest.warns(UserWarning, match="too small to say anything"):
        table = compare_event_window(
            DOCS, "2023-03-06", value="tone", by="country", before=10, after=10
        )
    assert table["group"].tolist() == ["JP"] * 3 + ["KR"] * 3
    assert table["window"].tolist() == ["before", "after", "after"] * 2
    jp = table[table["group"] == "JP"].reset_index(drop=True)
    assert jp.loc[0, ["n", "mean"]].tolist() == [1, 0.1]  # d2
    assert jp.loc[1, ["n", "mean"]].tolist() == [1, 0.5]  # d4
    assert jp.loc[2, "other"] == "before"
    assert jp.loc[2, "diff"] == pytest.approx(0.4)
    assert np.isnan(jp.loc[2, "p_value"])  # one value a side: no test
    assert all(table["warning"].str.startswith("too small"))


def test_compare_event_window_empty_side_is_reported_with_n_zero():
    docs = DOCS.assign(tone=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = compare_event_window(docs, "2023-03-06", value="tone", before=3, after=3)
    assert table["group"].tolist() == ["all"] * 3
    assert table["n"].tolist() == [1, 1, 1]  # d3 before, d4 after
    table = compare_event_window(docs, "2023-03-06", value="tone", before=3, after=3, min_n=1)
    assert table["warning"].tolist() == ["", "", ""]
    with pytest.warns(UserWarning):
        empty = compare_event_window(docs.iloc[3:], "2023-03-06", value="tone", before=3, after=3)
    assert empty["n"].tolist() == [0, 1, 1]
    assert empty.loc[2, "n_other"] == 0
    assert np.isnan(empty.loc[2, "diff"])


def test_compare_event_window_does_not_mutate_input():
    before = DOCS.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compare_event_window(DOCS, "2023-03-06", value="tone", by="country", before=10, after=10)
    pd.testing.assert_frame_equal(DOCS, before)


def test_load_events_does_not_share_state():
    first = load_events()
    first.loc[0, "label"] = "changed"
    assert load_events().loc[0, "label"] != "changed"


EVENT_PARAM_FILES = sorted(config.PARAMS_DIR.glob("event-*.yaml")) + sorted(
    config.PARAMS_DIR.glob("profile-*.yaml")
)


@pytest.mark.parametrize("path", EVENT_PARAM_FILES, ids=lambda p: p.name)
def test_parameter_files_match_their_notebook(path):
    from analysis.report.parameters import (
        check_parameters,
        load_params_file,
        notebook_parameters,
        read_notebook,
    )

    name, values = load_params_file(path)
    declared = notebook_parameters(read_notebook(config.NOTEBOOK_DIR / f"{name}.py"))
    check_parameters(name, declared, values, where=str(path))  # raises on unknown or mistyped
    if name == "event":
        event_id, date, _ = resolve_event(values["event"])
        assert event_id == values["event"]
        assert path.stem == f"event-{date:%Y-%m-%d}"
    else:
        assert path.stem == f"profile-{values['group']}"


def test_there_are_event_and_profile_parameter_files():
    names = {p.stem.split("-")[0] for p in EVENT_PARAM_FILES}
    assert names == {"event", "profile"}
    assert len(EVENT_PARAM_FILES) >= 3


@pytest.mark.parametrize("path", EVENT_PARAM_FILES, ids=lambda p: p.name)
def test_parameter_files_differ_from_the_notebook_defaults(path):
    """The defaults are rendered as a report of their own: a file equal to them is a duplicate."""
    from analysis.report.parameters import load_params_file, notebook_parameters, read_notebook

    name, values = load_params_file(path)
    declared = notebook_parameters(read_notebook(config.NOTEBOOK_DIR / f"{name}.py"))
    defaults = {key: parameter.default for key, parameter in declared.items()}
    assert {**defaults, **values} != defaults, f"{path.name} repeats the {name} defaults"


@pytest.mark.slow
def test_event_notebook_says_when_windows_are_too_small(tmp_path):
    import papermill

    from analysis.report.parameters import read_notebook

    source = tmp_path / "event.ipynb"
    import nbformat

    nbformat.write(read_notebook(config.NOTEBOOK_DIR / "event.py"), source)
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(source),
        str(out),
        parameters={"window_days": 30},
        kernel_name="python3",
        progress_bar=False,
    )
    text = out.read_text(encoding="utf-8")
    assert "too small to say anything" in text
    assert "without a date (left out)" in text


@settings(max_examples=60, deadline=None)
@given(
    offsets=st.lists(st.one_of(st.none(), st.integers(-400, 400)), max_size=40),
    before=st.integers(1, 200),
    after=st.integers(1, 200),
)
def test_event_window_partitions_every_document(offsets, before, after):
    event = pd.Timestamp("2023-03-06")
    dates = [pd.NaT if o is None else event + pd.Timedelta(days=o) for o in offsets]
    docs = pd.DataFrame({"published": pd.to_datetime(pd.Series(dates, dtype="object"))})
    inside = event_window(docs, event, before=before, after=after)
    assert len(inside) + inside.attrs["n_outside"] + inside.attrs["n_undated"] == len(docs)
    expected = [o for o in offsets if o is not None and -before <= o < after]
    assert inside["days_from_event"].tolist() == expected
    assert ((inside["window"] == "after") == (inside["days_from_event"] >= 0)).all()


def test_event_window_leaves_out_month_and_year_only_dates():
    docs = pd.DataFrame(
        {
            "doc_id": ["day", "month", "year", "undated"],
            "published": pd.to_datetime(["2019-08-01", "2019-08-01", "2019-01-01", None]),
            "published_precision": pd.array(["day", "month", "year", pd.NA], dtype="string"),
        }
    )
    before = docs.copy()
    inside = event_window(docs, "2019-08-02", before="30D", after="30D")
    pd.testing.assert_frame_equal(docs, before)
    # "2019-08" is stored on 1 August but is not that day: it is not placed before the event
    assert inside["doc_id"].tolist() == ["day"]
    assert inside["days_from_event"].tolist() == [-1]
    assert (inside.attrs["n_imprecise"], inside.attrs["n_undated"]) == (2, 1)
    assert inside.attrs["n_outside"] == 0


def test_events_carry_their_korean_and_japanese_names(tmp_path):
    from analysis.codebooks import TermMatcher

    events = load_events().set_index("event_id")
    ruling = events.loc["2018-10-30-supreme-court-nippon-steel"]
    assert "강제징용 판결" in ruling["names_ko"].split("; ")
    assert "徴用工判決" in ruling["names_ja"].split("; ")
    assert events["names_ko"].notna().all() and events["names_ja"].notna().all()
    # the names find the event in real text (Yomiuri-style headline, constructed)
    names = ruling["names_ja"].split("; ")
    found = TermMatcher.build([("e", names, [], [])]).find("韓国大法院の徴用工判決から5年")
    assert [m[4] for m in found] == ["徴用工判決"]
    bad = tmp_path / "ev.yaml"
    bad.write_text(
        "events:\n  - {id: a, date: 2020-01-01, label: A, description: d, sources: [x], "
        "countries: [JP], ja: [독도]}\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match="field 'ja': term '독도' has Hangul"):
        load_events(bad)
