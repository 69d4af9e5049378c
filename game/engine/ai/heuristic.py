"""How the easy and normal computer players choose, vectorised over runs (``players`` runs them each turn).

* **easy** follows a rule of thumb per kind of role and barely reads the state:
  a country leans toward the power it depends on least and away from the one it
  depends on most; a power uses its own toolkit (Russia security, energy and
  labour; China loans, trade and investment; the West summits, media and
  corridors) on the countries where it is most popular. It buys its favourite
  orders first while points last.
* **normal** reads the situation: it values every legal order by what it would add
  to its role's final score (``game.engine.ai.value``: displacement, time left,
  fatigue, and the projects and event spreads already in flight — threats and
  opportunities), then picks the best *set* of up to ``max_orders`` orders that its
  points and free project slots allow (an exact search over the best few
  candidates), keeping points when nothing is worth their price.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import numpy as np

from game.engine.ai.value import BLOCK_RUNS, Candidates, RoleValues
from game.engine.codes import COUNTRIES, N_COUNTRIES, N_ROLES, ROLES
from game.engine.compiled import compiled, compiled_inline
from game.engine.layout import POINTS_START, busy_role_slots
from game.engine.orders import NO_ACTION, affordable
from game.engine.scores import headline
from game.engine.state import State
from game.engine.world import World

# Rules of thumb for the easy player: how much each role likes each action.
ENGAGE = {"host_summit": 1.0, "sign_deal": 0.9, "join_initiative": 0.6, "invite_migrant_deal": 0.7}
DISTANCE = {"diversify_routes": 0.8, "leave_initiative": 0.5}
TOOLKITS: dict[str, dict[str, float]] = {
    "RU": {
        "security_assistance": 1.0,
        "energy_deal": 0.9,
        "open_labour_market": 0.8,
        "summit": 0.8,
        "media_campaign": 0.6,
        "trade_deal": 0.6,
        "loan": 0.5,
        "investment": 0.4,
        "pressure": 0.3,
    },
    "CN": {
        "loan": 1.0,
        "investment": 0.9,
        "trade_deal": 0.9,
        "energy_deal": 0.8,
        "summit": 0.7,
        "corridor_project": 0.5,
        "media_campaign": 0.4,
        "pipeline_project": 0.3,
    },
    "WEST": {
        "summit": 1.0,
        "media_campaign": 0.8,
        "investment": 0.8,
        "corridor_project": 0.7,
        "trade_deal": 0.6,
        "pipeline_project": 0.3,
        "loan": 0.5,
        "open_labour_market": 0.4,
    },
}
EASY_NOISE = 0.35
NORMAL_NOISE = 1e-3
SHORTLIST = 6


def easy_preferences(world: World, candidates: Candidates) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate: how much the rule of thumb likes the action, and whether it is an 'engage' move."""
    ids = world.actions.ids
    names = [ids[a] for a in candidates.actions]
    role = ROLES[candidates.role]
    if candidates.role < N_COUNTRIES:
        liking = np.array([ENGAGE.get(name, DISTANCE.get(name, 0.0)) for name in names])
        engage = np.array([name in ENGAGE for name in names])
    else:
        toolkit = TOOLKITS.get(role, {})
        liking = np.array([toolkit.get(name, 0.0) for name in names])
        engage = np.ones(len(names), dtype=bool)
    return liking, engage


def easy_values(world: World, state: State, candidates: Candidates, noise: np.ndarray) -> np.ndarray:
    """How much the easy player wants each candidate in each run (R, n); below 0 means never."""
    liking, engage = easy_preferences(world, candidates)
    role = candidates.role
    targets = candidates.targets
    if role < N_COUNTRIES:
        d = headline(state.values, world.weight)[:, role, :]  # (R, P)
        power = targets - N_COUNTRIES
        lowest = np.argmin(d, axis=1)[:, None] == power[None, :]
        highest = np.argmax(d, axis=1)[:, None] == power[None, :]
        fits = np.where(engage[None, :], lowest, highest)
        score = liking[None, :] * (0.4 + 0.6 * fits)
    else:
        favour = state.block("favour")[:, :, role - N_COUNTRIES]  # (R, C)
        rank = np.argsort(np.argsort(-favour, axis=1), axis=1)  # 0 = most popular
        fits = 1.0 - rank[:, targets] / len(COUNTRIES)
        score = liking[None, :] * (0.3 + 0.7 * fits)
    score = score + EASY_NOISE * noise
    return np.where(liking[None, :] > 0.0, score, -np.inf)


