"""Calibrate some levels' victory pars on many games, cheaply, and write them into a scenario.

Usage: python tools/calibrate_pars.py SCENARIO.yaml --runs 1000 --seed 1000 [--levels easy normal]
       [--check-seed 1 --check-runs 100] [--others "COMMAND THAT CALIBRATED THE OTHER LEVELS"]

Plays only the ``all:<level>`` line-ups (the easy and normal players are cheap, so a
thousand games take seconds, where ``tournament --calibrate`` also plays every hard
line-up), sets each listed level's par to the median final score (rounded down to
0.01), keeps the other levels' pars, and rewrites the scenario's ``victory:`` block.
With ``--check-seed`` it then prints each role's win rate at the new pars on games
of another seed (the same games as ``multivector tournament --seed S --runs N``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine.ai.policy import PAR_LEVELS, parse_level
from game.engine.ai.tournament import line_up_scores, par_of
from game.engine.codes import ROLES
from game.scenario.compile import compile_world
from game.scenario.load import load_scenario
from tools.write_pars import rewrite


def main(arguments: list[str]) -> int:
    """Calibrate, write, and optionally check; print what was done."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--levels", nargs="+", default=["easy", "normal"], choices=[lv.label for lv in PAR_LEVELS])
    parser.add_argument("--check-seed", type=int, default=None)
    parser.add_argument("--check-runs", type=int, default=100)
    parser.add_argument("--others", default="", help="the command that calibrated the other levels (for the comment)")
    options = parser.parse_args(arguments)
    world = compile_world(load_scenario(options.scenario))
    pars = np.array(world.victory, dtype=float, copy=True)
    levels = [parse_level(level) for level in options.levels]
    for level in levels:
        pars[int(level)] = par_of(line_up_scores(world, level, options.runs, options.seed))
    block = {role: {level.label: float(pars[int(level), i]) for level in PAR_LEVELS} for i, role in enumerate(ROLES)}
    listed = " ".join(level.label for level in levels)
    rewrite(
        options.scenario,
        block,
        f"python tools/calibrate_pars.py {options.scenario.name} --runs {options.runs} --seed {options.seed} "
        f"--levels {listed}" + (f"`; other levels: `{options.others}" if options.others else ""),
    )
    print(f"{options.scenario}: {listed} pars from {options.runs} games of seed {options.seed}")
    if options.check_seed is not None:
        world = compile_world(load_scenario(options.scenario))
        for level in levels:
            scores = line_up_scores(world, level, options.check_runs, options.check_seed)
            rates = (scores >= world.victory[int(level)][None, :] - 1e-9).mean(axis=0)
            print(
                f"  all:{level.label} on seed {options.check_seed} ({options.check_runs} games): "
                + " ".join(f"{role} {100 * rate:.0f}%" for role, rate in zip(ROLES, rates, strict=True))
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
