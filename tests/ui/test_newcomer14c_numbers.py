"""Newcomer report 14c, problem 9: one change, one way of writing it (the map's label, the state's panel and
its "why" list), and every map label reads a whole score."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, POWERS
from game.play.summary import headline_change
from game.ui.app import App
from game.ui.mapview import label_change
from game.ui.panels.country import CountryPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of, panel_of

__all__ = ["close_pygame"]


def test_the_label_the_panel_and_the_why_list_write_the_same_change(saves: Path, close_pygame: None) -> None:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    for _ in range(2):
        driver.key(pygame.K_e)
        driver.close_popups()
    game = game_of(app)
    session, turn = game.session, game.view.shown_turn
    assert turn >= 1
    head, moved = session.headline(turn), headline_change(session, turn)
    for c, code in enumerate(COUNTRIES):
        leader = int(np.argmax(head[c]))
        panel_text = f"{round(float(head[c, leader]), 1) - round(float(head[c, leader] - moved[c, leader]), 1):+.1f}"
        label = label_change(session, turn, c).strip().replace("−", "-")
        assert label in ("", panel_text), (code, label, panel_text)  # "" only where the panel reads 0.0 too
        assert label or abs(float(panel_text)) < 0.05
        game.view.select_country(code)
        game.view.why_power = POWERS[leader]
        driver.hover((2, 2))
        why = panel_of(app, CountryPanel)
        texts = " ".join(driver.texts())
        title = re.search(r"dependence · [^:]+: ([^ ]+) \(scale 0–100\)", texts)
        assert why is not None and title is not None, texts[:300]
        assert title.group(1).replace("−", "-") in (panel_text, "0.0", "+0.0"), (code, title.group(1), panel_text)


def test_every_map_label_reads_a_whole_score(saves: Path, close_pygame: None) -> None:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    game = game_of(app)
    panel = game.map
    head = game.session.headline(0)
    for c, code in enumerate(COUNTRIES):
        line = panel._label_line(code, head[c], 0)
        assert re.match(r"\S+ \d+ · ", line), line
