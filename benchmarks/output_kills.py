"""SIGKILL ``multivector run`` while it replaces an existing output folder, at spread moments.

Counts what each kill left: the earlier run whole, the new run whole, the folder absent (killed
between moving the old one aside and renaming the new one in), or a mix (must be 0).

    python benchmarks/output_kills.py [KILLS]
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ARGUMENTS = ["run", "sandbox", "--turns", "2"]


def _run(seed: int, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *ARGUMENTS, "--seed", str(seed), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def main() -> None:
    """Kill ``KILLS`` runs (default 100) and print the counts."""
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        references = {}
        for seed in (1, 2):
            _run(seed, root / f"reference{seed}").wait()
            references[seed] = _contents(root / f"reference{seed}")
        out = root / "out"
        shutil.copytree(root / "reference1", out)
        outcomes: Counter[str] = Counter()
        for kill in range(kills):
            seed = 2 - kill % 2
            process = _run(seed, out)
            time.sleep(0.5 + 5.0 * ((kill * 37) % kills) / kills)
            process.send_signal(signal.SIGKILL)
            process.wait()
            if not out.exists():
                outcomes["absent"] += 1
                shutil.copytree(root / "reference1", out)
                continue
            found = _contents(out)
            outcomes["new run whole" if found == references[seed] else
                     "earlier run whole" if found in references.values() else "MIXED"] += 1
        leftovers = [path.name for path in root.iterdir() if path.name.startswith(".out.")]
        print(f"{kills} kills: " + ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())))
        print(f"staging folders left beside it: {len(leftovers)} (removed by the next run)")


if __name__ == "__main__":
    main()
