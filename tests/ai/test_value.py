"""The normal player's valuation: the compiled loops agree with the definitions written out in numpy."""

from __future__ import annotations

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.ai.value import candidates_of, horizon_weights, role_values
from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.scores import constant_gradient
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario

DEP = BLOCKS["dependence"]
INDEX = slice(BLOCKS["favour"].start, BLOCKS["prosperity"].stop)


def role_gradient(values: np.ndarray, weight: np.ndarray, role: int) -> np.ndarray:
    """d(score of ``role``)/d(value), (R, V): a country's autonomy term is ``−50·D_p/|D|`` per
    headline dependence D_p, times the channel's weight (docs/rules.md)."""
    gradient = np.repeat(constant_gradient(weight, role)[None, :], values.shape[0], axis=0)
    if role < N_COUNTRIES:
        shares = values[:, DEP.start : DEP.stop].reshape(-1, N_COUNTRIES, N_POWERS, N_CHANNELS)[:, role]
        head = shares @ weight[role]  # (R, P)
        unit = head / np.sqrt(np.sum(head**2, axis=1, keepdims=True))
        own = gradient[:, DEP.start : DEP.stop].reshape(-1, N_COUNTRIES, N_POWERS, N_CHANNELS)
        own[:, role] = -50.0 * unit[:, :, None] * weight[role][None, None, :]
    return gradient


def effective_gradients(values: np.ndarray, gradient: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Value of a unit positive and negative raw push on each column, (R, V) each, by the push rule."""
    runs = values.shape[0]
    positive, negative = gradient.copy(), gradient.copy()
    shares = values[:, DEP.start : DEP.stop].reshape(runs, N_COUNTRIES, N_POWERS, N_CHANNELS)
    g = gradient[:, DEP.start : DEP.stop].reshape(runs, N_COUNTRIES, N_POWERS, N_CHANNELS)
    displaced = np.sum(g * shares, axis=2, keepdims=True)
    positive[:, DEP.start : DEP.stop] = (g - displaced).reshape(runs, -1)
    negative[:, DEP.start : DEP.stop] = (g * shares).reshape(runs, -1)
    positive[:, INDEX] = gradient[:, INDEX] * (1.0 - values[:, INDEX])
    negative[:, INDEX] = gradient[:, INDEX] * values[:, INDEX]
    return positive, negative


def _spread_runs():  # type: ignore[no-untyped-def]
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")), turns=6)
    game = Game.new(world, seed=3, runs=5, keep_ledger=False, policy=normal_orders)
    for _ in range(4):  # spread the runs apart; two turns stay, so fatigue and horizons matter
        game.play()
    return world, game.state


def test_column_gradients_equal_the_full_effective_gradients() -> None:
    """A positive push for p on a share is worth g_p − Σ_q g_q·s_q, a negative one g_p·s_p (docs/ai.md)."""
    world, state = _spread_runs()
    for role in range(N_ROLES):
        gradient = role_gradient(state.values, world.weight, role)
        columns = candidates_of(world.actions)[role].columns
        positive, negative = effective_gradients(state.values, gradient)
        judged = role_values(world, state, state.values, role, parts=True)
        assert np.allclose(judged.positive, positive[:, columns], rtol=1e-12, atol=1e-12), role
        assert np.allclose(judged.negative, negative[:, columns], rtol=1e-12, atol=1e-12), role


def test_candidate_values_are_signed_pushes_times_effective_gradients() -> None:
    """An order's value: each pushed column's effective gradient (by the push's sign) times the push
    weighted by what survives to the end, summed, divided by 1 + fatigue."""
    world, state = _spread_runs()
    assert state.fatigue.any()
    for role in range(N_ROLES):
        candidates = candidates_of(world.actions)[role]
        gradient = role_gradient(state.values, world.weight, role)
        positive, negative = (part[:, candidates.columns] for part in effective_gradients(state.values, gradient))
        now, later = horizon_weights(world, state.turn, candidates.lag, candidates.duration)
        pushes = candidates.now * now[candidates.columns, None] + candidates.later * later[:, candidates.columns].T
        expected = positive @ np.maximum(pushes, 0.0) + negative @ np.minimum(pushes, 0.0)
        expected /= 1.0 + state.fatigue[:, role, candidates.actions]
        judged = role_values(world, state, state.values, role, parts=True)
        assert np.allclose(judged.value, expected, rtol=1e-12, atol=1e-12), role
        assert np.abs(judged.value).max() > 0.01, role  # the check compares real values, not zeros
