"""Advance games: one game with a history, or a batch of runs driven by policies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.orders import Order, OrderArrays, encode_orders, merge_orders
from game.engine.resolve import TurnRecord, resolve_turn
from game.engine.rng import RandomStreams
from game.engine.state import State, initial_state
from game.engine.world import World, role_index

Policy = Callable[[World, State, RandomStreams], OrderArrays]


@dataclass
class Game:
    """One or more runs of a world with their history of records.

    ``states[i]`` is the state after ``i`` turns; ``records[i]`` the record of turn ``i``.
    With ``keep_history=False`` (big batches) only the newest state and record are kept,
    so memory stays flat however long the game, and each turn writes the new state over
    the arrays of the one before: a state (or a record's project slots) taken from such a
    game is valid until the next turn.
    """

    world: World
    streams: RandomStreams
    states: list[State] = field(default_factory=list)
    records: list[TurnRecord] = field(default_factory=list)
    keep_ledger: bool = True
    keep_history: bool = True

    @classmethod
    def new(
        cls,
        world: World,
        seed: int,
        runs: int = 1,
        first_run: int = 0,
        keep_ledger: bool = True,
        keep_history: bool = True,
    ) -> Game:
        """A game at its start."""
        streams = RandomStreams.for_runs(seed, runs, first_run)
        return cls(world, streams, [initial_state(world, runs)], [], keep_ledger, keep_history)

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

    def computer_orders(self, policy: Policy = normal_orders) -> OrderArrays:
        """What the computer would order for every role this turn."""
        return policy(self.world, self.state, self.streams)

    def play(
        self,
        human_orders: Sequence[Sequence[Order]] | None = None,
        human_roles: Sequence[str] = (),
        policy: Policy = normal_orders,
    ) -> TurnRecord:
        """Resolve one turn: humans' orders for their roles, the policy for the rest."""
        orders = self.computer_orders(policy)
        if human_roles:
            runs = self.state.runs
            given = encode_orders(self.world, human_orders or [[] for _ in range(runs)])
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

    def play_to_end(self, policy: Policy = normal_orders) -> None:
        """Let the computer play every role until the scenario ends."""
        while not self.is_over():
            self.play(policy=policy)

    def values_history(self) -> np.ndarray:
        """Values after each turn, turn 0 (the start) first: shape (T + 1, R, V)."""
        return np.stack([state.values for state in self.states])
