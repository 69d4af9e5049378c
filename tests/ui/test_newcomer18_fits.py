"""What a newcomer's play in small real windows found (round 18), checked on what is drawn: the end screen's
table and buttons fit at 1024×640, Russia's goal shows whole in the top bar, the score chip reads as live
information, and no state's label lies under the tutorial's card, the legend or a message."""

from __future__ import annotations

import inspect
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.engine.codes import ROLES
from game.play.session import Session
from game.play.tutorial import goal_phrase
from game.ui.app import App
from game.ui.layout import BUTTON_TEXT, SMALL_BUTTON_TEXT, toast_rect
from game.ui.painter import Painter
from game.ui.panels.map import MapPanel
from game.ui.panels.topbar import TopBar
from game.ui.screens.end import EndScreen
from game.ui.screens.start import StartChoice
from game.ui.theme import S5, SIZE_SMALL
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, open_game, panel_of, tutorial_game
from tests.ui.test_newcomer17_game_screen import why_list_after_a_turn

__all__ = ["close_pygame"]

SMALL_WINDOWS = [(960, 600), (1024, 640), (1088, 612)]


@pytest.fixture
def drawn_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, pygame.Rect]]]:
    """Every hand-drawn line of text of the frames drawn in the test, with the rectangle of its letters."""
    drawn: list[tuple[str, pygame.Rect]] = []
    text = Painter.text

    def recording(self: Painter, line: str, *args: Any, **kwargs: Any) -> pygame.Rect:
        rect = text(self, line, *args, **kwargs)
        asked = inspect.signature(text).bind(self, line, *args, **kwargs)
        asked.apply_defaults()
        size, colour, bold = asked.arguments["size"], asked.arguments["colour"], asked.arguments["bold"]
        ink = self.theme.fonts.render(line, size, colour or self.theme.palette.text, bold).get_bounding_rect()
        drawn.append((line, ink.move(rect.topleft)))  # the letters, without the font's leading
        return rect

    monkeypatch.setattr(Painter, "text", recording)
    yield drawn


def overlapping(rects: list[tuple[str, pygame.Rect]]) -> list[tuple[str, str]]:
    """The pairs of texts whose rectangles overlap."""
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(rects, 2) if ra.colliderect(rb)]


@pytest.mark.parametrize("size", [(960, 600), (1024, 640)])
@pytest.mark.parametrize("role", ROLES)
def test_the_end_screen_s_table_and_buttons_fit_a_small_window(
    saves: Path, close_pygame: None, drawn_texts: list[tuple[str, pygame.Rect]], size: tuple[int, int], role: str
) -> None:
    app = App(size=size, saves_dir=saves, choice=StartChoice())
    session = Session.start("tutorial", [role], 5, saves_dir=app.saves_dir)
    while not session.is_over():
        session.end_turn()
    app.goto(EndScreen(app, session))
    Driver(app)
    drawn_texts.clear()
    app.step([])
    assert any("(you)" in line for line, _ in drawn_texts)
    assert overlapping(drawn_texts) == []  # "Turkmenistan  (you)" ran into its start score
    fonts = app.theme.fonts
    for name, label in [("end_new", "New game  (Enter)"), ("end_save", "Save  (Ctrl+S)")]:
        rect = app.locate(name)
        assert rect is not None
        bold = name == "end_new"
        assert fonts.width(label, 16 if bold else BUTTON_TEXT, bold) + 16 <= rect.width, name  # "New game (Enter…"


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_russia_s_goal_shows_whole_and_the_score_is_live_information(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app = open_game(saves, size, "middle_corridor", ("RU",))
    game = game_of(app)
    top = panel_of(app, TopBar)
    goal = f"Goal: {goal_phrase(game.session, 'RU')}"
    assert goal in app.texts()  # whole, not "… the northern route…"
    fonts = app.theme.fonts
    line, chip = top.locate("goal_line"), top.locate("objective")
    assert line is not None and chip is not None
    assert fonts.width(goal, SIZE_SMALL) <= line.width and line.right <= top.free_right
    chip_widget = top.sections[0].widgets.named["objective"]
    assert chip_widget.is_enabled  # before the first turn too: it was greyed out as if disabled
    assert fonts.width(chip_widget.text, SMALL_BUTTON_TEXT) <= chip.width
    controls = [top.locate(name) for name in ("team_RU", "objective", "top_News", "top_?")]
    shown = [rect for rect in controls if rect is not None] + [line]
    assert not [(a, b) for a, b in itertools.combinations(shown, 2) if a.colliderect(b)]


def label_boxes(app: App) -> dict[str, pygame.Rect]:
    """The states' labels as the map draws them (window pixels)."""
    panel = next(p for p in game_of(app).painted if isinstance(p, MapPanel))
    rect = panel.layout.map
    return {code: box.move(rect.topleft) for code, box in panel.label_boxes(app.painter).items()}


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_no_state_s_label_lies_under_the_tutorial_card_or_the_legend(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app, driver = tutorial_game(saves, size)
    card = app.locate("coach_card")
    assert card is not None  # the tutorial's first step, on the map
    game = game_of(app)
    layout = next(p for p in game.painted if isinstance(p, MapPanel)).layout
    legend = layout.legend
    boxes = label_boxes(app)
    assert set(boxes) == {"KZ", "UZ", "KG", "TJ", "TM"}
    for code, box in boxes.items():
        assert not box.colliderect(card), code
        assert not box.colliderect(legend), code
        assert layout.map.contains(box), code
    assert not [(a, b) for (a, ra), (b, rb) in itertools.combinations(boxes.items(), 2) if ra.colliderect(rb)]
    driver.click("coach_skip")  # without the card the labels go back over their states
    assert label_boxes(app)["KZ"].colliderect(card)


def test_the_why_list_starts_each_cause_with_a_capital(saves: Path, close_pygame: None) -> None:
    app = open_game(saves, (1280, 720))
    driver = Driver(app)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)  # an order of Kazakhstan's, so that a cause reads "order by Kazakhstan: …"
    why = why_list_after_a_turn(app, driver).html_text
    causes = [re.sub("<[^>]+>", "", line).split(None, 1)[1] for line in why.split("<br>")[1:]]
    assert causes and all(cause[:1].isupper() for cause in causes), causes


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_a_wide_message_keeps_clear_of_the_states_labels(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app = open_game(saves, size, "middle_corridor", ("RU",))
    message = toast_rect(app.window.get_rect(), size[0] - 2 * S5, [])  # as wide as a message gets
    assert not [code for code, box in label_boxes(app).items() if box.colliderect(message)]


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_a_message_goes_beside_the_tutorial_card_not_over_its_title(
    saves: Path, close_pygame: None, drawn_texts: list[tuple[str, pygame.Rect]], size: tuple[int, int]
) -> None:
    app, _driver = tutorial_game(saves, size)
    card = app.locate("coach_card")
    assert card is not None
    message = "Host a summit cannot target Russia; its targets: Uzbekistan, Kyrgyzstan"
    app.notify(message)
    drawn_texts.clear()
    app.step([])
    shown = [rect for line, rect in drawn_texts if line == message]
    assert shown and not shown[0].colliderect(card)
