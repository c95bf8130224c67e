"""Figures. One module per area; a shared style so every report looks alike."""

from analysis.plots.style import COUNTRY_COLORS, country_color, use_style

__all__ = ["COUNTRY_COLORS", "country_color", "use_style"]
