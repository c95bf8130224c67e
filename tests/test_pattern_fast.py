"""analysis.sentiment.pattern.FindTokens returns exactly what TextBlob's find_tokens returns.

The reference is the real TextBlob, imported here: ``textblob.en.parser.find_tokens``
(what ``textblob.en.sentiment`` calls as its ``tokenizer``) and ``textblob._text.find_tokens``.
``FindTokens`` is built from the real ``textblob._text`` module for these tests, so they
compare the two implementations on the same constants. That the private analyzer uses
``FindTokens`` and scores as ``TextBlob(text).sentiment`` does, in a fresh interpreter, is
tests/test_sentiment_pattern.py.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
import types

import pytest

from analysis import config
from analysis.corpus import load_corpus
from analysis.sentiment.pattern import FindTokens
from analysis.validation_sets import SET_NAMES, read_validation_set


@pytest.fixture(scope="module")
def text_module():
    import textblob._text

    return textblob._text


@pytest.fixture(scope="module")
def reference():
    from textblob.en import parser

    return parser.find_tokens


@pytest.fixture(scope="module")
def fast(text_module):
    return FindTokens(text_module)


def _differences(fast, reference, texts) -> list[str]:
    return [text for text in texts if fast(text) != reference(text)]


# --- (a) every real text we ship ---------------------------------------------------------------


@pytest.mark.parametrize("name", SET_NAMES)
def test_equal_on_every_text_of_every_validation_set(fast, reference, name):
    texts = read_validation_set(name, split="all")["text"].astype(str).tolist()
    assert len(texts) > 200
    assert _differences(fast, reference, texts) == []


def test_equal_on_the_sample_corpus_as_loaded_and_as_stored(fast, reference):
    corpus = load_corpus(config.SAMPLE_CORPUS)
    texts = corpus["text"].tolist() + corpus["title"].astype(str).tolist()
    for path in sorted(config.SAMPLE_DIR.iterdir()):
        if path.suffix == ".jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            texts += [str(row.get(key, "")) for row in rows for key in ("title", "text")]
        elif path.suffix in (".txt", ".md", ".csv"):
            texts.append(path.read_text(encoding="utf-8"))  # raw: line breaks as stored
    assert len(texts) > 100
    assert _differences(fast, reference, texts) == []


def test_equal_on_the_english_bench_corpus(fast, reference):
    spec = importlib.util.spec_from_file_location(
        "real_corpus", config.PROJECT_ROOT / "bench" / "real_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = module.compose_real_corpus()["en"]["text"].tolist()
    assert len(texts) > 500 and sum(map(len, texts)) > 2_000_000
    assert _differences(fast, reference, texts) == []


# --- (b) find_tokens' own branches, by hand ----------------------------------------------------

KNOWN = [  # what TextBlob 0.20 gives, quirks included
    ("I can't believe it's not butter.", ["I ca n ' t believe it ' s not butter ."]),
    ("Dr. Kim met Mr. Abe.", ["Dr. Kim met Mr. Abe ."]),  # RE_ABBR3, abbreviations
    ("St. Louis BBC. NHK.", ["St. Louis BBC .", "NHK ."]),  # RE_ABBR3: capital + lowercase
    ("The U.S. met at 3 p.m. today.", ["The U.S. met at 3 p.m. today ."]),  # RE_ABBR2, list
    ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it ."]),  # RE_ABBR1
    ("Wait... what.... no", ["Wait ...", "what ...", "no"]),
    ("Really?! Yes!!", ["Really ? !", "Yes ! !"]),
    ("(He left.) Then she came.", ["( He left . )", "Then she came ."]),
    ('He said "go." Then left.', ['He said " go .', '" Then left .']),  # quote never joins
    ("“Quotes,” he said. ‘One’ too.", ["“ Quotes , ” he said .", "‘ One ’ too ."]),
    ("One.\n\nTwo\r\n\r\nThree.\r\nSame.", ["One .", "Two", "Three .", "Same ."]),
    ("Great :-) and :D but (!) and ( ! ) ok", ["Great :-) and :D but (!)", "and (!)", "ok"]),
    ("END-OF-SENTENCE. END-OF-SENTENCE", ["."]),
    ("'s.", ["' s."]),
    ("", []),
    (" \n\t\u00a0\u2028 ", []),
]


@pytest.mark.parametrize(("text", "expected"), KNOWN)
def test_known_answers(fast, reference, text, expected):
    assert reference(text) == expected  # the quirk is TextBlob's
    assert fast(text) == expected


EDGES = [
    "I'm sure they'll say we've won and you're right; she'd agree.", "The minister's remarks",
    "n't", "'s", "'d 'm 'll 're 've", "don't won't shan't", "e.g. this, i.e. that, etc. and so",
    "E.g. Cf. Fig. fig. vs. w/ Mil. Med. n.q.", "O.K. a.b.c. A. B. C. i.e. No. 1", "Sen.Kim",
    "He said 'go.' Then left.", 'He said "go. Then left.', 'x . " y', "x . ' y", "x . ” y",
    "x . ’ ) . ! y", 'a. " b " . c', "Wait…. ok", "...", "....", ".....", ". . .", "?!", ".",
    "!", "?", ")", "(", "((()))", "(((hi)))", "-", "--", "—", '"', "''", "``", "“”", "‘’",
    "Hello world\n\nEND", "a\n\n\n\nb", "a\n \nb", "a\r\n\r\nb", "a\r\r\nb", "\n\nStart.",
    "End.\n\n", "a \n\n END-OF-SENTENCE \n\n b", "END-OF-SENTENCE", "xEND-OF-SENTENCEy.",
    ":-( sad :( :'( ;'( :'''(", "<3 ♥ XD xD X D x-D 8-D =D", ">:P :-p :p :b :c) :o) :^)",
    ">:) :-) :) =) =] :] :} :> :3 8) 8-)", ">;] ;-) ;) ;-] ;] ;D ;^) *-) *)",
    ">:o :-O :O :o :-o o_O o.O °O° °o°", ">:/ :-/ :/ :\\ >:\\ :-. :-s :s :S :-S >.>",
    ">:[ :-( :( =( :-[ :[ :{ :-< :c :-c =/", ": - )", ": )", "( !)", "(! )", "(!!)", "He (!) said.",
    "See https://www.example.com/path?x=1. Or www.nhk.or.jp.", "mail me@x.org, now!",
    "It rose 3.5 percent in 2019.", "In 2019. In 1,000. At 3:30. 50%.", "$5.5bn (£4bn).",
    "#Korea @Japan ^caret &amp; *star +1 -1 |pipe| =eq ~tilde _under_ [x] {y} `z`",
    "Seoul—Tokyo", "한국과 일본은. 日本と韓国は。", "Mr Smith's", "i.e.", "U.S.-Japan",
    "Yoon's and Kishida's talks (the first in 12 years).", "'Quoted.'", '"Quoted."',
    '"Quoted," he said.', "(Reuters) -", "...and", "end...", "a.. b", "a.,. b", "Mr.. Kim",
]  # fmt: skip


@pytest.mark.parametrize("text", EDGES)
def test_equal_on_edge_cases(fast, reference, text):
    assert fast(text) == reference(text)


def test_the_module_function_is_the_same_tokenizer(text_module, fast):
    for text in [case for case, _ in KNOWN] + EDGES:
        assert fast(text) == text_module.find_tokens(text)


def test_str_split_is_find_tokens_whitespace_for_every_code_point():
    # FindTokens splits with str.split(); find_tokens collapses r"\s+" then findall(r"(\S+)\s")
    every = "x".join(chr(c) for c in range(sys.maxunicode + 1))
    assert re.compile(r"(\S+)\s").findall(re.sub(r"\s+", " ", every) + " ") == every.split()


def test_a_non_string_is_read_as_str_like_textblob(fast, reference):
    assert fast(3.5) == reference(3.5) == ["3.5"]


# --- (c) seeded fuzz ---------------------------------------------------------------------------

PIECES = [
    "the", "Korea", "said", "good", "bad", "not", "very", "Mr.", "Mrs.", "Dr.", "Sen.", "St.",
    "U.S.", "U.K.", "e.g.", "i.e.", "etc.", "p.m.", "a.m.", "vs.", "J.", "K.", "BBC.", "No.",
    "can't", "I'm", "it's", "they'll", "we've", "'s", "n't", "'", '"', "“", "”", "‘", "’",
    "...", "....", "…", ".", ",", ";", ":", "!", "?", "?!", "!!", "(", ")", "[", "]", "{", "}",
    "(!)", "( ! )", ":-)", ":)", ":D", ":-(", ":'(", "<3", "XD", "o.O", ">.>", "8)", ";-)",
    "3.5", "2019.", "1,000", "50%", "$5", "https://x.org/a?b=1.", "www.nhk.or.jp", "me@x.org",
    "END-OF-SENTENCE", "-", "--", "—", "#tag", "@user", "*", "+", "=", "~", "_", "`", "|", "^",
    "&", "한국", "日本。",
]  # fmt: skip
GLUE = ["", "", "", " ", " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u00a0",
        " \n \n ", "\n\n\n", "\u2028", "\x1c"]  # fmt: skip
CHARS = ".,;:!?()[]{}`'\"@#$^&*+-|=~_“”‘’…aAbBcCdDoOxXsSmMnt3058 \n\r\t<>/\\°♥"


def _pieces(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(0, 14)))


def _chars(rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, 30)))


def _fuzz(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [_pieces(rng) if i % 2 else _chars(rng) for i in range(n)]


def test_equal_on_seeded_fuzz(fast, reference):
    texts = _fuzz(14, 6000)
    assert len(set(texts)) > 5500
    assert _differences(fast, reference, texts) == []


# --- every test above can fail: quirks broken one at a time are caught ------------------------


class _QuotesJoinTheRun(FindTokens):
    """As if find_tokens' balanced-quote check could let a quote join the end run."""

    def __init__(self, module):
        super().__init__(module)
        self._end = re.compile(self._end.pattern.replace("(?: (?:", "(?: (?:'|\"|", 1))


