"""Orders as values: parse, format, validate, and encode for the runs axis.

An order is ``role action target``, e.g. ``RU loan KG`` (Russia lends to
Kyrgyzstan) or ``KZ diversify_routes RU``. :func:`validate_orders` only reports
problems; :func:`game.engine.resolve.resolve_turn` applies orders and refuses a
turn with any illegal order before changing anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from game.engine.codes import N_ROLES, ROLES
from game.engine.compiled import compiled
from game.engine.layout import BLOCKS
from game.engine.state import State
from game.engine.world import World

NO_ACTION = -1


class IllegalOrderError(ValueError):
    """Raised when a turn is given orders that break the rules; nothing was changed."""


class Refusal(StrEnum):
    """Why an order was refused."""

    BAD_FORM = "bad_form"
    UNKNOWN_ROLE = "unknown_role"
    NOT_YOUR_ROLE = "not_your_role"
    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_TARGET = "unknown_target"
    NOT_ALLOWED = "not_allowed"
    TOO_MANY_ORDERS = "too_many_orders"
    DUPLICATE = "duplicate"
    NOT_ENOUGH_POINTS = "not_enough_points"
    TOO_MANY_PROJECTS = "too_many_projects"


@dataclass(frozen=True)
class Order:
    """One role's order for one turn."""

    role: str
    action: str
    target: str

    def __str__(self) -> str:
        return f"{self.role} {self.action} {self.target}"


def parse_order(text: str) -> Order:
    """Read the short text form of an order.

    >>> parse_order("RU  loan KG")
    Order(role='RU', action='loan', target='KG')
    >>> str(parse_order("KZ host_summit WEST"))
    'KZ host_summit WEST'
    """
    parts = text.split()
    if len(parts) != 3:
        raise ValueError(f"an order is 'ROLE ACTION TARGET', got {text!r}")
    return Order(role=parts[0], action=parts[1], target=parts[2])


@dataclass(frozen=True)
class OrderProblem:
    """An order that cannot be carried out, and why."""

    order: Order
    reason: Refusal
    message: str

    def __str__(self) -> str:
        return f"{self.order}: {self.message}"


def validate_orders(
    world: World,
    state: State,
    orders: Sequence[Order],
    run: int = 0,
    roles: Iterable[str] | None = None,
) -> list[OrderProblem]:
    """Every problem with one run's orders for the next turn (an empty list means legal).

    ``roles``, when given, are the roles the sender controls.
    """
    actions = world.actions
    allowed_roles = set(ROLES if roles is None else roles)
    problems: list[OrderProblem] = []
    spent = np.zeros(N_ROLES)
    counts = np.zeros(N_ROLES, dtype=int)
    new_projects = np.zeros(N_ROLES, dtype=int)
    seen: set[tuple[str, str, str]] = set()
    points = state.values[run, BLOCKS["points"].start : BLOCKS["points"].stop]

    def refuse(order: Order, reason: Refusal, message: str) -> None:
        problems.append(OrderProblem(order, reason, message))

    for order in orders:
        if order.role not in ROLES:
            refuse(order, Refusal.UNKNOWN_ROLE, f"'{order.role}' is not a role ({', '.join(ROLES)})")
            continue
        if order.role not in allowed_roles:
            refuse(order, Refusal.NOT_YOUR_ROLE, f"you do not play {order.role}")
            continue
        if order.action not in actions.ids:
            refuse(order, Refusal.UNKNOWN_ACTION, f"'{order.action}' is not an action here")
            continue
        if order.target not in ROLES:
            refuse(order, Refusal.UNKNOWN_TARGET, f"'{order.target}' is not a country or power")
            continue
        action = actions.index(order.action)
        role = ROLES.index(order.role)
        target = ROLES.index(order.target)
        if not actions.allowed[action, role, target]:
            refuse(
                order,
                Refusal.NOT_ALLOWED,
                f"{order.role} cannot take '{order.action}' toward {order.target}",
            )
            continue
        key = (order.role, order.action, order.target)
        if key in seen:
            refuse(order, Refusal.DUPLICATE, "the same order twice in one turn")
            continue
        seen.add(key)
        counts[role] += 1
        if counts[role] > world.rules.max_orders:
            refuse(
                order,
                Refusal.TOO_MANY_ORDERS,
                f"{order.role} may give at most {world.rules.max_orders} orders a turn",
            )
            continue
        spent[role] += actions.cost[action]
        if spent[role] > points[role] + 1e-9:
            refuse(
                order,
                Refusal.NOT_ENOUGH_POINTS,
                f"{order.role} has {points[role]:.1f} points; these orders cost {spent[role]:.1f}",
            )
            continue
        if actions.is_project(action):
            new_projects[role] += 1
            busy = sum(
                1 for slot in world.role_slots(role) if state.slot_last[run, slot] >= state.turn
            )
            if busy + new_projects[role] > world.rules.max_projects:
                refuse(
                    order,
                    Refusal.TOO_MANY_PROJECTS,
                    f"this order would start {order.role}'s project number {busy + new_projects[role]} "
                    f"({busy} in flight, {new_projects[role] - 1} ordered this turn; "
                    f"at most {world.rules.max_projects})",
                )
    return problems


