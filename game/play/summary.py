"""One played turn as one role saw it: what its orders did, what moved on the map, and its
score change split by cause, plus the score's formula with the value of each term.

The split is exact although a country's score is not linear (autonomy takes a square
root): starting from the turn's starting values, the ledger's changes are applied cause by
cause in ledger order, and each cause is credited with the score difference it makes. The
credits telescope, so the parts add up to the score change (to float rounding).

Values are on 0–100 (shares, indices and scores) as the screens show them. Turns are
counted from 1 (turn 1 = the first quarter played), as in :mod:`game.play.news`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_COUNTRIES, POWERS, ROLE_NAMES, ROLES
from game.engine.explain import Cause, describe_cause
from game.engine.layout import BLOCKS, slot_owner, variable_label
from game.engine.ledger import CauseKind, ledger_rows
from game.engine.resolve import TurnRecord
from game.engine.scores import (
    COUNTRY_AUTONOMY,
    COUNTRY_PROSPERITY,
    COUNTRY_STABILITY,
    POWER_OBJECTIVES,
    Measure,
    Term,
    measure,
)
from game.engine.world import World
from game.play.news import dependence_causes, played_record
from game.play.pushback import pushback_sentence, role_pairs
from game.play.session import Session
from game.play.timing import OrderTiming
from game.play.titles import action_title

# The parts of a score change, in the order they are shown, with their names for players.
PART_LABELS: dict[str, str] = {
    "yours": "your orders",
    "others": "others' orders",
    "events": "events",
    "drift": "drift",
    "chance": "chance",
    "bounds": "bounds",
}
_ALWAYS_SHOWN = ("yours", "others", "events", "drift", "chance")
_GENERAL_PART = {CauseKind.DRIFT: "drift", CauseKind.NOISE: "chance", CauseKind.CLAMP: "bounds"}


def signed(amount: float, digits: int = 2) -> str:
    """``+0.42`` / ``−0.80``: the sign shown, a true minus sign; an amount that rounds to nothing reads ``0.00``
    (never ``−0.00``)."""
    rounded = round(amount, digits)
    return f"{rounded:+.{digits}f}".replace("-", "−") if rounded else f"{0:.{digits}f}"


@dataclass(frozen=True)
class ScorePart:
    """One part of a role's score change in a turn: ``key`` of :data:`PART_LABELS`."""

    key: str
    label: str
    amount: float


@dataclass(frozen=True)
class Change:
    """A change to one variable in words: ``Kazakhstan's favour of China`` and its amount (0–100)."""

    label: str
    amount: float
    block: str = ""  # the engine's block of the variable: "favour", "dependence" …

    def text(self) -> str:
        """``Kazakhstan's favour of China +3.1``."""
        return f"{self.label} {signed(self.amount, 1)}"


@dataclass(frozen=True)
class OrderOutcome:
    """What one of the role's orders (or a project of theirs paying out) did in the turn."""

    kind: str  # "order" | "project"
    text: str  # the cause's sentence
    effects: tuple[Change, ...]  # its largest effects, largest first
    score: float  # its share of the role's score change


@dataclass(frozen=True)
class MapMove:
    """A headline dependence that moved (0–100), with its main causes, largest first."""

    country: str
    power: str
    before: float
    after: float
    causes: tuple[tuple[str, float], ...]

    @property
    def change(self) -> float:
        """After minus before."""
        return self.after - self.before

    def text(self) -> str:
        """``Kyrgyzstan's dependence on Russia 52.1 to 53.4 (+1.3)``."""
        who = f"{ROLE_NAMES[self.country]}'s dependence on {ROLE_NAMES[self.power]}"
        shown = round(self.after, 1) - round(self.before, 1)  # the change of the values as written
        return f"{who} {self.before:.1f} to {self.after:.1f} ({signed(shown, 1)})"


@dataclass(frozen=True)
class TurnSummary:
    """One turn for one role: its orders' outcomes, the map's largest moves, and its score
    change split into parts that add up to it."""

    role: str
    turn: int
    quarter: str
    score_before: float
    score_after: float
    parts: tuple[ScorePart, ...]
    orders: tuple[OrderOutcome, ...]
    moves: tuple[MapMove, ...]
    later: tuple[str, ...] = ()  # orders given this turn that act in later quarters, and when
    pushback: tuple[str, ...] = ()  # dependences that moved against the role's orders, and what moved them

    @property
    def change(self) -> float:
        """The score change of the turn."""
        return self.score_after - self.score_before


@dataclass(frozen=True)
class ScoreTerm:
    """One term of a role's score: ``weight × (measure in words) (value) = points``."""

    weight: float
    measure: str
    value: float  # the measured quantity, as the formula reads it
    points: float

    def text(self) -> str:
        """``70 × mean dependence on Russia (0.52) = 36.4``."""
        return f"{self.weight:g} × {self.measure} ({self.value:.2f}) = {self.points:.1f}"


