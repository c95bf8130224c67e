"""TextBlob's default analyzer, loaded without importing TextBlob's package (and so nltk).

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
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
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
        spec = importlib.util.find_spec("textblob")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("No module named 'textblob'", name="textblob")
        parent = types.ModuleType("textblob")
        parent.__path__ = list(spec.submodule_search_locations)
        parent.__file__ = spec.origin
        sys.modules["textblob"] = parent
        try:
            english = importlib.import_module("textblob.en")
        finally:
            for name in _textblob_names():
                del sys.modules[name]
        return _with_dict_lookups(english.sentiment)


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
