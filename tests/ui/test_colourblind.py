"""The powers' colours stay apart for a player with deuteranopia, in both palettes."""

from __future__ import annotations

import itertools

import pytest

from game.ui.colourblind import delta_e
from game.ui.theme import load_palette

MIN_DELTA_E = 20.0  # CIE76; about the distance of two clearly different map fills, not two shades of one


@pytest.mark.parametrize("colourblind", [False, True], ids=["usual palette", "colour-blind palette"])
def test_every_pair_of_powers_is_distinct_under_deuteranopia(colourblind: bool) -> None:
    palette = load_palette()
    palette.colourblind = colourblind
    for a, b in itertools.combinations(("RU", "CN", "WEST"), 2):
        distance = delta_e(palette.power(a), palette.power(b), deuteranopia=True)
        assert distance >= MIN_DELTA_E, f"{a}/{b} ΔE {distance:.1f} under deuteranopia"


def test_the_old_orange_for_china_was_too_close_to_russia() -> None:
    """The measure tells the two Okabe–Ito colours the colour-blind palette used to have apart from each other
    only by ΔE 18: the test above would have failed on them."""
    assert delta_e((213, 94, 0), (230, 159, 0), deuteranopia=True) < MIN_DELTA_E
    assert delta_e((213, 94, 0), (230, 159, 0)) > MIN_DELTA_E  # to normal sight they are apart
