"""One turn, step by step in the order below, for every run at once.

``resolve_turn`` takes a state and already-collected orders and returns the
next state and the turn's record. The steps, each of which adds its changes
to the ledger before the next step reads the values:

1. check the orders (an illegal order refuses the whole turn; nothing changes);
2. events: scripted, random and conditional events fire, crises start or end;
   crises under way apply their ongoing effects;
3. actions: orders pay their cost and apply their immediate effects, and
   orders with lasting effects become projects;
4. projects: every project (and event spread) in its active window applies
   its per-turn effects;
5. drift toward each country's structural baseline, moved by its trend (``World.target``);
6. seeded noise;
7. clamp: bounds and share sums enforced (rarely needed; ledgered when it is);
8. derived scores; income of action points for the next turn; record.

Causes within one step are simultaneous: each is computed from the values
before the step, so their sum is the step's change and each cause's share is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.engine.causes import Causes, apply_causes
from game.engine.codes import N_CHANNELS, N_POWERS, N_ROLES
from game.engine.compiled import compiled
from game.engine.events import EventOutcome, decide_events
from game.engine.layout import (
    COUNTRY_SHARES,
    DEPENDENCE_START,
    N_VARIABLES,
    POINTS_START,
    SHARES_STOP,
    first_role_slot,
    is_busy,
    is_pushing,
    share_column,
    slot_owner,
)
from game.engine.ledger import CauseKind, Ledger, LedgerEntry
from game.engine.orders import NO_ACTION, IllegalOrderError, OrderArrays, illegal_runs
from game.engine.rng import RandomStreams, Stream
from game.engine.rules import NOISY_COLUMNS, fatigue_scale, push_channel, push_from_parts, settle
from game.engine.scores import Measures, measure
from game.engine.state import State
from game.engine.world import World

_SETTLE_KINDS = (CauseKind.DRIFT, CauseKind.NOISE, CauseKind.CLAMP, CauseKind.INCOME)  # settle's order
# What a turn writes in place, so on copies of the state's arrays (fatigue is written anew
# by _start_orders, the events' memory replaced).
_WRITTEN_IN_PLACE = (
    "values", "slot_scale", "slot_first", "slot_last", "slot_ref", "slot_target", "slot_started", "anchor"
)


@dataclass(frozen=True)
class TurnRecord:
    """What happened in one turn, for every run resolved together."""

    turn: int  # 0-based index of the turn resolved
    quarter: int  # quarter index (see codes.quarter_name)
    orders: OrderArrays
    fired: np.ndarray  # (R, E) events that fired or crises that started
    ended: np.ndarray  # (R, E) crises that ended
    measures: Measures  # headline dependence, autonomy and objectives after the turn
    entries: tuple[LedgerEntry, ...]  # empty unless the ledger was kept
    slot_ref: np.ndarray  # (R, S) what each project slot held this turn
    slot_target: np.ndarray  # (R, S)
    slot_started: np.ndarray  # (R, S)
    hashes: tuple[str, ...]  # per-run state hash after the turn (when the ledger was kept)

    @property
    def scores(self) -> np.ndarray:
        """(R, ROLES) each role's objective after the turn."""
        return self.measures.scores


Step = list[tuple[CauseKind, Causes]]