# --------------------------------------------------------------------------- the exact split


def _score(values: np.ndarray, world: World, role: int) -> float:
    return float(measure(values[None], world.weight).scores[0, role])


def _part_of(world: World, record: TurnRecord, kind: CauseKind, index: int, role: int) -> str:
    """Which part a ledger cause belongs to, for ``role``."""
    if kind in _GENERAL_PART:
        return _GENERAL_PART[kind]
    if kind is CauseKind.INCOME:
        return "income"  # action points only: no score reads them
    if kind is CauseKind.ORDER:
        return "yours" if index // record.orders.action.shape[2] == role else "others"
    if kind is CauseKind.PROJECT and index < world.order_slots:
        return "yours" if slot_owner(index, world.rules.max_projects) == role else "others"
    return "events"  # events, crises under way, and events' effects still in flight


def score_credits(
    world: World, record: TurnRecord, start: np.ndarray, role: int, run: int = 0
) -> tuple[float, list[tuple[CauseKind, int, float]]]:
    """The role's score before the turn and each ledger cause's credit, in ledger order
    (``start``: the run's flat values before the turn).

    Each (kind, index) cause is applied to the values in turn; its credit is the score
    difference it makes, so the credits sum to the score after the changes minus the score
    before, whatever the nonlinearity.
    """
    return value_credits(record, start, lambda values: _score(values, world, role), run)


def value_credits(
    record: TurnRecord, start: np.ndarray, value: Callable[[np.ndarray], float], run: int = 0
) -> tuple[float, list[tuple[CauseKind, int, float]]]:
    """Like :func:`score_credits` for any ``value`` of a run's flat values (a score, an autonomy):
    its value before the turn and each ledger cause's credit, in ledger order; they sum to its change."""
    values = np.array(start, dtype=np.float64, copy=True)
    before = value(values)
    current = before
    credits: list[tuple[CauseKind, int, float]] = []
    for entry in record.entries:
        rows = np.flatnonzero(entry.runs == run)
        for row in rows.tolist():
            delta = entry.delta[row]
            if not delta.any():
                continue
            values += delta
            now = value(values)
            credits.append((entry.kind, int(entry.index[row]), now - current))
            current = now
    return before, credits


def score_parts(world: World, record: TurnRecord, start: np.ndarray, role: int, run: int = 0) -> tuple[ScorePart, ...]:
    """The role's score change in the turn split into :data:`PART_LABELS` parts (they sum to it).

    Bounds (and action-point income, which no score reads) are listed only when nonzero.
    """
    _, credits = score_credits(world, record, start, role, run)
    totals = dict.fromkeys(_ALWAYS_SHOWN, 0.0)
    for kind, index, credit in credits:
        key = _part_of(world, record, kind, index, role)
        totals[key] = totals.get(key, 0.0) + credit
    return tuple(
        ScorePart(key, PART_LABELS.get(key, "action points"), amount)
        for key, amount in totals.items()
        if key in _ALWAYS_SHOWN or amount != 0.0
    )


# --------------------------------------------------------------------------- orders and moves


def favour_note(summary: TurnSummary) -> str:
    """One line when the role's orders moved favour and favour is not part of its score (a state's, China's):
    the turn summary shows those changes beside the score, which would read as if they counted."""
    counted_by = [
        ROLE_NAMES[r] for r, terms in POWER_OBJECTIVES.items() if any(t.measure is Measure.FAVOUR for t in terms)
    ]
    if ROLE_NAMES[summary.role] in counted_by:
        return ""
    if not any(change.block == "favour" for outcome in summary.orders for change in outcome.effects):
        return ""
    owners = " and ".join(f"{name}'s" for name in counted_by)
    return f"Favour is not part of your score (it counts in {owners})."


def change_label(column: int) -> str:
    """A variable in words: ``Kazakhstan's favour of China``, ``Kyrgyzstan's trade share of Russia``."""
    block, codes = variable_label(column)
    country = ROLE_NAMES.get(codes.get("country", ""), "")
    power = ROLE_NAMES.get(codes.get("power", ""), "")
    if block == "dependence":
        return f"{country}'s {codes['channel']} share of {power}"
    if block == "favour":
        return f"{country}'s favour of {power}"
    if block == "tension":
        return f"tension {country}–{power}"
    if block in ("stability", "prosperity"):
        return f"{country}'s {block}"
    return f"{ROLE_NAMES.get(codes.get('role', ''), '')}'s {block}"


