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
from analysis.sentiment.pattern import FindTokens, _fast_assessments
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


# --- Sentiment.assessments: the fast one equals TextBlob's -------------------------------------


@pytest.fixture(scope="module")
def own():
    """TextBlob's own analyzer, loaded (the fast method is called with it as ``self``)."""
    from textblob.en import sentiment

    len(sentiment)
    return sentiment


@pytest.fixture(scope="module")
def fast_assessments(text_module):
    return _fast_assessments(text_module)


def _words(own, text: str) -> list:
    """What ``Sentiment.__call__`` passes to ``assessments`` for a string."""
    return [(w.lower(), None) for w in " ".join(own.tokenizer(text)).split()]


def _assessment_differences(method, own, streams, *, negation=True) -> int:
    return sum(
        method(own, iter(words), negation) != own.assessments(iter(words), negation)
        for words in streams
    )


def _real_texts() -> list[str]:
    texts = [t for name in SET_NAMES for t in read_validation_set(name, split="all")["text"]]
    return [str(t) for t in texts] + load_corpus(config.SAMPLE_CORPUS)["text"].tolist()


def test_assessments_equal_on_every_validation_and_sample_text(own, fast_assessments):
    streams = [_words(own, text) for text in _real_texts()]
    assert len(streams) == 18942 + 60
    assert sum(len(own.assessments(iter(w))) for w in streams) > 30_000  # not all empty
    assert _assessment_differences(fast_assessments, own, streams) == 0
    assert _assessment_differences(fast_assessments, own, streams[:3000], negation=False) == 0


ASSESSED = [
    "not good", "very good", "not very good", "really not good", "not a good idea", "good!",
    "good ! !", "(!)", "He (!) said.", ":) :-) :D :d XD xD x-D :P :p <3 ♥ 8) ;-) :'( >:\\",
    "very :) good", "really :-( bad", "no good", "never bad", "isn't good", "3.5 2019 1,000",
    "terribly good", "not terribly bad", "extremely very happy", "not not good", "!", "",
    "good", "n't good", "very", "very very", "not", "very not", "really is a good thing",
    "very xyz good", "not xyz good", "not a good", "extremely 2019 happy",
]  # fmt: skip


STREAMS = [  # word lists as Sentiment(list) or a parsed Text passes them: tags, None, quotes
    [("not", None), ("''", None), ("good", None)], [("never", None), ("'x", None), ("bad", None)],
    [("very", "RB"), ("good", "JJ")], [("good", "NN"), (None, None), ("not", None), ("bad", "JJ")],
    [("really", None), ("not", None), ("good", "RB")], [("GOOD", None), (":P", None), (":p", None)],
]  # fmt: skip


def test_assessments_equal_on_hand_made_word_lists(own, fast_assessments):
    for words in STREAMS:
        for negation in (True, False):
            assert fast_assessments(own, iter(words), negation) == own.assessments(words, negation)


@pytest.mark.parametrize("text", ASSESSED)
def test_assessments_equal_on_hand_made_cases(own, fast_assessments, text):
    words = _words(own, text)
    for negation in (True, False):
        assert fast_assessments(own, iter(words), negation) == own.assessments(
            iter(words), negation
        )
    assert fast_assessments(own) == own.assessments() == []


def test_assessments_known_answers(own, fast_assessments):
    # TextBlob's quirks: "xd" is alphabetic, so XD is no emoticon; a modifier
    # before an emoticon modifies the emoticon's entry
    assert fast_assessments(own, iter(_words(own, "XD :D"))) == [([":d"], 1.0, 1.0, "mood")]
    assert fast_assessments(own, iter(_words(own, "very :) good"))) == own.assessments(
        iter(_words(own, "very :) good"))
    )
    assert [w for w, *_ in fast_assessments(own, iter(_words(own, "not very good")))] == [
        ["not", "very", "good"]
    ]


def _fuzz_words(own, text_module, seed: int, n: int) -> list[list]:
    rng = random.Random(seed)
    lexicon = sorted(dict.keys(own))
    vocabulary = rng.sample(lexicon, 400) + [w for w in lexicon if w.endswith("ly")][:100]
    modifiers = [w for w in lexicon if "RB" in dict.__getitem__(own, w)][:40]
    small = [*own.negations, "very", "really", "too", "a", "is", "'", "''", "!", "(!)", "good"]
    vocabulary += (small + modifiers) * 10  # often enough to meet in twos and threes
    vocabulary += ["3.5", "1,000", ",", ".", "...", "x", "ab", "abc", None]
    vocabulary += [f for faces in text_module.EMOTICONS.values() for f in faces]
    vocabulary += [f.lower() for faces in text_module.EMOTICONS.values() for f in faces]
    tags = [None] * 6 + ["JJ", "RB", "NN", "VB", ""]
    return [
        [(rng.choice(vocabulary), rng.choice(tags)) for _ in range(rng.randint(0, 25))]
        for _ in range(n)
    ]


def test_assessments_equal_on_seeded_fuzz(own, text_module, fast_assessments):
    streams = _fuzz_words(own, text_module, 14, 6000)
    assert sum(bool(own.assessments(iter(w))) for w in streams) > 4000
    assert _assessment_differences(fast_assessments, own, streams) == 0
    assert _assessment_differences(fast_assessments, own, streams, negation=False) == 0


MUTANTS = {  # one line of _fast_assessments changed: each must be caught
    "no isalpha guard": ("w.isalpha() is False and len(w)", "len(w)"),
    "'!' boost 1.2": ("* 1.25", "* 1.2"),
    "negation kept over quotes": ('len(w.strip("\'")) > 1', "len(w) > 1"),
    "modifier kept over 3 letters": ("elif m and len(w) > 2", "elif m and len(w) > 3"),
    "negation does not invert intensity": ('a[-1]["i"] = 1.0 / a[-1]["i"]', "pass"),
    "no sarcasm entry": ('if w == "(!)":', 'if w == "(!!)":'),
    "not good = -0.4": ("* -0.5", "* -0.4"),
    "modifier only by tag": ("or any(map(self[w].__contains__, modifiers))", ""),
    "skipped with a modifier pending": ("if m is None and n is None and", "if n is None and"),
    "skipped with a negation pending": ("if m is None and n is None and", "if m is None and"),
    "'!' skipped": ('{*negations, "!", "(!)", *moods}', '{*negations, "(!)", *moods}'),
    "negations skipped": ('{*negations, "!", "(!)", *moods}', '{"!", "(!)", *moods}'),
    "emoticons skipped": ('{*negations, "!", "(!)", *moods}', '{*negations, "!", "(!)"}'),
}


def _mutant(text_module, old: str, new: str):
    import inspect

    from analysis.sentiment import pattern

    source = inspect.getsource(pattern._fast_assessments)
    assert source.count(old) == 1
    namespace = dict(vars(pattern))
    exec(compile(source.replace(old, new), "mutant", "exec"), namespace)
    return namespace["_fast_assessments"](text_module)


@pytest.mark.parametrize("name", list(MUTANTS))
def test_a_broken_line_of_assessments_is_caught(own, text_module, name):
    mutant = _mutant(text_module, *MUTANTS[name])
    hand = [_words(own, text) for text in ASSESSED + EDGES] + STREAMS
    fuzz = _fuzz_words(own, text_module, 14, 6000)
    assert _assessment_differences(mutant, own, hand) + _assessment_differences(
        mutant, own, hand, negation=False
    )
    assert _assessment_differences(mutant, own, fuzz)
