"""The player's display settings: kept between runs, a bad file said in one sentence, and the UI scale
enlarging everything the window shows."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.io.settings import Settings, load_settings, save_settings, settings_path
from game.ui.display import fit_scale


def test_settings_round_trip_through_the_data_folder(saves: Path) -> None:
    save_settings(Settings(ui_scale=175, fullscreen=True))
    assert settings_path() == saves.parent / "settings.json"
    loaded = load_settings()
    assert loaded.settings == Settings(ui_scale=175, fullscreen=True) and loaded.problem == ""
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {"ui_scale": 175, "fullscreen": True}
    assert not list(saves.parent.glob(".settings.json.*"))  # written through a temporary file, renamed


def test_a_missing_file_is_the_defaults_without_a_word(saves: Path) -> None:
    assert load_settings() == load_settings(saves.parent / "settings.json")
    assert load_settings().settings == Settings() and load_settings().problem == ""


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"ui_scale": 130}', "ui_scale is not valid (ui_scale is one of 100, 125, 150, 175, 200, or null)"),
        ('{"ui_scale": 150,', "is not JSON (line 1)"),
        ('{"zoom": 2}', "zoom is not valid"),
    ],
)
def test_a_bad_file_is_one_sentence_and_the_defaults(saves: Path, text: str, said: str) -> None:
    path = saves.parent / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert said in loaded.problem and str(path) in loaded.problem and loaded.problem.endswith("using defaults.")
    assert "\n" not in loaded.problem and "Traceback" not in loaded.problem


def test_the_window_says_a_bad_settings_file_and_opens(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    path = saves.parent / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[1, 2]", encoding="utf-8")
    app = make_app()
    app.step([])
    assert "using defaults." in app.toast and app.ui_scale == 100


def test_a_scale_too_large_for_the_window_falls_back_and_says_so(saves: Path) -> None:
    from game.ui.app import App

    app = App(size=(1920, 1080), saves_dir=saves, scale=200)
    try:
        assert app.ui_scale == fit_scale((1920, 1080), 200) == 175
        assert app.window.get_size() == (1097, 617)  # the canvas the screens lay out on
        app.step([])
        assert app.toast == "UI scale 200% does not fit a 1920×1080 window: using 175%"
    finally:
        pygame.display.quit()


def test_scale_and_fullscreen_chosen_in_the_menu_are_remembered(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.driver import Driver

    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    driver.close_popups()
    driver.key(pygame.K_ESCAPE)
    # 1280×720 at 125 % would leave a 1024×576 canvas, too small for the screens: that button is off
    assert driver.has("scale_100") and not driver.has("scale_125")
    assert not driver.app.top().ui.named["scale_125"].is_enabled
    driver.key(pygame.K_F11)
    assert driver.app.fullscreen and load_settings().settings.fullscreen
    assert driver.has("fullscreen")  # the menu stays open, laid out again
    driver.close_popups()
    end = driver.app.locate("end_turn")
    assert end is not None and driver.app.window.get_rect().contains(end)


def _ink_height(surface: pygame.Surface, area: pygame.Rect) -> int:
    """Rows of ``area`` holding text: pixels nearer the text's colour (sum 694) than the toast's (sum 125)."""
    rows = [
        y
        for y in range(area.top, area.bottom)
        if any(sum(surface.get_at((x, y))[:3]) > 410 for x in range(area.left, area.right))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


def _toast_ink(size: tuple[int, int], scale: int, saves: Path) -> int:
    from game.ui.app import App
    from game.ui.layout import TOAST_HEIGHT

    app = App(size=size, saves_dir=saves, scale=scale)
    try:
        app.notify("HHHH Multivector", 30.0)
        app.step([])
        window = pygame.display.get_surface()
        factor = scale / 100
        toast = app.toast_at  # where it went, clear of the title and the buttons
        assert toast is not None and toast.height == TOAST_HEIGHT
        band = pygame.Rect(round(toast.x * factor), round(toast.y * factor), round(toast.width * factor),
                           round(toast.height * factor))
        return _ink_height(window, band)
    finally:
        pygame.display.quit()


def test_at_150_percent_text_is_one_and_a_half_times_taller(saves: Path) -> None:
    normal = _toast_ink((1280, 720), 100, saves)
    large = _toast_ink((1920, 1080), 150, saves)
    assert normal >= 10
    assert abs(large / normal - 1.5) <= 0.12, (normal, large)


@pytest.mark.parametrize("chosen", [None, 100], ids=["automatic", "player's 100%"])
def test_a_maximised_window_gets_the_automatic_scale_for_its_maximised_size(
    saves: Path, monkeypatch: pytest.MonkeyPatch, chosen: int | None
) -> None:
    """The program opens its window at a guess of the desktop's work area (1904×1000 on a 1920×1080 desktop, 125 %)
    and asks to maximise it; a window manager that gives it the whole 1920×1080 answers with a resize, and the
    automatic scale is the one for that size (150 %). A scale the player chose stays; a later resize (a drag) keeps
    the automatic scale chosen."""
    from game.ui import display
    from game.ui.app import App

    def window_manager_maximises() -> bool:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
        return True

    monkeypatch.setattr(display, "maximise", window_manager_maximises)
    if chosen is not None:
        save_settings(Settings(ui_scale=chosen))
    app = App(saves_dir=saves)
    try:
        assert app.display.window.get_size() == (1904, 1000) and app.ui_scale == (chosen or 125)
        app.step()
        assert app.display.window.get_size() == (1920, 1080)
        assert app.ui_scale == (chosen or 150)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=1000, size=(1600, 1000)))
        app.step()
        assert app.display.window.get_size() == (1600, 1000) and app.ui_scale == (chosen or 150)
    finally:
        pygame.display.quit()
