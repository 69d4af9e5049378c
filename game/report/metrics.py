"""The outcome measures a report or a batch tracks for every run: headline dependence,
autonomy and role scores, as one flat matrix with a label per column."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES
from game.engine.scores import TABLE_WIDTH, measure


@dataclass(frozen=True)
class Metric:
    """One tracked measure: ``headline`` (country, power), ``autonomy`` (country) or ``score`` (role)."""

    variable: str
    country: str = ""
    power: str = ""
    role: str = ""

    @property
    def key(self) -> str:
        """Short stable name, e.g. ``headline.KZ.RU``, ``autonomy.UZ``, ``score.WEST``."""
        parts = [self.variable, self.country, self.power, self.role]
        return ".".join(part for part in parts if part)

    @property
    def label(self) -> str:
        """A name for people, e.g. ``Kazakhstan's dependence on Russia``."""
        if self.variable == "headline":
            return f"{COUNTRY_NAMES[self.country]} on {POWER_NAMES[self.power]}"
        if self.variable == "autonomy":
            return f"{COUNTRY_NAMES[self.country]} autonomy"
        return f"{ROLE_NAMES[self.role]} score"


METRICS: tuple[Metric, ...] = (
    *(Metric("headline", country=c, power=p) for c in COUNTRIES for p in POWERS),
    *(Metric("autonomy", country=c) for c in COUNTRIES),
    *(Metric("score", role=r) for r in ROLES),
)
METRIC_INDEX = {metric.key: index for index, metric in enumerate(METRICS)}
assert len(METRICS) == TABLE_WIDTH  # the table of ``scores.measure`` is the metric matrix, column for column


def metric_matrix(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Every metric of every run, shape ``(R, len(METRICS))``, all on 0–100.

    >>> from game.engine.layout import N_VARIABLES
    >>> metric_matrix(np.zeros((2, N_VARIABLES)), np.full((5, 6), 1 / 6)).shape
    (2, 28)
    """
    return measure(values, weight).table


PERCENTILES = (10.0, 50.0, 90.0)


def distribution(matrix: np.ndarray) -> np.ndarray:
    """p10, median, p90 and mean of each column over runs: shape ``(len(METRICS), 4)``."""
    bands = np.percentile(matrix, PERCENTILES, axis=0).T
    return np.concatenate([bands, matrix.mean(axis=0)[:, None]], axis=1)


def percentile_rank(sample: np.ndarray, value: float) -> float:
    """Share (0–100) of the sample strictly below ``value``, counting ties as half.

    >>> percentile_rank(np.array([1.0, 2.0, 3.0, 4.0]), 3.5)
    75.0
    """
    below = float(np.sum(sample < value))
    ties = float(np.sum(sample == value))
    return 100.0 * (below + 0.5 * ties) / max(1, sample.size)
