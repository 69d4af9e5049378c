"""Long games keep every invariant: N-turn sandbox games over many seeds, checked every turn.

Prints what it found (NaN, bounds, share sums, ledger sums on a sample); asserts nothing.
Run: .venv/bin/python benchmarks/long_runs.py [--turns 1000 --runs 1000]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.ledger import ledger_rows
from game.play.scenario import ScenarioSetup

BOUNDED = slice(BLOCKS["dependence"].start, BLOCKS["prosperity"].stop)
POINTS = slice(BLOCKS["points"].start, BLOCKS["points"].stop)


def check(values: np.ndarray, dependence: np.ndarray) -> dict[str, int]:
    """Counts of invariant breaches in one turn's values."""
    bounded = values[:, BOUNDED]
    return {
        "nan_or_inf": int(np.count_nonzero(~np.isfinite(values))),
        "out_of_bounds": int(np.count_nonzero((bounded < 0.0) | (bounded > 1.0))),
        "share_sum_above_1": int(np.count_nonzero(dependence.sum(axis=2) > 1.0 + 1e-12)),
        "negative_points": int(np.count_nonzero(values[:, POINTS] < -1e-9)),
    }


def main() -> None:
    """Play, check and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="sandbox")
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--ledger-sample", type=int, default=3, help="single games whose ledger is checked")
    arguments = parser.parse_args()
    world = replace(ScenarioSetup.open(arguments.scenario).world, turns=arguments.turns)
    start = time.perf_counter()
    game = Game.new(world, seed=1, runs=arguments.runs, keep_ledger=False, keep_history=False, policy=normal_orders)
    breaches = {"nan_or_inf": 0, "out_of_bounds": 0, "share_sum_above_1": 0, "negative_points": 0}
    while not game.is_over():
        game.play()
        for key, count in check(game.state.values, game.state.block("dependence")).items():
            breaches[key] += count
    seconds = time.perf_counter() - start
    print(f"{arguments.runs} games × {arguments.turns} turns of {arguments.scenario} in {seconds:.0f} s: {breaches}")

    worst = 0.0
    identical = 0
    for run in range(arguments.ledger_sample):
        single = Game.new(world, seed=1, first_run=run, policy=normal_orders)
        while not single.is_over():
            before = single.state.values.copy()
            record = single.play()
            total = np.zeros_like(before)
            for row in ledger_rows(list(record.entries)):
                total[row.run, row.column] += row.amount
            worst = max(worst, float(np.max(np.abs(single.state.values - before - total))))
        identical += single.state.hashes()[0] == game.state.hashes()[run]
    print(f"ledger check on {arguments.ledger_sample} full games: largest gap between causes and change {worst:.2e}; "
          f"{identical} of {arguments.ledger_sample} identical to the same run of the batch")


if __name__ == "__main__":
    main()
