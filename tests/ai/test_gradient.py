"""The computer players' gradient is the score's derivative: checked by finite differences of
``role_scores`` for every role, on random states and on states of a played game."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.ai.players import normal_orders
from game.engine.ai.value import _autonomy_gradient, candidates_of, role_values
from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.game import Game
from game.engine.layout import COUNTRY_SHARES, N_VARIABLES, share_column
from game.engine.rules import push_changes
from game.engine.scores import constant_gradient, role_scores
from game.engine.state import State
from game.engine.world import World
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario
from tests.rules.test_kernels import random_values

STEP = 1e-6  # central differences: truncation ~STEP², rounding ~1e-16·100/STEP, both far below 1e-6


def ai_gradient(values: np.ndarray, weight: np.ndarray, role: int) -> np.ndarray:
    """The gradient the valuation uses, (R, V): ``constant_gradient`` and, for a country, the
    autonomy term of its own shares from the compiled ``_autonomy_gradient``."""
    runs = values.shape[0]
    gradient = np.repeat(constant_gradient(weight, role)[None, :], runs, axis=0)
    if role < N_COUNTRIES:
        varying = np.empty((N_POWERS * N_CHANNELS, runs))
        _autonomy_gradient(np.ascontiguousarray(values.T), np.ascontiguousarray(weight), role, 0, runs, varying)
        first = share_column(role, 0, 0)
        gradient[:, first : first + COUNTRY_SHARES] = varying.T
    return gradient


def score_derivative(values: np.ndarray, weight: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """d(role_scores)/dt at ``values + t·direction[k]`` for every run and direction: (R, K, ROLES)."""
    up = values[:, None, :] + STEP * direction
    down = values[:, None, :] - STEP * direction
    runs, count = up.shape[:2]
    high = role_scores(up.reshape(-1, N_VARIABLES), weight).reshape(runs, count, N_ROLES)
    low = role_scores(down.reshape(-1, N_VARIABLES), weight).reshape(runs, count, N_ROLES)
    return (high - low) / (2.0 * STEP)


@pytest.fixture(scope="module")
def played() -> tuple[World, State]:
    """A middle-corridor game, 5 runs after 4 turns: real states and its channel weights."""
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")), turns=6)
    game = Game.new(world, seed=3, runs=5, keep_ledger=False, policy=normal_orders)
    for _ in range(4):
        game.play()
    return world, game.state


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gradient_equals_the_scores_derivative_for_every_role(seed: int, played: tuple[World, State]) -> None:
    """For each of the 8 roles and every variable, the valuation's gradient equals the finite
    difference of the role's score: random states and weights, and a played game's states."""
    rng = np.random.default_rng(seed)
    world, state = played
    cases = [
        (random_values(rng, 6), rng.dirichlet(np.ones(N_CHANNELS), size=N_COUNTRIES)),
        (state.values, world.weight),
    ]
    for values, weight in cases:
        derivative = score_derivative(values, weight, np.eye(N_VARIABLES))  # (R, V, ROLES)
        for role in range(N_ROLES):
            gradient = ai_gradient(values, weight, role)
            assert np.abs(gradient).max() > 1.0, role  # a real gradient, not zeros
            assert np.allclose(gradient, derivative[:, :, role], rtol=0.0, atol=1e-6), role


def test_a_push_is_valued_by_the_scores_change_under_the_push_rule(played: tuple[World, State]) -> None:
    """The effective gradients of every role's columns are the score's derivative along the change
    the engine's push rule makes for a unit positive (and negative) push on that column."""
    world, state = played
    for role in range(N_ROLES):
        columns = candidates_of(world.actions)[role].columns
        judged = role_values(world, state, state.values, role, parts=True)
        for sign, effective in ((1.0, judged.positive), (-1.0, judged.negative)):
            unit = np.zeros((columns.size, N_VARIABLES))
            unit[np.arange(columns.size), columns] = sign
            direction = np.stack([push_changes(np.repeat(row[None], columns.size, 0), unit) for row in state.values])
            derivative = score_derivative(state.values, world.weight, direction)[:, :, role]
            assert np.allclose(sign * effective, derivative, rtol=0.0, atol=1e-6), (role, sign)
