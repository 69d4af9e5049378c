"""The game screen's right-hand panel at 1024×640, 1280×720 and 1920×1080 at 150 % (issue 14), checked on what is
laid out and drawn while a player clicks: the actions list keeps at least ``LIST_ROWS_MIN`` whole rows in every state
of the panel, no scroll box draws a line cut in half, the list neither moves nor scrolls when an order is queued, no
tool tip pops up after the panel was rebuilt under a pointer that stood still, a notch of the wheel never skips rows
unseen, and the list's figure is the best target still open once orders are queued."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import UITooltip

from game.i18n import format_change
from game.play.stakes import choices
from game.ui.app import App
from game.ui.gui import WholeLinesTextBox, WholeRowsList
from game.ui.layout import LIST_ROW, LIST_ROWS_MIN
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.advice import answer_link
from game.ui.panels.order import LESS_LINK, MORE_LINK, OrderPanel
from game.ui.screens.modals import MenuModal
from game.ui.screens.start import StartChoice
from tests.ui.drawn_text import cut_line_drawn
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of
from tests.ui.test_newcomer14_panels18 import in_language

__all__ = ["close_pygame", "in_language"]

SIZES = [((1024, 640), 100), ((1008, 600), 100), ((1280, 720), 100), ((1920, 1080), 150)]


class ScaledDriver(Driver):
    """A driver that posts the pointer where the window shows a widget (the canvas enlarged by the UI scale)."""

    def window_point(self, canvas: tuple[int, int]) -> tuple[int, int]:
        scale = self.app.display.scale / 100
        return round(canvas[0] * scale), round(canvas[1] * scale)

    def click(self, name: str) -> None:
        rect = self.app.locate(name)
        assert rect is not None, f"no widget {name!r}"
        self.click_at(self.window_point(rect.center))

    def point_at(self, canvas: tuple[int, int]) -> None:
        self.hover(self.window_point(canvas))

    def wheel(self, notches: int) -> None:
        self.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=notches, flipped=False, precise_x=0.0,
                                     precise_y=float(notches)))


def opened(saves: Path, size: tuple[int, int], scale: int, scenario: str = "middle_corridor",
           role: str = "RU") -> ScaledDriver:
    """``scenario`` as ``role`` at ``size`` and ``scale``, one quarter played (the advice then has something to say),
    its dialogs closed."""
    app = App(size=size, saves_dir=saves, scale=scale, choice=StartChoice(scenario, (role,), seed=1, turns=6))
    driver = ScaledDriver(app)
    driver.close_popups()
    driver.key(pygame.K_e)
    driver.close_popups()
    return driver


def action_list(driver: Driver) -> WholeRowsList:
    listing = panel_of(driver.app, ActionsPanel).action_list
    assert listing is not None
    return listing


def row_rect(driver: Driver, text: str) -> pygame.Rect | None:
    """Where a row of the list is on the canvas (None when it is out of view)."""
    listing = action_list(driver)
    view = pygame.Rect(listing.item_list_container.get_abs_rect())
    for item in listing.item_list:
        button = item["button_element"]
        if item["text"] == text and button is not None and view.contains(pygame.Rect(button.get_abs_rect())):
            return pygame.Rect(button.get_abs_rect())
    return None


def text_boxes(app: App) -> list[WholeLinesTextBox]:
    return [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, WholeLinesTextBox) and s.visible]


def check_panel(driver: Driver, state: str) -> None:
    """The list shows at least the floor of whole rows; no box draws a line cut in half, at any scroll position."""
    listing = action_list(driver)
    assert listing.visible_rows() >= LIST_ROWS_MIN, state
    assert listing.item_list_container.rect.height % LIST_ROW == 0, state  # its view is whole rows
    for box in text_boxes(driver.app):
        assert not cut_line_drawn(box), (state, box.object_ids)
        if box.scroll_bar is not None:
            for _step in range(len(box.line_edges())):
                box.scroll_lines(1)
                assert not cut_line_drawn(box), (state, box.object_ids, box.top)


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_every_state_of_the_panel_keeps_the_list_s_rows_and_whole_lines(
    saves: Path, close_pygame: None, size: tuple[int, int], scale: int
) -> None:
    driver = opened(saves, size, scale)
    session = game_of(driver.app).session
    check_panel(driver, "nothing chosen")
    for count in range(session.world.rules.max_orders):
        driver.key(pygame.K_DOWN)  # an action chosen, its best target aimed at
        check_panel(driver, f"chosen, {count} queued")
        driver.key(pygame.K_RETURN)
        driver.key(pygame.K_ESCAPE)
        check_panel(driver, f"{count + 1} queued")
    assert len(session.queued["RU"]) == session.world.rules.max_orders


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_queueing_leaves_the_list_and_the_chosen_row_where_they_were(
    saves: Path, close_pygame: None, size: tuple[int, int], scale: int
) -> None:
    driver = opened(saves, size, scale)
    listing = action_list(driver)
    listing.scroll_rows(3)
    driver.app.step([])
    panel = panel_of(driver.app, ActionsPanel)
    session = game_of(driver.app).session
    open_actions = {c.action for c in choices(session, "RU") if c.best is not None}
    shown = [item["text"] for item in listing.item_list if row_rect(driver, item["text"]) is not None]
    picked = next(text for text in shown[1:] if panel.action_text[text] in open_actions)
    index = panel.action_text[picked]
    rect = row_rect(driver, picked)
    assert rect is not None
    driver.click_at(driver.window_point(rect.center))
    assert game_of(driver.app).view.action_index is not None
    top, place = action_list(driver).top_row(), row_rect(driver, picked)
    driver.click("queue")
    assert game_of(driver.app).session.queued["RU"]
    after = action_list(driver)
    assert after.top_row() == top  # the list kept its scroll
    now = next(t for t, a in panel_of(driver.app, ActionsPanel).action_text.items() if a == index)
    assert row_rect(driver, now) == place  # the chosen row is where it was, under the pointer


def live_tooltips(app: App) -> list[UITooltip]:
    return [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITooltip) and s.alive()]


@pytest.mark.parametrize(("size", "scale"), [((1024, 640), 100), ((1920, 1080), 150)])
def test_no_tool_tip_after_the_panel_changed_until_the_pointer_moves(
    saves: Path, close_pygame: None, size: tuple[int, int], scale: int
) -> None:
    driver = opened(saves, size, scale)
    driver.key(pygame.K_DOWN)  # an order composed: Queue is on show
    queue = driver.app.locate("queue")
    assert queue is not None
    driver.click("queue")  # the panel is rebuilt; a Queue button (the next order's) is under the still pointer
    assert game_of(driver.app).session.queued["RU"]
    for _frame in range(90):  # a second and a half: longer than any tool tip's delay
        driver.app.step([], dt=1 / 60)
        assert not live_tooltips(driver.app)
    driver.point_at((queue.centerx + 2, queue.centery))  # the pointer moves: help shows again after its delay
    for _frame in range(90):
        driver.app.step([], dt=1 / 60)
    assert live_tooltips(driver.app)


@pytest.mark.parametrize(("size", "scale"), [((1008, 600), 100), ((1280, 720), 100)])
def test_a_notch_of_the_wheel_keeps_a_row_seen_before(
    saves: Path, close_pygame: None, size: tuple[int, int], scale: int
) -> None:
    driver = opened(saves, size, scale)
    listing = action_list(driver)
    visible = listing.visible_rows()
    driver.point_at(pygame.Rect(listing.get_abs_rect()).center)
    driver.wheel(-1)  # down
    assert action_list(driver).top_row() == min(3, visible - 1)
    driver.wheel(1)
    assert action_list(driver).top_row() == 0
    driver.key(pygame.K_DOWN)  # an order composed: its explanation scrolls by whole lines too
    box = next(box for box in text_boxes(driver.app) if box.scroll_bar is not None)
    first = box.shown_lines()
    driver.point_at(pygame.Rect(box.get_abs_rect()).center)
    driver.wheel(-1)
    assert box.shown_lines()[0] in first  # a line seen before is still on show
    assert box.top > 0 and not cut_line_drawn(box)


def test_a_notch_of_the_wheel_over_a_dialog_leaves_the_list_behind_it_alone(saves: Path, close_pygame: None) -> None:
    """At 1024×640 the Menu lies over the actions list: wheeling with the pointer on the menu, over the list behind
    it, keeps the list's top row; with the menu closed the same notches scroll the list, and a box inside a dialog
    (Help) scrolls under the pointer."""
    driver = opened(saves, (1024, 640), 100)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.app.top(), MenuModal)
    menu = pygame.Rect(driver.app.top().window.rect)
    listing = pygame.Rect(action_list(driver).get_abs_rect())
    overlap = menu.clip(listing)
    assert overlap.width and overlap.height, "the menu no longer covers the list: the test must look elsewhere"
    driver.point_at(overlap.center)
    driver.wheel(-1)
    driver.wheel(-1)
    assert action_list(driver).top_row() == 0
    driver.key(pygame.K_ESCAPE)
    assert not driver.app.modals
    driver.point_at(overlap.center)
    driver.wheel(-1)
    assert action_list(driver).top_row() > 0
    driver.key(pygame.K_F1)  # a text box inside a dialog still scrolls under the wheel
    box = next(box for box in text_boxes(driver.app) if box.scroll_bar is not None)
    driver.point_at(pygame.Rect(box.get_abs_rect()).center)
    driver.wheel(-1)
    assert box.top > 0


def test_the_list_s_figure_is_the_best_target_still_open_after_queueing(saves: Path, close_pygame: None) -> None:
    """China in "Europe woos" at 1920×1080 at 150 %: an energy deal queued towards its best target, the row shows
    the best one still open, and choosing the row aims the order at it (Queue can be pressed)."""
    driver = opened(saves, (1920, 1080), 150, "europe_woos", "CN")
    game = game_of(driver.app)
    session = game.session
    energy = session.world.actions.index("energy_deal")
    driver.click("action_energy_deal")
    first = game.view.target
    best = next(c for c in choices(session, "CN") if c.action == energy).best
    assert best is not None and first == best.target
    driver.click("queue")
    assert [o.target for o in session.queued["CN"]] == [first]
    driver.key(pygame.K_ESCAPE)  # nothing composed: the list alone tells what is left
    still = next(c for c in choices(session, "CN") if c.action == energy)
    panel = panel_of(driver.app, ActionsPanel)
    row = next(text for text, action in panel.action_text.items() if action == energy)
    if still.best is None:  # nothing open: the row says so, and so does its tip
        assert row.endswith("not now") and panel.tips[row]
        return
    assert still.best.target != first or still.best.stake == best.stake
    assert row.endswith(format_change(still.best.stake, 2))
    driver.click("action_energy_deal")
    assert game.view.target == still.best.target
    assert driver.app.locate("queue") is not None  # enabled: the order can be given


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_top_bar_does_not_move_when_the_points_lose_a_digit(
    saves: Path, close_pygame: None, in_language: None, language: str
) -> None:
    """Russia's points go from 18.0 to 8.0 as orders are queued (in Russian "10,0 ОД" once sent the goal to a small
    line of its own): the team's button, the score and the goal stay where they were."""
    app = App(size=(1024, 640), saves_dir=saves, scale=100, language=language,
              choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=6))
    driver = ScaledDriver(app)
    driver.close_popups()
    driver.key(pygame.K_e)
    driver.close_popups()
    session = game_of(app).session

    def bar() -> tuple[object, ...]:
        return tuple(app.locate(name) for name in ("team_RU", "objective", "goal_line"))

    before = bar()
    for action in ("pipeline_project", "investment"):
        driver.click(f"action_{action}")
        driver.click("queue")
    assert game_of(app).view.left("RU") < 10 <= session.points("RU")
    assert bar() == before


