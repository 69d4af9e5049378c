"""Engine speed: one turn of one game, and a vectorised batch against a loop of single games.

Prints figures; asserts nothing. Run: .venv/bin/python benchmarks/engine_speed.py [--runs 10000 --turns 40]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from dataclasses import replace

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.scenario import ScenarioSetup


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="sandbox")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--loop-sample", type=int, default=100, help="single games timed for the loop figure")
    arguments = parser.parse_args()
    world = ScenarioSetup.open(arguments.scenario).world
    world = replace(world, turns=arguments.turns)

    # One turn of one game, ledger kept (what the map game does), 300 turns measured.
    timings = []
    for seed in range(10):
        game = Game.new(world, seed=seed, policy=normal_orders)
        for _ in range(30):
            start = time.perf_counter()
            game.play()
            timings.append((time.perf_counter() - start) * 1e6)
    timings.sort()
    print(f"one turn, one game, with ledger + AI: median {statistics.median(timings):,.0f} µs, "
          f"p99 {timings[int(0.99 * len(timings))]:,.0f} µs ({len(timings)} turns)")

    # Vectorised batch.
    start = time.perf_counter()
    batch = Game.new(world, seed=1, runs=arguments.runs, keep_ledger=False, keep_history=False, policy=normal_orders)
    batch.play_to_end()
    batch_seconds = time.perf_counter() - start
    run_turns = arguments.runs * arguments.turns
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batch: {arguments.runs:,} runs × {arguments.turns} turns in {batch_seconds:.2f} s "
          f"= {run_turns / batch_seconds:,.0f} run-turns/s; peak RSS {peak_mb:,.0f} MB")

    # The same games one at a time (a sample, extrapolated).
    sample = min(arguments.loop_sample, arguments.runs)
    start = time.perf_counter()
    for index in range(sample):
        single = Game.new(world, seed=1, first_run=index, keep_ledger=False, keep_history=False, policy=normal_orders)
        single.play_to_end()
    loop_seconds = (time.perf_counter() - start) / sample * arguments.runs
    print(f"loop of single games: {loop_seconds:.1f} s for {arguments.runs:,} runs "
          f"(extrapolated from {sample}); vectorising is {loop_seconds / batch_seconds:.0f}× faster")


if __name__ == "__main__":
    main()
