"""Every country and power in the batch and sweep charts has a colour that stands apart from every other."""

from __future__ import annotations

from itertools import combinations

import pytest

from game.engine.codes import ROLES
from game.report.figures import ROLE_COLOURS
from game.ui.colourblind import delta_e
from game.ui.theme import hex_colour

MIN_DELTA_E = 20.0  # CIE76, as for the map's palettes


def test_every_role_has_a_colour() -> None:
    assert set(ROLE_COLOURS) == set(ROLES)


@pytest.mark.parametrize("deuteranopia", [False, True])
def test_every_pair_of_role_colours_is_distinct(deuteranopia: bool) -> None:
    for first, second in combinations(ROLES, 2):
        distance = delta_e(hex_colour(ROLE_COLOURS[first]), hex_colour(ROLE_COLOURS[second]), deuteranopia)
        assert distance >= MIN_DELTA_E, (first, second, round(distance, 1))
