"""Derived scores: headline dependence, autonomy, and each role's objective.

Headline dependence ``D[c, p] = Σ_k weight[c, k] · dependence[c, p, k]`` (0–1,
shown 0–100).

Autonomy of a country (0–100) measures how limited *and* balanced its
dependence is: ``100 · (1 − sqrt(Σ_p D[c, p]²))``. One power holding everything
gives 0; no outside dependence gives 100; three equal shares of 1/3 give 42;
three shares of 0.2 (the rest diversified) give 65.

Role objectives (0–100 each, shown every turn; see docs/rules.md), with the
coefficients written once below (``COUNTRY_*``, ``POWER_OBJECTIVES``):

* a country: ``0.5·autonomy + 25·prosperity + 25·stability``;
* Russia, keeping the region: ``70·mean_c D[c, RU] + 30·mean_c favour[c, RU]``;
* China, energy and trade without the costs of hegemony:
  ``35·mean energy share + 35·mean trade share + 30·(1 − mean tension with China)``;
* the West, ties and routes: ``40·mean D[c, WEST] + 30·mean transport share + 30·mean favour``.

The computer players' gradient comes from the same coefficients (:func:`constant_gradient`,
and ``AUTONOMY_SCALE · COUNTRY_AUTONOMY`` for the autonomy term in ``ai.value``).

All of them come from one compiled pass over the runs (:func:`measure`), so a turn
measures its state once and the turn's record, the event conditions of the next
turn and a batch's distributions share the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Final, NamedTuple

import numpy as np

from game.engine.codes import CHANNELS, N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES, POWERS
from game.engine.compiled import compiled, compiled_inline
from game.engine.layout import (
    COUNTRY_SHARES,
    FAVOUR_START,
    N_VARIABLES,
    PROSPERITY_START,
    STABILITY_START,
    TENSION_START,
    block_view,
    relation_column,
    share_column,
)

AUTONOMY_SCALE: Final = 100.0  # autonomy = AUTONOMY_SCALE · (1 − |D|), on 0–100


class Measure(IntEnum):
    """What a power's objective term averages over the countries."""

    HEADLINE = 0  # headline dependence D[c, p]
    SHARE = 1  # the power's share of one channel, dependence[c, p, channel]
    FAVOUR = 2  # favour[c, p]
    TENSION = 3  # tension[c, p]


@dataclass(frozen=True)
class Term:
    """One term of a power's objective: ``weight · mean_c x``, or ``weight · (1 − mean_c x)`` when ``inverted``."""

    weight: float
    measure: Measure
    channel: str = CHANNELS[0]  # for Measure.SHARE
    inverted: bool = False


# A country's objective: COUNTRY_AUTONOMY·autonomy (0–100) + COUNTRY_PROSPERITY·prosperity
# + COUNTRY_STABILITY·stability.
COUNTRY_AUTONOMY: Final = 0.5
COUNTRY_PROSPERITY: Final = 25.0
COUNTRY_STABILITY: Final = 25.0
# A power's objective: the sum of its terms.
POWER_OBJECTIVES: Final[dict[str, tuple[Term, ...]]] = {
    "RU": (Term(70.0, Measure.HEADLINE), Term(30.0, Measure.FAVOUR)),
    "CN": (
        Term(35.0, Measure.SHARE, "energy"),
        Term(35.0, Measure.SHARE, "trade"),
        Term(30.0, Measure.TENSION, inverted=True),
    ),
    "WEST": (Term(40.0, Measure.HEADLINE), Term(30.0, Measure.SHARE, "transport"), Term(30.0, Measure.FAVOUR)),
}
assert tuple(POWER_OBJECTIVES) == POWERS


class TermArrays(NamedTuple):
    """The powers' terms laid out for the kernel, power by power: term t adds
    ``weight[t]·mean`` (or ``weight[t]·(1 − mean)`` when ``inverted[t]``) to the score of
    ``power[t]``, starting it when ``opens[t]``; the mean averages every ``step[t]``-th entry
    from ``first[t]`` of the run's headlines (``headline[t]``) or of its values."""

    power: np.ndarray
    opens: np.ndarray
    headline: np.ndarray
    first: np.ndarray
    step: np.ndarray
    weight: np.ndarray
    inverted: np.ndarray


