r"""TextBlob's default analyzer, loaded without importing TextBlob's package (and so nltk).

``TextBlob(text).sentiment`` calls ``textblob.en.sentiment``, pattern's lexicon
analyzer, which needs nothing but the standard library. Importing it the usual
way runs ``textblob/__init__.py``, which imports nltk, which imports
scipy.stats: about 1.4 s of CPU at every start of a command, for code the
analyzer never runs (measured with ``python -X importtime``; see docs/scale.md).

``textblob_sentiment`` imports TextBlob's own ``textblob/_text.py`` and
``textblob/en/__init__.py`` from the installed package (no copy of their
code) under a temporary, empty parent package, then removes every
``textblob*`` entry it added from ``sys.modules``, so a later ``import textblob``
elsewhere loads the real package as usual. When TextBlob is already imported,
its own ``textblob.en.sentiment`` is returned. Either way the analyzer is
TextBlob's, so the scores are TextBlob's (tests compare them with
``TextBlob(text).sentiment`` in a fresh interpreter).

One change of speed, not of result, on the private copy only: pattern's
lexicon is a ``lazydict`` that routes every ``word in lexicon`` and
``lexicon[word]`` through a Python method checking whether the file is loaded
yet (its own shortcut for that sets instance attributes, which Python's
operators never look up). Once the lexicon is loaded, the private analyzer is
given a subclass whose ``__contains__``, ``__getitem__`` and ``get`` are
``dict``'s: the same lookups in the same dictionary, about 30 % less time for
TextBlob on real news (bench/bench_real.py).

A second, also of speed only: the private analyzer's ``tokenizer`` (TextBlob's is
``parser.find_tokens``, i.e. ``find_tokens`` of ``_text.py`` with its defaults) is
``FindTokens``, which returns the same list of sentence strings for every input
but spends its Python time only on the few tokens that need it:

- the steps find_tokens does on the whole string are done as it does them (the
  contractions and ``\r\n`` as ``str.replace``, which is what ``re.sub`` of a
  pattern without metacharacters is; ``\n{2,}`` written ``\n\n+``);
- ``re.sub(r"\s+", " ")`` then ``TOKEN.findall`` is ``str.split()``: both treat
  exactly the characters of ``str.isspace`` as whitespace;
- find_tokens' per-token loop changes nothing in a token that neither starts
  with punctuation other than "." nor ends with punctuation or "." (about 13 %
  of tokens in real news are not of that kind); only those go through the
  loop, kept line by line (``_peel``), and are memoised (a pure function of the
  token);
- its sentence loop closes a sentence after an end token ("...", ".", "!",
  "?", END-OF-SENTENCE) and the run of ``” ’ ... . ! ? )`` or END-OF-SENTENCE
  tokens that follows; ``'`` and ``"`` are in its list but never join the run,
  because the quotes it counts are those of a list that is still empty at that
  point. One regex over the token string finds those runs; END-OF-SENTENCE
  tokens are dropped and empty sentences skipped as it does;
- ``RE_SARCASM`` and ``RE_EMOTICONS`` run once over the sentences joined by
  "\n" instead of once per sentence: neither can match across a "\n", and
  ``RE_EMOTICONS``'s ``($|\s)`` matches the "\n" where it matched the end.

A third, also of speed only: the private analyzer's class gets an ``assessments``
(``_fast_assessments``) that is TextBlob's method line by line, but reads the
analyzer's attributes once per call and, for a short non-alphabetic word
(numbers, mostly), looks the word up in one table of lowercased EMOTICONS
faces (first set wins, as its loop breaks at the first) instead of lowercasing
every face of every set again; and it skips at once a word with which the
loop would do nothing (a ``str`` unknown to the lexicon, not a negation, "!",
"(!)" or face, with no modifier or negation pending). Tests compare it with
TextBlob's method on the words of every validation text, hand-made word lists
and 6,000 seeded fuzz word lists (tags, ``None``, quotes included), and show
that each of thirteen one-line changes to it is caught.

Measured with bench/bench_textblob.py on the real English bench corpus (CPU
time, one process, under load): the tokenizer 2.6x faster, ``assessments`` 2.4x
(5.2x TextBlob's own, lazydict lookups included), the analyzer as a whole 3.0x
TextBlob's own and 2.3x this copy before the two changes (docs/scale.md).

Tests (tests/test_pattern_fast.py) compare ``FindTokens`` with TextBlob's own
tokenizer on every text of every validation set, the sample corpus, the
English bench corpus, hand-made cases of each branch and 6,000 seeded fuzz
strings, and check that breaking any one quirk is caught; the analyzer's
scores are compared with ``TextBlob(text).sentiment`` in
tests/test_sentiment_pattern.py.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
import threading
import types

_LOCK = threading.Lock()


def _textblob_names() -> list[str]:
    return [name for name in sys.modules if name == "textblob" or name.startswith("textblob.")]


@functools.lru_cache(maxsize=1)
def textblob_sentiment():
    """The ``textblob.en.sentiment`` analyzer (what ``TextBlob(text).sentiment`` calls).

    Returns:
        pattern's ``Sentiment`` object: ``analyzer(text)`` gives
        ``(polarity, subjectivity)`` with ``.assessments``.

    Raises:
        ModuleNotFoundError: textblob is not installed.
    """
    with _LOCK:
        if "textblob" in sys.modules:
            return importlib.import_module("textblob.en").sentiment
        analyzer, text_module = _private_analyzer()
        analyzer.tokenizer = FindTokens(text_module)
        type(analyzer).assessments = _fast_assessments(text_module)
        return analyzer


def _private_analyzer():
    """A private ``textblob.en.sentiment`` with dict lookups, and its ``textblob._text``.

    Call only while textblob is not imported (``textblob_sentiment`` checks); the
    analyzer still has TextBlob's own tokenizer (bench/bench_textblob.py times it).
    """
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'textblob'", name="textblob")
    parent = types.ModuleType("textblob")
    parent.__path__ = list(spec.submodule_search_locations)
    parent.__file__ = spec.origin
    sys.modules["textblob"] = parent
    try:
        english = importlib.import_module("textblob.en")
        text_module = sys.modules["textblob._text"]
    finally:
        for name in _textblob_names():
            del sys.modules[name]
    return _with_dict_lookups(english.sentiment), text_module


def _with_dict_lookups(analyzer):
    """The private analyzer, loaded, with ``dict``'s own lookups (see the module docstring)."""
    len(analyzer)  # loads en-sentiment.xml
    lazy = type(analyzer)
    analyzer.__class__ = type(
        lazy.__name__,
        (lazy,),
        {"__contains__": dict.__contains__, "__getitem__": dict.__getitem__, "get": dict.get},
    )
    return analyzer


