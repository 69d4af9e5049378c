"""The computer players' compiled kernels against plain numpy twins, on random inputs: budgets,
plans written into orders, fatigue multipliers, the projected state, and the best-set search
step by step (gains, insertion order, shortlist, best combination) and whole."""

from __future__ import annotations

import numpy as np

from game.engine.ai.heuristic import (
    SHORTLIST,
    _best_combination,
    _best_sets,
    _block_gains,
    _combinations,
    _enters,
    _insertion_order,
    _shortlist,
    budgets,
    write_plan,
)
from game.engine.ai.players import normal_orders
from game.engine.ai.value import candidates_of, fatigue_multipliers, projected_values
from game.engine.codes import N_ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS, INDICES_STOP
from game.engine.orders import NO_ACTION, OrderArrays
from game.engine.world import World
from tests.rules.test_kernels import rule_by_formula

BLOCK = 256  # the kernels' block of runs (heuristic.BLOCK_RUNS): the random cases cross its edges


def shortlist_by_numpy(per_point: np.ndarray, places: int) -> np.ndarray:
    """(places, R) the candidates of best value per point, best first, ties to the lower index."""
    return np.argsort(-per_point, axis=0, kind="stable")[:places]


def best_combination_by_numpy(
    combos: np.ndarray, gain: np.ndarray, cost: np.ndarray, project: np.ndarray, best_per_point: float,
    points: float, free: float,
) -> int:
    """One run's best set (a row of ``combos`` over shortlist places): all orders worth something,
    cost within the points (1e-9 to spare), projects within the free slots; worth its gain less 15%
    of the best value per point for each point spent; ties to the earlier set."""
    best, chosen = -np.inf, 0
    for row, combo in enumerate(combos):
        places = [place for place in combo if place >= 0]
        total_gain = spent = projects = 0.0
        for place in places:
            total_gain += gain[place]
            spent += cost[place]
            projects += project[place]
        total = total_gain - 0.15 * max(best_per_point, 0.0) * spent
        feasible = all(gain[place] > 0.0 for place in places) and spent <= points + 1e-9 and projects <= free
        if feasible and total > best:
            best, chosen = total, row
    return chosen


def random_search(rng: np.random.Generator, count: int, runs: int) -> dict[str, np.ndarray]:
    """Values (half of them on a grid of 0.5, so value-per-point ties occur), noise, integer costs,
    projects, points (some exactly a cost) and free slots."""
    value = rng.normal(0.3, 1.0, (count, runs))
    value[:, ::2] = np.round(value[:, ::2] * 2.0) / 2.0
    points = rng.uniform(0.0, 12.0, runs)
    points[::3] = rng.integers(1, 10, points[::3].size)
    return {
        "value": value,
        "noise": np.where(rng.random((count, runs)) < 0.5, 0.0, rng.random((count, runs))),
        "cost": rng.integers(1, 6, count).astype(float),
        "is_project": (rng.random(count) < 0.4).astype(float),
        "points": points,
        "free": rng.integers(0, 3, runs).astype(float),
    }


def test_block_gains_and_insertion_order() -> None:
    rng = np.random.default_rng(1)
    case = random_search(rng, 12, 400)
    gain, per_point = np.full((12, BLOCK), np.nan), np.full((12, BLOCK), np.nan)
    _block_gains(case["value"], case["noise"], 1e-3, case["cost"], 256, 144, gain, per_point)
    expected = case["value"][:, 256:] + 1e-3 * case["noise"][:, 256:]
    assert np.array_equal(gain[:, :144], expected)
    assert np.array_equal(per_point[:, :144], expected / case["cost"][:, None])
    assert np.isnan(gain[:, 144:]).all()  # the block's unused columns are left alone
    spread = rng.normal(size=(12, 40))
    means = np.array([row[:16].sum() for row in spread])
    assert np.array_equal(_insertion_order(spread, 40), np.argsort(-means))


