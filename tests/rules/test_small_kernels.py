"""The engine's small compiled helpers against their definitions in plain numpy, on random inputs:
the layout's columns and project slots, clipping, fatigue, the points rule, the score's means
and the random streams' mixing (pinned to SplitMix64's published constants)."""

from __future__ import annotations

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_COUNTRIES, N_POWERS, N_ROLES, POWERS
from game.engine.layout import (
    BLOCKS,
    busy_role_slots,
    first_role_slot,
    is_busy,
    is_pushing,
    order_slot_count,
    relation_column,
    share_column,
    slot_owner,
    turns_left,
)
from game.engine.orders import _given_before, affordable
from game.engine.rng import _counter_bits, _mix_each, _mix_one, _uniform_columns, _uniform_from_bits
from game.engine.rules import clip_number, fatigue_scale
from game.engine.scores import POWER_OBJECTIVES, Measure, _mean_of_countries, _term_arrays
from tests.rules.test_kernels import random_values

GOLDEN = 0x9E3779B97F4A7C15  # SplitMix64 (Steele, Lea and Flood, 2014)
MIX_1 = 0xBF58476D1CE4E5B9
MIX_2 = 0x94D049BB133111EB


def test_share_and_relation_columns_are_the_blocks_columns() -> None:
    """Every (country, power, channel) share and (country, power) favour and tension: the compiled
    column equals the column the layout's blocks give by name."""
    for c, country in enumerate(COUNTRIES):
        for p, power in enumerate(POWERS):
            for k, channel in enumerate(CHANNELS):
                expected = BLOCKS["dependence"].column(country=country, power=power, channel=channel)
                assert share_column(c, p, k) == expected
            for name in ("favour", "tension"):
                assert relation_column(BLOCKS[name].start, c, p) == BLOCKS[name].column(country=country, power=power)


