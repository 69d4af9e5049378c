"""Newcomer report 14c, problem 6: the state's "By channel" heading stays inside its panel at 960×600."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.panels.country import CountryPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of, tutorial_game
from tests.ui.test_newcomer18_fits import drawn_texts

__all__ = ["close_pygame", "drawn_texts"]


def test_the_by_channel_heading_stays_inside_the_panel(
    saves: Path, close_pygame: None, drawn_texts: list[tuple[str, pygame.Rect]]
) -> None:
    app = App(size=(960, 600), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    game_of(app).view.select_country("KZ")
    game_of(app).view.inspect()
    driver.hover((2, 2))
    body = panel_of(app, CountryPanel).layout.body
    headings = [rect for text, rect in drawn_texts if text.startswith("By channel")]
    assert headings
    assert all(rect.right <= body.right for rect in headings), (headings, body)


def test_the_map_s_tool_tip_keeps_off_the_tutorial_card(saves: Path, close_pygame: None) -> None:
    # The longest card ("why" in the second quarter): the Kazakhstan tip hid half of it (a newcomer's shot t15).
    app, driver = tutorial_game(saves, (1088, 612), "why_q2")
    driver.hover((2, 2))
    card = app.locate("coach_card")
    assert card is not None
    tipper = game_of(app).tooltip
    mapview = game_of(app).map.mapview
    area = game_of(app).map.layout.map
    spots = [(x, y) for x in range(area.left + 10, area.right, 40) for y in range(area.top + 10, area.bottom, 40)]
    hovered = 0
    for spot in spots:
        if card.collidepoint(spot) or mapview.country_at(spot) is None:
            continue
        driver.hover(spot)
        driver.hover(spot)
        if tipper.tip is not None:
            hovered += 1
            card = app.locate("coach_card")  # where the card is now (a ring it points at may move it)
            assert card is not None
            assert not tipper.tip.rect.colliderect(card), (spot, tipper.tip.rect, card)
    assert hovered
