"""Regression tests for holes a code review found: each was a crash, a silent loss or a lie."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.engine.orders import IllegalOrderError, Order, encode_orders
from game.engine.world import World
from game.io.save import make_save, read_save, restore_game, write_save
from game.scenario.compile import compile_world
from game.scenario.errors import InputFileError, ScenarioError
from game.scenario.load import load_scenario
from tests.conftest import DATA

TINY = (DATA / "tiny.yaml").read_text()


def multivector(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, cwd=cwd)


def _scenario(tmp_path: Path, text: str) -> Path:
    (tmp_path / "tiny_baseline.yaml").write_text((DATA / "tiny_baseline.yaml").read_text())
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return path


def test_extremely_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    """100,000 nested brackets are refused while parsing, before libyaml's recursive composer.

    Whether our depth limit or the YAML parser's own one words the refusal depends on the
    PyYAML release; either way it is one problem at the file's line, not a crash.
    """
    path = tmp_path / "deep.yaml"
    path.write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = multivector("validate", str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}:1: " in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("baseline: tiny_baseline.yaml", 'baseline: "a\\0b.yaml"'), "is not a usable file name"),
        (("turns: 8", "turns: " + "9" * 5000), "unreadable value"),
        (("levers:\n", "disabled_actions: [" + ", ".join([
            "summit", "investment", "loan", "trade_deal", "energy_deal", "security_assistance", "corridor_project",
            "pipeline_project",
            "sanctions", "secondary_sanctions", "pressure", "media_campaign", "open_labour_market",
            "migrant_crackdown", "host_summit", "sign_deal", "join_initiative", "leave_initiative",
            "diversify_routes", "comply_with_sanctions", "evade_sanctions", "invite_migrant_deal"]) + "]\nlevers:\n"),
         "every action is disabled"),
        (("id: shock_size", "id: noise"), "'noise' is a rule constant"),
    ],
    ids=["nul-path", "huge-int", "no-actions", "lever-shadows-rule"],
)
def test_more_bad_scenarios_are_refused(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = TINY.replace(*change)
    assert text != TINY
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_scenario(tmp_path, text))
    assert message in "\n".join(str(p) for p in caught.value.problems)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--set", "[/x]=1"], "--set [/x]: no such lever"),
        (["--out", "/proc/not-writable/out"], "cannot write or read"),
        (["--run", str(2**41)], f"{2**41} must be at most 2**40"),
        (["--turns", "100001"], "100001 must be at most 100,000"),
    ],
    ids=["markup-in-setting", "unwritable-out", "run-too-large", "turns-too-large"],
)
def test_bad_command_lines_exit_2_without_traceback(tmp_path: Path, arguments: list[str], message: str) -> None:
    base = ["run", str(DATA / "tiny.yaml"), "--seed", "1"]
    if "--out" not in arguments:
        base += ["--out", str(tmp_path / "out")]
    result = multivector(*base, *arguments)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and message in result.stderr


def test_markup_in_a_path_is_printed_not_interpreted(tmp_path: Path) -> None:
    folder = tmp_path / "[/b]"
    result = multivector("run", str(DATA / "tiny.yaml"), "--seed", "1", "--turns", "2", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert "[/b]" in result.stdout.replace("\n", "")


def test_broken_action_catalogue_fails_validation(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text("actions: [not valid\n")
    result = multivector("validate", str(path))
    assert result.returncode == 2 and "YAML syntax" in result.stderr


def test_duplicate_orders_refuse_the_turn(tiny_world: World) -> None:
    game = Game.new(tiny_world, seed=1)
    orders = encode_orders(tiny_world, [[Order("RU", "summit", "KZ"), Order("RU", "summit", "KZ")]])
    with pytest.raises(IllegalOrderError, match="the same order twice"):
        game.play_arrays(orders)
    assert game.turn == 0


def test_an_event_does_not_fire_again_while_its_spread_runs(tmp_path: Path) -> None:
    """A repeating event with a 3-turn spread fires, then waits for its spread to end:
    every push of every firing is applied (no silent loss)."""
    text = TINY.replace("    chance: 0.3\n    once: false\n", "    chance: 1.0\n    once: false\n").replace(
        "    effects:\n      - {var: prosperity, country: KG, amount: -0.05, scale_by: shock_size}\n",
        "    effects: []\n    spread:\n      turns: 3\n      effects:\n"
        "        - {var: prosperity, country: KG, amount: -0.05, scale_by: shock_size}\n",
    )
    world = compile_world(load_scenario(_scenario(tmp_path, text)))
    event = world.events.ids.index("random_shock")
    game = Game.new(world, seed=1)
    game.play_to_end(policy=lambda w, s, r: encode_orders(w, [[]] * s.runs))
    fired = [record.turn for record in game.records if record.fired[0, event]]
    assert fired == [0, 3, 6]


def test_windowless_random_events_cover_a_longer_game(tiny_world: World, tiny_loaded) -> None:  # type: ignore[no-untyped-def]
    world = compile_world(tiny_loaded, turns=40)
    event = world.events.ids.index("random_shock")
    assert world.events.window_last[event] == 39


@pytest.fixture
def saved(tiny_world: World, tmp_path: Path) -> Path:
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    for _ in range(3):
        game.play()
    path = tmp_path / "save.json"
    write_save(path, make_save(game, "tiny", "tiny.yaml", "0" * 64, {}, ["KZ"]))
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(turns=2), "3 turns played in a game of 2"),
        (lambda d: d["history"][1].update(quarter="1999Q1"), "quarters must follow one another"),
        (lambda d: d.update(version=True), "version"),
        (lambda d: d.update(human_roles=["KZ", "KZ"]), "listed twice"),
    ],
    ids=["more-history-than-turns", "quarters", "bool-version", "duplicate-roles"],
)
def test_inconsistent_saves_are_refused(saved: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(saved.read_text())
    mutate(data)
    saved.write_text(json.dumps(data))
    with pytest.raises(InputFileError, match=message):
        read_save(saved)


def test_snapshot_bomb_is_refused_without_inflating_it(tiny_world: World, saved: Path) -> None:
    data = json.loads(saved.read_text())
    data["history"][0]["snapshot"] = base64.b64encode(zlib.compress(b"\0" * 50_000_000, 9)).decode()
    saved.write_text(json.dumps(data))
    with pytest.raises(InputFileError, match="larger than a state"):
        restore_game(read_save(saved), tiny_world, str(saved))


def test_tampered_snapshot_is_refused(tiny_world: World, saved: Path) -> None:
    data = json.loads(saved.read_text())
    raw = bytearray(zlib.decompress(base64.b64decode(data["history"][1]["snapshot"])))
    raw[8] ^= 0xFF  # flip bits of one stored value
    data["history"][1]["snapshot"] = base64.b64encode(zlib.compress(bytes(raw))).decode()
    saved.write_text(json.dumps(data))
    with pytest.raises(InputFileError, match=r"history\[1\].checksum: snapshot does not match its checksum"):
        restore_game(read_save(saved), tiny_world, str(saved))


def test_saved_game_starting_in_another_quarter_is_refused(tiny_world: World, saved: Path) -> None:
    later = replace(tiny_world, start_quarter=tiny_world.start_quarter + 1)
    with pytest.raises(InputFileError, match="is not the scenario's first quarter"):
        restore_game(read_save(saved), later, str(saved))
