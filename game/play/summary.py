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

from game.engine.ai.value import role_values
from game.engine.codes import CHANNELS, COUNTRIES, N_COUNTRIES, POWERS, ROLES
from game.engine.explain import Cause, describe_cause, order_of_cause
from game.engine.layout import BLOCKS, variable_label
from game.engine.ledger import CauseKind, ledger_rows
from game.engine.resolve import TurnRecord
from game.engine.rules import fatigue_scale
from game.engine.scores import (
    COUNTRY_AUTONOMY,
    COUNTRY_PROSPERITY,
    COUNTRY_STABILITY,
    POWER_OBJECTIVES,
    Measure,
    Term,
    measure,
)
from game.engine.state import State
from game.engine.world import World
from game.i18n import N_, _, current_language, format_change, format_number, place_name
from game.i18n.phrases import channel_name
from game.play.news import dependence_causes, played_record
from game.play.news_causes import CauseWords
from game.play.pushback import pushback_sentence, role_pairs
from game.play.session import Session
from game.play.texts import block_word, scenario_words
from game.play.timing import OrderTiming

# The parts of a score change, in the order they are shown, with their names for players.
PART_LABELS: dict[str, str] = {
    "yours": N_("your orders"),
    "others": N_("others' orders"),
    "events": N_("events"),
    "drift": N_("drift"),
    "chance": N_("chance"),
    "bounds": N_("bounds"),
}
_INCOME_LABEL = N_("action points")  # a part only when nonzero: income, which no score reads
_ALWAYS_SHOWN = ("yours", "others", "events", "drift", "chance")
_GENERAL_PART = {CauseKind.DRIFT: "drift", CauseKind.NOISE: "chance", CauseKind.CLAMP: "bounds"}


def signed(amount: float, digits: int = 2) -> str:
    """``+0.42`` / ``−0.80``: the sign shown, a true minus sign; an amount that rounds to nothing reads ``0.00``
    (never ``−0.00``); the decimal sign is the current language's (``+0,42`` in Russian)."""
    return format_change(amount, digits)


@dataclass(frozen=True)
class ScorePart:
    """One part of a role's score change in a turn: ``key`` of :data:`PART_LABELS`."""

    key: str
    label: str  # in the language current when the summary was made
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
    expected: float = 0.0  # what the engine expected it to add this quarter, at the turn's start (see expected_credits)


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
        """``Kyrgyzstan's dependence on Russia 52.1 to 53.4 (+1.3)``, in the current language."""
        shown = round(self.after, 1) - round(self.before, 1)  # the change of the values as written
        return _("{country}'s dependence on {power} {before} to {after} ({change})").format(
            country=place_name(self.country), power=place_name(self.power), before=format_number(self.before, 1),
            after=format_number(self.after, 1), change=signed(shown, 1),
        )


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
        return f"{self.weight:g} × {self.measure} ({format_number(self.value, 2)}) = {format_number(self.points, 1)}"


# --------------------------------------------------------------------------- the exact split


def _score(values: np.ndarray, world: World, role: int) -> float:
    return float(measure(values[None], world.weight).scores[0, role])


def score_part_of(world: World, record: TurnRecord, kind: CauseKind, index: int, role: int, run: int = 0) -> str:
    """Which part of :data:`PART_LABELS` a ledger cause belongs to, for ``role`` (``income`` for action points)."""
    if kind in _GENERAL_PART:
        return _GENERAL_PART[kind]
    if kind is CauseKind.INCOME:
        return "income"  # action points only: no score reads them
    given = order_of_cause(world, record, run, kind, index)
    if given is not None:  # an order, or a project of a state's or power's
        return "yours" if given[0] == role else "others"
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
    return parts_of_credits(world, record, score_credits(world, record, start, role, run)[1], role, run)


