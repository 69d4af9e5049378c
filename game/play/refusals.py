"""Why an order cannot be given now, in the player's words (no pygame here).

The legality rule (:func:`game.engine.orders.judge_orders`) is asked about each (action, target) given after the
orders a role has already queued; its verdict is put into a sentence of the current language (action points are
"AP"). The actions list (:mod:`game.play.stakes`) and the Queue button (:meth:`game.play.session.Session.queue`)
both say it so.
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import ROLES
from game.engine.orders import LEGAL, NO_ACTION, RULE_REFUSALS, Order, Refusal, Verdicts, judge_orders
from game.engine.state import State
from game.engine.world import World
from game.i18n import _, format_number, ngettext, place_name


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
    return [refusal_text(world, verdicts, run, r, len(queued)) for run in range(len(pairs))]


def refusal_text(world: World, verdicts: Verdicts, run: int, role: int, slot: int) -> str:
    """The rule's verdict on one order in the player's words, in the current language ("" when it is legal)."""
    code = int(verdicts.code[run, role, slot])
    if code == LEGAL:
        return ""
    rules = world.rules
    reason = RULE_REFUSALS[code - 1]
    if reason is Refusal.NOT_ALLOWED:
        return _("{role} cannot take this action toward that target").format(role=place_name(ROLES[role]))
    if reason is Refusal.DUPLICATE:
        return _("already queued this turn (the same order cannot be given twice)")
    if reason is Refusal.TOO_MANY_ORDERS:
        return ngettext(
            "{count} order already queued (at most {count} a turn)",
            "{count} orders already queued (at most {count} a turn)", rules.max_orders,
        ).format(count=format_number(rules.max_orders))
    if reason is Refusal.NOT_ENOUGH_POINTS:
        before = float(verdicts.spent[run, role, slot - 1]) if slot > 0 else 0.0
        cost = float(verdicts.spent[run, role, slot]) - before
        left = float(verdicts.points[run, role]) - before
        return _("not enough action points ({left} AP left, this order costs {cost} AP)").format(
            left=format_number(left, 1), cost=format_number(cost)
        )
    busy, started = int(verdicts.busy[run, role]), int(verdicts.started[run, role, slot])
    return _(
        "project limit reached ({busy} in flight and {queued} queued, at most {limit} at a time: wait for one "
        "to finish)"
    ).format(busy=format_number(busy), queued=format_number(started - 1), limit=format_number(rules.max_projects))
