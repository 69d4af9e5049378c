"""The hard computer player: compare plans by rollouts to the end of the game through the engine.

When the end is within ``WINDOW`` turns (``looks_ahead``), for every (run, role)
played hard it drafts ``PLANS`` order sets — the normal player's best set, sets that
start with each of the next affordable single orders and are filled greedily, and an
empty set that keeps the points — then plays each forward ``ROLLOUTS`` times to the
last turn, in one batch on the runs axis: the plan in the first turn, every role
(itself included) played by the normal player afterwards. A rollout's worth is the
role's final score. All plans of a run meet the same rollout luck (common random
numbers), drawn from streams derived from the game's seed, the run and the turn —
never the game's own future draws. A plan replaces the normal one only when its
advantage is clear (``choose_plan``). Earlier in the game the hard player plays the
normal plan (see ``looks_ahead``).
"""

from __future__ import annotations

import numpy as np

from game.engine.ai.heuristic import greedy_plan, open_candidates, role_budget, write_plan
from game.engine.ai.players import NormalPlans, normal_orders
from game.engine.ai.value import RoleValues, candidates_of
from game.engine.codes import N_ROLES
from game.engine.orders import OrderArrays
from game.engine.resolve import resolve_turn
from game.engine.rng import RandomStreams
from game.engine.scores import role_scores
from game.engine.state import State
from game.engine.world import World

PLANS = 6
ROLLOUTS = 4
WINDOW = 12  # look ahead only when the end is this close; rollouts then run to the end
CONFIDENCE = 1.0
_SEED_SALT = 0x5EED_A1A1


def draft_plans(
    world: World, state: State, role: int, runs: np.ndarray, values: RoleValues, normal_plan: np.ndarray
) -> np.ndarray:
    """(len(runs), PLANS, max_orders) candidate indices: the normal plan, then alternatives."""
    candidates = values.candidates
    points, free = role_budget(world, state, role)
    points, free = points[runs], free[runs]
    value = values.value[runs]
    # Every affordable order may open an alternative, even one the first-order value calls
    # worthless: the rollouts judge what that value cannot see (reactions, thresholds).
    ranked_value = np.where(open_candidates(candidates, points, free), value / candidates.cost[None, :], -np.inf)
    every = np.arange(runs.size)
    normal = normal_plan[runs]
    for slot in range(normal.shape[1]):  # an alternative starts with an order the normal plan lacks
        picked = normal[:, slot]
        ranked_value[every, np.maximum(picked, 0)] = np.where(
            picked >= 0, -np.inf, ranked_value[every, np.maximum(picked, 0)]
        )
    order = np.argsort(-ranked_value, axis=1, kind="stable")
    plans = np.full((runs.size, PLANS, world.rules.max_orders), -1, dtype=np.int64)
    plans[:, 0] = normal
    for index in range(1, PLANS - 1):
        first = order[:, index - 1]
        usable = np.isfinite(ranked_value[every, first])
        first = np.where(usable, first, -2)
        plan = greedy_plan(value, candidates, points, free, world.rules.max_orders, first=np.maximum(first, -1))
        # A run without a usable alternative repeats the normal plan (harmless; it ties).
        plans[:, index] = np.where(usable[:, None], plan, normal)
    # The last plan keeps the points for later (-1 everywhere), or repeats the normal plan if that already does.
    return plans


def choose_plan(worth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean worth (pairs, PLANS) and the chosen plan per pair from rollouts (pairs, PLANS, ROLLOUTS).

    A plan replaces the normal plan (index 0) only when its paired advantage over it
    is clear: positive by more than ``CONFIDENCE`` standard errors of the rollouts,
    so one lucky rollout does not lead the player astray.
    """
    mean = worth.mean(axis=2)
    advantage = worth - worth[:, :1, :]
    spread = advantage.std(axis=2, ddof=1) / np.sqrt(worth.shape[2]) if worth.shape[2] > 1 else 0.0
    clear = advantage.mean(axis=2) > CONFIDENCE * spread
    clear[:, 0] = True
    best = np.argmax(np.where(clear, mean, -np.inf), axis=1)
    return mean, best


def looks_ahead(world: World, state: State) -> bool:
    """Whether the hard player looks ahead this turn: when the end is within ``WINDOW`` turns.

    Before that it plays the normal player's plan: an order's effect fades by the end
    (drift), and rollouts cut short of the end were measured to judge plans worse
    than the normal player does, so early look-ahead cost more than it earned.
    """
    return world.turns - state.turn <= WINDOW


def hard_plans(
    world: World,
    state: State,
    streams: RandomStreams,
    hard: np.ndarray,
    orders: OrderArrays,
    normal: NormalPlans,
) -> tuple[OrderArrays, np.ndarray, int]:
    """Replace the hard (run, role) pairs' orders by their best plan; also return each gain."""
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
    depth = world.turns - state.turn
    roll_state, _ = resolve_turn(world, roll_state, first_orders, roll_streams, keep_ledger=False)
    for _ in range(depth - 1):
        roll_state, _ = resolve_turn(
            world, roll_state, normal_orders(world, roll_state, roll_streams), roll_streams, keep_ledger=False
        )
    # Rollouts reach the last turn: the final score is known, and points still in hand are worth nothing.
    worth = role_scores(roll_state.values, world.weight)[every, roll_roles]
    mean, best = choose_plan(worth.reshape(pairs, PLANS, ROLLOUTS))
    chosen = drafted[np.arange(pairs), best]
    result = OrderArrays(orders.action.copy(), orders.target.copy())
    gain = np.zeros((state.runs, N_ROLES))
    for role in np.unique(pair_roles):
        rows = np.flatnonzero(pair_roles == role)
        write_plan(result.action, result.target, table[int(role)], chosen[rows], pair_runs[rows])
    gain[pair_runs, pair_roles] = mean[np.arange(pairs), best] - mean[:, 0]
    return result, gain, PLANS