# --- find_tokens, exactly, without a Python loop per token ----------------------------------


_LINEBREAK = re.compile(r"\n\n+")  # find_tokens' r"\n{2,}", written so re scans for "\n\n"


def _alternatives(tokens) -> str:
    """A regex group matching any of ``tokens`` literally, longest first."""
    return "(?:" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + ")"


class FindTokens:
    """TextBlob's ``find_tokens(string)`` (``textblob/_text.py``), same result, less time.

    Built from the private ``textblob._text`` module: its own constants are used
    (``PUNCTUATION``, ``ABBREVIATIONS``, ``replacements``, ``RE_ABBR1-3``, ``EOS``,
    ``RE_SARCASM``, ``RE_EMOTICONS``). ``FindTokens(module)(string)`` equals
    ``module.find_tokens(str(string))`` (what the analyzer's own tokenizer,
    ``parser.find_tokens``, returns) for every string; the module docstring says
    why, step by step.
    """

    def __init__(self, module):
        punctuation = tuple(module.PUNCTUATION.replace(".", ""))
        self._punctuation, self._trailing = punctuation, (*punctuation, ".")
        self._lead, self._trail = frozenset(punctuation), frozenset(self._trailing)
        self._replace, self._abbreviations = module.replacements, module.ABBREVIATIONS
        self._abbreviated = (module.RE_ABBR1.match, module.RE_ABBR2.match, module.RE_ABBR3.match)
        self._eos = module.EOS
        self._sarcasm, self._emoticons = module.RE_SARCASM, module.RE_EMOTICONS
        # find_tokens' sentence end: an end token, then the run of closing tokens after it.
        # "'" and '"' are in its closing list but never join the run: the quote count
        # it takes is of a list that is still empty then, so "balanced" always holds.
        # Every token is preceded and followed by a space (the string is padded).
        ends = "|".join(
            re.escape(t) + f"(?<= {re.escape(t)})" for t in ("...", ".", "!", "?", self._eos)
        )
        closing = _alternatives(("\u201d", "\u2019", "...", ".", "!", "?", ")", self._eos))
        self._end = re.compile(rf"(?:{ends})(?: {closing})*(?= )")
        self._peeled = functools.lru_cache(maxsize=1 << 16)(self._peel_joined)

    def cache_clear(self) -> None:
        """Forget the peeled tokens kept so far (benchmarks start each round cold)."""
        self._peeled.cache_clear()

    def _peel(self, t: str) -> list[str]:
        """find_tokens' loop for one token: split punctuation, keep abbreviations."""
        punctuation, trailing, replace = self._punctuation, self._trailing, self._replace
        tokens, tail = [], []
        while t.startswith(punctuation) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(trailing) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in self._abbreviations or any(m(t) is not None for m in self._abbreviated):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
        return tokens

    def _peel_joined(self, t: str) -> str:
        return " ".join(self._peel(t))

    def _tokens(self, string: str) -> str:
        """find_tokens' text before its sentence loop: the tokens, one space apart."""
        for a, b in list(self._replace.items()):
            # re.sub of a pattern without metacharacters by a replacement without "\\"
            # is str.replace (TextBlob's contractions are such pairs)
            literal = re.escape(a) == a and "\\" not in b
            string = string.replace(a, b) if literal else re.sub(a, b, string)
        string = (
            string.replace("\u201c", " \u201c ")
            .replace("\u201d", " \u201d ")
            .replace("\u2018", " \u2018 ")
            .replace("\u2019", " \u2019 ")
            .replace("'", " ' ")
            .replace('"', ' " ')
        )
        string = string.replace("\r\n", "\n")  # re.sub("\r\n", "\n")
        string = _LINEBREAK.sub(f" {self._eos} ", string)
        # re.sub(r"\s+", " ") then TOKEN.findall(string + " ") is str.split(): both
        # whitespaces are Py_UNICODE_ISSPACE (a test checks every code point). A token
        # that neither starts with punctuation other than "." nor ends with
        # punctuation or "." goes through find_tokens' loop unchanged.
        lead, trail, peeled = self._lead, self._trail, self._peeled
        return " ".join(
            [t if t[0] not in lead and t[-1] not in trail else peeled(t) for t in string.split()]
        )

    def __call__(self, string) -> list[str]:
        """The sentences of ``string``, each a space-separated string of tokens."""
        tokens = self._tokens(str(string))
        cut = self._end.sub("\\g<0>\n", f" {tokens} ").replace("\n ", "\n")[1:-1]
        sentences = cut.split("\n")
        eos = self._eos
        if eos in tokens:  # paragraph breaks: END-OF-SENTENCE tokens are dropped
            sentences = [
                " ".join(t for t in s.split(" ") if t != eos) if eos in s else s for s in sentences
            ]
        sentences = [s for s in sentences if s]
        if not sentences:
            return []
        # RE_SARCASM and RE_EMOTICONS per sentence, done on all at once: neither can
        # match across "\n", and RE_EMOTICONS' ($|\s) matches "\n" where it matched the end.
        joined = self._sarcasm.sub("(!)", "\n".join(sentences))
        return self._emoticons.sub(_emoticon, joined).split("\n")