def parts_of_credits(
    world: World, record: TurnRecord, credits: list[tuple[CauseKind, int, float]], role: int, run: int = 0
) -> tuple[ScorePart, ...]:
    """:func:`score_parts` from the causes' credits (:func:`score_credits`), summed part by part in ledger order."""
    totals = dict.fromkeys(_ALWAYS_SHOWN, 0.0)
    for kind, index, credit in credits:
        key = score_part_of(world, record, kind, index, role, run)
        totals[key] = totals.get(key, 0.0) + credit
    return tuple(
        ScorePart(key, _(PART_LABELS.get(key, _INCOME_LABEL)), amount)
        for key, amount in totals.items()
        if key in _ALWAYS_SHOWN or amount != 0.0
    )


# --------------------------------------------------------------------------- orders and moves


def favour_note(summary: TurnSummary) -> str:
    """One line when the role's orders moved favour and favour is not part of its score (a state's, China's):
    the turn summary shows those changes beside the score, which would read as if they counted."""
    counted_by = [
        place_name(r) for r, terms in POWER_OBJECTIVES.items() if any(t.measure is Measure.FAVOUR for t in terms)
    ]
    if place_name(summary.role) in counted_by:
        return ""
    if not any(change.block == "favour" for outcome in summary.orders for change in outcome.effects):
        return ""
    if len(counted_by) == 1:
        return _("Favour is not part of your score (it counts in {first}'s).").format(first=counted_by[0])
    return _("Favour is not part of your score (it counts in {first}'s and {second}'s).").format(
        first=", ".join(counted_by[:-1]), second=counted_by[-1]
    )


def change_label(column: int) -> str:
    """A variable in words in the current language: ``Kazakhstan's favour of China``, ``Kyrgyzstan's trade share
    of Russia``."""
    block, codes = variable_label(column)
    country = place_name(codes["country"]) if "country" in codes else ""
    power = place_name(codes["power"]) if "power" in codes else ""
    if block == "dependence":
        return _("{country}'s {channel} share of {power}").format(
            country=country, channel=channel_name(codes["channel"]), power=power
        )
    if block == "favour":
        return _("{country}'s favour of {power}").format(country=country, power=power)
    if block == "tension":
        return _("tension {country}–{power}").format(country=country, power=power)
    if block == "stability":
        return _("{country}'s stability").format(country=country)
    if block == "prosperity":
        return _("{country}'s prosperity").format(country=country)
    role = place_name(codes["role"]) if "role" in codes else ""
    return _("{role}'s {variable}").format(role=role, variable=block_word(block))


def expected_credits(world: World, record: TurnRecord, before: State, after: State, role: int) -> dict[Cause, float]:
    """What each of the role's orders and paying projects of the turn was expected to add to its score this
    quarter: the engine's valuation "when it acts" (:func:`game.engine.ai.value.role_values`), judged at the turn's
    starting state ``before``, of the push the cause makes this quarter (an order's at once, weakened by the role's
    fatigue with the action; a project's quarterly push, by the fatigue it started with, read in ``after``). For an
    order that acts at once it is the advice's and the order details' "when it acts" figure of the same order."""
    single = before.select(np.array([0]))
    valued = role_values(world, single, single.values, role, parts=True, acting=True)
    columns = valued.candidates.columns
    actions = world.actions
    expected: dict[Cause, float] = {}
    for entry in record.entries:
        if entry.kind not in (CauseKind.ORDER, CauseKind.PROJECT):
            continue
        for row in np.flatnonzero(entry.runs == 0).tolist():
            index = int(entry.index[row])
            given = order_of_cause(world, record, 0, entry.kind, index)
            if given is None or given[0] != role:
                continue
            giver, action, target = given
            if entry.kind is CauseKind.ORDER:
                weakened = fatigue_scale(float(before.fatigue[0, giver, action]))
                pushes = actions.immediate[action, giver, target] * weakened
            else:
                pushes = actions.per_turn[action, giver, target] * float(after.slot_scale[0, index])
            cause = describe_cause(world, record, 0, entry.kind, index)
            expected[cause] = float(valued.push_parts(0, pushes[columns]).sum())
    return expected


