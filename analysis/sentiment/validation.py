"""Agreement of the sentiment scores with human ratings (data/validation).

Two sets (see ``config.VALIDATION_DIR``/README.md), used whole: nothing in the
package is tuned on them, so no held-out split is needed.

- NYT editorial snippets (Hutto & Gilbert 2014): Pearson r of each score with
  the mean human rating, and the share of snippets scored exactly 0.
- ecosent headlines (van Atteveldt et al. 2021), English translations:
  3-class accuracy against the expert code (-1/0/1); TextBlob by the sign of
  its polarity, VADER positive above +0.05 and negative below -0.05.

Each figure is given twice: ``plain`` scores every text whole, as the reference
figures in the README were measured (``TextBlob(text).sentiment`` and
``polarity_scores(text)``); ``package`` uses ``score_sentiment`` at document
level (TextBlob on the whole text, VADER as the mean of sentence compounds).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.sentiment.scoring import score_sentiment, textblob_scores, vader_scores

REFERENCE = {  # data/validation/README.md, plain libraries
    ("nyt_editorial", "pearson_r"): (0.30, 0.50),
    ("nyt_editorial", "zero_share"): (0.36, 0.34),
    ("ecosent", "accuracy_3class"): (0.39, 0.50),
}
FIGURE_COLUMNS = [
    "dataset", "measure", "method", "n", "textblob", "vader",
    "reference_textblob", "reference_vader",
]  # fmt: skip


def read_nyt(validation_dir: Path) -> pd.DataFrame:
    """NYT editorial snippets: ``id``, ``rating`` (mean of ~20 raters, -4..4), ``text``."""
    return pd.read_csv(
        Path(validation_dir) / "nyt_editorial_snippets.tsv", sep="\t", header=None,
        names=["id", "rating", "text"], quoting=3, dtype={"id": str},
    )  # fmt: skip


def read_ecosent(validation_dir: Path) -> pd.DataFrame:
    """ecosent headlines: ``id``, ``value`` (-1/0/1 expert code), ``text`` (English translation)."""
    frame = pd.read_csv(Path(validation_dir) / "ecosent_headlines.csv", dtype={"id": str})
    return frame.rename(columns={"translation": "text"})[["id", "value", "text"]]


def _scores(texts: pd.Series, method: str) -> pd.DataFrame:
    if method == "plain":
        return pd.DataFrame(
            {
                "textblob_polarity": [textblob_scores(t)[0] for t in texts],
                "vader_compound": [vader_scores(t)[0] for t in texts],
            }
        )
    docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": list(texts)})
    scores = score_sentiment(docs.assign(language="en"), engines=["textblob", "vader"])
    return scores[["textblob_polarity", "vader_compound"]]


def _three_class(values: np.ndarray, threshold: float) -> np.ndarray:
    return np.where(values > threshold, 1, np.where(values < -threshold, -1, 0))


def _rows(dataset: str, measure: str, method: str, n: int, tb: float, vd: float) -> dict:
    ref_tb, ref_vd = REFERENCE[(dataset, measure)]
    values = [dataset, measure, method, n, tb, vd, ref_tb, ref_vd]
    return dict(zip(FIGURE_COLUMNS, values, strict=True))


def validation_figures(validation_dir: str | Path | None = None) -> pd.DataFrame:
    """Re-measure how TextBlob and VADER agree with the human ratings.

    Args:
        validation_dir: folder of the validation sets; default ``config.VALIDATION_DIR``.

    Returns:
        One row per dataset, measure and method: ``dataset`` (``nyt_editorial``,
        ``ecosent``), ``measure`` (``pearson_r``, ``zero_share``,
        ``accuracy_3class``), ``method`` (``plain``, ``package``), ``n``,
        ``textblob``, ``vader`` (the figures), ``reference_textblob``,
        ``reference_vader`` (the README's figures, plain libraries).
    """
    folder = Path(config.VALIDATION_DIR if validation_dir is None else validation_dir)
    nyt, eco = read_nyt(folder), read_ecosent(folder)
    rows = []
    for method in ("plain", "package"):
        s = _scores(nyt["text"], method)
        human = nyt["rating"].to_numpy(dtype="float64")
        r = [float(np.corrcoef(s[c].to_numpy(dtype="float64"), human)[0, 1]) for c in s]
        zero = [float((s[c] == 0).mean()) for c in s]
        rows.append(_rows("nyt_editorial", "pearson_r", method, len(nyt), *r))
        rows.append(_rows("nyt_editorial", "zero_share", method, len(nyt), *zero))
        e = _scores(eco["text"], method)
        truth = eco["value"].to_numpy()
        tb = float((_three_class(e["textblob_polarity"].to_numpy(), 0.0) == truth).mean())
        vd = float((_three_class(e["vader_compound"].to_numpy(), 0.05) == truth).mean())
        rows.append(_rows("ecosent", "accuracy_3class", method, len(eco), tb, vd))
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)
