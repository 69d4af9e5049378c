"""The turn summary's line for each of the player's orders shows what it did this quarter and what the order details
and the advice expected of it ("+0.19 score this quarter, expected +0.19"), so a promise can be checked."""

from __future__ import annotations

from pathlib import Path

from game.engine.orders import Order
from game.i18n import format_change
from game.play.session import Session
from game.play.stakes import order_acting
from game.play.summary import turn_summary
from game.ui.screens.summary import summary_markup

GREY, GOLD, GREEN, RED = (128, 128, 128), (200, 160, 0), (0, 160, 0), (200, 0, 0)


def test_an_orders_line_shows_its_credit_and_what_was_expected(tmp_path: Path) -> None:
    session = Session.start("middle_corridor", ["RU"], seed=1, turns=12, saves_dir=tmp_path)
    summit = session.world.actions.index("summit")
    promised = order_acting(session, "RU", summit, "KZ")
    session.queue(Order("RU", "summit", "KZ"))
    session.end_turn()
    summary = turn_summary(session, "RU", session.turn)
    assert summary is not None
    markup = summary_markup(summary, GREY, GOLD, GREEN, RED)
    assert f"<b>{format_change(promised, 2)}</b> score this quarter" in markup
    assert f", expected {format_change(promised, 2)}" in markup
