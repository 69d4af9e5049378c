"""Newcomer report 14c, problem 13: the turn summary lists no cause that reads 0.0, and a tiny change draws a
tiny bar."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.play.summary import MapMove, ScorePart, TurnSummary
from game.ui.app import App
from game.ui.screens.start import StartChoice
from game.ui.screens.summary import _move_markup, draw_parts
from tests.ui.test_layout_and_wording import close_pygame

__all__ = ["close_pygame"]


def test_a_cause_that_reads_zero_is_not_listed() -> None:
    move = MapMove("KZ", "RU", 52.0, 52.4, (("trade with Russia", 0.38), ("Quietly evade sanctions (Russia)", 0.004)))
    markup = _move_markup(move, (128, 128, 128))
    assert "trade with Russia" in markup and "evade" not in markup
    quiet = MapMove("KZ", "RU", 52.0, 52.1, (("an old loan", 0.03), ("a summit", -0.02)))
    assert "loan" not in _move_markup(quiet, (128, 128, 128))


def test_a_change_of_a_hundredth_draws_a_short_bar(saves: Path, close_pygame: None) -> None:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("tutorial", ("KZ",), seed=1, turns=4))
    app.step([])
    painter = app.painter
    pal = painter.theme.palette
    summary = TurnSummary("KZ", 1, "2023Q1", 51.10, 51.09, (ScorePart("drift", "Drift", -0.01),), (), ())
    rect = pygame.Rect(100, 100, 500, 60)
    painter.surface.fill(pal.background, rect)
    draw_parts(painter, rect, summary)
    assert painter.surface.get_rect().contains(rect), painter.surface.get_size()
    row = pygame.Rect(rect.x, rect.y + 10, rect.width, 1)
    red = sum(1 for x in range(row.left, row.right) if painter.surface.get_at((x, row.y))[:3] == pal.danger)
    assert 0 < red < 20  # a sliver, not half the table (it was about 200 px)