def open_candidates(candidates: Candidates, points: np.ndarray, free_slots: np.ndarray) -> np.ndarray:
    """(R, n) bool: the candidates each run can pay for (``affordable``) and, for a project, find a free slot for."""
    can_pay = affordable(candidates.cost[None, :], points[:, None])
    return np.asarray(can_pay & (~candidates.is_project[None, :] | (free_slots > 0)[:, None]))


def greedy_plan(
    value: np.ndarray,
    candidates: Candidates,
    points: np.ndarray,
    free_slots: np.ndarray,
    max_orders: int,
    first: np.ndarray | None = None,
) -> np.ndarray:
    """Buy the most valued affordable orders in turn: (R, max_orders) candidate indices, -1 for none.

    ``first``, when given, forces each run's first pick (a candidate index, -1 for none).
    """
    runs = value.shape[0]
    every = np.arange(runs)
    value = value.copy()
    points = points.copy()
    free = free_slots.copy()
    plan = np.full((runs, max_orders), -1, dtype=np.int64)
    for slot in range(max_orders):
        open_value = np.where(open_candidates(candidates, points, free), value, -np.inf)
        best = np.argmax(open_value, axis=1)
        take = open_value[every, best] > 0.0
        if slot == 0 and first is not None:
            forced = first >= 0
            best = np.where(forced, first, best)
            take = np.where(forced, True, take)
        plan[:, slot] = np.where(take, best, -1)
        points -= np.where(take, candidates.cost[best], 0.0)
        free -= take & candidates.is_project[best]
        value[every, best] = -np.inf
    return plan


@cache
def _combinations(shortlist: int, max_orders: int) -> np.ndarray:
    """Every set of at most ``max_orders`` positions out of ``shortlist``, padded with -1."""
    rows = [[-1] * max_orders]
    for size in range(1, max_orders + 1):
        for combo in combinations(range(shortlist), size):
            rows.append(list(combo) + [-1] * (max_orders - size))
    return np.array(rows, dtype=np.int64)


def best_set(
    values: RoleValues,
    points: np.ndarray,
    free_slots: np.ndarray,
    max_orders: int,
    noise: np.ndarray,
) -> np.ndarray:
    """The normal player's plan: the best affordable set among the top candidates (R, max_orders)."""
    candidates = values.candidates
    shortlist = min(SHORTLIST, candidates.size)
    runs = values.value.shape[0]
    plan = np.empty((max_orders, runs), dtype=np.int64)
    _best_sets(
        np.asfortranarray(values.value).T,
        np.asfortranarray(noise).T,
        NORMAL_NOISE,
        candidates.cost,
        candidates.is_project.astype(np.float64),
        points.astype(np.float64),
        free_slots.astype(np.float64),
        _combinations(shortlist, max_orders),
        plan,
    )
    return plan.T


@compiled
def _best_sets(
    value: np.ndarray,
    noise: np.ndarray,
    noise_scale: float,
    cost: np.ndarray,
    is_project: np.ndarray,
    points: np.ndarray,
    free_slots: np.ndarray,
    combos: np.ndarray,
    plan: np.ndarray,
) -> None:
    """Shortlist each run's candidates by value per point, then take its best feasible set.

    ``value`` and ``noise`` are (n, R), ``plan`` is (max_orders, R): runs along the rows, so
    every step is one pass over a row of runs. A set is feasible when its orders are all
    worth something, its cost fits the points (``affordable``) and its projects fit the free
    slots. Points kept are priced at 15% of the best value per point (they carry over, up to
    a cap). Ties go to the earlier candidate, then to the earlier set.
    """
    count, runs = value.shape
    shortlist = combos.max() + 1
    block = min(runs, BLOCK_RUNS)
    gain = np.empty((count, block))
    per_point = np.empty((count, block))
    top_per_point = np.empty((shortlist, block))
    top_index = np.empty((shortlist, block), dtype=np.int64)
    top_parts = np.empty((3, shortlist, block))  # gain, cost and project count of each place
    moving_per_point = np.empty(block)  # the shortlist's entry moving down: value per point ...
    moving_index = np.empty(block, dtype=np.int64)  # ... and candidate
    sums = np.empty((3, block))  # a set's gain, cost and projects
    worthwhile = np.empty(block, dtype=np.bool_)  # whether all of a set's orders are worth something
    best_total = np.empty(block)
    chosen = np.empty(block, dtype=np.int64)
    insertion_order = np.arange(count)
    # A block of runs at a time, so the block's rows stay in the core's cache between passes.
    for first in range(0, runs, BLOCK_RUNS):
        size = min(BLOCK_RUNS, runs - first)
        _block_gains(value, noise, noise_scale, cost, first, size, gain, per_point)
        if first == 0:  # roughly right is enough: the first runs tell (a sum over all is a long chain)
            insertion_order = _insertion_order(per_point, size)
        _shortlist(per_point, insertion_order, size, top_per_point, top_index, moving_per_point, moving_index)
        for place in range(shortlist):
            for run in range(size):
                index = top_index[place, run]
                top_parts[0, place, run] = gain[index, run]
                top_parts[1, place, run] = cost[index]
                top_parts[2, place, run] = is_project[index]
        _best_combination(
            combos, top_parts, top_per_point, points[first : first + size], free_slots[first : first + size],
            size, sums, worthwhile, best_total, chosen,
        )
        for slot in range(plan.shape[0]):
            own_plan = plan[slot, first : first + size]
            for run in range(size):
                place = combos[chosen[run], slot]
                own_plan[run] = top_index[place, run] if place >= 0 else -1


