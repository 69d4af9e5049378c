"""The computer players' levels (easy, normal, hard) and the (runs, roles) grid of who plays how."""

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

    @property
    def label(self) -> str:
        """The level's name as written on the command line."""
        return self.name.lower()


LEVEL_NAMES = tuple(level.label for level in Level)


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
