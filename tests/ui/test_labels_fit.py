"""Every label fits its text: pygame_gui's "Label Rect is too small" warnings are errors here."""

from __future__ import annotations

import warnings

import pygame

from tests.ui.driver import Driver


def _tour(driver: Driver) -> None:
    """Every screen and dialog a player meets, with the long texts that used not to fit."""
    app = driver.app
    driver.key(pygame.K_F1)
    driver.key(pygame.K_ESCAPE)
    driver.click("scenario_sandbox")
    driver.click("role_KZ")  # toggled off would leave none: KZ stays
    driver.click("role_TJ")
    driver.click("start")
    assert driver.screen() == "GameScreen"
    # Long action titles in the queue ("Seek a migrant-labour agreement · Russia").
    driver.click("action_invite_migrant_deal")
    driver.click("target_RU")
    driver.click("queue")
    driver.click("action_host_summit")
    driver.click("target_WEST")
    driver.click("queue")
    for _ in range(2):
        driver.click("end_turn")
        driver.close_popups()
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_2)  # Uzbekistan: "Why it moved in 2023Q2"
    for power in ("RU", "CN", "WEST"):
        driver.click(f"why_{power}")
    driver.key(pygame.K_a)
    driver.key(pygame.K_r)  # replay bar
    driver.key(pygame.K_LEFT)
    driver.key(pygame.K_LEFT)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)  # refused while replaying: the message shows
    assert app.screen.view.refusal  # type: ignore[attr-defined]
    driver.key(pygame.K_ESCAPE)
    for key in (pygame.K_n, pygame.K_h, pygame.K_t):
        driver.key(key)
        driver.key(pygame.K_LEFT)
        driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_ESCAPE)  # menu
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_l, mod=pygame.KMOD_CTRL)
    driver.key(pygame.K_ESCAPE)
    while driver.screen() == "GameScreen":
        driver.key(pygame.K_e)
        driver.close_popups()
    assert driver.screen() == "EndScreen"


def test_no_label_is_too_small_at_1280x720(make_app) -> None:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        app = make_app(turns=3)
        driver = Driver(app)
        _tour(driver)
        # At 1280×720 nothing needed shortening either.
        assert app.ui.elided == []
        for size in ((1600, 900), (1920, 1080)):
            driver.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        assert app.ui.elided == []


def test_at_the_minimum_window_labels_end_in_an_ellipsis(make_app) -> None:  # type: ignore[no-untyped-def]
    """Too narrow for the text: the label says "…" itself instead of pygame_gui clipping it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        app = make_app(turns=3)
        driver = Driver(app)
        driver.post(pygame.event.Event(pygame.VIDEORESIZE, w=960, h=600, size=(960, 600)))
        driver.click("scenario_sandbox")
        driver.click("start")
        driver.click("action_invite_migrant_deal")
        driver.click("target_RU")
        driver.click("queue")
        driver.key(pygame.K_e)
        driver.close_popups()
        driver.key(pygame.K_r)
        driver.key(pygame.K_RETURN)
    from pygame_gui.elements import UILabel

    labels = [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UILabel) and s.visible]
    for label in labels:
        width, height = label.font.get_rect(label.text or " ").size
        assert width <= label.relative_rect.width and height <= label.relative_rect.height, label.text
        if label.text != getattr(label, "full_text", label.text):
            assert label.text.endswith("…")
