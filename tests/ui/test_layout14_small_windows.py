"""Layout leftovers of issue 14, checked on what is laid out and drawn: the chosen order shows when it acts whole at
1024×640, the actions list scrolls by whole rows, a row's tool tip sits beside the list, the map shows no tool tip
before the pointer has moved on it, the tutorial's ring stays inside the top bar, End turn shows its count of orders
whole, the goal is never shortened in the top bar at 1280×720, and a resize re-lays every screen out."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UITextBox, UITooltip

from game.engine.codes import ROLES
from game.i18n import LANGUAGES, _, format_number, ngettext, set_language
from game.play.previews import scenario_previews
from game.play.session import Session, SessionError
from game.play.tutorial import goal_phrase
from game.ui.app import App
from game.ui.layout import LIST_ROW
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.sidebar import Sidebar
from game.ui.panels.topbar import TopBar
from game.ui.screens.start import StartChoice, StartScreen
from game.ui.theme import S3, SIZE_SMALL, SIZE_TITLE
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of

__all__ = ["close_pygame"]


def tutorial_at(saves: Path, size: tuple[int, int], scale: int = 100, language: str = "en") -> tuple[App, Driver]:
    """Kazakhstan's tutorial on the map at ``size`` and ``scale``, its opening dialogs closed."""
    app = App(size=size, saves_dir=saves, scale=scale, language=language, choice=StartChoice("tutorial", ("KZ",), 1, 4))
    driver = Driver(app)
    driver.close_popups()
    return app, driver


def queue_first_orders(driver: Driver, count: int) -> None:
    """Queue ``count`` orders: the first action of the list, at its first target, each time."""
    for _order in range(count):
        driver.key(pygame.K_DOWN)
        driver.key(pygame.K_RETURN)
        driver.close_popups()


def expected_box(app: App) -> UITextBox:
    """The chosen order's explanation."""
    rect = app.locate("expected")
    boxes = [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITextBox) and s.visible]
    return next(box for box in boxes if pygame.Rect(box.rect) == rect)


@pytest.mark.parametrize(("size", "queued"), [((1024, 640), 0), ((1024, 640), 2)])
def test_the_chosen_project_says_when_it_acts_in_whole_lines(
    saves: Path, close_pygame: None, size: tuple[int, int], queued: int
) -> None:
    app, driver = tutorial_at(saves, size)
    queue_first_orders(driver, queued)
    driver.click("action_leave_initiative")
    box = expected_box(app)
    rows = box.text_box_layout.layout_rows
    texts = ["".join(getattr(chunk, "text", "") for chunk in row.items) for row in rows]
    first = next(i for i, text in enumerate(texts) if text.startswith("Acts "))
    last = next(i for i in range(first, len(texts)) if texts[i].rstrip().endswith("."))
    assert "2023Q4" in " ".join(texts[first : last + 1])
    # Unscrolled, the sentence's last line is on show whole.
    assert (rows[last].y, rows[last].y + rows[last].height) in box.shown_lines(), (texts[first : last + 1], box.rect)
    # The list above gave room, and still shows whole rows only.
    listing = panel_of(app, ActionsPanel).action_list
    assert listing is not None and listing.item_list_container is not None
    assert listing.item_list_container.rect.height >= 2 * LIST_ROW


def row_offsets(app: App) -> list[int]:
    """The tops of the action rows on show, from the top of the list's view."""
    listing = panel_of(app, ActionsPanel).action_list
    assert listing is not None and listing.item_list_container is not None
    view = pygame.Rect(listing.item_list_container.get_abs_rect())
    rows = [item["button_element"] for item in listing.item_list if item["button_element"] is not None]
    return sorted(row.get_abs_rect().y - view.y for row in rows if pygame.Rect(row.get_abs_rect()).colliderect(view))


