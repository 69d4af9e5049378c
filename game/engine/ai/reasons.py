"""Why the computer gave its orders, naming the state that caused them, as data.

``explain_orders(world, state, orders, run)`` returns one :class:`OrderReason` per order of that
run (in ``orders.orders_of_run`` order); ``game.i18n.reasons`` puts it into words in any language
for the news log, the ledger view and reports, e.g. ``China offers Kyrgyzstan a loan: Kyrgyzstan's
finance dependence on China is 21/100 (worth +0.14 to its score by the end)``, values on 0–100 as
every screen shows them. The reason follows the level that gave the order: the easy player's rule of
thumb, or the normal and hard players' valuation — the variable contributing most to the
order's value, read from the state before the turn, with a rival's project or an event
spread in flight on it named as the threat.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from game.engine.ai.heuristic import DISTANCE, ENGAGE
from game.engine.ai.levels import Level, level_grid
from game.engine.ai.lookahead import PLANS, looks_ahead
from game.engine.ai.value import candidates_of, projected_values, role_values
from game.engine.codes import N_COUNTRIES, POWERS, ROLES
from game.engine.layout import is_busy, slot_owner
from game.engine.orders import Order, OrderArrays
from game.engine.scores import headline
from game.engine.state import State
from game.engine.world import World


class ReasonKind(Enum):
    """Which reasoning gave an order: the easy player's rule of thumb, the normal and hard players' valuation, or
    none the engine can name (an order the valuation does not list)."""

    RULE_OF_THUMB = "rule_of_thumb"
    VALUATION = "valuation"
    UNEXPLAINED = "unexplained"


class Rule(Enum):
    """The easy player's rule of thumb behind an order."""

    LEAST_DEPENDENT = "least_dependent"  # a state engages the power it depends on least
    MOST_DEPENDENT = "most_dependent"  # a state keeps its distance from the power it depends on most
    OPEN_DOORS = "open_doors"  # a state keeps every door open
    PUBLIC_STANDING = "public_standing"  # a power courts a public by its standing there


@dataclass(frozen=True)
class Threat:
    """Someone else's project, or an event's spread, in flight and pushing the variable behind an order."""

    rising: bool  # it pushes the variable up (else down)
    action: int = -1  # the project's action (index into world.actions); -1 for an event
    owner: str = ""  # the role code of the project's giver
    event: int = -1  # the event (index into world.events); -1 for a project


@dataclass(frozen=True)
class OrderReason:
    """Why the computer gave one order, as data for the words of every language (``game.i18n.reasons``).

    A rule of thumb names its ``rule`` with the state's ``dependence`` on each power (role code, 0–100, largest
    first), or a power's public ``standing`` (0–100) in the target and its ``rank`` among the states. A valuation
    names the ``variable`` (state column) contributing most to the order's value, its ``value`` (0–100) before
    the turn, the order's ``worth`` to the giver's score by the end, the ``threat`` pushing that variable if any,
    and for the hard player how many ``plans`` it compared and its ``gain`` over the normal plan.
    """

    order: Order
    kind: ReasonKind
    rule: Rule | None = None
    dependence: tuple[tuple[str, float], ...] = ()
    standing: float = 0.0
    rank: int = 0
    variable: int = -1
    value: float = 0.0
    worth: float = 0.0
    threat: Threat | None = None
    hard: bool = False
    plans: int = 0
    gain: float = 0.0


def threat_on(world: World, state: State, run: int, column: int, actor: int) -> Threat | None:
    """The project of someone else or event spread, in flight, that pushes this column most; None if none."""
    turn = state.turn
    best: Threat | None = None
    best_amount = 0.0
    columns, amounts = world.actions.per_turn_sparse
    for slot in range(world.project_slots):
        if not is_busy(state.slot_last[run, slot], turn):
            continue
        if slot < world.order_slots:
            owner = slot_owner(slot, world.rules.max_projects)
            if owner == actor:
                continue
            ref = int(state.slot_ref[run, slot])
            key = (ref, owner, state.slot_target[run, slot])
            hit = float(amounts[key][columns[key] == column].sum() * state.slot_scale[run, slot])
            found = Threat(hit > 0, action=ref, owner=ROLES[owner])
        else:
            event = int(state.slot_ref[run, slot])
            event_columns, event_amounts = world.events.spread_sparse
            hit = float(event_amounts[event][event_columns[event] == column].sum())
            found = Threat(hit > 0, event=event)
        if abs(hit) > abs(best_amount):
            best, best_amount = found, hit
    return best


