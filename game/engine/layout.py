"""Where each part of a run's state lives: the flat value vector and the project slots.

The engine keeps every ledgered variable of one run in one row of a
``values[runs, V]`` array. Blocks give named, shaped views of that row, so rules
read ``state.block("dependence")[run, country, power, channel]`` while the ledger
and the hash see one flat vector. Compiled kernels cannot read the ``Block``
dataclass, so the blocks' columns are also plain module-level ints here
(``DEPENDENCE_START`` ...) with compiled helpers for a variable's column
(``share_column``); every kernel takes them from this module.

Project slots (``State.slot_*``) hold effects in flight: ``max_projects`` slots per
role, role by role, then one slot per event. The slot helpers below say which slots
a role owns, when a slot is busy or pushing, and how many turns it has left.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES, POWERS, ROLES
from game.engine.compiled import compiled_inline

AXIS_CODES: Final[dict[str, tuple[str, ...]]] = {
    "country": COUNTRIES,
    "power": POWERS,
    "channel": CHANNELS,
    "role": ROLES,
}


@dataclass(frozen=True)
class Block:
    """One named state variable: its axes and its columns in the flat vector."""

    name: str
    axes: tuple[str, ...]
    start: int
    lower: float
    upper: float | None
    description: str

    @cached_property
    def shape(self) -> tuple[int, ...]:
        """The block's shape without the runs axis."""
        return tuple(len(AXIS_CODES[axis]) for axis in self.axes)

    @cached_property
    def size(self) -> int:
        """Number of scalar variables in the block."""
        return int(np.prod(self.shape))

    @property
    def stop(self) -> int:
        """One past the block's last column."""
        return self.start + self.size

    def column(self, **codes: str) -> int:
        """Flat column of one variable, e.g. ``column(country="KZ", power="RU")``."""
        offset = 0
        for axis, size in zip(self.axes, self.shape, strict=True):
            offset = offset * size + AXIS_CODES[axis].index(codes[axis])
        return self.start + offset


def _build_blocks() -> dict[str, Block]:
    specs: list[tuple[str, tuple[str, ...], float, float | None, str]] = [
        ("dependence", ("country", "power", "channel"), 0.0, 1.0,
         "share of a country's exposure in a channel that runs through a power"),
        ("favour", ("country", "power"), 0.0, 1.0, "public opinion of a power in a country"),
        ("tension", ("country", "power"), 0.0, 1.0, "diplomatic temperature between them"),
        ("stability", ("country",), 0.0, 1.0, "political and social stability index"),
        ("prosperity", ("country",), 0.0, 1.0, "economic prosperity index"),
        ("capacity", ("role",), 0.0, None, "action points a role earns each turn"),
        ("points", ("role",), 0.0, None, "action points a role has in hand"),
    ]
    blocks: dict[str, Block] = {}
    start = 0
    for name, axes, lower, upper, description in specs:
        block = Block(name, axes, start, lower, upper, description)
        blocks[name] = block
        start = block.stop
    return blocks


BLOCKS: Final = _build_blocks()
N_VARIABLES: Final = max(block.stop for block in BLOCKS.values())
BOUNDED_BLOCKS: Final = ("dependence", "favour", "tension", "stability", "prosperity")

# The blocks' first columns as plain ints, for the compiled kernels.
DEPENDENCE_START: Final = BLOCKS["dependence"].start
FAVOUR_START: Final = BLOCKS["favour"].start
TENSION_START: Final = BLOCKS["tension"].start
STABILITY_START: Final = BLOCKS["stability"].start
PROSPERITY_START: Final = BLOCKS["prosperity"].start
CAPACITY_START: Final = BLOCKS["capacity"].start
POINTS_START: Final = BLOCKS["points"].start
COUNTRY_SHARES: Final = N_POWERS * N_CHANNELS  # columns of one country's shares
# Columns run by kind: the shares, then the other bounded indices (favour .. prosperity),
# then the additive role variables (capacity, points), so each kind is one slice.
SHARES_STOP: Final = BLOCKS["dependence"].stop
INDICES_START: Final = BLOCKS[BOUNDED_BLOCKS[1]].start
INDICES_STOP: Final = BLOCKS[BOUNDED_BLOCKS[-1]].stop
assert SHARES_STOP == INDICES_START and CAPACITY_START == INDICES_STOP and BLOCKS["points"].stop == N_VARIABLES


