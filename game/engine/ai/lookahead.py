"""The hard computer player: compare a few plans by short rollouts through the engine.

For every (run, role) played hard, it drafts ``PLANS`` order sets — the normal
player's best set, and sets that start with each of the next-best single orders
and are filled greedily — then plays each forward ``ROLLOUTS`` times for ``DEPTH``
turns in one batch on the runs axis: the plan in the first turn, every role
(itself included) played by the normal player afterwards. A rollout's worth is the
role's score at the end of the game *estimated* from the rollout's last state
(``final_estimate``: drift for the turns left, and what is in flight lands), so a
summit's passing glow is not mistaken for a lasting gain and a slow corridor is not
judged before it opens. All plans of a run meet the same rollout
luck (common random numbers), drawn from streams derived from the game's seed,
the run and the turn — never the game's own future draws.
"""

from __future__ import annotations

import numpy as np

from game.engine.ai.heuristic import greedy_plan, role_budget, write_plan
from game.engine.ai.value import RoleValues, candidates_of, final_estimate
from game.engine.codes import N_ROLES
from game.engine.layout import BLOCKS
from game.engine.orders import OrderArrays
from game.engine.resolve import resolve_turn
from game.engine.rng import RandomStreams
from game.engine.scores import role_scores
from game.engine.state import State
from game.engine.world import World

PLANS = 5
ROLLOUTS = 1
DEPTH = 6
MIN_GAIN = 0.0
CONFIDENCE = 0.0
POINT_PRICE = 0.8
_SEED_SALT = 0x5EED_A1A1


def draft_plans(
    world: World, state: State, role: int, runs: np.ndarray, values: RoleValues, normal_plan: np.ndarray
) -> np.ndarray:
    """(len(runs), PLANS, max_orders) candidate indices: the normal plan, then alternatives."""
    candidates = values.candidates
    points, free = role_budget(world, state, role)
    points, free = points[runs], free[runs]
    value = values.value[runs]
    affordable = (candidates.cost[None, :] <= points[:, None] + 1e-9) & (
        ~candidates.is_project[None, :] | (free > 0)[:, None]
    )
    ranked_value = np.where(affordable & (value > 0.0), value / candidates.cost[None, :], -np.inf)
    first_pick = normal_plan[runs, 0]
    ranked_value[np.arange(runs.size), np.maximum(first_pick, 0)] = np.where(
        first_pick >= 0, -np.inf, ranked_value[np.arange(runs.size), np.maximum(first_pick, 0)]
    )
    order = np.argsort(-ranked_value, axis=1, kind="stable")
    plans = np.full((runs.size, PLANS, world.rules.max_orders), -1, dtype=np.int64)
    plans[:, 0] = normal_plan[runs]
    for index in range(1, PLANS):
        first = order[:, index - 1]
        usable = np.isfinite(ranked_value[np.arange(runs.size), first])
        first = np.where(usable, first, -2)
        plan = greedy_plan(value, candidates, points, free, world.rules.max_orders, first=np.maximum(first, -1))
        # A run without a usable alternative repeats the normal plan (harmless; it ties).
        plans[:, index] = np.where(usable[:, None], plan, normal_plan[runs])
    return plans