def _outcomes(
    world: World, record: TurnRecord, start: np.ndarray, role: int, limit: int, words: CauseWords,
    expected: dict[Cause, float],
) -> tuple[OrderOutcome, ...]:
    """The role's orders and paying projects, with their largest effects, score credits and ``expected`` credits
    (:func:`expected_credits`; their sentences put into the current language by ``words``)."""
    effects: dict[Cause, dict[int, float]] = {}
    for row in ledger_rows(list(record.entries), 0):
        if row.kind not in (CauseKind.ORDER, CauseKind.PROJECT):
            continue
        if score_part_of(world, record, row.kind, row.index, role) != "yours":
            continue
        cause = describe_cause(world, record, 0, row.kind, row.index)
        columns = effects.setdefault(cause, {})
        columns[row.column] = columns.get(row.column, 0.0) + row.amount
    score: dict[Cause, float] = {}
    for kind, index, credit in score_credits(world, record, start, role)[1]:
        if kind in (CauseKind.ORDER, CauseKind.PROJECT) and score_part_of(world, record, kind, index, role) == "yours":
            cause = describe_cause(world, record, 0, kind, index)
            score[cause] = score.get(cause, 0.0) + credit
    outcomes = []
    for cause, columns in effects.items():
        shown = [(column, amount) for column, amount in columns.items() if variable_label(column)[0] in _SHOWN_BLOCKS]
        shown.sort(key=lambda item: (-abs(item[1]), item[0]))
        changes = tuple(
            Change(change_label(column), 100.0 * amount, variable_label(column)[0]) for column, amount in shown[:limit]
        )
        outcomes.append(
            OrderOutcome(
                cause.kind.value, words.cause(cause.text), changes, score.get(cause, 0.0), expected.get(cause, 0.0)
            )
        )
    return tuple(outcomes)


_SHOWN_BLOCKS = ("dependence", "favour", "tension", "stability", "prosperity")  # not action points


def map_moves(
    world: World, record: TurnRecord, before: np.ndarray, after: np.ndarray, count: int,
    words: CauseWords | None = None,
) -> tuple[MapMove, ...]:
    """The ``count`` largest headline dependence changes (``before``/``after``: [country, power]
    on 0–100), each with its three main causes (named in the current language by ``words``)."""
    words = words or CauseWords()
    changes = after - before
    order = sorted(np.ndindex(changes.shape), key=lambda cp: (-abs(float(changes[cp])), cp))
    moves = []
    for c, p in order[:count]:
        if abs(float(changes[c, p])) < 5e-3:
            break
        causes = [(words.cause(text), points) for text, points in dependence_causes(world, record, COUNTRIES[c],
                                                                                     POWERS[p])[:3]]
        moves.append(MapMove(COUNTRIES[c], POWERS[p], float(before[c, p]), float(after[c, p]), tuple(causes)))
    return tuple(moves)


# Summaries already made, by record: a record never changes once played, and the entry holds the
# record itself so that its id is not reused while the entry lives. The top bar asks on every rebuild.
_MADE: dict[tuple[int, str, int, int, str], tuple[TurnRecord, TurnSummary]] = {}


def turn_summary(session: Session, role: str, turn: int, effects: int = 3, moves: int = 5) -> TurnSummary | None:
    """The summary of a played turn (1-based) for ``role``; None for a turn not played."""
    record = played_record(session.match, turn)
    if record is None:
        return None
    key = (id(record), role, effects, moves, current_language())  # its texts are in the language of the day
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
    words = scenario_words(session.loaded)
    scores_before, scores_after = session.scores(turn - 1), session.scores(turn)
    return TurnSummary(
        role=role,
        turn=turn,
        quarter=session.quarter(turn - 1),
        score_before=float(scores_before[index]),
        score_after=float(scores_after[index]),
        parts=score_parts(world, record, start, index),
        orders=_outcomes(
            world, record, start, index, effects, words.causes,
            expected_credits(world, record, session.game.states[turn - 1], session.game.states[turn], index),
        ),
        moves=map_moves(world, record, session.headline(turn - 1), session.headline(turn), moves, words.causes),
        later=orders_acting_later(world, record, role, session.quarter(turn - 1), words.actions),
        pushback=turn_pushback(world, record, role, words=words.causes),
    )


