"""Figures. One module per area; a shared style so every report looks alike.

Every function takes a tidy DataFrame (the package's column vocabulary) and an
optional ``ax``, labels its axes with units and colours countries with
``COUNTRY_COLORS``.
"""

from __future__ import annotations

from analysis.lazy import lazy_exports

# Imported when first used (``analysis.lazy``): a report loads the figure modules it draws.
_MODULES = {
    "analysis.plots.actors": ("plot_directed_tone", "plot_distinctive_terms", "plot_voice_shares"),
    "analysis.plots.compare": ("plot_group_means",),
    "analysis.plots.framing": ("plot_cooccurrence", "plot_frame_prevalence", "plot_variant_shares"),
    "analysis.plots.models": ("plot_coefficients",),
    "analysis.plots.sentiment": (
        "plot_sentiment_distribution",
        "plot_textblob_vs_vader",
        "plot_tone_by_group",
    ),
    "analysis.plots.style": ("COUNTRY_COLORS", "country_color", "use_style"),
    "analysis.plots.time": ("mark_events", "plot_over_time"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted(_HOME)
__getattr__, __dir__ = lazy_exports("analysis.plots", _HOME, globals())
