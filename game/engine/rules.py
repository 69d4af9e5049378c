"""How raw pushes, drift, noise and bounds turn into changes of the state.

Dependence shares use a *displacement* rule instead of renormalising after the
fact, so every change has a readable cause. A push ``+a`` for power p on
(country, channel) raises p's share by ``a·(1 − s_p)`` (diminishing returns:
the larger the share, the harder it grows) and takes the gain from everyone
else in proportion to their shares, so "China's loan raised China's share 2
points and cost Russia 1.2" is one ledger cause. A push ``−a`` shrinks the share
by ``a·s_p`` and hands it to the remainder (Turkey, the Gulf, self-reliance).
In closed form, for one cause with positive pushes ``pos`` and negative ``neg``::

    Δs_q = pos_q − s_q · Σ_p pos_p + neg_q · s_q

Other bounded indices (favour, tension, stability, prosperity) take
``pos·(1 − x) + neg·x``; capacity and points add plainly. An order's pushes, and
its project's, are first scaled by ``fatigue_scale``.

Each rule is one compiled function of a single run's row (``push_row``,
``_drift_row``, ``_clamp_row``, ``_income_row``), called by the turn's fused loop
(``settle``) and by the numpy-facing functions here, so there is one copy of each
rule. They keep the arithmetic order of the numpy code they replaced
(``(lost − Σ_p gained)·s + gained``, sums over powers in power order), so games
stay bit-identical.
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.compiled import compiled, compiled_inline
from game.engine.layout import (
    BLOCKS,
    CAPACITY_START,
    DEPENDENCE_START,
    INDICES_START,
    INDICES_STOP,
    N_VARIABLES,
    POINTS_START,
    PROSPERITY_START,
    SHARES_STOP,
    STABILITY_START,
    bounds_arrays,
    share_column,
)
from game.engine.world import Dynamics, World

_LOWER, _UPPER = bounds_arrays()

NOISY_COLUMNS = np.arange(DEPENDENCE_START, INDICES_STOP)  # the shares and the other bounded indices
_DRIFT, _NOISE, _CLAMP, _INCOME = range(4)  # rows of settle's recorded changes, in the turn's order


@compiled
def clip_number(x: float, lower: float, upper: float) -> float:
    """``np.clip`` of one number (NaN passes through; ties keep the bound, as numpy's does)."""
    if np.isnan(x):
        return x
    low = x if x > lower else lower
    return low if low < upper else upper


@compiled_inline
def fatigue_scale(fatigue: float) -> float:
    """The share of an order's pushes (and its project's) that its role's fatigue with the action
    leaves: ``1 / (1 + fatigue)``, fatigue counting recent uses (numbers or numpy arrays)."""
    return 1.0 / (1.0 + fatigue)


@compiled_inline
def push_channel(values: np.ndarray, positive: np.ndarray, negative: np.ndarray, first: int, delta: np.ndarray) -> None:
    """The push rule on one country's channel, whose first power's share is column ``first``."""
    gained = positive[first]
    for power in range(1, N_POWERS):
        gained += positive[first + power * N_CHANNELS]
    # Δs = gained + s·(lost − Σ_p gained)
    for power in range(N_POWERS):
        at = first + power * N_CHANNELS
        delta[at] = (negative[at] - gained) * values[at] + positive[at]


@compiled
def push_row(values: np.ndarray, positive: np.ndarray, negative: np.ndarray, delta: np.ndarray) -> None:
    """One run's changes ``delta`` (V,) from the positive and negative parts of its pushes (the module's rule)."""
    for country in range(N_COUNTRIES):
        for channel in range(N_CHANNELS):
            push_channel(values, positive, negative, share_column(country, 0, channel), delta)
    # pos·(1 − x) + neg·x = pos + x·(neg − pos)
    for column in range(INDICES_START, INDICES_STOP):
        delta[column] = (negative[column] - positive[column]) * values[column] + positive[column]
    for column in range(INDICES_STOP, values.shape[0]):
        delta[column] = positive[column] + negative[column]


@compiled
def _push_rows(values: np.ndarray, positive: np.ndarray, negative: np.ndarray, delta: np.ndarray) -> None:
    """``push_row`` for every row of (K, V) arrays."""
    for row in range(values.shape[0]):
        push_row(values[row], positive[row], negative[row], delta[row])


def push_changes(values: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """Changes caused by raw pushes ``raw[i]`` on states ``values[i]`` (both ``(K, V)``)."""
    return push_from_parts(values, np.maximum(raw, 0.0), np.minimum(raw, 0.0))


def push_from_parts(values: np.ndarray, positive: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """Changes from the positive and negative parts of pushes (summed over causes, or one cause).

    The rule is linear in the parts for a given state, so the changes of several
    causes computed one by one add up to the change of their summed parts.
    """
    delta = np.empty_like(values)  # same layout as the values, as numpy gave
    _push_rows(values, positive, negative, delta)
    return delta


@compiled
def _drift_row(values: np.ndarray, structural: np.ndarray, anchor: np.ndarray, rate: np.ndarray, follows: float,
               delta: np.ndarray) -> None:
    """One run's drift: ``rate·(target − value)``, each share's target moved by the run's ``anchor`` (within
    [0, 1]), a country's stability target following its prosperity."""
    for column in range(values.shape[0]):
        target = structural[column]
        if DEPENDENCE_START <= column < SHARES_STOP:
            target = clip_number(target + anchor[column - DEPENDENCE_START], 0.0, 1.0)
        delta[column] = rate[column] * (target - values[column])
    for country in range(N_COUNTRIES):
        stability = STABILITY_START + country
        prosperity = PROSPERITY_START + country
        gap = values[prosperity] - structural[prosperity]
        target = clip_number(structural[stability] + follows * gap, 0.0, 1.0)
        delta[stability] = rate[stability] * (target - values[stability])


@compiled
def _noise_row(draws: np.ndarray, scale: np.ndarray, values: np.ndarray, positive: np.ndarray,
               negative: np.ndarray, delta: np.ndarray) -> None:
    """One run's noise: standard normal ``draws`` times ``scale`` on the noisy columns (the first ones).

    A share's draw is exchanged with everyone else in its channel in proportion to their shares
    (the other powers and the remainder): the share moves by exactly its draw (held within
    [0, 1]) and every other share by a linear amount of it. So noise has no direction on average,
    even for a dominant share, which the push rule would erode (a push ``−a`` takes ``a·s`` and
    ``+a`` gives only ``a·(1 − s)``). The other indices take the push rule.
    """
    positive[:] = 0.0
    negative[:] = 0.0
    shares = SHARES_STOP - DEPENDENCE_START
    for i in range(shares, draws.shape[0]):
        raw = draws[i] * scale[i]
        positive[DEPENDENCE_START + i] = max(raw, 0.0)
        negative[DEPENDENCE_START + i] = min(raw, 0.0)
    push_row(values, positive, negative, delta)
    for country in range(N_COUNTRIES):
        for channel in range(N_CHANNELS):
            first = share_column(country, 0, channel)
            for power in range(N_POWERS):
                delta[first + power * N_CHANNELS] = 0.0
            for power in range(N_POWERS):
                at = first + power * N_CHANNELS
                share = values[at]
                others = 1.0 - share
                if others <= 1e-12:
                    continue
                amount = clip_number(draws[at - DEPENDENCE_START] * scale[at - DEPENDENCE_START], -share, others)
                for other in range(N_POWERS):
                    column = first + other * N_CHANNELS
                    if other == power:
                        delta[column] += amount
                    else:
                        delta[column] -= amount * values[column] / others


@compiled
def _clamp_row(values: np.ndarray, lower: np.ndarray, upper: np.ndarray, delta: np.ndarray) -> None:
    """One run's clamp: every value into its bounds, then each channel's shares scaled down to sum at most 1."""
    for column in range(values.shape[0]):
        delta[column] = clip_number(values[column], lower[column], upper[column])
    for country in range(N_COUNTRIES):
        for channel in range(N_CHANNELS):
            first = share_column(country, 0, channel)
            total = delta[first]
            for power in range(1, N_POWERS):
                total += delta[first + power * N_CHANNELS]
            if total > 1.0:
                scale = 1.0 / total
                for power in range(N_POWERS):
                    delta[first + power * N_CHANNELS] *= scale
    for column in range(values.shape[0]):
        delta[column] -= values[column]


@compiled
def _income_row(values: np.ndarray, cap_turns: float, delta: np.ndarray) -> None:
    """One run's income: each role earns its capacity, up to ``cap_turns`` turns' worth in hand."""
    delta[:] = 0.0
    for role in range(N_ROLES):
        capacity = values[CAPACITY_START + role]
        room = cap_turns * capacity - values[POINTS_START + role]
        earned = capacity if capacity < room else room
        delta[POINTS_START + role] = clip_number(earned, 0.0, np.inf)


@compiled
def _clamp_rows(values: np.ndarray, lower: np.ndarray, upper: np.ndarray, delta: np.ndarray) -> None:
    """``_clamp_row`` for every run."""
    for run in range(values.shape[0]):
        _clamp_row(values[run], lower, upper, delta[run])


def _share_channels() -> np.ndarray:
    """(shares,) the channel of every dependence column, in column order."""
    return np.arange(SHARES_STOP - DEPENDENCE_START) % N_CHANNELS


def drift_rates(world: World) -> np.ndarray:
    """Per-column drift rate: each share at its channel's rate, capacity at its own, relations and indices
    faster, points never (the channels' and capacity's rates times the ``drift_rate`` multiplier)."""
    rules = world.rules
    rate = np.zeros(N_VARIABLES)
    rate[DEPENDENCE_START:SHARES_STOP] = world.dynamics.drift_rate[_share_channels()] * rules.drift_rate
    rate[INDICES_START:INDICES_STOP] = rules.relation_drift_rate
    rate[CAPACITY_START : BLOCKS["capacity"].stop] = rules.capacity_drift_rate * rules.drift_rate
    return rate


def noise_scales(world: World) -> np.ndarray:
    """Standard deviation of the noise pushed on each of ``NOISY_COLUMNS``: each share its channel's, the
    indices ``index_noise`` (both times the ``noise`` multiplier)."""
    rules = world.rules
    scale = np.full(NOISY_COLUMNS.size, rules.index_noise * rules.noise)
    scale[: SHARES_STOP - DEPENDENCE_START] = world.dynamics.noise[_share_channels()] * rules.noise
    return scale


def clamp_changes(values: np.ndarray) -> np.ndarray:
    """Changes that put every variable back in bounds and keep share sums at most 1."""
    delta = np.empty(values.shape)
    _clamp_rows(values, _LOWER, _UPPER, delta)
    return delta


@compiled
def _settle_rows(
    values: np.ndarray,
    structural: np.ndarray,
    anchor: np.ndarray,
    rate: np.ndarray,
    follows: float,
    noise_draws: np.ndarray,
    noise_scale: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    cap_turns: float,
    changes: np.ndarray,
) -> None:
    """Per run: drift, noise, clamp and income, each computed from the values the one before left.

    ``changes`` is ``(4, R, V)`` to record each step's change for the ledger, or ``(4, 0, V)``.
    """
    columns = values.shape[1]
    record = changes.shape[1] > 0
    delta = np.empty(columns)
    positive = np.empty(columns)
    negative = np.empty(columns)
    for run in range(values.shape[0]):
        row = values[run]
        for step in range(4):
            if step == _DRIFT:
                _drift_row(row, structural, anchor[run], rate, follows, delta)
            elif step == _NOISE:
                _noise_row(noise_draws[run], noise_scale, row, positive, negative, delta)
            elif step == _CLAMP:
                _clamp_row(row, lower, upper, delta)
            else:
                _income_row(row, cap_turns, delta)
            for column in range(columns):
                row[column] += delta[column]
            if record:
                changes[step, run, :] = delta


def settle(
    values: np.ndarray, anchor: np.ndarray, world: World, turn: int, noise_draws: np.ndarray, record: bool
) -> np.ndarray:
    """Apply drift (toward ``world.target(turn)``, each run's shares' targets moved by its ``anchor``
    (R, SHARES)), noise, clamp and income to ``values`` (R, V) in place, in that order.

    ``noise_draws`` are standard normal ``(R, len(NOISY_COLUMNS))``. Returns each step's
    change ``(4, R, V)`` in that order when ``record`` (for the ledger), else ``(4, 0, V)``.
    """
    changes = np.empty((4, values.shape[0] if record else 0, values.shape[1]))
    rules = world.rules
    _settle_rows(
        values,
        world.target(turn),
        anchor,
        drift_rates(world),
        rules.stability_follows_prosperity,
        noise_draws,
        noise_scales(world),
        _LOWER,
        _UPPER,
        rules.points_cap_turns,
        changes,
    )
    return changes


def unbuilt_pushes(dynamics: Dynamics, raw: np.ndarray, builds: np.ndarray) -> np.ndarray:
    """(C, P, K) bool: the shares an order's raw pushes ``raw`` (V,) push toward a power along a rigid channel
    where no infrastructure is in place and the action does not build it (``builds`` (K,) bool)."""
    shares = raw[DEPENDENCE_START:SHARES_STOP].reshape(dynamics.routes.shape)
    return ~dynamics.routes & ~builds & (shares > 0.0)


def order_pushes(dynamics: Dynamics, raw: np.ndarray, builds: np.ndarray, unbuilt_scale: float) -> np.ndarray:
    """An order's (or its project's) raw pushes ``raw`` (V,) as they act on the shares: each share's push times
    its channel's inertia, and a push toward a power along a rigid channel with no infrastructure in place
    times ``unbuilt_scale`` unless the action builds that channel's infrastructure (``builds`` (K,) bool).
    Pushes away from a power are never gated (leaving a route needs none); other columns pass unchanged."""
    shares = raw[DEPENDENCE_START:SHARES_STOP].reshape(dynamics.routes.shape)
    factor = np.broadcast_to(dynamics.inertia, shares.shape).copy()
    factor[unbuilt_pushes(dynamics, raw, builds)] *= unbuilt_scale
    pushes = raw.copy()
    pushes[DEPENDENCE_START:SHARES_STOP] = (shares * factor).reshape(-1)
    return pushes
