"""The start screen as a newcomer meets it: every scenario's title whole, the role chosen clearly apart
from the row under the pointer, the role list staying where it was scrolled, and the UI scale chosen
before the game starts (a projector's audience reads this screen too)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from game.io.settings import load_settings
from game.play.previews import scenario_previews
from game.ui.screens.start import row_title
from tests.ui.driver import Driver


def _app(saves: Path, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from game.ui.app import App

    return App(size=size, saves_dir=saves, scale=100)


@pytest.fixture
def close_pygame() -> object:
    yield None
    pygame.display.quit()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640), (1008, 600)])
@pytest.mark.parametrize("unfinished", [False, True], ids=["first game", "with Continue"])
def test_every_scenario_title_is_shown_whole(
    saves: Path, size: tuple[int, int], unfinished: bool, close_pygame: object
) -> None:
    if unfinished:  # a game to continue: its button takes room from the list, and names the game whole
        from game.play.session import Session

        game = Session.start("middle_corridor", ["RU"], 1, saves_dir=saves)
        game.end_turn()
        game.autosave()
    driver = Driver(_app(saves, size))
    if unfinished:
        assert driver.shows("Continue  (C)") and driver.shows("The Middle Corridor · Russia · 2024Q1")
    app = driver.app
    texts = driver.texts()
    column = app.screen.columns[0]
    load = app.locate("load")
    assert load is not None
    rows = []
    for preview in scenario_previews():
        assert preview.title in texts, preview.title  # whole: not shortened with "…"
        row = app.locate(f"scenario_{preview.id}")
        assert row is not None and column.contains(row)
        rows.append(row)
    assert all(a.bottom <= b.top for a, b in itertools.pairwise(rows))  # none over the next
    assert rows[-1].bottom <= (app.locate("continue") or column).bottom  # nor over Continue under the list
    assert load.bottom <= rows[0].top  # Load sits by the heading, above them
    assert not any(preview.title in elided for elided in app.ui.elided for preview in scenario_previews())



def test_where_a_title_cannot_be_whole_its_row_shows_the_scenarios_name_not_a_cut_word(
    saves: Path, close_pygame: object
) -> None:
    """A row with room for one line (a small real window with a two-line Continue under the list) shows "The
    Middle Corridor", not "The Middle Corridor: a trade route a…"; only a name that is itself too long is cut."""
    fonts = _app(saves, (1024, 640)).theme.fonts
    size = 15
    for preview in scenario_previews():
        name = preview.title.split(": ", 1)[0]
        width = fonts.width(name, size) + 4
        assert fonts.width(preview.title, size) > width  # the whole title would not fit the row on one line
        assert row_title(preview.title, size, width, 1, fonts) == name
        assert row_title(preview.title, size, 10_000, 1, fonts) == preview.title  # room enough: whole
    cut = row_title("The Middle Corridor: a trade route", size, fonts.width("The Middle", size), 1, fonts)
    assert cut.endswith("…") and cut.startswith("The")


def test_clicking_a_scenario_row_chooses_it(saves: Path, close_pygame: object) -> None:
    driver = Driver(_app(saves, (1024, 640)))
    screen = driver.app.screen
    driver.click("scenario_sandbox")
    assert screen.preview.id == "sandbox"
    assert [row.is_selected for row in screen.scenario_rows].count(True) == 1
    assert screen.scenario_rows[screen.selected].is_selected
    driver.key(pygame.K_UP)  # the keys move the choice as before
    assert screen.scenario_rows[screen.selected].is_selected and screen.selected == 0


def _colour_at(driver: Driver, name: str) -> tuple[int, int, int]:
    rect = driver.app.locate(name)
    assert rect is not None
    return tuple(driver.app.window.get_at((rect.right - 12, rect.centery))[:3])  # type: ignore[return-value]


def test_the_chosen_role_looks_chosen_under_the_pointer_and_unlike_a_hovered_row(
    saves: Path, close_pygame: object
) -> None:
    driver = Driver(_app(saves, (1280, 720)))
    driver.hover((1, 1))
    chosen, plain = _colour_at(driver, "role_KZ"), _colour_at(driver, "role_UZ")
    assert chosen != plain
    driver.hover(driver.app.locate("role_UZ").center)  # type: ignore[union-attr]
    hovered = _colour_at(driver, "role_UZ")
    assert hovered not in (plain, chosen)  # a passing pointer never looks like a choice
    driver.hover(driver.app.locate("role_KZ").center)  # type: ignore[union-attr]
    assert _colour_at(driver, "role_KZ") == chosen  # and the choice does not fade under it
    # the same for the scenario rows
    driver.hover(driver.app.locate("scenario_sandbox").center)  # type: ignore[union-attr]
    hovered_row = _colour_at(driver, "scenario_sandbox")
    assert hovered_row != _colour_at(driver, "scenario_tutorial")


