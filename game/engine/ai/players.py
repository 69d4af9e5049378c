"""The easy and normal computer players at work: every (run, role)'s plan for this turn, on the runs axis
(their choices are made by ``heuristic``).

Randomness: every turn draws a fixed block of uniform numbers from the AI stream
(``Stream.AI``), whatever the levels, so choosing a level never shifts another draw. The
hard player (``lookahead``) starts from the normal plans made here and plays its rollouts
with :func:`normal_orders`.
"""

from __future__ import annotations

import numpy as np

from game.engine.ai.heuristic import best_set, budgets, easy_values, greedy_plan, write_plan
from game.engine.ai.levels import Level
from game.engine.ai.value import RoleValues, candidates_of, projected_values, role_values
from game.engine.codes import N_ROLES
from game.engine.orders import OrderArrays
from game.engine.rng import RandomStreams, Stream
from game.engine.state import State
from game.engine.world import World

NormalPlans = dict[int, tuple[RoleValues, np.ndarray]]  # role -> (its valuation, the normal plan of every run)


def _noise(world: World, state: State, streams: RandomStreams) -> list[np.ndarray]:
    """Per role: one uniform draw per candidate order (a fixed shape every turn), (R, n) each.

    A (run, role) is played at one level, so the easy and normal players share the draws.
    The draws are laid out candidate by candidate (column-major), as the players read them.
    """
    table = candidates_of(world.actions)
    offsets = np.cumsum([0, *[c.size for c in table]])
    draws = streams.uniform_columns(state.turn, Stream.AI, int(offsets[-1]))
    return [draws[offsets[r] : offsets[r + 1]].T for r in range(N_ROLES)]


def plan_turn(world: World, state: State, streams: RandomStreams, grid: np.ndarray) -> tuple[OrderArrays, NormalPlans]:
    """Orders of every (run, role) by its level in ``grid`` (R, ROLES), hard ones played as normal
    for now and pass ones left empty; also the normal plans, which the hard player starts from."""
    runs = state.runs
    orders = OrderArrays.empty(runs, world.rules.max_orders)
    table = candidates_of(world.actions)
    noise = _noise(world, state, streams)
    thinking = (grid == Level.NORMAL) | (grid == Level.HARD)  # a pass player gives no orders
    projected = projected_values(world, state) if thinking.any() else state.values
    normal: NormalPlans = {}
    all_points, all_free = budgets(world, state)
    # Runs per role at each kind of level, counted at once: a batch's roles all play normal, and
    # finding each role's runs one by one took 0.7 ms a turn of 5,000 runs.
    easy_count = np.count_nonzero(grid == Level.EASY, axis=0)
    thinking_count = np.count_nonzero(thinking, axis=0)
    every_run = np.arange(runs)
    for role in range(N_ROLES):
        candidates = table[role]
        if candidates.size == 0:
            continue
        points, free = all_points[role], all_free[role]
        if easy_count[role]:
            easy_runs = np.flatnonzero(grid[:, role] == Level.EASY)
            sub = state.select(easy_runs) if easy_runs.size < runs else state
            value = easy_values(world, sub, candidates, noise[role][easy_runs])
            plan = greedy_plan(value, candidates, points[easy_runs], free[easy_runs], world.rules.max_orders)
            write_plan(orders.action, orders.target, candidates, plan, easy_runs)
        if thinking_count[role]:
            values = role_values(world, state, projected, role)
            plan = best_set(values, points, free, world.rules.max_orders, noise[role])
            normal[role] = (values, plan)
            if thinking_count[role] == runs:
                write_plan(orders.action, orders.target, candidates, plan, every_run)
            else:
                think_runs = np.flatnonzero(thinking[:, role])
                write_plan(orders.action, orders.target, candidates, plan[think_runs], think_runs)
    return orders, normal


def normal_orders(world: World, state: State, streams: RandomStreams) -> OrderArrays:
    """Every role played by the normal player (the default computer player)."""
    grid = np.full((state.runs, N_ROLES), int(Level.NORMAL), dtype=np.int64)
    return plan_turn(world, state, streams, grid)[0]
