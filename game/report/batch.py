"""Play many runs of a world together (the engine's runs axis) and collect distributions.

Only the newest state is kept while the batch advances, so memory stays flat in the
number of turns; what is kept per turn is the p10 / median / p90 / mean of every
metric (see :mod:`game.report.metrics`), and per run the final metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine.codes import quarter_name
from game.engine.game import Game
from game.engine.world import World
from game.report.metrics import distribution, metric_matrix

TurnCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchResult:
    """Distributions per turn and final outcomes per run of one batch."""

    world: World
    seed: int
    first_run: int
    bands: np.ndarray  # (T + 1, M, 4): p10, median, p90, mean; turn 0 is the start
    final: np.ndarray  # (R, M) metrics after the last turn
    fired: np.ndarray  # (R, E) bool: event fired at least once in the run
    fired_turns: np.ndarray  # (T, E) int: runs in which the event fired that turn

    @property
    def runs(self) -> int:
        """How many runs the batch played."""
        return int(self.final.shape[0])

    @property
    def turns(self) -> int:
        """Turns played."""
        return int(self.bands.shape[0]) - 1

    def quarter_labels(self) -> list[str]:
        """The quarter at whose end each row of ``bands`` holds (turn 0: before the start)."""
        return [quarter_name(self.world.start_quarter + turn - 1) for turn in range(self.turns + 1)]


def play_batch(
    world: World,
    seed: int,
    runs: int,
    first_run: int = 0,
    on_turn: TurnCallback | None = None,
) -> BatchResult:
    """Play ``runs`` games with the computer on every role, all at once.

    Run ``i`` is bit-identical to ``Game.new(world, seed, first_run=first_run + i)``.
    """
    game = Game.new(world, seed=seed, runs=runs, first_run=first_run, keep_ledger=False, keep_history=False)
    bands = [distribution(metric_matrix(game.state.values, world.weight))]
    fired_turns = []
    while not game.is_over():
        record = game.play()
        fired_turns.append(record.fired.sum(axis=0))
        bands.append(distribution(metric_matrix(game.state.values, world.weight)))
        if on_turn is not None:
            on_turn(game.turn, world.turns)
    final = metric_matrix(game.state.values, world.weight)
    events = world.events.count
    return BatchResult(
        world=world,
        seed=seed,
        first_run=first_run,
        bands=np.stack(bands),
        final=final,
        fired=game.state.fired.copy(),
        fired_turns=np.array(fired_turns, dtype=np.int64).reshape(len(fired_turns), events),
    )
