"""The compiled turn loops against the rules written out in plain numpy, on random states.

The expected numbers are the formulas of ``game.engine.rules``'s docstring, not a copy
of the kernels, so the comparison is to float rounding (1e-12), not bit for bit.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.engine.ai.policy import make_policy, normal_orders
from game.engine.causes import NO_EXTRA, Causes, apply_causes
from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS, N_VARIABLES, bounds_arrays
from game.engine.orders import NO_ACTION, OrderArrays
from game.engine.resolve import _active_slots, _anchor_rows, _list_orders, _start_orders
from game.engine.rng import RandomStreams, Stream
from game.engine.rules import NOISY_COLUMNS, clamp_changes, drift_rates, noise_scales, push_changes, settle
from game.engine.state import RUN_ARRAYS, State
from game.engine.world import World

DEP = slice(BLOCKS["dependence"].start, BLOCKS["dependence"].stop)
INDEX = slice(BLOCKS["favour"].start, BLOCKS["prosperity"].stop)
ADDITIVE = slice(BLOCKS["capacity"].start, N_VARIABLES)


def random_values(rng: np.random.Generator, runs: int) -> np.ndarray:
    """Random states: shares of each channel summing below 1, indices in [0, 1], points and capacity up to 5."""
    values = np.empty((runs, N_VARIABLES))
    shares = rng.dirichlet(np.ones(N_POWERS + 1), size=(runs, N_COUNTRIES, N_CHANNELS))[..., :N_POWERS]
    values[:, DEP] = shares.transpose(0, 1, 3, 2).reshape(runs, -1)
    values[:, INDEX] = rng.random((runs, INDEX.stop - INDEX.start))
    values[:, ADDITIVE] = 5.0 * rng.random((runs, N_VARIABLES - ADDITIVE.start))
    return values


def rule_by_formula(values: np.ndarray, positive: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """The push rule as the module docstring states it."""
    shape = (-1, N_COUNTRIES, N_POWERS, N_CHANNELS)
    s = values[:, DEP].reshape(shape)
    pos = positive[:, DEP].reshape(shape)
    neg = negative[:, DEP].reshape(shape)
    change = np.empty_like(values)
    change[:, DEP] = (pos - s * pos.sum(axis=2, keepdims=True) + neg * s).reshape(values.shape[0], -1)
    change[:, INDEX] = positive[:, INDEX] * (1.0 - values[:, INDEX]) + negative[:, INDEX] * values[:, INDEX]
    change[:, ADDITIVE] = positive[:, ADDITIVE] + negative[:, ADDITIVE]
    return change


@pytest.mark.parametrize("order", ["C", "F"])
def test_push_rule_kernel_follows_the_formula(order: str) -> None:
    """Δs_q = pos_q − s_q·Σ_p pos_p + neg_q·s_q; indices pos·(1 − x) + neg·x; points pos + neg."""
    rng = np.random.default_rng(1)
    values = np.asarray(random_values(rng, 200), order=order)
    raw = np.asarray(rng.normal(0.0, 0.05, values.shape), order=order)
    expected = rule_by_formula(values, np.maximum(raw, 0.0), np.minimum(raw, 0.0))
    assert np.allclose(push_changes(values, raw), expected, rtol=0.0, atol=1e-12)


def test_causes_sum_their_parts_per_run_before_the_rule() -> None:
    """A step's change is the rule applied to the sums of its causes' positive and negative parts;
    runs without causes do not change at all."""
    rng = np.random.default_rng(2)
    runs = 50
    table_columns = rng.integers(0, N_VARIABLES, size=(12, 4))
    table_amounts = rng.normal(0.0, 0.05, size=(12, 4))
    values = random_values(rng, runs)
    kinds = []
    positive = np.zeros_like(values)
    negative = np.zeros_like(values)
    for _ in range(2):
        cause_runs = np.sort(rng.integers(0, runs - 10, size=120))  # the last ten runs get none
        rows = rng.integers(0, 12, size=cause_runs.size)
        scale = rng.random(cause_runs.size)
        has_extra = rng.random(cause_runs.size) < 0.5
        extra_column = np.where(has_extra, rng.integers(0, N_VARIABLES, cause_runs.size), NO_EXTRA)
        extra_amount = rng.normal(0.0, 0.05, cause_runs.size)
        index = np.arange(cause_runs.size)
        kinds.append(Causes(cause_runs, index, rows, scale, table_columns, table_amounts, extra_column, extra_amount))
        pushes = kinds[-1].pushes()
        np.add.at(positive, (pushes.runs[:, None], pushes.columns), np.maximum(pushes.amounts, 0.0))
        np.add.at(negative, (pushes.runs[:, None], pushes.columns), np.minimum(pushes.amounts, 0.0))
        assert np.array_equal(pushes.columns[has_extra, -1], extra_column[has_extra])
    expected = values + rule_by_formula(values, positive, negative)
    applied = values.copy()
    apply_causes(applied, kinds)
    assert np.allclose(applied, expected, rtol=0.0, atol=1e-12)
    assert np.array_equal(applied[-10:], values[-10:])


def test_causes_must_be_listed_by_run() -> None:
    """The compiled loop sums a run's causes in one pass, so it refuses an unsorted list."""
    table = (np.zeros((1, 1), dtype=np.int64), np.ones((1, 1)))
    causes = Causes.of_table(np.array([2, 1]), np.zeros(2, dtype=np.int64), np.zeros(2, dtype=np.int64), None, table)
    with pytest.raises(ValueError, match="by run"):
        apply_causes(np.zeros((3, N_VARIABLES)), [causes])


