"""Queueing an order rebuilds the actions list; it stays where the player had scrolled it."""

from __future__ import annotations

from game.ui.panels.actions import ActionsPanel
from tests.ui.driver import Driver


def test_the_actions_list_keeps_its_scroll_after_queue(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    panel = next(panel for panel in app.screen.panels if isinstance(panel, ActionsPanel))
    listing = panel.action_list
    assert listing is not None and listing.scroll_bar is not None  # more actions than rows: it scrolls
    listing.scroll_bar.set_scroll_from_start_percentage(1.0)  # to the bottom
    app.step()
    assert listing.scroll_bar.start_percentage > 0.2
    driver.click("action_invite_migrant_deal")  # a row near the bottom
    driver.click("target_RU")
    listing = panel.action_list  # shorter while an action is chosen
    assert listing is not None and listing.scroll_bar is not None
    scrolled = listing.scroll_bar.start_percentage
    assert scrolled > 0.2
    driver.click("queue")
    rebuilt = panel.action_list
    assert rebuilt is not None and rebuilt is not listing  # the queue rebuilt it
    assert rebuilt.scroll_bar is not None
    assert abs(rebuilt.scroll_bar.start_percentage - scrolled) < 0.02
    assert [str(order) for order in app.screen.session.queued["KZ"]] == ["KZ invite_migrant_deal RU"]
