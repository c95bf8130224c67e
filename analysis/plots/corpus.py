"""Corpus overview figures: what is in the corpus, from whom, when, and how long.

Each function takes the corpus DataFrame (``analysis.corpus.load_corpus``), does
its own counting, never modifies its input and returns the Axes. Bars of a
publisher country, or of an outlet, take that country's colour in every report.
Corpus text is never put into a title or label unescaped: matplotlib would read
``$...$`` as math, so labels pass through ``plain_label``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from analysis.checks import check_choice
from analysis.plots.style import series_colors

COUNTRY = "outlet_country"


def plain_label(text: object, *, width: int = 45) -> str:
    """Return ``text`` shortened to ``width`` characters with ``$`` escaped for matplotlib."""
    label = "NA" if text is None or text is pd.NA else str(text)
    if len(label) > width:
        label = label[: width - 1] + "…"
    return label.replace("$", r"\$")


def _require(docs: pd.DataFrame, columns: list[str], where: str) -> None:
    missing = [c for c in columns if c not in docs.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}; found {list(docs.columns)}")


def _main_country(docs: pd.DataFrame, by: str) -> pd.Series:
    """The most frequent publisher country of each value of ``by``."""
    if by == COUNTRY:
        values = docs[COUNTRY].astype("string").fillna("NA")
        return pd.Series(values.unique(), index=values.unique())
    pairs = docs[[by, COUNTRY]].astype("string").fillna("NA")
    return pairs.groupby(by)[COUNTRY].agg(lambda s: s.value_counts().index[0])


def _country_legend(ax: Axes, countries) -> None:
    palette = series_colors(sorted(set(countries)))
    handles = [Patch(color=palette[c], label=c) for c in sorted(set(countries))]
    ax.legend(
        handles=handles, title="publisher country", loc="upper left", bbox_to_anchor=(1.0, 1.0)
    )


def plot_document_counts(
    docs: pd.DataFrame, *, by: str = COUNTRY, top: int = 15, ax: Axes | None = None
) -> Axes:
    """Horizontal bars: number of documents per value of ``by`` (largest first).

    Args:
        docs: corpus rows with ``by`` and ``outlet_country``.
        by: the column to count (``outlet_country``, ``outlet``, ``kind``, ...).
        top: show the ``top`` largest values; the rest are summed into "other (k)".
        ax: Axes to draw on; None = a new figure sized to the bars.

    Returns:
        The Axes; each bar coloured by its (most frequent) publisher country.
    """
    _require(docs, [by, COUNTRY], "plot_document_counts")
    counts = docs[by].astype("string").fillna("NA").value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    shown, rest = counts.head(top), counts.iloc[top:]
    country = _main_country(docs, by)
    palette = series_colors(dict.fromkeys(country.get(name, "NA") for name in counts.index))
    colors = [palette[country.get(name, "NA")] for name in shown.index]
    labels = [plain_label(name) for name in shown.index]
    if len(rest):
        labels.append(f"other ({len(rest)})")
        colors.append("#999999")
        shown = pd.concat([shown, pd.Series([rest.sum()])])
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.0 + 0.32 * max(len(shown), 1)))
    ax.barh(range(len(shown)), shown.to_numpy(), color=colors)
    ax.set_yticks(range(len(shown)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("documents")
    ax.set_ylabel(by)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if by != COUNTRY:
        _country_legend(ax, [country.get(name, "NA") for name in counts.head(top).index])
    return ax


FREQ = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
MAX_TICKS = 16


def plot_documents_by_period(
    docs: pd.DataFrame, *, period: str = "year", ax: Axes | None = None
) -> Axes:
    """Stacked bars: documents per period (week, month, quarter, year), one segment per
    publisher country; every period from the first to the last date has a bar (empty
    ones at 0), labelled as a period ("2019-07", "2019-Q3"), never as a fraction of a year.

    Undated documents are left out and counted in the x-axis label.

    Args:
        docs: corpus rows with ``published`` and ``outlet_country`` (pool small countries
            first with ``analysis.groups.lump_groups`` for a readable legend).
        period: ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes.
    """
    from analysis.timeseries import period_label

    _require(docs, ["published", COUNTRY], "plot_documents_by_period")
    check_choice("period", period, FREQ)
    dates = pd.to_datetime(docs["published"])
    dated = dates.notna()
    periods = dates[dated].dt.to_period(FREQ[period])
    countries = docs.loc[dated, COUNTRY].astype("string").fillna("NA")
    table = pd.crosstab(periods, countries)
    if len(table):
        full = pd.period_range(periods.min(), periods.max(), freq=FREQ[period])
        table = table.reindex(full, fill_value=0)
    if ax is None:
        _, ax = plt.subplots()
    colors = series_colors(list(table.columns))
    bottom = np.zeros(len(table))
    for country in table.columns:
        values = table[country].to_numpy()
        ax.bar(range(len(table)), values, bottom=bottom, color=colors[country], label=country)
        bottom += values
    step = max(1, int(np.ceil(len(table) / MAX_TICKS)))
    ticks = list(range(0, len(table), step))
    labels = [period_label(table.index[i].start_time, period) for i in ticks]
    ax.set_xticks(ticks, labels, rotation=0 if period == "year" else 45,
                  ha="center" if period == "year" else "right")  # fmt: skip
    n_undated = int((~dated).sum())
    undated = f" ({n_undated} undated left out)" if n_undated else ""
    ax.set_xlabel(f"publication {period}{undated}")
    ax.set_ylabel("documents")
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(table.columns):
        ax.legend(title="publisher country", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_documents_by_year(docs: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars of documents per publication year (``plot_documents_by_period``)."""
    return plot_documents_by_period(docs, period="year", ax=ax)


