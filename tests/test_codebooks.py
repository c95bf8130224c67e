"""Tests for analysis.codebooks: the validating loader, term syntax and matcher."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import codebooks
from analysis.codebooks import (
    CodebookError,
    TermMatcher,
    list_codebooks,
    load_codebook,
    load_yaml_entries,
    term_pattern,
)

GOOD = """\
name: tiny
description: a two-frame codebook
frames:
  - id: diplomacy
    label: Diplomacy
    description: talks between governments
    terms: [summit, shuttle diplomacy]
    exclusions: ["summit of Mount*"]
    examples: ["The two leaders held a summit in New York."]
  - id: security
    label: Security
    description: military threats
    terms: [North Korea*, intelligence sharing]
    regex: ['ballistic missiles?']
"""


def write(tmp_path: Path, text: str, name: str = "cb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_load_good_codebook(tmp_path):
    cb = load_codebook(write(tmp_path, GOOD))
    assert cb.name == "tiny"
    assert cb.frame_ids == ["diplomacy", "security"]
    assert cb.frame("security").regex == ("ballistic missiles?",)
    with pytest.raises(ValueError, match="has no frame 'nope'"):
        cb.frame("nope")


def test_load_codebook_accepts_loaded_codebook(tmp_path):
    cb = load_codebook(write(tmp_path, GOOD))
    assert load_codebook(cb) is cb


def replace_frames(body: str) -> str:
    return "name: bad\nframes:\n" + textwrap.indent(textwrap.dedent(body), "  ")


BAD_CASES = [
    (
        "unknown key",
        replace_frames("- {id: a, label: A, description: d, terms: [x], colour: red}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'colour': unknown key",
    ),
    (
        "missing key",
        replace_frames("- {id: a, label: A, terms: [x]}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'description': missing required key",
    ),
    (
        "empty pattern",
        replace_frames("- {id: a, label: A, description: d, terms: [x, '  ']}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'terms': empty pattern",
    ),
    (
        "empty exclusion",
        replace_frames("- {id: a, label: A, description: d, terms: [x], exclusions: ['']}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'exclusions': empty pattern",
    ),
    (
        "bad regex",
        replace_frames("- {id: a, label: A, description: d, terms: [x], regex: ['(unclosed']}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'regex': bad regex '(unclosed': missing ), "
        "unterminated subpattern at position 0",
    ),
    (
        "duplicate id",
        replace_frames(
            "- {id: a, label: A, description: d, terms: [x]}\n"
            "- {id: a, label: B, description: d, terms: [y]}\n"
        ),
        "bad.yaml: entry 2 (id 'a'), field 'id': duplicate id (first at entry 1)",
    ),
    (
        "wrong type",
        replace_frames("- {id: a, label: A, description: d, terms: summit}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'terms': expected list of str, got str",
    ),
    (
        "wrong item type",
        replace_frames("- {id: a, label: A, description: d, terms: [x, 3]}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'terms': expected list of str, got list",
    ),
    (
        "bool is not int",
        replace_frames("- {id: a, label: A, description: d, terms: [x], code: true}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'code': expected int, got bool",
    ),
    (
        "entry not a mapping",
        replace_frames("- just a string\n"),
        "bad.yaml: entry 1: expected a mapping, got str",
    ),
    (
        "star inside a word",
        replace_frames("- {id: a, label: A, description: d, terms: ['ap*ology']}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'terms': bad term 'ap*ology': "
        "'*' only at the end of a word",
    ),
    (
        "no patterns",
        replace_frames("- {id: a, label: A, description: d, terms: []}\n"),
        "bad.yaml: entry 1 (id 'a'), field 'terms': no terms and no regex",
    ),
    (
        "no entries",
        "name: bad\nframes: []\n",
        "bad.yaml: field 'frames': expected a non-empty list",
    ),
    ("top level list", "- a\n- b\n", "bad.yaml: top level must be a mapping with key 'frames'"),
    (
        "unknown top-level key",
        "name: bad\nframez: []\n",
        "bad.yaml: unknown top-level key 'framez' (allowed:",
    ),
    ("invalid yaml", "name: bad\nframes: [\n", "bad.yaml: line 3: invalid YAML:"),
]


@pytest.mark.parametrize(("case", "text", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_codebook_errors_name_file_entry_and_field(tmp_path, case, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_file_and_unknown_name(tmp_path):
    with pytest.raises(CodebookError, match="nothere.yaml: file not found"):
        load_codebook(tmp_path / "nothere.yaml")
    with pytest.raises(CodebookError, match="unknown codebook 'no_such_codebook'; available:"):
        load_codebook("no_such_codebook")


def test_load_yaml_entries_generic_schema(tmp_path):
    path = write(
        tmp_path,
        """\
        actors:
          - {id: yoon, country: KR, aliases: [Yoon Suk Yeol, "Yoon's office"]}
          - {id: kishida, country: JP, aliases: [Fumio Kishida], note: PM}
        """,
        "actors.yaml",
    )
    rows = load_yaml_entries(
        path,
        required={"id": str, "country": str, "aliases": list[str]},
        optional={"note": str},
        list_key="actors",
        terms=("aliases",),
    )
    assert rows == [
        {"id": "yoon", "country": "KR", "aliases": ["Yoon Suk Yeol", "Yoon's office"]},
        {"id": "kishida", "country": "JP", "aliases": ["Fumio Kishida"], "note": "PM"},
    ]
    bad = write(tmp_path, "actors:\n  - {id: x, country: 3, aliases: [a]}\n", "bad_actors.yaml")
    with pytest.raises(
        CodebookError,
        match=r"^bad_actors.yaml: entry 1 \(id 'x'\), field 'country': expected str, got int$",
    ):
        load_yaml_entries(
            bad,
            required={"id": str, "country": str, "aliases": list[str]},
            optional={},
            list_key="actors",
        )


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("intelligence sharing", "an intelligence-sharing pact", ["intelligence-sharing"]),
        ("intelligence-sharing", "intelligence  sharing", ["intelligence  sharing"]),
        ("Kishida's office", "Kishida\u2019s office said", ["Kishida\u2019s office"]),
        ("apolog*", "He apologised; an apology; apologies", ["apologised", "apology", "apologies"]),
        ("summit", "summits and Summit and summitry", ["Summit"]),
        ("Korea", "Koreans in Korea", ["Korea"]),
        ("U.S.", "the U.S. and USA", ["U.S."]),
    ],
)
def test_term_pattern_known_matches(term, text, expected):
    rx = re.compile(term_pattern(term), re.IGNORECASE)
    assert [m.group() for m in rx.finditer(text)] == expected


def test_matcher_longest_first_exclusions_and_shared_terms():
    matcher = TermMatcher.build(
        [
            ("trade", ["trade", "export controls"], [], []),
            ("retaliation", ["trade retaliation", "export controls"], [], []),
            ("diplomacy", ["summit"], [], ["summit of Mount*"]),
        ]
    )
    text = "Trade retaliation and export controls; the summit of Mount Fuji; a summit."
    found = [(k, t, s, e) for k, t, s, e, _ in matcher.find(text)]
    assert found == [
        ("retaliation", "trade retaliation", 0, 17),
        ("trade", "export controls", 22, 37),
        ("retaliation", "export controls", 22, 37),
        ("diplomacy", "summit", 67, 73),
    ]


def test_bundled_codebooks_load_and_examples_hit():
    names = list_codebooks()
    for name in ("kj_frames", "generic_frames", "policy_frames"):
        assert name in names
        cb = load_codebook(name)
        for frame in cb.frames:
            assert frame.examples, f"{name}/{frame.id} has no examples"
            for sentence in frame.examples:
                hits = {k for k, *_ in cb.find(sentence)}
                assert frame.id in hits, f"{name}/{frame.id} example misses: {sentence!r}"
            for sentence in frame.counter_examples:
                hits = {k for k, *_ in cb.find(sentence)}
                assert frame.id not in hits, f"{name}/{frame.id} counter-example hits: {sentence!r}"


def test_policy_frames_map_to_mfc_codes():
    cb = load_codebook("policy_frames")
    assert sorted(f.code for f in cb.frames) == list(range(1, 15))  # 15 "other" = no match


def test_module_exports():
    assert set(codebooks.__all__) >= {"load_codebook", "load_yaml_entries", "CodebookError"}


def test_matcher_exclusions_with_wildcards_and_regex_merge():
    matcher = TermMatcher.build(
        [
            ("geo", ["Korean", "peninsula"], [], ["Korea* Peninsula"]),
            ("us", [], [r"(?-i:\bUS\b)"], []),
            ("any", ["u.s."], [], []),
        ]
    )
    text = "The Korean Peninsula; a Korean. US and us and U.S. officials."
    found = [(k, m) for k, _, _, _, m in matcher.find(text)]
    assert found == [("geo", "Korean"), ("us", "US"), ("any", "U.S.")]


WORDS = [
    *("summit", "of", "Mount", "Fuji", "North", "Korea", "Korean", "missiles", "trade"),
    *("retaliation", "export", "controls", "US", "us", "the", "-", "’s", ",", "1965"),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from([" ", "  ", "\n"]))
def test_matches_are_exact_ordered_and_disjoint(words, sep):
    cb = load_codebook("kj_frames")
    text = sep.join(words)
    found = cb.find(text)
    spans = sorted({(s, e) for _, _, s, e, _ in found})
    for _, _, start, end, match in found:
        assert text[start:end] == match
        assert start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")
    ends, starts = [e for _, e in spans[:-1]], [s for s, _ in spans[1:]]
    assert all(e <= s for e, s in zip(ends, starts, strict=True))


DATE_SCHEMA = {"required": {"id": str}, "optional": {"date": object, "label": str}}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "name: ev\nevents:\n  - id: a\n    date: 2020-01-02\n  - id: b\n    date: 2019-13-40\n",
            "ev.yaml: line 6, entry 2 (id 'b'), field 'date': unparseable date '2019-13-40' "
            "(month must be in 1..12)",
        ),
        (
            "events:\n  - {id: a, date: 2020-01-01}\n  - {id: b, label: y, date: 2019-02-30}\n",
            "ev.yaml: line 3, entry 2 (id 'b'), field 'date': unparseable date '2019-02-30' "
            "(day is out of range for month)",
        ),
        (
            "notes: 2019-02-30\nevents:\n  - {id: a}\n",
            "ev.yaml: line 1, top-level field 'notes': unparseable date '2019-02-30' "
            "(day is out of range for month)",
        ),
        (
            "events:\n  - id: a\n    date: [2019\n  - id: b\n",
            "ev.yaml: line 4: invalid YAML: expected ',' or ']', but got ':'",
        ),
        (
            "events:\n\t- id: a\n",
            "ev.yaml: line 2: invalid YAML: found character '\\t' that cannot start any token",
        ),
    ],
    ids=["month 13", "february 30 in flow style", "header date", "syntax", "tab"],
)
def test_yaml_build_and_syntax_errors_name_file_line_entry_field(tmp_path, body, message):
    """YAML builds dates itself: an impossible date was a bare ValueError naming no file."""
    path = tmp_path / "ev.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_yaml_entries(path, list_key="events", **DATE_SCHEMA)
    assert str(info.value) == message


def test_yaml_valid_dates_still_load_as_dates(tmp_path):
    import datetime as dt

    path = write(tmp_path, "events:\n  - {id: a, date: 2020-02-29}\n", "ev.yaml")
    rows = load_yaml_entries(path, list_key="events", **DATE_SCHEMA)
    assert rows == [{"id": "a", "date": dt.date(2020, 2, 29)}]


def test_is_codable_and_split_codable(caplog):
    import pandas as pd

    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "language": ["en", "ko", pd.NA, "und"]})
    before = docs.copy()
    assert codebooks.is_codable(docs).tolist() == [True, False, True, False]
    assert codebooks.is_codable(docs.drop(columns="language")).all()
    with caplog.at_level("WARNING"):
        kept, left_out = codebooks.split_codable(docs, what="frames")
    assert kept["doc_id"].tolist() == ["a", "c"]
    assert left_out == ["b", "d"]
    assert "frames: 2 document(s) in languages the codebook has no terms for" in caplog.text
    pd.testing.assert_frame_equal(docs, before)
    three = codebooks.is_codable(docs, languages=("en", "ko", "ja"))
    assert three.tolist() == [True, True, True, False]
    kept, left_out = codebooks.split_codable(docs, what="frames", languages=("en", "ko"))
    assert left_out == ["d"]
