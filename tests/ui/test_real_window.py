"""The game in a real X window (Xvfb), keys sent by xdotool: E ends the turn, `kill` ends the game.

Skipped where Xvfb or xdotool is missing. Headless tests post events straight into the
queue; this one goes through X, SDL's keyboard focus and signal handling.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.xwindow import needs_x, private_display, wait_for

pytestmark = needs_x


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb display."""
    with private_display("1440x900", range(140, 400)) as name:
        yield name


def test_e_ends_the_turn_in_a_real_window_and_kill_ends_the_game(display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy")
    code = "import sys; from game.cli.main import main; sys.exit(main())"
    games: list[subprocess.Popen[bytes]] = []

    def launch(folder: Path) -> subprocess.Popen[bytes]:
        game = subprocess.Popen(
            [sys.executable, "-c", code, "play", "sandbox", "--role", "KZ", "--turns", "4"],
            env={**env, "MULTIVECTOR_DATA_DIR": str(folder)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        games.append(game)
        count = sum(g.poll() is None for g in games)

        def shown() -> bool:
            listing = subprocess.run(
                ["xwininfo", "-root", "-children"], env=env, capture_output=True, text=True, check=False
            ).stdout
            return listing.count("Multivector") >= count

        assert wait_for(shown, 30), "the window did not open"
        time.sleep(0.5)
        return game

    def key(name: str) -> None:
        subprocess.run(["xdotool", "key", name], env=env, check=True)

    def ended_turn(folder: Path, turn: int) -> bool:
        return wait_for(lambda: any((folder / "saves").glob(f"autosaves/*/autosave-{turn:04d}.json")), 15)

    try:
        # A game with a turn played (unsaved changes) is ended by `kill`: no window is left
        # behind asking "Quit without saving?", to catch the keys meant for the next game.
        first = launch(tmp_path / "first")
        key("e")
        assert ended_turn(tmp_path / "first", 1), "E did not end the turn"
        first.send_signal(signal.SIGTERM)
        assert wait_for(lambda: first.poll() is not None, 10), "kill left the game running"

        launch(tmp_path / "second")
        key("e")
        assert ended_turn(tmp_path / "second", 1), "E did not end the turn in the new window"
        for _ in range(2):  # closes the turn summary, then the events pop-up, if any
            time.sleep(0.4)  # input is ignored for a moment after a dialog changes
            key("Return")
        time.sleep(0.4)
        key("e")
        assert ended_turn(tmp_path / "second", 2), "E did not end the second turn"
    finally:
        for game in games:
            if game.poll() is None:
                game.kill()
                game.wait(5)