def test_shortlist_is_the_best_by_value_per_point_whatever_the_insertion_order() -> None:
    rng = np.random.default_rng(2)
    per_point = np.round(rng.normal(size=(14, 200)) * 3.0) / 3.0  # many ties
    top_per_point, top_index = np.empty((SHORTLIST, 200)), np.empty((SHORTLIST, 200), dtype=np.int64)
    moving_per_point, moving_index = np.empty(200), np.empty(200, dtype=np.int64)
    expected = shortlist_by_numpy(per_point, SHORTLIST)
    for _ in range(5):
        order = rng.permutation(14)
        _shortlist(per_point, order, 200, top_per_point, top_index, moving_per_point, moving_index)
        assert np.array_equal(top_index, expected)
        assert np.array_equal(top_per_point, np.take_along_axis(per_point, expected, axis=0))
    last_per_point, last_index = top_per_point[-1], top_index[-1]
    for candidate in range(14):
        enters = (per_point[candidate] > last_per_point) | (
            (per_point[candidate] == last_per_point) & (candidate < last_index)
        )
        assert _enters(per_point[candidate], candidate, last_per_point, last_index, 200) == bool(enters.any())
    assert _enters(per_point[0], 0, last_per_point, np.full(200, -1), 200)  # an empty place takes anyone


def test_best_combination_is_the_best_feasible_set() -> None:
    rng = np.random.default_rng(3)
    combos = _combinations(SHORTLIST, 3)
    runs = 300
    top_parts = np.stack([
        rng.normal(0.2, 1.0, (SHORTLIST, runs)),
        rng.integers(1, 6, (SHORTLIST, runs)).astype(float),
        (rng.random((SHORTLIST, runs)) < 0.4).astype(float),
    ])
    top_per_point = rng.normal(0.0, 0.5, (SHORTLIST, runs))
    points = rng.integers(0, 12, runs) + rng.choice([0.0, -0.5e-9, -2e-9, 0.3], runs)
    free = rng.integers(0, 3, runs).astype(float)
    chosen = np.empty(runs, dtype=np.int64)
    _best_combination(combos, top_parts, top_per_point, points, free, runs, np.empty((3, runs)),
                      np.empty(runs, dtype=np.bool_), np.empty(runs), chosen)
    expected = [
        best_combination_by_numpy(combos, *top_parts[:, :, run], top_per_point[0, run], points[run], free[run])
        for run in range(runs)
    ]
    assert chosen.tolist() == expected
    assert len(set(expected)) > 10  # many different sets won


def test_best_sets_whole_search() -> None:
    """The search over runs in blocks equals shortlist then best combination, run by run."""
    rng = np.random.default_rng(4)
    case = random_search(rng, 15, 600)
    combos = _combinations(SHORTLIST, 3)
    plan = np.empty((3, 600), dtype=np.int64)
    _best_sets(case["value"], case["noise"], 1e-3, case["cost"], case["is_project"], case["points"], case["free"],
               combos, plan)
    gain = case["value"] + 1e-3 * case["noise"]
    per_point = gain / case["cost"][:, None]
    top = shortlist_by_numpy(per_point, SHORTLIST)
    for run in range(600):
        places = top[:, run]
        row = best_combination_by_numpy(
            combos, gain[places, run], case["cost"][places], case["is_project"][places],
            per_point[places[0], run], case["points"][run], case["free"][run],
        )
        expected = [places[place] if place >= 0 else -1 for place in combos[row]]
        assert plan[:, run].tolist() == expected, run


def test_budgets_are_points_and_free_slots(tiny_world: World) -> None:
    rng = np.random.default_rng(5)
    state = Game.new(tiny_world, 1, runs=50, keep_ledger=False).state.copy()
    points_block = BLOCKS["points"]
    state.values[:, points_block.start : points_block.stop] = rng.uniform(0.0, 10.0, (50, N_ROLES))
    state.slot_last[...] = rng.integers(-1, 4, state.slot_last.shape)
    points, free = budgets(tiny_world, state)
    assert np.array_equal(points, state.values[:, points_block.start : points_block.stop].T)
    projects = tiny_world.rules.max_projects
    busy = (state.slot_last[:, : N_ROLES * projects] >= state.turn).reshape(50, N_ROLES, projects).sum(axis=2)
    assert np.array_equal(free, projects - busy.T)


