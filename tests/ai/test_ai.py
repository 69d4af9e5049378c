"""Computer players: determinism, legality, reasons and the tournament command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.engine.ai.policy import Level, decide, level_grid, make_policy, normal_orders, parse_level
from game.engine.ai.reasons import ReasonKind, explain_orders
from game.engine.ai.tournament import line_ups, wilson
from game.engine.codes import N_ROLES, ROLE_NAMES, ROLES
from game.engine.game import Game
from game.engine.orders import validate_orders
from game.engine.scores import headline
from game.engine.world import World
from game.i18n.reasons import reason_lines
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario

# Every level on some role: easy on KZ, TM, RU; hard on KG, TJ, WEST; normal elsewhere.
MIXED = np.array([[0, 1, 2, 2, 0, 0, 1, 2]])


@pytest.fixture(scope="module")
def tutorial() -> World:
    return compile_world(load_scenario(resolve_scenario("tutorial")))


def _play(world: World, seed: int, runs: int = 1, first_run: int = 0, grid: np.ndarray = MIXED) -> Game:
    game = Game.new(world, seed=seed, runs=runs, first_run=first_run, keep_ledger=False)
    game.play_to_end(policy=make_policy(grid))
    return game


def test_same_seed_same_choices(tutorial: World) -> None:
    """Every level is deterministic under the game's seed."""
    a, b = _play(tutorial, 5, runs=2), _play(tutorial, 5, runs=2)
    for left, right in zip(a.records, b.records, strict=True):
        assert np.array_equal(left.orders.action, right.orders.action)
        assert np.array_equal(left.orders.target, right.orders.target)
    assert np.array_equal(a.state.values, b.state.values)


def test_run_of_a_batch_equals_the_single_game(tutorial: World) -> None:
    """AI draws (and the hard player's rollouts) are keyed by run, not by batch position."""
    batch = _play(tutorial, 9, runs=3)
    single = _play(tutorial, 9, runs=1, first_run=2)
    for in_batch, alone in zip(batch.records, single.records, strict=True):
        assert np.array_equal(in_batch.orders.action[2], alone.orders.action[0])
        assert np.array_equal(in_batch.orders.target[2], alone.orders.target[0])
    assert np.array_equal(batch.state.values[2], single.state.values[0])


@pytest.mark.parametrize("level", ["easy", "normal", "hard"])
def test_every_ai_order_is_legal(tutorial: World, level: str) -> None:
    """validate_orders finds nothing wrong with any computer order, turn after turn."""
    game = Game.new(tutorial, seed=3, runs=4, keep_ledger=False)
    grid = level_grid(dict.fromkeys(ROLES, level), game.state.runs)
    given = 0
    while not game.is_over():
        orders = decide(tutorial, game.state, game.streams, grid).orders
        for run in range(game.state.runs):
            listed = orders.orders_of_run(tutorial, run)
            given += len(listed)
            assert validate_orders(tutorial, game.state, listed, run=run) == []
        game.play_arrays(orders)
    assert given > 0


def test_reasons_name_real_causes(tutorial: World) -> None:
    """One non-empty line per order, naming the actor, the target and a value really in the state."""
    game = Game.new(tutorial, seed=2, runs=1)
    for _ in range(3):
        state = game.state
        decision = decide(tutorial, state, game.streams, MIXED)
        orders = decision.orders.orders_of_run(tutorial, 0)
        reasons = decision.reasons(tutorial, state, 0)
        assert len(reasons) == len(orders) > 0
        d = headline(state.values, tutorial.weight)[0]
        for order, reason in zip(orders, reason_lines(tutorial, reasons), strict=True):
            assert reason.lower().startswith(ROLE_NAMES[order.role].lower())
            assert ROLE_NAMES[order.target] in reason
            numbers = re.findall(r"is (\d+)/100", reason)
            if numbers and "there is" not in reason:  # the normal and hard players quote a state variable (0–100)
                assert np.any(np.abs(100 * state.values[0] - float(numbers[0])) <= 0.5 + 1e-9)
            else:  # the easy player quotes headline dependence (0-100) or favour
                quoted = [int(x) for x in re.findall(r"(?:Russia|China|the West) (\d+)", reason)]
                favour = re.findall(r"there is (\d+)/100", reason)
                assert quoted or favour
                for value in quoted:
                    assert np.any(np.abs(100 * d - value) <= 0.5 + 1e-9)
        game.play_arrays(decision.orders)


def test_explain_orders_default_level_is_normal(tutorial: World) -> None:
    game = Game.new(tutorial, seed=1)
    orders = normal_orders(tutorial, game.state, game.streams)
    reasons = explain_orders(tutorial, game.state, orders, 0)
    assert reasons and all(reason.kind is ReasonKind.VALUATION and not reason.hard for reason in reasons)
    assert all("to its score by the end" in line for line in reason_lines(tutorial, reasons))


def test_levels_parse_and_policy_labels() -> None:
    assert parse_level("HARD") is Level.HARD
    with pytest.raises(ValueError, match="not an AI level"):
        parse_level("expert")
    with pytest.raises(ValueError, match="not a role"):
        level_grid({"XX": "easy"}, 1)
    assert make_policy({"RU": "easy"}).levels["RU"] == "easy"  # type: ignore[attr-defined]
    assert len(line_ups()) == 3 + 2 * N_ROLES


def test_wilson_interval_contains_the_rate() -> None:
    low, high = wilson(np.array([0, 7, 20]), 20)
    assert np.all(low <= np.array([0, 7, 20]) / 20) and np.all(high >= np.array([0, 7, 20]) / 20)
    assert low[0] == 0.0 and high[2] == pytest.approx(1.0)


def test_tournament_command_end_to_end(tmp_path: Path) -> None:
    """A small bracket through the real command line."""
    result = subprocess.run(
        [sys.executable, "-m", "game", "tournament", "tutorial", "--runs", "4", "--seed", "3",
         "--calibrate", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Win rates" in result.stdout and "hard beats normal" in result.stdout
    block = yaml.safe_load(result.stdout[result.stdout.index("victory:\n") :].split("\nwrote ")[0])
    assert set(block["victory"]) == set(ROLES)
    assert all(set(pars) == {"easy", "normal", "hard"} for pars in block["victory"].values())
    figures = json.loads((tmp_path / "tournament.json").read_text())
    assert figures["suggested_victory"] == block["victory"]
    # A par is the median score of its line-up, so every role reaches it in at least half the games.
    for level in ("easy", "normal", "hard"):
        assert all(rate[0] >= 0.5 for rate in figures["win_rates_at_suggested"][level].values())
    assert set(figures["win_rates"]) == {"easy", "normal", "hard"}
    assert set(figures["paired"]) == {"hard>normal", "normal>easy"}
    assert set(figures["agency"]) == set(ROLES)  # pass is among the default levels
    assert abs(sum(figures["action_shares"]["hard"].values()) - 1.0) < 1e-9
    bad = subprocess.run(
        [sys.executable, "-m", "game", "tournament", "tutorial", "--runs", "2", "--levels", "expert"],
        capture_output=True, text=True, timeout=60,
    )
    assert bad.returncode == 2 and "not an AI level" in bad.stderr
