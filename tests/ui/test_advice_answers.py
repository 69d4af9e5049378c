"""The advice in the order form as a newcomer uses it (issue 14): an answer is clicked (or taken with V) and the
order form shows that action toward that target, ready to queue; once queued, the advice is back with answers that
can still be given; with another action chosen, the advice is a click (or Esc) away; and it fits small windows in
English and Russian."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.play.advice import Answer
from game.ui.app import App
from game.ui.gui import WholeLinesTextBox
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.advice import BACK_LINK, answer_link
from game.ui.panels.base import action_title
from game.ui.panels.order import MORE_LINK, OrderPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_fits_small_windows import _problems
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of
from tests.ui.test_newcomer14_panels18 import in_language

__all__ = ["close_pygame", "in_language"]


def russia_after(saves: Path, size: tuple[int, int], language: str = "en", turns: int = 3) -> Driver:
    """The Middle Corridor as Russia in ``language``, ``turns`` quarters played with nothing ordered."""
    choice = StartChoice("middle_corridor", ("RU",), seed=1, turns=8)
    driver = Driver(App(size=size, saves_dir=saves, choice=choice, language=language, scale=100))
    driver.close_popups()
    for _ in range(turns):
        driver.key(pygame.K_e)
        driver.close_popups()
    return driver


def text_box(driver: Driver, name: str) -> WholeLinesTextBox | None:
    """The order form's text box of that name, when shown."""
    element = panel_of(driver.app, OrderPanel).main.widgets.named.get(name)
    return element if isinstance(element, WholeLinesTextBox) and element.visible else None


def link_point(driver: Driver, box_name: str, href: str, scroll: bool = False) -> tuple[int, int]:
    """The middle of a link's words where the window shows them (it must be in the box's visible part; with
    ``scroll``, the box is first scrolled line by line until it is, as a player would)."""
    box = text_box(driver, box_name)
    assert box is not None, f"no {box_name} shown"
    if href == answer_link(1) and not any(c.href == href for c in box.link_hover_chunks):
        click_link(driver, box_name, MORE_LINK)  # a short form shows the first answer: the rest is a click away
        box = text_box(driver, box_name)
        assert box is not None
    chunk = next(c for c in box.link_hover_chunks if c.href == href)
    for _line in range(40 if scroll else 0):
        if chunk.y + chunk.size[1] <= box.drawn_area().bottom:
            break
        box.scroll_lines(1)
    base_x, base_y = box._calculate_hyperlinks_offsets()
    words = pygame.Rect((base_x + chunk.x, base_y + chunk.y), chunk.size)
    assert pygame.Rect(box.rect).contains(words), f"{href} is not in view"
    return words.center


def click_link(driver: Driver, box_name: str, href: str, scroll: bool = False) -> None:
    """Click a link; the box posts what was clicked, which the next frame handles."""
    driver.click_at(link_point(driver, box_name, href, scroll))
    driver.app.step()


def shown_answers(driver: Driver) -> list[Answer]:
    found = panel_of(driver.app, OrderPanel).advice
    assert found is not None
    return found.answers


def test_clicking_an_answer_composes_its_order_and_queueing_it_brings_the_advice_back(
    saves: Path, close_pygame: None
) -> None:
    driver = russia_after(saves, (1280, 720))
    app = driver.app
    view = game_of(app).view
    session = game_of(app).session
    answers = shown_answers(driver)
    assert answers
    second = answers[1]
    click_link(driver, "order_hint", answer_link(1), scroll=True)
    assert (view.action_index, view.target) == (second.action, second.target)
    listing = panel_of(app, ActionsPanel)
    assert listing.action_list is not None
    chosen = listing.action_list.get_single_selection()
    assert chosen is not None and listing.action_text[chosen] == second.action  # as if picked in the list
    assert driver.shows(action_title(session, second.action))
    target_button = app.locate(f"target_{second.target}")
    assert target_button is not None
    driver.click("queue")
    queued = [(session.world.actions.index(o.action), o.target) for o in session.queued["RU"]]
    assert queued == [(second.action, second.target)]
    assert view.action_index is None and text_box(driver, "order_hint") is not None  # the advice is back
    assert all((a.action, a.target) not in queued for a in shown_answers(driver))  # found again after the queue


def test_v_takes_the_answers_in_turn_and_enter_queues_them_until_none_can_be_given(
    saves: Path, close_pygame: None
) -> None:
    driver = russia_after(saves, (1280, 720))
    view = game_of(driver.app).view
    session = game_of(driver.app).session
    first, second = shown_answers(driver)[:2]
    driver.key(pygame.K_v)
    assert (view.action_index, view.target) == (first.action, first.target)
    driver.key(pygame.K_v)
    assert (view.action_index, view.target) == (second.action, second.target)
    for _ in range(session.world.rules.max_orders):
        driver.key(pygame.K_v)
        driver.key(pygame.K_RETURN)
    assert len(session.queued["RU"]) == session.world.rules.max_orders
    assert not shown_answers(driver)
    assert driver.shows("No answer can be given now: 3 orders already queued")


def test_the_advice_is_a_click_or_esc_away_once_an_action_is_chosen(saves: Path, close_pygame: None) -> None:
    driver = russia_after(saves, (1024, 640))
    view = game_of(driver.app).view
    driver.key(pygame.K_DOWN)  # an action chosen in the list
    assert view.action_index is not None and text_box(driver, "order_hint") is None
    click_link(driver, "expected", BACK_LINK)
    assert view.action_index is None and text_box(driver, "order_hint") is not None
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_ESCAPE)
    assert view.action_index is None and text_box(driver, "order_hint") is not None
    assert not driver.app.modals  # Esc dropped the order; it did not open the menu


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)])
def test_the_advice_fits_small_windows(
    saves: Path, close_pygame: None, in_language: None, language: str, size: tuple[int, int]
) -> None:
    driver = russia_after(saves, size, language)
    app = driver.app
    session = game_of(app).session
    form = panel_of(app, OrderPanel).layout.order_form(panel_of(app, OrderPanel).queue_shown())
    box = text_box(driver, "order_hint")
    assert box is not None and form.contains(pygame.Rect(box.rect))
    assert _problems(app, "advice") == []
    first = shown_answers(driver)[0]
    click_link(driver, "order_hint", answer_link(0))  # the first answer shows without scrolling
    assert _problems(app, "answer chosen") == []
    assert driver.shows(action_title(session, first.action))
    selected = app.locate(f"target_{first.target}")
    assert selected is not None and app.window.get_rect().contains(selected)
    assert app.locate("queue") is not None
    link_point(driver, "expected", BACK_LINK)  # the way back shows beside the order's details


def test_an_answer_aimed_elsewhere_is_the_players_own_order_and_stays_composed_after_queueing(
    saves: Path, close_pygame: None
) -> None:
    """A newcomer clicks an answer, then aims it at another state: queueing it keeps the action chosen for a third
    target, as any order of their own does, instead of clearing it as a queued answer does."""
    driver = russia_after(saves, (1280, 720))
    view = game_of(driver.app).view
    first = shown_answers(driver)[0]
    click_link(driver, "order_hint", answer_link(0))
    others = [t for t in view.targets() if t != first.target]
    assert others and view.advised
    driver.click(f"target_{others[0]}")
    assert view.target == others[0] and not view.advised
    driver.click("queue")
    session = game_of(driver.app).session
    given = [(o.action, o.target) for o in session.queued["RU"]]
    assert given == [(session.world.actions.ids[first.action], others[0])]
    assert view.action_index == first.action  # still composed: the action may go to another target next
