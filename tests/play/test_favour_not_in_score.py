"""Favour is shown beside the score in the turn summary; a role whose score does not count it is told so."""

from __future__ import annotations

from pathlib import Path

from game.engine.orders import Order
from game.play.session import Session
from game.play.summary import favour_note, turn_summary


def _summit_turn(tmp_path: Path, role: str, action: str, target: str) -> str:
    session = Session.start("sandbox", [role], 1, turns=2, saves_dir=tmp_path)
    assert not session.queue(Order(role, action, target))
    session.end_turn()
    summary = turn_summary(session, role, 1)
    assert summary is not None
    assert any(change.block == "favour" for order in summary.orders for change in order.effects)  # favour shown
    return favour_note(summary)


def test_a_state_is_told_favour_is_not_part_of_its_score(tmp_path: Path) -> None:
    note = _summit_turn(tmp_path, "KZ", "host_summit", "CN")
    assert note == "Favour is not part of your score (it counts in Russia's and the West's)."


def test_a_power_whose_score_counts_favour_is_told_nothing(tmp_path: Path) -> None:
    assert _summit_turn(tmp_path, "WEST", "summit", "KZ") == ""
