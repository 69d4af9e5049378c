"""What-if comparisons with common random numbers.

Both sides play the same seed and run indices, so run i of A and run i of B see the
same event rolls, noise and AI tie-breaks (the draws are keyed by seed, run, turn and
stream). The difference of each outcome is taken run by run (paired), which removes
most of the shared luck; the 95% confidence interval of its mean is the normal
approximation ``mean ± 1.96 · sd / sqrt(n)``. The independent-samples standard error
is reported beside it to show how much the pairing saves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.play.batch import BatchResult
from game.play.metrics import METRICS

Z95 = 1.959963984540054
MIN_RUNS = 2  # an interval needs at least two paired differences
FEW_RUNS = 30  # below this the normal approximation is rough
MEANINGFUL = 0.5  # points (0–100 scale): smaller differences are not starred, however certain


@dataclass(frozen=True)
class Difference:
    """B − A for one measure over paired runs."""

    key: str
    label: str
    mean_a: float
    mean_b: float
    diff: float
    low: float
    high: float
    se_paired: float
    se_independent: float

    @property
    def excludes_zero(self) -> bool:
        """True when the 95% interval excludes zero."""
        return self.low > 0.0 or self.high < 0.0

    @property
    def is_significant(self) -> bool:
        """Worth a star: the interval excludes zero *and* the difference is at least
        :data:`MEANINGFUL` points. With common random numbers a difference of 0.001
        points can be "certain"; it still does not matter.

        >>> Difference("k", "k", 0, 0, 0.004, 0.003, 0.005, 0.0, 0.0).is_significant
        False
        >>> Difference("k", "k", 0, 0, -0.8, -1.0, -0.6, 0.1, 0.3).is_significant
        True
        """
        return self.excludes_zero and abs(self.diff) >= MEANINGFUL

    def row(self) -> dict[str, Any]:
        """As a dict for CSV and JSON."""
        return {
            "measure": self.key, "mean_a": self.mean_a, "mean_b": self.mean_b, "diff": self.diff,
            "ci_low": self.low, "ci_high": self.high, "se_paired": self.se_paired,
            "se_independent": self.se_independent, "significant": self.is_significant,
        }


def paired_differences(a: np.ndarray, b: np.ndarray) -> list[Difference]:
    """Differences B − A of every metric from two ``(R, M)`` matrices of paired runs.

    >>> a = np.zeros((4, len(METRICS))); b = a + 1.0
    >>> d = paired_differences(a, b)[0]
    >>> (d.diff, d.low, d.high)
    (1.0, 1.0, 1.0)
    """
    if a.shape != b.shape:
        raise ValueError(f"paired runs need equal shapes, got {a.shape} and {b.shape}")
    runs = a.shape[0]
    if runs < MIN_RUNS:
        raise ValueError(f"a confidence interval needs at least {MIN_RUNS} paired runs, got {runs}")
    delta = b - a
    mean = delta.mean(axis=0)
    sd = delta.std(axis=0, ddof=1)
    se = sd / math.sqrt(runs)
    var_a = a.var(axis=0, ddof=1)
    var_b = b.var(axis=0, ddof=1)
    se_ind = np.sqrt((var_a + var_b) / runs)
    result = []
    for i, metric in enumerate(METRICS):
        result.append(
            Difference(
                key=metric.key, label=metric.label,
                mean_a=float(a[:, i].mean()), mean_b=float(b[:, i].mean()), diff=float(mean[i]),
                low=float(mean[i] - Z95 * se[i]), high=float(mean[i] + Z95 * se[i]),
                se_paired=float(se[i]), se_independent=float(se_ind[i]),
            )
        )
    return result


def compare_batches(a: BatchResult, b: BatchResult) -> list[Difference]:
    """Paired differences of the final outcomes of two batches of the same runs."""
    if a.runs != b.runs or a.seed != b.seed or a.first_run != b.first_run:
        raise ValueError("both sides must play the same seed and runs")
    return paired_differences(a.final, b.final)


def format_difference(value: float) -> str:
    """A difference with honest precision: two decimals, ``<0.01`` (signed) when smaller, ``0`` when nil.

    >>> [format_difference(v) for v in (1.234, -0.004, 0.0, 0.004, -0.21)]
    ['+1.23', '−<0.01', '0', '+<0.01', '−0.21']
    """
    if value == 0.0:
        return "0"
    sign = "+" if value > 0 else "−"
    if abs(value) < 0.005:
        return f"{sign}<0.01"
    return f"{sign}{abs(value):.2f}"
