"""What a newcomer's game (issue 14) still found on the map screen's panels, checked on what is drawn: whole action
names in small windows in English and Russian, a "Why" drop-down as wide as its entries, messages and tool tips off the
sidebar's tabs and a dialog's title, the tutorial's ring off the list's arrows, an order that names its action, and
Russia told which of the others' orders cost it most last quarter and how to answer them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from game.engine.codes import ROLES
from game.i18n import LANGUAGE_CODES, set_language
from game.play.advice import advice
from game.play.stakes import acting_text, by_end_text
from game.play.summary import turn_summary
from game.scenario.library import shipped_scenarios
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_action_texts
from game.ui import gui
from game.ui.app import App
from game.ui.layout import DIALOG_TITLE_HEIGHT, LIST_ROOM, GameLayout, toast_rect
from game.ui.panels import coach as coach_panel
from game.ui.panels.actions import ActionsPanel, row_stake, row_text
from game.ui.panels.base import action_title
from game.ui.panels.country import WHY_MEASURES, WHY_MENU_PADDING, measure_name
from game.ui.panels.order import MORE_LINK, OrderPanel
from game.ui.screens.start import StartChoice
from game.ui.theme import SIZE_BODY, action_points
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of, tutorial_game

__all__ = ["close_pygame"]


@pytest.fixture
def in_language() -> Iterator[None]:
    """English again after the test."""
    yield
    set_language("en")


def opened(saves: Path, size: tuple[int, int], role: str, language: str = "en", turns: int = 4) -> Driver:
    """The Middle Corridor as ``role`` in ``language``, its opening dialogs closed."""
    app = App(size=size, saves_dir=saves, choice=StartChoice("middle_corridor", (role,), seed=1, turns=turns),
              language=language)
    driver = Driver(app)
    driver.close_popups()
    return driver


@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("role", ["KZ", "RU"])
def test_every_action_shows_its_whole_name_at_1280_by_720(
    saves: Path, close_pygame: None, in_language: None, language: str, role: str
) -> None:
    driver = opened(saves, (1280, 720), role, language)
    panel = panel_of(driver.app, ActionsPanel)
    session = game_of(driver.app).session
    assert panel.action_text
    for text, action in panel.action_text.items():
        assert text.startswith(action_title(session, action) + " · "), text  # "Step back from an initi…" was cut


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_long_name_is_shortened_in_the_list_s_own_type_and_named_whole_in_its_tip(
    saves: Path, close_pygame: None, in_language: None, language: str
) -> None:
    """At 1024×640 "Соблюдать санкции против державы" does not fit beside its stake: its row keeps the type of the
    rows around it (a smaller one read as another kind of row) and ends in "…", its tool tip names it whole."""
    driver = opened(saves, (1024, 640), "KZ", language)
    panel = panel_of(driver.app, ActionsPanel)
    session = game_of(driver.app).session
    listing = panel.action_list
    assert listing is not None
    heights = set()
    for item in listing.item_list:
        listing.scroll_rows(listing.item_list.index(item) - listing.top_row())
        button = item["button_element"]
        assert button is not None
        heights.add(button.font.get_rect("Hg").height)
        text = item["text"]
        title = action_title(session, panel.action_text[text])
        assert text.startswith(title + " · ") or (text.split(" · ")[0].endswith("…") and title in panel.tips[text])
    assert len(heights) == 1  # one type size for every row


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_scenario_s_action_titles_fit_the_list_at_1280_by_720(
    saves: Path, close_pygame: None, in_language: None, language: str
) -> None:
    """Every action title of every shipped scenario's catalogue, in every language, shows whole in the actions list
    of a 1280×720 window, even beside the widest stake a row can show ("not now"): the list shortens a title that
    does not fit with "…", and the player then meets a name no tutorial step or order uses."""
    driver = opened(saves, (1280, 720), "KZ", language)
    panel = panel_of(driver.app, ActionsPanel)
    room = panel.layout.action_list(panel.queue_shown()).width - LIST_ROOM
    fonts = driver.app.theme.fonts
    stakes = [row_stake(None), row_stake(-8.88)]
    cut = []
    for path in shipped_scenarios():
        loaded = load_scenario(path)
        costs = {action.id: action.cost for action in loaded.catalogue.actions}
        for action, (title, _description) in scenario_action_texts(loaded, language).items():
            for stake in stakes:
                text = row_text(title, action_points(costs[action]), stake, room, fonts)
                if not text.startswith(title + " · "):
                    cut.append(f"{path.stem}: {text}")
    assert cut == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_why_drop_down_is_as_wide_as_its_longest_entry(
    saves: Path, close_pygame: None, in_language: None, language: str
) -> None:
    driver = opened(saves, (1024, 640), "KZ", language)
    driver.key(pygame.K_e)
    driver.close_popups()
    game_of(driver.app).view.select_country("UZ")
    driver.app.step([])
    menu = driver.app.locate("why_measure")
    assert menu is not None
    fonts = driver.app.theme.fonts
    longest = max(fonts.width(measure_name(measure), SIZE_BODY) for measure in WHY_MEASURES)
    assert menu.width >= longest + WHY_MENU_PADDING
    buttons = [driver.app.locate(f"why_{power}") for power in ("RU", "CN", "WEST")]
    assert all(button is not None and not button.colliderect(menu) for button in buttons)


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)])
@pytest.mark.parametrize("width", [300, 600, 900])
def test_a_message_never_covers_the_tabs_nor_a_dialogs_title(size: tuple[int, int], width: int) -> None:
    window = pygame.Rect((0, 0), size)
    tabs = GameLayout.of(size).tabs
    assert not toast_rect(window, width, []).colliderect(tabs)
    summary = window.inflate(-120, -24)  # a dialog nearly as tall as the window (the turn summary)
    message = toast_rect(window, width, [summary])
    title = pygame.Rect(summary.x, summary.y, summary.width, DIALOG_TITLE_HEIGHT)
    assert not message.colliderect(title)
    assert message.bottom < summary.bottom - 60  # … nor its buttons


def test_the_top_bars_tool_tips_keep_off_the_tabs(saves: Path, close_pygame: None) -> None:
    driver = opened(saves, (1024, 640), "RU")
    app = driver.app
    tabs = app.locate("tab_actions")
    assert tabs is not None
    for name in ("top_News", "top_Charts", "top_Menu", "objective"):
        button = app.locate(name)
        assert button is not None
        driver.hover(button.center)
        for _ in range(4):
            app.step([], dt=0.5)  # past the tool tip's delay (it is shown, then placed on the next frame)
        tips = [sprite for sprite in app.ui.get_sprite_group().sprites() if isinstance(sprite, gui.UITooltip)]
        assert tips, name
        assert not any(pygame.Rect(tip.rect).colliderect(tabs) for tip in tips), name
        driver.hover((5, app.window.get_height() - 5))
        app.step([], dt=0.5)


def test_the_tutorials_ring_keeps_off_the_lists_arrows(
    saves: Path, close_pygame: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _driver = tutorial_game(saves, (1024, 640))
    coach = game_of(app).coach
    assert coach.progress is not None
    step = next(i for i, s in enumerate(coach.progress.steps) if s.anchor.startswith("action:"))
    coach.progress.index = step
    listing = panel_of(app, ActionsPanel).action_list
    assert listing is not None and listing.scroll_bar is not None
    bar = pygame.Rect(listing.scroll_bar.get_abs_rect())
    rings: list[pygame.Rect] = []
    draw = pygame.draw.rect

    def recording(surface: pygame.Surface, colour: Any, rect: Any, *args: Any, **kwargs: Any) -> pygame.Rect:
        if tuple(colour)[:3] == app.theme.palette.warning:
            rings.append(pygame.Rect(rect))
        return draw(surface, colour, rect, *args, **kwargs)

    for fraction in (0.0, 1.0):  # the ringed row at the top (by ▲) and at the foot (by ▼) of the list
        listing.scroll_bar.set_scroll_from_start_percentage(fraction)
        app.step([])
        monkeypatch.setattr(coach_panel.pygame.draw, "rect", recording)
        app.step([])
        monkeypatch.setattr(coach_panel.pygame.draw, "rect", draw)
    assert rings
    assert not [ring for ring in rings if ring.colliderect(bar)]


def test_the_order_names_its_action_when_its_row_is_scrolled_away(saves: Path, close_pygame: None) -> None:
    driver = opened(saves, (1024, 640), "RU")
    game = game_of(driver.app)
    first = next(iter(panel_of(driver.app, ActionsPanel).action_text.values()))
    game.view.choose_action(first)
    driver.app.step([])
    listing = panel_of(driver.app, ActionsPanel).action_list
    assert listing is not None and listing.scroll_bar is not None
    listing.scroll_bar.set_scroll_from_start_percentage(1.0)  # the chosen (first) row out of view
    listing.update(0.0)
    driver.app.step([])
    box = pygame.Rect(listing.get_abs_rect())
    shown_rows = [item["text"] for item in listing.item_list if item["button_element"] is not None]
    rows = [b["button_element"] for b in listing.item_list if b["button_element"] is not None]
    seen = [r.text for r in rows if r.visible and box.contains(pygame.Rect(r.get_abs_rect()))]
    assert shown_rows and not any(text.startswith(action_title(game.session, first)) for text in seen)
    shown = [text for text in driver.texts() if text.startswith(action_title(game.session, first))]
    assert shown, "the order does not name its action"


def test_russia_is_told_which_orders_cost_it_most_and_how_to_answer(
    saves: Path, close_pygame: None, in_language: None
) -> None:
    driver = opened(saves, (1280, 720), "RU", turns=8)
    for _ in range(4):
        driver.key(pygame.K_e)
        driver.close_popups()
    game = game_of(driver.app)
    session = game.session
    summary = turn_summary(session, "RU", session.turn)
    assert summary is not None
    others = next(part.amount for part in summary.parts if part.key == "others")
    assert others < -0.1  # the others' orders cost Russia a visible part of a point
    found = advice(session, "RU")
    assert found is not None
    hurt = found.cost.named
    assert hurt and all(order.role != "RU" and order.cost < 0 for order in hurt)
    assert sum(order.cost for order in hurt) >= others - 1e-9  # each is a part of what the others' orders took
    record = session.record(session.turn)
    assert record is not None
    given = {(o.role, o.action) for o in record.orders.orders_of_run(session.world, 0)}
    slots = record.slot_ref[0, : session.world.order_slots]
    projects = {(ROLES[slot // session.world.rules.max_projects], int(a)) for slot, a in enumerate(slots)}
    for order in hurt:
        ids = session.world.actions.ids[order.action]
        assert (order.role, ids) in given or (order.role, order.action) in projects
    driver.app.step([])
    box = panel_of(driver.app, OrderPanel).main.widgets.named["order_hint"]
    if MORE_LINK in box.html_text:  # the whole advice, as its link opens it
        driver.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=MORE_LINK, ui_element=box))
        driver.app.step([])
    texts = driver.texts()
    for order in hurt:
        assert any(action_title(session, order.action) in text and "−" in text for text in texts), order
    for answer in found.answers:
        assert any(action_title(session, answer.action) in text for text in texts), answer
        # in the unit of the costs above it (one quarter's, as the turn summary credits it), then by the end
        both = f"{acting_text(answer.acting_value, answer.span)} · {by_end_text(answer.stake)}"
        assert any(both in text for text in texts), both
