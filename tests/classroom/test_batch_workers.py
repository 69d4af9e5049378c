"""A batch split across worker processes (and into blocks) equals the in-process batch exactly."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.batch import can_fork, play_batch
from game.play.metrics import metric_matrix
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


def test_two_workers_equal_one_process_and_single_games() -> None:
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")), {}, 6)
    one = play_batch(world, seed=4, runs=61, first_run=7)
    seen: list[int] = []
    two = play_batch(world, seed=4, runs=61, first_run=7, workers=2, block=20, on_turn=lambda t, _: seen.append(t))
    assert seen == list(range(1, world.turns + 1))
    for name in ("bands", "final", "fired", "fired_turns"):
        assert np.array_equal(getattr(one, name), getattr(two, name)), name
    for run in (0, 30, 60):
        game = Game.new(world, seed=4, first_run=7 + run, keep_ledger=False, policy=normal_orders)
        game.play_to_end()
        assert np.array_equal(metric_matrix(game.state.values, world.weight)[0], two.final[run])
        assert np.array_equal(game.state.fired[0], two.fired[run])


def test_a_failing_worker_is_reported_not_hung() -> None:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 3)
    broken = world.__class__(**{**world.__dict__, "weight": world.weight[:2]})  # wrong shape: fails in play
    with pytest.raises(RuntimeError, match="batch worker"):
        play_batch(broken, seed=1, runs=20, workers=2)
