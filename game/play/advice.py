"""Advice from the last quarter's ledger (no pygame here): what the others' orders cost the team, split into the
costliest orders and the rest, and the orders the team can still give now that answer them best.

Costs are over one quarter, so each answer is shown in the same unit first: what it adds to the score *when it acts*
(the figure the next turn summary credits it with, :func:`game.play.stakes.order_acting`), then what survives the
drift to the end of the game (its stake, by which the answers are ranked, as the computer players rank orders).

A newcomer playing Russia lost 0.2–0.26 points a quarter to China's and the West's orders without seeing how to
answer them. Nothing here is written about a role: the orders and their cost come from the turn's ledger, split as
the turn summary splits a score change (:func:`game.play.summary.score_credits`), so the named orders and "other
orders" add up to the summary's "others' orders"; the answers are the orders the legality rule still allows after
those already queued (:func:`game.play.stakes.choices`), by their stake, each with when it acts
(:class:`game.play.timing.OrderTiming`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.codes import ROLES
from game.engine.explain import order_of_cause
from game.engine.state import State
from game.i18n import _, format_number, ngettext, place_name
from game.play.rounding import shown_amounts
from game.play.session import Session
from game.play.stakes import (
    NOTICEABLE,
    ActionChoice,
    Option,
    acting_span,
    choices,
    free_project_slots,
    stake_amount,
)
from game.play.summary import parts_of_credits, score_credits, score_part_of

NoneWhy = Literal["blocked", "queued", "none"]  # why no order is offered: the rule blocks it, queued, none helps

HURT_SHOWN = 2  # the others' orders named, costliest first
ANSWERS_SHOWN = 2  # the team's answers named per order


@dataclass(frozen=True)
class HurtingOrder:
    """An order (or a project paying out) of another role that cost the team score in the last quarter played."""

    role: str  # who gave it
    action: int  # index in the world's action table
    target: str
    cost: float  # the score it took (negative)


@dataclass(frozen=True)
class OthersCost:
    """What the others' orders did to the team's score in the last quarter played: the costliest named, and the
    rest, which add up to ``total`` (the turn summary's "others' orders")."""

    named: tuple[HurtingOrder, ...]
    rest: float  # the others' orders not named (their sum; any sign)
    total: float
    shown_total: float  # ``total`` as the turn summary's table writes it (two decimals, its parts adding up)

    @property
    def parts(self) -> list[float]:
        """The named orders' costs, then the rest: the parts of ``total``."""
        return [order.cost for order in self.named] + [self.rest]


@dataclass(frozen=True)
class Answer:
    """An order the team can queue now after those already queued, with its stake and when it acts."""

    action: int
    target: str
    stake: float  # score points it is expected to add by the end of the game
    acting_value: float = 0.0  # score points it adds in the quarters it acts, before drift (the turn summary's figure)
    span: str = ""  # the quarters it acts in, as the screens write them ("2024Q2", "2024Q3–2025Q2")
    repeated: bool = False  # the team gave the same order last quarter (its fatigue weakens it now)

    @property
    def key(self) -> tuple[int, str]:
        """The order it gives: (action, target)."""
        return self.action, self.target


@dataclass(frozen=True)
class Reply:
    """The team's reply to an order that hurt: where it answers, its answers there (or why there are none)."""

    order: HurtingOrder
    place: str  # the state (or power) it answers at
    answers: tuple[Answer, ...]
    none_why: str  # one line when ``answers`` is empty
    note: str = ""  # one line before the answers when they are not at ``place`` (the slot kept for a better project)


@dataclass(frozen=True)
class RestReply:
    """The team's reply to the others' orders not named: the best order open anywhere (or why there is none)."""

    answers: tuple[Answer, ...]
    none_why: str  # one line when ``answers`` is empty


@dataclass(frozen=True)
class Advice:
    """The others' cost to the team last quarter and the team's answers now."""

    cost: OthersCost
    replies: tuple[Reply, ...]  # one per named order
    blocked: str  # why no order at all can be queued now ("" when one can)
    rest: RestReply | None = None  # the reply to the others' orders not named, when they cost a visible amount

    @property
    def answers(self) -> list[Answer]:
        """Every answer offered, in the order shown (the named orders' replies, then the rest's)."""
        rest = self.rest.answers if self.rest is not None else ()
        return [answer for reply in self.replies for answer in reply.answers] + list(rest)


_COSTS: dict[tuple[int, str], tuple[State, OthersCost | None]] = {}


def others_cost(session: Session, role: str) -> OthersCost | None:
    """What the others' orders and projects did to ``role``'s score in the last quarter played: the
    ``HURT_SHOWN`` costliest (of a visible amount), the rest, and their total (None before the first turn);
    found once a turn (the order form asks again after every click)."""
    state = session.game.state
    cached = _COSTS.get((id(state), role))
    if cached is not None and cached[0] is state:
        return cached[1]
    if len(_COSTS) > 32:
        _COSTS.clear()
    found = _others_cost(session, role)
    _COSTS[id(state), role] = (state, found)
    return found


def _others_cost(session: Session, role: str) -> OthersCost | None:
    record = session.record(session.turn)
    if record is None:
        return None
    world = session.world
    team = ROLES.index(role)
    _before, credits = score_credits(world, record, session.values(session.turn - 1), team)
    parts = parts_of_credits(world, record, credits, team)
    scores = session.scores(session.turn - 1)[team], session.scores(session.turn)[team]
    shown = dict(zip((part.key for part in parts), shown_amounts(parts, *scores), strict=True))
    total = 0.0
    totals: dict[tuple[int, int, int], float] = {}  # (role, action, target) -> its credit
    for kind, index, credit in credits:
        if score_part_of(world, record, kind, index, team) != "others":  # the turn summary's "others' orders"
            continue
        key = order_of_cause(world, record, 0, kind, index)
        assert key is not None  # an order or a project of another role's
        total += credit
        totals[key] = totals.get(key, 0.0) + credit
    costly = sorted((credit, key) for key, credit in totals.items() if credit <= -NOTICEABLE)[:HURT_SHOWN]
    named = tuple(
        HurtingOrder(ROLES[owner], action, ROLES[target], credit) for credit, (owner, action, target) in costly
    )
    return OthersCost(named, total - sum(order.cost for order in named), total, shown["others"])


def advice(session: Session, role: str) -> Advice | None:
    """The others' cost to ``role`` last quarter and its best answers now, after the orders it has queued (None
    before the first turn, or when the others' orders cost it no visible amount, named or together)."""
    cost = others_cost(session, role)
    if cost is None or (not cost.named and cost.rest > -NOTICEABLE):
        return None
    found = choices(session, role)
    offered: set[tuple[int, str]] = set()
    replies = []
    for order in cost.named:
        reply = reply_to(session, role, order, found, offered)
        offered.update(answer.key for answer in reply.answers)
        replies.append(reply)
    rest = reply_to_rest(session, role, found, offered) if cost.rest <= -NOTICEABLE else None
    return Advice(cost, tuple(replies), blocked_why(session, role, found), rest)


def project_for_the_slot(
    session: Session, found: list[ActionChoice], offered: set[tuple[int, str]]
) -> Option | None:
    """The project a reply keeps a project slot for: the one worth most by the end that the team can queue now and
    no earlier reply offers (None when no such project is open)."""
    project = session.world.actions.project_mask
    best = best_open([o for c in found if project[c.action] for o in c.options], offered, 1)
    return best[0] if best else None


def reply_to(
    session: Session,
    role: str,
    order: HurtingOrder,
    found: list[ActionChoice],
    offered: set[tuple[int, str]],
) -> Reply:
    """Where the team answers ``order`` and its best orders there not ``offered`` already: at the state the order
    aimed at, else at the role that gave it (an order aimed at the team itself, or at a power it cannot aim at).

    A project holds one of the team's few project slots for quarters, so one is offered here only when no project
    the team can queue elsewhere, and not offered above, is worth more by the end (:func:`project_for_the_slot`);
    otherwise the reply says to keep a slot for that project, how many are free, and offers it instead. Answering a
    small cost with a small project kept the slots from the projects that win games: in Middle Corridor, seed 1,
    queueing the first answers every quarter ended Russia's game at 45.80 against a target of 46.99, and at 47.04
    with this rule (the computer's own Russia: 47.67). Keeping the rule for the last free slot only ended it at
    46.79, short of the target: so it holds whatever the free slots, and the note names them."""
    places = [place for place in (order.target, order.role) if place != role]
    options = {place: [o for c in found for o in c.options if o.target == place] for place in places}
    kept_for = project_for_the_slot(session, found, offered)
    slot_worth = kept_for.stake if kept_for is not None else 0.0
    worth_a_slot = {place: [o for o in options[place] if worth_its_slot(session, o, slot_worth)] for place in places}
    for place in places:
        best = best_open(worth_a_slot[place], offered, ANSWERS_SHOWN)
        if best:
            return Reply(order, place, tuple(answer_of(session, role, o) for o in best), "")
    queued = queued_orders(session, role)
    # Where an order would add to the score, say why it is not offered; else that none would, at the first place.
    useful = [place for place in places if any(o.stake >= NOTICEABLE for o in options[place])]
    place = (useful or places)[0]
    turned_down = [
        o for o in options[place] if not o.problem and o.stake >= NOTICEABLE and o not in worth_a_slot[place]
    ]
    if turned_down and kept_for is not None:  # the project a slot is kept for, offered in their place
        free = free_project_slots(session, role)
        note = ngettext(
            "your orders at {target} that would add to your score are projects worth less by the end than your best "
            "project elsewhere ({stake}); you have {count} project slot free: keep it for that project",
            "your orders at {target} that would add to your score are projects worth less by the end than your best "
            "project elsewhere ({stake}); you have {count} project slots free, each held for quarters: keep one for "
            "that project",
            free,
        ).format(target=place_name(place), stake=stake_amount(slot_worth), count=format_number(free))
        return Reply(order, place, (answer_of(session, role, kept_for),), "", note)
    return Reply(order, place, (), no_answer_why(place, options[place], queued))


def worth_its_slot(session: Session, option: Option, slot_worth: float) -> bool:
    """Whether ``option`` may be offered as a local answer: it takes no project slot, or no project a slot is kept
    for is worth more by the end (``slot_worth``: 0 when none is)."""
    return not session.world.actions.project_mask[option.action] or option.stake >= slot_worth


def reply_to_rest(
    session: Session, role: str, found: list[ActionChoice], offered: set[tuple[int, str]]
) -> RestReply:
    """The reply to the others' orders not named (too many and too small to answer one by one): the best order
    open anywhere that is not ``offered`` already."""
    others = [o for c in found for o in c.options if (o.action, o.target) not in offered]
    best = best_open(others, offered, 1)
    if best:
        return RestReply(tuple(answer_of(session, role, o) for o in best), "")
    return RestReply((), no_other_answer_why(others, queued_orders(session, role)))


def best_open(options: list[Option], offered: set[tuple[int, str]], count: int) -> list[Option]:
    """The ``count`` options worth most by the end that the rule allows now, add a visible amount and are not
    ``offered`` already."""
    legal = [o for o in options if not o.problem and o.stake >= NOTICEABLE and (o.action, o.target) not in offered]
    return sorted(legal, key=lambda o: (-o.stake, o.action, o.target))[:count]


def queued_orders(session: Session, role: str) -> set[tuple[int, str]]:
    """The (action, target) of each order ``role`` has queued."""
    return {(session.world.actions.index(o.action), o.target) for o in session.queued.get(role, [])}


def answer_of(session: Session, role: str, option: Option) -> Answer:
    """An option the rule allows, with the quarters it acts in if given this quarter (and whether the team gave it last
    quarter: its fatigue, already in both figures, is why it is worth less than then)."""
    world = session.world
    record = session.record(session.turn)
    given = record.orders.orders_of_run(world, 0) if record is not None else []
    repeated = any(
        o.role == role and world.actions.index(o.action) == option.action and o.target == option.target for o in given
    )
    return Answer(
        option.action, option.target, option.stake, option.acting_value, acting_span(session, option.action), repeated
    )


def no_answer_why(place: str, options: list[Option], queued: set[tuple[int, str]]) -> str:
    """Why no order at ``place`` is offered: the best one that would add to the score cannot be queued now (and
    why), or those that would are queued already, or none adds to it."""
    verdict, reason = why_none(options, queued)
    if verdict == "blocked":
        return _("your orders at {target} that would add to your score cannot be queued now: {reason}").format(
            target=place_name(place), reason=reason
        )
    if verdict == "queued":
        return _("your orders at {target} that add to your score are queued already").format(target=place_name(place))
    return _("no order of yours at {target} adds to your score now").format(target=place_name(place))


def no_other_answer_why(options: list[Option], queued: set[tuple[int, str]]) -> str:
    """Why no order is offered against the others' orders not named (``options``: those not offered already), as
    :func:`no_answer_why` says it for one place."""
    verdict, reason = why_none(options, queued)
    if verdict == "blocked":
        return _("your other orders that would add to your score cannot be queued now: {reason}").format(
            reason=reason
        )
    if verdict == "queued":
        return _("your other orders that add to your score are queued already")
    return _("no other order of yours adds to your score now")


def why_none(options: list[Option], queued: set[tuple[int, str]]) -> tuple[NoneWhy, str]:
    """Why none of ``options`` is offered: ``("blocked", the rule's reason)`` when the best that would add to the
    score by the end cannot be queued now, ``("queued", "")`` when those that would are queued, else
    ``("none", "")``."""
    useful = [o for o in options if o.stake >= NOTICEABLE]
    blocked = [o for o in useful if o.problem and (o.action, o.target) not in queued]
    if blocked:
        return "blocked", max(blocked, key=lambda o: o.stake).problem
    return ("queued", "") if useful else ("none", "")


def blocked_why(session: Session, role: str, found: list[ActionChoice]) -> str:
    """Why the team can queue no order at all now ("" when it can): the verdict on its cheapest action."""
    if any(choice.legal for choice in found):
        return ""
    cost = session.world.actions.cost
    queued = queued_orders(session, role)
    # An order already queued is refused for being queued; the verdict that stops the team is on the others.
    others = [o for choice in found for o in choice.options if (o.action, o.target) not in queued]
    cheapest = min(others, key=lambda option: cost[option.action], default=None)
    reason = cheapest.problem if cheapest is not None else _("no action is open to you now")
    return _("No answer can be given now: {reason}.").format(reason=reason)