def resolve_turn(
    world: World,
    state: State,
    orders: OrderArrays,
    streams: RandomStreams,
    keep_ledger: bool = True,
    overwrite: bool = False,
) -> tuple[State, TurnRecord]:
    """Advance every run one turn; raise :class:`IllegalOrderError` before changing anything.

    With ``overwrite`` the new state is written into ``state``'s own arrays instead of copies,
    for a caller that drops ``state`` (a game that keeps no history): ``state`` must not be
    read afterwards. Otherwise ``state`` stays as it was and shares no array with the new one.
    """
    problems = illegal_runs(world, state, orders)
    if problems:
        raise IllegalOrderError("; ".join(problems[:5]))
    turn = state.turn
    if not overwrite:
        state = replace(state, **{name: getattr(state, name).copy() for name in _WRITTEN_IN_PLACE})
    values = state.values
    ledger = Ledger(keep_ledger)

    def apply_step(step: Step) -> None:
        if keep_ledger:
            for kind, causes in step:
                pushes = causes.pushes()
                dense = pushes.dense(N_VARIABLES)
                ledger.add(
                    kind,
                    pushes.runs,
                    pushes.index,
                    push_from_parts(values[pushes.runs], np.maximum(dense, 0.0), np.minimum(dense, 0.0)),
                )
        apply_causes(values, [causes for _, causes in step])

    outcome = decide_events(world, state, streams, turn)
    apply_step(_event_causes(world, state, outcome, turn))
    apply_step(_order_causes(world, state, orders))
    fatigue = _start_orders(world, state, orders, turn, overwrite)
    apply_step(_project_causes(world, state, turn))
    noise_draws = streams.normal(turn, Stream.NOISE, (NOISY_COLUMNS.size,))
    changes = settle(values, state.anchor, world, turn, noise_draws, keep_ledger)
    if keep_ledger:
        for kind, change in zip(_SETTLE_KINDS, changes, strict=True):
            ledger.add_all_runs(kind, change)
    measured = measure(values, world.weight)

    state = replace(
        state,
        turn=turn + 1,
        fatigue=fatigue,
        fired=state.fired | outcome.fired,
        crisis=outcome.crisis,
    )
    record = TurnRecord(
        turn=turn,
        quarter=world.start_quarter + turn,
        orders=orders,
        fired=outcome.fired,
        ended=outcome.ended,
        measures=measured,
        entries=tuple(ledger.entries),
        # The new state's own arrays: no later turn writes them, unless it overwrites the state.
        slot_ref=state.slot_ref,
        slot_target=state.slot_target,
        slot_started=state.slot_started,
        hashes=tuple(state.hashes()) if keep_ledger else (),
    )
    return state, record


def _event_causes(world: World, state: State, outcome: EventOutcome, turn: int) -> Step:
    """Events that fired push at once and start their spread; crises under way push again."""
    table = world.events
    step: Step = []
    runs, events = np.nonzero(outcome.fired)
    if runs.size:
        fired = Causes.of_table(runs, events, events, None, table.immediate_sparse)
        _anchor_lasting(state, fired, table.lasting, events)
        step.append((CauseKind.EVENT, fired))
        spreading = table.spread_turns[events] > 0
        slots = world.event_slot(events[spreading])
        spread_runs = runs[spreading]
        first = turn + table.spread_delay[events[spreading]]
        state.slot_first[spread_runs, slots] = first
        state.slot_last[spread_runs, slots] = first + table.spread_turns[events[spreading]] - 1
        state.slot_scale[spread_runs, slots] = 1.0
        state.slot_ref[spread_runs, slots] = events[spreading]
        state.slot_target[spread_runs, slots] = -1
        state.slot_started[spread_runs, slots] = turn
    runs, events = np.nonzero(outcome.crisis)
    if runs.size:
        step.append((CauseKind.CRISIS, Causes.of_table(runs, events, events, None, table.ongoing_sparse)))
    return step


def _order_causes(world: World, state: State, orders: OrderArrays) -> Step:
    """Orders pay their cost and push at once, weakened by their role's fatigue with the action."""
    actions = world.actions
    count = int(np.count_nonzero(orders.action != NO_ACTION))
    if count == 0:
        return []
    runs, index, rows, cost_column = (np.empty(count, dtype=np.int64) for _ in range(4))
    scale, cost = np.empty(count), np.empty(count)
    _list_orders(
        orders.action, orders.target, state.fatigue, actions.cost.astype(np.float64),
        runs, index, rows, scale, cost_column, cost,
    )
    causes = Causes.of_table(runs, index, rows, scale, actions.immediate_sparse)
    return [(CauseKind.ORDER, replace(causes, extra_column=cost_column, extra_amount=cost))]


@compiled
def _list_orders(
    action: np.ndarray,
    target: np.ndarray,
    fatigue: np.ndarray,
    action_cost: np.ndarray,
    runs: np.ndarray,
    index: np.ndarray,
    rows: np.ndarray,
    scale: np.ndarray,
    cost_column: np.ndarray,
    cost: np.ndarray,
) -> None:
    """Every order given, run by run (as ``np.nonzero`` lists them): its run, its index for the
    ledger (role · max_orders + slot), its row of the immediate-push table, its ``fatigue_scale``,
    and its cost as an extra push on the role's points."""
    roles, max_orders = action.shape[1], action.shape[2]
    cause = 0
    for run in range(action.shape[0]):
        for role in range(roles):
            for order in range(max_orders):
                chosen = action[run, role, order]
                if chosen == NO_ACTION:
                    continue
                runs[cause] = run
                index[cause] = role * max_orders + order
                rows[cause] = (chosen * roles + role) * roles + target[run, role, order]
                scale[cause] = fatigue_scale(fatigue[run, role, chosen])
                cost_column[cause] = POINTS_START + role
                cost[cause] = -action_cost[chosen]
                cause += 1


