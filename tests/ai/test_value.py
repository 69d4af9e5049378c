"""The normal player's valuation: the fast per-column gradients agree with the reference definition."""

from __future__ import annotations

import numpy as np

from game.engine.ai.value import _column_effective_gradients, candidates_of, effective_gradients, role_gradient
from game.engine.codes import N_ROLES
from game.engine.game import Game
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def test_column_gradients_equal_the_full_effective_gradients() -> None:
    """A positive push for p on a share is worth g_p − Σ_q g_q·s_q, a negative one g_p·s_p (docs/ai.md)."""
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")), turns=4)
    game = Game.new(world, seed=3, runs=5, keep_ledger=False)
    game.play_to_end()  # spread the runs apart
    values = game.state.values
    for role in range(N_ROLES):
        gradient = role_gradient(values, world.weight, role)
        columns = candidates_of(world.actions)[role].columns
        positive, negative = effective_gradients(values, gradient)
        column_positive, column_negative = _column_effective_gradients(values, gradient, columns)
        assert np.allclose(column_positive, positive[:, columns], rtol=1e-12, atol=1e-12), role
        assert np.allclose(column_negative, negative[:, columns], rtol=1e-12, atol=1e-12), role
