"""The window, the main loop and the screen/modal stack of the map game.

One class per screen (``StartScreen``, ``GameScreen``, ``EndScreen``) and per
modal (help, confirm, events, news, charts, triangle, load, menu), each with
``build`` (its pygame_gui widgets), ``handle_event`` / ``update`` / ``draw``.
Screens see the window through :class:`game.ui.screen.Host` and ask it to change
screen; only this module knows every screen. Screens read the engine's state through
:class:`game.play.session.Session` and turn input into orders. Widgets are
pygame_gui's; the map, bars, charts and the triangle are drawn by hand with
:class:`game.ui.painter.Painter`.
"""

from __future__ import annotations

import gc
import importlib
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIPanel, UITextEntryLine

from game.i18n import _, format_share, resolve_language, set_language
from game.io.settings import Settings, load_settings
from game.play.previews import default_saves_dir
from game.ui.display import (
    Display,
    default_window_size,
    desktop_size,
    prefer_plain_framebuffer,
    take_keyboard_focus,
    window_manager_running,
)
from game.ui.gui import Manager, element_texts
from game.ui.layout import toast_rect
from game.ui.mapdata import MapData, load_map
from game.ui.painter import Painter
from game.ui.screen import Modal, Screen
from game.ui.screens.modals import ConfirmModal, HelpModal, plain_quit_modal, unsaved_quit_modal
from game.ui.screens.start import StartChoice, StartScreen
from game.ui.theme import S4, SIZE_BODY, region_between_powers, theme

if TYPE_CHECKING:  # the start screen shows before the engine (numba: most of a second) is imported
    from game.play.session import Session

# After a screen or dialog changes, clicks and keys are ignored this long (seconds), so the second
# click of an impatient double click cannot land on what just appeared ("See the results" then
# "Quit" at the same place). On in the real loop (``run``); tests that post events set it.
INPUT_GUARD = 0.25
GUARDED_INPUT = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN)
FPS = 60
UI_EVENTS = {
    pygame_gui.UI_BUTTON_PRESSED,
    pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
    pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION,
    pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
    pygame_gui.UI_TEXT_ENTRY_CHANGED,
    pygame_gui.UI_TEXT_ENTRY_FINISHED,
    pygame_gui.UI_WINDOW_CLOSE,
    pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION,
    pygame_gui.UI_TEXT_BOX_LINK_CLICKED,  # the advice's answers (game.ui.panels.advice)
}