class _NoEmoticons(FindTokens):
    def __init__(self, module):
        super().__init__(module)
        self._emoticons = re.compile("(?!)")


def _broken(module, **changes):
    fake = types.SimpleNamespace(**vars(module))
    for name, value in changes.items():
        setattr(fake, name, value)
    return FindTokens(fake)


# (Dropping RE_ABBR1 is not among them: every string it matches, RE_ABBR2 matches too.)
BROKEN = {
    "no RE_ABBR3": lambda m: _broken(m, RE_ABBR3=re.compile("(?!)")),
    "no RE_ABBR2": lambda m: _broken(m, RE_ABBR2=re.compile("(?!)")),
    "no abbreviations": lambda m: _broken(m, ABBREVIATIONS=set()),
    "no contractions": lambda m: _broken(m, replacements={}),
    "no sarcasm": lambda m: _broken(m, RE_SARCASM=re.compile("(?!)")),
    "no emoticons": _NoEmoticons,
    "quotes join the end run": _QuotesJoinTheRun,
    "a literal END-OF-SENTENCE not taken for one": lambda m: _broken(m, EOS="END-OF-SENTENC"),
    "'(' not split": lambda m: _broken(m, PUNCTUATION=m.PUNCTUATION.replace("(", "")),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_quirk_is_caught_by_the_cases_and_the_fuzz(text_module, reference, name):
    broken = BROKEN[name](text_module)
    cases = [case for case, _ in KNOWN] + EDGES
    assert _differences(broken, reference, cases)
    assert _differences(broken, reference, _fuzz(14, 6000))


def test_three_line_breaks_for_a_paragraph_would_be_caught(fast, reference, monkeypatch):
    from analysis.sentiment import pattern

    monkeypatch.setattr(pattern, "_LINEBREAK", re.compile(r"\n\n\n+"))
    assert _differences(fast, reference, [case for case, _ in KNOWN] + EDGES)
