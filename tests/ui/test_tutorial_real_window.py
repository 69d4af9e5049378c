"""A newcomer in a real X window (Xvfb) plays the tutorial by doing what its coach card says, and wins:
scores more than Kazakhstan would have by doing nothing.

The game writes one trace line per step shown (``MULTIVECTOR_UI_TRACE``): the step, and the
rectangle of the control it rings; the test clicks the middle of it with xdotool, through X,
SDL and the click guard, as a player's mouse would. Skipped where Xvfb or xdotool is missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.xwindow import needs_x, private_display, wait_for

pytestmark = needs_x
PAUSE = 0.45  # between clicks: more than the click guard, as a player reading the card would


@pytest.fixture
def display() -> Iterator[str]:
    """A private laptop-sized (1600×900) Xvfb display."""
    with private_display("1600x900", range(400, 600)) as name:
        yield name


def _window(env: dict[str, str]) -> str:
    """The game window's X id (found by its title among the root's children)."""

    def listing() -> list[str]:
        shown = subprocess.run(["xwininfo", "-root", "-children"], env=env, capture_output=True, text=True, check=False)
        return [line.split()[0] for line in shown.stdout.splitlines() if "Multivector" in line]

    assert wait_for(lambda: bool(listing()), 30), "the window did not open"
    return listing()[0]


def _lines(trace: Path) -> list[dict[str, object]]:
    if not trace.exists():
        return []
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_newcomer_following_the_coach_card_wins_the_tutorial(display: str, tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(
        DISPLAY=display, SDL_AUDIODRIVER="dummy", MULTIVECTOR_DATA_DIR=str(tmp_path), MULTIVECTOR_UI_TRACE=str(trace)
    )
    # The trace's rectangles are the canvas's: at 100 % they are the window's too (the whole 1600×900 screen, with no
    # window manager, would otherwise open at 125 %).
    (tmp_path / "settings.json").write_text('{"ui_scale": 100}', encoding="utf-8")
    code = "import sys; from game.cli.main import main; sys.exit(main())"
    game = subprocess.Popen(
        [sys.executable, "-c", code, "play", "tutorial", "--role", "KZ", "--seed", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        shown = lambda: any(line["kind"] == "tutorial_step" for line in _lines(trace))  # noqa: E731
        assert wait_for(shown, 60), "no tutorial step was shown"
        window = _window(env)
        clicks = 0
        last: object = None
        clicked = 0.0
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not any(line["kind"] == "end" for line in _lines(trace)):
            steps = [line for line in _lines(trace) if line["kind"] == "tutorial_step"]
            step = steps[-1]
            key = (step["index"], step["rect"], step["next"])
            if key == last and time.monotonic() - clicked < 3:  # the click has not shown yet
                time.sleep(0.2)
                continue
            if key != last:
                time.sleep(PAUSE)  # a newly shown card is read first (the click guard drops hasty clicks)
                if _lines(trace)[-1] != step:
                    continue
            rect = step["next"] if step["done"] == "next" else step["rect"]
            assert isinstance(rect, list), f"step {step['id']} rings nothing"
            x, y = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
            subprocess.run(
                ["xdotool", "mousemove", "--window", window, str(x), str(y), "click", "1"], env=env, check=True
            )
            clicks += 1
            last, clicked = key, time.monotonic()
        ends = [line for line in _lines(trace) if line["kind"] == "end"]
        assert ends, "the game did not reach the end screen"
        assert ends[-1]["verdict"] == "You win as Kazakhstan", ends[-1]
        assert "the target of 51.38: what Kazakhstan would have scored by doing nothing" in str(ends[-1]["text"])
        assert clicks <= 40
    finally:
        game.kill()
        game.wait(10)
