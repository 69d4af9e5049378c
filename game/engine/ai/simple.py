"""A simple greedy computer player for every role, vectorised over runs.

Each role values a candidate order by the first-order change it would make to
its own objective (the gradient of ``game.engine.scores.role_scores`` times
the order's total pushes, with diminishing returns at the current shares),
divides by its cost, discounts actions it used recently, and buys the best
orders it can afford. A small draw from the AI stream breaks ties, so games
differ between seeds but never between replays of one seed.
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_COUNTRIES, N_ROLES, POWERS
from game.engine.layout import BLOCKS, N_VARIABLES
from game.engine.orders import NO_ACTION, OrderArrays
from game.engine.rng import RandomStreams, Stream
from game.engine.scores import headline
from game.engine.state import State
from game.engine.world import World

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


def _candidate_pushes(world: World) -> tuple[np.ndarray, np.ndarray]:
    """Positive and negative parts of each order's whole effect, later effects discounted."""
    actions = world.actions
    discount = PROJECT_DISCOUNT ** actions.lag.astype(float)
    total = actions.immediate + (actions.total_pushes - actions.immediate) * discount[:, None, None, None]
    return np.maximum(total, 0.0), np.minimum(total, 0.0)


def simple_orders(world: World, state: State, streams: RandomStreams) -> OrderArrays:
    """Orders for every role of every run from the greedy policy."""
    runs = state.runs
    actions = world.actions
    positive, negative = _candidate_pushes(world)
    values = state.values
    gradient = objective_gradient(values, world.weight)
    room = np.ones_like(values)
    dep = BLOCKS["dependence"]
    room[:, dep.start : dep.stop] = 1.0 - values[:, dep.start : dep.stop]
    for name in ("favour", "tension", "stability", "prosperity"):
        block = BLOCKS[name]
        room[:, block.start : block.stop] = 1.0 - values[:, block.start : block.stop]
    held = np.where(room < 1.0, 1.0 - room, 1.0)
    orders = OrderArrays.empty(runs, world.rules.max_orders)
    noise = streams.uniform(state.turn, Stream.AI, (N_ROLES, actions.count, N_ROLES))
    points = values[:, BLOCKS["points"].start : BLOCKS["points"].stop].copy()
    is_project = actions.project_mask
    for role in range(N_ROLES):
        gain = gradient[:, role] * room
        loss = gradient[:, role] * held
        value = np.einsum("rv,atv->rat", gain, positive[:, role]) + np.einsum(
            "rv,atv->rat", loss, negative[:, role]
        )
        value /= 1.0 + state.fatigue[:, role, :, None]
        value = value / actions.cost[None, :, None] + 0.02 * noise[:, role]
        value = np.where(actions.allowed[None, :, role, :], value, -np.inf)
        slots = list(world.role_slots(role))
        busy = (state.slot_last[:, slots] >= state.turn).sum(axis=1)
        for order_slot in range(world.rules.max_orders):
            affordable = actions.cost[None, :, None] <= points[:, role, None, None] + 1e-9
            project_ok = ~is_project[None, :, None] | (busy < world.rules.max_projects)[:, None, None]
            candidate = np.where(affordable & project_ok, value, -np.inf)
            flat = candidate.reshape(runs, -1)
            best = np.argmax(flat, axis=1)
            best_value = flat[np.arange(runs), best]
            take = best_value > 0.0
            action, target = np.divmod(best, N_ROLES)
            orders.action[:, role, order_slot] = np.where(take, action, NO_ACTION)
            orders.target[:, role, order_slot] = np.where(take, target, 0)
            points[:, role] -= np.where(take, actions.cost[action], 0.0)
            busy += take & is_project[action]
            value[np.arange(runs), action, target] = -np.inf
    return orders
