"""Where each state variable lives in the flat per-run value vector.

The engine keeps every ledgered variable of one run in one row of a
``values[runs, V]`` array. Blocks give named, shaped views of that row, so rules
read ``state.block("dependence")[run, country, power, channel]`` while the ledger
and the hash see one flat vector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, POWERS, ROLES

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


def bounds_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds per flat column (upper is +inf where unbounded)."""
    lower = np.zeros(N_VARIABLES)
    upper = np.full(N_VARIABLES, np.inf)
    for block in BLOCKS.values():
        lower[block.start : block.stop] = block.lower
        if block.upper is not None:
            upper[block.start : block.stop] = block.upper
    return lower, upper
