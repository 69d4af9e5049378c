"""Screenshots of every screen of the map game in a real X window (Xvfb), at several sizes and scales.

Run: ``python tools/ui_shots.py OUT_DIR [--display 117]``. For each size it starts an Xvfb
screen exactly that size, opens the game in a real (x11) window at its top-left corner,
walks through the screens by posting the player's keys and clicks, and captures the X
screen with ImageMagick's ``import`` (what a player would see, window manager aside).
Needs ``Xvfb`` and ``import`` on PATH. Files are named ``<width>x<height>@<scale>_<screen>.png``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGURATIONS = ((1280, 720, 100), (1920, 1080, 150), (1024, 640, 100))


def main() -> int:
    """Take every configuration's screenshots; the exit code is non-zero when one fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--display", type=int, default=117, help="X display number to use for Xvfb")
    parser.add_argument("--only", default="", help="one configuration, e.g. 1920x1080@150")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for width, height, scale in CONFIGURATIONS:
        if arguments.only and arguments.only != f"{width}x{height}@{scale}":
            continue
        display = f":{arguments.display}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.0)
            env = dict(
                os.environ,
                DISPLAY=display,
                SDL_VIDEODRIVER="x11",
                SDL_AUDIODRIVER="dummy",
                SDL_VIDEO_WINDOW_POS="0,0",
                PYGAME_HIDE_SUPPORT_PROMPT="1",
                MULTIVECTOR_DATA_DIR=tempfile.mkdtemp(prefix="mv-shots-"),
            )
            command = [sys.executable, "-m", "tools.ui_shots_walk", str(arguments.out), str(width), str(height)]
            failed |= subprocess.run([*command, str(scale)], env=env, cwd=ROOT, check=False).returncode
        finally:
            server.terminate()
            server.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
