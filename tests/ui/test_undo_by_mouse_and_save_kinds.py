"""Issue 14: undo is reachable with the mouse and always asks first (the menu's "Undo last turn", Replay's
"Undo to here"); the Help names both and says how each score is built; the load list tells manual saves from
autosaves and says how many autosaves each game keeps."""

from __future__ import annotations

import pygame

from game.engine.codes import POWERS
from game.play.summary import formula_text
from tests.ui.driver import Driver

MENU_UNDO = "menu_Undo last turn…  (U)"


def _play(driver: Driver, turns: int) -> None:
    for _ in range(turns):
        driver.key(pygame.K_e)
        driver.close_popups()


def test_the_menu_and_replay_undo_ask_before_going_back(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], turns=4, seed=2))
    driver.click("coach_skip")
    session = driver.app.screen.session  # type: ignore[attr-defined]
    _play(driver, 3)
    assert session.turn == 3 and not session.all_queued()

    driver.key(pygame.K_ESCAPE)  # the menu
    driver.click(MENU_UNDO)
    assert driver.shows("Go back to the start of 2023Q3 (turn 3 of 4)?")
    assert session.turn == 3  # nothing happened yet
    driver.click("Cancel")
    assert session.turn == 3
    driver.key(pygame.K_ESCAPE)
    driver.click(MENU_UNDO)
    driver.click("Undo")
    assert session.turn == 2

    driver.key(pygame.K_r)  # Replay (it opens a turn back), then back to the start and "Undo to here"
    driver.key(pygame.K_LEFT)
    driver.click("undo_here")
    assert driver.shows("Go back to the start of 2023Q1 (turn 1 of 4)?")
    assert session.turn == 2
    driver.click("Undo")
    assert session.turn == 0


def test_help_names_the_mouse_undo_and_how_scores_are_built(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], turns=4, seed=2))
    driver.key(pygame.K_F1)
    shown = " ".join(driver.texts())
    assert "Undo last turn" in shown and "Undo to here" in shown
    for role in ("KZ", *POWERS):
        assert formula_text(role) in shown
    assert "by the end of the game" in shown and "one quarter" in shown


def test_the_load_list_says_manual_save_or_autosave_and_how_many_are_kept(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="middle_corridor", roles=["RU"], turns=4, seed=1))
    _play(driver, 1)
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    rows = [text for text in driver.texts() if "turn 2 of" in text]
    assert any("manual save" in row for row in rows), rows
    assert any("— autosave, " in row for row in rows), rows
    assert driver.shows("Each game keeps its last 5 autosaves")
