"""The map screen's panels in Russian and Kazakh: nothing they draw is English, and their words fit.

The game screen is opened (the tutorial as Kazakhstan; the Middle Corridor as Russia, a power, and as
Kazakhstan, a state) with every panel showing: the actions list, an order's detail, the queue, the map's
tool tip, the country tab and the coach card. What the panels draw is recorded (``tests.ui.drawn_text``),
with the tool tips of their controls. The words the play layer writes (stakes, refusals, expected changes,
causes, the goal, the tutorial's steps: ``game/play``) are translated there, so here they are replaced
by a Cyrillic stand-in: what is left is what the panels themselves say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.i18n import set_language
from game.play.session import Session
from game.play.stakes import ActionChoice
from game.play.timing import OrderTiming
from game.ui.app import App
from game.ui.painter import Painter
from game.ui.panels import actions as actions_panel
from game.ui.panels import coach as coach_panel
from game.ui.panels import order as order_panel
from game.ui.panels import topbar as topbar_panel
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.topbar import score_tooltip
from game.ui.screens.start import StartChoice
from tests.ui.drawn_text import english_in, recording
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of

__all__ = ["close_pygame"]

PLAY_WORDS = "«…»"  # what the play layer's words read here (they are translated in game/play)
GAMES = [("tutorial", "KZ"), ("middle_corridor", "RU"), ("middle_corridor", "KZ")]


@pytest.fixture
def play_words_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """The play layer's words, as the panels receive them, replaced by :data:`PLAY_WORDS`."""

    def words(*_args: Any, **_kwargs: Any) -> str:
        return PLAY_WORDS

    for module, names in (
        (actions_panel, ("stake_text", "range_text")),
        (order_panel, ("stake_text",)),
        (topbar_panel, ("goal_phrase", "target_label", "target_sentence", "formula_text")),
        (coach_panel, ("step_text",)),
    ):
        for name in names:
            monkeypatch.setattr(module, name, words)
    monkeypatch.setattr(topbar_panel, "score_terms", lambda *_args: [])
    monkeypatch.setattr(topbar_panel, "turn_summary", lambda *_args: None)
    monkeypatch.setattr(OrderTiming, "when", words)
    monkeypatch.setattr(Session, "unbuilt_routes", lambda *_args: [])
    monkeypatch.setattr(Session, "why_headline", lambda *_args: [(PLAY_WORDS, 0.5)])
    monkeypatch.setattr(Session, "why_variable", lambda *_args, **_kwargs: [(PLAY_WORDS, 0.5)])
    effects = Session.expected_effects
    monkeypatch.setattr(
        Session,
        "expected_effects",
        lambda *args, **kwargs: [dataclasses.replace(e, label=PLAY_WORDS) for e in effects(*args, **kwargs)],
    )

    def hidden_reasons(choice: ActionChoice) -> ActionChoice:
        options = tuple(dataclasses.replace(o, problem=PLAY_WORDS if o.problem else "") for o in choice.options)
        return dataclasses.replace(choice, options=options)

    for module in (actions_panel, order_panel):
        given = module.choices
        monkeypatch.setattr(module, "choices", lambda *args, given=given: [hidden_reasons(c) for c in given(*args)])


@pytest.fixture
def in_language() -> Iterator[None]:
    """English again after the test."""
    yield
    set_language("en")


def open_in(language: str, saves: Path, scenario: str, role: str, size: tuple[int, int] = (1280, 720)) -> Driver:
    """The map screen of a game in ``language``, its opening dialogs closed (the tutorial's card stays)."""
    app = App(size=size, saves_dir=saves, choice=StartChoice(scenario, (role,), seed=1, turns=4), language=language)
    driver = Driver(app)
    driver.close_popups()
    return driver


def panel_texts(driver: Driver) -> list[str]:
    """What the panels show on the next frame: drawn text, the widgets' texts, and their tool tips."""
    app = driver.app
    app.toast = ""  # the screen's own messages ("Queued: …") are the screen's, not a panel's
    with recording() as drawn:
        app.step([])
    drawn.add_widgets(app)
    texts = [text for text in drawn.texts if text != pygame.display.get_caption()[0]]
    for sprite in app.ui.get_sprite_group().sprites():
        tip = getattr(sprite, "tool_tip_text", None)
        if tip:
            texts.append(tip)
    game = game_of(app)
    texts += panel_of(app, ActionsPanel).tips.values()
    texts.append(score_tooltip(game.session, game.view.active_role))
    return texts


def clipped(driver: Driver) -> list[str]:
    """The buttons and labels on the next frame whose text is wider than they are (pygame_gui cuts it), and the
    lines drawn in the sidebar that run past its edge."""
    app = driver.app
    side = game_of(app).map.layout.side
    drawn: list[tuple[str, pygame.Rect]] = []
    text = Painter.text

    def recording(painter: Painter, line: str, *args: Any, **kwargs: Any) -> pygame.Rect:
        rect = text(painter, line, *args, **kwargs)
        drawn.append((line, rect))
        return rect

    Painter.text = recording  # type: ignore[method-assign]
    try:
        game_of(app).scene_key = None  # the cached scene drawn again
        app.step([])
    finally:
        Painter.text = text  # type: ignore[method-assign]
    found = [f"{line} (to {rect.right} px, the sidebar ends at {side.right})" for line, rect in drawn
             if rect.left >= side.left and rect.right > side.right - 4]
    for sprite in app.ui.get_sprite_group().sprites():
        if isinstance(sprite, UIButton | UILabel) and sprite.visible and sprite.text.strip():
            width = sprite.font.size(sprite.text)[0]
            if width > sprite.rect.width - 2:
                found.append(f"{sprite.text} ({width} px in {sprite.rect.width})")
    return found


def every_panel_shown(driver: Driver, look: Callable[[Driver], list[str]]) -> list[str]:
    """What ``look`` finds on the screen as it opens (coach card), with an action chosen and queued, with the map's
    tool tip over a state, and with the country tab."""
    app = driver.app
    game = game_of(app)
    found = look(driver)
    first = next(choice for choice in actions_panel.choices(game.session, game.view.active_role) if choice.legal)
    game.view.choose_action(first.action)
    found += look(driver)
    driver.click("queue")
    assert game.session.queued[game.view.active_role], "the order was not queued"
    game.view.choose_action(first.action)
    found += look(driver)
    code, (x, y) = next(iter(game.map.mapview.labels.items()))
    driver.hover((game.map.mapview.rect.x + x, game.map.mapview.rect.y + y))
    assert game.tooltip.tip is not None, "no tool tip over a state"
    found += look(driver)
    game.view.select_country(code)
    found += look(driver)
    return found


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(("scenario", "role"), GAMES)
def test_no_panel_writes_english(
    saves: Path, close_pygame: None, in_language: None, play_words_hidden: None, language: str, scenario: str, role: str
) -> None:
    driver = open_in(language, saves, scenario, role)
    if scenario == "tutorial":
        assert driver.has("coach_card"), "the tutorial's card is not shown"
    texts = every_panel_shown(driver, panel_texts)
    assert len(texts) > 80  # every panel was drawn
    assert not english_in(texts), english_in(texts)


@pytest.mark.parametrize("language", ["ru", "kk", "uz"])
@pytest.mark.parametrize(("scenario", "role"), GAMES[1:])
def test_longer_words_are_never_cut_at_1280x720(
    saves: Path, close_pygame: None, in_language: None, language: str, scenario: str, role: str
) -> None:
    driver = open_in(language, saves, scenario, role)
    assert not every_panel_shown(driver, clipped)
