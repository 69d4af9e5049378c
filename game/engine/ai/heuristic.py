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


def top_indices(score: np.ndarray, count: int) -> np.ndarray:
    """Columns of each row's ``count`` largest scores, largest first, ties by position: (R, count).

    The same as ``np.argsort(-score, axis=1, kind="stable")[:, :count]``, by repeated ``argmax``.
    """
    if not np.isfinite(score).all():  # -inf or NaN would tie with the crossed-out picks
        return np.argsort(-score, axis=1, kind="stable")[:, :count]
    runs = score.shape[0]
    every = np.arange(runs)
    work = score.copy()
    top = np.empty((runs, count), dtype=np.int64)
    for pick in range(count):
        best = np.argmax(work, axis=1)
        top[:, pick] = best
        work[every, best] = -np.inf
    return top


def best_set(
    values: RoleValues,
    points: np.ndarray,
    free_slots: np.ndarray,
    max_orders: int,
    noise: np.ndarray,
) -> np.ndarray:
    """The normal player's plan: the best affordable set among the top candidates (R, max_orders)."""
    candidates = values.candidates
    value = values.value + NORMAL_NOISE * noise
    runs, n = value.shape
    shortlist = min(SHORTLIST, n)
    per_point = value / candidates.cost[None, :]
    top = top_indices(per_point, shortlist)  # (R, k)
    every = np.arange(runs)
    combos = _combinations(shortlist, max_orders)  # (M, max_orders), -1 for none
    slot = np.where(combos >= 0, combos, shortlist)  # column k is "no order"
    pad = np.zeros((runs, 1))
    gain_top = np.hstack([value[every[:, None], top], pad])
    cost_top = np.hstack([candidates.cost[top], pad])
    project_top = np.hstack([candidates.is_project[top].astype(float), pad])
    # Sums over a set's orders, first to last (the order of a sum over the set's axis).
    gain = gain_top[:, slot[:, 0]]  # (R, M)
    cost = cost_top[:, slot[:, 0]]
    projects = project_top[:, slot[:, 0]]
    worthwhile = (gain > 0.0) | (combos[:, 0] < 0)[None]
    for position in range(1, max_orders):
        gain_next = gain_top[:, slot[:, position]]
        worthwhile &= (gain_next > 0.0) | (combos[:, position] < 0)[None]
        gain += gain_next
        cost += cost_top[:, slot[:, position]]
        projects += project_top[:, slot[:, position]]
    # Points left over are worth a little: they carry over (up to the cap) to a later turn.
    keep_price = 0.15 * np.clip(per_point[every, top[:, 0]], 0.0, None)  # the best price per point
    total = gain - keep_price[:, None] * cost
    feasible = (cost <= points[:, None] + 1e-9) & (projects <= free_slots[:, None]) & worthwhile
    total = np.where(feasible, total, -np.inf)
    choice = np.argmax(total, axis=1)
    chosen = slot[choice]  # (R, max_orders)
    padded_top = np.hstack([top, np.full((runs, 1), -1)])
    return np.take_along_axis(padded_top, chosen, axis=1)


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
