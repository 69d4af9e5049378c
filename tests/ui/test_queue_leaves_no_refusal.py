"""After Queue the order form never greets the player with a refusal (a newcomer read the red "cannot be queued:
not enough action points" under an order that had just been queued, and doubted it): the same action is aimed at its
best target still open, or, when none is open, nothing is composed and the actions list says what is left."""

from __future__ import annotations

from pathlib import Path

from game.play.stakes import choices
from game.ui.app import App
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of

__all__ = ["close_pygame"]


def test_queueing_until_the_points_run_out_ends_with_nothing_composed(saves: Path, close_pygame: None) -> None:
    app = App(size=(1280, 720), saves_dir=saves, choice=StartChoice("sandbox", ("KZ",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    game = game_of(app)
    session, view = game.session, game.view
    trade = session.world.actions.index("sign_deal")
    cost = float(session.world.actions.cost[trade])
    driver.click("action_sign_deal")
    given = 0
    while any(c.action == trade and c.legal for c in choices(session, "KZ")):
        assert view.action_index == trade and view.target is not None  # aimed at a target still open
        driver.click("queue")
        given += 1
        assert len(session.queued["KZ"]) == given and view.refusal == ""
    assert given >= 1 and view.left("KZ") < cost  # the points ran out
    assert view.action_index is None and view.target is None and view.refusal == ""
    assert not driver.shows("Cannot be queued")
