"""Batch throughput: N runs × T turns of a scenario, computer on every role, all runs at once.

Prints wall time, peak memory (tracemalloc for numpy/Python allocations and the
process's maximum resident set; with workers, also the largest worker's, which the
parent's tracemalloc does not see), run-turns per second, and the ratio against the same
games played one at a time — measured on a sample of single games and extrapolated
(said so in the output). Also checks that run i of the batch equals single game i.

The batch is timed in a fresh process (its workers load the compiled kernels from numba's
cache, as ``multivector batch`` does) and ``--repeat`` more times, since a shared machine's
timings wander by ±10%; memory is read in a further, untimed batch.

Run: .venv/bin/python benchmarks/batch_throughput.py [--scenario middle_corridor --runs 10000 --turns 28
     --workers N --block B --repeat 2]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from dataclasses import replace

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.batch import BLOCK, default_workers, play_batch, worker_count
from game.play.metrics import metric_matrix
from game.play.scenario import ScenarioSetup
from game.scenario.library import resolve_scenario


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default=None, help="default: middle_corridor if shipped, else sandbox")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=28)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--sample", type=int, default=100, help="single games timed for the one-at-a-time figure"
    )
    parser.add_argument("--workers", type=int, default=None, help="default: as multivector batch (one per CPU)")
    parser.add_argument("--block", type=int, default=BLOCK, help="runs advanced together in one process")
    parser.add_argument(
        "--repeat", type=int, default=2, help="further timings of the same batch (noise on a shared machine)"
    )
    arguments = parser.parse_args()
    workers = worker_count(arguments.workers or default_workers(arguments.runs), arguments.runs)
    name = arguments.scenario
    if name is None:
        name = "middle_corridor" if resolve_scenario("middle_corridor").exists() else "sandbox"
    world = replace(ScenarioSetup.open(name).world, turns=arguments.turns)
    print(f"scenario {name}: {arguments.runs:,} runs × {arguments.turns} turns, computer on every role")

    run_turns = arguments.runs * arguments.turns
    timings = []
    for _ in range(1 + arguments.repeat):
        start = time.perf_counter()
        batch = play_batch(world, arguments.seed, arguments.runs, workers=workers, block=arguments.block)
        timings.append(time.perf_counter() - start)
    batch_seconds = timings[0]
    print(
        f"batch (multivector batch's loop, with per-turn distributions): {batch_seconds:.2f} s wall, "
        f"{run_turns / batch_seconds:,.0f} run-turns/s, {workers} worker{'s' if workers > 1 else ''}, "
        f"blocks of {arguments.block:,} runs (the first batch of this process; its workers load the "
        "compiled kernels from numba's cache)"
    )
    if arguments.repeat:
        print(
            f"the same batch again, {arguments.repeat} times: "
            + ", ".join(f"{seconds:.2f}" for seconds in timings[1:])
            + f" s; median of all {len(timings)}: {float(np.median(timings)):.2f} s"
        )
    tracemalloc.start()  # a separate, untimed batch: tracing slows the parent's allocations
    play_batch(world, arguments.seed, arguments.runs, workers=workers, block=arguments.block)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory: {traced_peak / 2**20:,.0f} MiB traced by tracemalloc; process max RSS "
        f"{rss_peak:,.0f} MiB" + (f"; largest worker's max RSS {worker_rss:,.0f} MiB" if workers > 1 else "")
    )

    sample = min(arguments.sample, arguments.runs)
    start = time.perf_counter()
    for run in range(sample):
        game = Game.new(world, seed=arguments.seed, first_run=run, keep_ledger=False, policy=normal_orders)
        game.play_to_end()
        if run < 3:
            single = metric_matrix(game.state.values, world.weight)[0]
            assert np.array_equal(single, batch.final[run]), (
                f"run {run} of the batch differs from single game {run}"
            )
    single_seconds = (time.perf_counter() - start) / sample
    extrapolated = single_seconds * arguments.runs
    print(
        f"one at a time: {single_seconds * 1000:.1f} ms per game (measured on {sample} games, "
        f"extrapolated to {arguments.runs:,}: {extrapolated:,.0f} s)"
    )
    print(f"batch speed-up over one at a time: {extrapolated / batch_seconds:,.1f}×")
    print("run i of the batch equals single game i: checked for runs 0–2")
    goal = 2.0
    verdict = "meets" if batch_seconds < goal else "misses"
    print(f"goal: 10,000 × 28 in under {goal:.0f} s — the first batch {verdict} it ({batch_seconds:.2f} s)")


if __name__ == "__main__":
    main()
