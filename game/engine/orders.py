"""Orders as values: parse, format, encode for the runs axis, and the one rule that judges them.

An order is ``role action target``, e.g. ``RU loan KG`` (Russia lends to
Kyrgyzstan) or ``KZ diversify_routes RU``. Whether orders may be carried out is one
compiled rule (:func:`judge_orders`, with the points rule :func:`affordable` and its
one tolerance ``POINTS_TOLERANCE``), used by :func:`validate_orders` (players' orders,
the map's queue, orders files and the classroom), by the engine before a turn
(:func:`illegal_runs`, called by ``resolve_turn``, which refuses a turn with any
illegal order before changing anything) and, for the points, by the computer players.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import numpy as np

from game.engine.codes import N_ROLES, ROLES
from game.engine.compiled import compiled, compiled_inline
from game.engine.layout import POINTS_START, busy_role_slots
from game.engine.state import State
from game.engine.world import World

NO_ACTION = -1
# How far orders' total cost may exceed the points in hand: the points' own rounding
# (income and costs are sums of decimals), never a real overspend.
POINTS_TOLERANCE: Final = 1e-9


@compiled_inline
def affordable(cost: float | np.ndarray, points: float | np.ndarray) -> bool | np.ndarray:
    """Whether orders costing ``cost`` in all can be paid from ``points``: the one points rule of
    the engine's check, the computer players' plans and every preview (numbers or numpy arrays)."""
    return cost <= points + POINTS_TOLERANCE


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


# The compiled rule's verdict on one order: LEGAL, or code k for the refusal RULE_REFUSALS[k - 1].
LEGAL: Final = 0
RULE_REFUSALS: Final = (
    Refusal.NOT_ALLOWED,
    Refusal.DUPLICATE,
    Refusal.TOO_MANY_ORDERS,
    Refusal.NOT_ENOUGH_POINTS,
    Refusal.TOO_MANY_PROJECTS,
)
_NOT_ALLOWED, _DUPLICATE, _TOO_MANY_ORDERS, _NOT_ENOUGH_POINTS, _TOO_MANY_PROJECTS = range(1, len(RULE_REFUSALS) + 1)


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
    """An order that cannot be carried out, and why: the reason, an English message for logs and errors, and the
    numbers the rule judged by, for saying it in a player's words (each is set for the reasons it names)."""

    order: Order
    reason: Refusal
    message: str
    limit: int = 0  # TOO_MANY_ORDERS: orders a turn; TOO_MANY_PROJECTS: projects at a time
    points_left: float = 0.0  # NOT_ENOUGH_POINTS: the role's points after its earlier orders this turn
    cost: float = 0.0  # NOT_ENOUGH_POINTS: this order's cost
    busy: int = 0  # TOO_MANY_PROJECTS: the role's projects in flight
    queued_projects: int = 0  # TOO_MANY_PROJECTS: the projects its earlier orders this turn start

    def __str__(self) -> str:
        return f"{self.order}: {self.message}"


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


@compiled_inline
def _given_before(action: np.ndarray, target: np.ndarray, order: int) -> bool:
    """Whether an earlier order of the same row is the same (action, target)."""
    for earlier in range(order):  # noqa: SIM110 (numba compiles a loop, not any() of a generator)
        if action[earlier] == action[order] and target[earlier] == target[order]:
            return True
    return False


@compiled_inline
def _judge_role(
    action: np.ndarray,
    target: np.ndarray,
    role: int,
    allowed: np.ndarray,
    cost: np.ndarray,
    is_project: np.ndarray,
    points: float,
    busy: int,
    max_orders: int,
    max_projects: int,
    verdict: np.ndarray,
    spent: np.ndarray,
    started: np.ndarray,
) -> int:
    """One role's orders in one run, first to last (see :func:`judge_orders`); returns its refusals."""
    total = 0.0
    counted = 0
    projects = 0
    refusals = 0
    for order in range(action.size):
        chosen = action[order]
        code = LEGAL
        if chosen == NO_ACTION:
            pass
        elif not allowed[chosen, role, target[order]]:
            code = _NOT_ALLOWED
        elif _given_before(action, target, order):
            code = _DUPLICATE
        else:
            counted += 1
            if counted > max_orders:
                code = _TOO_MANY_ORDERS
            else:
                total += cost[chosen]
                if not affordable(total, points):
                    code = _NOT_ENOUGH_POINTS
                elif is_project[chosen]:
                    projects += 1
                    if busy + projects > max_projects:
                        code = _TOO_MANY_PROJECTS
        verdict[order] = code
        spent[order] = total
        started[order] = projects
        if code != LEGAL:
            refusals += 1
    return refusals


