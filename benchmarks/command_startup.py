"""Whole-command times of ``multivector``, from the first keystroke to the prompt coming back.

Each command is run ``--runs`` times, each in a fresh process (cold imports, as a user types
it), after one untimed run that lets Python write its byte-code cache and numba load its
kernel cache (a user's installation has both). Prints the median, min and max wall time, the
median and min CPU time of the process and its children, and the machine's load average before
and after (on a shared machine the wall time includes waiting for a core; the CPU time does
not, though it grows too when other processes share the cores' caches). Targets (issue 16):
``--help`` ≤ 0.15 s, ``validate`` ≤ 0.3 s, ``batch middle_corridor --runs 10000`` ≤ 2.5 s on 2 cores.

Run: .venv/bin/python benchmarks/command_startup.py [--runs 5] [--only help,validate,batch]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(out: Path) -> dict[str, list[str]]:
    """The command lines measured, by short name."""
    return {
        "help": ["--help"],
        "validate": ["validate", "sandbox"],
        "batch": ["batch", "middle_corridor", "--runs", "10000", "--seed", "1", "--out", str(out), "--force"],
    }


def timed(arguments: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "game", *arguments], env=environment, cwd=ROOT, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    """Measure and print one line per command."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--only", default="help,validate,batch", help="comma-separated: help, validate, batch")
    arguments = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="mv-command-"))
    # As a user's machine: Python keeps compiled byte code (some shells and CI turn that off).
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    try:
        for name in arguments.only.split(","):
            command = commands(out / "batch")[name]
            timed(command, environment)  # untimed: byte-code and kernel caches written
            load_before = os.getloadavg()[0]
            runs = [timed(command, environment) for _ in range(arguments.runs)]
            walls = [wall for wall, _ in runs]
            cpus = [cpu for _, cpu in runs]
            print(
                f"multivector {' '.join(command[:4])}: median {statistics.median(walls):.2f} s wall "
                f"(min {min(walls):.2f}, max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s "
                f"(min {min(cpus):.2f}); {arguments.runs} runs, load average {load_before:.1f} before, "
                f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs",
                flush=True,
            )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
