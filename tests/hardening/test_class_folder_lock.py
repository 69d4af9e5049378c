"""One command at a time changes a class folder; a turn's folder is whole or mended.

Two ``class turn`` commands started together on one folder must both be played (one
after the other) or the second refused: never two turns computed from the same state
with one of them silently lost.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.classroom import folder as folder_module
from game.cli.main import main

CLI = [sys.executable, "-m", "game"]


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *arguments], capture_output=True, text=True, check=False)


@pytest.fixture
def class_game(tmp_path: Path) -> Path:
    """A new sandbox class game with two teams, six quarters."""
    game = tmp_path / "game"
    result = _run("class", "new", "sandbox", "--teams", "KZ,RU", "--seed", "5", "--turns", "6", "--out", str(game))
    assert result.returncode == 0, result.stderr
    return game


def _played_quarters(game: Path) -> list[str]:
    return [turn["quarter"] for turn in json.loads((game / "game.json").read_text())["played"]]


def test_two_turns_started_together_are_both_kept(class_game: Path) -> None:
    command = [*CLI, "class", "turn", str(class_game), "--no-files"]
    for _ in range(2):
        first, second = (
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
        )
        for process in (first, second):
            _, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
            assert "Traceback" not in errors
    assert _played_quarters(class_game) == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    for quarter in _played_quarters(class_game):
        names = sorted(path.name for path in (class_game / "turns" / quarter).iterdir())
        pages = [f"briefing-{team}.{kind}" for team in ("KZ", "RU") for kind in ("html", "md")]
        assert names == sorted([*pages, "newspaper.html", "newspaper.md"])
    assert not list((class_game / "turns").glob(".staging-*"))


def test_a_command_that_waits_too_long_is_refused_and_changes_nothing(
    class_game: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"lock = FileLock({str(class_game / folder_module.LOCK_FILE)!r}); lock.acquire(); "
            "print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = (class_game / "game.json").read_bytes()
        monkeypatch.setattr(folder_module, "LOCK_WAIT_SECONDS", 0.3)
        started = time.monotonic()
        code = main(["class", "turn", str(class_game), "--no-files"])
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    captured = capsys.readouterr()
    assert code == 2
    assert "another command is changing the class game" in captured.err
    assert str(class_game) in captured.err
    assert "Traceback" not in captured.err
    assert waited < 20
    assert (class_game / "game.json").read_bytes() == before


def test_status_reports_and_repair_mends_an_incomplete_turn(class_game: Path) -> None:
    for _ in range(2):
        assert _run("class", "turn", str(class_game), "--no-files").returncode == 0
    first = class_game / "turns" / "2023Q1"
    newspaper = (first / "newspaper.md").read_text()
    (first / "newspaper.md").unlink()
    (first / "briefing-RU.md").unlink()
    page = (first / "briefing-KZ.html").read_text()
    (first / "briefing-KZ.html").unlink()  # the page to print is part of a played turn too
    shutil.rmtree(class_game / "turns" / "2023Q2")

    status = _run("class", "status", str(class_game))
    assert status.returncode == 0, status.stderr
    lacking = status.stdout.replace("\n", " ")
    assert "turns/2023Q1 lacks newspaper.md" in lacking
    assert "briefing-RU.md" in lacking and "briefing-KZ.html" in lacking
    assert "2023Q2" in status.stdout and "class repair" in status.stdout

    repair = _run("class", "repair", str(class_game))
    assert repair.returncode == 0, repair.stderr
    assert "2023Q1, 2023Q2" in repair.stdout
    # The quarter is written as it was first written: the game replayed to that quarter.
    assert (first / "newspaper.md").read_text() == newspaper
    assert (first / "briefing-KZ.html").read_text() == page
    assert (class_game / "turns" / "2023Q2" / "briefing-KZ.md").is_file()
    status = _run("class", "status", str(class_game))
    assert "incomplete" not in status.stdout
    assert "nothing to mend" in _run("class", "repair", str(class_game)).stdout
