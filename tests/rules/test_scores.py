"""The compiled measures (headline dependence, autonomy, role scores) against the formulas of
``game.engine.scores``'s docstring written out in plain numpy, on random states (to 1e-12)."""

from __future__ import annotations

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.codes import CHANNELS, N_CHANNELS, N_COUNTRIES, N_POWERS, POWERS
from game.engine.game import Game
from game.engine.layout import BLOCKS, N_VARIABLES
from game.engine.scores import measure, metric_values
from game.engine.world import World
from game.play.metrics import METRIC_INDEX, metric_matrix
from tests.rules.test_kernels import random_values

RU, CN, WEST = (POWERS.index(code) for code in POWERS)
TRADE, ENERGY, TRANSPORT = (CHANNELS.index(name) for name in ("trade", "energy", "transport"))


def block(values: np.ndarray, name: str) -> np.ndarray:
    """A shaped view of one block of ``values`` (R, V)."""
    spec = BLOCKS[name]
    return values[:, spec.start : spec.stop].reshape(values.shape[0], *spec.shape)


def scores_by_formula(values: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Headline D, autonomy and the role objectives exactly as the module docstring states them."""
    runs = values.shape[0]
    dependence = block(values, "dependence")
    favour = block(values, "favour")
    tension = block(values, "tension")
    head = np.zeros((runs, N_COUNTRIES, N_POWERS))
    for channel in range(N_CHANNELS):
        head += weight[None, :, None, channel] * dependence[:, :, :, channel]
    autonomy = 100.0 * (1.0 - np.sqrt((head**2).sum(axis=2)))
    countries = 0.5 * autonomy + 25.0 * block(values, "prosperity") + 25.0 * block(values, "stability")
    russia = 70.0 * head[:, :, RU].mean(axis=1) + 30.0 * favour[:, :, RU].mean(axis=1)
    china = (
        35.0 * dependence[:, :, CN, ENERGY].mean(axis=1)
        + 35.0 * dependence[:, :, CN, TRADE].mean(axis=1)
        + 30.0 * (1.0 - tension[:, :, CN].mean(axis=1))
    )
    west = (
        40.0 * head[:, :, WEST].mean(axis=1)
        + 30.0 * dependence[:, :, WEST, TRANSPORT].mean(axis=1)
        + 30.0 * favour[:, :, WEST].mean(axis=1)
    )
    return head, autonomy, np.column_stack([countries, russia, china, west])


def test_measures_follow_the_formulas() -> None:
    """One pass gives headline D (0–1), autonomy and every role's objective (0–100)."""
    rng = np.random.default_rng(3)
    values = random_values(rng, 300)
    weight = rng.dirichlet(np.ones(N_CHANNELS), size=N_COUNTRIES)
    head, autonomy, scores = scores_by_formula(values, weight)
    measured = measure(values, weight)
    assert np.allclose(measured.headline, head, rtol=0.0, atol=1e-12)
    assert np.allclose(measured.autonomy, autonomy, rtol=0.0, atol=1e-12)
    assert np.allclose(measured.scores, scores, rtol=0.0, atol=1e-12)
    table = metric_matrix(values, weight)
    assert np.allclose(table[:, METRIC_INDEX["headline.KG.CN"]], 100.0 * head[:, 2, CN], rtol=0.0, atol=1e-12)
    assert np.allclose(table[:, METRIC_INDEX["autonomy.TM"]], autonomy[:, 4], rtol=0.0, atol=1e-12)
    assert np.allclose(table[:, METRIC_INDEX["score.WEST"]], scores[:, -1], rtol=0.0, atol=1e-12)


def test_a_run_measures_the_same_alone_or_in_a_batch() -> None:
    """Run i's measures do not depend on the other runs measured with it."""
    rng = np.random.default_rng(4)
    values = random_values(rng, 40)
    weight = rng.random((N_COUNTRIES, N_CHANNELS))
    together = measure(values, weight).table
    alone = np.concatenate([measure(values[run : run + 1], weight).table for run in range(40)])
    assert np.array_equal(together, alone)


def test_condition_metrics_are_values_then_headline_then_autonomy() -> None:
    """Event conditions read flat values, then headline D (country, power), then autonomy/100."""
    rng = np.random.default_rng(5)
    values = random_values(rng, 30)
    weight = rng.dirichlet(np.ones(N_CHANNELS), size=N_COUNTRIES)
    head, autonomy, _ = scores_by_formula(values, weight)
    headline_kg_west = N_VARIABLES + 2 * N_POWERS + WEST
    autonomy_uz = N_VARIABLES + N_COUNTRIES * N_POWERS + 1
    columns = np.array([autonomy_uz, 17, headline_kg_west, 17])
    measured = metric_values(values, weight, columns)
    assert np.allclose(measured[:, 0], autonomy[:, 1] / 100.0, rtol=0.0, atol=1e-12)
    assert np.array_equal(measured[:, 1], values[:, 17])
    assert np.allclose(measured[:, 2], head[:, 2, WEST], rtol=0.0, atol=1e-12)
    assert np.array_equal(measured[:, 3], values[:, 17])
    assert metric_values(values, weight, np.zeros(0, dtype=np.int64)).shape == (30, 0)


def test_a_turn_records_the_measures_of_the_state_it_leaves(tiny_world: World) -> None:
    """The record's scores are those of the resolved state, so a batch need not measure again."""
    game = Game.new(tiny_world, seed=2, runs=5, policy=normal_orders)
    record = game.play()
    again = measure(game.state.values, tiny_world.weight)
    assert np.array_equal(record.measures.table, again.table)
    assert np.array_equal(record.scores, again.scores)
