"""Post real pygame events to an App, one frame per event, as a player would."""

from __future__ import annotations

import pygame

from game.ui.app import App


class Driver:
    """Clicks named widgets (at their on-screen rectangles), presses keys, moves the pointer."""

    def __init__(self, app: App) -> None:
        self.app = app
        app.step([])

    def post(self, event: pygame.event.Event) -> None:
        pygame.event.post(event)
        self.app.step()

    def click_at(self, pos: tuple[int, int], button: int = 1) -> None:
        self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        self.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))

    def click(self, name: str) -> None:
        rect = self.app.locate(name)
        assert rect is not None, f"no widget {name!r} on {type(self.app.top()).__name__}"
        self.click_at(rect.center)

    def has(self, name: str) -> bool:
        return self.app.locate(name) is not None

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        self.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))

    def hover(self, pos: tuple[int, int]) -> None:
        self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))

    def texts(self) -> list[str]:
        return self.app.texts()

    def shows(self, text: str) -> bool:
        """True when some text on screen contains ``text``."""
        return any(text in t for t in self.texts())

    def screen(self) -> str:
        return type(self.app.screen).__name__

    def close_popups(self) -> None:
        for _ in range(20):
            if not self.app.modals:
                return
            if self.has("event_continue"):
                self.click("event_continue")
            else:
                self.key(pygame.K_ESCAPE)