def turn_pushback(
    world: World, record: TurnRecord, role: str, count: int = 3, words: CauseWords | None = None
) -> tuple[str, ...]:
    """Up to ``count`` sentences, one per dependence the role's score reads that moved against the role's
    own orders in the turn, naming the largest causes that outweighed them
    (:func:`game.play.pushback.pushback_sentence`; ``words`` names them in the current language)."""
    found = (
        pushback_sentence(role, country, power, dependence_causes(world, record, country, power), words=words)
        for country, power in role_pairs(role)
    )
    return tuple(sentence for sentence in found if sentence)[:count]


def orders_acting_later(
    world: World, record: TurnRecord, role: str, quarter: str, actions: dict[str, tuple[str, str]] | None = None
) -> tuple[str, ...]:
    """The role's orders of the turn (given in ``quarter``) whose effects come in later quarters, with when
    (:class:`game.play.timing.OrderTiming`), named as the turn's causes name them:
    ``Sign a trade deal (Russia): acts from 2023Q2 to 2024Q1, …`` (``actions``: each action's title by id in
    the current language; the scenario's own titles without it)."""
    given = [order for order in record.orders.orders_of_run(world, 0) if order.role == role]
    timings = [(order, OrderTiming.of(world.actions, world.actions.index(order.action))) for order in given]

    def title(action: str) -> str:
        if actions and action in actions:
            return actions[action][0]
        return world.actions.titles[world.actions.index(action)]

    return tuple(
        _("{action} ({target}): acts {when}").format(
            action=title(order.action), target=place_name(order.target), when=timing.when(quarter)
        )
        for order, timing in timings
        if timing.acts_later()
    )


# --------------------------------------------------------------------------- the formula


def _term_measure(term: Term, power: str) -> str:
    """A power's term's measure in words, in the current language."""
    name = place_name(power)
    if term.measure is Measure.HEADLINE:
        return _("mean dependence on {power}").format(power=name)
    if term.measure is Measure.SHARE:
        return _("mean {channel} share of {power}").format(channel=channel_name(term.channel), power=name)
    if term.measure is Measure.FAVOUR:
        return _("mean favour of {power}").format(power=name)
    return _("mean tension with {power}").format(power=name)


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
            ScoreTerm(COUNTRY_AUTONOMY, _("autonomy"), autonomy, COUNTRY_AUTONOMY * autonomy),
            ScoreTerm(COUNTRY_PROSPERITY, block_word("prosperity"), prosperity, COUNTRY_PROSPERITY * prosperity),
            ScoreTerm(COUNTRY_STABILITY, block_word("stability"), stability, COUNTRY_STABILITY * stability),
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
    return _("(1 − {measure})").format(measure=words) if term.inverted else words


def _weight(weight: float) -> str:
    """A coefficient as the language writes it, with as many decimals as it has (``0,5``, ``25`` in Russian)."""
    decimals = len(f"{weight:g}".partition(".")[2])
    return format_number(weight, decimals)


def formula_text(role: str) -> str:
    """The role's objective in words and coefficients, e.g.
    ``70 × mean dependence on Russia + 30 × mean favour of Russia``."""
    if role in COUNTRIES:
        weights = (COUNTRY_AUTONOMY, COUNTRY_PROSPERITY, COUNTRY_STABILITY)
        names = (_("autonomy"), block_word("prosperity"), block_word("stability"))
        return " + ".join(f"{_weight(weight)} × {name}" for weight, name in zip(weights, names, strict=True))
    parts = [f"{_weight(term.weight)} × {_term_words(term, role)}" for term in POWER_OBJECTIVES[role]]
    return " + ".join(parts) + " " + _("(means over the {count} states)").format(count=format_number(N_COUNTRIES))


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
