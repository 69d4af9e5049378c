"""tools/write_pars.py puts a calibration's pars into a scenario file that still loads."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from game.engine.codes import ROLES
from game.scenario.compile import compile_world
from game.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_pars_written_into_a_copy_of_a_shipped_scenario(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    scenario = folder / "sandbox.yaml"
    before = scenario.read_text()
    pars = {role: {"easy": 40.0 + i, "normal": 41.5 + i, "hard": 42.257 + i} for i, role in enumerate(ROLES)}
    figures = tmp_path / "tournament.json"
    figures.write_text(json.dumps({"suggested_victory": pars}))
    command = "multivector tournament sandbox --runs 9 --seed 9 --calibrate"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/write_pars.py"), str(scenario), str(figures), command],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    world = compile_world(load_scenario(scenario))
    for index, role in enumerate(ROLES):
        assert world.victory[:, index].tolist() == [round(pars[role][level], 2) for level in ("easy", "normal", "hard")]
    after = scenario.read_text()
    assert command in after
    # Only the victory block and its comment changed: the lines around it are untouched.
    old_lines, new_lines = before.split("\n"), after.split("\n")
    start = next(i for i, line in enumerate(old_lines) if line.startswith("victory:"))
    first = start
    while old_lines[first - 1].startswith("#"):
        first -= 1
    end = start + 1
    while old_lines[end].startswith("  "):  # a block-form victory: one indented line per role
        end += 1
    assert new_lines[:first] == old_lines[:first]
    assert new_lines[-(len(old_lines) - end) :] == old_lines[end:]


def test_bad_input_gives_a_message_and_exit_code_2(tmp_path: Path) -> None:
    scenario = tmp_path / "sandbox.yaml"
    shutil.copy(ROOT / "scenarios/sandbox.yaml", scenario)
    before = scenario.read_text()
    figures = tmp_path / "tournament.json"
    figures.write_text(json.dumps({"suggested_victory": {"KZ": {"easy": 40.0}}}))
    tool = [sys.executable, str(ROOT / "tools/write_pars.py")]
    cases = {
        "usage": [],
        "suggested_victory.KZ needs a number": [str(scenario), str(figures), "command"],
        "cannot read it as JSON": [str(scenario), str(tmp_path / "missing.json"), "command"],
    }
    for expected, arguments in cases.items():
        result = subprocess.run([*tool, *arguments], capture_output=True, text=True)
        assert result.returncode == 2, result.stderr
        assert expected.lower() in result.stderr.lower() and "Traceback" not in result.stderr, result.stderr
    assert scenario.read_text() == before