def _outcomes(world: World, record: TurnRecord, start: np.ndarray, role: int, limit: int) -> tuple[OrderOutcome, ...]:
    """The role's orders and paying projects, with their largest effects and score credits."""
    effects: dict[Cause, dict[int, float]] = {}
    for row in ledger_rows(list(record.entries), 0):
        if row.kind not in (CauseKind.ORDER, CauseKind.PROJECT):
            continue
        if _part_of(world, record, row.kind, row.index, role) != "yours":
            continue
        cause = describe_cause(world, record, 0, row.kind, row.index)
        columns = effects.setdefault(cause, {})
        columns[row.column] = columns.get(row.column, 0.0) + row.amount
    score: dict[Cause, float] = {}
    for kind, index, credit in score_credits(world, record, start, role)[1]:
        if kind in (CauseKind.ORDER, CauseKind.PROJECT) and _part_of(world, record, kind, index, role) == "yours":
            cause = describe_cause(world, record, 0, kind, index)
            score[cause] = score.get(cause, 0.0) + credit
    outcomes = []
    for cause, columns in effects.items():
        shown = [(column, amount) for column, amount in columns.items() if variable_label(column)[0] in _SHOWN_BLOCKS]
        shown.sort(key=lambda item: (-abs(item[1]), item[0]))
        changes = tuple(
            Change(change_label(column), 100.0 * amount, variable_label(column)[0]) for column, amount in shown[:limit]
        )
        outcomes.append(OrderOutcome(cause.kind.value, cause.text, changes, score.get(cause, 0.0)))
    return tuple(outcomes)


_SHOWN_BLOCKS = ("dependence", "favour", "tension", "stability", "prosperity")  # not action points


def map_moves(
    world: World, record: TurnRecord, before: np.ndarray, after: np.ndarray, count: int
) -> tuple[MapMove, ...]:
    """The ``count`` largest headline dependence changes (``before``/``after``: [country, power]
    on 0–100), each with its three main causes."""
    changes = after - before
    order = sorted(np.ndindex(changes.shape), key=lambda cp: (-abs(float(changes[cp])), cp))
    moves = []
    for c, p in order[:count]:
        if abs(float(changes[c, p])) < 5e-3:
            break
        causes = dependence_causes(world, record, COUNTRIES[c], POWERS[p])[:3]
        moves.append(MapMove(COUNTRIES[c], POWERS[p], float(before[c, p]), float(after[c, p]), tuple(causes)))
    return tuple(moves)


# Summaries already made, by record: a record never changes once played, and the entry holds the
# record itself so that its id is not reused while the entry lives. The top bar asks on every rebuild.
_MADE: dict[tuple[int, str, int, int], tuple[TurnRecord, TurnSummary]] = {}


def turn_summary(session: Session, role: str, turn: int, effects: int = 3, moves: int = 5) -> TurnSummary | None:
    """The summary of a played turn (1-based) for ``role``; None for a turn not played."""
    record = played_record(session.match, turn)
    if record is None:
        return None
    key = (id(record), role, effects, moves)
    if key not in _MADE:
        if len(_MADE) > 64:
            _MADE.clear()
        _MADE[key] = (record, _summarise(session, record, role, turn, effects, moves))
    return _MADE[key][1]


def _summarise(session: Session, record: TurnRecord, role: str, turn: int, effects: int, moves: int) -> TurnSummary:
    """:func:`turn_summary` computed."""
    world = session.world
    index = ROLES.index(role)
    start = session.values(turn - 1)
    scores_before, scores_after = session.scores(turn - 1), session.scores(turn)
    return TurnSummary(
        role=role,
        turn=turn,
        quarter=session.quarter(turn - 1),
        score_before=float(scores_before[index]),
        score_after=float(scores_after[index]),
        parts=score_parts(world, record, start, index),
        orders=_outcomes(world, record, start, index, effects),
        moves=map_moves(world, record, session.headline(turn - 1), session.headline(turn), moves),
        later=orders_acting_later(world, record, role, session.quarter(turn - 1)),
        pushback=turn_pushback(world, record, role),
    )


def turn_pushback(world: World, record: TurnRecord, role: str, count: int = 3) -> tuple[str, ...]:
    """Up to ``count`` sentences, one per dependence the role's score reads that moved against the role's
    own orders in the turn, naming the largest causes that outweighed them
    (:func:`game.play.pushback.pushback_sentence`)."""
    found = (
        pushback_sentence(role, country, power, dependence_causes(world, record, country, power))
        for country, power in role_pairs(role)
    )
    return tuple(sentence for sentence in found if sentence)[:count]


