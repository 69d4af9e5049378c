"""Issue 14: a turn that opens with eight news cards took eight clicks; a card offers to skip the rest (Esc), and
the events skipped stay in the News log."""

from __future__ import annotations

import pygame

from game.ui.screens.modals import EventModal
from tests.ui.driver import Driver


def test_skip_the_rest_closes_every_card_left_and_the_news_log_keeps_them(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], seed=1))
    driver.click("coach_skip")
    driver.key(pygame.K_e)
    driver.close_popups()
    session = driver.app.screen.session  # type: ignore[attr-defined]
    event = session.events_of(session.turn)[0]
    finished: list[bool] = []
    driver.app.open(EventModal(driver.app, [event] * 4, lambda: finished.append(True)))
    driver.app.step([])
    assert driver.shows("Event 1 of 4") and driver.shows("Skip the other 3: read them later in News  (Esc)")
    driver.click("event_continue")
    assert driver.shows("Event 2 of 4") and driver.shows("Skip the other 2")
    driver.click("event_skip_rest")
    assert not driver.app.modals and finished == [True]  # what follows the cards (the results, at the end) runs

    driver.app.open(EventModal(driver.app, [event] * 3))
    driver.app.step([])
    driver.key(pygame.K_ESCAPE)
    assert not driver.app.modals  # Esc skips them all at once

    driver.app.open(EventModal(driver.app, [event]))
    driver.app.step([])
    assert not driver.has("event_skip_rest")  # a single card: Continue is all

    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_n)
    assert driver.shows(event.title) or any(event.title in text for text in driver.texts())
