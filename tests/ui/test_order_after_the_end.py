"""At the last quarter of a shortened game, an order that would first act next quarter does nothing before the game
ends: its details say so, as the class server's team page does, instead of a figure "when it acts ()" with no
quarter at all."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.i18n import _
from game.play.timing import OrderTiming
from game.ui.app import App
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of

__all__ = ["close_pygame"]


def test_a_project_that_acts_after_the_last_quarter_has_no_effect_before_the_end(
    saves: Path, close_pygame: None
) -> None:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=2))
    driver = Driver(app)
    driver.close_popups()
    game = game_of(app)
    session = game.session
    driver.key(pygame.K_e)  # end the first quarter: the second is the last
    driver.close_popups()
    assert session.quarter() == session.last_quarter()
    actions = session.world.actions
    late = [a for a in session.actions_for("RU") if OrderTiming.of(actions, a).first > 0]
    at_once = [a for a in session.actions_for("RU") if OrderTiming.of(actions, a).first == 0]
    assert late and at_once
    for action, acts in [(late[0], False), (at_once[0], True)]:
        game.view.choose_action(action)
        driver.app.step([])
        texts = driver.texts()
        assert not any("()" in text for text in texts)  # never a span with no quarter in it
        assert any(_("no effect before the game ends") in text for text in texts) != acts
        assert any(session.quarter() in text for text in texts if "when it acts" in text) == acts
