"""One configuration of :mod:`tools.ui_shots`: open the game in the X window and photograph each screen.

Run by ``tools/ui_shots.py`` as ``python -m tools.ui_shots_walk OUT WIDTH HEIGHT SCALE`` with
DISPLAY set to an Xvfb screen of exactly WIDTH×HEIGHT. The player's input is posted as
events, so every screen is reached the way a player reaches it (keys, clicks).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.screens.start import StartChoice, StartScreen


class Walk:
    """The app, and what to do on each screen reached (``look``: photograph it, check it)."""

    def __init__(self, app: App, look: Callable[[str], None]) -> None:
        self.app = app
        self.look = look
        self.prefix = "{}x{}".format(*app.display.window.get_size()) + f"@{app.ui_scale}"
        self.frames(3)

    def frames(self, count: int = 2) -> None:
        """Draw a few frames (a widget's hover and a list's scroll settle after one)."""
        for _ in range(count):
            self.app.step()

    def shoot(self, name: str) -> None:
        """Let the screen settle, then look at it."""
        self.frames()
        self.look(name)

    def key(self, key: int, mod: int = 0) -> None:
        """Press and release a key."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frames()

    def click(self, name: str) -> None:
        """Click a named widget where the window shows it."""
        rect = self.app.locate(name)
        if rect is None:
            raise SystemExit(f"{self.prefix}: no widget {name!r} on {type(self.app.top()).__name__}")
        scale = self.app.ui_scale
        pos = (rect.centerx * scale // 100, rect.centery * scale // 100)  # canvas to window pixels
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
            pygame.event.post(pygame.event.Event(kind, pos=pos, **extra))
            self.frames(1)
        self.frames()

    def close_dialogs(self) -> None:
        """Answer event cards and close dialogs until the map is on top."""
        for _ in range(20):
            if not self.app.modals:
                return
            if self.app.locate("event_continue") is not None:
                self.click("event_continue")
            else:
                self.key(pygame.K_ESCAPE)


def photograph(out: Path, size: tuple[int, int], scale: int) -> None:
    """Capture the X screen on every screen (the window at its top-left corner fills it)."""
    app = App(size=size, scale=scale)
    prefix = f"{size[0]}x{size[1]}@{scale}"

    def shoot(name: str) -> None:
        path = out / f"{prefix}_{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print(f"{path.name}: {type(app.top()).__name__}, scale {app.ui_scale}%", flush=True)

    walk(Walk(app, shoot))


def walk(w: Walk) -> None:
    """Every screen once: start, help, map (actions, country), event card, news, charts,
    triangle, menu, load, end screen."""
    app = w.app
    w.shoot("start")
    w.key(pygame.K_F1)
    w.shoot("help")
    w.key(pygame.K_ESCAPE)
    start = StartScreen(app, StartChoice("tutorial", ("KZ",), seed=1, turns=2))
    app.goto(start)
    start.start_game()
    w.close_dialogs()
    corner = (0, app.display.window.get_height() - 1)  # the pointer out of the way (no tool tip over the map)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=corner, rel=(0, 0), buttons=(0, 0, 0)))
    w.shoot("game_actions")
    w.key(pygame.K_1)  # select the first state: the country tab
    w.shoot("game_country")
    w.key(pygame.K_a)
    w.key(pygame.K_e)
    if app.modals:
        w.shoot("event_card")
    w.close_dialogs()
    w.shoot("game_after_turn")
    for key, name in ((pygame.K_n, "news"), (pygame.K_h, "charts"), (pygame.K_t, "triangle")):
        w.key(key)
        w.shoot(name)
        if key == pygame.K_h:
            w.key(pygame.K_d)  # each line's change since the start
            w.shoot("charts_changes")
        w.close_dialogs()
    w.click("top_Menu")
    w.shoot("menu")
    w.close_dialogs()
    w.key(pygame.K_s, pygame.KMOD_CTRL)
    w.key(pygame.K_l, pygame.KMOD_CTRL)
    w.shoot("load")
    w.close_dialogs()
    w.key(pygame.K_e)
    w.close_dialogs()
    if app.locate("end_turn") is not None:  # "See the results" once the last quarter is played
        w.click("end_turn")
        w.close_dialogs()
    w.shoot("end")


if __name__ == "__main__":
    photograph(Path(sys.argv[1]), (int(sys.argv[2]), int(sys.argv[3])), int(sys.argv[4]))
