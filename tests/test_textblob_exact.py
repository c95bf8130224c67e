"""Our TextBlob path gives exactly TextBlob's numbers on more than 10,000 real sentences.

Sources (all real, human-written English; nothing downloaded):

- data/validation: NYT editorial snippets (5,190), ecosent headline
  translations (284), FRAC news/comment sentences (523);
- the sample corpus, split into sentences by ``analysis.text``;
- CPython's own documentation text shipped with every Python
  (``pydoc_data.topics``), split into sentences, to pass 10,000.
"""

from __future__ import annotations

import pydoc_data.topics

import pandas as pd
from textblob import TextBlob

from analysis.sentiment import score_text, textblob_scores
from analysis.text import split_sentences

MIN_SENTENCES = 10_000  # measured: 11,440 distinct sentences


def _real_sentences(validation_dir, sample_corpus_path) -> list[str]:
    from analysis.corpus import load_corpus

    nyt = pd.read_csv(
        validation_dir / "nyt_editorial_snippets.tsv", sep="\t", header=None,
        names=["id", "rating", "text"], quoting=3,
    )  # fmt: skip
    ecosent = pd.read_csv(validation_dir / "ecosent_headlines.csv")
    frac = pd.read_csv(validation_dir / "frac_sentences.csv")
    text_column = "sentence" if "sentence" in frac.columns else "text"
    sentences = [*nyt["text"], *ecosent["translation"], *frac[text_column]]
    for text in load_corpus(sample_corpus_path)["text"]:
        sentences.extend(split_sentences(text))
    for text in pydoc_data.topics.topics.values():
        sentences.extend(split_sentences(text))
    unique = list(dict.fromkeys(s for s in sentences if isinstance(s, str)))
    return unique


def test_textblob_exact_on_10000_real_sentences(validation_dir, sample_corpus_path):
    sentences = _real_sentences(validation_dir, sample_corpus_path)
    assert len(sentences) >= MIN_SENTENCES, len(sentences)
    mismatches = []
    n_nonzero = 0
    for sentence in sentences:
        expected = TextBlob(sentence).sentiment
        polarity, subjectivity, _ = textblob_scores(sentence)
        n_nonzero += polarity != 0
        if (polarity, subjectivity) != (expected.polarity, expected.subjectivity):
            mismatches.append(sentence)
    assert mismatches == []
    assert n_nonzero > 3_000  # the check covers many sentences with real lexicon hits


def test_sentence_rows_carry_the_exact_values(validation_dir):
    ecosent = pd.read_csv(validation_dir / "ecosent_headlines.csv")
    for headline in ecosent["translation"].head(100):
        for row in score_text(headline, language="en")["sentences"]:
            expected = TextBlob(row["sentence"]).sentiment
            assert row["textblob_polarity"] == expected.polarity
            assert row["textblob_subjectivity"] == expected.subjectivity
