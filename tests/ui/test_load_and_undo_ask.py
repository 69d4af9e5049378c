"""Load and undo never throw away a quarter's changes without asking: a click on a save selects it, Load
(or a double click) loads it, and both ask "Discard …?" only when the game has unsaved changes."""

from __future__ import annotations

import pygame

from tests.ui.driver import Driver


def _queue_one(driver: Driver) -> None:
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)


def test_a_click_selects_a_save_and_load_asks_when_the_quarter_has_changes(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=4, seed=2))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)  # sandbox-KZ-<start>.json
    driver.key(pygame.K_e)
    driver.close_popups()
    _queue_one(driver)
    assert session.dirty and session.turn == 1

    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    driver.click(f"load_sandbox-KZ-{session.quarter(0)}")
    assert driver.app.screen.session is session and session.turn == 1  # type: ignore[attr-defined]
    driver.click("load_chosen")
    assert driver.shows("Discard this quarter's unsaved changes?")
    driver.click("Cancel")
    assert driver.app.screen.session is session and session.turn == 1  # type: ignore[attr-defined]

    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    driver.click(f"load_sandbox-KZ-{session.quarter(0)}")
    driver.click("load_chosen")
    driver.click("Discard and load")
    loaded = driver.app.screen.session  # type: ignore[attr-defined]
    assert loaded is not session and loaded.turn == 0

    # Nothing changed in the loaded game: Load loads at once.
    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    driver.click(f"load_sandbox-KZ-{session.quarter(0)}")
    driver.click("load_chosen")
    assert not driver.shows("Discard this quarter's unsaved changes?")
    assert driver.app.screen.session is not loaded  # type: ignore[attr-defined]


def test_undo_asks_when_orders_are_queued_and_names_the_quarter_and_turn(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], turns=4, seed=2))
    driver.click("coach_skip")
    session = driver.app.screen.session  # type: ignore[attr-defined]
    for _ in range(3):
        driver.key(pygame.K_e)
        driver.close_popups()
    assert session.turn == 3 and session.quarter() == "2023Q4"
    driver.key(pygame.K_u)  # nothing queued, nothing unsaved: at once
    assert session.turn == 2
    assert driver.shows("Back to the start of 2023Q3 (turn 3 of 4)")

    _queue_one(driver)
    driver.key(pygame.K_u)
    assert driver.shows("Go back to the start of 2023Q2 (turn 2 of 4)?")
    driver.click("Cancel")
    assert session.turn == 2 and session.all_queued()
    driver.key(pygame.K_u)
    driver.click("Undo")
    assert session.turn == 1
    assert driver.shows("Back to the start of 2023Q2 (turn 2 of 4)")


def test_a_double_click_on_a_save_loads_it_and_each_row_reads_as_one_line(make_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: double-clicking a save only selected it (the dialog was built again after the first click, so
    the second landed on a new list), although its hint promises a double click loads."""
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=4, seed=2))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    driver.key(pygame.K_e)
    driver.close_popups()
    assert session.turn == 1 and not session.dirty

    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    rows = [text for text in driver.texts() if "Sandbox · Kazakhstan" in text]
    assert rows and all(text.count(" — ") == 1 and text.split(" — ")[1].count(",") == 1 for text in rows), rows
    where = driver.app.locate(f"load_sandbox-KZ-{session.quarter(0)}")
    assert where is not None
    driver.click_at(where.center)
    assert driver.app.screen.session is session  # one click only chooses
    driver.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=where.center, button=1))
    driver.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=where.center, button=1))
    loaded = driver.app.screen.session  # type: ignore[attr-defined]
    assert loaded is not session and loaded.turn == 0 and not driver.app.modals
