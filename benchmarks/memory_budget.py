"""Peak memory of the size-driven commands at a few sizes: the figures behind game.play.batch's budget.

Each measurement starts ``multivector`` in a fresh process and reads its peak resident set
(``ru_maxrss`` of the finished child, Linux: KiB). The growth over the smallest size, divided
by the growth in runs (or turns), is the cost per run (or turn) the budget uses.

    python benchmarks/memory_budget.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

MEASUREMENTS: list[tuple[str, list[str]]] = [
    ("batch runs=5000", ["batch", "sandbox", "--seed", "1", "--turns", "4", "--workers", "1", "--runs", "5000"]),
    ("batch runs=20000", ["batch", "sandbox", "--seed", "1", "--turns", "4", "--workers", "1", "--runs", "20000"]),
    ("batch runs=60000", ["batch", "sandbox", "--seed", "1", "--turns", "4", "--workers", "1", "--runs", "60000"]),
    ("tournament runs=50", ["tournament", "sandbox", "--seed", "1", "--turns", "4", "--runs", "50"]),
    ("tournament runs=200", ["tournament", "sandbox", "--seed", "1", "--turns", "4", "--runs", "200"]),
    ("tournament runs=400", ["tournament", "sandbox", "--seed", "1", "--turns", "4", "--runs", "400"]),
    ("hindcast runs=1000", ["hindcast", "sanctions", "--seed", "1", "--runs", "1000"]),
    ("hindcast runs=10000", ["hindcast", "sanctions", "--seed", "1", "--runs", "10000"]),
    ("run turns=40", ["run", "sandbox", "--seed", "1", "--turns", "40"]),
    ("run turns=400", ["run", "sandbox", "--seed", "1", "--turns", "400"]),
    ("run turns=1600", ["run", "sandbox", "--seed", "1", "--turns", "1600"]),
]


def peak_kib(arguments: list[str], out: Path) -> int:
    """Peak resident set (KiB) of one ``multivector`` command."""
    command = [sys.executable, "-c", "from game.cli.main import entry; entry()", *arguments]
    if arguments[0] in ("batch", "run"):
        command += ["--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(process.pid, 0)
    return int(usage.ru_maxrss)


def main() -> None:
    """Print each measurement's peak in MiB."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as folder:
        for name, arguments in MEASUREMENTS:
            print(f"{name:24} {peak_kib(arguments, Path(folder) / name.replace(' ', '-')) / 1024:8.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
