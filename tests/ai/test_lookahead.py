"""The hard player: when it looks ahead, and when a plan may replace the normal one."""

from __future__ import annotations

import numpy as np

from game.engine.ai.lookahead import WINDOW, choose_plan, looks_ahead
from game.engine.ai.policy import decide, level_grid
from game.engine.codes import ROLES
from game.engine.game import Game
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def test_a_plan_needs_a_clear_paired_advantage() -> None:
    # (pairs, plans, rollouts): pair 0 — plan 2 better in every rollout; pair 1 — plan 1 better
    # on average only thanks to one lucky rollout; pair 2 — nothing beats the normal plan.
    worth = np.array(
        [
            [[10.0, 11.0, 12.0, 13.0], [10.1, 11.1, 12.1, 13.1], [10.5, 11.5, 12.4, 13.6]],
            [[10.0, 10.0, 10.0, 10.0], [9.0, 9.0, 9.0, 14.0], [9.9, 9.9, 9.9, 9.9]],
            [[10.0, 10.0, 10.0, 10.0], [10.0, 10.0, 10.0, 10.0], [9.0, 9.0, 9.0, 9.0]],
        ]
    )
    mean, best = choose_plan(worth)
    assert best.tolist() == [2, 0, 0]
    assert np.allclose(mean, worth.mean(axis=2))


def test_hard_plays_the_normal_plan_until_the_end_is_near() -> None:
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")))
    assert world.turns > WINDOW
    game = Game.new(world, seed=4, runs=2, keep_ledger=False)
    hard = level_grid(dict.fromkeys(ROLES, "hard"), 2)
    compared = []
    while not game.is_over():
        hard_decision = decide(world, game.state, game.streams, hard)
        normal_decision = decide(world, game.state, game.streams, None)
        same = np.array_equal(hard_decision.orders.action, normal_decision.orders.action) and np.array_equal(
            hard_decision.orders.target, normal_decision.orders.target
        )
        if not looks_ahead(world, game.state):
            assert same and hard_decision.plans == 0
        else:
            assert hard_decision.plans > 1
            compared.append(same)
        game.play_arrays(hard_decision.orders)
    assert len(compared) == WINDOW
    assert not all(compared)  # within the window the look-ahead changes some turn's orders
