"""What a screen or dialog is, and the little it may ask of the window that shows it.

Screens and dialogs import this module, never :mod:`game.ui.app`: they reach the window
through :class:`Host` (theme, widgets manager, pointer, messages, dialogs) and change
screen by asking it (``show_start`` / ``show_game`` / ``show_end``), so no screen
imports another and nothing imports the App but the program's entry point.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pygame

from game.ui.gui import Manager, Widgets
from game.ui.mapdata import MapData
from game.ui.painter import Painter
from game.ui.theme import Theme

if TYPE_CHECKING:  # screens are built before the engine is imported (see App.run)
    from game.play.session import Session


class Host(Protocol):
    """The window as its screens see it (implemented by :class:`game.ui.app.App`)."""

    theme: Theme
    ui: Manager
    window: pygame.Surface
    mouse: tuple[int, int]
    modals: list[Modal]
    saves_dir: Path

    @property
    def map_data(self) -> MapData:
        """The map asset, loaded once."""
        ...

    def notify(self, text: str, seconds: float = 3.0) -> None:
        """A short message at the top of the window."""

    def open(self, modal: Modal) -> None:
        """Open a dialog on top."""

    def request_quit(self) -> None:
        """Quit, after a confirmation when something would be lost."""

    def ask_to_quit(self) -> None:
        """Ask before closing the program from a screen with nothing to lose."""

    def toggle_help(self) -> None:
        """Open the help dialog, or close it when it is on top."""

    @property
    def ui_scale(self) -> int:
        """The UI scale in use (percent)."""
        ...

    @property
    def fullscreen(self) -> bool:
        """Whether the window fills the screen."""
        ...

    def set_ui_scale(self, percent: int) -> None:
        """Use a UI scale from now on (remembered in the player's settings)."""

    def toggle_fullscreen(self) -> None:
        """Fill the screen, or go back to a window (remembered in the player's settings)."""

    def choose_language(self, code: str) -> None:
        """Speak another language: every screen and dialog is built again in it (remembered in the settings)."""

    def show_start(self) -> None:
        """Go to the start screen."""

    def show_game(self, session: Session, replay_from: int | None = None) -> None:
        """Go to the map screen of a game (replaying from a turn when given)."""

    def show_end(self, session: Session) -> None:
        """Go to the end screen of a finished game."""


class Screen:
    """A full-window screen: its widgets (pygame_gui) and its hand-drawn parts."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.ui = Widgets(app.ui)

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def teardown(self) -> None:
        """Kill the widgets."""
        self.ui.clear()

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event that no widget consumed."""

    def handle_ui(self, event: pygame.event.Event) -> None:
        """React to a pygame_gui event (list selections, drop-downs, text entry)."""

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds (and bring widgets up to date with the state)."""

    def draw(self, painter: Painter) -> None:
        """Draw the hand-drawn parts (widgets are drawn by pygame_gui on top)."""

    def draw_above(self, painter: Painter) -> None:
        """Draw over the widgets and dialogs (a tutorial's ring around a control)."""

    def locate(self, name: str) -> pygame.Rect | None:
        """Window rectangle of a named widget (tests click there)."""
        return self.ui.locate(name)

    def needs_quit_confirmation(self) -> bool:
        """True when quitting now would lose something."""
        return False

    def save_before_quit(self) -> None:
        """Keep what quitting would lose ("Save and quit")."""


class Modal(Screen):
    """A dialog window over the current screen; it gets input first."""

    closed = False
    close_keys: tuple[int, ...] = (pygame.K_ESCAPE,)

    def handle_event(self, event: pygame.event.Event) -> None:
        """A key of ``close_keys`` closes the dialog."""
        if event.type == pygame.KEYDOWN and event.key in self.close_keys:
            self.close()

    def rebuild(self) -> None:
        """Build the dialog again (what it shows has changed)."""
        self.teardown()
        self.build()

    def close(self) -> None:
        """Remove the modal."""
        if not self.closed:
            self.closed = True
            self.teardown()

    def frame(self, width: int, height: int, title: str, closable: bool = True) -> pygame.Rect:
        """Open the dialog window, centred; returns the content area (window coordinates)."""
        screen = self.app.window.get_rect()
        rect = pygame.Rect(0, 0, min(width, screen.width - 32), min(height, screen.height - 32))
        rect.center = screen.center
        self.window = self.ui.window(rect, title, name="dialog", on_close=self.close if closable else None)
        inner = self.window.get_container().get_rect()
        return pygame.Rect(20, 12, inner.width - 40, inner.height - 12 - 20)
