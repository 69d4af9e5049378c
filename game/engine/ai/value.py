"""What an order is worth to the role that gives it, for every run at once.

The computer players judge an order by the change it would make to their role's
*final* score (``game.engine.scores.role_scores`` after the last turn), to first
order:

* the objective's gradient at the state, from the score's own coefficients
  (``scores.constant_gradient`` plus a country's autonomy term, ``_autonomy_gradient``);
* the push rule's displacement: a push ``+a`` for power p on a share raises it by
  ``a·(1 − s_p)`` and takes ``a·s_q`` from every other holder q, so the value of a
  positive push is ``g_p − Σ_q g_q·s_q`` (``_effective_rows``);
* the time left: an effect applied ``n`` turns before the end has drifted back
  ``(1 − rate)^n`` of the way by then, and project turns after the end count for
  nothing (``horizon_weights``);
* fatigue: recent uses of the same action divide its effect by ``1 + fatigue``.

The normal and hard players evaluate at the *projected* state — the current values
plus what projects and event spreads already in flight will still push — so a
rival's energy deal under way counts as a threat before it lands
(``projected_values``).

The same valuation without the survival discount (``role_values(..., acting=True)``,
weights from ``acting_weights``) is what an order does to the score *when it acts*: its
push in the quarter it is given, plus a project's per-quarter push times the quarters
it acts before the game ends, none of it drifted back. Judged at the state now, an
order that acts at once is worth what the turn summary credits it with in the quarter
it is given (to the events of that quarter, which move first; tests/ai/test_acting_value.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.compiled import compiled, compiled_inline
from game.engine.layout import (
    COUNTRY_SHARES,
    DEPENDENCE_START,
    INDICES_STOP,
    N_VARIABLES,
    SHARES_STOP,
    share_column,
    slot_owner,
    turns_left,
)
from game.engine.rules import clip_number, drift_rates, fatigue_scale, push_row
from game.engine.scores import AUTONOMY_SCALE, COUNTRY_AUTONOMY, constant_gradient
from game.engine.state import State
from game.engine.world import ActionTable, World

# d(country score)/d|D|: the score takes COUNTRY_AUTONOMY of autonomy = AUTONOMY_SCALE·(1 − |D|).
_AUTONOMY_SLOPE = -AUTONOMY_SCALE * COUNTRY_AUTONOMY
BLOCK_RUNS = 256  # runs the valuation takes at a time: a block's rows stay in the core's cache
_TRANSPOSE_RUNS = 32  # runs whose rows are gathered before they are written out as columns


@compiled
def _autonomy_gradient(
    values: np.ndarray, weight: np.ndarray, country: int, first: int, count: int, varying: np.ndarray
) -> None:
    """A country's autonomy term for runs ``first .. first + count``: d(score)/d(share) of its own
    shares, into ``varying`` (P·K, ≥ count).

    Autonomy is ``100·(1 − |D|)`` over the country's headline dependences D, and the
    score takes ``COUNTRY_AUTONOMY`` of it, so d/dD_p = −100·COUNTRY_AUTONOMY·D_p/|D| (−50·D_p/|D|);
    D_p sums the channel shares by weight.
    ``values`` is (V, R): one row per variable, runs along the row.
    """
    head = np.zeros((N_POWERS, count))
    norm = np.zeros(count)
    for power in range(N_POWERS):
        start = share_column(country, power, 0)
        total = head[power]
        for channel in range(N_CHANNELS):
            share = values[start + channel, first : first + count]
            for run in range(count):
                total[run] += share[run] * weight[country, channel]
        for run in range(count):
            norm[run] += total[run] * total[run]
    for run in range(count):
        norm[run] = np.sqrt(max(norm[run], 1e-12))
    for power in range(N_POWERS):
        total = head[power]
        for channel in range(N_CHANNELS):
            row = varying[power * N_CHANNELS + channel]
            for run in range(count):
                row[run] = _AUTONOMY_SLOPE * (total[run] / norm[run]) * weight[country, channel]


@compiled
def _effective_rows(
    values: np.ndarray,
    first: int,
    count: int,
    constant: np.ndarray,
    varying: np.ndarray,
    varying_first: int,
    columns: np.ndarray,
    share_first: np.ndarray,
    bounded_count: int,
    effective: np.ndarray,
) -> None:
    """Value of a unit positive (``effective[j]``) and negative (``effective[m + j]``) raw push on
    each of the m ``columns`` (sorted: shares, then bounded indices, then the rest), for runs
    ``first .. first + count`` of ``values`` (V, R: one row per variable, runs along it).

    The gradient is ``constant`` (V,), except the rows ``varying_first ..`` given per run in
    ``varying`` (a country's own shares; no rows for a power).
    Shares follow the displacement rule: ``+a`` for p is worth ``g_p − Σ_q g_q·s_q``
    over the powers q of the same (country, channel), ``−a`` is worth ``g_p·s_p``.
    Bounded indices: ``g·(1 − x)`` and ``g·x``; points and capacity: ``g``.
    """
    m = columns.size
    stop = first + count
    for j in range(share_first.size):
        head = share_first[j]
        tail = head + (N_POWERS - 1) * N_CHANNELS
        column = columns[j]
        positive, negative = effective[j], effective[m + j]
        x_head, x_tail, x_column = values[head, first:stop], values[tail, first:stop], values[column, first:stop]
        # (q0 + q2) + q1: the order of the numpy version this replaced, so games stay bit-identical
        if varying.shape[0] and varying_first <= head < varying_first + varying.shape[0]:
            g_head, g_tail = varying[head - varying_first], varying[tail - varying_first]
            g_column = varying[column - varying_first]
            for run in range(count):
                displaced = g_head[run] * x_head[run] + g_tail[run] * x_tail[run]
                for power in range(1, N_POWERS - 1):
                    at = head + power * N_CHANNELS
                    displaced += varying[at - varying_first, run] * values[at, first + run]
                positive[run] = g_column[run] - displaced
                negative[run] = g_column[run] * x_column[run]
        else:
            for run in range(count):
                displaced = constant[head] * x_head[run] + constant[tail] * x_tail[run]
                for power in range(1, N_POWERS - 1):
                    at = head + power * N_CHANNELS
                    displaced += constant[at] * values[at, first + run]
                positive[run] = constant[column] - displaced
                negative[run] = constant[column] * x_column[run]
    for j in range(share_first.size, bounded_count):
        column = columns[j]
        positive, negative = effective[j], effective[m + j]
        x_column = values[column, first:stop]
        for run in range(count):
            positive[run] = constant[column] * (1.0 - x_column[run])
            negative[run] = constant[column] * x_column[run]
    for j in range(bounded_count, m):
        effective[j, :count] = constant[columns[j]]
        effective[m + j, :count] = constant[columns[j]]


def horizon_weights(world: World, turn: int, lag: np.ndarray, duration: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much of a push survives to the end of the game, per column.

    Returns ``now[V]`` for a push applied this turn and ``later[n, V]`` for the
    per-turn pushes of candidates with the given ``lag`` and ``duration``, summed
    over the project's turns that fall before the end.
    """
    rules = world.rules
    key = (world.turns, rules.drift_rate, rules.capacity_drift_rate, rules.relation_drift_rate,
           world.dynamics.drift_rate.tobytes(), turn, lag.tobytes(), duration.tobytes())
    cached = _HORIZON.get(key)
    if cached is None:
        if len(_HORIZON) > 256:
            _HORIZON.clear()
        cached = _HORIZON[key] = _horizon_weights(world, turn, lag, duration)
    return cached


def _horizon_weights(world: World, turn: int, lag: np.ndarray, duration: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rate = drift_rates(world)
    left = max(world.turns - turn, 1)
    keep = 1.0 - rate  # (V,)
    # survive[tau] = keep ** (left - tau): a push at turn tau meets the drift of (left - tau) turns.
    # Powers by repeated multiplication, not np.power, whose last bits vary with the machine's SIMD.
    powers = np.ones((left + 1, rate.size))
    for exponent in range(1, left + 1):
        powers[exponent] = powers[exponent - 1] * keep
    survive = powers[left - np.arange(left)]  # (left, V)
    cumulative = np.vstack([np.zeros((1, rate.size)), np.cumsum(survive, axis=0)])  # (left + 1, V)
    first = np.clip(lag, 0, left)
    last = np.clip(lag + duration, 0, left)
    later = cumulative[last] - cumulative[first]
    return survive[0], later


_HORIZON: dict[tuple[int, float, float, float, bytes, int, bytes, bytes], tuple[np.ndarray, np.ndarray]] = {}


def acting_weights(world: World, turn: int, lag: np.ndarray, duration: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much of a push counts in the quarters it acts, before any drift: ``horizon_weights`` without
    the survival discount.

    Returns ``now[V]`` (ones: a push applied this turn counts whole) and ``later[n, V]``: the
    number of quarters a project with the given ``lag`` and ``duration`` pushes before the end
    (its quarters after the end count for nothing, as in ``horizon_weights``).
    """
    left = max(world.turns - turn, 1)
    acting = np.clip(lag + duration, 0, left) - np.clip(lag, 0, left)  # (n,)
    return np.ones(N_VARIABLES), np.repeat(acting.astype(float)[:, None], N_VARIABLES, axis=1)


@dataclass(frozen=True)
class Candidates:
    """The orders one role may give, with raw pushes on the columns any of them touches."""

    role: int
    actions: np.ndarray  # (n,)
    action_set: np.ndarray  # the actions among ``actions``, each once, ascending
    targets: np.ndarray  # (n,)
    cost: np.ndarray  # (n,)
    is_project: np.ndarray  # (n,) bool
    lag: np.ndarray  # (n,)
    duration: np.ndarray  # (n,)
    columns: np.ndarray  # (m,) sorted: shares first, then bounded indices, then the rest
    now: np.ndarray  # (m, n) immediate raw pushes
    later: np.ndarray  # (m, n) per-turn raw pushes of the project
    share_count: int  # columns[:share_count] are dependence shares
    bounded_count: int  # columns[share_count:bounded_count] are bounded indices
    share_first: np.ndarray  # (share_count,) column of the first power's share of the same (country, channel)
    pushed_rows: np.ndarray  # (L, n) the k-th column (position in ``columns``) candidate c pushes
    pushed: np.ndarray  # (L, n) bool: candidate c pushes at least k + 1 columns
    pushed_count: np.ndarray  # (n,) columns candidate c pushes: its first entries of ``pushed_rows``

    @property
    def size(self) -> int:
        """Number of candidate orders."""
        return int(self.actions.size)


_CACHE: dict[int, tuple[ActionTable, tuple[Candidates, ...]]] = {}


def candidates_of(actions: ActionTable) -> tuple[Candidates, ...]:
    """Per role, every legal (action, target) pair with its pushes (cached per table)."""
    cached = _CACHE.get(id(actions))
    if cached is not None and cached[0] is actions:
        return cached[1]
    result = []
    for role in range(N_ROLES):
        chosen, targets = np.nonzero(actions.allowed[:, role, :])
        now = actions.immediate[chosen, role, targets]
        later = actions.per_turn[chosen, role, targets]
        columns = np.flatnonzero(np.any(now != 0.0, axis=0) | np.any(later != 0.0, axis=0))
        touches = (now[:, columns] != 0.0) | (later[:, columns] != 0.0)  # (n, m)
        width = max(1, int(touches.sum(axis=1).max(initial=0)))
        # Stable sort puts each candidate's pushed columns first, in column order.
        pushed_rows = np.argsort(~touches, axis=1, kind="stable")[:, :width].T.copy()
        pushed = np.take_along_axis(touches, pushed_rows.T, axis=1).T.copy()
        shares = int(np.searchsorted(columns, SHARES_STOP))
        offset = columns[:shares] - DEPENDENCE_START
        share_first = DEPENDENCE_START + (offset // COUNTRY_SHARES) * COUNTRY_SHARES + offset % N_CHANNELS
        result.append(
            Candidates(
                role=role,
                actions=chosen,
                action_set=np.unique(chosen),
                targets=targets,
                cost=actions.cost[chosen].astype(float),
                is_project=actions.project_mask[chosen],
                lag=actions.lag[chosen].astype(int),
                duration=actions.duration[chosen].astype(int),
                columns=columns,
                now=now[:, columns].T.copy(),
                later=later[:, columns].T.copy(),
                share_count=shares,
                bounded_count=int(np.searchsorted(columns, INDICES_STOP)),
                share_first=share_first,
                pushed_rows=pushed_rows,
                pushed=pushed,
                pushed_count=pushed.sum(axis=0),
            )
        )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(actions)] = (actions, tuple(result))
    return tuple(result)


def projected_values(world: World, state: State) -> np.ndarray:
    """The values plus what projects and event spreads in flight will still push before the end,
    applied once by the push rule and clipped: (R, V), column-major — the layout the valuation reads."""
    action_columns, action_amounts = world.actions.per_turn_sparse
    event_columns, event_amounts = world.events.spread_sparse
    projected = np.empty((N_VARIABLES, state.runs))
    _projected_rows(
        state.values,
        state.slot_first,
        state.slot_last,
        state.slot_ref,
        state.slot_target,
        state.slot_scale,
        state.turn,
        world.turns - 1,
        world.rules.max_projects,
        world.order_slots,
        action_columns,
        action_amounts,
        event_columns,
        event_amounts,
        projected,
    )
    return projected.T


@compiled
def _projected_rows(
    values: np.ndarray,
    slot_first: np.ndarray,
    slot_last: np.ndarray,
    slot_ref: np.ndarray,
    slot_target: np.ndarray,
    slot_scale: np.ndarray,
    turn: int,
    end: int,
    max_projects: int,
    order_slots: int,
    action_columns: np.ndarray,
    action_amounts: np.ndarray,
    event_columns: np.ndarray,
    event_amounts: np.ndarray,
    projected: np.ndarray,
) -> None:
    """Per run: each slot's per-turn pushes times the turns it still has before the end, applied to
    the run's ``values`` (R, V) by the push rule, shares and indices clipped to [0, 1], written
    into ``projected`` (V, R) (by ``_project_row``).

    Orders' projects (scaled by their fatigue) and event spreads are summed apart and then
    each spread column's sum is added once, as the numpy version this replaced did (games
    stay bit-identical).
    """
    variables = values.shape[1]
    pending = np.empty(variables)
    from_events = np.zeros(variables)
    scratch = np.empty((3, variables))
    moved = np.empty((_TRANSPOSE_RUNS, variables))  # a few runs' rows, written out column by column
    for run in range(values.shape[0]):
        pending[:] = 0.0
        for slot in range(slot_first.shape[1]):
            remaining = turns_left(slot_first[run, slot], slot_last[run, slot], turn, end)
            if remaining <= 0:
                continue
            if slot < order_slots:
                action, target = slot_ref[run, slot], slot_target[run, slot]
                role = slot_owner(slot, max_projects)
                weight = remaining * slot_scale[run, slot]
                columns, amounts = action_columns[action, role, target], action_amounts[action, role, target]
                for entry in range(columns.size):
                    pending[columns[entry]] += amounts[entry] * weight
            else:
                event = slot_ref[run, slot]
                for entry in range(event_columns.shape[1]):
                    from_events[event_columns[event, entry]] += event_amounts[event, entry] * remaining
        for slot in range(order_slots, slot_first.shape[1]):  # add the spreads' sums, each column once
            if turns_left(slot_first[run, slot], slot_last[run, slot], turn, end) <= 0:
                continue
            for entry in range(event_columns.shape[1]):
                column = event_columns[slot_ref[run, slot], entry]
                if from_events[column] != 0.0:
                    pending[column] += from_events[column]
                    from_events[column] = 0.0
        _project_row(values, run, pending, scratch, moved, projected)


@compiled_inline
def _project_row(
    values: np.ndarray, run: int, pending: np.ndarray, scratch: np.ndarray, moved: np.ndarray, projected: np.ndarray
) -> None:
    """Run ``run``'s ``values`` (R, V) plus its ``pending`` pushes (V,) by the push rule, shares and
    indices clipped to [0, 1], into row ``run % _TRANSPOSE_RUNS`` of ``moved``; written out into
    ``projected`` (V, R) column by column once ``moved`` is full or the runs end. ``scratch`` is (3, V)."""
    positive, negative, delta = scratch[0], scratch[1], scratch[2]
    for column in range(pending.size):
        positive[column] = max(pending[column], 0.0)
        negative[column] = min(pending[column], 0.0)
    push_row(values[run], positive, negative, delta)
    row = moved[run % _TRANSPOSE_RUNS]
    for column in range(pending.size):
        row[column] = values[run, column] + delta[column]
    for column in range(DEPENDENCE_START, INDICES_STOP):
        row[column] = clip_number(row[column], 0.0, 1.0)
    if run % _TRANSPOSE_RUNS == _TRANSPOSE_RUNS - 1 or run == values.shape[0] - 1:
        first = run - run % _TRANSPOSE_RUNS
        for column in range(pending.size):
            target_row = projected[column]
            for offset in range(run - first + 1):
                target_row[first + offset] = moved[offset, column]


@dataclass(frozen=True)
class RoleValues:
    """Candidate values of one role for every run, and the per-column parts behind them."""

    candidates: Candidates
    value: np.ndarray  # (R, n) score points the order would add by the end (with ``acting``: when it acts)
    positive: np.ndarray  # (R, m) effective gradient (positive pushes) at the role's columns
    negative: np.ndarray  # (R, m)
    now_weight: np.ndarray  # (m,)
    later_weight: np.ndarray  # (m, n)
    action_multiplier: np.ndarray  # (A, R): 1 / (1 + the role's fatigue with the action); (A, 0) without parts

    def contributions(self, run: int, candidate: int) -> np.ndarray:
        """Score points each column contributes to one candidate's value in one run: (m,)."""
        c = self.candidates
        pushes = c.now[:, candidate] * self.now_weight + c.later[:, candidate] * self.later_weight[:, candidate]
        return self.push_parts(run, pushes) * self.action_multiplier[c.actions[candidate], run]

    def push_parts(self, run: int, pushes: np.ndarray) -> np.ndarray:
        """Score points each of the role's columns adds in one run when ``pushes`` (m,: raw pushes on
        ``candidates.columns``, already weakened by any fatigue) act on it: the effective gradient of
        each push's sign times the push. Their sum values a push the role's orders make, as they are."""
        return np.asarray(np.where(pushes > 0, self.positive[run], self.negative[run]) * pushes)


def fatigue_multipliers(state: State) -> np.ndarray:
    """``1 / (1 + fatigue)`` of every role with every action: (ROLES, A, R), runs along the rows."""
    multipliers = np.empty((*state.fatigue.shape[1:], state.runs))
    _fatigue_multipliers(state.fatigue, multipliers)
    return multipliers


@compiled
def _fatigue_multipliers(fatigue: np.ndarray, multipliers: np.ndarray) -> None:
    """``multipliers[role, action, run] = 1 / (1 + fatigue[run, role, action])``, a few runs at a time
    so both the reads and the writes run along memory."""
    runs = fatigue.shape[0]
    width = fatigue.shape[1] * fatigue.shape[2]
    source = fatigue.reshape(runs, width)
    target = multipliers.reshape(width, runs)
    divided = np.empty((_TRANSPOSE_RUNS, width))
    for first in range(0, runs, _TRANSPOSE_RUNS):
        count = min(_TRANSPOSE_RUNS, runs - first)
        for offset in range(count):  # along the rows read ...
            for column in range(width):
                divided[offset, column] = fatigue_scale(source[first + offset, column])
        for column in range(width):  # ... then along the rows written
            row = target[column]
            for offset in range(count):
                row[first + offset] = divided[offset, column]


def role_values(
    world: World, state: State, values: np.ndarray, role: int, parts: bool = False, acting: bool = False
) -> RoleValues:
    """Value of every candidate order of ``role`` in every run, judged at ``values`` (R, V): the score
    points it adds by the end of the game (what survives the drift, ``horizon_weights``), or with
    ``acting`` in the quarters it acts, summed over those before the end (``acting_weights``).

    With ``parts`` the effective gradients and fatigue multipliers behind the values are kept
    too (for ``RoleValues.contributions``); a batch's decisions do without them.
    """
    candidates = candidates_of(world.actions)[role]
    columns = candidates.columns
    weights = acting_weights if acting else horizon_weights
    now_all, later_all = weights(world, state.turn, candidates.lag, candidates.duration)
    now_weight = now_all[columns]
    later_weight = later_all[:, columns].T  # (m, n)
    pushes = candidates.now * now_weight[:, None] + candidates.later * later_weight
    rows = candidates.pushed_rows
    entry_pushes = np.where(candidates.pushed, pushes[rows, np.arange(candidates.size)[None, :]], 0.0)
    # A push is valued by the effective gradient of its sign: row j for positive, m + j for negative.
    entry_effective = rows + np.where(entry_pushes > 0.0, 0, columns.size)
    runs = values.shape[0]
    value = np.empty((candidates.size, runs))
    effective = np.empty((2 * columns.size, runs if parts else 0))
    _candidate_values(
        np.asfortranarray(values).T,
        world.weight,
        role if role < N_COUNTRIES else -1,
        constant_gradient(world.weight, role),
        columns,
        candidates.share_first,
        candidates.bounded_count,
        entry_effective,
        entry_pushes,
        candidates.pushed_count,
        candidates.actions,
        candidates.action_set,
        state.fatigue[:, role, :],
        value,
        effective,
    )
    positive, negative = effective[: columns.size].T, effective[columns.size :].T
    multiplier = fatigue_multipliers(state)[role] if parts else np.empty((state.fatigue.shape[2], 0))
    return RoleValues(candidates, value.T, positive, negative, now_weight, later_weight, multiplier)


@compiled
def _candidate_values(
    values: np.ndarray,
    weight: np.ndarray,
    country: int,
    constant: np.ndarray,
    columns: np.ndarray,
    share_first: np.ndarray,
    bounded_count: int,
    entry_effective: np.ndarray,
    entry_pushes: np.ndarray,
    entry_count: np.ndarray,
    actions: np.ndarray,
    action_set: np.ndarray,
    fatigue: np.ndarray,
    value: np.ndarray,
    kept_effective: np.ndarray,
) -> None:
    """The gradient, the effective gradients at the role's columns, and each candidate's value.

    Arrays hold one row per variable (``values`` V×R) or candidate (``value`` n×R), with the
    runs along the row, so each step is one pass over part of a row; runs are taken a
    block at a time so the effective gradients stay in cache. ``fatigue`` (R×A) is the
    role's fatigue with each action; each block's 1 / (1 + fatigue) is worked out for the
    role's own actions (``action_set``) only, in a block-sized table (the whole table for
    every role and action, laid out with the runs along its rows, cost more than the rest
    of the valuation's writes). A candidate's value sums, over the columns it pushes (its
    first ``entry_count[c]`` entries ``entry_*[k, c]``; the rest pad the table with zero
    pushes, which would add nothing but time), the effective gradient of the push's sign
    times the push, then divides by 1 + the fatigue of its action. ``kept_effective``
    (2m×R, or no columns) receives the effective gradients.
    """
    runs = values.shape[1]
    block = min(runs, BLOCK_RUNS)
    effective = np.empty((2 * columns.size, block))
    multiplier = np.empty((fatigue.shape[1], block))
    varying = np.empty((N_POWERS * N_CHANNELS if country >= 0 else 0, block))
    varying_first = share_column(max(country, 0), 0, 0)
    for first in range(0, runs, BLOCK_RUNS):
        count = min(BLOCK_RUNS, runs - first)
        stop = first + count
        if country >= 0:
            _autonomy_gradient(values, weight, country, first, count, varying)
        _effective_rows(
            values, first, count, constant, varying, varying_first, columns, share_first, bounded_count, effective
        )
        for run in range(count):
            own_fatigue = fatigue[first + run]
            for action in action_set:
                multiplier[action, run] = fatigue_scale(own_fatigue[action])
        for candidate in range(value.shape[0]):
            total = value[candidate, first:stop]
            total[:] = 0.0
            for entry in range(entry_count[candidate]):
                source = effective[entry_effective[entry, candidate]]
                push = entry_pushes[entry, candidate]
                for run in range(count):
                    total[run] += source[run] * push
            scale = multiplier[actions[candidate]]
            for run in range(count):
                total[run] *= scale[run]
        if kept_effective.shape[1]:
            for row in range(effective.shape[0]):
                kept_effective[row, first:stop] = effective[row, :count]
