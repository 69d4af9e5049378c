"""Newcomer report 14c, problem 12: the charts open on the player's role, draw the player's target, and every
role's colour reads on the dark panels."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pygame

from game.engine.codes import ROLES
from game.ui.app import App
from game.ui.charts import ROLE_RGB
from game.ui.colourblind import delta_e
from game.ui.screens.history import ChartsModal
from game.ui.screens.start import StartChoice
from game.ui.theme import Colour
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of

__all__ = ["close_pygame"]


def contrast(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(colour: Colour) -> float:
        channels = [v / 255 for v in colour]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def open_charts_as_russia(saves: Path) -> tuple[App, Driver]:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("middle_corridor", ("RU",), seed=1))
    driver = Driver(app)
    driver.close_popups()
    driver.key(pygame.K_e)
    driver.close_popups()
    game_of(app).view.select_country("KZ")  # a state inspected: the charts still open on the player's role
    game_of(app).open_charts()
    driver.hover((2, 2))
    return app, driver


def test_the_charts_open_on_the_player_s_role_and_the_scores_show_its_target(saves: Path, close_pygame: None) -> None:
    app, driver = open_charts_as_russia(saves)
    charts = app.top()
    assert isinstance(charts, ChartsModal)
    assert charts.subject == "RU"
    driver.click("chart_SCORES")
    assert charts.subject == "SCORES"
    assert any(text.startswith("RU target") for text in charts.chart_texts), charts.chart_texts


def test_every_role_s_chart_colour_reads_on_the_dark_panels(saves: Path, close_pygame: None) -> None:
    app, _ = open_charts_as_russia(saves)
    panel = app.theme.palette.panel_alt
    for code in ROLES:
        assert contrast(ROLE_RGB[code], panel) >= 2.5, code  # Tajikistan's indigo read at 1.3, Kyrgyzstan's at 1.8
    for a, b in combinations(ROLES, 2):
        for deuteranopia in (False, True):
            assert delta_e(ROLE_RGB[a], ROLE_RGB[b], deuteranopia) >= 24.6, (a, b)


def test_the_states_lines_in_one_chart_are_far_apart_to_normal_and_deuteranope_sight() -> None:
    """Issue 14: Kyrgyzstan and Turkmenistan were two similar pinks in the history chart (CIE76 ΔE 27.6)."""
    from game.engine.codes import COUNTRIES

    for i, a in enumerate(COUNTRIES):
        for b in COUNTRIES[i + 1 :]:
            assert delta_e(ROLE_RGB[a], ROLE_RGB[b]) >= 40, (a, b)
            assert delta_e(ROLE_RGB[a], ROLE_RGB[b], deuteranopia=True) >= 24.6, (a, b)
