"""What each order the player may give is worth to them, and why one cannot be given (no pygame here).

The stake of an order is the computer players' own valuation (:mod:`game.engine.ai.value`):
the change it is expected to make to the role's *score* by the end of the game, in score
points (0–100), judged at the state plus what is already in flight (``projected_values``),
as the news log's "worth +0.27 points by the end". Beside it, what the order does *when it
acts*: the same valuation without the drift's discount, judged at the state now, summed over
the quarters it acts before the end; for an order that acts at once, the figure the next turn
summary credits it with (the quarter's events aside). Whether an order can be given now is the
one legality rule (:func:`game.engine.orders.judge_orders`), asked for every (action, target)
at once after the orders already queued; its verdict is put in the player's words here
(action points are "AP", apart from the score). Whether an expected change helps the role
is the sign of the score's own response to it (``role_scores``), never a hand list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.ai.value import candidates_of, projected_values, role_values
from game.engine.codes import ROLES
from game.engine.scores import role_scores
from game.engine.state import State
from game.i18n import _, current_language, format_change, format_number
from game.play.refusals import next_order_problems
from game.play.session import Effect, Session
from game.play.timing import OrderTiming

NOTICEABLE = 0.005  # score points: a stake or cost below it reads 0.00 where it is shown

HELPS, HURTS, NEUTRAL = 1, -1, 0  # what an expected change does to the role's score
_SCORE_STEP = 1e-4  # the change of a variable the score's response is measured with (values are 0–1)
_UNMOVED = 1e-12  # a score response below this means the variable does not enter the score


@dataclass(frozen=True)
class Option:
    """One order the role may think of giving now: an action toward a target."""

    action: int  # index in the world's action table
    target: str
    stake: float  # score points the order is expected to add by the end of the game
    problem: str  # why it cannot be queued now ("" when it can), from the legality rule
    acting_value: float = 0.0  # score points it adds in the quarters it acts (before the end), before any drift


@dataclass(frozen=True)
class ActionChoice:
    """An action of the role with every target the rules allow it, each with its stake and verdict."""

    action: int
    options: tuple[Option, ...]

    @property
    def legal(self) -> tuple[Option, ...]:
        """The targets it may be given toward now."""
        return tuple(o for o in self.options if not o.problem)

    @property
    def best(self) -> Option | None:
        """The legal target worth most to the role (None when no target is legal now)."""
        return max(self.legal, key=lambda o: o.stake, default=None)

    @property
    def problem(self) -> str:
        """Why the action cannot be given at all now ("" when some target is legal)."""
        if self.legal:
            return ""
        return self.options[0].problem if self.options else _("no target is open to this action")

    def option(self, target: str | None) -> Option | None:
        """The option toward ``target`` (None when the rules never allow it)."""
        return next((o for o in self.options if o.target == target), None)


@dataclass(frozen=True)
class Project:
    """A project of the role in flight: it holds one of the role's project slots until it ends."""

    action: int
    target: str
    quarters_left: int  # quarters it still holds its slot, this one included


# --------------------------------------------------------------------------- stakes


_VALUES: dict[tuple[int, int], tuple[State, dict[tuple[int, int], tuple[float, float]]]] = {}


def _stakes_of(session: Session, role: str) -> dict[tuple[int, int], tuple[float, float]]:
    """Every candidate (action, target index) of the role -> its stake by the end and when it acts (cached per
    state and role)."""
    state = session.game.state
    key = (id(state), ROLES.index(role))
    cached = _VALUES.get(key)
    if cached is not None and cached[0] is state:
        return cached[1]
    world = session.world
    single = state.select(np.array([0]))
    by_end = role_values(world, single, projected_values(world, single), ROLES.index(role)).value[0]
    # When it acts: at the state now, the turn summary's starting point, not the projected end state.
    acting = role_values(world, single, single.values, ROLES.index(role), acting=True).value[0]
    candidates = candidates_of(world.actions)[ROLES.index(role)]
    stakes = {
        (int(a), int(t)): (float(v), float(w))
        for a, t, v, w in zip(candidates.actions, candidates.targets, by_end, acting, strict=True)
    }
    if len(_VALUES) > 32:
        _VALUES.clear()
    _VALUES[key] = (state, stakes)
    return stakes


