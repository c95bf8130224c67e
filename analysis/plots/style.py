"""One look for every figure: colour-blind-safe palette, one colour per country.

Colours are Okabe & Ito (2008), safe for the common colour-vision deficiencies.
"""

from __future__ import annotations

import matplotlib as mpl

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

# The same country has the same colour in every report.
COUNTRY_COLORS = {
    "JP": OKABE_ITO["vermillion"],
    "KR": OKABE_ITO["blue"],
    "US": OKABE_ITO["bluish_green"],
    "INTL": OKABE_ITO["grey"],
    "CN": OKABE_ITO["orange"],
    "KP": OKABE_ITO["reddish_purple"],
}
OTHER_COLORS = [
    OKABE_ITO["sky_blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
]


def country_color(country: str) -> str:
    """Return the colour of ``country`` (ISO-like code); unknown codes get a stable extra colour."""
    if country in COUNTRY_COLORS:
        return COUNTRY_COLORS[country]
    return OTHER_COLORS[sum(map(ord, str(country))) % len(OTHER_COLORS)]


def use_style() -> None:
    """Apply the house style to matplotlib (readable sizes, light grid, the palette)."""
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 13,
            "axes.labelsize": 11,
            "legend.frameon": False,
            "axes.prop_cycle": mpl.cycler(color=list(COUNTRY_COLORS.values()) + OTHER_COLORS),
        }
    )
