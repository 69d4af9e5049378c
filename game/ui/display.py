"""The real window and the UI scale: screens lay out and draw on a *canvas* of logical
pixels; the window shows it enlarged by the scale (only what changed each frame, see
:mod:`game.ui.present`).

At 150 % a 1920×1080 window holds a 1280×720 canvas, so every screen keeps the layout it
was designed for and text, spacing and widgets all grow by the same factor (one transform,
so nothing can be scaled twice or forgotten). At 100 % the canvas *is* the window. A scale
that would leave a canvas smaller than the smallest layout (``MIN_CANVAS``) is lowered to
the largest one that fits, and the window says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass, field

import pygame

from game.i18n import _, format_share
from game.io.settings import UI_SCALES, Settings, save_settings
from game.ui.present import Presenter

MIN_CANVAS = (960, 600)  # the smallest layout every screen fits (logical pixels)
REFERENCE_CANVAS = (1280, 720)  # the layout the screens are drawn for: the default scale keeps at least this
# What a new window leaves of the desktop for its frame (title bar about 30 px, borders) and a desktop panel
# (about 40 px): pygame-ce 2.5 reports only the whole desktop, neither the work area the panels leave
# (SDL_GetDisplayUsableBounds) nor the frame's size before a window is open.
DECORATIONS = (16, 80)


def fits(size: tuple[int, int], percent: int, canvas: tuple[int, int] = MIN_CANVAS) -> bool:
    """Whether a window of ``size`` at ``percent`` leaves a canvas of at least ``canvas``.

    >>> fits((1920, 1080), 175), fits((1920, 1080), 200)
    (True, False)
    """
    return size[0] * 100 >= canvas[0] * percent and size[1] * 100 >= canvas[1] * percent


def fit_scale(size: tuple[int, int], wanted: int) -> int:
    """The largest scale not above ``wanted`` at which a window of ``size`` fits every screen.

    >>> fit_scale((1920, 1080), 200), fit_scale((1280, 720), 150), fit_scale((1920, 1080), 150)
    (175, 100, 150)
    """
    fitting = [p for p in UI_SCALES if p <= wanted and fits(size, p)]
    return max(fitting, default=UI_SCALES[0])


def auto_scale(size: tuple[int, int]) -> int:
    """The default scale of a window: the largest that still leaves the reference layout
    (1280×720), so text (13 px at the smallest) reaches at least 16 px on a 1080p screen.

    >>> auto_scale((1920, 1080)), auto_scale((1632, 918)), auto_scale((1280, 720)), auto_scale((2560, 1440))
    (150, 125, 100, 200)
    """
    fitting = [p for p in UI_SCALES if fits(size, p, REFERENCE_CANVAS)]
    return max(fitting, default=UI_SCALES[0])


def default_window_size(desktop: tuple[int, int], framed: bool = True) -> tuple[int, int]:
    """A new window: the largest that fits the desktop with the window's frame and a desktop panel
    (:data:`DECORATIONS`), or the whole desktop where no window manager draws frames or panels (``framed``
    false: a bare X server, a kiosk), never under the minimum (the layout fits any proportions from there).

    >>> default_window_size((1280, 720)), default_window_size((1024, 640)), default_window_size((1920, 1080))
    ((1264, 640), (1008, 600), (1904, 1000))
    >>> default_window_size((1024, 640), framed=False)
    (1024, 640)
    """
    decorations = DECORATIONS if framed else (0, 0)
    width, height = desktop[0] - decorations[0], desktop[1] - decorations[1]
    return (max(MIN_CANVAS[0], width), max(MIN_CANVAS[1], height))


@dataclass
class Display:
    """The window, the canvas the screens draw on, how one maps to the other, and the player's
    display settings (the scale asked for, fullscreen)."""

    window: pygame.Surface
    canvas: pygame.Surface
    settings: Settings = field(default_factory=Settings)
    asked: int | None = None  # a scale the program was started with wins over the settings
    automatic: int = 100  # the default scale, chosen for the first window
    scale: int = 100  # percent in use
    fullscreen: bool = False
    windowed_size: tuple[int, int] = REFERENCE_CANVAS
    presenter: Presenter | None = None
    maximising: bool = False  # asked the window manager to maximise the window; its resize has not come yet

    @classmethod
    def open(cls, size: tuple[int, int], settings: Settings, asked: int | None, remembered: bool) -> Display:
        """Open the window (``size`` when windowed; fullscreen when ``remembered`` and the settings say so)."""
        display = cls(pygame.display.get_surface() or pygame.Surface(size), pygame.Surface(size), settings, asked)
        display.windowed_size = _at_least_minimum(size)
        display.fullscreen = settings.fullscreen and remembered
        display.reopen()
        display.maximising = remembered and not display.fullscreen and maximise()
        # The default scale is chosen once, for the window as opened (maximised: again at the resize that
        # brings it to that size, see reopen), and kept through resizes (only lowered while a window is too
        # small for it): text that changes size on a drag is disorienting.
        display.automatic = auto_scale(display.window.get_size())
        display.set_scale(display.wanted())
        return display

    def wanted(self) -> int:
        """The scale asked for: the program's, the player's setting, else the default for the first window."""
        return self.asked or self.settings.ui_scale or self.automatic

    def remember(self, ui_scale: int | None = None, fullscreen: bool | None = None, language: str | None = None) -> str:
        """Change the settings (the scale and fullscreen applied at the next :meth:`reopen`) and save them;
        returns a problem, or ""."""
        changes: dict[str, object] = {}
        if language is not None:
            changes["language"] = language
        if ui_scale is not None:
            changes["ui_scale"] = ui_scale
            self.asked = None
        if fullscreen is not None:
            changes["fullscreen"] = self.fullscreen = fullscreen
        self.settings = self.settings.model_copy(update=changes)
        try:
            save_settings(self.settings)
        except OSError as error:
            return _("Settings not saved: {error}").format(error=error.strerror or error)
        return ""

    def reopen(self, size: tuple[int, int] | None = None) -> None:
        """Set the window's mode again (a new size, fullscreen on or off) and the canvas at the wanted scale.
        The first new size after asking to maximise is the maximised window's: the default scale is chosen for it
        (the one chosen when the window opened was for the window before it was maximised)."""
        if size is not None and not self.fullscreen:
            self.windowed_size = _at_least_minimum(size)
            if self.maximising:
                self.maximising = False
                self.automatic = auto_scale(self.windowed_size)
        if self.fullscreen:
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.set_scale(self.wanted())

    def set_scale(self, scale: int) -> None:
        """Use ``scale`` percent, or the largest that fits this window when it is too small."""
        size = self.window.get_size()
        self.scale = fit_scale(size, scale)
        self.presenter = Presenter(self.window, self.scale)
        self.canvas = self.presenter.canvas

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window position (the pointer's) in canvas pixels.

        >>> d = Display(pygame.Surface((1920, 1080)), pygame.Surface((1280, 720)), scale=150)
        >>> d.to_canvas((960, 540)), d.to_canvas((1919, 1079))
        ((640, 360), (1279, 719))
        """
        if self.canvas is self.window:
            return pos
        return (pos[0] * 100 // self.scale, pos[1] * 100 // self.scale)

    def on_canvas(self, event: pygame.event.Event) -> pygame.event.Event:
        """A pointer event with its position in canvas pixels."""
        pos = self.to_canvas(event.pos)
        return event if pos == event.pos else pygame.event.Event(event.type, {**event.dict, "pos": pos})

    def note(self) -> str:
        """Why the scale in use is lower than the one asked for ("" when it is not)."""
        wanted = self.wanted()
        if self.scale >= wanted:
            return ""
        w, h = self.window.get_size()
        return _("UI scale {wanted} does not fit a {width}×{height} window: using {scale}").format(
            wanted=format_share(wanted / 100), width=w, height=h, scale=format_share(self.scale / 100)
        )

    def present(self) -> None:
        """Show the frame drawn on the canvas: what changed since the last one, enlarged by the scale."""
        if self.presenter is not None:
            self.presenter.present()

    def invalidate(self) -> None:
        """Show the whole canvas at the next :meth:`present` (the window was covered or shown again)."""
        if self.presenter is not None:
            self.presenter.invalidate()


def prefer_plain_framebuffer() -> None:
    """On X11, have SDL send the window's pixels as they are (shared memory), rectangle by rectangle.

    By default SDL backs the window with an OpenGL texture and re-uploads and draws the whole
    window on every update: with no GPU (Xvfb, virtual machines, many classroom PCs: Mesa's
    llvmpipe) that cost 8 ms of CPU per frame at 1280×720 and 16 ms at 1920×1080, while our
    frames change a few tiles (see :mod:`game.ui.present`). Only where SDL has a plain X11
    framebuffer to fall back on; before the display is initialised; a choice already made wins."""
    x11 = os.environ.get("SDL_VIDEODRIVER", "x11") == "x11" and bool(os.environ.get("DISPLAY"))
    if sys.platform.startswith("linux") and x11 and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def desktop_size() -> tuple[int, int]:
    """The first desktop's size (the reference when no display reports one)."""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        sizes = []
    if os.environ.get("SDL_VIDEODRIVER") == "dummy" or not sizes:
        return (1920, 1080)
    return (int(sizes[0][0]), int(sizes[0][1]))


def _at_least_minimum(size: tuple[int, int]) -> tuple[int, int]:
    return (max(MIN_CANVAS[0], int(size[0])), max(MIN_CANVAS[1], int(size[1])))


def maximise() -> bool:
    """Ask the window manager to maximise the window: it then fills the desktop's work area exactly (the
    ``DECORATIONS`` guess left bands of desktop around it: 40 px above and below at 1920×1080), and the
    resize that follows lays the screens out again. Without a window manager (a bare X server) nothing
    happens and the window keeps its size; the canvas always fills the window itself (see :mod:`present`).
    Returns whether a resize may answer (not without a video driver, a window manager, or where pygame cannot
    ask)."""
    if os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return False
    try:
        pygame.Window.from_display_module().maximize()
    except (AttributeError, pygame.error):
        return False
    return window_manager_running() is not False


def window_manager_running() -> bool | None:
    """Whether an X11 window manager runs (one that follows the desktop standard announces itself on the
    root window: ``_NET_SUPPORTING_WM_CHECK``); None where that cannot be told (not X11, no libX11).

    Without one (a bare X server, as under Xvfb) a window has no frame and the desktop no panel: a window
    sized for them left bands of bare screen around the game (20 px at 1024×640, 40 px at 1920×1080)."""
    name = ctypes.util.find_library("X11")
    x11_display = os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if not (sys.platform.startswith("linux") and x11_display and name):
        return None
    if os.environ.get("SDL_VIDEODRIVER", "x11") != "x11":
        return None
    try:
        return _announced_window_manager(ctypes.CDLL(name))
    except (OSError, AttributeError):
        return None


def _announced_window_manager(x11: ctypes.CDLL) -> bool | None:
    """Read the root window's ``_NET_SUPPORTING_WM_CHECK`` through libX11 (see :func:`window_manager_running`)."""
    pointer, window, out = ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER
    x11.XOpenDisplay.restype, x11.XOpenDisplay.argtypes = pointer, [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype, x11.XDefaultRootWindow.argtypes = window, [pointer]
    x11.XInternAtom.restype, x11.XInternAtom.argtypes = window, [pointer, ctypes.c_char_p, ctypes.c_int]
    x11.XGetWindowProperty.argtypes = [
        pointer, window, window, ctypes.c_long, ctypes.c_long, ctypes.c_int, window,
        out(window), out(ctypes.c_int), out(ctypes.c_ulong), out(ctypes.c_ulong), out(pointer),
    ]  # fmt: skip
    x11.XFree.argtypes = x11.XCloseDisplay.argtypes = [pointer]
    connection = x11.XOpenDisplay(None)
    if not connection:
        return None
    try:
        atom = x11.XInternAtom(connection, b"_NET_SUPPORTING_WM_CHECK", 1)  # 1: only if some client made it
        if not atom:
            return False
        kind, size, count, left, data = window(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), pointer()
        root = x11.XDefaultRootWindow(connection)
        status = x11.XGetWindowProperty(
            connection, root, atom, 0, 1, 0, 0, *(ctypes.byref(v) for v in (kind, size, count, left, data))
        )
        if data:
            x11.XFree(data)
        return status == 0 and count.value > 0
    finally:
        x11.XCloseDisplay(connection)


def take_keyboard_focus() -> None:
    """Give the new window the keyboard (without a window manager, as under Xvfb, keys
    otherwise go wherever the focus was, e.g. to an older window at the same place)."""
    if os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return
    try:
        window = pygame.Window.from_display_module()
        window.focus()
    except (AttributeError, pygame.error):
        pass
