"""Advance games: one game with a history, or a batch of runs driven by a computer player.

The engine does not choose a computer player: whoever makes a game passes one (a
``Policy``, e.g. ``game.engine.ai.policy.make_policy``) to :meth:`Game.new`, or to a
single call of :meth:`Game.play`. A turn in which the computer must order for a role
and no policy was given is refused with :class:`NoComputerPlayerError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.engine.codes import ROLES
from game.engine.orders import Order, OrderArrays, encode_orders, merge_orders
from game.engine.resolve import TurnRecord, resolve_turn
from game.engine.rng import RandomStreams
from game.engine.state import State, initial_state
from game.engine.world import World, role_index

Policy = Callable[[World, State, RandomStreams], OrderArrays]


class NoComputerPlayerError(ValueError):
    """A turn needs the computer's orders but the game was given no computer player."""


@dataclass
class Game:
    """One or more runs of a world with their history of records.

    ``states[i]`` is the state after ``i`` turns; ``records[i]`` the record of turn ``i``.
    With ``keep_history=False`` (big batches) only the newest state and record are kept,
    so memory stays flat however long the game, and each turn writes the new state over
    the arrays of the one before: a state (or a record's project slots) taken from such a
    game is valid until the next turn. ``policy`` orders for the roles no human plays.
    """

    world: World
    streams: RandomStreams
    states: list[State] = field(default_factory=list)
    records: list[TurnRecord] = field(default_factory=list)
    keep_ledger: bool = True
    keep_history: bool = True
    policy: Policy | None = None

    @classmethod
    def new(
        cls,
        world: World,
        seed: int,
        runs: int = 1,
        first_run: int = 0,
        keep_ledger: bool = True,
        keep_history: bool = True,
        policy: Policy | None = None,
    ) -> Game:
        """A game at its start; ``policy`` is the computer player of the roles no human plays."""
        streams = RandomStreams.for_runs(seed, runs, first_run)
        return cls(world, streams, [initial_state(world, runs)], [], keep_ledger, keep_history, policy)

    @property
    def state(self) -> State:
        """The current state."""
        return self.states[-1]

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return self.state.turn

    def is_over(self) -> bool:
        """True once every turn of the scenario has been played."""
        return self.turn >= self.world.turns

    def computer_orders(self, policy: Policy | None = None) -> OrderArrays:
        """What the computer (``policy``, else the game's own) would order for every role this turn."""
        chosen = policy or self.policy
        if chosen is None:
            raise NoComputerPlayerError(
                "this game has no computer player: give Game.new(..., policy=...) or play(..., policy=...)"
            )
        return chosen(self.world, self.state, self.streams)

    def play(
        self,
        human_orders: Sequence[Sequence[Order]] | None = None,
        human_roles: Sequence[str] = (),
        policy: Policy | None = None,
    ) -> TurnRecord:
        """Resolve one turn: humans' orders for their roles, the computer player for the rest."""
        runs = self.state.runs
        given = encode_orders(self.world, human_orders or [[] for _ in range(runs)]) if human_roles else None
        if given is not None and set(human_roles) >= set(ROLES):
            return self.play_arrays(given)  # humans play every role: no computer player is asked
        orders = self.computer_orders(policy)
        if given is not None:
            orders = merge_orders(orders, given, [role_index(code) for code in human_roles])
        return self.play_arrays(orders)

    def play_arrays(self, orders: OrderArrays) -> TurnRecord:
        """Resolve one turn with orders already in array form."""
        state, record = resolve_turn(
            self.world, self.state, orders, self.streams, self.keep_ledger, overwrite=not self.keep_history
        )
        if not self.keep_history:
            self.states.clear()
            self.records.clear()
        self.states.append(state)
        self.records.append(record)
        return record

    def play_to_end(self, policy: Policy | None = None) -> None:
        """Let the computer (``policy``, else the game's own) play every role until the scenario ends."""
        while not self.is_over():
            self.play(policy=policy)

    def values_history(self) -> np.ndarray:
        """Values after each turn, turn 0 (the start) first: shape (T + 1, R, V)."""
        return np.stack([state.values for state in self.states])