def order_stake(session: Session, role: str, action: int, target: str) -> float:
    """Score points the order is expected to add to ``role``'s score by the end of the game (0 when the rules
    never allow it): the computer players' valuation of the same order."""
    return _stakes_of(session, role).get((action, ROLES.index(target)), (0.0, 0.0))[0]


def order_acting(session: Session, role: str, action: int, target: str) -> float:
    """Score points the order adds to ``role``'s score in the quarters it acts (those before the end), before
    drift takes any back (0 when the rules never allow it): :attr:`Option.acting_value` of one order, asked
    without judging every order's legality as :func:`choices` does. The screens read the figure from
    :func:`choices`; this is for checking it against what the turn summary credits the order with."""
    return _stakes_of(session, role).get((action, ROLES.index(target)), (0.0, 0.0))[1]


def stake_text(stake: float) -> str:
    """``score +0.27 by the end of the game`` (a stake rounded to nothing reads ``score ±0.00``); the horizon
    is named because the turn summary credits an order with its change over one quarter."""
    return _("score {change} by the end of the game").format(change=stake_amount(stake))


def acting_text(acting_value: float, span: str) -> str:
    """``+0.10 when it acts (2024Q2)``: what the order does to the score in the quarters it acts (``span``:
    :meth:`game.play.timing.OrderTiming.span`), the figure the turn summary credits it with there; an order that
    would first act after the game ends (``span`` "") has no effect before the game ends, and says so."""
    if not span:
        return _("no effect before the game ends")
    return _("{change} when it acts ({quarters})").format(change=stake_amount(acting_value), quarters=span)


def acting_span(session: Session, action: int) -> str:
    """The quarters ``action`` acts in if given this quarter, up to the game's last (:meth:`OrderTiming.span`)."""
    timing = OrderTiming.of(session.world.actions, action)
    return timing.span(session.quarter(), session.last_quarter())


def by_end_text(stake: float) -> str:
    """``+0.01 by the end``: the order's stake, short, beside :func:`acting_text`."""
    return _("{change} by the end").format(change=stake_amount(stake))


def stake_amount(stake: float) -> str:
    """A stake or an expected figure with its sign (``+0.27``, ``−0.05``); one that rounds to nothing reads
    ``±0.00``. The one way every screen writes such a figure (the actions list, the order details, the advice, the
    turn summary's "expected"), so that the same number reads the same wherever it is shown."""
    return "±" + format_number(0, 2) if abs(stake) < NOTICEABLE else format_change(stake, 2)


def range_text(choice: ActionChoice) -> str:
    """The stakes of an action over its legal targets (all its targets when none is legal): ``score +0.12``, or
    ``score −0.05 to +0.28`` when the targets differ."""
    stakes = [o.stake for o in choice.legal] or [o.stake for o in choice.options]
    if not stakes:
        return ""
    low, high = min(stakes), max(stakes)
    if high - low < NOTICEABLE:
        return _("score {change}").format(change=stake_amount(high))
    return _("score {low} to {high}").format(low=stake_amount(low), high=stake_amount(high))


# --------------------------------------------------------------------------- the rule's verdicts


_CHOICES: dict[tuple[int, str, tuple[str, ...], bool, str], tuple[State, list[ActionChoice]]] = {}


def choices(session: Session, role: str) -> list[ActionChoice]:
    """Every action of the role (as ``Session.actions_for``) with its targets' stakes and the rule's verdict on
    each as the next order after those already queued (cached per state, role and queue)."""
    state = session.game.state
    # The refusals are sentences in the language of the day.
    key = (id(state), role, tuple(map(str, session.queued.get(role, []))), session.is_over(), current_language())
    cached = _CHOICES.get(key)
    if cached is not None and cached[0] is state:
        return cached[1]
    found = _choices(session, role)
    if len(_CHOICES) > 64:
        _CHOICES.clear()
    _CHOICES[key] = (state, found)
    return found


