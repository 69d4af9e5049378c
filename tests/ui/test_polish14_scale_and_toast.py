"""Issue 14: a toast covered the scale and language buttons; the menu's scale heading was cut mid-word; 175 %
and 200 % were greyed with no word of why (a greyed button shows no tool tip)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.io.settings import Settings, save_settings
from game.ui.app import App
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver


@pytest.fixture
def close_pygame() -> object:
    yield None
    pygame.display.quit()


@pytest.mark.parametrize("size", [(1008, 600), (1280, 720)])
def test_the_scale_that_does_not_fit_is_said_in_a_toast_over_no_button(
    saves: Path, size: tuple[int, int], close_pygame: object
) -> None:
    save_settings(Settings(ui_scale=200))  # chosen on a larger screen, remembered
    driver = Driver(App(size=size, saves_dir=saves))
    app = driver.app
    assert "does not fit" in app.toast
    app.step([])
    assert app.toast_at is not None and app.window.get_rect().contains(app.toast_at)
    covered = [rect for rect in app.ui.controls() if rect.colliderect(app.toast_at)]
    assert not covered, covered  # the scale, fullscreen, language and Load buttons stay clickable
    title = app.locate("hero")
    assert title is not None and not title.colliderect(app.toast_at)  # nc3: it covered "MULTIVECTOR" at 1280×720


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_menu_says_whole_which_scale_is_used_and_why_the_larger_ones_are_off(
    saves: Path, language: str, close_pygame: object
) -> None:
    save_settings(Settings(ui_scale=150))
    app = App(size=(1904, 1000), saves_dir=saves, language=language,
              choice=StartChoice(scenario="sandbox", roles=("KZ",)))
    driver = Driver(app)
    driver.close_popups()
    driver.key(pygame.K_ESCAPE)
    menu = app.modals[-1]
    assert type(menu).__name__ == "MenuModal" and app.ui_scale == 150
    heading = menu.ui.named["scale_label"]
    assert heading.text == heading.full_text and not app.ui.elided  # whole, not cut with "…"
    note = menu.ui.named["scale_note"].html_text
    assert menu.ui.named["scale_note"].scroll_bar is None  # every line of it on show
    assert "1680×1050" in note and "1904×1000" in note  # what 175 % needs, and this window
    assert not menu.ui.named["scale_175"].is_enabled and not menu.ui.named["scale_200"].is_enabled
    # nc3: the note ran wider than the row of scale buttons, flush under them
    note_box, first, last = (pygame.Rect(menu.ui.named[name].get_abs_rect())
                             for name in ("scale_note", "scale_100", "scale_200"))
    assert first.left <= note_box.left and note_box.right <= last.right and note_box.top > first.bottom
    if language == "en":
        assert heading.text == "UI scale: 150% (your choice)"
        assert "175% and up need a window of at least 1680×1050; this one is 1904×1000." in note


def test_a_fullscreen_projector_at_1920x1080_offers_175_percent_not_200() -> None:
    from game.ui.screens.modals import scale_note

    assert scale_note((1920, 1080)) == "200% needs a window of at least 1920×1200; this one is 1920×1080."
    assert scale_note((1920, 1080), short=True) == "200% needs 1920×1200"
    assert scale_note((2560, 1440)) == ""
