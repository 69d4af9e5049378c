"""One turn, in the order of DESIGN.md, for every run at once.

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
5. drift toward each country's structural baseline;
6. seeded noise;
7. clamp: bounds and share sums enforced (rarely needed; ledgered when it is);
8. derived scores; income of action points for the next turn; record.

Causes within one step are simultaneous: each is computed from the values
before the step, so their sum is the step's change and each cause's share is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.engine.codes import N_ROLES
from game.engine.events import EventOutcome, decide_events
from game.engine.layout import BLOCKS
from game.engine.ledger import CauseKind, Ledger, LedgerEntry
from game.engine.orders import NO_ACTION, IllegalOrderError, OrderArrays, illegal_runs
from game.engine.pushes import Pushes, summed_parts
from game.engine.rng import RandomStreams, Stream
from game.engine.rules import (
    NOISY_COLUMNS,
    clamp_changes,
    drift_changes,
    income_changes,
    noise_pushes,
    push_changes,
    push_from_parts,
)
from game.engine.scores import role_scores
from game.engine.state import State
from game.engine.world import World

_POINTS = BLOCKS["points"]


@dataclass(frozen=True)
class TurnRecord:
    """What happened in one turn, for every run resolved together."""

    turn: int  # 0-based index of the turn resolved
    quarter: int  # quarter index (see codes.quarter_name)
    orders: OrderArrays
    fired: np.ndarray  # (R, E) events that fired or crises that started
    ended: np.ndarray  # (R, E) crises that ended
    scores: np.ndarray  # (R, ROLES) objectives after the turn
    entries: tuple[LedgerEntry, ...]  # empty unless the ledger was kept
    slot_ref: np.ndarray  # (R, S) what each project slot held this turn
    slot_target: np.ndarray  # (R, S)
    slot_started: np.ndarray  # (R, S)
    hashes: tuple[str, ...]  # per-run state hash after the turn (when the ledger was kept)


Step = list[tuple[CauseKind, Pushes]]


def resolve_turn(
    world: World,
    state: State,
    orders: OrderArrays,
    streams: RandomStreams,
    keep_ledger: bool = True,
) -> tuple[State, TurnRecord]:
    """Advance every run one turn; raise :class:`IllegalOrderError` before changing anything."""
    problems = illegal_runs(world, state, orders)
    if problems:
        raise IllegalOrderError("; ".join(problems[:5]))
    turn = state.turn
    state = state.copy()
    # The turn works on a column-major copy: the rules slice blocks of variables, which is
    # several times faster when a block is one contiguous stretch of memory.
    values = np.asfortranarray(state.values)
    ledger = Ledger(keep_ledger)

    def apply_step(step: Step) -> None:
        if not step:
            return
        runs = np.unique(np.concatenate([pushes.runs for _, pushes in step]))
        if runs.size == state.runs:
            positive, negative = summed_parts([pushes for _, pushes in step], state.runs, values.shape[1])
            change = push_from_parts(values, positive, negative)
        else:  # only some runs are touched (events, say): work on those rows alone
            local = [replace(pushes, runs=np.searchsorted(runs, pushes.runs)) for _, pushes in step]
            positive, negative = summed_parts(local, runs.size, values.shape[1])
            change = np.zeros_like(values)
            change[runs] = push_from_parts(values[runs], positive, negative)
        if keep_ledger:
            for kind, pushes in step:
                dense = pushes.dense(values.shape[1])
                ledger.add(
                    kind,
                    pushes.runs,
                    pushes.index,
                    push_from_parts(values[pushes.runs], np.maximum(dense, 0.0), np.minimum(dense, 0.0)),
                )
        values[...] += change

    outcome = decide_events(world, state, streams, turn)
    apply_step(_event_pushes(world, state, outcome, turn))
    apply_step(_order_pushes(world, state, orders, turn))
    apply_step(_project_pushes(world, state, turn))
    for kind in (CauseKind.DRIFT, CauseKind.NOISE, CauseKind.CLAMP):
        change = _general_change(kind, world, values, streams, turn)
        ledger.add_all_runs(kind, change)
        values += change
    income = income_changes(values, world)
    ledger.add_all_runs(CauseKind.INCOME, income)
    values += income
    # Back to row-major for everyone else; the scores are computed from that layout (einsum's
    # summation order follows the layout) and do not read the points that income changed.
    values = np.ascontiguousarray(values)
    scores = role_scores(values, world.weight)

    state = replace(
        state,
        values=values,
        turn=turn + 1,
        fired=state.fired | outcome.fired,
        crisis=outcome.crisis,
    )
    record = TurnRecord(
        turn=turn,
        quarter=world.start_quarter + turn,
        orders=orders,
        fired=outcome.fired,
        ended=outcome.ended,
        scores=scores,
        entries=tuple(ledger.entries),
        slot_ref=state.slot_ref.copy(),
        slot_target=state.slot_target.copy(),
        slot_started=state.slot_started.copy(),
        hashes=tuple(state.hashes()) if keep_ledger else (),
    )
    return state, record


def _general_change(
    kind: CauseKind, world: World, values: np.ndarray, streams: RandomStreams, turn: int
) -> np.ndarray:
    """Changes every run gets from drift, noise or the clamp."""
    if kind is CauseKind.DRIFT:
        return drift_changes(values, world)
    if kind is CauseKind.NOISE:
        draws = streams.normal(turn, Stream.NOISE, (NOISY_COLUMNS.size,))
        return push_changes(values, noise_pushes(draws, world))
    return clamp_changes(values)


def _event_pushes(world: World, state: State, outcome: EventOutcome, turn: int) -> Step:
    """Events that fired push at once and start their spread; crises under way push again."""
    table = world.events
    step: Step = []
    runs, events = np.nonzero(outcome.fired)
    if runs.size:
        columns, amounts = table.immediate_sparse
        step.append((CauseKind.EVENT, Pushes(runs, events, columns[events], amounts[events])))
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
        columns, amounts = table.ongoing_sparse
        step.append((CauseKind.CRISIS, Pushes(runs, events, columns[events], amounts[events])))
    return step


def _order_pushes(world: World, state: State, orders: OrderArrays, turn: int) -> Step:
    """Orders pay their cost and push at once; orders with lasting effects start projects."""
    actions = world.actions
    max_orders = orders.action.shape[2]
    runs, roles, order_slots = np.nonzero(orders.action != NO_ACTION)
    step: Step = []
    fatigue_before = state.fatigue.copy()
    if runs.size:
        action = orders.action[runs, roles, order_slots]
        target = orders.target[runs, roles, order_slots]
        multiplier = 1.0 / (1.0 + fatigue_before[runs, roles, action])
        columns, amounts = actions.immediate_sparse
        cost_column = (_POINTS.start + roles)[:, None]
        pushes = Pushes(
            runs,
            roles * max_orders + order_slots,
            np.concatenate([columns[action, roles, target], cost_column], axis=1),
            np.concatenate(
                [amounts[action, roles, target] * multiplier[:, None], -actions.cost[action][:, None]], axis=1
            ),
        )
        step.append((CauseKind.ORDER, pushes))
        _start_projects(world, state, orders, turn, fatigue_before)
        used = np.zeros_like(state.fatigue)
        np.add.at(used, (runs, roles, action), 1.0)
        state.fatigue[...] = world.rules.fatigue_decay * fatigue_before + used
    else:
        state.fatigue[...] = world.rules.fatigue_decay * fatigue_before
    return step


def _start_projects(
    world: World, state: State, orders: OrderArrays, turn: int, fatigue: np.ndarray
) -> None:
    """Put orders with lasting effects into their role's free project slots."""
    actions = world.actions
    is_project = actions.project_mask
    for role in range(N_ROLES):
        slots = np.array(list(world.role_slots(role)))
        for order_slot in range(orders.action.shape[2]):
            action = orders.action[:, role, order_slot]
            needs = (action != NO_ACTION) & is_project[np.where(action == NO_ACTION, 0, action)]
            runs = np.nonzero(needs)[0]
            if runs.size == 0:
                continue
            free = state.slot_last[runs][:, slots] < turn
            slot = slots[np.argmax(free, axis=1)]
            chosen = action[runs]
            state.slot_first[runs, slot] = turn + actions.lag[chosen]
            state.slot_last[runs, slot] = turn + actions.lag[chosen] + actions.duration[chosen] - 1
            state.slot_scale[runs, slot] = 1.0 / (1.0 + fatigue[runs, role, chosen])
            state.slot_ref[runs, slot] = chosen
            state.slot_target[runs, slot] = orders.target[runs, role, order_slot]
            state.slot_started[runs, slot] = turn


def _project_pushes(world: World, state: State, turn: int) -> Step:
    """Each project and event spread in its active window pushes its per-turn effects."""
    active = (state.slot_first <= turn) & (turn <= state.slot_last)
    runs, slots = np.nonzero(active)
    if runs.size == 0:
        return []
    step: Step = []
    from_order = slots < N_ROLES * world.rules.max_projects
    order_runs, order_slots = runs[from_order], slots[from_order]
    if order_runs.size:
        columns, amounts = world.actions.per_turn_sparse
        key = (
            state.slot_ref[order_runs, order_slots],
            order_slots // world.rules.max_projects,
            state.slot_target[order_runs, order_slots],
        )
        scale = state.slot_scale[order_runs, order_slots][:, None]
        step.append((CauseKind.PROJECT, Pushes(order_runs, order_slots, columns[key], amounts[key] * scale)))
    event_runs, event_slots = runs[~from_order], slots[~from_order]
    if event_runs.size:
        columns, amounts = world.events.spread_sparse
        events = state.slot_ref[event_runs, event_slots]
        step.append((CauseKind.PROJECT, Pushes(event_runs, event_slots, columns[events], amounts[events])))
    return step