def test_slot_helpers_follow_the_slot_layout() -> None:
    """Role r owns slots r·m .. r·m + m − 1 of m per role, the event slots follow every role's; a slot
    is busy while its last turn is not past, pushes from its first turn to its last, and has
    min(last, end) − max(first, turn) + 1 turns left."""
    rng = np.random.default_rng(1)
    for max_projects in (1, 2, 4):
        slots = np.arange(N_ROLES * max_projects)
        assert order_slot_count(max_projects) == slots.size
        assert np.array_equal([slot_owner(slot, max_projects) for slot in slots], slots // max_projects)
        assert np.array_equal([first_role_slot(role, max_projects) for role in range(N_ROLES)],
                              np.arange(N_ROLES) * max_projects)
    first = rng.integers(-2, 10, 500)
    last = first + rng.integers(-2, 6, 500)
    turn, end = rng.integers(0, 10, 500), rng.integers(0, 12, 500)
    assert np.array_equal(is_busy(last, 4), last >= 4)
    assert [is_pushing(*case) for case in zip(first, last, turn, strict=True)] == list((first <= turn) & (turn <= last))
    expected = np.minimum(last, end) - np.maximum(first, turn) + 1
    assert [turns_left(*case) for case in zip(first, last, turn, end, strict=True)] == list(expected)
    row = rng.integers(-1, 8, N_ROLES * 3 + 4)  # one run's slot_last: three per role, then four events
    for role in range(N_ROLES):
        assert busy_role_slots(row, role, 3, 4) == np.count_nonzero(row[3 * role : 3 * role + 3] >= 4)


def test_clip_number_is_numpys_clip() -> None:
    """Random numbers with NaN, infinities and values on the bounds: the same as ``np.clip``."""
    rng = np.random.default_rng(2)
    numbers = np.concatenate([rng.normal(0.5, 1.0, 300), [np.nan, np.inf, -np.inf, 0.0, 1.0, -0.0]])
    clipped = np.array([clip_number(x, 0.0, 1.0) for x in numbers])
    assert np.array_equal(clipped, np.clip(numbers, 0.0, 1.0), equal_nan=True)
    assert clip_number(5.0, 0.0, np.inf) == 5.0


def test_fatigue_scale_is_one_over_one_plus_fatigue() -> None:
    fatigue = np.random.default_rng(3).exponential(1.0, (40, 21))
    assert np.array_equal(fatigue_scale(fatigue), 1.0 / (1.0 + fatigue))
    assert fatigue_scale(0.0) == 1.0


def test_points_rule_and_duplicates() -> None:
    """``affordable`` is cost ≤ points + 1e-9, for numbers and arrays; ``_given_before`` finds an
    earlier identical (action, target) in a row of orders."""
    rng = np.random.default_rng(4)
    cost = rng.integers(0, 12, (50, 1)).astype(float)
    points = rng.integers(0, 12, (1, 60)) + rng.choice([-2e-9, -1e-9, -0.5e-9, 0.0, 0.5], (1, 60))
    assert np.array_equal(affordable(cost, points), cost <= points + 1e-9)
    assert affordable(3.0, 3.0 - 0.5e-9) and not affordable(3.0, 3.0 - 2e-9)
    for _ in range(200):
        action, target = rng.integers(0, 3, 5), rng.integers(0, 2, 5)
        pairs = list(zip(action.tolist(), target.tolist(), strict=True))
        for order in range(5):
            assert _given_before(action, target, order) == (pairs[order] in pairs[:order])


def test_score_means_average_over_the_countries() -> None:
    """``_mean_of_countries`` is the mean of every ``step``-th value from ``first``; the powers'
    terms point their means at the headline, channel share, favour or tension each names."""
    rng = np.random.default_rng(5)
    values = random_values(rng, 20)
    for run in range(20):
        for first, step in ((7, 11), (0, N_POWERS), (40, 2)):
            expected = values[run, first : first + N_COUNTRIES * step : step].mean()
            assert np.isclose(_mean_of_countries(values[run], first, step), expected, rtol=1e-15)
    terms = _term_arrays()
    listed = [(POWERS[power], term) for power, terms_of in enumerate(POWER_OBJECTIVES.values()) for term in terms_of]
    for t, (power, term) in enumerate(listed):
        assert terms.headline[t] == (term.measure is Measure.HEADLINE)
        column = {
            Measure.HEADLINE: POWERS.index(power),
            Measure.SHARE: BLOCKS["dependence"].column(country=COUNTRIES[0], power=power, channel=term.channel),
            Measure.FAVOUR: BLOCKS["favour"].column(country=COUNTRIES[0], power=power),
            Measure.TENSION: BLOCKS["tension"].column(country=COUNTRIES[0], power=power),
        }[term.measure]
        assert terms.first[t] == column
        if term.measure is Measure.SHARE:  # the next country's share of the same power and channel
            following = BLOCKS["dependence"].column(country=COUNTRIES[1], power=power, channel=term.channel)
            assert terms.step[t] == following - column


def mix_by_hand(numbers: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser in Python's integers, each product cut to 64 bits."""
    mask = (1 << 64) - 1

    def mix(z: int) -> int:
        z = ((z ^ (z >> 30)) * MIX_1) & mask
        z = ((z ^ (z >> 27)) * MIX_2) & mask
        return z ^ (z >> 31)

    return np.array([mix(int(z)) for z in numbers.ravel()], dtype=np.uint64).reshape(numbers.shape)


def test_random_bits_are_splitmix_of_counters() -> None:
    """The mixer (one number and in place), the counter bits ``mix(key + (i + 1)·golden)``, and
    the uniforms from their top 53 bits, row by row and laid out by index."""
    rng = np.random.default_rng(6)
    keys = rng.integers(0, 2**63, 40, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    mixed = keys.copy()
    _mix_each(mixed)
    assert np.array_equal(mixed, mix_by_hand(keys))
    assert all(_mix_one(key) == expected for key, expected in zip(keys[:5], mixed[:5], strict=True))
    bits = np.empty((40, 17), dtype=np.uint64)
    _counter_bits(keys, bits)
    counters = [[(int(key) + i * GOLDEN) & ((1 << 64) - 1) for i in range(1, 18)] for key in keys]
    assert np.array_equal(bits, mix_by_hand(np.array(counters, dtype=np.uint64)))
    uniform = np.empty(bits.shape)
    _uniform_from_bits(bits, uniform)
    assert np.array_equal(uniform, (bits >> np.uint64(11)).astype(np.float64) / 2.0**53)
    columns = np.empty((17, 40))
    _uniform_columns(keys, columns)
    assert np.array_equal(columns, uniform.T)
