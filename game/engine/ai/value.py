"""What an order is worth to the role that gives it, for every run at once.

The computer players judge an order by the change it would make to their role's
*final* score (``game.engine.scores.role_scores`` after the last turn), to first
order:

* the objective's gradient at the state (one role at a time, ``role_gradient``);
* the push rule's displacement: a push ``+a`` for power p on a share raises it by
  ``a·(1 − s_p)`` and takes ``a·s_q`` from every other holder q, so the value of a
  positive push is ``g_p − Σ_q g_q·s_q`` (``effective_gradients``);
* the time left: an effect applied ``n`` turns before the end has drifted back
  ``(1 − rate)^n`` of the way by then, and project turns after the end count for
  nothing (``horizon_weights``);
* fatigue: recent uses of the same action divide its effect by ``1 + fatigue``.

The normal and hard players evaluate at the *projected* state — the current values
plus what projects and event spreads already in flight will still push — so a
rival's energy deal under way counts as a threat before it lands
(``pending_pushes``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import CHANNELS, N_CHANNELS, N_COUNTRIES, N_POWERS, N_ROLES
from game.engine.compiled import compiled
from game.engine.layout import BLOCKS, N_VARIABLES
from game.engine.rules import drift_rates, push_changes
from game.engine.state import State
from game.engine.world import ActionTable, World

_DEP = BLOCKS["dependence"]
_DEP_START = _DEP.start  # plain ints for the compiled kernels
_FAVOUR = BLOCKS["favour"]
_TENSION = BLOCKS["tension"]
_STABILITY = BLOCKS["stability"]
_PROSPERITY = BLOCKS["prosperity"]
_INDEX = slice(_FAVOUR.start, _PROSPERITY.stop)
_RU, _CN, _WEST = N_COUNTRIES, N_COUNTRIES + 1, N_COUNTRIES + 2
_TRADE, _ENERGY, _TRANSPORT = (CHANNELS.index(k) for k in ("trade", "energy", "transport"))
assert _INDEX.start == _DEP.stop  # sorted columns run: shares, then bounded indices, then the rest


def constant_gradient(weight: np.ndarray, role: int) -> np.ndarray:
    """The part of d(score of ``role``)/d(value) that does not depend on the state: shape (V,).

    The powers' objectives are linear, so this is their whole gradient; a country's
    autonomy term depends on its shares and is added by ``_gradient_row``.
    """
    gradient = np.zeros(N_VARIABLES)
    dependence = gradient[_DEP.start : _DEP.stop].reshape(N_COUNTRIES, N_POWERS, N_CHANNELS)
    favour = gradient[_FAVOUR.start : _FAVOUR.stop].reshape(N_COUNTRIES, N_POWERS)
    tension = gradient[_TENSION.start : _TENSION.stop].reshape(N_COUNTRIES, N_POWERS)
    mean = 1.0 / N_COUNTRIES
    if role < N_COUNTRIES:
        gradient[_PROSPERITY.start + role] = 25.0
        gradient[_STABILITY.start + role] = 25.0
    elif role == _RU:
        dependence[:, 0, :] = 70.0 * mean * weight
        favour[:, 0] = 30.0 * mean
    elif role == _CN:
        dependence[:, 1, _ENERGY] = 35.0 * mean
        dependence[:, 1, _TRADE] = 35.0 * mean
        tension[:, 1] = -30.0 * mean
    else:
        dependence[:, 2, :] = 40.0 * mean * weight
        dependence[:, 2, _TRANSPORT] += 30.0 * mean
        favour[:, 2] = 30.0 * mean
    return gradient


@compiled
def _gradient_row(
    values: np.ndarray, weight: np.ndarray, country: int, constant: np.ndarray, gradient: np.ndarray
) -> None:
    """One run's gradient into ``gradient`` (V,): the constant part, plus a country's autonomy term.

    Autonomy is ``100·(1 − |D|)`` over the country's headline dependences D, and the
    score takes half of it, so d/dD_p = −50·D_p/|D|; D_p sums the channel shares by weight.
    """
    gradient[:] = constant
    if country < 0:
        return
    head = np.empty(N_POWERS)
    norm = 0.0
    for power in range(N_POWERS):
        first = _DEP_START + (country * N_POWERS + power) * N_CHANNELS
        total = 0.0
        for channel in range(N_CHANNELS):
            total += values[first + channel] * weight[country, channel]
        head[power] = total
        norm += total * total
    norm = np.sqrt(max(norm, 1e-12))
    for power in range(N_POWERS):
        first = _DEP_START + (country * N_POWERS + power) * N_CHANNELS
        for channel in range(N_CHANNELS):
            gradient[first + channel] = -50.0 * (head[power] / norm) * weight[country, channel]


def role_gradient(values: np.ndarray, weight: np.ndarray, role: int) -> np.ndarray:
    """d(score of ``role``)/d(value) for every run: shape (R, V)."""
    constant = constant_gradient(weight, role)
    country = role if role < N_COUNTRIES else -1
    gradient = np.empty((values.shape[0], N_VARIABLES))
    for run in range(values.shape[0]):
        _gradient_row(values[run], weight, country, constant, gradient[run])
    return gradient


@compiled
def _effective_row(
    values: np.ndarray,
    gradient: np.ndarray,
    columns: np.ndarray,
    share_count: int,
    bounded_count: int,
    positive: np.ndarray,
    negative: np.ndarray,
) -> None:
    """One run's value of a unit positive and negative raw push on each of ``columns`` (sorted).

    Shares follow the displacement rule: ``+a`` for p is worth ``g_p − Σ_q g_q·s_q``
    over the powers q of the same (country, channel), ``−a`` is worth ``g_p·s_p``.
    Bounded indices: ``g·(1 − x)`` and ``g·x``; points and capacity: ``g``.
    """
    for j in range(columns.size):
        column = columns[j]
        g = gradient[column]
        if j < share_count:
            offset = column - _DEP_START
            first = _DEP_START + (offset // (N_POWERS * N_CHANNELS)) * N_POWERS * N_CHANNELS + offset % N_CHANNELS
            # (q0 + q2) + q1: the order of the numpy version this replaced, so games stay bit-identical
            last = first + (N_POWERS - 1) * N_CHANNELS
            displaced = gradient[first] * values[first] + gradient[last] * values[last]
            for power in range(1, N_POWERS - 1):
                at = first + power * N_CHANNELS
                displaced += gradient[at] * values[at]
            positive[j] = g - displaced
            negative[j] = g * values[column]
        elif j < bounded_count:
            positive[j] = g * (1.0 - values[column])
            negative[j] = g * values[column]
        else:
            positive[j] = g
            negative[j] = g


def effective_gradients(values: np.ndarray, gradient: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Value of one unit of positive and of negative raw push on each column: two (R, V) arrays.

    Follows the push rule exactly to first order (see ``game.engine.rules``).
    """
    runs = values.shape[0]
    positive = gradient.copy()
    negative = gradient.copy()
    shares = values[:, _DEP.start : _DEP.stop].reshape(runs, N_COUNTRIES, N_POWERS, N_CHANNELS)
    g = gradient[:, _DEP.start : _DEP.stop].reshape(runs, N_COUNTRIES, N_POWERS, N_CHANNELS)
    displaced = np.sum(g * shares, axis=2, keepdims=True)
    positive[:, _DEP.start : _DEP.stop] = (g - displaced).reshape(runs, -1)
    negative[:, _DEP.start : _DEP.stop] = (g * shares).reshape(runs, -1)
    index = values[:, _INDEX]
    positive[:, _INDEX] = gradient[:, _INDEX] * (1.0 - index)
    negative[:, _INDEX] = gradient[:, _INDEX] * index
    return positive, negative