@pytest.mark.parametrize("language", ["en", "ru", "kk", "uz"])
@pytest.mark.parametrize("size", [(1024, 640), (1008, 600), (960, 600)])
def test_every_role_is_on_show_without_scrolling(
    saves: Path, size: tuple[int, int], language: str, close_pygame: object
) -> None:
    """Issue 14: at 1024×640 the "Play as" list needed scrolling to reach Russia, China and the West."""
    from game.engine.codes import ROLES
    from game.ui.app import App
    from game.ui.screens.start import ROLE_TEXT

    driver = Driver(App(size=size, saves_dir=saves, scale=100, language=language))
    screen = driver.app.screen
    column = screen.columns[2]
    fonts = driver.app.theme.fonts
    buttons = [driver.app.locate(f"role_{code}") for code in ROLES]
    assert all(rect is not None and column.contains(rect) for rect in buttons)
    assert not any(a.colliderect(b) for a, b in itertools.combinations(buttons, 2))  # type: ignore[arg-type]
    start = driver.app.locate("start")
    assert start is not None and all(rect.bottom < start.top for rect in buttons)  # type: ignore[union-attr]
    for button in screen.role_buttons.values():  # each name whole on its button
        assert fonts.width(button.text, ROLE_TEXT) <= button.rect.width - 8, button.text
    driver.click("role_WEST")
    assert screen.roles == ["WEST"] and screen.role_buttons["WEST"].is_selected
    assert not screen.role_buttons["KZ"].is_selected
    driver.click("briefing_advanced")  # the screen is built again: the choice stays shown
    assert screen.role_buttons["WEST"].is_selected


def test_hot_seat_keeps_the_last_role_chosen(saves: Path, close_pygame: object) -> None:
    driver = Driver(_app(saves, (1024, 640)))
    screen = driver.app.screen
    driver.click("hot_seat")
    driver.click("role_WEST")
    assert screen.roles == ["KZ", "WEST"]
    driver.click("role_KZ")  # off: WEST stays
    assert screen.roles == ["WEST"]
    driver.click("role_WEST")  # the last one cannot be dropped: it stays chosen on screen too
    assert screen.roles == ["WEST"]
    assert [code for code, button in screen.role_buttons.items() if button.is_selected] == ["WEST"]



def test_the_ui_scale_is_chosen_on_the_start_screen(saves: Path, close_pygame: object) -> None:
    driver = Driver(_app(saves, (1920, 1080)))
    app = driver.app
    driver.click("scenario_sandbox")
    driver.click("role_UZ")
    assert driver.shows("UI scale: 100%")
    driver.click("scale_150")
    assert app.ui_scale == 150 and load_settings().settings.ui_scale == 150
    assert app.window.get_size() == (1280, 720)  # the canvas: everything one and a half times larger
    assert driver.screen() == "StartScreen" and driver.shows("UI scale: 150% (your choice)")
    assert app.screen.preview.id == "sandbox" and app.screen.roles == ["UZ"]  # the choices made stay
    assert not driver.has("scale_200")  # 200 % would leave 960×540, under the smallest layout: off


def test_scales_too_large_for_the_window_cannot_be_chosen(saves: Path, close_pygame: object) -> None:
    driver = Driver(_app(saves, (1280, 720)))
    assert driver.has("scale_100") and not driver.has("scale_125")
    assert driver.shows("125% and up need 1200×750")  # why the others are off (greyed buttons show no tip)
    driver.click("fullscreen")
    assert driver.app.fullscreen and driver.screen() == "StartScreen"


def test_the_load_list_rows_fit_a_small_window(saves: Path, close_pygame: object) -> None:
    from game.play.session import Session

    game = Session.start("middle_corridor", ["RU"], 1, saves_dir=saves)
    game.end_turn()
    game.autosave()
    driver = Driver(_app(saves, (1024, 640)))
    driver.click("load")
    modal = driver.app.top()
    rows = modal.ui.named["saves"]
    fonts = driver.app.theme.fonts
    assert rows.item_list and all(
        fonts.width(item["text"], 15) <= rows.rect.width - 24 for item in rows.item_list
    )  # nothing runs into the list's edge
    assert rows.item_list[0]["text"].startswith("The Middle Corridor · Russia · 2024Q1 (turn 2 of 29) — autosave, ")
