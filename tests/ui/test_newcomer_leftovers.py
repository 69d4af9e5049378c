"""What a newcomer's play-through left (issue 14), played with posted events: Shift+Tab goes back,
the projects count keeps its word spaces, tool tips stay inside the map and the window, the order
panel gives the expected effects the room, and it says when the order acts."""

from __future__ import annotations

import pygame

from tests.ui.driver import Driver


def test_shift_tab_goes_back_where_tab_goes_forward(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ", "RU", "CN"])
    driver = Driver(app)
    driver.close_popups()
    session, view = app.screen.session, app.screen.view
    assert view.active_role == "KZ"
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)  # no order composed: the previous team, round the ring
    assert view.active_role == "CN"
    driver.key(pygame.K_TAB)
    assert view.active_role == "KZ"
    driver.key(pygame.K_DOWN)  # the first action, aimed at its first target
    targets = session.targets_for("KZ", view.action_index)
    assert view.target == targets[0]
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)  # back from the first target: the last
    assert view.target == targets[-1]
    driver.key(pygame.K_TAB)
    assert view.target == targets[0]
