"""Every screen and dialog fits a 1024×640 window: no widget reaches outside it, no two buttons
overlap, and the map screen's regions do not overlap."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextBox, UIWindow

from game.ui.layout import GameLayout

SIZE = (1024, 640)


def _visible(app: object, kinds: tuple[type, ...]) -> list[object]:
    return [
        sprite
        for sprite in app.ui.get_sprite_group().sprites()  # type: ignore[attr-defined]
        if isinstance(sprite, kinds) and sprite.visible and sprite.alive()
    ]


def _problems(app: object, screen: str) -> list[str]:
    """What does not fit on the screen shown now."""
    window = app.window.get_rect()  # type: ignore[attr-defined]
    found = []
    for element in _visible(app, (UIButton, UILabel, UITextBox, UISelectionList, UIWindow)):
        rect = pygame.Rect(element.get_abs_rect())  # type: ignore[attr-defined]
        if not window.contains(rect) and not _inside_a_list(element):
            text = getattr(element, "text", "")
            found.append(f"{screen}: {type(element).__name__} {text!r} at {rect} leaves {window}")
    buttons = [b for b in _visible(app, (UIButton,)) if not _inside_a_list(b) and b.ui_container is not None]  # type: ignore[attr-defined]
    for a, b in itertools.combinations(buttons, 2):
        ra, rb = pygame.Rect(a.get_abs_rect()), pygame.Rect(b.get_abs_rect())  # type: ignore[attr-defined]
        if a.ui_container is b.ui_container and ra.colliderect(rb):  # type: ignore[attr-defined]
            found.append(f"{screen}: buttons {a.text!r} {ra} and {b.text!r} {rb} overlap")  # type: ignore[attr-defined]
    return found


def _inside_a_list(element: object) -> bool:
    """Rows of a scrolled list and a dialog's title bar parts are clipped by their owner, not the window."""
    container = getattr(element, "ui_container", None)
    for _ in range(8):  # containers nest a few levels; the root's container is itself
        if container is None:
            break
        if isinstance(getattr(container, "parent_element", None), UISelectionList | UITextBox):
            return True
        container = getattr(container, "ui_container", None)
    return isinstance(getattr(element, "parent_element", None), UISelectionList) or "scroll" in str(
        getattr(element, "most_specific_combined_id", "")
    )


def test_every_screen_fits_1024_by_640(saves: Path) -> None:
    from game.ui.app import App
    from tools.ui_shots_walk import Walk, walk

    app = App(size=SIZE, saves_dir=saves, scale=100)
    seen: list[str] = []
    problems: list[str] = []

    def look(name: str) -> None:
        seen.append(name)
        problems.extend(_problems(app, name))

    try:
        walk(Walk(app, look))
    finally:
        pygame.display.quit()
    every = {"start", "help", "game_actions", "game_country", "news", "charts", "triangle", "menu", "load", "end"}
    assert every <= set(seen)
    assert problems == []


def test_the_map_screen_regions_do_not_overlap() -> None:
    for size in (SIZE, (960, 600), (1280, 720), (1920, 1080)):
        layout = GameLayout.of(size)
        window = pygame.Rect((0, 0), size)
        regions = {"top": layout.top, "map": layout.map, "side": layout.side}
        for (na, a), (nb, b) in itertools.combinations(regions.items(), 2):
            assert not a.colliderect(b), (size, na, nb)
        assert all(window.contains(r) for r in regions.values()), size
        assert layout.map.contains(layout.legend) and layout.map.contains(layout.replay), size
        assert not layout.legend.colliderect(layout.replay), size
        assert layout.side.contains(layout.end_turn) and not layout.body.colliderect(layout.end_turn), size