def share_columns_of(channels: np.ndarray) -> np.ndarray:
    """(V,) bool: the columns of every share in the channels marked in ``channels`` (K,) bool."""
    mask = np.zeros(N_VARIABLES, dtype=bool)
    mask[DEPENDENCE_START:SHARES_STOP] = np.tile(channels, N_COUNTRIES * N_POWERS)
    return mask


@compiled_inline
def share_column(country: int, power: int, channel: int) -> int:
    """Flat column of ``dependence[country, power, channel]``."""
    return DEPENDENCE_START + country * COUNTRY_SHARES + power * N_CHANNELS + channel


@compiled_inline
def relation_column(start: int, country: int, power: int) -> int:
    """Flat column of a (country, power) variable whose block starts at ``start`` (favour, tension)."""
    return start + country * N_POWERS + power


def variable_label(column: int) -> tuple[str, dict[str, str]]:
    """The block name and axis codes of a flat column.

    >>> variable_label(BLOCKS["favour"].column(country="KG", power="CN"))
    ('favour', {'country': 'KG', 'power': 'CN'})
    """
    for block in BLOCKS.values():
        if block.start <= column < block.stop:
            index = np.unravel_index(column - block.start, block.shape)
            return block.name, {
                axis: AXIS_CODES[axis][int(i)] for axis, i in zip(block.axes, index, strict=True)
            }
    raise IndexError(f"no state variable at column {column}")


def block_view(row: np.ndarray, name: str) -> np.ndarray:
    """A shaped view of one block of a flat (V,) row, e.g. ``[country, power, channel]`` for dependence."""
    block = BLOCKS[name]
    return row[block.start : block.stop].reshape(block.shape)


def bounds_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds per flat column (upper is +inf where unbounded)."""
    lower = np.zeros(N_VARIABLES)
    upper = np.full(N_VARIABLES, np.inf)
    for block in BLOCKS.values():
        lower[block.start : block.stop] = block.lower
        if block.upper is not None:
            upper[block.start : block.stop] = block.upper
    return lower, upper


NO_SLOT: Final = -1  # ``slot_last`` of a slot that never held anything
SlotTurns = int | np.ndarray  # a slot's turn (first or last), or an array of them
SlotAnswers = bool | np.ndarray  # a slot helper's answer: one, or one per element of the arrays given


@compiled_inline
def first_role_slot(role: int, max_projects: int) -> int:
    """The first of the ``max_projects`` project slots of ``role`` (role r owns r·max_projects ..)."""
    return role * max_projects


@compiled_inline
def slot_owner(slot: int, max_projects: int) -> int:
    """The role whose order fills an order slot (one below ``order_slot_count``)."""
    return slot // max_projects


@compiled_inline
def order_slot_count(max_projects: int) -> int:
    """Number of order slots, every role's; the event slots follow them, one per event."""
    return N_ROLES * max_projects


@compiled_inline
def is_busy(slot_last: SlotTurns, turn: int) -> SlotAnswers:
    """Whether a slot ending in turn ``slot_last`` still holds a project (or spread) in ``turn``:
    it pushes then or later, so it is not free for a new one (numbers or numpy arrays)."""
    return slot_last >= turn


@compiled_inline
def busy_role_slots(slot_last: np.ndarray, role: int, max_projects: int, turn: int) -> int:
    """How many of ``role``'s slots are busy in ``turn``; ``slot_last`` is one run's (S,) row."""
    busy = 0
    first = first_role_slot(role, max_projects)
    for slot in range(first, first + max_projects):
        if is_busy(slot_last[slot], turn):
            busy += 1
    return busy


@compiled_inline
def is_pushing(slot_first: int, slot_last: int, turn: int) -> bool:
    """Whether a slot's project (or spread) pushes in ``turn``: its window covers it."""
    return slot_first <= turn <= slot_last


@compiled_inline
def turns_left(slot_first: int, slot_last: int, turn: int, end: int) -> int:
    """Turns from ``turn`` to ``end`` (both included) in which a slot still pushes; 0 or less for none."""
    return min(slot_last, end) - max(slot_first, turn) + 1
