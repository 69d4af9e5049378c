"""Computer players at three levels for every role, on the engine's runs axis.

``decide(world, state, streams, levels)`` gives every (run, role) the orders of its
level; ``make_policy({"RU": "hard", "KZ": "easy"})`` wraps it as a policy for
``Game.play(policy=...)``. Levels may also be an array ``(runs, ROLES)`` of
:class:`Level` codes, so one batch can hold games with different line-ups (the
tournament pairs games that way).

Randomness: every turn draws a fixed block of uniform numbers from the AI stream
(``Stream.AI``), whatever the levels, so choosing a level never shifts another
draw; the hard player's look-ahead uses its own streams derived from the game's
seed, run and turn (it cannot peek at the real future).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from game.engine.ai.heuristic import best_set, budgets, easy_values, greedy_plan, write_plan
from game.engine.ai.value import RoleValues, candidates_of, fatigue_multipliers, projected_values, role_values
from game.engine.codes import N_ROLES, ROLES
from game.engine.orders import OrderArrays
from game.engine.rng import RandomStreams, Stream
from game.engine.state import State
from game.engine.world import World


class Level(IntEnum):
    """How well a computer player plays."""

    EASY = 0
    NORMAL = 1
    HARD = 2

    @property
    def label(self) -> str:
        """The level's name as written on the command line."""
        return self.name.lower()


LEVEL_NAMES = tuple(level.label for level in Level)


def parse_level(text: str | Level) -> Level:
    """A level from its name.

    >>> parse_level("Hard")
    <Level.HARD: 2>
    """
    if isinstance(text, Level):
        return text
    try:
        return Level[str(text).strip().upper()]
    except KeyError:
        raise ValueError(f"'{text}' is not an AI level ({', '.join(LEVEL_NAMES)})") from None


LevelSpec = Mapping[str, "str | Level"] | np.ndarray | None


def level_grid(levels: LevelSpec, runs: int, default: str | Level = Level.NORMAL) -> np.ndarray:
    """Levels as an (R, ROLES) int array from a ``{role: level}`` mapping, an array, or None."""
    if isinstance(levels, np.ndarray):
        grid = np.broadcast_to(levels.astype(np.int64), (runs, N_ROLES))
        return np.ascontiguousarray(grid)
    grid = np.full((runs, N_ROLES), int(parse_level(default)), dtype=np.int64)
    for role, level in (levels or {}).items():
        if role not in ROLES:
            raise ValueError(f"'{role}' is not a role ({', '.join(ROLES)})")
        grid[:, ROLES.index(role)] = int(parse_level(level))
    return grid


@dataclass(frozen=True)
class Decision:
    """The computer's orders for every run, with what is needed to explain them."""

    orders: OrderArrays
    levels: np.ndarray  # (R, ROLES) Level codes used
    gain: np.ndarray  # (R, ROLES) hard player's look-ahead gain over the normal plan (score points)
    plans: int  # how many plans the hard player compared

    def reasons(self, world: World, state: State, run: int = 0) -> list[str]:
        """One line per order of ``run`` saying why it was given (see ``explain_orders``)."""
        from game.engine.ai.reasons import explain_orders

        return explain_orders(world, state, self.orders, run, self.levels, self.gain, self.plans)


def _noise(world: World, state: State, streams: RandomStreams) -> list[np.ndarray]:
    """Per role: one uniform draw per candidate order (a fixed shape every turn), (R, n) each.

    A (run, role) is played at one level, so the easy and normal players share the draws.
    The draws are laid out candidate by candidate (column-major), as the players read them.
    """
    table = candidates_of(world.actions)
    offsets = np.cumsum([0, *[c.size for c in table]])
    draws = streams.uniform_columns(state.turn, Stream.AI, int(offsets[-1]))
    return [draws[offsets[r] : offsets[r + 1]].T for r in range(N_ROLES)]