@compiled
def _block_gains(
    value: np.ndarray,
    noise: np.ndarray,
    noise_scale: float,
    cost: np.ndarray,
    first: int,
    size: int,
    gain: np.ndarray,
    per_point: np.ndarray,
) -> None:
    """For runs ``first .. first + size``: each candidate's gain ``value + noise_scale·noise`` and
    its gain per point of cost, into the first ``size`` columns of ``gain`` and ``per_point`` (n, block)."""
    stop = first + size
    for candidate in range(value.shape[0]):
        own_value, own_noise, own_gain = value[candidate, first:stop], noise[candidate, first:stop], gain[candidate]
        for run in range(size):
            own_gain[run] = own_value[run] + noise_scale * own_noise[run]
    for candidate in range(value.shape[0]):
        own_gain, own_per_point = gain[candidate], per_point[candidate]
        for run in range(size):
            own_per_point[run] = own_gain[run] / cost[candidate]


@compiled
def _insertion_order(per_point: np.ndarray, size: int) -> np.ndarray:
    """Candidates by their mean value per point over the block's first 16 runs, best first."""
    means = np.empty(per_point.shape[0])
    for candidate in range(per_point.shape[0]):
        means[candidate] = per_point[candidate, : min(size, 16)].sum()
    return np.argsort(-means)


@compiled
def _shortlist(
    per_point: np.ndarray,
    insertion_order: np.ndarray,
    size: int,
    top_per_point: np.ndarray,
    top_index: np.ndarray,
    moving_per_point: np.ndarray,
    moving_index: np.ndarray,
) -> None:
    """Each run's shortlist by value per point, best first, ties to the lower candidate index (as
    repeated argmax): ``top_per_point`` and ``top_index`` (places, block), -1 for an empty place.

    Insertion without branches, so each pass runs over the runs in vector steps; ``moving_*``
    is the entry moving down the list (scratch). Candidates go in by
    ``insertion_order``, so the good ones fill the list early and most later ones beat no
    run's last place and are skipped whole (the order of insertion does not change the
    result: the comparison is a strict total order).
    """
    last = top_per_point.shape[0] - 1
    top_per_point[:] = -np.inf
    top_index[:] = -1
    for candidate in insertion_order:
        own_per_point = per_point[candidate]
        if not _enters(own_per_point, candidate, top_per_point[last], top_index[last], size):
            continue
        for run in range(size):
            moving_per_point[run] = own_per_point[run]
            moving_index[run] = candidate
        for place in range(last + 1):
            held_per_point, held_index = top_per_point[place], top_index[place]
            for run in range(size):
                value_here, index = moving_per_point[run], moving_index[run]
                swap = (
                    (value_here > held_per_point[run])
                    | ((value_here == held_per_point[run]) & (index < held_index[run]) & (index >= 0))
                    | ((held_index[run] < 0) & (index >= 0))
                )
                moving_per_point[run] = held_per_point[run] if swap else value_here
                moving_index[run] = held_index[run] if swap else index
                held_per_point[run] = value_here if swap else held_per_point[run]
                held_index[run] = index if swap else held_index[run]