@pytest.mark.parametrize(("size", "scale"), [((1008, 600), 100), ((1024, 640), 100)])
def test_a_short_form_shows_the_advice_s_first_answer_and_a_link_to_the_rest(
    saves: Path, close_pygame: None, size: tuple[int, int], scale: int
) -> None:
    driver = opened(saves, size, scale)
    driver.key(pygame.K_e)  # a second quarter: the others' orders have cost Russia something to answer
    driver.close_popups()
    order = panel_of(driver.app, OrderPanel)
    assert order.advice is not None and order.advice.answers
    box = order.main.widgets.named["order_hint"]
    assert isinstance(box, WholeLinesTextBox)
    links = {chunk.href: chunk for chunk in box.link_hover_chunks}
    first = links[answer_link(0)]
    row = next(edge for edge in box.line_edges() if edge[0] <= first.y < edge[1])
    assert row in box.shown_lines(), (box.line_edges(), box.view_height())  # on show without scrolling
    more = links[MORE_LINK]  # and the rest is a click away
    assert next(edge for edge in box.line_edges() if edge[0] <= more.y < edge[1]) in box.shown_lines()
    edges = box.line_edges()  # the short form keeps as much as fits: never two lines above an empty box
    assert edges[-1][1] - edges[0][0] > box.view_height() // 2, (edges, box.view_height())
    driver.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=MORE_LINK, ui_element=box))
    driver.app.step([])
    whole = order.main.widgets.named["order_hint"]
    assert isinstance(whole, WholeLinesTextBox)
    assert len(whole.line_edges()) > len(box.line_edges()) and not cut_line_drawn(whole)
    assert LESS_LINK in {chunk.href for chunk in whole.link_hover_chunks}
