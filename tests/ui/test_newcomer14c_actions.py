"""Newcomer report 14c: the actions list (problems 2, 5 and 14)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.codes import ROLE_NAMES
from game.play.stakes import choices, projects_in_flight, stake_text
from game.ui.app import App
from game.ui.panels.actions import ActionsPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of, visible_rows

__all__ = ["close_pygame"]


def open_as(saves: Path, size: tuple[int, int], scenario: str, role: str) -> tuple[App, Driver]:
    app = App(size=size, saves_dir=saves, choice=StartChoice(scenario, (role,), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    return app, driver


def click_row(app: App, driver: Driver, action: int) -> None:
    """Click an action's row in the list, scrolled into view by the list's own arrows."""
    panel = panel_of(app, ActionsPanel)
    for _ in range(30):
        assert panel.action_list is not None
        row = next(i for i in panel.action_list.item_list if panel.action_text.get(i["text"]) == action)
        button = row["button_element"]
        if button is not None and panel.action_list.item_list_container.get_abs_rect().contains(button.get_abs_rect()):
            driver.click_at(button.get_abs_rect().center)
            return
        bar = panel.action_list.scroll_bar
        assert bar is not None and bar.bottom_button is not None
        driver.click_at(bar.bottom_button.get_abs_rect().center)
        for _ in range(10):
            app.step([])
    raise AssertionError("the row never scrolled into view")


def test_a_clicked_action_aims_at_the_target_whose_score_its_row_shows(saves: Path, close_pygame: None) -> None:
    app, driver = open_as(saves, (1280, 720), "middle_corridor", "RU")
    game = game_of(app)
    session = game.session
    picked = [c for c in choices(session, "RU") if c.best is not None][:4]
    assert picked
    for choice in picked:
        assert choice.best is not None
        click_row(app, driver, choice.action)
        assert game.view.action_index == choice.action
        assert game.view.target == choice.best.target, (session.world.actions.titles[choice.action], ROLE_NAMES)
        assert driver.shows(f"Your {stake_text(choice.best.stake)}")
        pygame.event.clear()


def test_a_click_on_the_actions_list_s_arrow_scrolls_it(saves: Path, close_pygame: None) -> None:
    app, driver = open_as(saves, (1088, 612), "middle_corridor", "RU")
    panel = panel_of(app, ActionsPanel)
    assert panel.action_list is not None and panel.action_list.scroll_bar is not None
    bar = panel.action_list.scroll_bar
    assert bar.bottom_button is not None and bar.top_button is not None
    start = bar.start_percentage
    driver.click_at(bar.bottom_button.rect.center)
    for _ in range(20):  # the list glides to its new place over a few frames
        app.step([])
    assert bar.start_percentage > start + 0.05
    rows = len(panel.action_list.item_list)
    assert abs(bar.start_percentage * rows - round(bar.start_percentage * rows)) < 0.15  # by whole rows
    down = bar.start_percentage
    driver.click_at(bar.top_button.rect.center)
    for _ in range(20):
        app.step([])
    assert bar.start_percentage < down - 0.05


def test_the_actions_list_gets_the_room_of_the_empty_queue_in_whole_rows(saves: Path, close_pygame: None) -> None:
    app, _ = open_as(saves, (1088, 612), "middle_corridor", "RU")  # the window on a 1280×720 screen
    rows = visible_rows(app)
    panel = panel_of(app, ActionsPanel)
    assert panel.action_list is not None
    shown = panel.action_list.item_list_container.get_abs_rect()
    assert len(rows) >= 4  # it was 3 and a half, under three empty rows of "Queued orders (0 of 3)"
    buttons = [item["button_element"] for item in panel.action_list.item_list if item["button_element"] is not None]
    cut = [b.text for b in buttons if b.visible and 3 < shown.clip(b.get_abs_rect()).height < b.rect.height]
    assert not cut  # no row cut in half at the list's foot


def test_the_actions_tab_lists_the_projects_in_flight_with_their_last_quarter(saves: Path, close_pygame: None) -> None:
    app, driver = open_as(saves, (1088, 612), "middle_corridor", "RU")
    driver.click("action_pipeline_project")
    driver.click("queue")
    assert game_of(app).session.queued["RU"]
    driver.key(pygame.K_e)
    driver.close_popups()
    session = game_of(app).session
    flying = projects_in_flight(session)["RU"]
    assert flying
    line = next(text for text in driver.texts() if text.startswith("Projects: "))
    first = min(flying, key=lambda p: p.quarters_left)
    assert f"to {session.quarter(session.turn + first.quarters_left - 1)}" in line, line
    assert "Pipeline project" in line
