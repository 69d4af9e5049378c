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

from game.report.batch import BatchResult
from game.report.metrics import METRICS

Z95 = 1.959963984540054


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
    def is_significant(self) -> bool:
        """True when the 95% interval excludes zero."""
        return self.low > 0.0 or self.high < 0.0

    def row(self) -> dict[str, Any]:
        """As a dict for CSV and JSON."""
        return {
            "measure": self.key, "mean_a": self.mean_a, "mean_b": self.mean_b, "diff": self.diff,
            "ci_low": self.low, "ci_high": self.high, "se_paired": self.se_paired,
            "se_independent": self.se_independent,
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
    delta = b - a
    mean = delta.mean(axis=0)
    sd = delta.std(axis=0, ddof=1) if runs > 1 else np.zeros(a.shape[1])
    se = sd / math.sqrt(runs)
    var_a = a.var(axis=0, ddof=1) if runs > 1 else np.zeros(a.shape[1])
    var_b = b.var(axis=0, ddof=1) if runs > 1 else np.zeros(a.shape[1])
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
