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

from game.engine.compiled import compiled

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


@compiled
def _mix_one(z: np.uint64) -> np.uint64:
    """``_mix`` of one number, for the compiled loops."""
    z ^= z >> np.uint64(30)
    z *= _MUL1
    z ^= z >> np.uint64(27)
    z *= _MUL2
    z ^= z >> np.uint64(31)
    return z


@compiled
def _counter_bits(keys: np.ndarray, bits: np.ndarray) -> None:
    """``bits[r, i] = _mix(keys[r] + (i + 1)·golden)`` for every run r and counter i (wrapping)."""
    for run in range(bits.shape[0]):
        for i in range(bits.shape[1]):
            bits[run, i] = _mix_one(keys[run] + np.uint64(i + 1) * _GOLDEN)


@compiled
def _uniform_from_bits(bits: np.ndarray, draws: np.ndarray) -> None:
    """The top 53 bits of each draw as a float in [0, 1)."""
    for run in range(bits.shape[0]):
        for i in range(bits.shape[1]):
            draws[run, i] = float(bits[run, i] >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@compiled
def _uniform_pairs(bits: np.ndarray, first: np.ndarray, angle: np.ndarray) -> None:
    """Each 64-bit draw as two 32-bit uniforms in (0, 1), high half first; the second as an angle ``2π·u``."""
    scale = 1.0 / 4294967296.0
    for run in range(bits.shape[0]):
        for i in range(bits.shape[1]):
            first[run, i] = (float(bits[run, i] >> np.uint64(32)) + 0.5) * scale
            second = (float(bits[run, i] & np.uint64(0xFFFFFFFF)) + 0.5) * scale
            angle[run, i] = 2.0 * np.pi * second


@compiled
def _box_muller(log_first: np.ndarray, angle: np.ndarray, draws: np.ndarray) -> None:
    """Normal draws ``r·cos θ`` for the first half of each run's row and ``r·sin θ`` after, ``r = sqrt(−2·log u)``.

    ``log_first`` comes from numpy: numba's ``log`` can differ from numpy's in the last
    bit. Cosine and sine agree, and taken together here they cost one ``sincos`` call.
    """
    half = angle.shape[1]
    for run in range(draws.shape[0]):
        for i in range(half):
            radius = np.sqrt(-2.0 * log_first[run, i])
            cos = np.cos(angle[run, i])
            sin = np.sin(angle[run, i])
            draws[run, i] = radius * cos
            if half + i < draws.shape[1]:
                draws[run, half + i] = radius * sin


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
        bits = np.empty((self.runs, count), dtype=np.uint64)
        _counter_bits(key, bits)
        return bits

    def uniform(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Uniform draws in [0, 1) with shape ``(runs, *shape)``."""
        count = int(np.prod(shape)) if shape else 1
        bits = self._bits(turn, stream, count)
        draws = np.empty(bits.shape)
        _uniform_from_bits(bits, draws)
        return draws.reshape((self.runs, *shape))

    def normal(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Standard normal draws with shape ``(runs, *shape)`` (Box–Muller, both outputs used)."""
        count = int(np.prod(shape)) if shape else 1
        half = (count + 1) // 2
        # One 64-bit draw gives a pair of 32-bit uniforms, and a pair of uniforms two normals.
        bits = self._bits(turn, stream, half)
        first = np.empty(bits.shape)
        angle = np.empty(bits.shape)
        _uniform_pairs(bits, first, angle)
        draws = np.empty((self.runs, count))
        _box_muller(np.log(first, out=first), angle, draws)
        return draws.reshape((self.runs, *shape))