@compiled
def _judge_runs(
    action: np.ndarray,
    target: np.ndarray,
    allowed: np.ndarray,
    cost: np.ndarray,
    is_project: np.ndarray,
    values: np.ndarray,
    slot_last: np.ndarray,
    turn: int,
    max_orders: int,
    max_projects: int,
    verdict: np.ndarray,
    spent: np.ndarray,
    started: np.ndarray,
    busy: np.ndarray,
) -> int:
    """:func:`_judge_role` for every run and role; returns the number of refusals."""
    refusals = 0
    for run in range(action.shape[0]):
        for role in range(action.shape[1]):
            busy[run, role] = busy_role_slots(slot_last[run], role, max_projects, turn)
            refusals += _judge_role(
                action[run, role], target[run, role], role, allowed, cost, is_project,
                values[run, POINTS_START + role], busy[run, role], max_orders, max_projects,
                verdict[run, role], spent[run, role], started[run, role],
            )
    return refusals


@dataclass(frozen=True)
class Verdicts:
    """The rule's verdict on orders in array form, ``(R, ROLES, width)`` like the orders:
    ``code`` (``LEGAL`` or a refusal), the points the role's orders cost up to each order
    (``spent``) and the projects they start (``started``); ``busy`` (R, ROLES) counts each
    role's busy project slots, ``points`` (R, ROLES) its points in hand."""

    code: np.ndarray
    spent: np.ndarray
    started: np.ndarray
    busy: np.ndarray
    points: np.ndarray
    refusals: int

    def problem(self, world: World, order: Order, run: int, role: int, slot: int) -> OrderProblem | None:
        """The problem with the order at (run, role, slot), which is ``order``; None when it is legal."""
        code = int(self.code[run, role, slot])
        if code == LEGAL:
            return None
        reason = RULE_REFUSALS[code - 1]
        spent, started = float(self.spent[run, role, slot]), int(self.started[run, role, slot])
        busy, points = int(self.busy[run, role]), float(self.points[run, role])
        rules = world.rules
        if reason is Refusal.NOT_ALLOWED:
            message = f"{order.role} cannot take '{order.action}' toward {order.target}"
        elif reason is Refusal.DUPLICATE:
            message = "the same order twice in one turn"
        elif reason is Refusal.TOO_MANY_ORDERS:
            message = f"{order.role} may give at most {rules.max_orders} orders a turn"
            return OrderProblem(order, reason, message, limit=rules.max_orders)
        elif reason is Refusal.NOT_ENOUGH_POINTS:
            message = f"{order.role} has {points:.1f} action points; these orders cost {spent:.1f}"
            before = float(self.spent[run, role, slot - 1]) if slot > 0 else 0.0
            return OrderProblem(order, reason, message, points_left=points - before, cost=spent - before)
        else:
            message = (
                f"this order would start {order.role}'s project number {busy + started} "
                f"({busy} in flight, {started - 1} ordered this turn; at most {rules.max_projects})"
            )
            return OrderProblem(
                order, reason, message, limit=rules.max_projects, busy=busy, queued_projects=started - 1
            )
        return OrderProblem(order, reason, message)


