"""The two dictionary engines, exactly as the libraries give them, memoised by string.

- ``textblob_scores``: TextBlob's default ``PatternAnalyzer`` (what
  ``TextBlob(text).sentiment`` calls), called directly on the string.
- ``vader_scores``: vaderSentiment's ``polarity_scores(...)["compound"]``, replayed
  step by step so the per-word valences that entered the compound are kept.

``analysis.sentiment.scoring`` builds the tables from these; tests check equality
with the libraries on thousands of real sentences.
"""

from __future__ import annotations

import functools

# Memo sizes: sentences are short, so many are kept; whole documents are long, so
# only recent ones (wire copies tend to arrive together). Bounded either way, so
# memory stays flat on a million documents.
_CACHE_SIZE = 1 << 17
_DOCUMENT_CACHE_SIZE = 1 << 12


# --- the two analyzers, memoised -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _pattern():
    """TextBlob's default analyzer (what ``TextBlob(text).sentiment`` calls), without nltk."""
    from analysis.sentiment.pattern import textblob_sentiment

    return textblob_sentiment()


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=_CACHE_SIZE)
def textblob_scores(text: str) -> tuple[float, float, tuple]:
    """TextBlob polarity, subjectivity and assessments of ``text`` (memoised).

    Args:
        text: any string.

    Returns:
        ``(polarity, subjectivity, assessments)``; each assessment is
        ``(words, polarity, subjectivity, label)`` as TextBlob gives them.
    """
    score = _pattern()(text)
    assessments = tuple((tuple(w), p, s, x) for w, p, s, x in score.assessments)
    return float(score[0]), float(score[1]), assessments


@functools.lru_cache(maxsize=_DOCUMENT_CACHE_SIZE)
def _document_textblob(text: str) -> tuple[float, float]:
    """TextBlob polarity and subjectivity of a whole document (small memo of its own)."""
    score = _pattern()(text)
    return float(score[0]), float(score[1])


@functools.lru_cache(maxsize=_CACHE_SIZE)
def vader_scores(text: str) -> tuple[float, tuple]:
    """VADER compound of ``text`` and the valence of each word after VADER's rules (memoised).

    Replays ``SentimentIntensityAnalyzer.polarity_scores`` step by step so the
    per-word valences are the ones that entered the compound (tests check that
    the compound equals ``polarity_scores``).

    Args:
        text: any string.

    Returns:
        ``(compound, ((word, valence), ...))`` with only non-zero valences.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    analyzer = _vader()
    lexicon = analyzer.lexicon
    text = _vader_demojize(analyzer, text)
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lowered = item.lower()
        if (
            lowered not in lexicon  # sentiment_valence would append 0: skip the call
            or lowered in BOOSTER_DICT
            or (lowered == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of")
        ):
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    if not any(sentiments):  # no valence: VADER's compound is 0.0 (normalize(0), rounded)
        return 0.0, ()
    sentiments = analyzer._but_check(words, sentiments)
    compound = analyzer.score_valence(sentiments, text)["compound"]
    drivers = tuple((w, float(v)) for w, v in zip(words, sentiments, strict=True) if v != 0)
    return float(compound), drivers


def _vader_demojize(analyzer, text: str) -> str:
    """VADER's own emoji-to-description step (as in ``polarity_scores``)."""
    if text.isascii() or analyzer.emojis.keys().isdisjoint(text):
        return text.strip()
    pieces, prev_space = [], True
    for char in text:
        description = analyzer.emojis.get(char)
        if description is not None:
            if not prev_space:
                pieces.append(" ")
            pieces.append(description)
            prev_space = False
        else:
            pieces.append(char)
            prev_space = char == " "
    return "".join(pieces).strip()


def format_drivers(pairs) -> str:
    """``[("good", 0.7), ("not bad", 0.35)]`` -> ``"good:+0.70; not bad:+0.35"``."""
    return "; ".join(f"{word}:{value:+.2f}" for word, value in pairs)
