"""The tests never read or write the player's own settings and saves (tests/conftest.py's autouse fixtures)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.io.settings import Settings, load_settings, save_settings, settings_path
from game.play.previews import default_saves_dir
from tests.conftest import player_folders


def test_settings_and_saves_are_in_the_tests_own_folder(private_player_folders: Path) -> None:
    assert settings_path().is_relative_to(private_player_folders)
    assert default_saves_dir().is_relative_to(private_player_folders)
    assert not settings_path().exists()  # nobody's 150% UI scale: the defaults
    assert load_settings().settings == Settings()


def test_a_settings_change_lands_in_the_tests_folder_not_the_players(
    private_player_folders: Path, real_player_folders_untouched: list[Path]
) -> None:
    written = save_settings(Settings(ui_scale=150, fullscreen=True))
    assert written.is_relative_to(private_player_folders)
    assert json.loads(written.read_text(encoding="utf-8")) == {"ui_scale": 150, "fullscreen": True}
    assert not any(written.is_relative_to(folder) for folder in real_player_folders_untouched)


def test_a_program_the_tests_start_finds_the_tests_folders(private_player_folders: Path) -> None:
    """Subprocesses inherit the folders (the command line, the map in a real window)."""
    code = (
        "from game.io.settings import settings_path; from game.play.previews import default_saves_dir; "
        "print(settings_path()); print(default_saves_dir())"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert all(Path(path).is_relative_to(private_player_folders) for path in shown), shown
    assert all(Path(path).is_relative_to(private_player_folders) for path in map(str, player_folders()))
