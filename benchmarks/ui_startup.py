"""Cold start to the first interactive frame of ``multivector play``.

Starts a fresh Python process (so imports are cold), builds the app and draws the
start screen once; prints the wall time from process start. With ``--map`` it goes
straight to the map screen (``play sandbox --role KZ``) instead. One untimed run first lets
Python write its byte-code cache and numba its kernels, as a user's installation has them
(the byte-code cache is allowed even where the shell turns it off). Target (issue 14): the
start screen within 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, time, sys
t0 = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from game.ui.app import App
from game.ui.screens.start import StartChoice
import pygame
choice = StartChoice("sandbox", ("KZ",)) if sys.argv[3] == "map" else None
app = App(size=(1280, 720), choice=choice)
app.step([])
print(time.time() - t0, time.process_time())
pygame.quit()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--map", action="store_true", help="measure straight into the map screen")
    arguments = parser.parse_args()
    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"),
               MULTIVECTOR_DATA_DIR=tempfile.mkdtemp(prefix="mv-bench-"), PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for target in (["start"] + (["map"] if arguments.map else [])):
        times = []
        cpu = []
        for run in range(arguments.runs + 1):
            t0 = time.time()
            out = subprocess.run([sys.executable, "-c", CHILD, str(t0), str(ROOT), target], env=env, check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1].split()
            if run == 0:
                continue  # untimed: caches written
            times.append(float(out[0]) * 1000)
            cpu.append(float(out[1]) * 1000)
        print(f"cold start to first interactive frame ({target} screen): median {statistics.median(times):.0f} ms, "
              f"min {min(times):.0f} ms, max {max(times):.0f} ms over {arguments.runs} runs; "
              f"CPU time of the process median {statistics.median(cpu):.0f} ms (a busy machine's wait left out); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
