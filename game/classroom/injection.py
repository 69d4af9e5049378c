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

from dataclasses import fields, replace

import numpy as np

from game.classroom.models import CustomEvent, Injection
from game.engine.world import EventTable, World
from game.play.scenario import ScenarioSetup
from game.scenario.models import ScriptedEvent

RESERVED_TITLE = "(reserved for a teacher's injection)"
INJECTED = " (injected by the teacher)"  # after an injected event's title in the world's event table


_FILL: dict[str, float | bool | int] = {"at_turn": -1, "window_last": -1, "once": True}
_COPIED = ("immediate", "spread", "spread_turns", "spread_delay")


def _per_event_fields(table: EventTable) -> list[str]:
    """Fields of the event table that hold one entry per event (not the condition rows)."""
    return [
        f.name
        for f in fields(table)
        if not f.name.startswith("condition_")
        and isinstance(getattr(table, f.name), tuple | np.ndarray)
        and len(getattr(table, f.name)) == table.count
    ]


def with_reserved_rows(world: World, reserved: int) -> World:
    """The world with ``reserved`` empty, never-firing event rows appended.

    Every per-event field is extended, so fields the engine adds later are covered too
    (with zeros / False unless named in ``_FILL``).
    """
    table = world.events
    update: dict[str, object] = {}
    for name in _per_event_fields(table):
        value = getattr(table, name)
        if isinstance(value, tuple):
            filler = {
                "ids": [f"teacher_slot_{i}" for i in range(reserved)],
                "kinds": ["scripted"] * reserved,
                "tags": ["random"] * reserved,
            }.get(name, [RESERVED_TITLE] * reserved)
            update[name] = value + tuple(filler)
        else:
            extra = np.full((reserved, *value.shape[1:]), _FILL.get(name, 0), dtype=value.dtype)
            update[name] = np.concatenate([value, extra])
    return replace(world, events=replace(table, **update))  # type: ignore[arg-type]


def compile_custom(setup: ScenarioSetup, event: CustomEvent) -> EventTable:
    """A one-event table: the custom event compiled exactly as the scenario's events are."""
    scripted = ScriptedEvent(type="scripted", at=setup.loaded.scenario.start, **event.model_dump(by_alias=True))
    return setup.compile_events([scripted])


def apply_injections(
    world: World, setup: ScenarioSetup, base_count: int, injections: list[Injection]
) -> World:
    """Fill reserved rows (which start at ``base_count``) with the injected events."""
    if not injections:
        return world
    table = world.events
    ids, titles, tags = list(table.ids), list(table.titles), list(table.tags)
    at_turn = table.at_turn.copy()
    copied = {name: getattr(table, name).copy() for name in _COPIED if hasattr(table, name)}
    for injection in injections:
        row = base_count + injection.row
        if injection.custom is not None:
            single = compile_custom(setup, injection.custom)
            for name, array in copied.items():
                array[row] = getattr(single, name)[0]
            tags[row] = injection.custom.tag
        else:
            source = table.ids.index(injection.event)
            for array in copied.values():
                array[row] = array[source]
            tags[row] = table.tags[source]
        ids[row] = f"{injection.event}_injected"
        titles[row] = f"{injection.title}{INJECTED}"
        at_turn[row] = injection.turn
    events = replace(table, ids=tuple(ids), titles=tuple(titles), tags=tuple(tags), at_turn=at_turn, **copied)
    return replace(world, events=events)
