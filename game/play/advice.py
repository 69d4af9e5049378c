"""Advice from the last quarter's ledger (no pygame here): what the others' orders cost the team, split into the
costliest orders and the rest, and the orders the team can still give now that answer them best.

A newcomer playing Russia lost 0.2–0.26 points a quarter to China's and the West's orders without seeing how to
answer them. Nothing here is written about a role: the orders and their cost come from the turn's ledger, split as
the turn summary splits a score change (:func:`game.play.summary.score_credits`), so the named orders and "other
orders" add up to the summary's "others' orders"; the answers are the orders the legality rule still allows after
those already queued (:func:`game.play.stakes.choices`), by their stake, each with when it acts
(:class:`game.play.timing.OrderTiming`).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.codes import ROLES
from game.engine.explain import order_of_cause
from game.engine.state import State
from game.i18n import _, place_name
from game.play.rounding import shown_parts
from game.play.session import Session
from game.play.stakes import NOTICEABLE, ActionChoice, Option, choices
from game.play.summary import score_credits, score_part_of, turn_summary
from game.play.timing import OrderTiming

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
    when: str  # when it acts, given this quarter, in the current language ("at once (2023Q4)")

    @property
    def key(self) -> tuple[int, str]:
        """The order it gives: (action, target)."""
        return self.action, self.target


@dataclass(frozen=True)
class Counter:
    """An order that hurt, where the team answers it, and its answers there (or why there are none)."""

    order: HurtingOrder
    place: str
    answers: tuple[Answer, ...]
    none_why: str  # one line when ``answers`` is empty


@dataclass(frozen=True)
class Advice:
    """The others' cost to the team last quarter and the team's answers now."""

    cost: OthersCost
    counters: tuple[Counter, ...]
    blocked: str  # why no order at all can be queued now ("" when one can)

    @property
    def answers(self) -> list[Answer]:
        """Every answer offered, in the order shown."""
        return [answer for counter in self.counters for answer in counter.answers]


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
    total = 0.0
    totals: dict[tuple[int, int, int], float] = {}  # (role, action, target) -> its credit
    for kind, index, credit in credits:
        if score_part_of(world, record, kind, index, team) != "others":
            continue
        total += credit
        key = order_of_cause(world, record, 0, kind, index)
        assert key is not None  # the others' part is their orders and projects
        totals[key] = totals.get(key, 0.0) + credit
    costly = sorted((credit, key) for key, credit in totals.items() if credit <= -NOTICEABLE)[:HURT_SHOWN]
    named = tuple(
        HurtingOrder(ROLES[owner], action, ROLES[target], credit) for credit, (owner, action, target) in costly
    )
    summary = turn_summary(session, role, session.turn)
    assert summary is not None  # the turn was played: it has a record
    rows, _change = shown_parts(summary)
    shown = next(amount for part, (_label, amount) in zip(summary.parts, rows, strict=True) if part.key == "others")
    return OthersCost(named, total - sum(order.cost for order in named), total, shown)


def advice(session: Session, role: str) -> Advice | None:
    """The others' cost to ``role`` last quarter and its best answers now, after the orders it has queued (None
    before the first turn, or when no order of the others cost it a visible amount)."""
    cost = others_cost(session, role)
    if cost is None or not cost.named:
        return None
    found = choices(session, role)
    offered: set[tuple[int, str]] = set()
    counters = []
    for order in cost.named:
        counter = counter_to(session, role, order, found, offered)
        offered.update(answer.key for answer in counter.answers)
        counters.append(counter)
    return Advice(cost, tuple(counters), blocked_why(session, role, found))


def counter_to(
    session: Session, role: str, order: HurtingOrder, found: list[ActionChoice], offered: set[tuple[int, str]]
) -> Counter:
    """Where the team answers ``order`` and its best orders there not ``offered`` already: at the state the order
    aimed at, else at the role that gave it (an order aimed at the team itself, or at a power it cannot aim at)."""
    places = [place for place in (order.target, order.role) if place != role]
    options = {place: [o for c in found for o in c.options if o.target == place] for place in places}
    for place in places:
        legal = [
            o for o in options[place] if not o.problem and o.stake >= NOTICEABLE and (o.action, o.target) not in offered
        ]
        if legal:
            best = sorted(legal, key=lambda o: -o.stake)[:ANSWERS_SHOWN]
            return Counter(order, place, tuple(answer_of(session, o) for o in best), "")
    actions = session.world.actions
    queued = {(actions.index(o.action), o.target) for o in session.queued.get(role, [])}
    # Where an order would add to the score, say why it is not offered; else that none would, at the first place.
    useful = [place for place in places if any(o.stake >= NOTICEABLE for o in options[place])]
    place = (useful or places)[0]
    return Counter(order, place, (), no_answer_why(place, options[place], queued))


def answer_of(session: Session, option: Option) -> Answer:
    """An option the rule allows, with when it acts if given this quarter."""
    when = OrderTiming.of(session.world.actions, option.action).when(session.quarter())
    return Answer(option.action, option.target, option.stake, when)


def no_answer_why(place: str, options: list[Option], queued: set[tuple[int, str]]) -> str:
    """Why no order at ``place`` is offered: the best one that would add to the score cannot be queued now (and
    why), or those that would are queued already, or none adds to it."""
    useful = [o for o in options if o.stake >= NOTICEABLE]
    blocked = [o for o in useful if o.problem and (o.action, o.target) not in queued]
    if blocked:
        best = max(blocked, key=lambda o: o.stake)
        return _("your orders at {target} that would add to your score cannot be queued now: {reason}").format(
            target=place_name(place), reason=best.problem
        )
    if useful:
        return _("your orders at {target} that add to your score are queued already").format(target=place_name(place))
    return _("no order of yours at {target} adds to your score now").format(target=place_name(place))


def blocked_why(session: Session, role: str, found: list[ActionChoice]) -> str:
    """Why the team can queue no order at all now ("" when it can): the verdict on its cheapest action."""
    if any(choice.legal for choice in found):
        return ""
    cost = session.world.actions.cost
    queued = {(session.world.actions.index(o.action), o.target) for o in session.queued.get(role, [])}
    # An order already queued is refused for being queued; the verdict that stops the team is on the others.
    others = [o for choice in found for o in choice.options if (o.action, o.target) not in queued]
    cheapest = min(others, key=lambda option: cost[option.action], default=None)
    reason = cheapest.problem if cheapest is not None else _("no action is open to you now")
    return _("No answer can be given now: {reason}.").format(reason=reason)
