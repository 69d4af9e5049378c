"""Every command that reads a file refuses what is not a regular file, by name, at once.

``/dev/zero`` and a FIFO report a size of 0, so a size check alone lets them through: one
filled memory, the other hung forever. Each reader now reads at most its limit from the
stream and refuses devices, FIFOs, sockets, folders and symbolic-link loops before reading.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main
from game.shipped import SCENARIOS_DIR
from tests.hardening.special_sweep import KINDS

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero (POSIX)")


SWEEP = Path(__file__).with_name("special_sweep.py")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """The results of every reader given every kind of special file (see special_sweep.py), run in
    a child process whose timeout fails the test if a reader hangs."""
    root = tmp_path_factory.mktemp("sweep")
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "2", "--out", str(root / "game")]) == 0
    assert main(["run", "sandbox", "--seed", "1", "--turns", "2", "--out", str(root / "played")]) == 0
    result = subprocess.run(
        [sys.executable, str(SWEEP), str(root)],
        capture_output=True, text=True, timeout=900, check=False,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_sweep_covers_every_reader_and_every_kind(sweep: list[dict[str, object]]) -> None:
    cases = {str(row["case"]) for row in sweep}
    for reader in ("validate", "run", "batch", "compare", "compare --vs", "tournament", "hindcast", "play",
                   "why SAVE", "why RUN_DIR", "report RUN_DIR", "report GAME_DIR", "class new",
                   "class turn ORDERS", "class inject --custom", "class status GAME_DIR",
                   "class template --team KZ GAME_DIR", "class turn --no-files GAME_DIR", "class undo GAME_DIR",
                   "class repair GAME_DIR", "class inject migrant_raids GAME_DIR", "class inject --list GAME_DIR",
                   "class deadline-policy hold GAME_DIR", "play: load a save", "play: Continue"):
        assert reader in cases, reader
    assert {row["kind"] for row in sweep} == set(KINDS)
    assert len(sweep) == len(cases) * len(KINDS)


def test_every_reader_refuses_every_special_file_with_one_message_naming_it(
    sweep: list[dict[str, object]],
) -> None:
    wrong = [
        f"{row['case']} / {row['kind']}: exit {row['code']}: {row['err']!r}"
        for row in sweep
        if row["code"] != 2
        or len(str(row["err"]).splitlines()) != 1
        or str(row["names"]) not in str(row["err"])
        or "Traceback" in str(row["err"])
    ]
    assert wrong == []


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


def test_a_file_to_write_that_is_a_fifo_or_a_link_to_a_device_is_refused_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    game = tmp_path / "game"
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "2", "--out", str(game)]) == 0
    fifo = tmp_path / "kz.yaml"
    os.mkfifo(fifo)
    device = tmp_path / "null.yaml"
    device.symlink_to(os.devnull)  # as root, renaming over /dev/full itself replaced the device with a file
    capsys.readouterr()
    for target, kind in ((fifo, "a named pipe (FIFO)"), (device, "a device")):
        assert main(["class", "template", str(game), "--team", "KZ", "--out", str(target)]) == 2
        assert capsys.readouterr().err.splitlines() == [
            f"error: cannot write or read {target}: it is {kind}, not a file; name a file to write"
        ]
    assert fifo.is_fifo() and device.is_symlink()
