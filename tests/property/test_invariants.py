"""Invariants over thousands of random turns, and determinism."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.ai.policy import normal_orders
from game.engine.codes import ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.ledger import ledger_rows
from game.engine.orders import Order, encode_orders, validate_orders
from game.engine.world import World

DEP = BLOCKS["dependence"]


def assert_invariants(game: Game) -> None:
    """No NaN; shares and indices in [0, 1]; each channel's shares sum to at most 1;
    points and capacity never negative; each turn's ledger adds up to its change."""
    for before, after, record in zip(game.states, game.states[1:], game.records, strict=False):
        values = after.values
        assert np.all(np.isfinite(values))
        for name in ("dependence", "favour", "tension", "stability", "prosperity"):
            block = after.block(name)
            assert block.min() >= 0.0 and block.max() <= 1.0, name
        assert after.block("dependence").sum(axis=2).max() <= 1.0 + 1e-12
        assert after.block("points").min() >= -1e-9
        if record.entries:
            total = np.zeros_like(values)
            for row in ledger_rows(list(record.entries)):
                total[row.run, row.column] += row.amount
            assert np.max(np.abs(total - (values - before.values))) < 1e-9


def random_legal_orders(world: World, game: Game, draws: list[tuple[int, int, int]]) -> list[Order]:
    """Keep the drawn orders that are legal given those kept before them."""
    kept: list[Order] = []
    for role, action, target in draws:
        order = Order(ROLES[role], world.actions.ids[action % world.actions.count], ROLES[target])
        if not validate_orders(world, game.state, [*kept, order]):
            kept.append(order)
    return kept


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 2**32),
    turns=st.lists(
        st.lists(st.tuples(st.integers(0, 7), st.integers(0, 30), st.integers(0, 7)), max_size=12),
        min_size=20,
        max_size=40,
    ),
)
def test_random_legal_orders_keep_every_invariant(tiny_world: World, seed: int, turns: list) -> None:
    world = tiny_world
    game = Game.new(world, seed=seed, policy=normal_orders)
    for draws in turns:
        orders = random_legal_orders(world, game, draws)
        game.play_arrays(encode_orders(world, [orders]))
    assert_invariants(game)


def test_thousands_of_computer_played_turns_keep_invariants(tiny_world: World) -> None:
    """200 worlds × 60 turns (12,000 run-turns) played by the computer on every role."""
    from dataclasses import replace

    world = replace(tiny_world, turns=60)
    game = Game.new(world, seed=11, runs=200, keep_ledger=False, policy=normal_orders)
    game.play_to_end()
    assert_invariants(game)


def test_batch_run_i_equals_single_game_i(tiny_world: World) -> None:
    """Run i of a batch is bit-identical to a single game with the same seed and index."""
    batch = Game.new(tiny_world, seed=5, runs=40, policy=normal_orders)
    batch.play_to_end()
    for index in (0, 17, 39):
        single = Game.new(tiny_world, seed=5, first_run=index, policy=normal_orders)
        single.play_to_end()
        assert single.state.hashes()[0] == batch.state.hashes()[index]
        for batch_record, single_record in zip(batch.records, single.records, strict=True):
            assert batch_record.hashes[index] == single_record.hashes[0]


def test_same_seed_same_game_different_seed_different_game(tiny_world: World) -> None:
    first, second, other = (Game.new(tiny_world, seed=s, policy=normal_orders) for s in (9, 9, 10))
    for game in (first, second, other):
        game.play_to_end()
    assert first.state.hashes() == second.state.hashes()
    assert first.state.hashes() != other.state.hashes()
