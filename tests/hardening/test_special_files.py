"""Every command that reads a file refuses what is not a regular file, by name, at once.

``/dev/zero`` and a FIFO report a size of 0, so a size check alone lets them through: one
filled memory, the other hung forever. Each reader now reads at most its limit from the
stream and refuses devices, FIFOs, sockets, folders and symbolic-link loops before reading.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.cli.main import main
from game.shipped import SCENARIOS_DIR

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero (POSIX)")


@pytest.fixture
def special_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """One of each kind of file a reader must refuse."""
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    sock_path = tmp_path / "socket.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    try:
        yield {"/dev/zero": Path("/dev/zero"), "fifo": fifo, "socket": sock_path, "loop": loop, "folder": folder}
    finally:
        server.close()


@pytest.fixture(scope="module")
def class_game(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A class game to give bad orders files, custom events and game files to."""
    game = tmp_path_factory.mktemp("class") / "game"
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "2", "--out", str(game)]) == 0
    return game


def _commands(class_game: Path, tmp_path: Path) -> dict[str, Callable[[Path], list[str]]]:
    out = str(tmp_path / "out")
    return {
        "validate": lambda bad: ["validate", str(bad)],
        "run": lambda bad: ["run", str(bad), "--seed", "1", "--out", out],
        "batch": lambda bad: ["batch", str(bad), "--runs", "10", "--seed", "1", "--out", out],
        "why": lambda bad: ["why", str(bad), "--country", "KZ", "--power", "RU", "--quarter", "2023Q1"],
        "class turn": lambda bad: ["class", "turn", str(class_game), str(bad)],
        "class inject": lambda bad: ["class", "inject", str(class_game), "--custom", str(bad)],
    }


@pytest.mark.parametrize("command", ["validate", "run", "batch", "why", "class turn", "class inject"])
def test_every_reader_refuses_special_files_with_one_message(
    command: str,
    special_files: dict[str, Path],
    class_game: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make = _commands(class_game, tmp_path)[command]
    for kind, bad in special_files.items():
        code = main(make(bad))
        captured = capsys.readouterr()
        assert code == 2, (command, kind, captured.err)
        assert str(bad) in captured.err, (command, kind, captured.err)
        assert "Traceback" not in captured.err


def test_a_class_game_file_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    game = tmp_path / "game"
    game.mkdir()
    os.mkfifo(game / "game.json")
    result = subprocess.run(
        [sys.executable, "-m", "game", "class", "status", str(game)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "game.json" in result.stderr and "FIFO" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("reference", ["../../../../../../../../etc/passwd", "/etc/passwd", "..\\secret.yaml"])
def test_a_scenario_cannot_name_a_file_outside_its_folder(
    reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "mine.yaml"
    text = (SCENARIOS_DIR / "sandbox.yaml").read_text(encoding="utf-8")
    scenario.write_text(f"baseline: '{reference}'\n" + text.replace("baseline:", "# baseline:"), encoding="utf-8")
    assert main(["validate", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert f"{scenario}:1: baseline:" in err
    assert "leaves the scenario's folder" in err
    assert "root:" not in err  # nothing of the named file is quoted


def test_a_baseline_that_is_a_symlink_loop_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SCENARIOS_DIR / "sandbox.yaml", tmp_path / "sandbox.yaml")
    (tmp_path / "baseline").mkdir()
    for name in ("baseline_2023.yaml", "baseline_2022.yaml"):
        (tmp_path / "baseline" / name).symlink_to(tmp_path / "baseline" / name)
    assert main(["validate", str(tmp_path / "sandbox.yaml")]) == 2
    err = capsys.readouterr().err
    assert "baseline" in err and "Traceback" not in err
