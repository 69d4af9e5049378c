"""What a scenario or file supplies is printed as text: never terminal control, markup or emoji.

A title with a clear-screen sequence and a clipboard write (OSC 52) was printed raw by run,
class new, class turn and class inject --list; ``validate`` turned ``:x:`` into an emoji.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main
from game.shipped import SCENARIOS_DIR

HOSTILE_TITLE = r"Clear\x1b[2J clip\x1b]52;c;aGk=\x07 bell\x07 c1\x9b [bold]:x:[/bold]"


def _hostile_scenario(tmp_path: Path) -> Path:
    text = (SCENARIOS_DIR / "sandbox.yaml").read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    text = text[:start] + f'title: "{HOSTILE_TITLE}"' + text[end:]
    shutil.copytree(SCENARIOS_DIR / "baseline", tmp_path / "baseline")
    shutil.copy(SCENARIOS_DIR / "actions.yaml", tmp_path / "actions.yaml")
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("turns: 20", "turns: 2"), encoding="utf-8")
    return path


def _assert_plain(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "❌" not in output
    shown = r"Clear\x1b[2J clip\x1b]52;c;aGk=\x07 bell\x07 c1\x9b [bold]:x:[/bold]"
    assert "".join(shown.split()) in "".join(output.split())  # a table title may wrap


def test_run_and_class_commands_print_a_hostile_title_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = _hostile_scenario(tmp_path)
    game = tmp_path / "game"
    commands = [
        ["run", str(scenario), "--seed", "1", "--out", str(tmp_path / "run")],
        ["class", "new", str(scenario), "--teams", "KZ", "--out", str(game)],
        ["class", "status", str(game)],
    ]
    for command in commands:
        assert main(command) == 0, command
        _assert_plain(capsys.readouterr().out)


def test_a_quoted_value_keeps_its_colons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = _hostile_scenario(tmp_path)
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("start: 2023Q1", 'start: ":x: \\e[2J"'))
    assert main(["validate", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "':x: \\x1b[2J'" in err
    assert "❌" not in err and "\x1b" not in err


def test_run_in_a_terminal_prints_no_control_character_not_even_in_a_warning(tmp_path: Path) -> None:
    # The chart's title reached the font, whose "missing glyph" warning printed the raw ESC on stderr.
    result = subprocess.run(
        [sys.executable, "-m", "game", "run", str(_hostile_scenario(tmp_path)), "--seed", "1", "--turns", "1",
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "Warning" not in result.stderr
