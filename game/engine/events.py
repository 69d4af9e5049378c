"""Which events fire this turn, decided for every run at once.

Scripted events fire in their quarter, random events with a chance per
quarter inside their window, and crises start and end on separate conditions
(hysteresis: a gas shortage that starts when reserves fall below 0.3 ends only
when they climb above 0.5, so it does not flicker). All draws come from the
events stream with a fixed shape per turn, so adding an event elsewhere never
shifts another run's rolls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.layout import is_busy
from game.engine.rng import RandomStreams, Stream
from game.engine.scores import metric_values
from game.engine.state import State
from game.engine.world import World


@dataclass(frozen=True)
class EventOutcome:
    """Per run and event: fired (or a crisis started), a crisis ended, crises under way after."""

    fired: np.ndarray  # (R, E) bool
    ended: np.ndarray  # (R, E) bool
    crisis: np.ndarray  # (R, E) bool


def _conditions_hold(world: World, measured_all: np.ndarray, group: int) -> np.ndarray:
    """(R, E) bool: every condition of the group holds (true when there are none).

    ``measured_all`` (R, N) holds each condition's metric, in the table's order of conditions.
    """
    table = world.events
    runs = measured_all.shape[0]
    if table.count == 0:
        return np.zeros((runs, 0), dtype=bool)
    rows = table.condition_group == group
    if not np.any(rows):
        return np.ones((runs, table.count), dtype=bool)
    measured = measured_all[:, rows]
    holds = table.condition_sign[rows] * (measured - table.condition_threshold[rows]) > 0.0
    failures = np.zeros((runs, table.count))
    np.add.at(failures.T, table.condition_event[rows], (~holds).T.astype(float))
    return failures == 0


def decide_events(world: World, state: State, streams: RandomStreams, turn: int) -> EventOutcome:
    """Decide, for every run, which events fire, which crises start and end this turn."""
    table = world.events
    roll = streams.uniform(turn, Stream.EVENTS, (table.count,))
    measured = metric_values(state.values, world.weight, table.condition_metric)
    start_ok = _conditions_hold(world, measured, 0)
    end_ok = _conditions_hold(world, measured, 1)
    fresh = ~(table.once[None, :] & state.fired)
    # An event whose effects are still spreading does not fire again until they end.
    spreading = is_busy(state.slot_last[:, world.event_slot(np.arange(table.count))], turn)
    fresh &= ~spreading
    in_season = table.season[:, (world.start_quarter + turn) % 4][None, :]
    scripted = (table.at_turn == turn)[None, :] & start_ok & fresh
    in_window = (table.window_first <= turn) & (turn <= table.window_last)
    chance_hit = roll < table.chance[None, :]
    random_fire = in_window[None, :] & in_season & chance_hit & start_ok & fresh & ~table.is_crisis[None, :]
    random_fire &= (table.at_turn < 0)[None, :]
    starts = table.is_crisis[None, :] & ~state.crisis & start_ok & chance_hit & in_season & ~spreading
    ends = table.is_crisis[None, :] & state.crisis & end_ok
    crisis = (state.crisis & ~ends) | starts
    return EventOutcome(fired=scripted | random_fire | starts, ended=ends, crisis=crisis)
