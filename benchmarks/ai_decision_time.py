"""AI decision time: one turn of the hard player in a single game, and easy/normal on a batch.

Prints figures; asserts nothing. Run: .venv/bin/python benchmarks/ai_decision_time.py
[--scenario middle_corridor --batch 10000]

* hard: time to decide a turn for every role but one (a human plays one role) and for
  all eight, in a single game, at every turn of the scenario (median and worst);
* easy / normal: time to decide a turn for every role of a 10,000-game batch, and a whole
  batch game played with that level on every role.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from game.engine.ai.policy import decide, level_grid
from game.engine.codes import ROLES
from game.engine.game import Game
from game.play.scenario import ScenarioSetup


def _hard_turns(world, levels: dict[str, str]) -> list[float]:  # type: ignore[no-untyped-def]
    game = Game.new(world, seed=1, runs=1, keep_ledger=False)
    grid = level_grid(levels, 1)
    times = []
    while not game.is_over():
        started = time.perf_counter()
        decision = decide(world, game.state, game.streams, grid)
        times.append(time.perf_counter() - started)
        game.play_arrays(decision.orders)
    return times


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="middle_corridor")
    parser.add_argument("--batch", type=int, default=10_000)
    arguments = parser.parse_args()
    world = ScenarioSetup.open(arguments.scenario).world
    print(f"scenario {world.scenario_id}: {world.turns} turns")
    _hard_turns(world, dict.fromkeys(ROLES, "hard"))  # warm caches
    for label, levels in (
        ("hard, 7 roles (a human plays KZ)", {**dict.fromkeys(ROLES, "hard"), "KZ": "normal"}),
        ("hard, all 8 roles", dict.fromkeys(ROLES, "hard")),
    ):
        times = _hard_turns(world, levels)
        print(
            f"{label:36s} median {1000 * statistics.median(times):6.1f} ms   "
            f"worst {1000 * max(times):6.1f} ms per turn"
        )
    runs = arguments.batch
    for level in ("easy", "normal"):
        game = Game.new(world, seed=1, runs=runs, keep_ledger=False, keep_history=False)
        grid = level_grid(dict.fromkeys(ROLES, level), runs)
        decide_times = []
        started = time.perf_counter()
        while not game.is_over():
            t0 = time.perf_counter()
            orders = decide(world, game.state, game.streams, grid).orders
            decide_times.append(time.perf_counter() - t0)
            game.play_arrays(orders)
        total = time.perf_counter() - started
        print(
            f"{level:6s} on {runs:,} games: decide {1000 * float(np.median(decide_times)):6.0f} ms per turn "
            f"(median); whole game {total:5.1f} s ({1e6 * total / (runs * world.turns):.0f} µs per game-turn)"
        )


if __name__ == "__main__":
    main()
