"""What a newcomer meets first: the engine prepared once and said so, scenarios found by id or
beside a copied file, the map refusing cleanly without a screen, help text without markup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game import kernel_cache
from game.cli import main
from game.shipped import SCENARIOS_DIR

ROOT = Path(__file__).resolve().parent.parent


def multivector(
    *arguments: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The command in a child process (from ``cwd``), as a user runs it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, env=environment, cwd=cwd
    )


def test_the_first_playing_command_prepares_the_engine_once_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kernels"
    folder.mkdir()
    monkeypatch.setenv(kernel_cache.ENVIRONMENT_FLAG, str(folder))
    prepared: list[str] = []

    def warm_up() -> float:
        prepared.append("warm")
        kernel_cache.mark_kernels_ready()
        return 12.5

    monkeypatch.setattr("game.warm_up.warm_up", warm_up)
    assert main.main(["validate", "tutorial"]) == 0  # reads files only: nothing to prepare
    assert prepared == []
    out = tmp_path / "out"
    assert main.main(["run", "tutorial", "--seed", "1", "--turns", "1", "--out", str(out)]) == 0
    assert prepared == ["warm"]
    assert "Ready in 12.5 s." in capsys.readouterr().err
    assert main.main(["run", "tutorial", "--seed", "1", "--turns", "1", "--out", str(out)]) == 0
    assert prepared == ["warm"]  # the cache says ready: never again
    assert kernel_cache.ready_mark(folder).is_file()


def test_nothing_to_prepare_when_kernels_cannot_be_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kernel_cache.ENVIRONMENT_FLAG, "")
    assert kernel_cache.kernels_ready()
    kernel_cache.mark_kernels_ready()  # no folder: does nothing, raises nothing


def test_validate_takes_shipped_ids_and_refuses_unknown_ones() -> None:
    good = multivector("validate", "sandbox", "tutorial")
    assert good.returncode == 0, good.stderr
    assert good.stdout.count("ok ") == 2
    bad = multivector("validate", "sandbx", "tutorial")
    assert bad.returncode == 2
    assert "error: no scenario 'sandbx'; did you mean 'sandbox'?" in bad.stderr
    assert "ok " in bad.stdout  # the others are still checked
    assert "Traceback" not in bad.stderr


def test_a_copied_scenario_finds_the_shipped_catalogue_and_baseline(tmp_path: Path) -> None:
    copy = tmp_path / "my_scenario.yaml"
    shutil.copy(SCENARIOS_DIR / "tutorial.yaml", copy)
    result = multivector("run", str(copy), "--seed", "3", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shipped = multivector("run", "tutorial", "--seed", "3", "--out", str(tmp_path / "shipped"), cwd=tmp_path)
    history = "history.csv"
    assert (tmp_path / "out" / history).read_bytes() == (tmp_path / "shipped" / history).read_bytes()
    assert shipped.returncode == 0


def test_a_missing_named_file_is_refused_at_its_line(tmp_path: Path) -> None:
    text = (SCENARIOS_DIR / "tutorial.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(number for number, content in enumerate(lines, 1) if content.startswith("baseline:"))
    lines[line - 1] = "baseline: baseline/nowhere.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = multivector("validate", str(broken))
    assert result.returncode == 2
    assert f"broken.yaml:{line}: baseline: " in result.stderr
    assert "baseline/nowhere.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_map_without_a_screen_says_so_and_exits() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("a screen is always there off Linux")
    environment = {name: "" for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = multivector("play", "sandbox", env=environment)
    assert result.returncode == 2
    assert result.stderr.startswith("error: no screen")
    assert "Traceback" not in result.stderr


def test_the_map_refuses_a_misspelled_scenario_before_opening() -> None:
    result = multivector("play", "sandbx", env={"SDL_VIDEODRIVER": "dummy"})
    assert result.returncode == 2
    assert "no scenario 'sandbx'; did you mean 'sandbox'?" in result.stderr
    assert "pygame" not in result.stdout + result.stderr  # neither a window nor pygame's banner


@pytest.mark.parametrize("command", ["run", "validate", "play", "batch", "class"])
def test_help_reads_as_plain_text(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main.main([command, "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "``" not in shown
    assert f"multivector {command}" in shown
