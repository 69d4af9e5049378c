"""GUI under abuse: at least 20,000 random inputs (clicks, keys, wheels, resizes, cancelled
quits) over every screen and modal; prints what it sent, what it saw and how long it took.

Run: SDL_VIDEODRIVER=dummy .venv/bin/python benchmarks/ui_monkey.py [--scale 9 --seed 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    """Send the inputs and print the figures."""
    import numpy as np
    import pygame

    from game.ui.app import App
    from game.ui.screens.start import StartChoice
    from tests.ui.test_monkey import monkey

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=9, help="2,400 inputs per unit")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MULTIVECTOR_DATA_DIR"] = folder
        app = App(size=(1280, 720), saves_dir=Path(folder), choice=StartChoice(turns=3))
        sent, seen = monkey(app, np.random.default_rng(arguments.seed), arguments.scale)
        pygame.display.quit()
    seconds = time.perf_counter() - start
    print(f"{sent:,} random inputs, no exception, in {seconds:.0f} s "
          f"({1000 * seconds / sent:.1f} ms each); screens and modals seen: {', '.join(sorted(seen))}")


if __name__ == "__main__":
    main()