def _choices(session: Session, role: str) -> list[ActionChoice]:
    pairs = [(a, t) for a in session.actions_for(role) for t in session.targets_for(role, a)]
    problems = _next_order_problems(session, role, pairs)
    stakes = _stakes_of(session, role)
    options: dict[int, list[Option]] = {a: [] for a in session.actions_for(role)}
    for (a, t), problem in zip(pairs, problems, strict=True):
        stake, acting_value = stakes.get((a, ROLES.index(t)), (0.0, 0.0))
        options[a].append(Option(a, t, stake, problem, acting_value))
    return [ActionChoice(a, tuple(found)) for a, found in options.items()]


def _next_order_problems(session: Session, role: str, pairs: list[tuple[int, str]]) -> list[str]:
    """The rule's verdict on each (action, target) given after the role's queued orders ("" for a legal one)."""
    return next_order_problems(
        session.world, session.game.state, role, session.queued.get(role, []), pairs, session.is_over()
    )


# --------------------------------------------------------------------------- projects and effects


def projects_in_flight(session: Session) -> dict[str, list[Project]]:
    """Every role's projects still holding a project slot, with the quarters they still hold it."""
    state = session.game.state
    world = session.world
    turn = state.turn
    found: dict[str, list[Project]] = {}
    for r, role in enumerate(ROLES):
        found[role] = []
        for slot in world.role_slots(r):
            last = int(state.slot_last[0, slot])
            if last >= turn:
                target = ROLES[int(state.slot_target[0, slot])]
                found[role].append(Project(int(state.slot_ref[0, slot]), target, last - turn + 1))
    return found


def project_slots_used(session: Session, role: str) -> tuple[int, int]:
    """The role's project slots in use: (projects running, projects queued this quarter)."""
    actions = session.world.actions
    queued = sum(bool(actions.project_mask[actions.index(o.action)]) for o in session.queued.get(role, []))
    return len(projects_in_flight(session)[role]), queued


def free_project_slots(session: Session, role: str) -> int:
    """The role's project slots neither running a project nor taken by one queued this quarter."""
    return session.world.rules.max_projects - sum(project_slots_used(session, role))


def effect_senses(session: Session, role: str, effects: list[Effect]) -> list[int]:
    """Whether each expected change helps the role's score (``HELPS``), hurts it (``HURTS``) or does not enter
    it (``NEUTRAL``): the sign of the score's own response to a small move of that variable, times the
    change's sign."""
    if not effects:
        return []
    values = session.values()
    rows = np.repeat(values[None, :], 2 * len(effects), axis=0)
    for i, effect in enumerate(effects):
        rows[2 * i, effect.column] += _SCORE_STEP
        rows[2 * i + 1, effect.column] -= _SCORE_STEP
    scores = role_scores(rows, session.world.weight)[:, ROLES.index(role)]
    senses = []
    for i, effect in enumerate(effects):
        slope = float(scores[2 * i] - scores[2 * i + 1])
        if abs(slope) < _UNMOVED or effect.amount == 0:
            senses.append(NEUTRAL)
        else:
            senses.append(HELPS if (slope > 0) == (effect.amount > 0) else HURTS)
    return senses


def points_next_quarter(session: Session, role: str, unspent: float) -> float:
    """Action points ``role`` holds at the start of next quarter when it ends this one with ``unspent`` left:
    unspent points carry over, plus a quarter's income, but no more than ``points_cap_turns`` quarters'
    income is held (the engine's income rule, ``game.engine.rules``)."""
    capacity = session.capacity(role)
    return min(unspent + capacity, session.world.rules.points_cap_turns * capacity)
