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
from game.engine.pushes import sparse_rows


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

    drift_rate: float
    relation_drift_rate: float
    noise: float
    stability_follows_prosperity: float
    points_cap_turns: float
    fatigue_decay: float
    max_orders: int
    max_projects: int


@dataclass(frozen=True)
class World:
    """Everything about a game that does not change while it is played."""

    scenario_id: str
    title: str
    start_quarter: int
    turns: int
    weight: np.ndarray  # (C, K) channel weights, rows sum to 1
    initial: np.ndarray  # (V,) starting values
    structural: np.ndarray  # (V,) what each variable drifts back toward
    actions: ActionTable
    events: EventTable
    rules: RuleConstants
    levers: dict[str, float] = field(default_factory=dict)
    victory: np.ndarray = field(default_factory=lambda: np.zeros(N_ROLES))  # (ROLES,) score to reach

    def winners(self, scores: np.ndarray) -> np.ndarray:
        """(R, ROLES) bool: which roles reached their victory score."""
        return scores >= self.victory[None, :]

    @property
    def project_slots(self) -> int:
        """Slots for things in flight: ``max_projects`` per role, then one per event."""
        return N_ROLES * self.rules.max_projects + self.events.count

    def role_slots(self, role: int) -> range:
        """The project slots that belong to one role."""
        first = role * self.rules.max_projects
        return range(first, first + self.rules.max_projects)

    def event_slot(self, event: np.ndarray) -> np.ndarray:
        """The project slots where events' spread effects play out (one per event)."""
        return N_ROLES * self.rules.max_projects + event


def role_index(code: str) -> int:
    """Position of a role code in ``ROLES``."""
    return ROLES.index(code)
