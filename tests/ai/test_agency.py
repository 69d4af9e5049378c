"""The pass level (no orders) and the agency measure: normal against passing, role by role."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.policy import Level, decide, level_grid, make_policy, parse_level, victory
from game.engine.ai.tournament import agency, line_ups, play_tournament
from game.engine.codes import ROLES
from game.engine.game import Game
from game.engine.orders import NO_ACTION
from game.engine.world import World
from game.io.save import read_save, write_save
from game.play.match import Match
from game.play.scenario import ScenarioSetup
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario

RUNS, SEED = 6, 21


@pytest.fixture(scope="module")
def tutorial() -> World:
    return compile_world(load_scenario(resolve_scenario("tutorial")))


def _final_scores(world: World, levels: dict[str, str]) -> np.ndarray:
    """(RUNS, ROLES) final scores of games played one policy at a time, outside the tournament."""
    game = Game.new(world, seed=SEED, runs=RUNS, keep_ledger=False, policy=make_policy(levels))
    game.play_to_end()
    return game.records[-1].scores


def test_pass_is_a_level_by_name() -> None:
    assert parse_level("Pass") is Level.PASS and Level.PASS.label == "pass"


def test_a_passing_role_gives_no_orders_and_leaves_the_others_theirs(tutorial: World) -> None:
    """Every turn, the passing role's slots are empty; the other roles order exactly what they would
    with every role at normal on the same state (the AI stream is drawn whatever the levels)."""
    game = Game.new(tutorial, seed=SEED, runs=RUNS, keep_ledger=False)
    tj = ROLES.index("TJ")
    others = [r for r in range(len(ROLES)) if r != tj]
    while not game.is_over():
        passing = decide(tutorial, game.state, game.streams, level_grid({"TJ": "pass"}, RUNS)).orders
        normal = decide(tutorial, game.state, game.streams, level_grid(None, RUNS)).orders
        assert np.all(passing.action[:, tj] == NO_ACTION)
        assert np.array_equal(passing.action[:, others], normal.action[:, others])
        assert np.array_equal(passing.target[:, others], normal.target[:, others])
        game.play_arrays(passing)
    assert all(np.all(record.orders.action[:, tj] == NO_ACTION) for record in game.records)
    assert any(np.any(record.orders.action[:, tj] != NO_ACTION) for record in _normal_game(tutorial).records)


def _normal_game(world: World) -> Game:
    game = Game.new(world, seed=SEED, runs=RUNS, keep_ledger=False, policy=make_policy(None))
    game.play_to_end()
    return game


def test_agency_is_the_gap_in_sds_of_games_played_directly(tutorial: World) -> None:
    """The tournament's games are the games played alone, and the measure is their arithmetic."""
    result = play_tournament(tutorial, RUNS, SEED, ("normal", "pass"))
    assert [line.name for line in result.line_ups] == ["all:normal", *[f"{role}:pass" for role in ROLES]]
    normal = _final_scores(tutorial, {})
    assert np.array_equal(result.scores[result.index("all:normal")], normal)
    measured = agency(result)
    for r, role in enumerate(ROLES):
        passed = _final_scores(tutorial, {role: "pass"})
        assert np.array_equal(result.scores[result.index(f"{role}:pass")], passed)
        assert result.actions[result.index(f"{role}:pass"), r].sum() == 0  # no orders counted for it
        expected = (statistics.fmean(normal[:, r]) - statistics.fmean(passed[:, r])) / statistics.stdev(normal[:, r])
        assert measured.sd_multiple[r] == pytest.approx(expected, rel=1e-12)
        assert measured.beats[r] == pytest.approx(np.mean(normal[:, r] > passed[:, r] + 1e-9))
        gaps = normal[:, r] - passed[:, r]
        assert measured.paired_multiple[r] == pytest.approx(statistics.fmean(gaps) / statistics.stdev(gaps), rel=1e-9)


def test_pass_plays_all_normal_to_compare_with() -> None:
    names = [line.name for line in line_ups(("pass",))]
    assert names[0] == "all:normal" and "all:pass" not in names and len(names) == 1 + len(ROLES)


def test_a_passing_opponent_counts_as_easy_for_victory_targets(tutorial: World) -> None:
    scores = np.full(len(ROLES), 50.0)
    all_pass, _ = victory(tutorial, scores, dict.fromkeys(ROLES, "pass"))
    all_easy, _ = victory(tutorial, scores, dict.fromkeys(ROLES, "easy"))
    one_pass, _ = victory(tutorial, scores, {"KZ": "pass"})
    one_easy, _ = victory(tutorial, scores, {"KZ": "easy"})
    assert np.array_equal(all_pass, tutorial.victory[int(Level.EASY)])
    assert np.array_equal(all_pass, all_easy) and np.array_equal(one_pass, one_easy)


def test_a_save_with_a_passing_role_records_it_and_replays(tmp_path: Path) -> None:
    setup = ScenarioSetup.open("tutorial")
    match = Match.new(setup, seed=3, levels={"UZ": "pass", "RU": "hard"})
    match.play_turn()
    match.play_turn()
    write_save(tmp_path / "save.json", match.save_file())
    assert read_save(tmp_path / "save.json").ai_levels == {"UZ": "pass", "RU": "hard"}
    loaded = Match.load(tmp_path / "save.json")
    assert loaded.levels == {"UZ": "pass", "RU": "hard"} and loaded.turn == 2
    assert np.array_equal(loaded.game.state.values, match.game.state.values)


def _multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    wide = {**os.environ, "COLUMNS": "200"}  # the agency table's headers on one line
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, timeout=300, env=wide
    )


def test_run_command_takes_pass(tmp_path: Path) -> None:
    result = _multivector("run", "tutorial", "--seed", "2", "--ai", "KG=pass", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    save = json.loads((tmp_path / "save.json").read_text())
    assert save["ai_levels"]["KG"] == "pass"
    orders = [order for turn in save["history"] for order in turn["orders"]]
    assert len(save["history"]) == 4 and orders and not [order for order in orders if order.startswith("KG ")]


def test_tournament_command_prints_and_writes_the_agency(tmp_path: Path, tutorial: World) -> None:
    result = _multivector("tournament", "tutorial", "--runs", "5", "--seed", "8", "--levels", "pass",
                          "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Agency" in result.stdout and "(normal − pass) ÷ SD" in result.stdout
    figures = json.loads((tmp_path / "tournament.json").read_text())
    measured = agency(play_tournament(tutorial, 5, 8, ("normal", "pass")))
    assert [figures["agency"][role]["sd_multiple"] for role in ROLES] == measured.sd_multiple.tolist()
    assert set(figures["win_rates"]) == {"normal"} and set(figures["action_shares"]) == {"normal"}
