"""The compiled, unchanging side of a game: baseline, action tables, events, rules.

A :class:`World` is built from validated scenario files by ``game.scenario.compile``
and holds only numpy arrays and plain values, so the engine never sees YAML or
pydantic. Effect tables are raw *pushes* over the flat variable vector (see
``game.engine.rules.push_from_parts`` for how a push becomes a change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from game.engine.codes import N_ROLES, ROLES
from game.engine.layout import first_role_slot, order_slot_count
from game.engine.pushes import sparse_rows

N_PAR_LEVELS = 3  # easy, normal, hard: a scenario gives each role a par against each


@dataclass(frozen=True)
class ActionTable:
    """Every action kind, compiled for every (actor role, target role) pair.

    ``immediate[a, actor, target]`` and ``per_turn[a, actor, target]`` are raw
    push vectors of length V; ``allowed[a, actor, target]`` says whether that
    combination is a legal order at all.
    """

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    descriptions: tuple[str, ...]
    cost: np.ndarray  # (A,)
    lag: np.ndarray  # (A,) int
    duration: np.ndarray  # (A,) int
    allowed: np.ndarray  # (A, ROLES, ROLES) bool
    immediate: np.ndarray  # (A, ROLES, ROLES, V)
    per_turn: np.ndarray  # (A, ROLES, ROLES, V)
    lasting: np.ndarray  # (A, V) bool: columns whose change moves the structural target (the channels it builds)
    unbuilt: np.ndarray  # (A, ROLES, ROLES, K) bool: channels the order would push along a route not in place
    builds: np.ndarray  # (A, K) bool: the rigid channels whose route the action builds

    @property
    def count(self) -> int:
        """Number of action kinds."""
        return len(self.ids)

    def index(self, action_id: str) -> int:
        """Position of an action kind by id."""
        return self.ids.index(action_id)

    @cached_property
    def total_pushes(self) -> np.ndarray:
        """Each order's whole effect: immediate plus every turn of its project, (A, ROLES, ROLES, V)."""
        return self.immediate + self.per_turn * self.duration[:, None, None, None]

    @cached_property
    def immediate_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """``immediate`` as (columns, amounts) of shape (A, ROLES, ROLES, L)."""
        return sparse_rows(self.immediate)

    @cached_property
    def per_turn_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """``per_turn`` as (columns, amounts) of shape (A, ROLES, ROLES, L)."""
        return sparse_rows(self.per_turn)

    @cached_property
    def project_mask(self) -> np.ndarray:
        """(A,) bool: which actions start a project."""
        return np.any(self.per_turn != 0.0, axis=(1, 2, 3))

    def is_project(self, action: int) -> bool:
        """True when the action has effects that play out over later turns."""
        return bool(self.project_mask[action])


@dataclass(frozen=True)
class EventTable:
    """Every scenario event compiled to arrays (E events, N conditions).

    Conditions are rows ``(event, group, metric column, sign, threshold)``;
    group 0 is "fires/starts when", group 1 is a crisis's "ends when". A
    condition holds when ``sign * (metric - threshold) > 0``.
    """

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    kinds: tuple[str, ...]  # scripted | random | crisis
    tags: tuple[str, ...]  # historical | counterfactual | random
    at_turn: np.ndarray  # (E,) int, -1 when not scripted
    window_first: np.ndarray  # (E,) int
    window_last: np.ndarray  # (E,) int
    chance: np.ndarray  # (E,)
    once: np.ndarray  # (E,) bool
    is_crisis: np.ndarray  # (E,) bool
    immediate: np.ndarray  # (E, V) raw pushes when it fires / starts
    spread: np.ndarray  # (E, V) raw pushes per turn of its spread
    spread_turns: np.ndarray  # (E,) int, 0 when none
    spread_delay: np.ndarray  # (E,) int turns between firing and the first spread push
    season: np.ndarray  # (E, 4) bool: quarters of the year in which it may fire or start
    ongoing: np.ndarray  # (E, V) raw pushes each turn a crisis lasts
    lasting: np.ndarray  # (E, V) bool: columns whose change (when it fires or spreads) moves the structural target
    condition_event: np.ndarray  # (N,) int
    condition_group: np.ndarray  # (N,) int
    condition_metric: np.ndarray  # (N,) int column into the metrics vector
    condition_sign: np.ndarray  # (N,) float
    condition_threshold: np.ndarray  # (N,)

    @property
    def count(self) -> int:
        """Number of events."""
        return len(self.ids)

    @cached_property
    def immediate_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """``immediate`` as (columns, amounts) of shape (E, L)."""
        return sparse_rows(self.immediate)

    @cached_property
    def spread_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """``spread`` as (columns, amounts) of shape (E, L)."""
        return sparse_rows(self.spread)

    @cached_property
    def ongoing_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """``ongoing`` as (columns, amounts) of shape (E, L)."""
        return sparse_rows(self.ongoing)


