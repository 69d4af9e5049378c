"""A Sobol analysis end to end: 4 levers, N base samples (N × 6 points), R runs at each point.

Runs ``multivector sensitivity`` itself (sampling, every point's batch, SALib's analysis
with bootstrap intervals, the CSV tables and the chart) in this process and prints the
wall and CPU time, points and run-turns per second, the peak resident memory, and the
largest total index per lever. The issue's size is the default: middle_corridor, its 4
levers over their declared ranges, N = 512 (3,072 points) × 100 runs, 29 turns each.

Run: .venv/bin/python benchmarks/sensitivity.py [--scenario middle_corridor --samples 512 --runs 100
     --seed 1 --out out/bench-sensitivity --turns T]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import pandas as pd

from game.cli.main import main as multivector
from game.play.scenario import ScenarioSetup


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes), user + system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="middle_corridor")
    parser.add_argument("--samples", type=int, default=512, help="Sobol base samples N (a power of 2)")
    parser.add_argument("--runs", type=int, default=100, help="runs at every point")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--turns", type=int, default=None, help="default: the scenario's")
    parser.add_argument("--out", type=Path, default=Path("out/bench-sensitivity"))
    parser.add_argument("--workers", type=int, default=None,
                        help="processes sharing out the points (default: the command's, one per CPU)")
    arguments = parser.parse_args()
    setup = ScenarioSetup.open(arguments.scenario, turns=arguments.turns)
    levers = [lever.id for lever in setup.loaded.scenario.levers]
    points = arguments.samples * (len(levers) + 2)
    turns = setup.world.turns
    print(f"scenario {arguments.scenario}: Sobol over {len(levers)} levers ({', '.join(levers)}), "
          f"N = {arguments.samples} -> {points:,} points × {arguments.runs} runs × {turns} turns")
    command = ["sensitivity", arguments.scenario, "--levers", ",".join(levers), "--method", "sobol",
               "--samples", str(arguments.samples), "--runs", str(arguments.runs), "--seed", str(arguments.seed),
               "--out", str(arguments.out), "--force"]
    if arguments.workers is not None:
        command += ["--workers", str(arguments.workers)]
    if arguments.turns is not None:
        command += ["--turns", str(arguments.turns)]
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    wall, cpu = time.perf_counter(), cpu_seconds()
    code = multivector(command)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    if code:
        sys.exit(code)
    run_turns = points * arguments.runs * turns
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"end to end: {wall:.1f} s wall, {cpu:.1f} s CPU (this process and its workers); "
          f"{points / wall:.1f} points/s, {run_turns / wall:,.0f} run-turns/s, {run_turns / cpu:,.0f} per CPU second; "
          f"peak resident {peak:,.0f} MB; load average at end {os.getloadavg()[0]:.1f}")
    indices = pd.read_csv(arguments.out / "sensitivity.csv")
    total = indices[indices["index"] == "ST"]
    for lever, rows in total.groupby("lever"):
        top = rows.loc[rows["value"].idxmax()]
        print(f"  {lever}: largest ST {top['value']:.3f} ± {top['conf']:.3f} ({top['label']})")


if __name__ == "__main__":
    main()
