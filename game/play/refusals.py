"""Why an order cannot be given, in the player's words (no pygame here): the one translator of the rules' refusals.

The engine says why it refuses an order as a structured :class:`~game.engine.orders.OrderProblem` (the reason and
the numbers it judged by; its English message is for logs). :func:`refusal_text` puts it into a sentence of the
current language (action points are "AP"), for everyone who shows a refusal: the actions list
(:mod:`game.play.stakes`), the Queue button (:meth:`game.play.session.Session.queue`), and the classroom's orders
files, ``class turn`` and the class server's submissions (:mod:`game.classroom.orders`).
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import ROLES
from game.engine.orders import NO_ACTION, Order, OrderProblem, Refusal, judge_orders
from game.engine.state import State
from game.engine.world import World
from game.i18n import _, format_number, ngettext


def next_order_problems(
    world: World, state: State, role: str, queued: list[Order], pairs: list[tuple[int, str]], over: bool
) -> list[str]:
    """The legality rule's verdict on each (action index, target) given after the role's ``queued`` orders in
    ``state`` (run 0): one run of the rule per pair, judged together; "" for a legal one (``over``: the game is
    over, and nothing can be given)."""
    if not pairs:
        return []
    if over:
        return [_("the game is over")] * len(pairs)
    r = ROLES.index(role)
    width = max(world.rules.max_orders, len(queued) + 1)
    runs = state.select(np.zeros(len(pairs), dtype=np.int64))
    action = np.full((len(pairs), len(ROLES), width), NO_ACTION, dtype=np.int64)
    target = np.zeros_like(action)
    for slot, order in enumerate(queued):
        action[:, r, slot] = world.actions.index(order.action)
        target[:, r, slot] = ROLES.index(order.target)
    for run, (a, t) in enumerate(pairs):
        action[run, r, len(queued)] = a
        target[run, r, len(queued)] = ROLES.index(t)
    verdicts = judge_orders(world, runs, action, target)
    said = []
    for run, (a, t) in enumerate(pairs):
        problem = verdicts.problem(world, Order(role, world.actions.ids[a], t), run, r, len(queued))
        said.append("" if problem is None else refusal_text(problem))
    return said


def refusal_text(problem: OrderProblem) -> str:
    """Why the rules refuse an order, in the current language, from the engine's structured verdict."""
    order, reason = problem.order, problem.reason
    if reason is Refusal.NOT_ALLOWED:
        return _("{role} cannot take '{action}' toward {target}").format(
            role=order.role, action=order.action, target=order.target)  # codes, as orders files write them
    if reason is Refusal.DUPLICATE:
        return _("already queued this turn (the same order cannot be given twice)")
    if reason is Refusal.TOO_MANY_ORDERS:
        return ngettext(
            "{count} order already queued (at most {count} a turn)",
            "{count} orders already queued (at most {count} a turn)", problem.limit,
        ).format(count=format_number(problem.limit))
    if reason is Refusal.NOT_ENOUGH_POINTS:
        return _("not enough action points ({left} AP left, this order costs {cost} AP)").format(
            left=format_number(problem.points_left, 1),
            cost=format_number(problem.cost, 0 if float(problem.cost).is_integer() else 1),
        )
    if reason is Refusal.TOO_MANY_PROJECTS:
        return _(
            "project limit reached ({busy} in flight and {queued} queued, at most {limit} at a time: wait for one "
            "to finish)"
        ).format(busy=format_number(problem.busy), queued=format_number(problem.queued_projects),
                 limit=format_number(problem.limit))
    if reason is Refusal.UNKNOWN_ROLE:
        return _("'{role}' is not a role ({roles})").format(role=order.role, roles=", ".join(ROLES))
    if reason is Refusal.NOT_YOUR_ROLE:
        return _("you do not play {role}").format(role=order.role)
    if reason is Refusal.UNKNOWN_ACTION:
        return _("'{action}' is not an action here").format(action=order.action)
    if reason is Refusal.UNKNOWN_TARGET:
        return _("'{target}' is not a country or power").format(target=order.target)
    return problem.message  # BAD_FORM: the engine never judges it (an orders file's form is checked before)