def orders_acting_later(world: World, record: TurnRecord, role: str, quarter: str) -> tuple[str, ...]:
    """The role's orders of the turn (given in ``quarter``) whose effects come in later quarters, with when
    (:class:`game.play.timing.OrderTiming`), named as the turn's causes name them:
    ``Sign a trade deal (Russia): acts from 2023Q2 to 2024Q1, …``."""
    given = [order for order in record.orders.orders_of_run(world, 0) if order.role == role]
    timings = [(order, OrderTiming.of(world.actions, world.actions.index(order.action))) for order in given]
    return tuple(
        f"{action_title(world, order.action)} ({ROLE_NAMES[order.target]}): acts {timing.when(quarter)}"
        for order, timing in timings
        if timing.acts_later()
    )


# --------------------------------------------------------------------------- the formula


def _term_measure(term: Term, power: str) -> str:
    """A power's term's measure in words."""
    name = ROLE_NAMES[power]
    if term.measure is Measure.HEADLINE:
        return f"mean dependence on {name}"
    if term.measure is Measure.SHARE:
        return f"mean {term.channel} share of {name}"
    if term.measure is Measure.FAVOUR:
        return f"mean favour of {name}"
    return f"mean tension with {name}"


def _term_mean(term: Term, power: str, values: np.ndarray, headline: np.ndarray) -> float:
    """The mean over countries a power's term reads (0–1)."""
    p = POWERS.index(power)
    if term.measure is Measure.HEADLINE:
        return float(np.mean(headline[:, p]))
    if term.measure is Measure.SHARE:
        dependence = values[BLOCKS["dependence"].start : BLOCKS["dependence"].stop].reshape(BLOCKS["dependence"].shape)
        return float(np.mean(dependence[:, p, CHANNELS.index(term.channel)]))
    block = BLOCKS["favour" if term.measure is Measure.FAVOUR else "tension"]
    return float(np.mean(values[block.start : block.stop].reshape(block.shape)[:, p]))


def score_terms(world: World, values: np.ndarray, role: str) -> tuple[ScoreTerm, ...]:
    """The role's score as the sum of its terms at ``values`` (one run's flat values), from
    the engine's coefficients (``COUNTRY_*``, ``POWER_OBJECTIVES``)."""
    measures = measure(values[None], world.weight)
    if role in COUNTRIES:
        c = COUNTRIES.index(role)
        autonomy = float(measures.autonomy[0, c])
        prosperity = float(values[BLOCKS["prosperity"].start + c])
        stability = float(values[BLOCKS["stability"].start + c])
        return (
            ScoreTerm(COUNTRY_AUTONOMY, "autonomy", autonomy, COUNTRY_AUTONOMY * autonomy),
            ScoreTerm(COUNTRY_PROSPERITY, "prosperity", prosperity, COUNTRY_PROSPERITY * prosperity),
            ScoreTerm(COUNTRY_STABILITY, "stability", stability, COUNTRY_STABILITY * stability),
        )
    terms = []
    for term in POWER_OBJECTIVES[role]:
        mean = _term_mean(term, role, values, measures.headline[0])
        value = 1.0 - mean if term.inverted else mean
        terms.append(ScoreTerm(term.weight, _term_words(term, role), value, term.weight * value))
    return tuple(terms)


def _term_words(term: Term, power: str) -> str:
    """A power's term as the formula reads it: ``mean favour of Russia``, ``(1 − mean tension with China)``."""
    words = _term_measure(term, power)
    return f"(1 − {words})" if term.inverted else words


def formula_text(role: str) -> str:
    """The role's objective in words and coefficients, e.g.
    ``70 × mean dependence on Russia + 30 × mean favour of Russia``."""
    if role in COUNTRIES:
        weights = (COUNTRY_AUTONOMY, COUNTRY_PROSPERITY, COUNTRY_STABILITY)
        names = ("autonomy", "prosperity", "stability")
        return " + ".join(f"{weight:g} × {name}" for weight, name in zip(weights, names, strict=True))
    parts = [f"{term.weight:g} × {_term_words(term, role)}" for term in POWER_OBJECTIVES[role]]
    return " + ".join(parts) + f" (means over the {N_COUNTRIES} states)"


def headline_change(session: Session, turn: int) -> np.ndarray:
    """Headline dependence change ``[country, power]`` (0–100) over the turn ending at ``turn``
    turns played; zeros before the first turn."""
    if turn <= 0:
        return np.zeros((N_COUNTRIES, len(POWERS)))
    return session.headline(turn) - session.headline(turn - 1)


def block_change(session: Session, block: str, turn: int) -> np.ndarray:
    """One block's change (0–100, shaped) over the turn ending at ``turn`` turns played."""
    if turn <= 0:
        return np.zeros(BLOCKS[block].shape)
    return 100.0 * (session.block(block, turn) - session.block(block, turn - 1))
