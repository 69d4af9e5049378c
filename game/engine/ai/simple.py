"""The first greedy computer player's valuation helpers, and the default policy.

``simple_orders`` now plays the normal level (``game.engine.ai.policy``); the
helpers below value orders by the objective's gradient, as that player did.


Each role values a candidate order by the first-order change it would make to
its own objective (the gradient of ``game.engine.scores.role_scores`` times
the order's total pushes, with diminishing returns at the current shares),
divides by its cost, discounts actions it used recently, and buys the best
orders it can afford. A small draw from the AI stream breaks ties, so games
differ between seeds but never between replays of one seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_COUNTRIES, N_ROLES, POWERS
from game.engine.layout import BLOCKS, N_VARIABLES
from game.engine.orders import OrderArrays
from game.engine.rng import RandomStreams
from game.engine.scores import headline
from game.engine.state import State
from game.engine.world import ActionTable, World

PROJECT_DISCOUNT = 0.9


def objective_gradient(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """d(role score)/d(value) for every role: shape (R, ROLES, V)."""
    runs = values.shape[0]
    gradient = np.zeros((runs, N_ROLES, N_VARIABLES))
    dep = BLOCKS["dependence"]
    dependence_gradient = gradient[:, :, dep.start : dep.stop].reshape(
        runs, N_ROLES, N_COUNTRIES, len(POWERS), len(CHANNELS)
    )
    head = headline(values, weight)
    norm = np.sqrt(np.maximum(np.sum(head**2, axis=2), 1e-12))
    for c in range(N_COUNTRIES):
        share = head[:, c, :] / norm[:, c, None]
        dependence_gradient[:, c, c] = -50.0 * share[:, :, None] * weight[c][None, None, :]
        gradient[:, c, BLOCKS["prosperity"].start + c] = 25.0
        gradient[:, c, BLOCKS["stability"].start + c] = 25.0
    russia, china, west = (N_COUNTRIES + POWERS.index(code) for code in POWERS)
    trade, energy, transport = (CHANNELS.index(k) for k in ("trade", "energy", "transport"))
    mean = 1.0 / N_COUNTRIES
    dependence_gradient[:, russia, :, 0, :] = 70.0 * mean * weight[None]
    dependence_gradient[:, china, :, 1, energy] = 35.0 * mean
    dependence_gradient[:, china, :, 1, trade] = 35.0 * mean
    dependence_gradient[:, west, :, 2, :] = 40.0 * mean * weight[None]
    dependence_gradient[:, west, :, 2, transport] += 30.0 * mean
    favour, tension = BLOCKS["favour"], BLOCKS["tension"]
    for c in range(N_COUNTRIES):
        gradient[:, russia, favour.column(country=_code(c), power="RU")] = 30.0 * mean
        gradient[:, china, tension.column(country=_code(c), power="CN")] = -30.0 * mean
        gradient[:, west, favour.column(country=_code(c), power="WEST")] = 30.0 * mean
    return gradient


def _code(country: int) -> str:
    return COUNTRIES[country]


@dataclass(frozen=True)
class RoleCandidates:
    """The orders one role may give, and their discounted pushes on the columns they touch."""

    actions: np.ndarray  # (n,)
    targets: np.ndarray  # (n,)
    cost: np.ndarray  # (n,)
    is_project: np.ndarray  # (n,) bool
    columns: np.ndarray  # (m,) columns any candidate touches
    positive: np.ndarray  # (m, n)
    negative: np.ndarray  # (m, n)


_CACHE: dict[int, tuple[ActionTable, tuple[RoleCandidates, ...]]] = {}


def role_candidates(actions: ActionTable) -> tuple[RoleCandidates, ...]:
    """Per role: its legal (action, target) pairs with their whole effect, later effects discounted."""
    cached = _CACHE.get(id(actions))
    if cached is not None and cached[0] is actions:
        return cached[1]
    discount = PROJECT_DISCOUNT ** actions.lag.astype(float)
    total = actions.immediate + (actions.total_pushes - actions.immediate) * discount[:, None, None, None]
    result = []
    for role in range(N_ROLES):
        chosen_actions, chosen_targets = np.nonzero(actions.allowed[:, role, :])
        pushes = total[chosen_actions, role, chosen_targets]  # (n, V)
        columns = np.flatnonzero(np.any(pushes != 0.0, axis=0))
        result.append(
            RoleCandidates(
                actions=chosen_actions,
                targets=chosen_targets,
                cost=actions.cost[chosen_actions],
                is_project=actions.project_mask[chosen_actions],
                columns=columns,
                positive=np.maximum(pushes[:, columns], 0.0).T.copy(),
                negative=np.minimum(pushes[:, columns], 0.0).T.copy(),
            )
        )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(actions)] = (actions, tuple(result))
    return tuple(result)


def simple_orders(world: World, state: State, streams: RandomStreams) -> OrderArrays:
    """Orders for every role of every run from the default computer player (the normal level).

    Kept for callers of the first engine API; see ``game.engine.ai.policy`` for levels.
    """
    from game.engine.ai.policy import normal_orders

    return normal_orders(world, state, streams)