def choose_plan(worth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean worth (pairs, PLANS) and the chosen plan per pair from rollouts (pairs, PLANS, ROLLOUTS).

    A plan replaces the normal plan (index 0) only when its paired advantage over it
    is clear: at least ``MIN_GAIN`` points and ``CONFIDENCE`` standard errors, so
    one lucky rollout does not lead the player astray.
    """
    mean = worth.mean(axis=2)
    advantage = worth - worth[:, :1, :]
    spread = advantage.std(axis=2, ddof=1) / np.sqrt(worth.shape[2]) if worth.shape[2] > 1 else 0.0
    clear = (advantage.mean(axis=2) > np.maximum(MIN_GAIN, CONFIDENCE * spread))
    clear[:, 0] = True
    best = np.argmax(np.where(clear, mean, -np.inf), axis=1)
    return mean, best


def hard_plans(
    world: World,
    state: State,
    streams: RandomStreams,
    hard: np.ndarray,
    orders: OrderArrays,
    normal: dict[int, tuple[RoleValues, np.ndarray]],
) -> tuple[OrderArrays, np.ndarray, int]:
    """Replace the hard (run, role) pairs' orders by their best plan; also return each gain."""
    from game.engine.ai.policy import normal_orders

    table = candidates_of(world.actions)
    pair_runs, pair_roles = np.nonzero(hard)
    pairs = pair_runs.size
    copies = PLANS * ROLLOUTS
    drafted = np.full((pairs, PLANS, world.rules.max_orders), -1, dtype=np.int64)
    for role in np.unique(pair_roles):
        rows = np.flatnonzero(pair_roles == role)
        values, plan = normal[int(role)]
        drafted[rows] = draft_plans(world, state, int(role), pair_runs[rows], values, plan)

    # One rollout per (pair, plan, copy): index = pair * copies + plan * ROLLOUTS + copy.
    source = np.repeat(pair_runs, copies)
    roll_roles = np.repeat(pair_roles, copies)
    roll_plans = drafted[:, np.repeat(np.arange(PLANS), ROLLOUTS)].reshape(pairs * copies, -1)
    roll_state = state.select(source)
    first_orders = OrderArrays(orders.action[source].copy(), orders.target[source].copy())
    every = np.arange(pairs * copies)
    for role in np.unique(roll_roles):
        rows = every[roll_roles == role]
        write_plan(first_orders.action, first_orders.target, table[int(role)], roll_plans[rows], rows)
    ids = streams.run_ids[source].astype(np.uint64) * np.uint64(ROLLOUTS) + np.tile(
        np.arange(ROLLOUTS, dtype=np.uint64), pairs * PLANS
    )
    seed = (streams.seed * 0x9E3779B1 + state.turn * 0x85EBCA77 + _SEED_SALT) & 0xFFFFFFFFFFFFFFFF
    roll_streams = RandomStreams(seed=seed, run_ids=ids)
    depth = min(DEPTH, world.turns - state.turn)
    roll_state, _ = resolve_turn(world, roll_state, first_orders, roll_streams, keep_ledger=False)
    for _ in range(depth - 1):
        roll_state, _ = resolve_turn(
            world, roll_state, normal_orders(world, roll_state, roll_streams), roll_streams, keep_ledger=False
        )
    worth = role_scores(final_estimate(world, roll_state), world.weight)[every, roll_roles]
    # Points still in hand will buy something later — if the game goes on after the rollout:
    # value them at the role's best price now.
    price = np.zeros(pairs)
    for role in np.unique(pair_roles):
        rows = np.flatnonzero(pair_roles == role)
        values, _ = normal[int(role)]
        per_point = values.value[pair_runs[rows]] / values.candidates.cost[None, :]
        price[rows] = POINT_PRICE * np.clip(per_point.max(axis=1), 0.0, None)
    if state.turn + depth >= world.turns:
        price[:] = 0.0
    held = roll_state.values[every, BLOCKS["points"].start + roll_roles]
    worth = worth + np.repeat(price, copies) * held
    mean, best = choose_plan(worth.reshape(pairs, PLANS, ROLLOUTS))
    chosen = drafted[np.arange(pairs), best]
    result = OrderArrays(orders.action.copy(), orders.target.copy())
    gain = np.zeros((state.runs, N_ROLES))
    for role in np.unique(pair_roles):
        rows = np.flatnonzero(pair_roles == role)
        write_plan(result.action, result.target, table[int(role)], chosen[rows], pair_runs[rows])
    gain[pair_runs, pair_roles] = mean[np.arange(pairs), best] - mean[:, 0]
    return result, gain, PLANS