def _emoticon(match: re.Match) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


# --- Sentiment.assessments, exactly, with the emoticons in one table -------------------------


def _fast_assessments(module):
    """``module.Sentiment.assessments`` with its emoticon loop made one dict lookup.

    Args:
        module: the private ``textblob._text`` (its ``EMOTICONS``, ``PUNCTUATION``,
            ``IRONY``, ``MOOD`` are used).

    Returns:
        ``assessments(self, words=None, negation=True)``, TextBlob's method line by
        line but for three things that change no result: the analyzer's attributes
        are read once per call; "is ``w`` one of the lowercased faces of an
        EMOTICONS set, the first such set in order" is one lookup in a table built
        here (first set wins) instead of a loop lowercasing every face of every
        set for every short non-alphabetic word (numbers, mostly); and a word the
        loop would do nothing with is skipped by one test (module docstring).
    """
    punctuation, irony, mood = module.PUNCTUATION, module.IRONY, module.MOOD
    moods = {}
    for (_type, p), faces in module.EMOTICONS.items():
        for face in faces:
            moods.setdefault(face.lower(), p)

    def known(self, a, w, pos, m, n, labeler):
        """The branch for a word in the lexicon: the new or extended assessment."""
        p, s, i = self[w][pos]
        if m is None:
            a.append(dict(w=[w], p=p, s=s, i=i, n=1, x=labeler.get(w)))
        if m is not None:
            a[-1]["w"].append(w)
            a[-1]["p"] = max(-1.0, min(p * a[-1]["i"], +1.0))
            a[-1]["s"] = max(-1.0, min(s * a[-1]["i"], +1.0))
            a[-1]["i"] = i
            a[-1]["x"] = labeler.get(w)
        if n is not None:
            a[-1]["w"].insert(0, n)
            a[-1]["i"] = 1.0 / a[-1]["i"]
            a[-1]["n"] = -1

    def assessments(self, words=None, negation=True):
        if words is None:
            words = []
        a, m, n = [], None, None
        labeler, negations, modifiers = self.labeler, self.negations, self.modifiers
        modifier = self.modifier
        # a word for which the loop below does nothing: no pending modifier or
        # negation, a str, unknown, not a negation, "!", "(!)" or emoticon face
        special = {*negations, "!", "(!)", *moods}.__contains__
        for w, pos in words:
            if w is None:
                continue
            if m is None and n is None and w.__class__ is str and w not in self and not special(w):
                continue
            if w in self and pos in self[w]:
                known(self, a, w, pos, m, n, labeler)
                m = n = None
                if pos and pos in modifiers or any(map(self[w].__contains__, modifiers)):
                    m = (w, pos)
                if negation and w in negations:
                    n = w
                continue
            if negation and w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and (pos in modifiers or modifier(m[0])):
                a[-1]["w"].append(n)
                a[-1]["n"] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1]["w"].append("!")
                a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
            if w == "(!)":
                a.append(dict(w=[w], p=0.0, s=1.0, i=1.0, n=1, x=irony))
            if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                p = moods.get(w)
                if p is not None:
                    a.append(dict(w=[w], p=p, s=1.0, i=1.0, n=1, x=mood))
        return [(d["w"], d["p"] * -0.5 if d["n"] < 0 else d["p"], d["s"], d["x"]) for d in a]

    return assessments