@compiled_inline
def _enters(
    own_per_point: np.ndarray, candidate: int, last_per_point: np.ndarray, last_index: np.ndarray, size: int
) -> bool:
    """Whether a candidate beats the last place of any run's shortlist (or fills an empty one)."""
    enters = False
    for run in range(size):
        enters |= (
            (own_per_point[run] > last_per_point[run])
            | ((own_per_point[run] == last_per_point[run]) & (candidate < last_index[run]))
            | (last_index[run] < 0)
        )
    return enters


@compiled
def _best_combination(
    combos: np.ndarray,
    top_parts: np.ndarray,
    top_per_point: np.ndarray,
    points: np.ndarray,
    free_slots: np.ndarray,
    size: int,
    sums: np.ndarray,
    worthwhile: np.ndarray,
    best_total: np.ndarray,
    chosen: np.ndarray,
) -> None:
    """Each run's best feasible set of shortlist places (a row of ``combos``, -1 for "no order"):
    its gain less the price of the points it spends, into ``chosen``; ``top_parts`` holds each
    place's gain, cost and project count; ``sums`` and ``worthwhile`` are scratch."""
    top_gain, top_cost, top_project = top_parts[0], top_parts[1], top_parts[2]
    total_gain, spent, projects = sums[0], sums[1], sums[2]
    best_total[:] = -np.inf
    chosen[:] = 0
    for row in range(combos.shape[0]):
        total_gain[:] = 0.0
        spent[:] = 0.0
        projects[:] = 0.0
        worthwhile[:] = True
        for slot in range(combos.shape[1]):
            place = combos[row, slot]
            if place < 0:
                continue  # "no order": adds nothing and is always worthwhile
            for run in range(size):
                worthwhile[run] &= top_gain[place, run] > 0.0
                total_gain[run] += top_gain[place, run]
                spent[run] += top_cost[place, run]
                projects[run] += top_project[place, run]
        for run in range(size):
            keep_price = 0.15 * max(top_per_point[0, run], 0.0)  # points kept carry over
            total = total_gain[run] - keep_price * spent[run]
            better = (
                worthwhile[run]
                & affordable(spent[run], points[run])
                & (projects[run] <= free_slots[run])
                & (total > best_total[run])
            )
            best_total[run] = total if better else best_total[run]
            chosen[run] = row if better else chosen[run]


def budgets(world: World, state: State) -> tuple[np.ndarray, np.ndarray]:
    """Points in hand and free project slots of every role in every run: two (ROLES, R) arrays."""
    points = np.empty((N_ROLES, state.runs))
    free = np.empty((N_ROLES, state.runs), dtype=np.int64)
    _budgets(state.values, state.slot_last, state.turn, world.rules.max_projects, points, free)
    return points, free


@compiled
def _budgets(
    values: np.ndarray, slot_last: np.ndarray, turn: int, max_projects: int, points: np.ndarray, free: np.ndarray
) -> None:
    """Per run and role: the points column, and the role's project slots not busy this turn."""
    for run in range(values.shape[0]):
        for role in range(points.shape[0]):
            points[role, run] = values[run, POINTS_START + role]
            free[role, run] = max_projects - busy_role_slots(slot_last[run], role, max_projects, turn)


def role_budget(world: World, state: State, role: int) -> tuple[np.ndarray, np.ndarray]:
    """Points in hand and free project slots of one role in every run."""
    points, free = budgets(world, state)
    return points[role], free[role]


def write_plan(
    orders_action: np.ndarray, orders_target: np.ndarray, candidates: Candidates, plan: np.ndarray, runs: np.ndarray
) -> None:
    """Put a plan (candidate indices) into order arrays for the given runs (rows of ``plan``)."""
    _write_plan(orders_action, orders_target, candidates.role, candidates.actions, candidates.targets, plan, runs)


@compiled
def _write_plan(
    orders_action: np.ndarray,
    orders_target: np.ndarray,
    role: int,
    actions: np.ndarray,
    targets: np.ndarray,
    plan: np.ndarray,
    runs: np.ndarray,
) -> None:
    """Row i of ``plan`` becomes the orders of ``role`` in run ``runs[i]``; -1 means no order."""
    for row in range(runs.size):
        run = runs[row]
        for slot in range(plan.shape[1]):
            candidate = plan[row, slot]
            orders_action[run, role, slot] = actions[candidate] if candidate >= 0 else NO_ACTION
            orders_target[run, role, slot] = targets[candidate] if candidate >= 0 else 0
