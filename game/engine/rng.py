"""Counter-based random draws keyed by (seed, run, turn, stream, index).

Why not one ``numpy.random.Generator`` per game: a batch advances thousands of
runs together, and a shared generator drawing ``(runs, ...)`` arrays would make a
run's numbers depend on the batch size. Per-run generators would need a Python
loop over runs every turn. A counter-based hash gives both properties at numpy
speed: the draw for run 137 at turn 5 is a pure function of its key, so run 137
of a batch of 10,000 is bit-identical to a single game seeded with run index 137.

The mixer is SplitMix64's finaliser (Steele, Lea and Flood, 2014), applied to a
key built from the seed, run, turn, stream and element index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MUL1 = np.uint64(0xBF58476D1CE4E5B9)
_MUL2 = np.uint64(0x94D049BB133111EB)


class Stream(IntEnum):
    """Independent streams, so an extra AI draw never shifts an event roll."""

    EVENTS = 1
    NOISE = 2
    AI = 3


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser over a uint64 array (wrapping arithmetic)."""
    z = values.astype(np.uint64, copy=True)
    z ^= z >> np.uint64(30)
    z *= _MUL1
    z ^= z >> np.uint64(27)
    z *= _MUL2
    z ^= z >> np.uint64(31)
    return z


@dataclass(frozen=True)
class RandomStreams:
    """The randomness of one game or batch: a seed and the run indices it covers."""

    seed: int
    run_ids: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.uint64))

    @classmethod
    def for_runs(cls, seed: int, runs: int, first_run: int = 0) -> RandomStreams:
        """Streams for runs ``first_run .. first_run + runs - 1`` of a seed."""
        run_ids = np.arange(first_run, first_run + runs, dtype=np.uint64)
        return cls(seed=seed, run_ids=run_ids)

    @property
    def runs(self) -> int:
        """How many runs these streams cover."""
        return int(self.run_ids.shape[0])

    def _bits(self, turn: int, stream: Stream, count: int) -> np.ndarray:
        seed_key = _mix(np.array([self.seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64) + _GOLDEN)
        run_key = _mix(seed_key ^ self.run_ids)
        tag = np.uint64(((turn & 0xFFFFFFFF) << 8) | int(stream))
        key = _mix(run_key ^ tag)
        counters = (np.arange(1, count + 1, dtype=np.uint64) * _GOLDEN)[None, :]
        return _mix(key[:, None] + counters)

    def uniform(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Uniform draws in [0, 1) with shape ``(runs, *shape)``."""
        count = int(np.prod(shape)) if shape else 1
        bits = self._bits(turn, stream, count)
        draws = (bits >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
        return draws.reshape((self.runs, *shape))

    def normal(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Standard normal draws with shape ``(runs, *shape)`` (Box–Muller, both outputs used)."""
        count = int(np.prod(shape)) if shape else 1
        half = (count + 1) // 2
        # One 64-bit draw gives a pair of 32-bit uniforms, and a pair of uniforms two normals.
        bits = self._bits(turn, stream, half)
        scale = 1.0 / 4294967296.0
        first = ((bits >> np.uint64(32)).astype(np.float64) + 0.5) * scale
        second = ((bits & np.uint64(0xFFFFFFFF)).astype(np.float64) + 0.5) * scale
        radius = np.sqrt(-2.0 * np.log(first))
        angle = 2.0 * np.pi * second
        draws = np.concatenate([radius * np.cos(angle), radius * np.sin(angle)], axis=1)[:, :count]
        return draws.reshape((self.runs, *shape))
