"""A tooltip never covers the next control: after resting on Queue, a click on End turn ends the turn."""

from __future__ import annotations

import pygame

from tests.ui.driver import Driver


def test_end_turn_after_resting_on_queue(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    driver.click("action_host_summit")
    driver.click("target_WEST")
    queue = app.locate("queue")
    assert queue is not None
    driver.hover(queue.center)
    for _ in range(120):  # two seconds resting on the button: any tooltip has appeared
        app.step()
    driver.click("queue")
    driver.hover(queue.center)
    for _ in range(120):
        app.step()
    turn = app.screen.session.turn
    end_turn = app.locate("end_turn")
    assert end_turn is not None
    # A quick hand: the pointer arrives and clicks within one frame, before a tooltip would be hidden.
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
        pygame.event.post(pygame.event.Event(kind, pos=end_turn.center, **extra))
    app.step()
    driver.close_popups()
    assert app.screen.session.turn == turn + 1
