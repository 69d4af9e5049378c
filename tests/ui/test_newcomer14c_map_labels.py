"""Newcomer report 14c, problem 1: the states' labels stay on their own states when the tutorial's card and
the legend crowd the map, and a click on a label (all of it) picks its state."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.panels.map import MapPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, tutorial_game
from tests.ui.test_newcomer18_fits import label_boxes

__all__ = ["close_pygame"]

STEPS = (1, 2, 14, 15, 21, 27, 31)  # the steps whose cards pushed labels onto other states (t21, t27, s15, s28, ...)


@pytest.mark.parametrize("size", [(960, 600), (1088, 612)])  # the windows on 1024×640 and 1280×720 screens
def test_every_label_stays_on_its_own_state_whatever_card_the_tutorial_shows(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app, driver = tutorial_game(saves, size)
    game = game_of(app)
    coach = game.coach
    assert coach.progress is not None
    panel = next(p for p in game.painted if isinstance(p, MapPanel))
    for step in STEPS:
        coach.progress.index = step - 1
        driver.hover((2, 2))
        card = app.locate("coach_card")
        boxes = label_boxes(app)
        map_rect = panel.layout.map
        for code, (x, y) in panel.mapview.labels.items():  # a state goes without a label only under a cover
            if code not in boxes:
                place = (map_rect.x + x, map_rect.y + y)
                assert card is not None and card.inflate(80, 80).collidepoint(place), (step, code)
        for code, box in boxes.items():
            assert panel.mapview.country_at(box.center) == code, (step, code)
            assert panel.mapview.state_at_map((box.centerx - map_rect.x, box.centery - map_rect.y)) == code
            assert card is None or not box.colliderect(card), (step, code)
            assert not box.colliderect(panel.layout.legend), (step, code)


def test_a_click_anywhere_on_a_small_state_s_label_picks_that_state(saves: Path, close_pygame: None) -> None:
    app = App(size=(1088, 612), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    game = game_of(app)
    boxes = label_boxes(app)
    for code in ("KG", "TJ"):
        box = boxes[code]
        for spot in (box.midright, box.midleft, box.bottomright):  # the label's edges: it was China here (m54b)
            x, y = spot
            driver.click_at((x - 3 if x == box.right else x + 2, y - 3 if y == box.bottom else y))
            assert game.view.selected == code, (code, spot)
            pygame.event.clear()