@dataclass(frozen=True)
class RuleConstants:
    """Numbers of the turn rules (see ``Rules`` in the scenario models)."""

    drift_rate: float  # multiplier on the channels' drift rates and capacity's
    capacity_drift_rate: float
    relation_drift_rate: float
    noise: float  # multiplier on the channels' noise and the indices'
    index_noise: float
    stability_follows_prosperity: float
    points_cap_turns: float
    fatigue_decay: float
    max_orders: int
    max_projects: int


@dataclass(frozen=True)
class Dynamics:
    """How the dependence shares move, per channel (K) and per share (the baseline's ``dynamics`` and routes)."""

    inertia: np.ndarray  # (K,) what is left of orders' and projects' pushes on the channel
    drift_rate: np.ndarray  # (K,) share of the gap to the structural target closed each quarter
    noise: np.ndarray  # (K,) standard deviation of the quarterly random push
    rigid: np.ndarray  # (K,) bool: moves toward a power only along infrastructure
    routes: np.ndarray  # (C, P, K) bool: infrastructure in place (always True on channels that are not rigid)
    trend: np.ndarray  # (V,) how far each variable's structural target moves per quarter


@dataclass(frozen=True)
class World:
    """Everything about a game that does not change while it is played."""

    scenario_id: str
    title: str
    start_quarter: int
    turns: int
    weight: np.ndarray  # (C, K) channel weights, rows sum to 1
    initial: np.ndarray  # (V,) starting values
    structural: np.ndarray  # (V,) what each variable drifts back toward at the start (see ``target``)
    actions: ActionTable
    events: EventTable
    rules: RuleConstants
    dynamics: Dynamics
    levers: dict[str, float] = field(default_factory=dict)
    # (3, ROLES) par: the score each role must reach against easy, normal and hard opponents;
    # NaN when the game is shorter than the scenario the pars were calibrated for
    victory: np.ndarray = field(default_factory=lambda: np.zeros((N_PAR_LEVELS, N_ROLES)))

    def target(self, turn: int) -> np.ndarray:
        """(V,) what each variable drifts toward in ``turn``: the structural baseline moved by its trend, in [0, 1]
        for the shares (a trend stops at the bounds)."""
        moved = self.structural + self.dynamics.trend * turn
        return np.where(self.dynamics.trend != 0.0, np.clip(moved, 0.0, 1.0), self.structural)

    @property
    def has_targets(self) -> bool:
        """Whether this game is judged by victory targets (not when shortened with ``--turns``)."""
        return bool(np.all(np.isfinite(self.victory)))

    def victory_targets(self, levels: np.ndarray | None = None) -> np.ndarray:
        """Score each role must reach to win: its par against its opponents' mean level.

        ``levels`` holds each role's player level (0 easy, 1 normal, 2 hard; humans
        count as normal), shape ``(ROLES,)`` or ``(R, ROLES)``; None means all normal.
        A role's opponents are the other seven; their mean level picks the par,
        linearly between the easy, normal and hard pars. Same shape as ``levels``.

        >>> world = World.__new__(World)
        >>> object.__setattr__(world, "victory", np.array([[50.0] * 8, [52.0] * 8, [56.0] * 8]))
        >>> world.victory_targets(np.array([2, 2, 2, 2, 2, 2, 2, 1]))[[0, 7]].tolist()
        [55.42857142857143, 56.0]
        """
        grid = np.ones(N_ROLES) if levels is None else np.asarray(levels, dtype=float)
        opponents = (grid.sum(axis=-1, keepdims=True) - grid) / (N_ROLES - 1)
        lower = np.clip(np.floor(opponents), 0, N_PAR_LEVELS - 2).astype(np.int64)
        fraction = np.clip(opponents - lower, 0.0, 1.0)
        role = np.broadcast_to(np.arange(N_ROLES), grid.shape)
        below = self.victory[lower, role]
        return below + fraction * (self.victory[lower + 1, role] - below)

    def winners(self, scores: np.ndarray, levels: np.ndarray | None = None) -> np.ndarray:
        """(R, ROLES) bool: which roles reached their victory score (see ``victory_targets``).

        Nobody wins a game without targets (``has_targets``).
        """
        return scores >= self.victory_targets(levels) - 1e-9  # NaN targets compare False

    @property
    def order_slots(self) -> int:
        """Slots for orders' projects: ``max_projects`` per role (the event slots follow)."""
        return int(order_slot_count(self.rules.max_projects))

    @property
    def project_slots(self) -> int:
        """Slots for things in flight: ``max_projects`` per role, then one per event."""
        return self.order_slots + self.events.count

    def role_slots(self, role: int) -> range:
        """The project slots that belong to one role."""
        first = int(first_role_slot(role, self.rules.max_projects))
        return range(first, first + self.rules.max_projects)

    def event_slot(self, event: np.ndarray) -> np.ndarray:
        """The project slots where events' spread effects play out (one per event)."""
        return self.order_slots + event


def role_index(code: str) -> int:
    """Position of a role code in ``ROLES``."""
    return ROLES.index(code)
