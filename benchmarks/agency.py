"""Agency on every shipped scenario: how many SDs normal beats passing (no orders) by, per role.

Prints a table (scenario × role) and the time per scenario; asserts nothing. Run:
.venv/bin/python benchmarks/agency.py [--runs 100 --seed 1 --turns N --scenarios sandbox tutorial]

For each scenario it plays the tournament's ``all:normal`` line-up and, for each role,
``<role>:pass`` (that role gives no orders, the others play normal) on the same seeds, and
prints (mean final score of normal − mean of pass) ÷ the SD of normal's final score —
the figure of ``multivector tournament`` (issue 13's target: at least 3 for every role).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from game.engine.ai.tournament import AGENCY_TARGET, agency, play_tournament
from game.engine.codes import ROLES
from game.play.scenario import ScenarioSetup
from game.scenario.library import shipped_scenarios


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--turns", type=int, default=None, help="play this many turns instead of each scenario's")
    parser.add_argument("--scenarios", nargs="+", default=[path.stem for path in shipped_scenarios()])
    arguments = parser.parse_args()
    print(f"agency: (normal − pass) ÷ SD(normal), {arguments.runs} seeds of seed {arguments.seed}")
    print(f"{'scenario':16s} {'turns':>5s} " + " ".join(f"{role:>5s}" for role in ROLES) + "   below target   time")
    for name in arguments.scenarios:
        world = ScenarioSetup.open(name, turns=arguments.turns).world
        started = time.perf_counter()
        measured = agency(play_tournament(world, arguments.runs, arguments.seed, ("normal", "pass")))
        seconds = time.perf_counter() - started
        multiples = measured.sd_multiple
        below = [role for role, value in zip(ROLES, multiples, strict=True) if not value >= AGENCY_TARGET]
        print(
            f"{name:16s} {world.turns:5d} " + " ".join(f"{value:5.1f}" for value in multiples)
            + f"   {' '.join(below) or '—':14s} {seconds:5.1f} s"
        )
        beats = np.round(100 * measured.beats).astype(int)
        print(f"{'  normal beats pass':22s} " + " ".join(f"{value:4d}%" for value in beats))
        print(f"{'  paired gap ÷ its SD':22s} " + " ".join(f"{value:5.1f}" for value in measured.paired_multiple))


if __name__ == "__main__":
    main()
