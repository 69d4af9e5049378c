"""A Middle Corridor turn as Russia in a real X window (Xvfb, keys by xdotool): the turn summary
it shows splits the score change into parts that add up to it.

The window reports what it shows through ``MULTIVECTOR_UI_TRACE`` (see game/ui/trace.py).
Skipped where Xvfb, xdotool or xwininfo is missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.ui.test_real_window import display, pytestmark  # noqa: F401  (the private display and the skip)
from tests.ui.xwindow import wait_for


def _shown(trace: Path, screen: str) -> list[dict[str, Any]]:
    if not trace.exists():
        return []
    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if line["kind"] == screen]


def test_a_middle_corridor_turn_as_russia_sums_its_score_parts(display: str, tmp_path: Path) -> None:  # noqa: F811
    trace = tmp_path / "trace.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(
        DISPLAY=display, SDL_AUDIODRIVER="dummy", MULTIVECTOR_DATA_DIR=str(tmp_path), MULTIVECTOR_UI_TRACE=str(trace)
    )
    code = "import sys; from game.cli.main import main; sys.exit(main())"
    game = subprocess.Popen(
        [sys.executable, "-c", code, "play", "middle_corridor", "--role", "RU"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def key(name: str) -> None:
        subprocess.run(["xdotool", "key", name], env=env, check=True)
        time.sleep(0.3)

    try:
        assert wait_for(lambda: bool(_shown(trace, "top_bar")), 60), "the map screen did not open"
        time.sleep(0.5)
        key("Down")  # the first action and its first target
        key("Return")  # queued
        key("e")  # end the turn
        assert wait_for(lambda: bool(_shown(trace, "turn_summary")), 30), "no turn summary after End turn"
        summary = _shown(trace, "turn_summary")[0]
        assert summary["role"] == "RU" and summary["quarter"] == "2023Q4"
        assert abs(sum(summary["parts"].values()) - summary["change"]) < 1e-9
        assert summary["change"] == summary["score_after"] - summary["score_before"]
        assert len(summary["orders"]) == 1, "the order queued by keyboard was played and is listed"
        # The top bar shows the score after the turn and its change, as the summary has them.
        assert wait_for(lambda: any(line["turn"] == 1 for line in _shown(trace, "top_bar")), 10)
        bars = [line for line in _shown(trace, "top_bar") if line["turn"] == 1]
        assert bars and bars[-1]["score"] == summary["score_after"] and bars[-1]["change"] == summary["change"]
        assert any((tmp_path / "saves").glob("autosaves/*/autosave-0001.json"))
    finally:
        game.kill()
        game.wait(10)
