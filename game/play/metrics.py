"""The outcome measures a report or a batch tracks for every run: headline dependence,
autonomy and role scores, as one flat matrix with a label per column."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES
from game.engine.compiled import compiled
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
    """p10, median, p90 and mean of each column over runs: shape ``(len(METRICS), 4)``.

    The percentiles are ``np.percentile``'s (linear interpolation), to the last bit: the
    order statistics come from a compiled selection (numpy's partition along the runs
    axis cost a batch's parent process 7 ms a turn), the interpolation is numpy's formula.
    """
    runs = matrix.shape[0]
    if runs == 0:
        raise ValueError("no runs to take percentiles of")
    quantiles = np.asarray(PERCENTILES) / 100.0
    virtual = (runs - 1) * quantiles
    below = np.floor(virtual)
    at_end = virtual >= runs - 1
    lower = np.where(at_end, runs - 1, below).astype(np.int64)
    upper = np.where(at_end, runs - 1, below + 1).astype(np.int64)
    gamma = virtual - np.where(at_end, -1.0, below)  # as numpy's (it marks the end with index -1)
    ranks = np.concatenate([lower, upper])
    order = np.argsort(ranks, kind="stable")
    selected = np.empty((matrix.shape[1], ranks.size))
    _order_statistics(np.ascontiguousarray(matrix), ranks[order], selected)
    values = np.empty_like(selected)
    values[:, order] = selected
    low, high = values[:, : quantiles.size], values[:, quantiles.size :]
    difference = high - low
    bands = np.where(gamma >= 0.5, high - difference * (1 - gamma), low + difference * gamma)
    bands[np.isnan(matrix).any(axis=0)] = np.nan
    return np.concatenate([bands, matrix.mean(axis=0)[:, None]], axis=1)


_BINS = 4096  # histogram bins per column for the selection


@compiled
def _order_statistics(matrix: np.ndarray, ranks: np.ndarray, out: np.ndarray) -> None:
    """``out[c, i]``: the ``ranks[i]``-th smallest value of column c (0-based), exactly.

    A histogram over the column's range finds the bin holding each rank (binning is
    monotonic, so ranks fall in bin order), then only that bin's values are sorted. No
    data-dependent branches in the passes over all runs (a quickselect's mispredicted
    branches made it no faster than numpy's partition).
    """
    runs = matrix.shape[0]
    column_values = np.empty(runs)
    bin_of = np.empty(runs, dtype=np.int64)
    counts = np.empty(_BINS + 1, dtype=np.int64)
    wanted = np.empty(_BINS, dtype=np.bool_)
    for column in range(matrix.shape[1]):
        lowest, highest = np.inf, -np.inf
        finite = True
        for run in range(runs):
            value = matrix[run, column]
            column_values[run] = value
            lowest = min(lowest, value)
            highest = max(highest, value)
            finite &= np.isfinite(value)
        scale = (_BINS - 1) / (highest - lowest) if finite and highest > lowest else np.inf
        if not np.isfinite(scale):  # infinities, NaN (reported as NaN), one value or a tiny spread: sort
            column_values.sort()
            for i in range(ranks.size):
                out[column, i] = column_values[ranks[i]]
            continue
        counts[:] = 0
        for run in range(runs):
            index = min(int((column_values[run] - lowest) * scale), _BINS - 1)
            bin_of[run] = index
            counts[index + 1] += 1
        for index in range(_BINS):  # counts[b] becomes the number of values in bins before b
            counts[index + 1] += counts[index]
        wanted[:] = False
        for i in range(ranks.size):
            wanted[np.searchsorted(counts, ranks[i], side="right") - 1] = True
        for index in range(_BINS):
            if not wanted[index]:
                continue
            members = np.empty(counts[index + 1] - counts[index])
            taken = 0
            for run in range(runs):
                if bin_of[run] == index:
                    members[taken] = column_values[run]
                    taken += 1
            members.sort()
            for i in range(ranks.size):
                if counts[index] <= ranks[i] < counts[index + 1]:
                    out[column, i] = members[ranks[i] - counts[index]]


def percentile_rank(sample: np.ndarray, value: float) -> float:
    """Share (0–100) of the sample strictly below ``value``, counting ties as half.

    >>> percentile_rank(np.array([1.0, 2.0, 3.0, 4.0]), 3.5)
    75.0
    """
    below = float(np.sum(sample < value))
    ties = float(np.sum(sample == value))
    return 100.0 * (below + 0.5 * ties) / max(1, sample.size)
