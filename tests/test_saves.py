"""Saves are a record of play: resume, replay, undo, and refusal of damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import ENGINE_VERSION
from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.engine.orders import Order
from game.engine.world import World
from game.io.save import make_save, read_save, restore_game, write_save
from game.scenario.errors import InputFileError


def _save(game: Game, path: Path) -> None:
    write_save(path, make_save(game, "tiny", "tests/data/tiny.yaml", "0" * 64, {}, ["KZ"]))


def test_saved_and_resumed_game_equals_straight_play(tiny_world: World, tmp_path: Path) -> None:
    """A game saved after 3 turns, loaded and continued gives the same history as one played through."""
    straight = Game.new(tiny_world, seed=21, policy=normal_orders)
    human = [[Order("KZ", "host_summit", "WEST")], [], [Order("KZ", "diversify_routes", "RU")]]
    for orders in human:
        straight.play([orders], human_roles=["KZ"])
    path = tmp_path / "game.json"
    _save(straight, path)
    straight.play_to_end()

    resumed = restore_game(read_save(path), tiny_world, str(path), policy=normal_orders)
    assert resumed.turn == 3
    resumed.play_to_end()
    assert [r.hashes for r in resumed.records] == [r.hashes for r in straight.records]


def test_undo_keeps_the_first_turns(tiny_world: World, tmp_path: Path) -> None:
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    game.play_to_end()
    path = tmp_path / "game.json"
    _save(game, path)
    undone = restore_game(read_save(path), tiny_world, str(path), upto=2)
    assert undone.turn == 2
    assert undone.state.hashes() == game.states[2].hashes()


@pytest.mark.parametrize(
    ("engine_version", "message"),
    [
        (None, r"history\[1\].*does not reproduce the saved state"),
        # a save whose turns no longer replay names the engine versions, not just "changed"
        ("1", rf"saved by engine version 1, this program runs version {ENGINE_VERSION}"),
    ],
    ids=["tampered", "older-engine"],
)
def test_a_save_that_does_not_replay_is_refused(
    tiny_world: World, tmp_path: Path, engine_version: str | None, message: str
) -> None:
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    for _ in range(3):
        game.play()
    path = tmp_path / "game.json"
    _save(game, path)
    data = json.loads(path.read_text())
    data["history"][1]["orders"] = ["RU summit KZ"]  # this engine's replay differs, as an older one's would
    if engine_version is not None:
        data["engine_version"] = engine_version
    path.write_text(json.dumps(data))
    with pytest.raises(InputFileError, match=message):
        restore_game(read_save(path), tiny_world, str(path))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda text: text[: len(text) // 2], "not valid JSON"),
        (lambda text: "", "not valid JSON"),
        (lambda text: text.replace('"version": 2', '"version": 99'), "version 99 is not supported"),
        (lambda text: text.replace('"multivector-save"', '"something-else"'), "not a Multivector save"),
        (lambda text: text.replace('"seed": 2', '"seed": "two"'), "seed"),
    ],
    ids=["truncated", "empty", "future-version", "not-a-save", "wrong-type"],
)
def test_damaged_saves_get_a_clear_message(tiny_world: World, tmp_path: Path, mutate, message: str) -> None:
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    game.play()
    path = tmp_path / "game.json"
    _save(game, path)
    path.write_text(mutate(path.read_text()))
    with pytest.raises(InputFileError, match=message):
        read_save(path)


def test_save_write_is_atomic(tiny_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half-way leaves the previous save intact and no stray files."""
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    game.play()
    path = tmp_path / "game.json"
    _save(game, path)
    before = path.read_bytes()
    game.play()

    import os

    def failing_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        _save(game, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_a_save_of_the_previous_format_still_loads_and_plays_on(tiny_world: World, tmp_path: Path) -> None:
    """Saves written before the signature (format version 1) are a player's games: they load, signed as
    they are, and go on exactly as the game they came from; a signed save that was edited is refused."""
    game = Game.new(tiny_world, seed=4, policy=normal_orders)
    game.play([[Order("KZ", "host_summit", "WEST")]], human_roles=["KZ"])
    path = tmp_path / "old.json"
    _save(game, path)
    data = json.loads(path.read_text())
    del data["signature"]
    data["version"] = 1
    path.write_text(json.dumps(data))
    resumed = restore_game(read_save(path), tiny_world, str(path), policy=normal_orders)
    assert resumed.turn == 1
    resumed.play_to_end()
    game.play_to_end()
    assert [r.hashes for r in resumed.records] == [r.hashes for r in game.records]

    _save(game, path)
    edited = json.loads(path.read_text())
    edited["human_roles"] = ["KZ", "RU"]
    path.write_text(json.dumps(edited))
    with pytest.raises(InputFileError) as caught:
        read_save(path)
    assert caught.value.problems[0].field == "signature"
