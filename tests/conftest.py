"""Shared fixtures: the tiny test world and helpers to build states by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from game.engine.layout import BLOCKS
from game.engine.world import World
from game.i18n import LANGUAGE_VARIABLE, set_language
from game.scenario.compile import compile_world
from game.scenario.load import LoadedScenario, load_scenario

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
# The folders platformdirs reads on Linux and the BSDs for the settings and the saves (and what subprocesses inherit).
XDG_FOLDERS = {"XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_STATE_HOME": "state"}


def player_folders() -> list[Path]:
    """Where the game keeps a player's settings and saves, as the environment says now (``MULTIVECTOR_DATA_DIR``
    when set, else the user's config and data folders)."""
    from platformdirs import user_config_dir, user_data_dir

    override = os.environ.get("MULTIVECTOR_DATA_DIR")
    folders = [Path(user_config_dir("multivector")), Path(user_data_dir("multivector"))]
    return [Path(override), *folders] if override else folders


def folder_snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` with its size and modification time."""
    return {
        str(found): (found.stat().st_size, found.stat().st_mtime_ns)
        for folder in folders if folder.is_dir() for found in folder.rglob("*") if found.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def real_player_folders_untouched() -> Iterator[list[Path]]:
    """The developer's own settings and saves are the same after the tests as before (taken before any test
    points the folders elsewhere; a game played on this machine while the tests run would trip it too). The
    compiled kernels' cache (``game.kernel_cache``) is the one user folder the tests share on purpose."""
    folders = player_folders()
    before = folder_snapshot(folders)
    yield folders
    after = folder_snapshot(folders)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"the tests wrote into the player's own folders: {changed}"


@pytest.fixture(autouse=True)
def private_player_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own empty settings and save folders, and so do the programs it starts: a developer's
    settings (a 150% UI scale, a language) and saves never reach a test, and a test never writes among them. A
    test that wants a data folder of its own still sets ``MULTIVECTOR_DATA_DIR`` (tests/ui's ``saves``)."""
    home = tmp_path_factory.mktemp("player")
    for variable, name in XDG_FOLDERS.items():
        monkeypatch.setenv(variable, str(home / name))
    monkeypatch.delenv("MULTIVECTOR_DATA_DIR", raising=False)
    # platformdirs reads no XDG variable on macOS and Windows: point the game's two readers there too (in-process).
    import game.io.settings
    import game.play.previews

    monkeypatch.setattr(game.io.settings, "user_config_dir", lambda app: str(home / "config" / app))
    monkeypatch.setattr(game.play.previews, "user_data_dir", lambda app: str(home / "data" / app))
    return home


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MULTIVECTOR_LANG=en for every test (a developer's Russian locale must not change what the English
    tests read; subprocesses inherit it), and English switched back on after it (the language is
    process-wide). A test of another language or of the locale's resolution sets its own."""
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def tiny_loaded() -> LoadedScenario:
    """The tiny test scenario, loaded."""
    return load_scenario(DATA / "tiny.yaml")


@pytest.fixture(scope="session")
def tiny_world(tiny_loaded: LoadedScenario) -> World:
    """The tiny test scenario, compiled with default levers."""
    return compile_world(tiny_loaded)


def column(block: str, **codes: str) -> int:
    """Flat column of a variable, e.g. ``column('dependence', country='KZ', power='RU', channel='trade')``."""
    return BLOCKS[block].column(**codes)


def quiet(world: World) -> World:
    """The same world with no noise and no drift, so a rule's effect can be read alone."""
    from dataclasses import replace

    return replace(world, rules=replace(world.rules, noise=0.0, drift_rate=0.0, relation_drift_rate=0.0))


def values_of(state_values: np.ndarray, block: str, **codes: str) -> float:
    """One variable of run 0."""
    return float(state_values[0, column(block, **codes)])


def check_golden(summary: dict[str, object], golden_path: Path, regenerate: bool) -> None:
    """Compare a run's summary with its stored golden file (rewrite it when `regenerate`).

    On a mismatch the message names every differing field with both values, so a reader
    sees at once whether scores drifted a little or an event stopped firing.
    """
    import json

    if regenerate:
        golden_path.write_text(json.dumps(summary, indent=2) + "\n")
    golden = json.loads(golden_path.read_text())
    differences = [
        f"{key}: golden {json.dumps(golden[key])[:300]} != now {json.dumps(summary.get(key))[:300]}"
        for key in golden
        if golden[key] != summary.get(key)
    ]
    assert not differences, f"summary differs from {golden_path.name} (MULTIVECTOR_REGENERATE_GOLDEN=1 " \
        "rewrites it after a deliberate rule change):\n" + "\n".join(differences)