def _term_arrays() -> TermArrays:
    """``POWER_OBJECTIVES`` as ``TermArrays``: each term's mean located in the headlines or the layout."""
    # The column helpers' Python functions: a kernel called here, at import, would start numba's
    # compiler (0.3 s) in every program that imports the engine, before it runs any kernel.
    # (Under NUMBA_DISABLE_JIT the helpers are Python functions already.)
    share_at = getattr(share_column, "py_func", share_column)
    relation_at = getattr(relation_column, "py_func", relation_column)
    rows = []
    for power, terms in enumerate(POWER_OBJECTIVES.values()):
        for index, term in enumerate(terms):
            if term.measure is Measure.HEADLINE:
                first, step = power, N_POWERS
            elif term.measure is Measure.SHARE:
                first, step = share_at(0, power, CHANNELS.index(term.channel)), COUNTRY_SHARES
            else:
                start = FAVOUR_START if term.measure is Measure.FAVOUR else TENSION_START
                first, step = relation_at(start, 0, power), N_POWERS
            rows.append((power, index == 0, term.measure is Measure.HEADLINE, first, step, term.weight, term.inverted))
    columns = list(zip(*rows, strict=True))
    integer, boolean = np.int64, np.bool_
    kinds = (integer, boolean, boolean, integer, integer, np.float64, boolean)
    return TermArrays(*(np.array(column, dtype=kind) for column, kind in zip(columns, kinds, strict=True)))


# Module-level arrays, which numba compiles in as constants (no arguments to pass per call).
_TERM_POWER, _TERM_OPENS, _TERM_HEADLINE, _TERM_FIRST, _TERM_STEP, _TERM_WEIGHT, _TERM_INVERTED = _term_arrays()
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


@compiled_inline
def _mean_of_countries(row: np.ndarray, first: int, step: int) -> float:
    """``row[first + c·step]`` averaged over countries: summed in country order, then divided (numpy's mean)."""
    total = row[first]
    for country in range(1, N_COUNTRIES):
        total += row[first + country * step]
    return total / N_COUNTRIES


@compiled
def _measure_rows(values: np.ndarray, weight: np.ndarray, headline: np.ndarray, table: np.ndarray) -> None:
    """Per run: headline dependence (0–1) into ``headline`` (R, C·P); 100·headline, autonomy and
    the role scores into ``table`` (R, TABLE_WIDTH). The powers' objectives are the ``_TERM_*``
    arrays (``TermArrays`` of ``POWER_OBJECTIVES``).

    The arithmetic order is numpy's, which computed the scores before, so games stay
    bit-identical: einsum sums the six channels in two interleaved lanes from zero,
    ``(x0 + x2 + x4) + (x1 + x3 + x5)``; sums over powers, means over countries and a
    power's terms add in index order from the first term, and a mean divides the sum.
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
            autonomy = AUTONOMY_SCALE * (1.0 - np.sqrt(squares))
            out[AUTONOMY_COLUMN + country] = autonomy
            out[SCORE_COLUMN + country] = (
                COUNTRY_AUTONOMY * autonomy
                + COUNTRY_PROSPERITY * row[PROSPERITY_START + country]
                + COUNTRY_STABILITY * row[STABILITY_START + country]
            )
        for term in range(_TERM_POWER.size):
            if _TERM_HEADLINE[term]:
                mean = _mean_of_countries(head, _TERM_FIRST[term], _TERM_STEP[term])
            else:
                mean = _mean_of_countries(row, _TERM_FIRST[term], _TERM_STEP[term])
            part = _TERM_WEIGHT[term] * (1.0 - mean if _TERM_INVERTED[term] else mean)
            column = SCORE_COLUMN + N_COUNTRIES + _TERM_POWER[term]
            out[column] = part if _TERM_OPENS[term] else out[column] + part


def constant_gradient(weight: np.ndarray, role: int) -> np.ndarray:
    """The part of d(score of ``role``)/d(value) that does not depend on the state: shape (V,).

    The powers' objectives are linear, so this is their whole gradient: a term's weight
    over the number of countries on each column it averages (times the channel weights
    for a headline; negated when inverted). A country's autonomy term depends on its
    shares and is left out (the computer players add it, see ``ai.value``).
    """
    gradient = np.zeros(N_VARIABLES)
    mean = 1.0 / N_COUNTRIES
    if role < N_COUNTRIES:
        gradient[PROSPERITY_START + role] = COUNTRY_PROSPERITY
        gradient[STABILITY_START + role] = COUNTRY_STABILITY
        return gradient
    power = role - N_COUNTRIES
    dependence = block_view(gradient, "dependence")  # [country, power, channel]
    for term in POWER_OBJECTIVES[POWERS[power]]:
        slope = (-term.weight if term.inverted else term.weight) * mean
        if term.measure is Measure.HEADLINE:
            dependence[:, power, :] += slope * weight
        elif term.measure is Measure.SHARE:
            dependence[:, power, CHANNELS.index(term.channel)] += slope
        else:
            block = "favour" if term.measure is Measure.FAVOUR else "tension"
            block_view(gradient, block)[:, power] += slope
    return gradient


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
