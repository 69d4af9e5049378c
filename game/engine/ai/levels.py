"""The computer players' levels (easy, normal, hard, and pass: no orders) and the (runs, roles) grid of who
plays how.

Easy, normal and hard index the scenario's three victory pars (``World.victory_targets``
interpolates the opponents' mean level between them). ``pass`` is not a way of playing
the pars were calibrated for: :func:`par_levels` counts it as easy, so a role facing
passive opponents must reach at least the par it would against easy ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

import numpy as np

from game.engine.codes import N_ROLES, ROLES


class Level(IntEnum):
    """How well a computer player plays."""

    EASY = 0
    NORMAL = 1
    HARD = 2
    PASS = 3  # gives no orders: the baseline "doing nothing" that the agency measure compares with

    @property
    def label(self) -> str:
        """The level's name as written on the command line."""
        return self.name.lower()


LEVEL_NAMES = tuple(level.label for level in Level)
PAR_LEVELS = (Level.EASY, Level.NORMAL, Level.HARD)  # the levels that have a victory par, in par order


def parse_level(text: str | Level) -> Level:
    """A level from its name.

    >>> parse_level("Hard")
    <Level.HARD: 2>
    """
    if isinstance(text, Level):
        return text
    try:
        return Level[str(text).strip().upper()]
    except KeyError:
        raise ValueError(f"'{text}' is not an AI level ({', '.join(LEVEL_NAMES)})") from None


LevelSpec = Mapping[str, "str | Level"] | np.ndarray | None


def level_grid(levels: LevelSpec, runs: int, default: str | Level = Level.NORMAL) -> np.ndarray:
    """Levels as an (R, ROLES) int array from a ``{role: level}`` mapping, an array, or None."""
    if isinstance(levels, np.ndarray):
        grid = np.broadcast_to(levels.astype(np.int64), (runs, N_ROLES))
        return np.ascontiguousarray(grid)
    grid = np.full((runs, N_ROLES), int(parse_level(default)), dtype=np.int64)
    for role, level in (levels or {}).items():
        if role not in ROLES:
            raise ValueError(f"'{role}' is not a role ({', '.join(ROLES)})")
        grid[:, ROLES.index(role)] = int(parse_level(level))
    return grid


def par_levels(grid: np.ndarray) -> np.ndarray:
    """``grid`` of Level codes as the victory pars read them: a pass player counts as easy.

    >>> par_levels(np.array([Level.PASS, Level.HARD])).tolist()
    [0, 2]
    """
    codes = np.asarray(grid, dtype=np.int64)
    return np.where(codes == Level.PASS, int(Level.EASY), codes)