def plot_text_lengths(docs: pd.DataFrame, *, by: str = COUNTRY, ax: Axes | None = None) -> Axes:
    """Box plot of text length (characters) per group, with every document as a point.

    Filled points are complete texts, hollow points leading excerpts
    (``text_complete`` False), so short excerpts are not mistaken for short articles.

    Args:
        docs: corpus rows with ``n_chars``, ``text_complete``, ``by`` and ``outlet_country``.
        by: grouping column.
        ax: Axes to draw on; None = a new figure.

    Returns:
        The Axes.
    """
    _require(docs, ["n_chars", "text_complete", by, COUNTRY], "plot_text_lengths")
    groups = docs[by].astype("string").fillna("NA")
    names = sorted(groups.unique())
    country = _main_country(docs, by)
    palette = series_colors(dict.fromkeys(country.get(name, "NA") for name in names))
    lengths = pd.to_numeric(docs["n_chars"], errors="coerce").astype("float64")
    complete = docs["text_complete"].astype("boolean").fillna(False).to_numpy(bool)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * max(len(names), 1)))
    rng = np.random.default_rng(0)  # jitter only: fixed so the figure is reproducible
    for y, name in enumerate(names):
        mask = (groups == name).to_numpy()
        values = lengths.to_numpy()[mask]
        color = palette[country.get(name, "NA")]
        ax.boxplot(
            values[~np.isnan(values)],
            positions=[y],
            orientation="horizontal",
            widths=0.5,
            showfliers=False,
            medianprops={"color": "black"},
        )
        jitter = y + rng.uniform(-0.18, 0.18, size=mask.sum())
        full = complete[mask]
        ax.scatter(values[full], jitter[full], color=color, s=18, zorder=3)
        ax.scatter(
            values[~full], jitter[~full], facecolors="none", edgecolors=color, s=18, zorder=3
        )
    ax.set_yticks(range(len(names)), [plain_label(n) for n in names])
    ax.set_ylim(-0.6, len(names) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("text length (characters); hollow = leading excerpt only")
    ax.set_ylabel(by)
    return ax
