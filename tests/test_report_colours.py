"""The reports' power colours stay apart for a reader with deuteranopia, as the map's do."""

from __future__ import annotations

from itertools import combinations

from game.report.figures import POWER_COLOURS
from game.ui.colourblind import delta_e
from game.ui.theme import hex_colour

MIN_DELTA_E = 20.0  # CIE76 after the Machado (2009) deuteranopia simulation, as for the map's palettes


def test_every_pair_of_report_power_colours_is_distinct_under_deuteranopia() -> None:
    for first, second in combinations(POWER_COLOURS, 2):
        distance = delta_e(hex_colour(POWER_COLOURS[first]), hex_colour(POWER_COLOURS[second]), deuteranopia=True)
        assert distance >= MIN_DELTA_E, (first, second, round(distance, 1))
