"""Orders a player has queued survive a save and load, and an undo keeps those still legal."""

from __future__ import annotations

from pathlib import Path

from game.engine.orders import Order
from game.io.save import read_save
from game.play.session import Session


def test_queued_orders_survive_save_and_load(tmp_path: Path) -> None:
    session = Session.start("sandbox", ["KZ"], 5, saves_dir=tmp_path)
    assert session.queue(Order("KZ", "host_summit", "WEST")) == []
    assert session.queue(Order("KZ", "sign_deal", "CN")) == []
    path = session.save(tmp_path / "mine.json")
    assert read_save(path).queued == ["KZ host_summit WEST", "KZ sign_deal CN"]
    loaded = Session.load(path)
    assert [str(order) for order in loaded.queued["KZ"]] == ["KZ host_summit WEST", "KZ sign_deal CN"]
    assert not loaded.dirty and loaded.message == ""


def test_undo_keeps_the_queued_orders_that_are_still_legal(tmp_path: Path) -> None:
    session = Session.start("sandbox", ["KZ"], 5, saves_dir=tmp_path)
    session.end_turn()
    session.end_turn()
    assert session.queue(Order("KZ", "host_summit", "WEST")) == []
    session.undo_to(1)
    assert session.turn == 1
    assert [str(order) for order in session.queued["KZ"]] == ["KZ host_summit WEST"]


def test_a_queued_order_the_save_cannot_keep_is_named(tmp_path: Path) -> None:
    session = Session.start("sandbox", ["KZ"], 5, saves_dir=tmp_path)
    path = session.save(tmp_path / "mine.json")
    text = path.read_text(encoding="utf-8").replace('"queued": []', '"queued": ["RU summit KZ", "KZ fly_to_moon RU"]')
    path.write_text(text, encoding="utf-8")
    loaded = Session.load(path)
    assert loaded.queued["KZ"] == []
    assert "RU summit KZ" in loaded.message and "KZ fly_to_moon RU" in loaded.message
