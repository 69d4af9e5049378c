"""How fast the model moves: 8 quarters of a scenario with the normal computer on every role.

Prints, over many seeds, how many of the 90 dependence shares move by more than 10 points
(median and 90th percentile over seeds), and the largest moves of the rigid channels (energy,
transport, security) with their causes from the ledger of that game. The issue's target:
at most 5 shares past 10 points, and no rigid share past 5 points without a finished project or
an event behind it. Asserts nothing; the pace test (tests/rules/test_pace.py) holds the target.
Run: .venv/bin/python benchmarks/model_pace.py [--scenario sandbox --runs 200 --turns 8]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.codes import CHANNELS, COUNTRIES, POWERS
from game.engine.explain import explain
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.world import World
from game.play.scenario import ScenarioSetup

RIGID = ("energy", "transport", "security")
BIG_MOVE = 0.10  # the threshold for "moved far"


@dataclass(frozen=True)
class Pace:
    """Moves of every dependence share after the turns played, per run: (R, countries, powers, channels)."""

    moves: np.ndarray

    def far_counts(self, threshold: float = BIG_MOVE) -> np.ndarray:
        """(R,) how many shares moved by more than ``threshold`` in each run."""
        return np.count_nonzero(np.abs(self.moves) > threshold, axis=(1, 2, 3))


def measure_pace(world: World, seed: int, runs: int, turns: int) -> Pace:
    """Play ``turns`` quarters of ``world`` with the normal computer on every role over ``runs`` seeds."""
    world = replace(world, turns=turns)
    game = Game.new(world, seed=seed, runs=runs, keep_ledger=False, keep_history=False, policy=normal_orders)
    start = game.state.block("dependence").copy()
    game.play_to_end()
    return Pace(game.state.block("dependence") - start)


def rigid_causes(world: World, seed: int, run: int, turns: int, column: int, top: int = 3) -> list[str]:
    """The largest causes, summed over the turns, of one share's change in one run (replayed with the ledger)."""
    game = Game.new(replace(world, turns=turns), seed=seed, first_run=run, policy=normal_orders)
    totals: dict[str, float] = {}
    for _ in range(turns):
        record = game.play()
        for explanation in explain(game.world, record, column):
            key = explanation.cause.text.split(" (ordered")[0]
            totals[key] = totals.get(key, 0.0) + explanation.amount
    ranked = sorted(totals.items(), key=lambda item: -abs(item[1]))[:top]
    return [f"{text} {amount:+.3f}" for text, amount in ranked]


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="sandbox")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    world = ScenarioSetup.open(arguments.scenario).world
    pace = measure_pace(world, arguments.seed, arguments.runs, arguments.turns)
    counts = pace.far_counts()
    print(
        f"{arguments.scenario}, {arguments.turns} quarters, {arguments.runs} seeds: shares moved > 10 points: "
        f"median {np.median(counts):.0f}, 90th percentile {np.percentile(counts, 90):.0f}, max {counts.max()}"
    )
    mean_abs = np.abs(pace.moves).mean(axis=(0, 1, 2))
    print("mean |move| per channel: " + ", ".join(f"{c} {m:.3f}" for c, m in zip(CHANNELS, mean_abs, strict=True)))
    rigid = [CHANNELS.index(name) for name in RIGID]
    median_moves = np.median(np.abs(pace.moves), axis=0)
    print("shares whose median |move| exceeds 10 points:")
    for c, p, k in zip(*np.nonzero(median_moves > BIG_MOVE), strict=True):
        print(f"  {COUNTRIES[c]} {POWERS[p]} {CHANNELS[k]}: median {np.median(pace.moves[:, c, p, k]):+.3f}")
    print("largest rigid-channel moves (run, share, move, causes summed over the game):")
    rigid_moves = np.abs(pace.moves[..., rigid])
    for flat in np.argsort(rigid_moves, axis=None)[::-1][:5]:
        run, c, p, r = np.unravel_index(flat, rigid_moves.shape)
        channel = CHANNELS[rigid[r]]
        column = BLOCKS["dependence"].column(country=COUNTRIES[c], power=POWERS[p], channel=channel)
        causes = rigid_causes(world, arguments.seed, int(run), arguments.turns, column)
        move = pace.moves[run, c, p, rigid[r]]
        print(f"  run {run} {COUNTRIES[c]} {POWERS[p]} {channel} {move:+.3f}: " + "; ".join(causes))
    over = np.count_nonzero(np.abs(pace.moves[..., rigid]) > 0.05, axis=(1, 2, 3))
    print(f"rigid shares moved > 5 points per run: median {np.median(over):.0f}, max {over.max()}")


if __name__ == "__main__":
    main()