def clamp_by_formula(values: np.ndarray) -> np.ndarray:
    """Every value clipped into its bounds, then each channel's shares divided by their sum when it passes 1."""
    lower, upper = bounds_arrays()
    clamped = np.clip(values, lower, upper)
    shares = clamped[:, DEP].reshape(-1, N_COUNTRIES, N_POWERS, N_CHANNELS)
    totals = shares.sum(axis=2, keepdims=True)
    clamped[:, DEP] = (shares / np.maximum(totals, 1.0)).reshape(len(values), -1)
    return clamped


def noise_by_formula(values: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """Noise as docs/rules.md states it: a share's shock (held within [0, 1]) exchanged with everyone else in
    its channel in proportion to their shares; the other indices take the push rule."""
    changes = rule_by_formula(values, np.maximum(raw, 0.0), np.minimum(raw, 0.0))
    shape = (values.shape[0], N_COUNTRIES, N_POWERS, N_CHANNELS)
    shares = values[:, DEP].reshape(shape)
    others = 1.0 - shares
    room = others > 1e-12
    amount = np.where(room, np.clip(raw[:, DEP].reshape(shape), -shares, others), 0.0)
    ratio = np.where(room, amount / np.where(room, others, 1.0), 0.0)
    changes[:, DEP] = (amount - shares * (ratio.sum(axis=2, keepdims=True) - ratio)).reshape(values.shape[0], -1)
    return changes


def test_clamp_puts_values_in_bounds_and_share_sums_at_most_one() -> None:
    """Random values, some out of bounds and some channels' shares summing past 1."""
    rng = np.random.default_rng(8)
    values = random_values(rng, 120) * rng.uniform(0.8, 1.8, (120, N_VARIABLES)) - rng.uniform(0.0, 0.1, (120, 1))
    clamped = values + clamp_changes(values)
    assert np.allclose(clamped, clamp_by_formula(values), rtol=0.0, atol=1e-12)
    assert np.count_nonzero(clamp_by_formula(values) != values) > 1000  # the clamp had work to do


def test_settle_is_drift_then_noise_then_clamp_then_income(tiny_world: World) -> None:
    """Each general step sees the values the step before it left (rules written out in numpy); drift pulls
    toward the structural baseline moved by its trend (turn 3 of a world with trends on some shares) and, for
    shares, by each run's anchor; noise exchanges each share's shock with the rest of its channel."""
    rng = np.random.default_rng(3)
    values = random_values(rng, 100)
    values[:5, DEP] *= 1.6  # some channels over 1, for the clamp to scale back
    draws = rng.normal(size=(100, NOISY_COLUMNS.size))
    trend = np.zeros(N_VARIABLES)
    trend[DEP.start : DEP.start + 12] = rng.uniform(-0.2, 0.2, 12)  # some past the bounds by turn 3
    tiny_world = replace(tiny_world, dynamics=replace(tiny_world.dynamics, trend=trend))
    rules = tiny_world.rules
    structural = tiny_world.structural.copy()
    structural[DEP.start : DEP.start + 12] = np.clip(structural[DEP.start : DEP.start + 12] + 3 * trend[:12], 0.0, 1.0)

    anchor = rng.uniform(-0.1, 0.1, (100, DEP.stop - DEP.start))  # lasting causes moved some targets
    expected = values.copy()
    target = np.broadcast_to(structural, values.shape).copy()
    target[:, DEP] = np.clip(target[:, DEP] + anchor, 0.0, 1.0)
    stability, prosperity = BLOCKS["stability"], BLOCKS["prosperity"]
    gap = expected[:, prosperity.start : prosperity.stop] - structural[prosperity.start : prosperity.stop]
    target[:, stability.start : stability.stop] = np.clip(
        structural[stability.start : stability.stop] + rules.stability_follows_prosperity * gap, 0.0, 1.0
    )
    expected += drift_rates(tiny_world) * (target - expected)
    raw = np.zeros_like(values)
    raw[:, NOISY_COLUMNS] = draws * noise_scales(tiny_world)
    expected += noise_by_formula(expected, raw)
    expected = clamp_by_formula(expected)
    capacity = expected[:, BLOCKS["capacity"].start : BLOCKS["capacity"].stop]
    points = expected[:, BLOCKS["points"].start : BLOCKS["points"].stop]
    points += np.clip(np.minimum(capacity, rules.points_cap_turns * capacity - points), 0.0, None)

    settled = values.copy()
    changes = settle(settled, anchor, tiny_world, 3, draws, record=True)
    assert np.allclose(settled, expected, rtol=0.0, atol=1e-12)
    assert np.allclose(values + changes.sum(axis=0), settled, rtol=0.0, atol=1e-12)  # the ledger adds up
    assert settle(values.copy(), anchor, tiny_world, 3, draws, record=False).shape == (4, 0, N_VARIABLES)


def test_normal_draws_look_standard_normal() -> None:
    """Box–Muller from the counter-based bits: mean 0, variance 1, both halves alike."""
    draws = RandomStreams.for_runs(5, 2000).normal(3, Stream.NOISE, (135,))
    assert abs(draws.mean()) < 0.01 and abs(draws.var() - 1.0) < 0.01
    assert abs(draws[:, :68].var() - draws[:, 68:].var()) < 0.02


PINNED_DRAWS = [
    "0x1.e7bb0bf2481dfp-1",
    "-0x1.8d304876f1700p-1",
    "0x1.38ea52f5030e7p+1",
    "-0x1.782422542d74dp-2",
    "-0x1.5b45934b81b7ep-1",
]


def test_normal_draws_match_log_cos_and_sin() -> None:
    """The draws equal √(−2 log u1)·cos 2πu2 and ·sin 2πu2 of the words' two halves, to rounding."""
    streams = RandomStreams.for_runs(11, 3000)
    draws = streams.normal(7, Stream.NOISE, (41,))
    bits = streams._bits(7, Stream.NOISE, 21)
    first = ((bits >> np.uint64(32)).astype(np.float64) + 0.5) / 2.0**32
    second = ((bits & np.uint64(0xFFFFFFFF)).astype(np.float64) + 0.5) / 2.0**32
    radius = np.sqrt(-2.0 * np.log(first))
    expected = np.concatenate([radius * np.cos(2 * np.pi * second), (radius * np.sin(2 * np.pi * second))[:, :20]], 1)
    assert np.abs(draws - expected).max() < 1e-14
    assert np.abs(draws).max() > 3.0  # the tails were checked too


def test_normal_draws_are_the_same_on_every_machine() -> None:
    """Pinned bits: the generator uses only + − × ÷ √, so a seed's noise must not vary with the
    platform's maths library; a change here changes every saved game (raise ENGINE_VERSION)."""
    draws = RandomStreams.for_runs(5, 2).normal(3, Stream.NOISE, (5,))
    assert [float(x).hex() for x in draws[1]] == PINNED_DRAWS


def test_a_turn_leaves_the_state_it_started_from_as_it_was(tiny_world: World) -> None:
    """A game keeps its history: resolving writes only new arrays, never the previous state's,
    and a record's project slots stay as they were after later turns."""
    game = Game.new(tiny_world, seed=4, runs=6, policy=normal_orders)
    record = game.play()
    before = game.state
    kept = {name: getattr(before, name).copy() for name in RUN_ARRAYS}
    slots = record.slot_ref.copy()
    for _ in range(3):
        game.play()
    for name in RUN_ARRAYS:
        assert np.array_equal(getattr(before, name), kept[name]), name
        assert not np.shares_memory(getattr(before, name), getattr(game.state, name)), name
    assert np.array_equal(record.slot_ref, slots)


def test_a_game_without_history_plays_the_same(tiny_world: World) -> None:
    """Writing each turn over the previous state's arrays (no history kept) changes no number."""
    kept = Game.new(tiny_world, seed=6, runs=8, policy=normal_orders)
    overwritten = Game.new(tiny_world, seed=6, runs=8, keep_history=False, policy=normal_orders)
    for _ in range(5):
        a, b = kept.play(), overwritten.play()
        assert np.array_equal(a.scores, b.scores)
    assert kept.state.hashes() == overwritten.state.hashes()


def test_active_slots_are_listed_by_run_then_slot() -> None:
    """Projects push in turns first..last of their slot: listed run by run, order slots apart from event slots."""
    rng = np.random.default_rng(7)
    runs, slots, max_projects, turn = 30, N_ROLES * 2 + 5, 2, 4
    first = rng.integers(0, 8, size=(runs, slots))
    last = first + rng.integers(-1, 4, size=(runs, slots))
    ref = rng.integers(0, 6, size=(runs, slots))
    target = rng.integers(0, N_ROLES, size=(runs, slots))
    scale = rng.random((runs, slots))
    order_runs, order_index, rows, order_scale, event_runs, event_index, events = _active_slots(
        first, last, ref, target, scale, turn, N_ROLES * max_projects, max_projects
    )
    active_runs, active_slots = np.nonzero((first <= turn) & (turn <= last))
    is_order = active_slots < N_ROLES * max_projects
    assert np.array_equal(order_runs, active_runs[is_order])
    assert np.array_equal(order_index, active_slots[is_order])
    owner = order_index // max_projects
    action, aimed_at = ref[order_runs, order_index], target[order_runs, order_index]
    assert np.array_equal(rows, (action * N_ROLES + owner) * N_ROLES + aimed_at)
    assert np.array_equal(order_scale, scale[order_runs, order_index])
    assert np.array_equal(event_runs, active_runs[~is_order])
    assert np.array_equal(event_index, active_slots[~is_order])
    assert np.array_equal(events, ref[event_runs, event_index])


def random_orders(world: World, rng: np.random.Generator, runs: int) -> OrderArrays:
    """Random orders (legal or not; these kernels do not judge), some roles giving none, some twice the same."""
    orders = OrderArrays.empty(runs, world.rules.max_orders)
    given = rng.random(orders.action.shape) < 0.6
    orders.action[given] = rng.integers(0, world.actions.count, int(given.sum()))
    orders.target[...] = rng.integers(0, N_ROLES, orders.target.shape)
    twice = rng.random((runs, N_ROLES)) < 0.15
    orders.action[twice, 2], orders.target[twice, 2] = orders.action[twice, 0], orders.target[twice, 0]
    return orders


def test_orders_are_listed_run_by_run_with_their_scale_and_cost(tiny_world: World) -> None:
    """Every order given, in np.nonzero's order: its ledger index role·max_orders + slot, its row of
    the immediate table (action·ROLES + role)·ROLES + target, 1/(1 + fatigue) and −cost on the points."""
    rng = np.random.default_rng(10)
    orders = random_orders(tiny_world, rng, 60)
    fatigue = rng.exponential(1.0, (60, N_ROLES, tiny_world.actions.count))
    count = int(np.count_nonzero(orders.action != NO_ACTION))
    listed = [np.empty(count, dtype=np.int64) for _ in range(3)] + [np.empty(count)]
    cost_column, cost = np.empty(count, dtype=np.int64), np.empty(count)
    action_cost = tiny_world.actions.cost.astype(np.float64)
    _list_orders(orders.action, orders.target, fatigue, action_cost, *listed, cost_column, cost)
    runs, role, slot = np.nonzero(orders.action != NO_ACTION)
    chosen, aimed = orders.action[runs, role, slot], orders.target[runs, role, slot]
    assert np.array_equal(listed[0], runs)
    assert np.array_equal(listed[1], role * tiny_world.rules.max_orders + slot)
    assert np.array_equal(listed[2], (chosen * N_ROLES + role) * N_ROLES + aimed)
    assert np.array_equal(listed[3], 1.0 / (1.0 + fatigue[runs, role, chosen]))
    assert np.array_equal(cost_column, BLOCKS["points"].start + role)
    assert np.array_equal(cost, -action_cost[chosen])


def start_orders_by_hand(world: World, state: State, orders: OrderArrays, turn: int) -> tuple[State, np.ndarray]:
    """Each project order, in order-slot order, into its role's first slot not busy this turn (the
    first slot when none is free), scaled by 1/(1 + fatigue before); then fatigue = decay·fatigue
    + the action's uses this turn."""
    actions, rules = world.actions, world.rules
    state = state.copy()
    for run, role, slot in np.argwhere(orders.action != NO_ACTION):
        chosen = orders.action[run, role, slot]
        if not actions.project_mask[chosen]:
            continue
        slots = list(world.role_slots(role))
        free = [s for s in slots if state.slot_last[run, s] < turn]
        into = free[0] if free else slots[0]
        state.slot_first[run, into] = turn + actions.lag[chosen]
        state.slot_last[run, into] = turn + actions.lag[chosen] + actions.duration[chosen] - 1
        state.slot_scale[run, into] = 1.0 / (1.0 + state.fatigue[run, role, chosen])
        state.slot_ref[run, into] = chosen
        state.slot_target[run, into] = orders.target[run, role, slot]
        state.slot_started[run, into] = turn
    uses = np.zeros_like(state.fatigue)
    given = np.argwhere(orders.action != NO_ACTION)
    np.add.at(uses, (given[:, 0], given[:, 1], orders.action[tuple(given.T)]), 1.0)
    return state, rules.fatigue_decay * state.fatigue + uses


def test_orders_start_projects_in_free_slots_and_add_fatigue(tiny_world: World) -> None:
    """Projects take free slots of their role (some roles with every slot busy), fatigue decays and grows."""
    rng = np.random.default_rng(11)
    state = Game.new(tiny_world, 1, runs=80, keep_ledger=False).state.copy()
    state.fatigue[...] = rng.exponential(1.0, state.fatigue.shape) * (rng.random(state.fatigue.shape) < 0.3)
    state.slot_last[...] = np.where(rng.random(state.slot_last.shape) < 0.5, 5, -1)
    turn = 3
    orders = random_orders(tiny_world, rng, 80)
    expected, fatigue = start_orders_by_hand(tiny_world, state, orders, turn)
    after = _start_orders(tiny_world, state, orders, turn, overwrite=False)
    assert np.array_equal(after, fatigue)
    for name in RUN_ARRAYS:
        if name.startswith("slot_"):
            assert np.array_equal(getattr(state, name), getattr(expected, name)), name
    assert np.count_nonzero(expected.slot_started == turn) > 50  # many projects started


def test_runs_across_the_kernels_blocks_equal_single_games(tiny_world: World) -> None:
    """The compiled loops take runs in blocks (of 256, 32 and per scratch row); runs on either side
    of a block's edge play exactly as the same games played alone."""
    levels = np.random.default_rng(9).integers(0, 2, size=(300, N_ROLES))  # easy and normal, mixed
    batch = Game.new(tiny_world, seed=21, runs=300, keep_ledger=False, keep_history=False)
    batch.play_to_end(make_policy(levels))
    for run in (0, 31, 32, 255, 256, 299):
        single = Game.new(tiny_world, seed=21, first_run=run, keep_ledger=False)
        single.play_to_end(make_policy(levels[run : run + 1]))
        assert single.state.hashes() == batch.state.run(run).hashes(), run


def test_anchor_adds_the_lasting_part_of_each_cause() -> None:
    """The compiled anchor update against numpy: each cause's pushes on its lasting columns only, through the
    push rule on its run's values, summed into the run's anchor (share columns)."""
    rng = np.random.default_rng(21)
    runs_count, width = 6, 5
    values = random_values(rng, runs_count)
    share_columns = np.arange(DEP.start, DEP.stop)
    other_columns = rng.integers(DEP.stop, N_VARIABLES, (4, width))  # a few pushes off the shares
    table_columns = np.where(rng.random((4, width)) < 0.8, rng.choice(share_columns, (4, width)), other_columns)
    table_columns = table_columns.astype(np.int64)
    table_amounts = rng.uniform(-0.05, 0.05, (4, width))
    runs = np.sort(rng.integers(0, runs_count, 12)).astype(np.int64)
    rows = rng.integers(0, 4, 12).astype(np.int64)
    scale = rng.uniform(0.5, 1.0, 12)
    lasting = rng.random((3, N_VARIABLES)) < 0.5
    refs = rng.integers(0, 3, 12).astype(np.int64)

    expected = np.zeros((runs_count, DEP.stop - DEP.start))
    for cause in range(12):
        # the lasting columns' parts, summed per column as the kernel sums them
        positive = np.zeros(N_VARIABLES)
        negative = np.zeros(N_VARIABLES)
        for column, amount in zip(table_columns[rows[cause]], table_amounts[rows[cause]] * scale[cause], strict=True):
            if lasting[refs[cause], column]:
                positive[column] += max(amount, 0.0)
                negative[column] += min(amount, 0.0)
        change = rule_by_formula(values[runs[cause]][None], positive[None], negative[None])[0]
        expected[runs[cause]] += change[DEP]
    anchor = np.zeros_like(expected)
    _anchor_rows(values, anchor, runs, rows, scale, table_columns, table_amounts, lasting, refs)
    assert np.allclose(anchor, expected, rtol=0.0, atol=1e-12)
    assert np.count_nonzero(anchor) > 20  # the test had lasting pushes to add