def test_the_actions_list_scrolls_by_whole_rows(saves: Path, close_pygame: None) -> None:
    app, driver = tutorial_at(saves, (1024, 640))
    listing = app.locate("action_list")
    assert listing is not None
    driver.hover(listing.center)
    scrolled = []
    for notch in (-1, -1, -1, -1, -1, 1):
        wheel = {"x": 0, "y": notch, "flipped": False, "precise_x": 0.0, "precise_y": float(notch), "which": 0}
        driver.post(pygame.event.Event(pygame.MOUSEWHEEL, wheel))
        app.step([])
        offsets = row_offsets(app)
        assert offsets[0] == 0 and all(top % LIST_ROW == 0 for top in offsets), offsets  # no row cut at the top
        scrolled.append(panel_of(app, ActionsPanel).action_list.scroll_bar.start_percentage)  # type: ignore[union-attr]
    assert max(scrolled) > 0  # it did scroll (the list is longer than its view)


def test_a_row_s_tool_tip_sits_beside_the_list(saves: Path, close_pygame: None) -> None:
    app, driver = tutorial_at(saves, (1024, 640))
    row = app.locate("action_sign_deal")
    listing, order, end_turn = app.locate("action_list"), app.locate("order_hint"), app.locate("end_turn")
    assert row is not None and listing is not None and order is not None and end_turn is not None
    driver.hover(row.center)
    for _frame in range(6):
        app.step([], dt=0.3)  # past the rows' tool tip delay
    tips = [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITooltip) and s.alive()]
    assert len(tips) == 1
    tip = pygame.Rect(tips[0].rect)
    assert not tip.colliderect(listing) and not tip.colliderect(order) and not tip.colliderect(end_turn), tip
    assert app.window.get_rect().contains(tip)
    assert tip.top <= row.top <= tip.bottom or abs(tip.top - row.top) <= 60  # level with the row it explains, or near
    controls = [app.locate(name) for name in ("coach_next", "coach_skip", "end_turn")]
    assert not [control for control in controls if control is not None and control.colliderect(tip)]


def test_the_map_shows_no_tool_tip_before_the_pointer_moves_on_it(saves: Path, close_pygame: None) -> None:
    choice = StartChoice("sandbox", ("KZ",), seed=1, turns=4)  # no tutorial card over the map
    app = App(size=(1024, 640), saves_dir=saves, scale=100, choice=choice)
    driver = Driver(app)
    driver.close_popups()
    game = game_of(app)
    label = game.map.mapview.labels["KZ"]
    spot = (label[0] + game.map.mapview.rect.x, label[1] + game.map.mapview.rect.y)
    driver.hover(spot)
    assert game.view.hover == "KZ"  # the spot is over a state: a tool tip would show there
    start = StartScreen(app, choice)
    app.goto(start)
    driver.hover(spot)  # the pointer rests on the start screen where the map will be
    start.start_game()  # … and the game starts (Enter, or a click that moved nothing)
    for _frame in range(3):
        app.step([], dt=0.5)
    game = game_of(app)
    assert game.view.hover is None
    assert not [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITooltip) and s.alive()]
    driver.hover(spot)  # once it moves, the state's tip comes
    assert game.view.hover == "KZ"