def _start_orders(world: World, state: State, orders: OrderArrays, turn: int, overwrite: bool) -> np.ndarray:
    """Orders with lasting effects take their role's free project slots; every role's fatigue decays and grows.

    Returns the fatigue after the turn: a new array, or with ``overwrite`` the state's own.
    """
    actions = world.actions
    fatigue = state.fatigue if overwrite else np.empty_like(state.fatigue)
    _start_orders_rows(
        orders.action,
        orders.target,
        actions.project_mask,
        actions.lag.astype(np.int64),
        actions.duration.astype(np.int64),
        world.rules.max_projects,
        world.rules.fatigue_decay,
        turn,
        state.fatigue,
        fatigue,
        state.slot_first,
        state.slot_last,
        state.slot_scale,
        state.slot_ref,
        state.slot_target,
        state.slot_started,
    )
    return fatigue


@compiled
def _start_orders_rows(
    action: np.ndarray,
    target: np.ndarray,
    is_project: np.ndarray,
    lag: np.ndarray,
    duration: np.ndarray,
    max_projects: int,
    fatigue_decay: float,
    turn: int,
    fatigue_before: np.ndarray,
    fatigue: np.ndarray,
    slot_first: np.ndarray,
    slot_last: np.ndarray,
    slot_scale: np.ndarray,
    slot_ref: np.ndarray,
    slot_target: np.ndarray,
    slot_started: np.ndarray,
) -> None:
    """Per run: projects into the first free slot of their role (in order-slot order), scaled by the
    fatigue before this turn; then ``fatigue = decay·fatigue_before + uses this turn`` (every run written;
    ``fatigue`` may be ``fatigue_before``, as a run's projects read it before its decay writes)."""
    roles = action.shape[1]
    max_orders = action.shape[2]
    for run in range(action.shape[0]):
        for role in range(roles):
            for order in range(max_orders):
                chosen = action[run, role, order]
                if chosen == NO_ACTION or not is_project[chosen]:
                    continue
                first_slot = first_role_slot(role, max_projects)
                slot = first_slot  # none free cannot pass the legality check; numpy's argmax gave the first
                for candidate in range(first_slot, first_slot + max_projects):
                    if not is_busy(slot_last[run, candidate], turn):
                        slot = candidate
                        break
                slot_first[run, slot] = turn + lag[chosen]
                slot_last[run, slot] = turn + lag[chosen] + duration[chosen] - 1
                slot_scale[run, slot] = fatigue_scale(fatigue_before[run, role, chosen])
                slot_ref[run, slot] = chosen
                slot_target[run, slot] = target[run, role, order]
                slot_started[run, slot] = turn
        for role in range(roles):
            for kind in range(fatigue.shape[2]):
                fatigue[run, role, kind] = fatigue_decay * fatigue_before[run, role, kind]
            for order in range(max_orders):
                chosen = action[run, role, order]
                if chosen == NO_ACTION:
                    continue
                # add all uses of the action at its first order at once: decay·f + 2, not (decay·f + 1) + 1
                first_use = True
                uses = 0
                for other in range(max_orders):
                    if action[run, role, other] == chosen:
                        first_use = first_use and other >= order
                        uses += 1
                if first_use:
                    fatigue[run, role, chosen] += float(uses)


