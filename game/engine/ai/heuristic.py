"""The easy and normal computer players, vectorised over runs.

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

from game.engine.ai.value import Candidates, RoleValues
from game.engine.codes import COUNTRIES, N_COUNTRIES, ROLES
from game.engine.compiled import compiled
from game.engine.layout import BLOCKS
from game.engine.orders import NO_ACTION
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
    },
    "WEST": {
        "summit": 1.0,
        "media_campaign": 0.8,
        "investment": 0.8,
        "corridor_project": 0.7,
        "trade_deal": 0.6,
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
        affordable = candidates.cost[None, :] <= points[:, None] + 1e-9
        project_ok = ~candidates.is_project[None, :] | (free > 0)[:, None]
        open_value = np.where(affordable & project_ok, value, -np.inf)
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
    plan = np.empty((values.value.shape[0], max_orders), dtype=np.int64)
    _best_sets(
        values.value,
        NORMAL_NOISE * noise,
        candidates.cost,
        candidates.is_project,
        points,
        free_slots.astype(np.int64),
        _combinations(shortlist, max_orders),
        plan,
    )
    return plan


@compiled
def _best_sets(
    value: np.ndarray,
    noise: np.ndarray,
    cost: np.ndarray,
    is_project: np.ndarray,
    points: np.ndarray,
    free_slots: np.ndarray,
    combos: np.ndarray,
    plan: np.ndarray,
) -> None:
    """Per run: shortlist the candidates by value per point, then take the best feasible set.

    A set is feasible when its orders are all worth something, its cost fits the points
    and its projects fit the free slots. Points kept are priced at 15% of the best value
    per point (they carry over, up to a cap). Ties go to the earlier candidate or set.
    """
    count = value.shape[1]
    max_orders = plan.shape[1]
    shortlist = 0
    for slot in range(combos.shape[1]):
        for row in range(combos.shape[0]):
            shortlist = max(shortlist, combos[row, slot] + 1)
    noisy = np.empty(count)
    per_point = np.empty(count)
    taken = np.empty(count, dtype=np.bool_)
    top = np.empty(shortlist, dtype=np.int64)
    for run in range(value.shape[0]):
        for candidate in range(count):
            noisy[candidate] = value[run, candidate] + noise[run, candidate]
            per_point[candidate] = noisy[candidate] / cost[candidate]
            taken[candidate] = False
        for pick in range(shortlist):
            best = -1
            for candidate in range(count):
                if not taken[candidate] and (best < 0 or per_point[candidate] > per_point[best]):
                    best = candidate
            top[pick] = best
            taken[best] = True
        keep_price = 0.15 * max(per_point[top[0]], 0.0)
        best_total = -np.inf
        chosen = 0
        for row in range(combos.shape[0]):
            gain = 0.0
            spent = 0.0
            projects = 0
            worthwhile = True
            for slot in range(max_orders):
                position = combos[row, slot]
                if position < 0:
                    continue
                candidate = top[position]
                worthwhile = worthwhile and noisy[candidate] > 0.0
                gain += noisy[candidate]
                spent += cost[candidate]
                projects += is_project[candidate]
            if not (worthwhile and spent <= points[run] + 1e-9 and projects <= free_slots[run]):
                continue
            total = gain - keep_price * spent
            if total > best_total:
                best_total = total
                chosen = row
        for slot in range(max_orders):
            position = combos[chosen, slot]
            plan[run, slot] = top[position] if position >= 0 else -1


def role_budget(world: World, state: State, role: int) -> tuple[np.ndarray, np.ndarray]:
    """Points in hand and free project slots of one role in every run."""
    points = state.values[:, BLOCKS["points"].start + role].copy()
    slots = list(world.role_slots(role))
    busy = (state.slot_last[:, slots] >= state.turn).sum(axis=1)
    return points, world.rules.max_projects - busy


def write_plan(
    orders_action: np.ndarray, orders_target: np.ndarray, candidates: Candidates, plan: np.ndarray, runs: np.ndarray
) -> None:
    """Put a plan (candidate indices) into order arrays for the given runs (rows of ``plan``)."""
    safe = np.maximum(plan, 0)
    orders_action[runs, candidates.role] = np.where(plan >= 0, candidates.actions[safe], NO_ACTION)
    orders_target[runs, candidates.role] = np.where(plan >= 0, candidates.targets[safe], 0)
