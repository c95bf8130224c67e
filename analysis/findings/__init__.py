"""Findings in words, computed from the tables a report shows.

Each function takes one result table (a comparison, a prevalence table, a time
series, a before/after table) and returns one or two sentences that state what
the numbers show, quoting them in the same form as the table cells
(``format_interval``: ``0.07 [-0.02, 0.16]``; ``share_cell``: ``41% [30%, 52%]``),
so a reader can find every number of a sentence in the table above it. Nothing
here describes a figure element, a group or a frame the table does not hold.

The small-sample policy (``analysis.sample_policy``) decides what may be said: a
group below ``min_n`` documents is described, never compared. A difference is
called clear when its 95 % interval excludes 0 and, where the table shows several
comparisons, its Holm-adjusted p-value is below 0.05.
"""

from analysis.findings.cells import interval_table, share_cell
from analysis.findings.comparisons import (
    comparison_finding,
    contrast_finding,
    extremes_finding,
    window_finding,
)
from analysis.findings.descriptions import (
    cannot_show,
    counts_finding,
    prevalence_finding,
    series_finding,
)
from analysis.findings.validity import card_finding
from analysis.timeseries import period_label

__all__ = [
    "cannot_show",
    "card_finding",
    "comparison_finding",
    "contrast_finding",
    "counts_finding",
    "extremes_finding",
    "interval_table",
    "period_label",
    "prevalence_finding",
    "series_finding",
    "share_cell",
    "window_finding",
]
