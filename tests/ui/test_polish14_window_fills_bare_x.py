"""Issue 14: on an X server without a window manager (Xvfb) the game's picture had bands of bare screen around
it (20 px at 1024×640, 40 px at 1920×1080): the window was sized for a frame and a panel that were not there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui.xwindow import needs_x, private_display

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from game.ui.display import window_manager_running; from game.ui.app import App; "
    "app = App(); print(window_manager_running(), *app.display.window.get_size())"
)


@needs_x
def test_a_new_window_on_a_bare_x_server_fills_the_screen(tmp_path: Path) -> None:
    with private_display("1024x640", range(600, 700)) as name:
        env = dict(
            os.environ,
            DISPLAY=name,
            SDL_VIDEODRIVER="x11",
            SDL_AUDIODRIVER="dummy",
            MULTIVECTOR_DATA_DIR=str(tmp_path),
            XDG_CONFIG_HOME=str(tmp_path),
            PYGAME_HIDE_SUPPORT_PROMPT="1",
        )
        env.pop("WAYLAND_DISPLAY", None)
        probe = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
        )
    assert probe.stdout.split() == ["False", "1024", "640"], probe.stdout + probe.stderr