@dataclass(frozen=True)
class OrderArrays:
    """Orders of every run in array form: ``action``/``target`` of shape (R, ROLES, max_orders)."""

    action: np.ndarray
    target: np.ndarray

    @classmethod
    def empty(cls, runs: int, max_orders: int) -> OrderArrays:
        """No orders at all for any run."""
        shape = (runs, N_ROLES, max_orders)
        return cls(np.full(shape, NO_ACTION, dtype=np.int64), np.zeros(shape, dtype=np.int64))

    def orders_of_run(self, world: World, run: int) -> list[Order]:
        """Decode one run's orders back into values."""
        result = []
        for role in range(N_ROLES):
            for slot in range(self.action.shape[2]):
                action = int(self.action[run, role, slot])
                if action != NO_ACTION:
                    result.append(
                        Order(ROLES[role], world.actions.ids[action], ROLES[int(self.target[run, role, slot])])
                    )
        return result


def encode_orders(world: World, orders_per_run: Sequence[Sequence[Order]]) -> OrderArrays:
    """Put each run's orders into arrays, in the order given per role.

    Orders must already be valid (see :func:`validate_orders`).
    """
    arrays = OrderArrays.empty(len(orders_per_run), world.rules.max_orders)
    for run, orders in enumerate(orders_per_run):
        used = np.zeros(N_ROLES, dtype=int)
        for order in orders:
            role = ROLES.index(order.role)
            if used[role] >= world.rules.max_orders:
                raise IllegalOrderError(f"{order.role} gave more than {world.rules.max_orders} orders")
            arrays.action[run, role, used[role]] = world.actions.index(order.action)
            arrays.target[run, role, used[role]] = ROLES.index(order.target)
            used[role] += 1
    return arrays


def merge_orders(base: OrderArrays, override: OrderArrays, roles: Sequence[int]) -> OrderArrays:
    """``base`` with the given roles' orders replaced by those in ``override``."""
    action = base.action.copy()
    target = base.target.copy()
    for role in roles:
        action[:, role] = override.action[:, role]
        target[:, role] = override.target[:, role]
    return OrderArrays(action, target)


def may_be_illegal(world: World, state: State, orders: OrderArrays) -> bool:
    """A quick screen for :func:`illegal_runs`: False only when it would find no problem.

    True may be a false alarm (the point check leaves a margin for rounding), so callers
    ask ``illegal_runs`` for the actual problems.
    """
    return bool(
        _may_be_illegal(
            orders.action,
            orders.target,
            world.actions.allowed,
            world.actions.cost.astype(np.float64),
            world.actions.project_mask,
            state.values,
            state.slot_last,
            state.turn,
            world.rules.max_projects,
        )
    )


_POINTS_START = BLOCKS["points"].start


@compiled
def _may_be_illegal(
    action: np.ndarray,
    target: np.ndarray,
    allowed: np.ndarray,
    cost: np.ndarray,
    is_project: np.ndarray,
    values: np.ndarray,
    slot_last: np.ndarray,
    turn: int,
    max_projects: int,
) -> bool:
    """Whether any run has an order not allowed, a duplicate, more cost than points or too many projects.

    Points are compared with half of ``illegal_runs``'s 1e-9 allowance, so rounding never hides a problem.
    """
    max_orders = action.shape[2]
    for run in range(action.shape[0]):
        for role in range(action.shape[1]):
            spent = 0.0
            new_projects = 0
            for order in range(max_orders):
                chosen = action[run, role, order]
                if chosen == NO_ACTION:
                    continue
                if not allowed[chosen, role, target[run, role, order]]:
                    return True
                for later in range(order + 1, max_orders):
                    if action[run, role, later] == chosen and target[run, role, later] == target[run, role, order]:
                        return True
                spent += cost[chosen]
                if is_project[chosen]:
                    new_projects += 1
            if spent > values[run, _POINTS_START + role] + 0.5e-9:
                return True
            busy = 0
            for slot in range(role * max_projects, (role + 1) * max_projects):
                if slot_last[run, slot] >= turn:
                    busy += 1
            if busy + new_projects > max_projects:
                return True
    return False


def illegal_runs(world: World, state: State, orders: OrderArrays) -> list[str]:
    """Vectorised legality check of every run's orders; one message per problem found."""
    problems: list[str] = []
    action = orders.action
    given = action != NO_ACTION
    safe_action = np.where(given, action, 0)
    roles = np.broadcast_to(np.arange(N_ROLES)[None, :, None], action.shape)
    allowed = world.actions.allowed[safe_action, roles, orders.target]
    bad = given & ~allowed
    for run, role, slot in zip(*np.nonzero(bad), strict=True):
        problems.append(
            f"run {run}: {ROLES[role]} cannot take "
            f"'{world.actions.ids[action[run, role, slot]]}' toward {ROLES[orders.target[run, role, slot]]}"
        )
    for first in range(action.shape[2]):
        for second in range(first + 1, action.shape[2]):
            same = given[:, :, first] & (action[:, :, first] == action[:, :, second])
            same &= orders.target[:, :, first] == orders.target[:, :, second]
            for run, role in zip(*np.nonzero(same), strict=True):
                problems.append(f"run {run}: {ROLES[role]} gave the same order twice")
    cost = np.where(given, world.actions.cost[safe_action], 0.0).sum(axis=2)
    points = state.values[:, BLOCKS["points"].start : BLOCKS["points"].stop]
    for run, role in zip(*np.nonzero(cost > points + 1e-9), strict=True):
        problems.append(
            f"run {run}: {ROLES[role]} orders cost {cost[run, role]:.1f} "
            f"with {points[run, role]:.1f} points"
        )
    is_project = world.actions.project_mask
    new = (given & is_project[safe_action]).sum(axis=2)
    for role in range(N_ROLES):
        slots = list(world.role_slots(role))
        busy = (state.slot_last[:, slots] >= state.turn).sum(axis=1)
        for run in np.nonzero(busy + new[:, role] > world.rules.max_projects)[0]:
            problems.append(f"run {run}: {ROLES[role]} has too many projects in flight")
    return problems

