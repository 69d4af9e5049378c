"""Showing frames by their changes: the window always shows the whole latest frame (no stale
tile, no seam where enlarged pieces meet), a frame that changed nothing sends nothing, and a
click at the scaled position lands on the control drawn there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.ui.present import TILE, Presenter


@pytest.fixture
def video() -> Iterator[None]:
    pygame.display.init()
    pygame.display.set_mode((8, 8))
    yield
    pygame.display.quit()


def _whole_frame(canvas: pygame.Surface, window_size: tuple[int, int], scale: int) -> np.ndarray:
    """The window a fresh presenter shows for this canvas (everything enlarged at once)."""
    fresh = Presenter(pygame.Surface(window_size, 0, 32), scale)
    fresh.canvas.blit(canvas, (0, 0))
    fresh.present()
    return pygame.surfarray.array3d(fresh.window)


@pytest.mark.parametrize(
    ("window_size", "scale"),
    [((1280, 720), 100), ((1920, 1080), 125), ((1920, 1080), 150), ((1633, 919), 150), ((1750, 1051), 175)],
)
def test_the_window_always_shows_the_whole_latest_frame(video: None, window_size: tuple[int, int], scale: int) -> None:
    rng = np.random.default_rng(scale)
    presenter = Presenter(pygame.Surface(window_size, 0, 32), scale)
    canvas = presenter.canvas
    width, height = canvas.get_size()
    canvas.fill((30, 40, 50))
    for frame in range(6):
        # A few shapes and a single pixel somewhere, the right and bottom edges included.
        for _ in range(3):
            x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
            colour = tuple(int(c) for c in rng.integers(0, 256, 3))
            pygame.draw.rect(canvas, colour, (x, y, int(rng.integers(1, 90)), int(rng.integers(1, 60))))
        canvas.set_at((width - 1, height - 1 - frame), (255, 255, 255))
        presenter.present()
        shown = pygame.surfarray.array3d(presenter.window)
        assert np.array_equal(shown, _whole_frame(canvas, window_size, scale)), f"frame {frame}"


def test_an_unchanged_frame_sends_nothing_and_one_pixel_sends_one_tile(video: None) -> None:
    presenter = Presenter(pygame.Surface((1920, 1080), 0, 32), 150)
    presenter.canvas.fill((10, 20, 30))
    presenter.present()
    assert presenter.updated == 1920 * 1080
    presenter.present()
    assert presenter.updated == 0
    presenter.canvas.set_at((100, 100), (200, 0, 0))
    presenter.present()
    # its tile, and the window pixels just left of and above it that blend its first column and row in
    assert presenter.updated == ((TILE + 2) * 3 // 2) ** 2
    presenter.invalidate()  # the window was covered
    presenter.present()
    assert presenter.updated == 1920 * 1080


def test_at_150_percent_a_click_lands_on_the_button_drawn_there(saves: Path) -> None:
    from game.ui.app import App
    from game.ui.screens.start import StartChoice

    app = App(size=(1920, 1080), saves_dir=saves, scale=150, choice=StartChoice("sandbox", ("KZ",), seed=1, turns=4))
    try:
        app.step([])
        assert app.ui_scale == 150
        end_turn = app.locate("end_turn")
        assert end_turn is not None
        probe = (end_turn.x + 6, end_turn.centery // 2 * 2)  # inside the button, clear of its text
        at = (probe[0] * 3 // 2, probe[1] * 3 // 2)  # window pixels (even canvas pixels enlarge exactly)
        window = pygame.display.get_surface()
        assert window is not None and window.get_at(at)[:3] == app.window.get_at(probe)[:3]  # the button is shown there
        turn = app.screen.session.turn  # type: ignore[attr-defined]
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
            app.step([pygame.event.Event(kind, pos=at, **extra)])
        assert app.screen.session.turn == turn + 1  # type: ignore[attr-defined]
    finally:
        pygame.display.quit()


def test_a_window_shown_again_gets_the_whole_frame(saves: Path) -> None:
    from game.ui.app import App

    app = App(size=(1920, 1080), saves_dir=saves, scale=150)
    try:
        app.step([])
        app.step([])
        presenter = app.display.presenter
        assert presenter is not None and presenter.updated < 1920 * 1080  # the start screen stands still
        app.step([pygame.event.Event(pygame.WINDOWEXPOSED)])
        assert presenter.updated == 1920 * 1080
    finally:
        pygame.display.quit()
