"""Figures. One module per area; a shared style so every report looks alike.

Every function takes a tidy DataFrame (the package's column vocabulary) and an
optional ``ax``, labels its axes with units and colours countries with
``COUNTRY_COLORS``.
"""

from analysis.plots.actors import plot_directed_tone, plot_distinctive_terms, plot_voice_shares
from analysis.plots.compare import plot_group_means
from analysis.plots.framing import plot_cooccurrence, plot_frame_prevalence, plot_variant_shares
from analysis.plots.models import plot_coefficients
from analysis.plots.sentiment import (
    plot_sentiment_distribution,
    plot_textblob_vs_vader,
    plot_tone_by_group,
)
from analysis.plots.style import COUNTRY_COLORS, country_color, use_style
from analysis.plots.time import mark_events, plot_over_time

__all__ = [
    "COUNTRY_COLORS",
    "country_color",
    "mark_events",
    "plot_coefficients",
    "plot_cooccurrence",
    "plot_directed_tone",
    "plot_distinctive_terms",
    "plot_frame_prevalence",
    "plot_group_means",
    "plot_over_time",
    "plot_sentiment_distribution",
    "plot_textblob_vs_vader",
    "plot_tone_by_group",
    "plot_variant_shares",
    "plot_voice_shares",
    "use_style",
]
