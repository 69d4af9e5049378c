"""UI tests run headless: SDL's dummy video driver, saves in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture
def saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for this test's saves."""
    monkeypatch.setenv("MULTIVECTOR_DATA_DIR", str(tmp_path))
    return tmp_path / "saves"


@pytest.fixture
def make_app(saves: Path) -> Iterator[object]:
    """Build apps at 1280×720 and close pygame afterwards; keyword arguments are the start
    screen's choice (``scenario``, ``roles``, ``seed``, ``turns``, ``difficulty``)."""
    import pygame

    from game.ui.app import App
    from game.ui.screens.start import StartChoice

    def build(roles: list[str] | None = None, **choice: object) -> App:
        return App(size=(1280, 720), saves_dir=saves, choice=StartChoice(roles=tuple(roles or ()), **choice))  # type: ignore[arg-type]

    yield build
    pygame.display.quit()
