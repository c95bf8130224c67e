"""Speed-ups that must not change a result: each fast path equals the slow one on real text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import config
from analysis.codebooks.matcher import TermMatcher, has_cjk
from analysis.framing.coding import _is_word, count_words
from analysis.lang import for_language
from analysis.validation_sets import read_validation_set

EXTRA = " \u2122 \u2460 Jose\u0301 ＧＳＯＭＩＡ"


@pytest.fixture(scope="module")
def english_texts() -> list[str]:
    """Real English: NFC articles whole, NewsMTSC and NYT sentences, and edited copies."""
    nfc = read_validation_set("nfc", split="all")["text"].astype(str).tolist()
    mtsc = read_validation_set("newsmtsc", split="all")["text"].astype(str).head(300).tolist()
    nyt = read_validation_set("nyt_editorial", split="all")["text"].astype(str).head(300).tolist()
    edited = [
        # NFKC changes these: no-break spaces, a ligature, a trademark sign (not a word
        # itself, but "TM" after NFKC), circled digits, a decomposed accent, full width
        t.replace(" ", "\u00a0", 3).replace("fi", "\ufb01", 1) + EXTRA
        for t in nfc[:30]
    ]
    return nfc + mtsc + nyt + edited


def _token_count(text: str) -> int:
    return sum(1 for token in for_language("en").tokens(text) if _is_word(token))


def test_count_words_equals_the_token_count_on_real_english(english_texts):
    fast = [count_words(t, "en") for t in english_texts]
    assert fast == [_token_count(t) for t in english_texts]
    assert sum(fast) > 100_000  # real articles, not a handful of words


def test_count_words_trademark_sign_is_not_a_word():
    # "™" becomes "TM" under NFKC: a token, but its raw surface holds no letter
    assert count_words("Samsung\u2122 phones", "en") == _token_count("Samsung\u2122 phones") == 2
    assert count_words("Japan ™ Korea", "en") == 2
    assert count_words(pd.NA, "en") == 0


def _plain_alternation(named, regexes):
    return "|".join(f"(?P<{name}>{pattern})" for name, pattern in named)


@pytest.fixture(scope="module")
def multilingual_texts(english_texts) -> list[str]:
    ko = read_validation_set("nsmc", split="all")["text"].astype(str).head(300).tolist()
    ja = read_validation_set("economy_watchers", split="all")["text"].astype(str).head(300)
    sentences = [s for t in english_texts[:60] for s in t.split(". ")]
    return [*english_texts, *sentences, *ko, *ja.tolist()]


def test_factored_alternation_finds_what_one_group_per_term_finds(multilingual_texts, monkeypatch):
    from analysis.codebooks import actors, frames, matcher
    from analysis.terms import termlist

    def books():
        frame_path = frames.resolve_codebook_path("kj_frames")
        return [
            frames._load.__wrapped__(str(frame_path.resolve()), 0, 0),
            actors._read_actors(config.CODEBOOK_DIR / "actors.yaml"),
            termlist._read_terms(termlist.resolve_codebook_path("contested_terms")),
        ]

    factored = books()
    monkeypatch.setattr(matcher, "_alternation", _plain_alternation)
    plain = books()
    assert factored[0].matcher.buckets["se"].pattern != plain[0].matcher.buckets["se"].pattern
    n_found = 0
    for fast, slow in zip(factored, plain, strict=True):
        for text in multilingual_texts:
            found = fast.matcher.find(text)
            assert found == slow.matcher.find(text)
            n_found += len(found)
    assert n_found > 1_000


def test_term_and_actor_files_load_once_and_again_when_changed(tmp_path):
    import shutil

    from analysis.codebooks.actors import load_actors
    from analysis.terms import load_terms

    assert load_terms("contested_terms") is load_terms("contested_terms")
    assert load_actors() is load_actors()
    copy = tmp_path / "actors.yaml"
    shutil.copy(config.CODEBOOK_DIR / "actors.yaml", copy)
    first = load_actors(copy)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_actors(copy) is not first


def _nfkc_reference(text: str):
    """NFKC segment by segment, one character at a time (the mapping's definition)."""
    import unicodedata

    from analysis.codebooks.matcher import _joins_previous

    out, starts, ends, seg = [], [], [], 0
    for i in range(1, len(text) + 1):
        if i < len(text) and _joins_previous(text[i]):
            continue
        piece = unicodedata.normalize("NFKC", text[seg:i])
        out.append(piece)
        starts.extend([seg] * len(piece))
        ends.extend([i] * len(piece))
        seg = i
    return "".join(out), starts, ends


def test_nfkc_offsets_in_ascii_runs_equal_the_character_loop(multilingual_texts):
    from analysis.codebooks.matcher import nfkc_with_offsets

    hard = [
        "e\u0301t\u00e9 ＧＳＯＭＩＡ\u00a0㈜ \u0301start",
        "\u0301",
        "a\u0301",
        "ｶﾞ한\u1161",
        "x",
    ]
    texts = [t + EXTRA for t in multilingual_texts[:400]] + hard
    for text in texts:
        assert nfkc_with_offsets(text) == _nfkc_reference(text)


def test_anchors_compiled_for_text_without_korean_japanese_match_the_same(
    multilingual_texts,
):
    # In a text with no Korean/Japanese character the matcher compiles its word anchors as
    # \w (cheap) instead of the class that leaves out every Korean/Japanese range: the
    # matches must be the same as with the full class, on real English text and on Latin
    # text with accents, digits and underscores at the edges of terms.
    from analysis.codebooks import actors, frames
    from analysis.terms import termlist

    books = [
        frames.load_codebook("kj_frames"),
        actors.load_actors(),
        termlist.load_terms("contested_terms"),
    ]
    edges = [
        "Abe's cabinet; Abeé; _Abe_; Abe1 and 1Abe; the comfort women (Müller); Shinzō Abe",
        "Тokyo and Seoul: Кishida met Yoon; Dokdo/Takeshima, Sea-of-Japan, East Sea.",
    ]
    # capital sigma and U+0130 send the scan past its lowercased-text path
    edges += [t.replace("a", "\u03a3", 1) for t in edges] + ["İstanbul: Abe and Kishida"]
    texts = [t for t in multilingual_texts if not has_cjk(t)] + edges
    assert len(texts) > 500
    n_found = n_windows = 0
    for book in books:
        for k, text in enumerate(texts):
            plain = [(m.span(), m.lastgroup) for m in book.matcher._scan(text, cjk=False)]
            full = [(m.span(), m.lastgroup) for m in book.matcher._scan(text, cjk=True)]
            assert plain == full, text[:80]
            n_found += len(plain)
            for span, _ in plain[:3]:  # windows, as the exclusion check scans them
                lo, hi = max(0, span[0] - k % 7), min(len(text), span[1] + k % 5)
                a = [m.span() for m in book.matcher._scan(text, lo, hi, cjk=False)]
                b = [m.span() for m in book.matcher._scan(text, lo, hi, cjk=True)]
                assert a == b, (text[lo:hi], a, b)
                n_windows += 1
    assert n_found > 1_000 and n_windows > 1_000
    fresh = TermMatcher.build([("k", ["Abe", "comfort wom*", "위안부"], [], [])])
    assert [m[4] for m in fresh.find("Abe met comfort women")] == ["Abe", "comfort women"]
    assert not fresh._compiled[True]  # an English text never compiles the class
    assert [m[4] for m in fresh.find("Abe와 위안부")] == ["Abe", "위안부"]
    assert fresh._compiled[True]


def test_lowercasing_keeps_offsets_and_word_characters_but_for_two_characters():
    # The matcher finds candidate words in text.lower() at the text's own offsets
    # (TermMatcher._scan_words): true for every character but U+0130 (lowercased to
    # two) and capital sigma (lowercased by context), which it checks for.
    import sys

    word = re.compile(r"\w")
    odd = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        in_context = ("A" + ch + "B").lower()[1:-1], ("A" + ch).lower()[1:], (ch + "B").lower()[:-1]
        same_class = (word.match(ch) is None) == (word.match(low[:1]) is None)
        if len(low) != 1 or not same_class or any(c != low for c in in_context):
            odd.append(ch)
    assert odd == ["\u0130", "\u03a3"]


def test_fold_quotes_equals_translate_on_real_text(multilingual_texts):
    from analysis.lang.base import QUOTE_MAP, fold_quotes

    every_mark = (
        "".join(chr(code) for code in QUOTE_MAP) + " \u2018Japan\u2019s\u201d \uff02x\uff07"
    )
    texts = [*multilingual_texts, every_mark, "", "plain ascii 'quotes'"]
    assert [fold_quotes(t) for t in texts] == [t.translate(QUOTE_MAP) for t in texts]
    assert sum(t != t.translate(QUOTE_MAP) for t in multilingual_texts) > 50  # real marks met
