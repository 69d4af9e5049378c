"""The start screen shows before the engine is imported (numba and the compiled kernels take most
of a second), and a game started from it still opens the map. Behaviour, not timing: a fresh
process reports which modules it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ("numba", "game.engine.compiled", "game.play.session", "matplotlib")

CHILD = f"""
import json, sys
from game.ui.app import App
from tests.ui.driver import Driver
driver = Driver(App(size=(1280, 720)))  # builds the start screen and draws one frame
seen = {{"first_screen": driver.screen(), "before": sorted(m for m in {ENGINE!r} if m in sys.modules)}}
driver.click("start")
seen["after_start"] = driver.screen()
seen["after"] = sorted(m for m in {ENGINE!r} if m in sys.modules)
print(json.dumps(seen))
"""


def test_the_start_screen_imports_no_engine_and_start_still_opens_the_map(tmp_path: Path) -> None:
    environment = {
        **os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "MULTIVECTOR_DATA_DIR": str(tmp_path)
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=ROOT, env=environment, check=True
    )
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["first_screen"] == "StartScreen"
    assert seen["before"] == []
    assert seen["after_start"] == "GameScreen"
    assert seen["after"] == ["game.engine.compiled", "game.play.session", "numba"]  # no chart library in the map
