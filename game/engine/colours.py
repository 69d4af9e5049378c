"""One colour per role, shared by the report's charts (matplotlib) and the map game's charts (pygame).

Every country and power apart from every other: CIE76 deltaE at least 24.6 for every pair, with normal
vision and under deuteranopia (Machado et al. 2009; measured in tests/analysis/test_chart_colours.py and
tests/ui/test_chart_palette.py). Countries from Paul Tol's colour-blind-safe schemes and Okabe-Ito, chosen
around the powers' fixed colours. Plain data: importing it needs neither matplotlib nor pygame.
"""

from __future__ import annotations

# China golden yellow, as on the map: the Okabe-Ito orange it replaced was deltaE 18 from Russia under
# deuteranopia (tests/test_report_colours.py measures every pair; at least 20 is asked).
POWER_COLOURS = {"RU": "#D55E00", "CN": "#E8C000", "WEST": "#0072B2"}
ROLE_COLOURS = {
    "KZ": "#56B4E9",
    "UZ": "#117733",
    "KG": "#882255",
    "TJ": "#332288",
    "TM": "#CC79A7",
    **POWER_COLOURS,
}

# The same palette for the game's dark panels: Kyrgyzstan's wine and Tajikistan's indigo read at a contrast of
# 1.8 and 1.3 on them (nearly invisible); their lighter tones read at 3.6 and keep every pair as far apart.
# Kyrgyzstan's lighter tone is a pink beside Turkmenistan's mauve (deltaE 27.6: two similar pinks in the history
# chart), so Turkmenistan is a light grey there: every two states at least 44 apart to normal sight.
ROLE_COLOURS_ON_DARK = {**ROLE_COLOURS, "KG": "#F76E89", "TJ": "#6E6EF7", "TM": "#F0F0F0"}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three 0–255 channels.

    >>> rgb("#D55E00")
    (213, 94, 0)
    """
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255