def judge_orders(world: World, state: State, action: np.ndarray, target: np.ndarray) -> Verdicts:
    """The order rule, for orders in array form (R, ROLES, width) on the state's R runs.

    Each role's orders are judged first to last. An order is refused when its role may
    not take the action toward the target; else when the same order came before; else
    when it is the role's order number ``max_orders`` + 1 or later; else when the role's
    orders so far cost more than its points (:func:`affordable`); else when it starts a
    project and the role's busy slots plus the projects its orders start exceed
    ``max_projects``. A refused order still counts toward the later checks it reached
    (its cost, its project), so an order after it may be refused too.
    """
    shape = action.shape
    verdict = np.empty(shape, dtype=np.int64)
    spent = np.empty(shape)
    started = np.empty(shape, dtype=np.int64)
    busy = np.empty(shape[:2], dtype=np.int64)
    actions = world.actions
    refusals = _judge_runs(
        action, target, actions.allowed, actions.cost.astype(np.float64), actions.project_mask,
        state.values, state.slot_last, state.turn, world.rules.max_orders, world.rules.max_projects,
        verdict, spent, started, busy,
    )
    points = state.values[:, POINTS_START : POINTS_START + N_ROLES]
    return Verdicts(verdict, spent, started, busy, points, int(refusals))


def _form_problem(world: World, order: Order, allowed_roles: set[str]) -> OrderProblem | None:
    """A problem with how an order is written (names it uses, a role the sender does not play)."""
    if order.role not in ROLES:
        return OrderProblem(order, Refusal.UNKNOWN_ROLE, f"'{order.role}' is not a role ({', '.join(ROLES)})")
    if order.role not in allowed_roles:
        return OrderProblem(order, Refusal.NOT_YOUR_ROLE, f"you do not play {order.role}")
    if order.action not in world.actions.ids:
        return OrderProblem(order, Refusal.UNKNOWN_ACTION, f"'{order.action}' is not an action here")
    if order.target not in ROLES:
        return OrderProblem(order, Refusal.UNKNOWN_TARGET, f"'{order.target}' is not a country or power")
    return None


def validate_orders(
    world: World,
    state: State,
    orders: Sequence[Order],
    run: int = 0,
    roles: Iterable[str] | None = None,
) -> list[OrderProblem]:
    """Every problem with one run's orders for the next turn, in the orders' order (empty: legal).

    ``roles``, when given, are the roles the sender controls. Orders written with unknown
    names or for another role are refused as such; the rest are judged by :func:`judge_orders`,
    each role's in the order given.
    """
    allowed_roles = set(ROLES if roles is None else roles)
    found: dict[int, OrderProblem] = {}
    placed: list[tuple[int, int, int]] = []  # (position in orders, role, slot in the role's row)
    per_role = [0] * N_ROLES
    for position, order in enumerate(orders):
        problem = _form_problem(world, order, allowed_roles)
        if problem is not None:
            found[position] = problem
            continue
        role = ROLES.index(order.role)
        placed.append((position, role, per_role[role]))
        per_role[role] += 1
    shape = (1, N_ROLES, max(world.rules.max_orders, *per_role))
    action = np.full(shape, NO_ACTION, dtype=np.int64)
    target = np.zeros(shape, dtype=np.int64)
    for position, role, slot in placed:
        action[0, role, slot] = world.actions.index(orders[position].action)
        target[0, role, slot] = ROLES.index(orders[position].target)
    verdicts = judge_orders(world, state.select(np.array([run])), action, target)
    for position, role, slot in placed:
        problem = verdicts.problem(world, orders[position], 0, role, slot)
        if problem is not None:
            found[position] = problem
    return [found[position] for position in sorted(found)]


def illegal_runs(world: World, state: State, orders: OrderArrays) -> list[str]:
    """Every problem with every run's orders, ``run i: order: reason`` (empty when all are legal)."""
    verdicts = judge_orders(world, state, orders.action, orders.target)
    if verdicts.refusals == 0:
        return []
    problems = []
    for run, role, slot in zip(*np.nonzero(verdicts.code != LEGAL), strict=True):
        order = Order(
            ROLES[role], world.actions.ids[orders.action[run, role, slot]], ROLES[orders.target[run, role, slot]]
        )
        problems.append(f"run {run}: {verdicts.problem(world, order, int(run), int(role), int(slot))}")
    return problems
