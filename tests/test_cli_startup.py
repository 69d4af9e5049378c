"""Commands that play nothing start light: ``--help``, ``--version`` and ``validate`` never import
the engine's compiler, the chart library or the window library (importing them took most of a
second before anything was printed). Behaviour, not timing: which modules a fresh process loaded."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.batch import ChartDrawing
from game.cli.main import COMMANDS, build_parser, main
from game.play.batch import play_batch
from game.play.scenario import ScenarioSetup

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numba", "matplotlib", "pygame", "pygame_gui", "pandas", "game.engine.compiled", "rich")

CHILD = f"""
import json, sys
from game.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({{"code": code, "loaded": sorted(name for name in {HEAVY!r} if name in sys.modules)}}))
"""


def run_in_fresh_process(*arguments: str) -> tuple[int, list[str], str]:
    """(exit code, heavy modules loaded, everything printed) of ``multivector ARGUMENTS`` in a new process."""
    wide = {**os.environ, "COLUMNS": "200"}  # one line per command: no summary broken at a hyphen
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments], capture_output=True, text=True, cwd=ROOT, check=True, env=wide
    )
    verdict = json.loads(result.stdout.splitlines()[-1])
    return verdict["code"], verdict["loaded"], result.stdout + result.stderr


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["--version"], [], ["validate", "sandbox", "tutorial"], ["validate", "no_such_scenario"]],
    ids=["help", "version", "nothing", "validate", "validate-unknown"],
)
def test_commands_that_play_nothing_load_no_compiler_charts_or_window(arguments: list[str]) -> None:
    code, loaded, printed = run_in_fresh_process(*arguments)
    # rich (the console) only to print an error: valid files get a plain line each.
    assert loaded == (["rich"] if "no_such_scenario" in arguments else [])
    assert "Traceback" not in printed
    expected = {"--help": 0, "--version": 0, "validate": 0}.get(arguments[0] if arguments else "", 2)
    assert code == (2 if "no_such_scenario" in arguments else expected)


def test_help_lists_every_command_with_its_summary() -> None:
    code, _, printed = run_in_fresh_process("--help")
    assert code == 0
    listed = " ".join(printed.split())  # argparse wraps and indents the listing
    for name, (_, summary) in COMMANDS.items():
        assert f" {name} {summary}" in listed, name


def test_each_summary_listed_is_the_help_its_module_registers() -> None:
    """The light listing (summaries in game/cli/main.py) and the commands' own registrations agree."""
    registered = _subcommand_help(build_parser())  # every module imported and registered
    listed = _subcommand_help(build_parser([]))  # names and summaries only
    assert listed == registered == {name: summary for name, (_, summary) in COMMANDS.items()}


def _subcommand_help(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    """Command name -> its one-line help, as ``--help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help for choice in action._choices_actions}
    return {}


def test_a_command_is_registered_with_all_its_options_when_it_is_the_one_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["batch", "sandbox", "--seed", "1"])  # --runs is missing
    assert stopped.value.code == 2
    assert "--runs" in capsys.readouterr().err


def test_charts_drawn_in_their_own_processes_are_the_bytes_drawn_here(monkeypatch: pytest.MonkeyPatch) -> None:
    batch = play_batch(ScenarioSetup.open("tutorial").world, seed=3, runs=6)
    with ChartDrawing() as drawing:  # the processes start before there is a batch, as in the command
        drawing.draw(batch, "title")
        aside = dict(drawing.results())
    monkeypatch.setattr("game.cli.batch.can_fork", lambda: False)
    with ChartDrawing() as drawing:
        drawing.draw(batch, "title")
        here = dict(drawing.results())
    assert list(aside) == ["fan_dependence.png", "fan_scores.png"]
    assert aside == here


def test_playing_a_game_leaves_the_linear_algebra_library_unloaded(tmp_path: Path) -> None:
    """numba would import scipy.linalg (and numpy.f2py) to look for BLAS, which no kernel uses."""
    child = (
        "import sys\n"
        "from game.cli.main import main\n"
        f"code = main(['run', 'sandbox', '--seed', '1', '--turns', '2', '--out', {str(tmp_path / 'game')!r}])\n"
        "print(code, 'game.engine.compiled' in sys.modules, 'scipy.linalg' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.splitlines()[-1] == "0 True False"
