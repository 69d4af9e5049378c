"""What a newcomer's play-through in a real window found on the map screen and its dialogs (round 17):
the chosen action's explanation has room, the list stays put after Queue, the turn summary's total keeps
clear of its bar, zero reads as zero, one palette for every chart, one way of saying the turn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.engine.colours import ROLE_COLOURS
from game.play.summary import OrderOutcome
from game.report import figures
from game.ui.charts import ROLE_RGB, smooth_line
from game.ui.colourblind import delta_e
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.country import CountryPanel
from game.ui.screens.history import TriangleModal
from game.ui.screens.summary import TOTAL_LABEL, _order_markup, label_room, part_colour
from game.ui.theme import S2, SIZE_BODY, Fonts
from tests.ui.drawn_text import cut_line_drawn
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, open_game, panel_of, visible_rows

__all__ = ["close_pygame"]


def expected_box(app):  # type: ignore[no-untyped-def]
    """The chosen action's explanation (a text box)."""
    for panel in game_of(app).panels:
        for section in panel.sections:
            widget = section.widgets.named.get("expected")
            if widget is not None:
                return widget
    raise AssertionError("no explanation box")


@pytest.mark.parametrize(("size", "rows", "lines"), [((1280, 720), 6, 6), ((1024, 640), 4, 4)])
def test_a_chosen_action_leaves_the_list_as_it_was_and_explains_in_whole_lines(
    saves: Path, close_pygame: None, size: tuple[int, int], rows: int, lines: int
) -> None:
    app = open_game(saves, size, "middle_corridor", ("RU",))
    driver = Driver(app)
    assert app.locate("action_pipeline_project") is not None  # scrolled into view, as a player would
    before = visible_rows(app)
    driver.click("action_pipeline_project")  # a project: the longest explanation (slots, timing, effects)
    shown = visible_rows(app)
    assert shown == before and len(shown) >= rows  # the list neither shrinks nor scrolls under the pointer
    assert any(text.startswith("Pipeline project") for _, text in shown)  # the chosen row stays in view
    box = expected_box(app)
    assert len(box.shown_lines()) >= lines
    assert not cut_line_drawn(box)  # no line cut in half at the box's foot


def test_the_row_under_the_pointer_is_the_same_action_after_queue(saves: Path, close_pygame: None) -> None:
    app = open_game(saves, (1280, 720), "middle_corridor", ("RU",))
    driver = Driver(app)
    rows = visible_rows(app)
    pointer = rows[1][0].center
    driver.click_at(pointer)
    before = {text.split(" · ")[0]: rect.topleft for rect, text in visible_rows(app)}
    under = next(text for rect, text in visible_rows(app) if rect.collidepoint(pointer))
    driver.click("queue")
    assert game_of(app).session.queued["RU"]
    after = {text.split(" · ")[0]: rect.topleft for rect, text in visible_rows(app)}
    assert (
        next(text for rect, text in visible_rows(app) if rect.collidepoint(pointer)).split(" · ")[0]
        == under.split(" · ")[0]
    )
    both = set(after) & set(before)  # the queue took a row: the list scrolled on by one, the rest stayed put
    assert len(both) >= len(before) - 1 and {k: after[k] for k in both} == {k: before[k] for k in both}


def test_the_summary_total_s_name_ends_before_its_bars(close_pygame: None) -> None:
    pygame.init()
    fonts = Fonts()
    labels = ["your orders", "others' orders", "events", "drift", "chance (random fluctuation)"]
    room = label_room(fonts.width, labels)
    assert fonts.width(TOTAL_LABEL, SIZE_BODY, bold=True) + S2 <= room
    assert all(fonts.width(label, SIZE_BODY) + S2 <= room for label in labels)


def test_zero_reads_as_zero_in_grey_and_lines_start_with_a_capital() -> None:
    good, bad, grey = (0, 200, 0), (200, 0, 0), (128, 128, 128)
    assert part_colour(0.004, good, bad, grey) == grey  # shown "0.00"
    assert part_colour(-0.004, good, bad, grey) == grey
    assert part_colour(0.006, good, bad, grey) == good
    outcome = OrderOutcome(kind="project", text="project by Kazakhstan: Pipeline project", score=0.001, effects=())
    markup = _order_markup(outcome, grey, good, bad)
    assert markup.startswith("<b>Project by Kazakhstan")
    assert "#00c800" not in markup.lower()  # 0.00 is not green


def test_the_actions_list_never_writes_minus_zero(saves: Path, close_pygame: None) -> None:
    app = open_game(saves, (1280, 720), "tutorial", ("KZ",))
    texts = [text for _, text in visible_rows(app)] + list(panel_of(app, ActionsPanel).action_text)
    assert not [text for text in texts if "−0.00" in text or "-0.00" in text]


def test_one_palette_for_the_game_s_and_the_report_s_charts_every_pair_apart() -> None:
    assert figures.ROLE_COLOURS is ROLE_COLOURS
    codes = list(ROLE_RGB)
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            for deuteranopia in (False, True):
                assert delta_e(ROLE_RGB[a], ROLE_RGB[b], deuteranopia) >= 24.6, (a, b, deuteranopia)


def test_chart_lines_are_anti_aliased(close_pygame: None) -> None:
    pygame.init()
    surface = pygame.Surface((40, 40))
    smooth_line(surface, (255, 255, 255), [(2.0, 2.0), (37.0, 20.0)])
    shades = set(np.unique(pygame.surfarray.pixels_red(surface)).tolist())
    assert len(shades - {0, 255}) > 0  # in-between shades along the slope: smoothed, not stair-stepped


def test_the_triangle_says_the_turn_as_the_top_bar_does(saves: Path, close_pygame: None) -> None:
    app = open_game(saves, (1280, 720))
    driver = Driver(app)
    driver.click("end_turn")
    driver.close_popups()
    game = game_of(app)
    app.open(TriangleModal(app, game.session))
    shown = [text for text in app.texts() if text.startswith("Showing ")]
    quarter = game.session.quarter()
    assert shown == [f"Showing {quarter} · turn 2 of 4  (Left / Right)"]


@pytest.mark.parametrize("size", [(1088, 612), (1024, 640)])
def test_why_it_moved_shows_several_whole_lines_in_a_short_window(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    app = open_game(saves, size)
    box = why_list_after_a_turn(app, Driver(app))
    assert not cut_line_drawn(box)  # no line cut in half
    assert len(box.shown_lines()) >= min(3, len(box.line_edges()))  # the title and causes (one clipped line before)


def why_list_after_a_turn(app, driver: Driver):  # type: ignore[no-untyped-def]
    """End the turn, inspect Kazakhstan and return its "why it moved" list (a text box)."""
    driver.click("end_turn")
    driver.close_popups()
    game = game_of(app)
    game.view.selected = "KZ"
    game.view.inspect()
    app.step()
    return panel_of(app, CountryPanel).main.widgets.named["why"]
