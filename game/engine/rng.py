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

import math
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


@compiled
def _mix_one(z: np.uint64) -> np.uint64:
    """SplitMix64 finaliser of one number (wrapping arithmetic)."""
    z ^= z >> np.uint64(30)
    z *= _MUL1
    z ^= z >> np.uint64(27)
    z *= _MUL2
    z ^= z >> np.uint64(31)
    return z


@compiled
def _mix_each(values: np.ndarray) -> None:
    """``_mix_one`` of every element, in place."""
    for i in range(values.size):
        values[i] = _mix_one(values[i])


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser over a uint64 array (a new array)."""
    mixed = np.array(values, dtype=np.uint64).ravel()
    _mix_each(mixed)
    return mixed.reshape(np.shape(values))


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
def _uniform_columns(keys: np.ndarray, draws: np.ndarray) -> None:
    """``draws[i, r]``: the same number as ``uniform``'s ``[r, i]``, laid out index by index."""
    for i in range(draws.shape[0]):
        step = np.uint64(i + 1) * _GOLDEN
        row = draws[i]
        for run in range(keys.size):
            row[run] = float(_mix_one(keys[run] + step) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


# Box–Muller from + − × ÷ and √ alone, so a seed gives the same numbers on every machine
# (libm's and numpy's log, sin and cos differ between platforms in the last bit) and the
# loops vectorise. log m = 2·atanh(s) with s = (m − 1)/(m + 1); sin and cos by their
# Taylor series on [−π/4, π/4], where the first omitted terms are below 1e-19.
_LN2_HI = 6.93147180369123816490e-01  # ln 2 split in two, the first part with trailing zero bits
_LN2_LO = 1.90821492927058770002e-10
_ATANH = np.array([1.0 / (2 * k + 1) for k in range(12)])
_SIN = np.array([(-1.0) ** k / math.factorial(2 * k + 1) for k in range(10)])
_COS = np.array([(-1.0) ** k / math.factorial(2 * k) for k in range(11)])
_SQRT2 = 1.4142135623730951


@compiled
def _normal_pairs(bits: np.ndarray, draws: np.ndarray) -> None:
    """Standard normal draws from 64-bit words, (R, half) → (R, count ≤ 2·half).

    Each word gives two uniforms ``u = (k + 0.5)·2^-32`` (high half, then low half) and
    those two normals ``√(−2 log u1)·cos 2πu2`` (first half of the row) and ``… sin 2πu2``
    (second half). Five passes over a block of words at a time, each simple enough to
    vectorise, in scratch rows that stay in cache.
    """
    runs, half = bits.shape
    count = draws.shape[1]
    block = max(1, min(runs, 4096 // max(half, 1)))  # runs whose words fill the scratch rows
    mantissa = np.empty(block * half)
    power = np.empty(block * half)
    radius = np.empty(block * half)
    remainder = np.empty(block * half)
    quarter = np.empty(block * half)
    cosine = np.empty(block * half)
    sine = np.empty(block * half)
    for first in range(0, runs, block):
        last = min(first + block, runs)
        words = bits[first:last].reshape(-1)
        size = words.size
        for i in range(size):  # u1 = mantissa·2^power exactly, mantissa in [√½, √2)
            odd = ((words[i] >> np.uint64(32)) << np.uint64(1)) | np.uint64(1)  # u1 = odd·2^-33
            rest = odd
            exponent = np.uint64(0)
            for shift in (32, 16, 8, 4, 2, 1):  # exponent = floor(log2 odd)
                shifted = rest >> np.uint64(shift)
                up = shifted != np.uint64(0)
                exponent += np.uint64(shift) if up else np.uint64(0)
                rest = shifted if up else rest
            scaled = float(odd) / float(np.uint64(1) << exponent)
            above = scaled > _SQRT2
            mantissa[i] = scaled * 0.5 if above else scaled
            power[i] = float(exponent) - (32.0 if above else 33.0)
        for i in range(size):  # radius = √(−2·log u1)
            fraction = mantissa[i] - 1.0
            s = fraction / (2.0 + fraction)
            z = s * s
            series = _ATANH[11]
            for k in range(10, -1, -1):
                series = series * z + _ATANH[k]
            log_u = power[i] * _LN2_HI + (power[i] * _LN2_LO + 2.0 * s * series)
            radius[i] = np.sqrt(-2.0 * log_u)
        for i in range(size):  # 2π·u2 = quarter turns q + a remainder in [−π/4, π/4], split exactly
            odd = ((words[i] & np.uint64(0xFFFFFFFF)) << np.uint64(1)) | np.uint64(1)  # u2 = odd·2^-33
            turns = (odd + np.uint64(1 << 30)) >> np.uint64(31)  # round(4·u2)
            remainder[i] = 2.0 * np.pi * ((float(odd) - float(turns << np.uint64(31))) * (1.0 / 8589934592.0))
            quarter[i] = float(turns & np.uint64(3))
        for i in range(size):  # the remainder's cosine and sine
            x = remainder[i]
            x2 = x * x
            sin_series = _SIN[9]
            for k in range(8, -1, -1):
                sin_series = sin_series * x2 + _SIN[k]
            cos_series = _COS[10]
            for k in range(9, -1, -1):
                cos_series = cos_series * x2 + _COS[k]
            sine[i] = x * sin_series
            cosine[i] = cos_series
        for i in range(size):  # turn (cos, sin) by q quarter turns (exact: factors ±1 and 0), times the radius
            q, cos_r, sin_r = quarter[i], cosine[i], sine[i]
            cosine[i] = radius[i] * ((q == 0.0) * cos_r - (q == 1.0) * sin_r - (q == 2.0) * cos_r + (q == 3.0) * sin_r)
            sine[i] = radius[i] * ((q == 0.0) * sin_r + (q == 1.0) * cos_r - (q == 2.0) * sin_r - (q == 3.0) * cos_r)
        for run in range(last - first):
            row = draws[first + run]
            for i in range(half):
                row[i] = cosine[run * half + i]
            for i in range(count - half):
                row[half + i] = sine[run * half + i]


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

    def _keys(self, turn: int, stream: Stream) -> np.ndarray:
        seed_key = _mix(np.array([self.seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64) + _GOLDEN)
        run_key = _mix(seed_key ^ self.run_ids)
        tag = np.uint64(((turn & 0xFFFFFFFF) << 8) | int(stream))
        return _mix(run_key ^ tag)

    def _bits(self, turn: int, stream: Stream, count: int) -> np.ndarray:
        bits = np.empty((self.runs, count), dtype=np.uint64)
        _counter_bits(self._keys(turn, stream), bits)
        return bits

    def uniform(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Uniform draws in [0, 1) with shape ``(runs, *shape)``."""
        count = int(np.prod(shape)) if shape else 1
        bits = self._bits(turn, stream, count)
        draws = np.empty(bits.shape)
        _uniform_from_bits(bits, draws)
        return draws.reshape((self.runs, *shape))

    def uniform_columns(self, turn: int, stream: Stream, count: int) -> np.ndarray:
        """``uniform(turn, stream, (count,)).T`` made directly: (count, runs), one row per index."""
        draws = np.empty((count, self.runs))
        _uniform_columns(self._keys(turn, stream), draws)
        return draws

    def normal(self, turn: int, stream: Stream, shape: tuple[int, ...]) -> np.ndarray:
        """Standard normal draws with shape ``(runs, *shape)`` (Box–Muller, both outputs used)."""
        count = int(np.prod(shape)) if shape else 1
        # One 64-bit draw gives a pair of 32-bit uniforms, and a pair of uniforms two normals.
        bits = self._bits(turn, stream, (count + 1) // 2)
        draws = np.empty((self.runs, count))
        _normal_pairs(bits, draws)
        return draws.reshape((self.runs, *shape))
