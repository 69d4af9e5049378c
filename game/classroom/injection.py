"""Teacher's injections without an engine hook: reserved rows in the event table.

The engine has no call to fire an event on demand. A class game's world therefore
carries ``reserved`` extra scripted events after the scenario's own, with no effects
and no quarter, so they never fire. Injecting an event fills one reserved row with
the effects of a scenario event (or of a custom event) and schedules it for a turn.
Because the rows exist from the first turn, earlier turns replay with the same
state hashes; and because random draws are keyed by event index, the scenario's
own event rolls are unchanged.

Limits: an injected crisis applies the effects of its start (and its spread) once,
not its ongoing effects; conditions (``when``) of an injected scenario event are
ignored — the teacher's word is the condition.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.classroom.models import CustomEvent, Injection
from game.engine.world import World
from game.scenario.compile import compile_world
from game.scenario.load import LoadedScenario
from game.scenario.models import ScriptedEvent

RESERVED_TITLE = "(reserved for a teacher's injection)"


def with_reserved_rows(world: World, reserved: int) -> World:
    """The world with ``reserved`` empty, never-firing event rows appended."""
    table = world.events
    variables = table.immediate.shape[1]

    def extend(array: np.ndarray, fill: float | bool | int) -> np.ndarray:
        extra = np.full((reserved, *array.shape[1:]), fill, dtype=array.dtype)
        return np.concatenate([array, extra])

    events = replace(
        table,
        ids=table.ids + tuple(f"teacher_slot_{i}" for i in range(reserved)),
        titles=table.titles + (RESERVED_TITLE,) * reserved,
        kinds=table.kinds + ("scripted",) * reserved,
        at_turn=extend(table.at_turn, -1),
        window_first=extend(table.window_first, 0),
        window_last=extend(table.window_last, -1),
        chance=extend(table.chance, 0.0),
        once=extend(table.once, True),
        is_crisis=extend(table.is_crisis, False),
        immediate=extend(table.immediate, 0.0),
        spread=extend(table.spread, 0.0),
        spread_turns=extend(table.spread_turns, 0),
        ongoing=extend(table.ongoing, 0.0),
    )
    assert events.immediate.shape == (table.count + reserved, variables)
    return replace(world, events=events)


def compile_custom(
    loaded: LoadedScenario, world: World, event: CustomEvent
) -> tuple[np.ndarray, np.ndarray, int]:
    """Immediate pushes, spread pushes and spread turns of a custom event, compiled like the scenario's."""
    scripted = ScriptedEvent(type="scripted", at=loaded.scenario.start, **event.model_dump(by_alias=True))
    scenario = loaded.scenario.model_copy(update={"events": [scripted]})
    single = compile_world(replace(loaded, scenario=scenario), world.levers)
    table = single.events
    return table.immediate[0], table.spread[0], int(table.spread_turns[0])


def apply_injections(
    world: World, loaded: LoadedScenario, base_count: int, injections: list[Injection]
) -> World:
    """Fill reserved rows (which start at ``base_count``) with the injected events."""
    if not injections:
        return world
    table = world.events
    ids, titles = list(table.ids), list(table.titles)
    at_turn = table.at_turn.copy()
    immediate, spread, spread_turns = table.immediate.copy(), table.spread.copy(), table.spread_turns.copy()
    for injection in injections:
        row = base_count + injection.row
        if injection.custom is not None:
            immediate[row], spread[row], spread_turns[row] = compile_custom(loaded, world, injection.custom)
        else:
            source = table.ids.index(injection.event)
            immediate[row], spread[row], spread_turns[row] = (
                table.immediate[source],
                table.spread[source],
                table.spread_turns[source],
            )
        ids[row] = f"{injection.event}_injected"
        titles[row] = f"{injection.title} (injected by the teacher)"
        at_turn[row] = injection.turn
    events = replace(
        table,
        ids=tuple(ids),
        titles=tuple(titles),
        at_turn=at_turn,
        immediate=immediate,
        spread=spread,
        spread_turns=spread_turns,
    )
    return replace(world, events=events)
