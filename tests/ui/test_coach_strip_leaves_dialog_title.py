"""nc3 finding 16: the tutorial's strip for "close the news" filled the News log's title row. Where the card goes
as a strip for a dialog's ×, it covers neither the dialog's title bar nor the ringed ×."""

from __future__ import annotations

import pygame

from tests.ui.driver import Driver
from tests.ui.test_tutorial_coach import _follow_one_step


def test_the_strip_for_a_dialogs_close_button_leaves_its_title_row(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], seed=1))
    app = driver.app
    coach = app.screen.coach  # type: ignore[attr-defined]
    seen = 0
    for _ in range(60):
        if driver.screen() != "GameScreen":
            break
        step = coach.progress.current
        if step.anchor == "dialog_close" and app.modals:
            app.step([])
            window = app.modals[-1].window
            title_bar = pygame.Rect(window.title_bar.get_abs_rect())
            ring = coach.anchor_rect(step)
            assert coach.card is not None and ring is not None
            assert not coach.card.colliderect(title_bar), (step.id, coach.card, title_bar)
            assert not coach.card.colliderect(ring)
            seen += 1
        _follow_one_step(driver)
    assert seen
