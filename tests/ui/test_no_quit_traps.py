"""No key quits by accident: Esc on the start screen asks, and Enter in a quit or leave question cancels."""

from __future__ import annotations

import pygame

from tests.ui.driver import Driver


def test_escape_on_the_start_screen_asks_and_enter_stays(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    driver = Driver(app)
    driver.close_popups()
    assert driver.screen() == "StartScreen"
    driver.key(pygame.K_ESCAPE)
    assert app.running and driver.shows("Quit Multivector?")
    driver.key(pygame.K_RETURN)  # the harmless answer
    assert app.running and not driver.shows("Quit Multivector?")
    driver.key(pygame.K_ESCAPE)
    driver.click("Quit")
    assert not app.running


def test_enter_in_the_quit_question_cancels(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    driver.click("action_host_summit")
    driver.click("target_WEST")
    driver.click("queue")  # a queued order: quitting would lose it
    app.request_quit()
    assert driver.shows("Quit without saving?")
    driver.key(pygame.K_RETURN)
    assert app.running and driver.screen() == "GameScreen" and not driver.shows("Quit without saving?")
    assert [str(order) for order in app.screen.session.queued["KZ"]] == ["KZ host_summit WEST"]
