"""Thousands of random clicks, keys, wheels, resizes and cancelled quits on every screen."""

from __future__ import annotations

import numpy as np
import pygame

KEYS = [
    pygame.K_e,
    pygame.K_a,
    pygame.K_i,
    pygame.K_1,
    pygame.K_3,
    pygame.K_5,
    pygame.K_TAB,
    pygame.K_n,
    pygame.K_h,
    pygame.K_t,
    pygame.K_r,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_u,
    pygame.K_c,
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_BACKSPACE,
    pygame.K_F1,
    pygame.K_SPACE,
    pygame.K_7,
    pygame.K_q,
    pygame.K_s,
    pygame.K_l,
]


def _event(rng: np.random.Generator, size: tuple[int, int]) -> pygame.event.Event:
    kind = rng.integers(0, 100)
    pos = (int(rng.integers(0, size[0])), int(rng.integers(0, size[1])))
    if kind < 45:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=int(rng.choice([1, 1, 1, 3])))
    if kind < 60:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if kind < 88:
        key = int(rng.choice(KEYS))
        mod = pygame.KMOD_CTRL if rng.integers(0, 8) == 0 else 0
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=str(rng.integers(0, 10)), scancode=0)
    if kind < 93:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.integers(-3, 4)), flipped=False)
    if kind < 97:
        w, h = int(rng.integers(700, 1700)), int(rng.integers(500, 1000))
        return pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))
    return pygame.event.Event(pygame.QUIT)


def _bash(app, rng: np.random.Generator, count: int, seen: set[str]) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):
        app.step([_event(rng, app.window.get_size())])
        if not app.running:  # a quit went through: cancel it and carry on
            app.running = True
        seen.add(type(app.top()).__name__)
        seen.add(type(app.screen).__name__)


def monkey(app, rng: np.random.Generator, scale: int = 1) -> tuple[int, set[str]]:  # type: ignore[no-untyped-def]
    """Random input over the start, map and end screens and modals: 2,400 × scale inputs.

    Returns how many inputs were sent and which screens and modals were seen.
    """
    from game.play.session import EventView, Session
    from game.ui.screens.end import EndScreen
    from game.ui.screens.game import GameScreen
    from game.ui.screens.modals import EventModal, LoadModal

    seen: set[str] = set()
    sent = 0

    def bash(count: int) -> None:
        nonlocal sent
        _bash(app, rng, count * scale, seen)
        sent += count * scale

    bash(400)  # start screen (and wherever random clicks lead)
    session = Session.start("sandbox", ["KZ", "WEST"], 5, turns=4, saves_dir=app.saves_dir)
    app.goto(GameScreen(app, session))
    bash(1000)
    app.goto(GameScreen(app, session))
    session.end_turn()
    if session.turn and not session.is_over():
        card = EventView("x", "An event", "text", "An Outlet, 1 May 2023", "quote", "2023Q1", "historical")
        app.open(EventModal(app, [card]))
        bash(100)
        app.open(LoadModal(app, lambda path: None))
        bash(100)
    while not session.is_over():
        session.end_turn()
    app.goto(EndScreen(app, session))
    bash(800)
    return sent, seen


def test_random_input_never_raises(make_app) -> None:  # type: ignore[no-untyped-def]
    """2,400 random inputs spread over the start, map and end screens and every modal
    (benchmarks/ui_monkey.py sends 20,000 and more)."""
    sent, seen = monkey(make_app(turns=3), np.random.default_rng(2024))
    assert sent == 2400
    assert {"StartScreen", "GameScreen", "EndScreen", "EventModal", "LoadModal"} <= seen