class App:
    """The window and its loop; drives screens and modals."""

    def __init__(
        self,
        size: tuple[int, int] | None = None,
        saves_dir: Path | None = None,
        choice: StartChoice | None = None,
        scale: int | None = None,
        language: str | None = None,
    ) -> None:
        """Open the window on the start screen with ``choice`` made (straight to the map when it
        names a scenario and roles, as ``multivector play sandbox --role KZ`` asks).

        ``size`` defaults to a share of the desktop; ``scale`` (percent) to the player's
        setting, else the largest that keeps the reference layout (see :mod:`game.ui.display`);
        ``language`` (``--lang``) to the one chosen on the start screen before (see :func:`ui_language`)."""
        os.environ.setdefault("SDL_VIDEO_WINDOW_POS", "centered")
        # SDL turns SIGTERM/SIGINT into a close request, which with unsaved changes only asks "Quit without
        # saving?", so `kill` left stale windows that caught keys; signals end it (the autosave keeps the turn).
        os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
        prefer_plain_framebuffer()
        pygame.display.init()
        pygame.font.init()
        loaded = load_settings()
        set_language(ui_language(language, loaded.settings))
        if loaded.problem:  # said in the language just switched on
            loaded = load_settings()
        pygame.display.set_caption(window_title())
        framed = window_manager_running() is not False  # no window manager: no frame nor panel to leave room for
        opened = size or default_window_size(desktop_size(), framed)
        self.display = Display.open(opened, loaded.settings, scale, size is None)
        self.window = self.display.canvas
        take_keyboard_focus()
        pygame.key.set_repeat(350, 40)
        self.theme = theme()
        self.ui = Manager(self.window.get_size())
        self.painter = Painter(self.theme)
        self.mouse: tuple[int, int] = (-1, -1)
        self.running = True
        self.modals: list[Modal] = []
        self.veil: UIPanel | None = None
        self.clock = pygame.time.Clock()
        self.frames = 0
        self.toast = ""
        self.toast_until = 0.0
        self.toast_at: pygame.Rect | None = None  # where the last toast was drawn
        self.saves_dir = saves_dir or default_saves_dir()
        self.input_guard = 0.0  # seconds of ignored input after a change (INPUT_GUARD once ``run`` starts)
        self.now, self.screens_shown = time.monotonic, 0  # the guard's clock; screens shown so far
        self.changed_at = float("-inf")
        self._map: MapData | None = None
        start = StartScreen(self, choice or StartChoice())
        self.screen: Screen = start
        start.build()
        if choice is not None and choice.goes_straight_to_map:
            start.start_game()
        if loaded.problem:
            self.notify(loaded.problem, 8.0)
        elif self.display.note():
            self.notify(self.display.note(), 6.0)

    # ------------------------------------------------------------------ shared resources

    @property
    def map_data(self) -> MapData:
        """The map asset, loaded once."""
        if self._map is None:
            self._map = load_map()
        return self._map

    def notify(self, text: str, seconds: float = 3.0) -> None:
        """A short message at the top of the window."""
        self.toast = text
        self.toast_until = time.monotonic() + seconds

    # ------------------------------------------------------------------ screens and modals

    def goto(self, screen: Screen) -> None:
        """Switch to another screen (closing any modal)."""
        for modal in self.modals:
            modal.close()
        self.modals = []
        self._set_veil()
        self.screen.teardown()
        self.screen = screen
        # The pointer is unknown on the new screen until it moves: a position left from the old one (the click
        # on Start) would open a stale tool tip (the state under it) over the new screen's first frame.
        self.mouse = self.painter.mouse = self.ui.pointer = (-1, -1)
        screen.build()
        self.changed_at = self.now()
        self.screens_shown += 1

    def show_start(self) -> None:
        """Go to the start screen (a new game)."""
        self.goto(StartScreen(self))

    def show_game(self, session: Session, replay_from: int | None = None) -> None:
        """Go to the map screen of ``session`` (replaying from a turn when given)."""
        from game.ui.screens.game import GameScreen  # imports the engine: not before a game (see run)

        self.goto(GameScreen(self, session, replay_from))

    def show_end(self, session: Session) -> None:
        """Go to the end screen of a finished game."""
        from game.ui.screens.end import EndScreen  # imports the engine: not before a game (see run)

        self.goto(EndScreen(self, session))

    def open(self, modal: Modal) -> None:
        """Open a modal on top (the rest of the window is dimmed and blocked)."""
        self.modals.append(modal)
        self._set_veil()
        modal.build()
        self.changed_at = self.now()

    def top(self) -> Screen:
        """Whatever receives input first."""
        return self.modals[-1] if self.modals else self.screen

    def locate(self, name: str) -> pygame.Rect | None:
        """Where the named widget of the top screen or dialog is."""
        return self.top().locate(name)

    def texts(self) -> list[str]:
        """Every text on screen this frame: widgets' and hand-drawn."""
        return element_texts(self.ui) + list(self.painter.texts)

    def _set_veil(self) -> None:
        """A translucent panel between the screen's widgets and the dialogs."""
        want = bool([m for m in self.modals if not m.closed])
        if want and self.veil is None:
            self.veil = UIPanel(self.window.get_rect(), 40, self.ui, object_id=ObjectID("#veil", None))
        elif not want and self.veil is not None:
            self.veil.kill()
            self.veil = None

    def request_quit(self) -> None:
        """Quit, after a confirmation when the game has unsaved progress."""
        if any(isinstance(m, ConfirmModal) and m.tag == "quit" for m in self.modals):
            return
        if self.screen.needs_quit_confirmation():
            screen = self.screen

            def save_and_quit() -> None:
                screen.save_before_quit()
                self.running = False

            self.open(unsaved_quit_modal(self, save_and_quit, self.stop))
        else:
            self.running = False

    def ask_to_quit(self) -> None:
        """Ask before closing the program from a screen with nothing to lose (Esc on the start screen)."""
        if any(isinstance(m, ConfirmModal) and m.tag == "quit" for m in self.modals):
            return
        self.open(plain_quit_modal(self, self.stop))

    def toggle_help(self) -> None:
        """Open the help dialog, or close it when it is on top (F1 or ?)."""
        if self.modals and isinstance(self.modals[-1], HelpModal):
            self.modals[-1].close()
        else:
            self.open(HelpModal(self))

    def stop(self) -> None:
        """Leave the main loop."""
        self.running = False

    # ------------------------------------------------------------------ scale and fullscreen

    @property
    def ui_scale(self) -> int:
        """The UI scale in use (percent)."""
        return self.display.scale

    @property
    def fullscreen(self) -> bool:
        """Whether the window fills the screen."""
        return self.display.fullscreen

    def set_ui_scale(self, percent: int) -> None:
        """Use a UI scale from now on and remember it in the player's settings."""
        problem = self.display.remember(ui_scale=percent)
        self.resize()
        done = _("UI scale {scale}").format(scale=format_share(self.display.scale / 100))
        self.notify(problem or self.display.note() or done)

    def toggle_fullscreen(self) -> None:
        """Fill the screen, or go back to a window (F11); remembered in the player's settings."""
        problem = self.display.remember(fullscreen=not self.display.fullscreen)
        self.resize()
        done = _("Fullscreen (F11 for a window)") if self.fullscreen else _("Window (F11 for fullscreen)")
        self.notify(problem or self.display.note() or done)

    def choose_language(self, code: str) -> None:
        """Speak language ``code`` from now on: every screen and dialog is built again in it, the window's
        title too, and the choice is remembered in the player's settings (the next launch opens in it)."""
        set_language(code)
        problem = self.display.remember(language=code)
        pygame.display.set_caption(window_title())
        self.resize()
        if problem:
            self.notify(problem, 6.0)

    # ------------------------------------------------------------------ loop

    def resize(self, size: tuple[int, int] | None = None) -> None:
        """Re-lay the window out at a new size (``None``: the same size, a new scale or fullscreen)."""
        self.display.reopen(size)
        self.window = self.display.canvas
        self.ui.set_window_resolution(self.window.get_size())
        if self.veil is not None:
            self.veil.kill()
            self.veil = None
        self.screen.teardown()
        self.screen.build()
        for modal in self.modals:
            modal.teardown()
        self._set_veil()
        for modal in self.modals:
            modal.build()

    def _typing(self) -> bool:
        focus = self.ui.get_focus_set()
        return bool(focus) and any(isinstance(e, UITextEntryLine) for e in focus)

    def handle(self, event: pygame.event.Event) -> None:
        """Dispatch one event: widgets first, then the screen or dialog on top."""
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE):
            self.display.invalidate()  # the screen lost what it showed: send the whole frame again
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            # pygame has already resized the window's surface by now: the size to compare is the one laid out for.
            size = (event.w, event.h) if event.type == pygame.VIDEORESIZE else (event.x, event.y)
            if size != self.display.windowed_size and not self.display.fullscreen:
                self.resize(size)
            return
        if event.type in UI_EVENTS or event.type == pygame.USEREVENT:
            self.ui.process_events(event)  # lists and drop-downs listen to their own buttons' events
            for owner in [self.screen, *self.modals]:
                if not getattr(owner, "closed", False):
                    owner.handle_ui(event)
            self._prune()
            return
        if event.type in GUARDED_INPUT and self.now() - self.changed_at < self.input_guard:
            return  # what was meant for the screen before
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            event = self.display.on_canvas(event)
            self.mouse = event.pos
            self.painter.mouse = event.pos
            self.ui.pointer = event.pos
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.KEYDOWN):  # a click or a key moves on: the help goes
            self.ui.hide_tooltips()  # a tooltip is help, never a wall: the click goes to what is under it
        if (
            event.type == pygame.KEYDOWN
            and not self._typing()
            and (
                event.key == pygame.K_F1
                or getattr(event, "unicode", "") == "?"
                or (event.key == pygame.K_SLASH and event.mod & pygame.KMOD_SHIFT)
            )
        ):
            self.toggle_help()
            self._prune()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.ui.process_events(event):
            self._prune()
            return
        if event.type == pygame.KEYDOWN and self._typing():
            self._prune()
            return
        self.top().handle_event(event)
        self._prune()

    def _prune(self) -> None:
        if any(m.closed for m in self.modals):
            self.modals = [m for m in self.modals if not m.closed]
            self._set_veil()
            self.changed_at = self.now()

    def step(self, events: list[pygame.event.Event] | None = None, dt: float = 1 / FPS) -> bool:
        """Process events, update and draw one frame; False once the app should close."""
        screens_before = self.screens_shown
        for event in pygame.event.get() if events is None else events:
            self.handle(event)
            if not self.running:
                return False
        for _attempt in range(4):  # events the widgets posted meanwhile (list selections, drop-downs)
            posted = pygame.event.get()
            if not posted:
                break
            for event in posted:
                # Input that arrived while a new screen was being built was aimed at the old one.
                if not (self.screens_shown != screens_before and event.type in GUARDED_INPUT):
                    self.handle(event)
                if not self.running:
                    return False
        self.screen.update(dt)
        for modal in self.modals:
            modal.update(dt)
        self.ui.update(dt)
        self.draw()
        if self.screens_shown != screens_before and events is None:  # the new screen's first frame is on show
            pygame.event.clear(GUARDED_INPUT)
            self.changed_at = self.now()
        return self.running

    def draw(self) -> None:
        """Draw the screen, then the widgets and dialogs, then any toast; show what changed."""
        painter = self.painter
        painter.begin(self.window, self.mouse)
        self.screen.draw(painter)
        for modal in self.modals:
            modal.draw(painter)
        self.ui.draw_ui(self.window)
        self.screen.draw_above(painter)
        if self.toast and time.monotonic() < self.toast_until:
            self._draw_toast(painter)
        self.display.present()  # sends only what changed to the screen
        self.frames += 1

    def _draw_toast(self, painter: Painter) -> None:
        fonts = self.theme.fonts
        w = fonts.width(self.toast, SIZE_BODY) + 2 * S4
        dialogs = [pygame.Rect(m.window.rect) for m in self.modals if getattr(m, "window", None) and not m.closed]
        keep_clear = [*self.ui.controls(), *self.ui.headings()]
        rect = toast_rect(self.window.get_rect(), w, dialogs, self.locate("coach_card"), keep_clear)
        self.toast_at = rect
        pygame.draw.rect(painter.surface, (0, 0, 0), rect.move(2, 3), border_radius=6)
        painter.panel(rect, self.theme.palette.panel_alt)
        painter.text(self.toast, (rect.centerx, rect.centery - 1), SIZE_BODY, anchor="center")

    def run(self) -> int:
        """The main loop at up to 60 frames a second."""
        # The map screen and the engine are imported while the start screen is read: "Start" does not wait.
        threading.Thread(target=importlib.import_module, args=("game.ui.screens.game",)).start()
        gc.collect()
        gc.freeze()  # map, scenario and fonts live for the whole game: keep them out of GC pauses
        self.input_guard = INPUT_GUARD
        self.changed_at = float("-inf")  # the first screen follows none: nothing to guard against yet
        dt = 1 / FPS
        try:
            while self.step(dt=dt):
                dt = self.clock.tick(FPS) / 1000
        except KeyboardInterrupt:  # Ctrl+C in the terminal
            pygame.quit()
            return 130
        pygame.quit()
        return 0


def ui_language(asked: str | None, settings: Settings) -> str:
    """The language the window opens in: ``asked`` (``--lang``) for this launch, else the one chosen on the
    start screen before (the settings), else ``MULTIVECTOR_LANG``, the system's language, English."""
    return resolve_language(asked or settings.language)


def window_title() -> str:
    """The window's title, in the current language."""
    return _("Multivector — {region}").format(region=region_between_powers())


def run_app(
    scenario: str | None, roles: list[str], seed: int, turns: int | None = None, language: str | None = None
) -> int:
    """Open the game window (``multivector play``; ``language``: its ``--lang``); returns the exit code."""
    app = App(choice=StartChoice(scenario, tuple(roles), seed, turns), language=language)
    return app.run()
