"""One look for every figure: colour-blind-safe palettes, one colour per country, fonts.

Colours:

- **Countries** keep one colour in every report (Okabe & Ito 2008, safe for the
  common colour-vision deficiencies): JP vermillion, KR blue, US bluish green, CN
  orange, KP reddish purple, INTL black. Any other country code takes a stable colour
  from ``EXTRA_COUNTRY_COLORS``.
- **"rest of corpus"** and the pooled **"other (k groups, n docs)"** are grey.
- **Frames** (and any other non-country series: windows, variants) have their own
  palette, ``FRAME_COLORS`` (Paul Tol's muted and light schemes), which shares no colour
  with the country colours, so a frame never looks like a country.

``series_colors`` gives the colours of the series of ONE figure: never two series
with the same colour (an unknown country whose stable colour is taken moves to the
next free one). Figures with more series than a palette holds are drawn as small
multiples (``analysis.plots.time.plot_series``).

Fonts: Hangul, kana and kanji need a CJK font (Debian's ``fonts-noto-cjk``, installed
by ``make env`` where it can); ``use_style`` puts it behind DejaVu Sans as a fallback
so Latin text looks as before and Korean or Japanese labels are not boxes.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterable

import matplotlib as mpl
from matplotlib import font_manager

log = logging.getLogger(__name__)

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
    "CN": OKABE_ITO["orange"],
    "KP": OKABE_ITO["reddish_purple"],
    "INTL": OKABE_ITO["black"],
}
REST_COLOR = OKABE_ITO["grey"]
# Other country codes (IN, GB, ...): distinct from the six above and from FRAME_COLORS.
EXTRA_COUNTRY_COLORS = [
    OKABE_ITO["sky_blue"],
    "#8C564B",  # brown
    "#E377C2",  # pink
    "#BCBD22",  # olive yellow
    "#17BECF",  # cyan
    "#9467BD",  # violet
    "#B8860B",  # dark gold
    "#5D6D7E",  # slate
]
OTHER_COLORS = EXTRA_COUNTRY_COLORS  # former name, kept for old callers
# Frames and other non-country series (Tol muted + light): no country colour among them.
FRAME_COLORS = [
    "#332288",  # indigo
    "#44AA99",  # teal
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#117733",  # green
    "#999933",  # olive
    "#AA4499",  # purple
    "#661100",  # brown
    "#6699CC",  # light blue
    "#AA4466",  # raspberry
    "#EEDD88",  # light yellow
    "#44BB99",  # mint
    "#BBCC33",  # pear
]
COUNTRY_CODE = re.compile(r"[A-Z]{2,4}")  # JP, KR, US, INTL, IN, ...
REST_LABELS = ("rest of corpus", "rest", "other", "others")
CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK SC", "Noto Sans CJK TC")


def country_color(country: str) -> str:
    """Return the colour of ``country`` (ISO-like code); an unknown code gets a stable
    colour from ``EXTRA_COUNTRY_COLORS`` (the same in every figure unless two codes of one
    figure would share it: ``series_colors`` then moves one)."""
    if country in COUNTRY_COLORS:
        return COUNTRY_COLORS[country]
    return EXTRA_COUNTRY_COLORS[zlib.crc32(str(country).encode()) % len(EXTRA_COUNTRY_COLORS)]


def is_rest_label(label: object) -> bool:
    """True for "rest of corpus", "other" and the pooled "other (k groups, n docs)"."""
    text = str(label).lower()
    return text in REST_LABELS or (text.startswith("other (") and text.endswith(")"))


def _next_free(palette: list[str], used: set[str], start: int = 0) -> str:
    for k in range(len(palette)):
        color = palette[(start + k) % len(palette)]
        if color not in used:
            return color
    return palette[start % len(palette)]  # more series than colours: small multiples


def series_colors(labels: Iterable[object], *, palette: str = "auto") -> dict[str, str]:
    """Colour of each series of one figure; no two series share a colour.

    Args:
        labels: The series, in the figure's order (first come first served).
        palette: ``"country"`` (country colours; other labels get frame colours),
            ``"frame"`` (``FRAME_COLORS`` in order: pass the codebook's frame order for
            the same frame, same colour), or ``"auto"`` (country codes -> country
            colours, anything else -> frame colours).

    Returns:
        ``{label: "#RRGGBB"}``; rest/other labels grey.
    """
    names = [str(label) for label in dict.fromkeys(labels)]
    colors: dict[str, str] = {}
    used: set[str] = set()
    for name in names:  # fixed colours first, so they never move
        if is_rest_label(name):
            colors[name] = REST_COLOR
        elif palette != "frame" and name in COUNTRY_COLORS:
            colors[name] = COUNTRY_COLORS[name]
    used.update(colors.values())
    frame_i = 0
    for name in names:
        if name in colors:
            continue
        if palette != "frame" and COUNTRY_CODE.fullmatch(name):
            stable = EXTRA_COUNTRY_COLORS.index(country_color(name))
            colors[name] = _next_free(EXTRA_COUNTRY_COLORS, used, stable)
        else:
            colors[name] = _next_free(FRAME_COLORS, used, frame_i)
            frame_i += 1
        used.add(colors[name])
    return colors


def _installed(names) -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in names if name in installed), None)


def cjk_font() -> str | None:
    """The installed CJK font family matplotlib can use, or None.

    matplotlib caches its font list once: a font installed after that (``make env`` on a
    machine used before) is not in it, so the system's Noto Sans CJK files are added to
    the running font manager when the cached list lacks them.
    """
    found = _installed(CJK_FONTS)
    if found is None:
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in path.replace(" ", ""):
                font_manager.fontManager.addfont(path)
        found = _installed(CJK_FONTS)
    return found


def use_style() -> None:
    """Apply the house style to matplotlib (readable sizes, light grid, the palette, and a
    CJK fallback font when one is installed, so Hangul and kana/kanji render)."""
    cjk = cjk_font()
    if cjk is None:
        log.info("no CJK font (install fonts-noto-cjk): Korean/Japanese labels may be boxes")
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
            "font.family": ["DejaVu Sans", *([cjk] if cjk else [])],  # CJK as fallback
            "axes.prop_cycle": mpl.cycler(color=list(COUNTRY_COLORS.values()) + FRAME_COLORS),
        }
    )
