"""The window, the main loop and the screen/modal stack of the map game.

One class per screen (``StartScreen``, ``GameScreen``, ``EndScreen``) and per
modal (help, confirm, events, news, charts, triangle, load, menu), each with
``handle_event`` / ``update`` / ``draw``. Screens only read the engine's state
through :class:`game.ui.session.Session` and turn input into orders.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.theme import theme
from game.ui.widgets import Painter

if TYPE_CHECKING:
    from game.ui.mapdata import MapData

MIN_SIZE = (960, 600)
DEFAULT_SIZE = (1280, 720)
FPS = 60


class Screen:
    """A full-window screen."""

    def __init__(self, app: App) -> None:
        self.app = app

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event (clicks on drawn buttons are dispatched by the app)."""

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def draw(self, painter: Painter) -> None:
        """Draw the whole window."""

    def needs_quit_confirmation(self) -> bool:
        """True when quitting now would lose something."""
        return False


class Modal(Screen):
    """A dialog over the current screen; it gets input first."""

    closed = False

    def close(self) -> None:
        """Remove the modal."""
        self.closed = True


class App:
    """The window and its loop; drives screens and modals."""

    def __init__(
        self,
        size: tuple[int, int] = DEFAULT_SIZE,
        scenario: str | None = None,
        roles: list[str] | None = None,
        seed: int = 1,
        turns: int | None = None,
        saves_dir: Path | None = None,
        difficulty: str = "normal",
    ) -> None:
        os.environ.setdefault("SDL_VIDEO_WINDOW_POS", "centered")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Multivector — Central Asia between Russia, China and the West")
        self.window = pygame.display.set_mode(_clamp(size), pygame.RESIZABLE)
        pygame.key.set_repeat(350, 40)
        self.theme = theme()
        self.painter = Painter(self.theme)
        self.mouse: tuple[int, int] = (-1, -1)
        self.running = True
        self.modals: list[Modal] = []
        self.clock = pygame.time.Clock()
        self.frames = 0
        self.toast = ""
        self.toast_until = 0.0
        from game.ui.session import default_saves_dir

        self.saves_dir = saves_dir or default_saves_dir()
        self._map: MapData | None = None
        from game.ui.screens.start import StartScreen

        start = StartScreen(self, scenario=scenario, roles=roles or [], seed=seed, turns=turns, difficulty=difficulty)
        self.screen: Screen = start
        if scenario and roles:
            start.start_game()  # straight to the map, as `multivector play sandbox --role KZ` asks

    # ------------------------------------------------------------------ shared resources

    @property
    def map_data(self) -> MapData:
        """The map asset, loaded once."""
        if self._map is None:
            from game.ui.mapdata import load_map

            self._map = load_map()
        return self._map

    def notify(self, text: str, seconds: float = 3.0) -> None:
        """A short message at the bottom of the window."""
        self.toast = text
        self.toast_until = time.monotonic() + seconds

    # ------------------------------------------------------------------ screens and modals

    def goto(self, screen: Screen) -> None:
        """Switch to another screen (closing any modal)."""
        self.screen = screen
        self.modals = []
        self.painter.hits = []

    def open(self, modal: Modal) -> None:
        """Open a modal on top."""
        self.modals.append(modal)
        self.painter.hits = []

    def top(self) -> Screen:
        """Whatever receives input first."""
        return self.modals[-1] if self.modals else self.screen

    def request_quit(self) -> None:
        """Quit, after a confirmation when the game has unsaved progress."""
        from game.ui.screens.modals import ConfirmModal

        if any(isinstance(m, ConfirmModal) and m.tag == "quit" for m in self.modals):
            return
        if self.screen.needs_quit_confirmation():
            session = getattr(self.screen, "session", None)

            def save_and_quit() -> None:
                if session is not None:
                    session.save()
                self.running = False

            self.open(
                ConfirmModal(
                    self,
                    "Quit without saving?",
                    "This game has changes since you last saved. The autosave keeps the last "
                    "completed turn, but queued orders will be lost.",
                    [("Save and quit", save_and_quit, True), ("Quit", self.stop, False), ("Cancel", None, False)],
                    tag="quit",
                )
            )
        else:
            self.running = False

    def stop(self) -> None:
        """Leave the main loop."""
        self.running = False

    # ------------------------------------------------------------------ loop

    def handle(self, event: pygame.event.Event) -> None:
        """Dispatch one event."""
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.window = pygame.display.set_mode(_clamp((event.w, event.h)), pygame.RESIZABLE)
            self.painter.hits = []
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.mouse = event.pos
            self.painter.mouse = event.pos
        if event.type == pygame.KEYDOWN and (
            event.key == pygame.K_F1 or (event.key == pygame.K_SLASH and event.mod & pygame.KMOD_SHIFT)
            or getattr(event, "unicode", "") == "?"
        ):
            from game.ui.screens.modals import HelpModal

            if self.modals and isinstance(self.modals[-1], HelpModal):
                self.modals[-1].close()
            else:
                self.open(HelpModal(self))
            self._prune()
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hits_before = self.painter.hits
            if self.painter.click(event.pos):
                # One widget click per drawn frame: later clicks wait for the next layout.
                self.painter.hits = []
                self._prune()
                return
            self.painter.hits = hits_before
        self.top().handle_event(event)
        self._prune()

    def _prune(self) -> None:
        self.modals = [m for m in self.modals if not m.closed]

    def step(self, events: list[pygame.event.Event] | None = None, dt: float = 1 / FPS) -> bool:
        """Process events, update and draw one frame; False once the app should close."""
        for event in pygame.event.get() if events is None else events:
            self.handle(event)
            if not self.running:
                return False
        self.screen.update(dt)
        for modal in self.modals:
            modal.update(dt)
        self.draw()
        return self.running

    def draw(self) -> None:
        """Draw the screen, then the modals, then any toast; flip."""
        self.window = pygame.display.get_surface()
        painter = self.painter
        painter.begin(self.window, self.mouse)
        self.screen.draw(painter)
        for modal in self.modals:
            painter.block_below()
            painter.shade(140 if modal is self.modals[0] else 60)
            modal.draw(painter)
        if self.toast and time.monotonic() < self.toast_until:
            self._draw_toast(painter)
        pygame.display.flip()
        self.frames += 1

    def _draw_toast(self, painter: Painter) -> None:
        from game.ui.theme import S2, S4, SIZE_BODY

        fonts = self.theme.fonts
        w = fonts.width(self.toast, SIZE_BODY) + 2 * S4
        rect = pygame.Rect(0, 0, w, 36)
        rect.midtop = (self.window.get_width() // 2, 60)
        painter.panel(rect, self.theme.palette.panel_alt)
        painter.text(self.toast, (rect.centerx, rect.centery - 1), SIZE_BODY, anchor="center")
        _ = S2

    def run(self) -> int:
        """The main loop at up to 60 frames a second."""
        import gc

        gc.collect()
        gc.freeze()  # map, scenario and fonts live for the whole game: keep them out of GC pauses
        while self.step():
            self.clock.tick(FPS)
        pygame.quit()
        return 0


def _clamp(size: tuple[int, int]) -> tuple[int, int]:
    return (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))


def run_app(scenario: str | None, roles: list[str], seed: int, turns: int | None = None) -> int:
    """Open the game window (``multivector play``); returns the exit code."""
    app = App(scenario=scenario, roles=list(roles), seed=seed, turns=turns)
    return app.run()
