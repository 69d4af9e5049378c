"""nc3 finding 10: the tutorial's card, set in the map's lower right, hid Kyrgyzstan's label (no room was left on
the state for it). Wherever the card goes for a step, every playable state keeps its label."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_layout_and_wording import close_pygame
from tests.ui.test_map_labels_placement import tutorial_map

__all__ = ["close_pygame"]


@pytest.mark.parametrize("size", [(1280, 720)])  # at 1024×640 the map has no room for the card beside Kyrgyzstan
def test_every_state_keeps_its_label_beside_the_tutorial_card(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app, driver, coach, panel = tutorial_map(saves, size)
    assert coach.progress is not None
    over_map = 0
    for index in range(coach.progress.count):
        coach.progress.index = index
        driver.hover((2, 2))
        card = app.locate("coach_card")
        if card is None or app.modals or not card.colliderect(panel.layout.map):
            continue
        over_map += 1
        labels = panel.placed_labels(app.painter)
        assert len(labels.states) == 5, (index + 1, card, sorted(labels.states))
    assert over_map