def horizon_weights(world: World, turn: int, lag: np.ndarray, duration: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much of a push survives to the end of the game, per column.

    Returns ``now[V]`` for a push applied this turn and ``later[n, V]`` for the
    per-turn pushes of candidates with the given ``lag`` and ``duration``, summed
    over the project's turns that fall before the end.
    """
    rules = world.rules
    key = (world.turns, rules.drift_rate, rules.relation_drift_rate, turn, lag.tobytes(), duration.tobytes())
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
    # survive[tau] = keep ** (left - tau): a push at turn tau meets the drift of (left - tau) turns
    taus = np.arange(left)
    survive = keep[None, :] ** (left - taus)[:, None]  # (left, V)
    cumulative = np.vstack([np.zeros((1, rate.size)), np.cumsum(survive, axis=0)])  # (left + 1, V)
    first = np.clip(lag, 0, left)
    last = np.clip(lag + duration, 0, left)
    later = cumulative[last] - cumulative[first]
    return survive[0], later


_HORIZON: dict[tuple[int, float, float, int, bytes, bytes], tuple[np.ndarray, np.ndarray]] = {}


@dataclass(frozen=True)
class Candidates:
    """The orders one role may give, with raw pushes on the columns any of them touches."""

    role: int
    actions: np.ndarray  # (n,)
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
    entry_rows: np.ndarray  # (nnz,) the columns (positions in ``columns``) each candidate pushes,
    entry_starts: np.ndarray  # (n + 1,) candidate c's are entry_rows[entry_starts[c]:entry_starts[c + 1]]

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
        pushed = (now[:, columns] != 0.0) | (later[:, columns] != 0.0)  # (n, m)
        entry_candidates, entry_rows = np.nonzero(pushed)
        result.append(
            Candidates(
                role=role,
                actions=chosen,
                targets=targets,
                cost=actions.cost[chosen].astype(float),
                is_project=actions.project_mask[chosen],
                lag=actions.lag[chosen].astype(int),
                duration=actions.duration[chosen].astype(int),
                columns=columns,
                now=now[:, columns].T.copy(),
                later=later[:, columns].T.copy(),
                share_count=int(np.searchsorted(columns, _DEP.stop)),
                bounded_count=int(np.searchsorted(columns, _INDEX.stop)),
                entry_rows=entry_rows,
                entry_starts=np.searchsorted(entry_candidates, np.arange(chosen.size + 1)),
            )
        )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(actions)] = (actions, tuple(result))
    return tuple(result)


def pending_pushes(world: World, state: State) -> np.ndarray:
    """Raw pushes (R, V, column-major) that projects and event spreads in flight will still apply before the end."""
    runs = state.runs
    turn = state.turn
    end = world.turns - 1
    first = np.maximum(state.slot_first, turn)
    last = np.minimum(state.slot_last, end)
    remaining = np.clip(last - first + 1, 0, None).astype(float)  # (R, S) turns of push still to come
    flat = np.zeros(N_VARIABLES * runs)  # column-major, as the state's values
    order_slots = N_ROLES * world.rules.max_projects
    active_runs, active_slots = np.nonzero(remaining > 0)
    by_order = active_slots < order_slots
    runs_o, slots_o = active_runs[by_order], active_slots[by_order]
    if runs_o.size:
        columns, amounts = world.actions.per_turn_sparse
        key = (state.slot_ref[runs_o, slots_o], slots_o // world.rules.max_projects, state.slot_target[runs_o, slots_o])
        weight = (remaining[runs_o, slots_o] * state.slot_scale[runs_o, slots_o])[:, None]
        index = (columns[key] * runs + runs_o[:, None]).ravel()
        flat += np.bincount(index, weights=(amounts[key] * weight).ravel(), minlength=flat.size)
    runs_e, slots_e = active_runs[~by_order], active_slots[~by_order]
    if runs_e.size:
        columns, amounts = world.events.spread_sparse
        events = state.slot_ref[runs_e, slots_e]
        weight = remaining[runs_e, slots_e][:, None]
        index = (columns[events] * runs + runs_e[:, None]).ravel()
        flat += np.bincount(index, weights=(amounts[events] * weight).ravel(), minlength=flat.size)
    return flat.reshape(N_VARIABLES, runs).T


def projected_values(world: World, state: State) -> np.ndarray:
    """The values plus what is already in flight (applied once by the push rule, clipped)."""
    values = np.asfortranarray(state.values)  # as pending_pushes: column-major is faster
    change = push_changes(values, pending_pushes(world, state))
    projected = values + change
    projected[:, _DEP.start : _INDEX.stop] = np.clip(projected[:, _DEP.start : _INDEX.stop], 0.0, 1.0)
    return projected


@dataclass(frozen=True)
class RoleValues:
    """Candidate values of one role for every run, and the per-column parts behind them."""

    candidates: Candidates
    value: np.ndarray  # (R, n) score points the order would add by the end
    positive: np.ndarray  # (R, m) effective gradient (positive pushes) at the role's columns
    negative: np.ndarray  # (R, m)
    now_weight: np.ndarray  # (m,)
    later_weight: np.ndarray  # (m, n)
    fatigue: np.ndarray  # (R, n) multiplier 1 / (1 + fatigue)

    def contributions(self, run: int, candidate: int) -> np.ndarray:
        """Score points each column contributes to one candidate's value in one run: (m,)."""
        c = self.candidates
        pushes = c.now[:, candidate] * self.now_weight + c.later[:, candidate] * self.later_weight[:, candidate]
        part = np.where(pushes > 0, self.positive[run], self.negative[run]) * pushes
        return np.asarray(part * self.fatigue[run, candidate])


def role_values(world: World, state: State, values: np.ndarray, role: int) -> RoleValues:
    """Value of every candidate order of ``role`` in every run, judged at ``values``."""
    candidates = candidates_of(world.actions)[role]
    columns = candidates.columns
    now_all, later_all = horizon_weights(world, state.turn, candidates.lag, candidates.duration)
    now_weight = now_all[columns]
    later_weight = later_all[:, columns].T  # (m, n)
    pushes = candidates.now * now_weight[:, None] + candidates.later * later_weight
    entry_candidates = np.repeat(np.arange(candidates.size), np.diff(candidates.entry_starts))
    runs = values.shape[0]
    value = np.empty((runs, candidates.size))
    positive = np.empty((runs, columns.size))
    negative = np.empty((runs, columns.size))
    fatigue = 1.0 / (1.0 + state.fatigue[:, role, candidates.actions])
    _candidate_values(
        np.ascontiguousarray(values),
        world.weight,
        role if role < N_COUNTRIES else -1,
        constant_gradient(world.weight, role),
        columns,
        candidates.share_count,
        candidates.bounded_count,
        candidates.entry_rows,
        candidates.entry_starts,
        pushes[candidates.entry_rows, entry_candidates],
        fatigue,
        value,
        positive,
        negative,
    )
    return RoleValues(candidates, value, positive, negative, now_weight, later_weight, fatigue)


@compiled
def _candidate_values(
    values: np.ndarray,
    weight: np.ndarray,
    country: int,
    constant: np.ndarray,
    columns: np.ndarray,
    share_count: int,
    bounded_count: int,
    entry_rows: np.ndarray,
    entry_starts: np.ndarray,
    entry_pushes: np.ndarray,
    fatigue: np.ndarray,
    value: np.ndarray,
    positive: np.ndarray,
    negative: np.ndarray,
) -> None:
    """Per run: the gradient, the effective gradients at the role's columns, and each candidate's value.

    A candidate's value sums, over the columns it pushes, the effective gradient of the
    push's sign times the push, then applies its fatigue multiplier.
    """
    gradient = np.empty(values.shape[1])
    for run in range(values.shape[0]):
        _gradient_row(values[run], weight, country, constant, gradient)
        _effective_row(values[run], gradient, columns, share_count, bounded_count, positive[run], negative[run])
        for candidate in range(entry_starts.size - 1):
            total = 0.0
            for entry in range(entry_starts[candidate], entry_starts[candidate + 1]):
                push = entry_pushes[entry]
                row = entry_rows[entry]
                total += (positive[run, row] if push > 0.0 else negative[run, row]) * push
            value[run, candidate] = total * fatigue[run, candidate]
