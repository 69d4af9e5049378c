"""The play layer: a game needs a computer player; a Match starts, plays, saves, resumes and
takes back games exactly as the engine plays them; a save's scenario is found and checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.ai.policy import make_policy, normal_orders
from game.engine.codes import ROLES
from game.engine.game import Game, NoComputerPlayerError
from game.engine.orders import Order
from game.engine.world import World
from game.io.save import read_save, scenario_files, write_save
from game.play.match import Match
from game.play.scenario import ScenarioChangedError, ScenarioSetup
from game.scenario.library import SCENARIOS_DIR
from tests.conftest import DATA

LEVELS = {"RU": "hard", "UZ": "easy"}


@pytest.fixture(scope="module")
def tiny() -> ScenarioSetup:
    return ScenarioSetup.open(DATA / "tiny.yaml")


def test_a_game_without_a_computer_player_refuses_to_play_a_turn(tiny_world: World) -> None:
    game = Game.new(tiny_world, seed=1)
    with pytest.raises(NoComputerPlayerError, match="no computer player"):
        game.play()
    with pytest.raises(NoComputerPlayerError):
        game.play([[Order("KZ", "host_summit", "WEST")]], human_roles=["KZ"])
    assert game.turn == 0 and game.records == []


def test_humans_on_every_role_need_no_computer_player(tiny_world: World) -> None:
    """With every role human the turn is just their orders: the same state as with a computer player asked."""
    orders = [[Order("KZ", "host_summit", "WEST"), Order("CN", "summit", "KZ")]]
    alone, helped = Game.new(tiny_world, seed=3), Game.new(tiny_world, seed=3, policy=normal_orders)
    assert alone.play(orders, human_roles=ROLES).hashes == helped.play(orders, human_roles=ROLES).hashes
    assert [str(o) for o in alone.records[0].orders.orders_of_run(tiny_world, 0)] == [
        "KZ host_summit WEST",
        "CN summit KZ",
    ]


def test_a_match_plays_as_the_engine_does_at_its_levels(tiny: ScenarioSetup) -> None:
    match = Match.new(tiny, seed=9, human_roles=["KZ"], levels=LEVELS, run=2)
    engine = Game.new(tiny.world, seed=9, first_run=2, policy=make_policy(LEVELS))
    for orders in ([Order("KZ", "host_summit", "WEST")], []):
        assert match.play_turn(orders).hashes == engine.play([orders], human_roles=["KZ"]).hashes
    match.play_to_end()
    engine.play_to_end()
    assert [r.hashes for r in match.game.records] == [r.hashes for r in engine.records]


def test_a_saved_match_resumes_and_continues_as_if_never_stopped(tiny: ScenarioSetup, tmp_path: Path) -> None:
    straight = Match.new(tiny, seed=4, human_roles=["KZ"], levels=LEVELS)
    straight.play_turn([Order("KZ", "diversify_routes", "RU")])
    straight.play_turn()
    path = tmp_path / "save.json"
    write_save(path, straight.save_file())
    straight.play_to_end()

    resumed = Match.load(path)
    assert (resumed.turn, resumed.human_roles, resumed.levels, resumed.seed) == (2, ["KZ"], LEVELS, 4)
    resumed.play_to_end()
    assert [r.hashes for r in resumed.game.records] == [r.hashes for r in straight.game.records]
    saved = read_save(path)
    assert saved.scenario.path == str(DATA / "tiny.yaml") and saved.ai_levels == LEVELS


def test_rewinding_leaves_the_match_as_it_was(tiny: ScenarioSetup) -> None:
    match = Match.new(tiny, seed=6, levels=LEVELS)
    match.play_to_end()
    earlier = match.rewound(3)
    assert earlier.turn == 3 and match.turn == tiny.world.turns
    assert earlier.game.state.hashes() == match.game.states[3].hashes()
    earlier.play_turn()  # it plays on at the same levels
    assert earlier.game.state.hashes() == match.game.states[4].hashes()


def _copy_tiny(folder: Path) -> Path:
    """The tiny scenario with its own baseline in ``folder`` (the action catalogue stays shared)."""
    folder.mkdir()
    text = (DATA / "tiny.yaml").read_text()
    (folder / "tiny.yaml").write_text(text)
    shutil.copy(DATA / "tiny_baseline.yaml", folder / "tiny_baseline.yaml")
    return folder / "tiny.yaml"


@pytest.mark.parametrize("changed", ["tiny.yaml", "tiny_baseline.yaml"])
def test_a_save_refuses_a_scenario_whose_files_changed(tmp_path: Path, changed: str) -> None:
    """The fingerprint covers the scenario and its baseline; a changed file is named, and the
    map (which replays every turn's hash anyway) may still load the save."""
    scenario = _copy_tiny(tmp_path / "scenario")
    match = Match.new(ScenarioSetup.open(scenario), seed=2)
    match.play_turn()
    path = tmp_path / "save.json"
    write_save(path, match.save_file())
    with (scenario.parent / changed).open("a") as handle:
        handle.write("# edited after the game\n")
    with pytest.raises(ScenarioChangedError) as refused:
        Match.load(path)
    assert refused.value.scenario == scenario
    assert Match.load(path, same_files=False).game.state.hashes() == match.game.state.hashes()


def test_the_fingerprint_files_are_the_scenario_its_catalogue_and_its_baseline(tiny: ScenarioSetup) -> None:
    assert [path.resolve() for path in scenario_files(tiny.loaded)] == [
        (DATA / "tiny.yaml").resolve(),
        (SCENARIOS_DIR / "actions.yaml").resolve(),
        (DATA / "tiny_baseline.yaml").resolve(),
    ]


def test_a_save_whose_scenario_moved_finds_the_shipped_one_of_its_id(tmp_path: Path) -> None:
    match = Match.new(ScenarioSetup.open("tutorial"), seed=1)
    match.play_turn()
    data = json.loads(match.save_file().model_dump_json())
    data["scenario"]["path"] = str(tmp_path / "gone" / "tutorial.yaml")
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data))
    resumed = Match.load(path)
    assert resumed.setup.path == SCENARIOS_DIR / "tutorial.yaml"
    assert resumed.game.state.hashes() == match.game.state.hashes()