def decide(world: World, state: State, streams: RandomStreams, levels: LevelSpec = None) -> Decision:
    """Orders of every role of every run at its level (see the module docstring)."""
    from game.engine.ai.lookahead import hard_plans, looks_ahead

    runs = state.runs
    grid = level_grid(levels, runs)
    orders = OrderArrays.empty(runs, world.rules.max_orders)
    gain = np.zeros((runs, N_ROLES))
    table = candidates_of(world.actions)
    noise = _noise(world, state, streams)
    thinking = grid >= Level.NORMAL
    projected = projected_values(world, state) if thinking.any() else state.values
    multipliers = fatigue_multipliers(state) if thinking.any() else None
    normal: dict[int, tuple[RoleValues, np.ndarray]] = {}
    all_points, all_free = budgets(world, state)
    for role in range(N_ROLES):
        candidates = table[role]
        if candidates.size == 0:
            continue
        points, free = all_points[role], all_free[role]
        easy_runs = np.flatnonzero(grid[:, role] == Level.EASY)
        if easy_runs.size:
            sub = state.select(easy_runs) if easy_runs.size < runs else state
            value = easy_values(world, sub, candidates, noise[role][easy_runs])
            plan = greedy_plan(value, candidates, points[easy_runs], free[easy_runs], world.rules.max_orders)
            write_plan(orders.action, orders.target, candidates, plan, easy_runs)
        if thinking[:, role].any():
            values = role_values(world, state, projected, role, multipliers=multipliers)
            plan = best_set(values, points, free, world.rules.max_orders, noise[role])
            normal[role] = (values, plan)
            think_runs = np.flatnonzero(thinking[:, role])
            write_plan(orders.action, orders.target, candidates, plan[think_runs], think_runs)
    hard = grid == Level.HARD
    plans = 0
    if hard.any() and looks_ahead(world, state):
        orders, gain, plans = hard_plans(world, state, streams, hard, orders, normal)
    return Decision(orders, grid, gain, plans)


def ai_orders(world: World, state: State, streams: RandomStreams, levels: LevelSpec = None) -> OrderArrays:
    """Just the orders of :func:`decide`."""
    return decide(world, state, streams, levels).orders


def normal_orders(world: World, state: State, streams: RandomStreams) -> OrderArrays:
    """Every role played by the normal player (the default computer player)."""
    return decide(world, state, streams, None).orders


def make_policy(levels: LevelSpec = None, default: str | Level = Level.NORMAL):  # type: ignore[no-untyped-def]
    """A policy for ``Game.play(policy=...)``: the given level per role, ``default`` for the rest.

    >>> policy = make_policy({"RU": "hard", "KZ": "easy"})
    >>> policy.levels["RU"], policy.levels["CN"]
    ('hard', 'normal')
    """
    fixed = None if isinstance(levels, np.ndarray) else {
        role: parse_level((levels or {}).get(role, default)).label for role in ROLES
    }

    def policy(world: World, state: State, streams: RandomStreams) -> OrderArrays:
        spec: LevelSpec = levels if isinstance(levels, np.ndarray) else fixed
        return decide(world, state, streams, spec).orders

    policy.levels = fixed  # type: ignore[attr-defined]
    return policy


def victory(world: World, scores: np.ndarray, levels: LevelSpec = None) -> tuple[np.ndarray, np.ndarray]:
    """One game's victory targets and who reached them: two (ROLES,) arrays from its ``scores``.

    ``levels`` gives the computer's level per role (``{role: level}``); humans and roles
    not named count as normal. In a game without targets (shortened with ``--turns``,
    see ``World.has_targets``) the targets are NaN and nobody has won.
    """
    grid = level_grid(levels, 1)
    return world.victory_targets(grid[0]), world.winners(np.asarray(scores)[None, :], grid)[0]


def target_text(target: float) -> str:
    """A victory target for display: two decimals (final scores spread by about half a point), or a
    dash when the game has none."""
    return f"{target:.2f}" if np.isfinite(target) else "—"
