"""Derived scores: headline dependence, autonomy, and each role's objective.

Headline dependence ``D[c, p] = Σ_k weight[c, k] · dependence[c, p, k]`` (0–1,
shown 0–100).

Autonomy of a country (0–100) measures how limited *and* balanced its
dependence is: ``100 · (1 − sqrt(Σ_p D[c, p]²))``. One power holding everything
gives 0; no outside dependence gives 100; three equal shares of 1/3 give 42;
three shares of 0.2 (the rest diversified) give 65.

Role objectives (0–100 each, shown every turn; see docs/rules.md):

* a country: ``0.5·autonomy + 25·prosperity + 25·stability``;
* Russia, keeping the region: ``70·mean_c D[c, RU] + 30·mean_c favour[c, RU]``;
* China, energy and trade without the costs of hegemony:
  ``35·mean energy share + 35·mean trade share + 30·(1 − mean tension with China)``;
* the West, ties and routes: ``40·mean D[c, WEST] + 30·mean transport share + 30·mean favour``.

All of them come from one compiled pass over the runs (:func:`measure`), so a turn
measures its state once and the turn's record, the event conditions of the next
turn and a batch's distributions share the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import CHANNELS, N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES, POWERS
from game.engine.compiled import compiled
from game.engine.layout import (
    COUNTRY_SHARES,
    FAVOUR_START,
    N_VARIABLES,
    PROSPERITY_START,
    STABILITY_START,
    TENSION_START,
    relation_column,
    share_column,
)

_RU, _CN, _WEST = (POWERS.index(code) for code in POWERS)
_TRADE, _ENERGY, _TRANSPORT = (CHANNELS.index(name) for name in ("trade", "energy", "transport"))
_HEADLINES = N_COUNTRIES * N_POWERS
# Columns of ``Measures.table``: 100·headline (country, power), autonomy (country), role scores.
AUTONOMY_COLUMN = _HEADLINES
SCORE_COLUMN = _HEADLINES + N_COUNTRIES
TABLE_WIDTH = SCORE_COLUMN + N_ROLES


@dataclass(frozen=True)
class Measures:
    """Headline dependence, autonomy and role scores of R runs, measured together."""

    headline: np.ndarray  # (R, C, P) on 0–1
    table: np.ndarray  # (R, TABLE_WIDTH) on 0–100: 100·headline (C·P), autonomy (C), role scores (ROLES)

    @property
    def autonomy(self) -> np.ndarray:
        """Autonomy ``[runs, country]`` on 0–100."""
        return self.table[:, AUTONOMY_COLUMN:SCORE_COLUMN]

    @property
    def scores(self) -> np.ndarray:
        """Each role's objective ``[runs, role]`` on 0–100, roles in ``ROLES`` order."""
        return self.table[:, SCORE_COLUMN:]


def measure(values: np.ndarray, weight: np.ndarray) -> Measures:
    """Headline dependence, autonomy and role scores of every run of ``values`` (R, V)."""
    runs = values.shape[0]
    headline = np.empty((runs, _HEADLINES))
    table = np.empty((runs, TABLE_WIDTH))
    _measure_rows(values, np.ascontiguousarray(weight, dtype=np.float64), headline, table)
    return Measures(headline.reshape(runs, N_COUNTRIES, N_POWERS), table)


@compiled
def _mean_of_countries(row: np.ndarray, first: int, step: int) -> float:
    """``row[first + c·step]`` averaged over countries: summed in country order, then divided (numpy's mean)."""
    total = row[first]
    for country in range(1, N_COUNTRIES):
        total += row[first + country * step]
    return total / N_COUNTRIES


@compiled
def _measure_rows(values: np.ndarray, weight: np.ndarray, headline: np.ndarray, table: np.ndarray) -> None:
    """Per run: headline dependence (0–1) into ``headline`` (R, C·P); 100·headline, autonomy and
    the role scores into ``table`` (R, TABLE_WIDTH).

    The arithmetic order is numpy's, which computed the scores before, so games stay
    bit-identical: einsum sums the six channels in two interleaved lanes from zero,
    ``(x0 + x2 + x4) + (x1 + x3 + x5)``; sums over powers and means over countries add in
    index order from the first term, and a mean divides the sum.
    """
    for run in range(values.shape[0]):
        row = values[run]
        head = headline[run]
        out = table[run]
        for country in range(N_COUNTRIES):
            squares = 0.0
            for power in range(N_POWERS):
                at = share_column(country, power, 0)
                even = 0.0
                odd = 0.0
                for channel in range(0, N_CHANNELS, 2):
                    even += row[at + channel] * weight[country, channel]
                    odd += row[at + channel + 1] * weight[country, channel + 1]
                share = even + odd
                head[country * N_POWERS + power] = share
                out[country * N_POWERS + power] = 100.0 * share
                squares = squares + share * share if power else share * share
            autonomy = 100.0 * (1.0 - np.sqrt(squares))
            out[AUTONOMY_COLUMN + country] = autonomy
            out[SCORE_COLUMN + country] = (
                0.5 * autonomy + 25.0 * row[PROSPERITY_START + country] + 25.0 * row[STABILITY_START + country]
            )
        out[SCORE_COLUMN + N_COUNTRIES + _RU] = (
            70.0 * _mean_of_countries(head, _RU, N_POWERS)
            + 30.0 * _mean_of_countries(row, relation_column(FAVOUR_START, 0, _RU), N_POWERS)
        )
        out[SCORE_COLUMN + N_COUNTRIES + _CN] = (
            35.0 * _mean_of_countries(row, share_column(0, _CN, _ENERGY), COUNTRY_SHARES)
            + 35.0 * _mean_of_countries(row, share_column(0, _CN, _TRADE), COUNTRY_SHARES)
            + 30.0 * (1.0 - _mean_of_countries(row, relation_column(TENSION_START, 0, _CN), N_POWERS))
        )
        out[SCORE_COLUMN + N_COUNTRIES + _WEST] = (
            40.0 * _mean_of_countries(head, _WEST, N_POWERS)
            + 30.0 * _mean_of_countries(row, share_column(0, _WEST, _TRANSPORT), COUNTRY_SHARES)
            + 30.0 * _mean_of_countries(row, relation_column(FAVOUR_START, 0, _WEST), N_POWERS)
        )


def headline(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Headline dependence ``D[runs, country, power]`` in [0, 1]."""
    return measure(values, weight).headline


def autonomy(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Autonomy ``[runs, country]`` on 0–100 (see the module docstring)."""
    return measure(values, weight).autonomy


def role_scores(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each role's objective ``[runs, role]`` on 0–100, roles in ``ROLES`` order."""
    return measure(values, weight).scores


def metric_values(values: np.ndarray, weight: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Columns ``columns`` of what event conditions can test, for every run: ``(R, len(columns))``.

    The metric vector is the flat values, then headline D (C·P), then autonomy/100 (C);
    the runs are measured only when a column is headline or autonomy.
    """
    runs = values.shape[0]
    measured = np.empty((runs, columns.size))
    is_value = columns < N_VARIABLES
    measured[:, is_value] = values[:, columns[is_value]]
    if not np.all(is_value):
        measures = measure(values, weight)
        derived = columns[~is_value] - N_VARIABLES  # headline first, then autonomy
        is_head = derived < _HEADLINES
        at = np.flatnonzero(~is_value)
        measured[:, at[is_head]] = measures.headline.reshape(runs, -1)[:, derived[is_head]]
        measured[:, at[~is_head]] = measures.table[:, AUTONOMY_COLUMN + derived[~is_head] - _HEADLINES] / 100.0
    return measured