def test_a_plan_becomes_orders_of_its_runs(tiny_world: World) -> None:
    rng = np.random.default_rng(6)
    candidates = candidates_of(tiny_world.actions)[5]
    orders = OrderArrays.empty(40, tiny_world.rules.max_orders)
    runs = rng.choice(40, 25, replace=False)
    plan = rng.integers(-1, candidates.size, (25, tiny_world.rules.max_orders))
    write_plan(orders.action, orders.target, candidates, plan, runs)
    expected = OrderArrays.empty(40, tiny_world.rules.max_orders)
    expected.action[runs, 5] = np.where(plan >= 0, candidates.actions[plan], NO_ACTION)
    expected.target[runs, 5] = np.where(plan >= 0, candidates.targets[plan], 0)
    assert np.array_equal(orders.action, expected.action)
    assert np.array_equal(orders.target, expected.target)


def test_fatigue_multipliers_are_laid_out_role_action_run(tiny_world: World) -> None:
    rng = np.random.default_rng(7)
    state = Game.new(tiny_world, 1, runs=70, keep_ledger=False).state.copy()
    state.fatigue[...] = rng.exponential(1.0, state.fatigue.shape)
    assert np.array_equal(fatigue_multipliers(state), (1.0 / (1.0 + state.fatigue)).transpose(1, 2, 0))


def test_projected_state_adds_what_slots_will_still_push(tiny_world: World) -> None:
    """Each busy slot's per-turn pushes times its turns left before the end (scaled by its fatigue
    for an order), summed, applied by the push rule, shares and indices clipped to [0, 1]."""
    rng = np.random.default_rng(8)
    game = Game.new(tiny_world, 1, runs=70, keep_ledger=False, policy=normal_orders)
    game.play()
    game.play()
    state = game.state.copy()
    runs, slots = state.slot_last.shape
    order_slots, events = tiny_world.order_slots, tiny_world.events.count
    state.slot_first[...] = rng.integers(0, 8, (runs, slots))
    state.slot_last[...] = state.slot_first + rng.integers(-1, 6, (runs, slots))
    state.slot_ref[:, :order_slots] = rng.integers(0, tiny_world.actions.count, (runs, order_slots))
    state.slot_ref[:, order_slots:] = np.arange(events)
    state.slot_target[...] = rng.integers(0, N_ROLES, (runs, slots))
    state.slot_scale[...] = rng.random((runs, slots))
    remaining = np.minimum(state.slot_last, tiny_world.turns - 1) - np.maximum(state.slot_first, state.turn) + 1
    weight = np.where(remaining > 0, remaining, 0)
    owner = np.arange(order_slots) // tiny_world.rules.max_projects
    per_turn = tiny_world.actions.per_turn[state.slot_ref[:, :order_slots], owner, state.slot_target[:, :order_slots]]
    pending = np.einsum("rs,rsv->rv", weight[:, :order_slots] * state.slot_scale[:, :order_slots], per_turn)
    spread = tiny_world.events.spread[state.slot_ref[:, order_slots:]]
    pending += np.einsum("rs,rsv->rv", weight[:, order_slots:], spread)
    expected = state.values + rule_by_formula(state.values, np.maximum(pending, 0.0), np.minimum(pending, 0.0))
    expected[:, :INDICES_STOP] = np.clip(expected[:, :INDICES_STOP], 0.0, 1.0)
    assert np.count_nonzero(pending) > 500  # slots really push
    assert np.allclose(projected_values(tiny_world, state), expected, rtol=0.0, atol=1e-12)
