"""Kill a save writer at random moments many times; print how many saves stayed loadable.

Run: .venv/bin/python benchmarks/save_kills.py [--kills 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hardening.test_save_faults import kill_while_saving


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        kills, survived = kill_while_saving(Path(folder), arguments.kills, arguments.seed)
        leftovers = sorted(p.name for p in Path(folder).iterdir())
    print(f"{kills} kills during saving, {survived} loadable saves afterwards "
          f"({time.perf_counter() - start:.0f} s); files left: {leftovers}")


if __name__ == "__main__":
    main()
