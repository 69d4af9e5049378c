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
``pos·(1 − x) + neg·x``; capacity and points add plainly.
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS
from game.engine.layout import BLOCKS, BOUNDED_BLOCKS, N_VARIABLES, bounds_arrays
from game.engine.world import World

_DEP = BLOCKS["dependence"]
_DEP_SHAPE = (N_COUNTRIES, N_POWERS, N_CHANNELS)
_LOWER, _UPPER = bounds_arrays()
# The layout puts the bounded indices right after dependence and the additive
# role variables (capacity, points) last, so each kind is one contiguous slice.
_INDEX_START = BLOCKS[BOUNDED_BLOCKS[1]].start
_INDEX_STOP = BLOCKS[BOUNDED_BLOCKS[-1]].stop
_INDEX_COLUMNS = np.arange(_INDEX_START, _INDEX_STOP)
assert _DEP.stop == _INDEX_START and BLOCKS["capacity"].start == _INDEX_STOP
assert BLOCKS["points"].stop == N_VARIABLES


def push_changes(values: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """Changes caused by raw pushes ``raw[i]`` on states ``values[i]`` (both ``(K, V)``)."""
    return push_from_parts(values, np.maximum(raw, 0.0), np.minimum(raw, 0.0))


def push_from_parts(values: np.ndarray, positive: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """Changes from the positive and negative parts of pushes (summed over causes, or one cause).

    The rule is linear in the parts for a given state, so the changes of several
    causes computed one by one add up to the change of their summed parts.
    """
    delta = np.empty_like(values)
    shares = values[:, _DEP.start : _DEP.stop].reshape((-1, *_DEP_SHAPE))
    gained = positive[:, _DEP.start : _DEP.stop].reshape((-1, *_DEP_SHAPE))
    lost = negative[:, _DEP.start : _DEP.stop].reshape((-1, *_DEP_SHAPE))
    # Δs = gained − s·Σ_p gained + lost·s = gained + s·(lost − Σ_p gained), written in place.
    dependence_change = delta[:, _DEP.start : _DEP.stop].reshape((-1, *_DEP_SHAPE))
    np.subtract(lost, gained.sum(axis=2, keepdims=True), out=dependence_change)
    dependence_change *= shares
    dependence_change += gained
    # pos·(1 − x) + neg·x = pos + x·(neg − pos)
    index_change = delta[:, _INDEX_START:_INDEX_STOP]
    np.subtract(negative[:, _INDEX_START:_INDEX_STOP], positive[:, _INDEX_START:_INDEX_STOP], out=index_change)
    index_change *= values[:, _INDEX_START:_INDEX_STOP]
    index_change += positive[:, _INDEX_START:_INDEX_STOP]
    np.add(positive[:, _INDEX_STOP:], negative[:, _INDEX_STOP:], out=delta[:, _INDEX_STOP:])
    return delta


def drift_changes(values: np.ndarray, world: World) -> np.ndarray:
    """Pull toward the structural baseline; a country's stability target follows its prosperity."""
    target = np.empty_like(values)
    target[...] = world.structural
    stability = BLOCKS["stability"]
    prosperity = BLOCKS["prosperity"]
    prosperity_gap = values[:, prosperity.start : prosperity.stop] - world.structural[
        prosperity.start : prosperity.stop
    ]
    target[:, stability.start : stability.stop] = np.clip(
        target[:, stability.start : stability.stop]
        + world.rules.stability_follows_prosperity * prosperity_gap,
        0.0,
        1.0,
    )
    rate = drift_rates(world)
    return rate * (target - values)


def drift_rates(world: World) -> np.ndarray:
    """Per-column drift rate: structural shares slowly, relations and indices faster, points never."""
    rate = np.zeros(N_VARIABLES)
    rate[_DEP.start : _DEP.stop] = world.rules.drift_rate
    rate[_INDEX_COLUMNS] = world.rules.relation_drift_rate
    capacity = BLOCKS["capacity"]
    rate[capacity.start : capacity.stop] = world.rules.drift_rate
    return rate


NOISY_COLUMNS = np.arange(_DEP.start, _INDEX_STOP)


def noise_pushes(normal_draws: np.ndarray, world: World) -> np.ndarray:
    """Raw pushes from standard normal draws ``(R, len(NOISY_COLUMNS))``: shares and indices only."""
    scale = np.full(NOISY_COLUMNS.size, 2.0 * world.rules.noise)
    scale[: _DEP.size] = world.rules.noise
    raw = np.zeros((normal_draws.shape[0], N_VARIABLES), order="F")
    raw[:, NOISY_COLUMNS] = normal_draws * scale
    return raw


def clamp_changes(values: np.ndarray) -> np.ndarray:
    """Changes that put every variable back in bounds and keep share sums at most 1."""
    bounded = np.clip(values, _LOWER, _UPPER)
    shares = bounded[:, _DEP.start : _DEP.stop].reshape((-1, *_DEP_SHAPE))
    totals = shares.sum(axis=2, keepdims=True)
    scale = np.where(totals > 1.0, 1.0 / np.maximum(totals, 1e-300), 1.0)
    bounded[:, _DEP.start : _DEP.stop] = (shares * scale).reshape((-1, _DEP.size))
    return bounded - values


def income_changes(values: np.ndarray, world: World) -> np.ndarray:
    """Points earned for the next turn: each role's capacity, up to a cap of a few turns' worth."""
    delta = np.zeros_like(values)
    capacity = values[:, BLOCKS["capacity"].start : BLOCKS["capacity"].stop]
    points = values[:, BLOCKS["points"].start : BLOCKS["points"].stop]
    cap = world.rules.points_cap_turns * capacity
    earned = np.clip(np.minimum(capacity, cap - points), 0.0, None)
    delta[:, BLOCKS["points"].start : BLOCKS["points"].stop] = earned
    return delta
