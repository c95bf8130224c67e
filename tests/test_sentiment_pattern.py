"""analysis.sentiment.pattern: TextBlob's analyzer without nltk gives TextBlob's scores."""

from __future__ import annotations

import json
import subprocess
import sys

from analysis import config

SCRIPT = """
import json, sys
from analysis import config
from analysis.corpus import load_corpus
from analysis.sentiment.pattern import FindTokens, textblob_sentiment
from analysis.validation_sets import SET_NAMES, read_validation_set

analyzer = textblob_sentiment()
fast = type(analyzer).__contains__ is dict.__contains__ and len(dict.keys(analyzer)) > 2000
tokenizer = type(analyzer.tokenizer).__name__
assessments = type(analyzer).assessments.__qualname__
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textblob", "nltk", "scipy"))
texts = [text for name in SET_NAMES
         for text in read_validation_set(name, split="all")["text"].astype(str).tolist()]
texts += load_corpus(config.SAMPLE_CORPUS)["text"].tolist()
ours = []
for text in texts:
    score = analyzer(text)
    ours.append([score[0], score[1], [[list(w), p, s, x] for w, p, s, x in score.assessments]])
from textblob import TextBlob
theirs = []
for text in texts:
    blob = TextBlob(text).sentiment_assessments
    pairs = [[list(w), p, s, x] for w, p, s, x in blob.assessments]
    theirs.append([blob.polarity, blob.subjectivity, pairs])
import textblob.en
print(json.dumps({"loaded": loaded, "n": len(texts), "equal": ours == theirs, "fast": fast,
                  "differ": sum(a != b for a, b in zip(ours, theirs)), "tokenizer": tokenizer,
                  "assessments": assessments,
                  "assessed": sum(len(a[2]) for a in ours),
                  "real_after": hasattr(sys.modules["textblob"], "TextBlob"),
                  "real_tokenizer": type(textblob.en.sentiment.tokenizer).__name__}))
"""


def test_the_analyzer_loads_without_nltk_and_scores_exactly_as_textblob():
    """Polarity, subjectivity and assessments ==, not approximately, TextBlob's."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        cwd=config.PROJECT_ROOT,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["loaded"] == []  # nothing of textblob, nltk or scipy left in sys.modules
    # every text of every validation set (all splits: nothing is tuned) and the sample corpus
    assert result["n"] == 18942 + 60
    assert result["assessed"] > 30_000  # assessments (words scored) compared
    assert result["differ"] == 0 and result["equal"]
    assert result["tokenizer"] == "FindTokens"  # the private copy tokenizes with FindTokens
    assert result["assessments"] == "_fast_assessments.<locals>.assessments"  # and assesses
    assert result["real_tokenizer"] == "method"  # TextBlob's own keeps parser.find_tokens
    assert result["real_after"]  # a later `import textblob` gets the real package
    assert result["fast"]  # the private copy, loaded, looks words up with dict's own methods


def test_with_textblob_already_imported_its_own_analyzer_is_used():
    import textblob.en

    from analysis.sentiment import pattern

    pattern.textblob_sentiment.cache_clear()
    try:
        assert pattern.textblob_sentiment() is textblob.en.sentiment
        assert type(textblob.en.sentiment).__name__ == "Sentiment"  # TextBlob's own left alone
        assert type(textblob.en.sentiment).__contains__ is not dict.__contains__
    finally:
        pattern.textblob_sentiment.cache_clear()