def _rule_of_thumb(state: State, world: World, run: int, order: Order) -> OrderReason:
    role = ROLES.index(order.role)
    values = state.values[run]
    if role < N_COUNTRIES:
        d = headline(values[None, :], world.weight)[0, role]  # (P,)
        p = POWERS.index(order.target)
        dependence = tuple((POWERS[q], 100 * float(d[q])) for q in np.argsort(-d))
        rule = Rule.OPEN_DOORS
        if order.action in ENGAGE and p == int(np.argmin(d)):
            rule = Rule.LEAST_DEPENDENT
        elif order.action in DISTANCE and p == int(np.argmax(d)):
            rule = Rule.MOST_DEPENDENT
        return OrderReason(order, ReasonKind.RULE_OF_THUMB, rule, dependence=dependence)
    power = POWERS.index(order.role)
    target = ROLES.index(order.target)
    favour = state.block("favour")[run, :, power]
    rank = int(np.sum(favour > favour[target])) + 1
    return OrderReason(
        order, ReasonKind.RULE_OF_THUMB, Rule.PUBLIC_STANDING, standing=100 * float(favour[target]), rank=rank
    )


def explain_orders(
    world: World,
    state: State,
    orders: OrderArrays,
    run: int = 0,
    levels: np.ndarray | dict[str, str] | None = None,
    gain: np.ndarray | None = None,
    plans: int | None = None,
) -> list[OrderReason]:
    """One reason per order of ``run`` (as listed by ``orders.orders_of_run``), given before the turn.

    ``levels`` says which level gave each role's orders (default: normal); ``gain``
    (R, ROLES) is the hard player's look-ahead gain over the normal plan; ``plans`` how
    many plans it compared (None: as many as it compares on this turn, see ``looks_ahead``).
    """
    if plans is None:
        plans = PLANS if looks_ahead(world, state) else 0
    grid = level_grid(levels if isinstance(levels, (np.ndarray, dict)) else None, state.runs)
    single = state.select(np.array([run]))
    projected = projected_values(world, single)
    table = candidates_of(world.actions)
    reasons = []
    cache: dict[int, object] = {}
    for order in orders.orders_of_run(world, run):
        role = ROLES.index(order.role)
        level = Level(int(grid[run, role]))
        if level is Level.EASY:
            reasons.append(_rule_of_thumb(state, world, run, order))
            continue
        values = cache.get(role)
        if values is None:
            values = cache[role] = role_values(world, single, projected, role, parts=True)
        candidates = table[role]
        action, target = world.actions.index(order.action), ROLES.index(order.target)
        match = np.flatnonzero((candidates.actions == action) & (candidates.targets == target))
        if match.size == 0:
            reasons.append(OrderReason(order, ReasonKind.UNEXPLAINED))
            continue
        j = int(match[0])
        parts = values.contributions(0, j)  # type: ignore[attr-defined]
        worth = float(values.value[0, j])  # type: ignore[attr-defined]
        column = int(candidates.columns[int(np.argmax(parts if worth >= 0 else -parts))])
        hard = level is Level.HARD
        reasons.append(
            OrderReason(
                order,
                ReasonKind.VALUATION,
                variable=column,
                value=100 * float(state.values[run, column]),
                worth=worth,
                threat=threat_on(world, state, run, column, role),
                hard=hard,
                plans=plans if hard else 0,
                gain=float(gain[run, role]) if hard and gain is not None else 0.0,
            )
        )
    return reasons
