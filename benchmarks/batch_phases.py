"""Where the time of ``multivector batch`` goes, phase by phase (issue 16: the whole command ≤ 2.5 s).

Runs ``multivector batch SCENARIO --runs N --seed 1`` in a fresh process (after one untimed run
that writes the byte-code and kernel caches), with timers wrapped around its phases, and prints:

* for the command's process, when each phase ended (wall seconds since the process was started,
  interpreter start-up included) and the CPU seconds it had used by then: imports, the scenario
  (with numba's first kernel, which loads numba's registries), the batch, the tables, waiting for
  the charts, the terminal tables, and the process's end;
* for each batch worker: when it started, its wall and CPU seconds, and how much of its wall time
  went to the computer players choosing orders (the rest resolves the turns);
* for each chart: when its drawing started and its wall and CPU seconds;
* the CPU seconds of the whole process tree and the machine's load average.

On a shared machine the wall times include waiting for a core; with two workers on two idle
cores the command takes about: start-up + the slower worker + the tail (tables and charts share
the two cores). Prints figures; asserts nothing.

Run: .venv/bin/python -m benchmarks.batch_phases [--scenario middle_corridor --runs 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARK = "phase|"  # prefix of the lines the measured process reports on


def report(text: str) -> None:
    """One line for the parent, from any process of the command."""
    sys.stderr.write(f"{MARK}{text}\n")
    sys.stderr.flush()


def cpu_seconds() -> float:
    """CPU seconds (user + system) this process has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_call(label: str, function: Any) -> Any:
    """``function`` reporting when it returned (wall clock) and the process's CPU by then."""

    def wrapper(*arguments: Any, **options: Any) -> Any:
        result = function(*arguments, **options)
        report(f"mark|{label}|{time.time():.4f}|{cpu_seconds():.3f}")
        return result

    return wrapper


def measured_command(command_line: list[str]) -> None:
    """Run the command in this process as ``multivector`` runs it (``game.cli.main.entry``), with its phases
    timed (the ``--child`` side): the timers go in when the command's module has been imported."""
    import game.cli.main as cli

    import_command = cli.command_module
    run_main = cli.main

    def timed_import(name: str) -> Any:
        module = import_command(name)
        report(f"mark|imports|{time.time():.4f}|{cpu_seconds():.3f}")
        add_timers(module)
        return module

    def timed_main(argv: Sequence[str] | None = None) -> int:
        status = run_main(argv)
        report(f"mark|command returned|{time.time():.4f}|{cpu_seconds():.3f}")
        return status

    cli.command_module = timed_import
    cli.main = timed_main
    sys.argv = ["multivector", *command_line]
    cli.entry()


def add_timers(command: Any) -> None:
    """Wrap the batch command's phases, the workers' parts, the computer's choices and the charts in timers."""
    import game.engine.game as engine_game
    import game.play.batch as batch_module

    for name, label in (("load_world", "scenario and first kernel"), ("run_with_progress", "batch"),
                        ("write_batch_tables", "tables written"), ("print_batch_tables", "terminal tables")):
        setattr(command, name, timed_call(label, getattr(command, name)))
    results = command.ChartDrawing.results

    def charts_awaited(self: Any) -> Any:
        drawn = list(results(self))
        report(f"mark|charts received|{time.time():.4f}|{cpu_seconds():.3f}")
        return iter(drawn)

    command.ChartDrawing.results = charts_awaited  # type: ignore[method-assign]
    choosing = [0.0]
    computer_orders = engine_game.Game.computer_orders

    def timed_orders(self: Any, policy: Any = None) -> Any:
        started = time.perf_counter()
        orders = computer_orders(self, policy)
        choosing[0] += time.perf_counter() - started
        return orders

    engine_game.Game.computer_orders = timed_orders  # type: ignore[method-assign]
    play_part = batch_module.play_part

    def timed_part(*arguments: Any, **options: Any) -> Any:
        started, cpu = time.time(), cpu_seconds()
        result = play_part(*arguments, **options)
        report(f"worker|{started:.4f}|{time.time() - started:.3f}|{cpu_seconds() - cpu:.3f}|{choosing[0]:.3f}")
        return result

    batch_module.play_part = timed_part
    for name, draw in list(command.FAN_CHARTS.items()):

        def timed_draw(*arguments: Any, _draw: Any = draw, _name: str = name) -> bytes:
            started, cpu = time.time(), cpu_seconds()
            png = _draw(*arguments)
            report(f"chart|{_name}|{started:.4f}|{time.time() - started:.3f}|{cpu_seconds() - cpu:.3f}")
            return bytes(png)

        command.FAN_CHARTS[name] = timed_draw


def run_once(argv: list[str]) -> tuple[float, float, list[str]]:
    """(start time, end time, reported lines) of one measured run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.batch_phases", "--child", *argv], cwd=ROOT, env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )
    ended = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line[len(MARK):] for line in finished.stderr.splitlines() if line.startswith(MARK)]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines.append(f"tree|{cpu:.3f}")
    return started, ended, lines


def main() -> int:
    """Measure one run after an untimed one; print the phases."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        measured_command(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="middle_corridor")
    parser.add_argument("--runs", type=int, default=10_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mv-phases-") as out:
        argv = ["batch", arguments.scenario, "--runs", str(arguments.runs), "--seed", "1", "--out", out, "--force"]
        run_once(argv)  # untimed: byte-code and kernel caches written
        load = os.getloadavg()[0]
        started, ended, lines = run_once(argv)
    print(f"multivector {' '.join(argv[:4])}: {ended - started:.2f} s wall; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
    print("the command's process (wall s since it was started, CPU s it had used):")
    for line in lines:
        kind, *fields = line.split("|")
        if kind == "mark":
            label, when, cpu = fields
            print(f"  {float(when) - started:5.2f} s  CPU {float(cpu):5.2f} s  {label}")
    print(f"  {ended - started:5.2f} s              process ended")
    for line in lines:
        kind, *fields = line.split("|")
        if kind == "worker":
            began, part_wall, part_cpu, choosing = (float(field) for field in fields)
            print(f"worker: started at {began - started:.2f} s, {part_wall:.2f} s wall, {part_cpu:.2f} s CPU, "
                  f"{choosing:.2f} s of it choosing the computer's orders")
        elif kind == "chart":
            name, when, wall, cpu = fields
            print(f"chart {name}: started at {float(when) - started:.2f} s, {float(wall):.2f} s wall, "
                  f"{float(cpu):.2f} s CPU")
        elif kind == "tree":
            print(f"CPU of the whole process tree: {float(fields[0]):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