def _project_causes(world: World, state: State, turn: int) -> Step:
    """Each project and event spread in its active window pushes its per-turn effects."""
    order_runs, order_index, rows, scale, event_runs, event_index, events = _active_slots(
        state.slot_first, state.slot_last, state.slot_ref, state.slot_target, state.slot_scale,
        turn, world.order_slots, world.rules.max_projects,
    )
    step: Step = []
    if order_runs.size:
        projects = Causes.of_table(order_runs, order_index, rows, scale, world.actions.per_turn_sparse)
        _anchor_lasting(state, projects, world.actions.lasting, rows // (N_ROLES * N_ROLES))
        step.append((CauseKind.PROJECT, projects))
    if event_runs.size:
        spreads = Causes.of_table(event_runs, event_index, events, None, world.events.spread_sparse)
        _anchor_lasting(state, spreads, world.events.lasting, events)
        step.append((CauseKind.PROJECT, spreads))
    return step


def _anchor_lasting(state: State, causes: Causes, lasting: np.ndarray, refs: np.ndarray) -> None:
    """Move each run's share targets (``state.anchor``) by what the lasting part of its causes changes.

    ``lasting`` (actions or events, V) marks the columns whose change lasts (the channels an action
    builds, every share of an event marked ``lasting``); ``refs`` (K,) names each cause's action or
    event. Called before the causes are applied, so the change is computed from the values they meet.
    """
    keep: np.ndarray = np.any(lasting, axis=1)[refs]
    if keep.any():
        kept = causes.subset(keep)
        _anchor_rows(
            state.values, state.anchor, kept.runs, kept.rows, kept.scale, kept.table_columns, kept.table_amounts,
            lasting, np.ascontiguousarray(refs[keep]),
        )


@compiled
def _anchor_rows(
    values: np.ndarray,
    anchor: np.ndarray,
    runs: np.ndarray,
    rows: np.ndarray,
    scale: np.ndarray,
    table_columns: np.ndarray,
    table_amounts: np.ndarray,
    lasting: np.ndarray,
    refs: np.ndarray,
) -> None:
    """Per cause: the push rule's change from the lasting part of its table row, added to its run's anchor.

    Only the channels the lasting pushes touch are worked out (the rule is per country and channel)."""
    columns = values.shape[1]
    positive = np.zeros(columns)
    negative = np.zeros(columns)
    delta = np.zeros(columns)
    touched = np.empty(table_columns.shape[1], dtype=np.int64)
    for cause in range(runs.size):
        row, run = rows[cause], runs[cause]
        count = 0
        for j in range(table_columns.shape[1]):
            column = table_columns[row, j]
            if lasting[refs[cause], column] and DEPENDENCE_START <= column < SHARES_STOP:
                amount = table_amounts[row, j] * scale[cause]
                positive[column] += max(amount, 0.0)
                negative[column] += min(amount, 0.0)
                offset = column - DEPENDENCE_START
                touched[count] = share_column(offset // COUNTRY_SHARES, 0, offset % N_CHANNELS)
                count += 1
        for index in range(count):
            first = touched[index]
            push_channel(values[run], positive, negative, first, delta)
            for power in range(N_POWERS):
                at = first + power * N_CHANNELS
                anchor[run, at - DEPENDENCE_START] += delta[at]
                positive[at] = 0.0  # a channel touched twice adds its change once
                negative[at] = 0.0
                delta[at] = 0.0


@compiled
def _active_slots(
    slot_first: np.ndarray,
    slot_last: np.ndarray,
    slot_ref: np.ndarray,
    slot_target: np.ndarray,
    slot_scale: np.ndarray,
    turn: int,
    order_slots: int,
    max_projects: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The slots active this turn, by run then slot: for order slots (the first ``order_slots``) their run,
    slot, row of the per-turn table ``(action·ROLES + owner)·ROLES + target`` and scale; for event
    slots their run, slot and event."""
    runs, slots = slot_first.shape
    orders = 0
    events = 0
    for run in range(runs):
        for slot in range(slots):
            if is_pushing(slot_first[run, slot], slot_last[run, slot], turn):
                if slot < order_slots:
                    orders += 1
                else:
                    events += 1
    order_runs = np.empty(orders, dtype=np.int64)
    order_index = np.empty(orders, dtype=np.int64)
    rows = np.empty(orders, dtype=np.int64)
    scale = np.empty(orders)
    event_runs = np.empty(events, dtype=np.int64)
    event_index = np.empty(events, dtype=np.int64)
    event_refs = np.empty(events, dtype=np.int64)
    orders = 0
    events = 0
    for run in range(runs):
        for slot in range(slots):
            if is_pushing(slot_first[run, slot], slot_last[run, slot], turn):
                if slot < order_slots:
                    order_runs[orders] = run
                    order_index[orders] = slot
                    owner = slot_owner(slot, max_projects)
                    rows[orders] = (slot_ref[run, slot] * N_ROLES + owner) * N_ROLES + slot_target[run, slot]
                    scale[orders] = slot_scale[run, slot]
                    orders += 1
                else:
                    event_runs[events] = run
                    event_index[events] = slot
                    event_refs[events] = slot_ref[run, slot]
                    events += 1
    return order_runs, order_index, rows, scale, event_runs, event_index, event_refs
