"""The changing side of a game: values of every run, projects in flight, event memory."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np

from game.engine.codes import N_ROLES
from game.engine.layout import BLOCKS, NO_SLOT
from game.engine.world import World


@dataclass(frozen=True)
class State:
    """State of R runs after ``turn`` turns. Arrays carry the runs axis first.

    ``values`` holds every ledgered variable (see ``game.engine.layout``).
    Project slots describe effects in flight: the per-turn pushes of the action
    (or event spread) ``slot_ref``, times ``slot_scale``, applied in turns
    ``slot_first..slot_last``. Order slots belong to a role and event slots follow
    them, one per event (see ``game.engine.layout``). ``fatigue`` counts recent uses of each
    action by each role (diminishing returns); ``fired``/``crisis`` remember events. ``anchor``
    shifts each share's structural target by what lasting causes moved (a route built, an
    event marked ``lasting``), so drift keeps those changes.
    """

    turn: int
    values: np.ndarray  # (R, V)
    slot_scale: np.ndarray  # (R, S) multiplier of the table's pushes
    slot_first: np.ndarray  # (R, S) int
    slot_last: np.ndarray  # (R, S) int, NO_SLOT when empty
    slot_ref: np.ndarray  # (R, S) int action or event index
    slot_target: np.ndarray  # (R, S) int target role
    slot_started: np.ndarray  # (R, S) int turn the order was given / event fired
    fatigue: np.ndarray  # (R, ROLES, A)
    fired: np.ndarray  # (R, E) bool: has fired at least once
    crisis: np.ndarray  # (R, E) bool: crisis under way
    anchor: np.ndarray  # (R, SHARES) how far lasting causes have moved each share's structural target

    @property
    def runs(self) -> int:
        """Number of runs held."""
        return int(self.values.shape[0])

    def block(self, name: str) -> np.ndarray:
        """A shaped view of one variable block, runs first (writes go through)."""
        block = BLOCKS[name]
        return self.values[:, block.start : block.stop].reshape((self.runs, *block.shape))

    def run(self, index: int) -> State:
        """The state of a single run, as a one-run state."""
        return self.select(np.array([index]))

    def select(self, runs: np.ndarray) -> State:
        """The state of some runs (by position)."""
        return replace(
            self,
            **{name: getattr(self, name)[runs].copy() for name in RUN_ARRAYS},
        )

    def copy(self) -> State:
        """A deep copy."""
        return replace(self, **{name: getattr(self, name).copy() for name in RUN_ARRAYS})

    def hashes(self) -> list[str]:
        """Canonical per-run hash (blake2b, 16 bytes hex) over every array in fixed order."""
        digests = []
        for run in range(self.runs):
            digest = hashlib.blake2b(digest_size=16)
            digest.update(np.int64(self.turn).tobytes())
            for name in RUN_ARRAYS:
                array = np.ascontiguousarray(getattr(self, name)[run])
                digest.update(name.encode())
                digest.update(array.tobytes())
            digests.append(digest.hexdigest())
        return digests


RUN_ARRAYS = (
    "values",
    "slot_scale",
    "slot_first",
    "slot_last",
    "slot_ref",
    "slot_target",
    "slot_started",
    "fatigue",
    "fired",
    "crisis",
    "anchor",
)


def initial_state(world: World, runs: int) -> State:
    """The state before the first turn, the same for every run."""
    slots = world.project_slots
    values = np.repeat(world.initial[None, :], runs, axis=0)
    return State(
        turn=0,
        values=values,
        slot_scale=np.zeros((runs, slots)),
        slot_first=np.zeros((runs, slots), dtype=np.int64),
        slot_last=np.full((runs, slots), NO_SLOT, dtype=np.int64),
        slot_ref=np.zeros((runs, slots), dtype=np.int64),
        slot_target=np.zeros((runs, slots), dtype=np.int64),
        slot_started=np.zeros((runs, slots), dtype=np.int64),
        fatigue=np.zeros((runs, N_ROLES, world.actions.count)),
        fired=np.zeros((runs, world.events.count), dtype=bool),
        crisis=np.zeros((runs, world.events.count), dtype=bool),
        anchor=np.zeros((runs, BLOCKS["dependence"].size)),
    )