@pytest.mark.parametrize("size", [(1024, 640), (1008, 600), (1280, 720)])
def test_the_tutorial_ring_around_the_goal_stays_in_the_top_bar_clear_of_its_text(
    saves: Path, close_pygame: None, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _driver = tutorial_at(saves, size)
    coach = game_of(app).coach
    assert coach.progress is not None
    step = next(s for s in coach.progress.steps if s.anchor == "objective")
    coach.progress.index = coach.progress.steps.index(step)
    app.step([])
    anchor = coach.anchor_rect(step)
    assert anchor is not None
    top = panel_of(app, TopBar)
    fonts, named = app.theme.fonts, top.sections[0].widgets.named
    others = [top.locate("top_News")]  # the next button, and the letters of the quarter and the turn beside the goal
    for name, type_size, bold in (("quarter", SIZE_TITLE, True), ("turn_number", SIZE_SMALL, False)):
        box = top.locate(name)
        assert box is not None
        others.append(pygame.Rect(box.x, box.y, fonts.width(named[name].text, type_size, bold), box.height))
    for ticks in range(0, 1000, 120):  # every size of its pulse
        monkeypatch.setattr(pygame.time, "get_ticks", lambda ticks=ticks: ticks)
        ring, halo = coach.ring_around(step, anchor, app.window.get_rect())
        assert top.layout.top.contains(ring) and top.layout.top.contains(halo)
        assert not [other for other in others if other is not None and other.colliderect(ring.union(halo))]


@pytest.mark.parametrize("language", ["ru", "kk", "uz", "en"])
def test_end_turn_shows_its_orders_whole_in_a_1280_by_800_window_at_150(
    saves: Path, close_pygame: None, language: str
) -> None:
    app, driver = tutorial_at(saves, (1280, 800), scale=150, language=language)
    queue_first_orders(driver, 2)
    sidebar = next(panel for panel in game_of(app).panels if isinstance(panel, Sidebar))
    button = sidebar.sections[0].widgets.named["end_turn"]
    text = button.text
    orders = ngettext("{count} order", "{count} orders", 2).format(count=format_number(2))
    assert text.endswith(f" · {orders}") and text.startswith(_("End turn"))  # the count whole, not the year's "2"
    assert sidebar.sections[0].widgets.button_text_width(text, "primary") + 2 * S3 <= button.rect.width, text


def scenario_roles() -> list[tuple[str, str]]:
    """Every shipped scenario with each role it lets a person play."""
    return [(preview.id, role) for preview in scenario_previews() for role in ROLES]


@pytest.mark.parametrize("language", [language.code for language in LANGUAGES])
def test_every_goal_shows_whole_in_the_top_bar_at_1280_by_720(saves: Path, close_pygame: None, language: str) -> None:
    app = App(size=(1280, 720), saves_dir=saves, scale=100, language=language)
    checked = 0
    for preview in scenario_previews():
        for role in ROLES:
            try:
                session = Session.start(preview.path, (role,), 1, None, None, saves)
            except SessionError:
                continue  # a role the scenario does not let a person play
            app.show_game(session)
            app.step([])
            top = panel_of(app, TopBar)
            goal = _("Goal: {goal}").format(goal=goal_phrase(session, role))
            named = top.sections[0].widgets.named
            shown = named["goal_line"].text if "goal_line" in named else named["objective"].text
            assert goal in shown, (preview.id, role, shown)
            line = top.locate("goal_line") or top.locate("objective")
            assert line is not None and app.window.get_rect().contains(line)
            buttons = [top.locate(f"top_{key}") for key in top.buttons]
            assert not [b for b in buttons if b is not None and b.colliderect(line)], (preview.id, role)
            if "goal_line" in named:
                assert app.theme.fonts.width(goal, SIZE_SMALL) <= line.width
            checked += 1
    set_language("en")
    assert checked >= 20
    assert app.ui.elided == []


def test_a_resize_re_lays_out_every_screen_even_when_pygame_resized_the_surface_first(
    saves: Path, close_pygame: None
) -> None:
    app = App(size=(1280, 720), saves_dir=saves, scale=100)
    driver = Driver(app)

    def resized_by_the_window_system(size: tuple[int, int], event_type: int) -> None:
        pygame.display.set_mode(size, pygame.RESIZABLE)  # as SDL and pygame do before the event is read
        resized = {"w": size[0], "h": size[1], "size": size}
        fields = resized if event_type == pygame.VIDEORESIZE else {"x": size[0], "y": size[1]}
        driver.post(pygame.event.Event(event_type, fields))

    resized_by_the_window_system((1024, 640), pygame.WINDOWSIZECHANGED)
    assert app.window.get_size() == (1024, 640)
    start = app.locate("start")
    assert start is not None and app.window.get_rect().contains(start)
    driver.click("start")
    driver.close_popups()
    resized_by_the_window_system((1600, 900), pygame.VIDEORESIZE)
    assert app.window.get_size() == (1600, 900)
    end_turn = app.locate("end_turn")
    assert end_turn is not None and end_turn.right > 1400  # the sidebar moved to the new right edge
    driver.key(pygame.K_n)  # a dialog open while resizing
    resized_by_the_window_system((1024, 640), pygame.WINDOWSIZECHANGED)
    assert app.modals and app.window.get_rect().contains(pygame.Rect(app.modals[-1].window.rect))  # type: ignore[attr-defined]
    driver.key(pygame.K_ESCAPE)
    end_turn = app.locate("end_turn")
    assert end_turn is not None and app.window.get_rect().contains(end_turn)
