"""Computer players at three levels for every role, on the engine's runs axis, and ``pass`` (no orders).

``decide(world, state, streams, levels)`` gives every (run, role) the orders of its
level; ``make_policy({"RU": "hard", "KZ": "easy"})`` wraps it as a policy for
``Game.play(policy=...)``. Levels may also be an array ``(runs, ROLES)`` of
:class:`Level` codes, so one batch can hold games with different line-ups (the
tournament pairs games that way).

The players themselves live beside this module: ``levels`` (who plays how), ``players``
(the easy and normal plans, drawn from the AI stream), ``lookahead`` (the hard player's
rollouts, from streams derived from the game's seed, run and turn: it cannot peek at the
real future) and ``reasons`` (why each order was given). This module is their front door.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.ai.levels import LEVEL_NAMES, PAR_LEVELS, Level, LevelSpec, level_grid, par_levels, parse_level
from game.engine.ai.lookahead import hard_plans, looks_ahead
from game.engine.ai.players import normal_orders, plan_turn
from game.engine.ai.reasons import OrderReason, explain_orders
from game.engine.codes import N_ROLES, ROLES
from game.engine.orders import OrderArrays
from game.engine.rng import RandomStreams
from game.engine.state import State
from game.engine.world import World

__all__ = [
    "LEVEL_NAMES",
    "PAR_LEVELS",
    "Decision",
    "Level",
    "LevelSpec",
    "ai_orders",
    "decide",
    "level_grid",
    "make_policy",
    "normal_orders",
    "par_levels",
    "parse_level",
    "target_text",
    "victory",
]


@dataclass(frozen=True)
class Decision:
    """The computer's orders for every run, with what is needed to explain them."""

    orders: OrderArrays
    levels: np.ndarray  # (R, ROLES) Level codes used
    gain: np.ndarray  # (R, ROLES) hard player's look-ahead gain over the normal plan (score points)
    plans: int  # how many plans the hard player compared

    def reasons(self, world: World, state: State, run: int = 0) -> list[OrderReason]:
        """Why each order of ``run`` was given (see ``explain_orders``; ``game.i18n.reasons`` words it)."""
        return explain_orders(world, state, self.orders, run, self.levels, self.gain, self.plans)


def decide(world: World, state: State, streams: RandomStreams, levels: LevelSpec = None) -> Decision:
    """Orders of every role of every run at its level (see the module docstring)."""
    grid = level_grid(levels, state.runs)
    orders, normal = plan_turn(world, state, streams, grid)
    gain = np.zeros((state.runs, N_ROLES))
    hard = grid == Level.HARD
    plans = 0
    if hard.any() and looks_ahead(world, state):
        orders, gain, plans = hard_plans(world, state, streams, hard, orders, normal)
    return Decision(orders, grid, gain, plans)


def ai_orders(world: World, state: State, streams: RandomStreams, levels: LevelSpec = None) -> OrderArrays:
    """Just the orders of :func:`decide`."""
    return decide(world, state, streams, levels).orders


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


def victory(
    world: World, scores: np.ndarray, levels: LevelSpec = None, baseline: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One game's victory targets and who reached them: two (ROLES,) arrays from its ``scores``.

    ``levels`` gives the computer's level per role (``{role: level}``); humans and roles
    not named count as normal, and a pass player counts as easy (see ``par_levels``). In a
    game without targets (shortened with ``--turns``, see ``World.has_targets``) the
    targets are NaN and nobody has won. ``baseline`` (ROLES,), where finite, replaces a
    role's par with a score the caller computed (the same game without the role's orders,
    see ``game.play.victory``); that role wins only by scoring strictly more, since doing
    nothing scores exactly its baseline.
    """
    grid = par_levels(level_grid(levels, 1))
    targets = world.victory_targets(grid[0])
    won = world.winners(np.asarray(scores)[None, :], grid)[0]
    if baseline is None or not world.has_targets:
        return targets, won
    paired = np.isfinite(baseline)
    return np.where(paired, baseline, targets), np.where(paired, np.asarray(scores) > baseline, won)


def target_text(target: float) -> str:
    """A victory target for display: two decimals (final scores spread by about half a point), or a
    dash when the game has none."""
    return f"{target:.2f}" if np.isfinite(target) else "—"
