"""Advice from the last quarter's ledger: the others' orders that cost the team most score, and the team's own
actions that answer them best now (at the same state, by their stake: ``game.play.stakes``).

A newcomer playing Russia lost 0.2–0.26 points a quarter to China's and the West's orders without seeing how to
answer them; the order form shows this advice while no action is chosen. Nothing here is written about a role:
the orders and their cost come from the turn's ledger (``game.play.summary.score_credits``), the answers from
the stakes every action is shown with.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.codes import ROLES
from game.engine.layout import slot_owner
from game.engine.ledger import CauseKind
from game.play.session import Session
from game.play.stakes import Option, choices
from game.play.summary import score_credits

HURT_SHOWN = 2  # the others' orders named, costliest first
ANSWERS_SHOWN = 2  # the team's answers named per order
NOTICEABLE = 0.005  # score points: less rounds to 0.00 where it is shown


@dataclass(frozen=True)
class HurtingOrder:
    """An order (or a project paying out) of another role that cost the team score in the last quarter played."""

    role: str  # who gave it
    action: int  # index in the world's action table
    target: str
    cost: float  # the score it took (negative)


def hurting_orders(session: Session, role: str, count: int = HURT_SHOWN) -> list[HurtingOrder]:
    """The others' orders and projects that cost ``role`` the most score in the last quarter played, costliest
    first (none before the first turn, or when none cost a visible amount)."""
    record = session.record(session.turn)
    if record is None:
        return []
    world = session.world
    team = ROLES.index(role)
    _before, credits = score_credits(world, record, session.values(session.turn - 1), team)
    slots = record.orders.action.shape[2]
    projects = world.rules.max_projects
    totals: dict[tuple[int, int, int], float] = {}  # (role, action, target) -> its credit
    for kind, index, credit in credits:
        if kind is CauseKind.ORDER:
            owner, slot = divmod(index, slots)
            action, target = record.orders.action[0, owner, slot], record.orders.target[0, owner, slot]
        elif kind is CauseKind.PROJECT and index < world.order_slots:
            owner = slot_owner(index, projects)
            action, target = record.slot_ref[0, index], record.slot_target[0, index]
        else:
            continue
        if owner != team:
            key = (owner, int(action), int(target))
            totals[key] = totals.get(key, 0.0) + credit
    costly = sorted((credit, key) for key, credit in totals.items() if credit <= -NOTICEABLE)[:count]
    return [HurtingOrder(ROLES[owner], action, ROLES[target], credit) for credit, (owner, action, target) in costly]


def answers_to(session: Session, role: str, order: HurtingOrder) -> tuple[str, list[Option]]:
    """Where the team answers an order and its best orders there: at the state the order aimed at, else at the
    role that gave it (an order aimed at the team itself, or at a power the team cannot aim at)."""
    places = [place for place in (order.target, order.role) if place != role]
    answered = [(place, best_answers(session, role, place)) for place in places]
    return next(((place, options) for place, options in answered if options), answered[0])


def best_answers(session: Session, role: str, target: str, count: int = ANSWERS_SHOWN) -> list[Option]:
    """The team's orders at ``target`` it may give now with the best stakes (those that add to its score)."""
    options = [option for choice in choices(session, role) for option in choice.legal if option.target == target]
    return sorted((o for o in options if o.stake >= NOTICEABLE), key=lambda o: -o.stake)[:count]
