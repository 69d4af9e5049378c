"""The built package is the whole game: installed into a clean venv, it plays from any folder.

The wheel is built as a release would be (a source distribution of a copy of this tree,
then a wheel from that), installed without dependencies into a fresh venv, and run from
an unrelated folder. The venv borrows this environment's installed dependencies through
a ``.pth`` line naming their folder (nothing is downloaded); a folder named by a ``.pth``
line is only added to the path, its own ``.pth`` files are not run, so the clone's
editable install stays out and ``game`` can come only from the wheel.

Kernels run as plain Python there (``NUMBA_DISABLE_JIT``): compiling them again for the
venv's copy of the sources would take half a minute and produces the same numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from game.scenario.library import SCENARIOS_DIR, portable_path, resolve_saved_path
from tests.conftest import REPO, check_golden

GOLDEN = Path(__file__).parent / "golden"
NOT_IN_A_RELEASE = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist", "out")
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
FIRST_FRAME = 42  # exit code of the play check below once the first frame is on screen
PLAY_UNTIL_FIRST_FRAME = f"""
import sys
import pygame
from game.cli.main import entry

flip, update = pygame.display.flip, pygame.display.update

def flip_then_stop():
    flip()
    sys.exit({FIRST_FRAME})

def update_then_stop(*rectangles):
    update(*rectangles)
    sys.exit({FIRST_FRAME})

# A frame reaches the window by either call (game.ui.present sends only what changed).
pygame.display.flip, pygame.display.update = flip_then_stop, update_then_stop
sys.argv = ["multivector", "play"]
entry()
"""


@dataclass(frozen=True)
class Installed:
    """A venv holding only the built wheel, and an empty folder outside the clone to run it from."""

    venv: Path
    elsewhere: Path

    def program(self, name: str) -> Path:
        """A program of the venv (``python``, ``multivector``)."""
        folder = self.venv / ("Scripts" if os.name == "nt" else "bin")
        return folder / (f"{name}.exe" if os.name == "nt" else name)

    def run(self, program: str, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run a program of the venv in the outside folder."""
        environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        environment |= {"NUMBA_DISABLE_JIT": "1", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        command = [str(self.program(program)), *arguments]
        # A program that never stops (a window that never shows its frame) fails the test, not the suite.
        return subprocess.run(command, capture_output=True, text=True, cwd=self.elsewhere, env=environment, timeout=900)

    def shipped(self) -> Path:
        """The shipped scenarios folder inside the installed package."""
        found = self.run("python", "-c", "from game.shipped import SCENARIOS_DIR; print(SCENARIOS_DIR)")
        assert found.returncode == 0, found.stderr
        return Path(found.stdout.strip())


def build_wheel(work: Path) -> Path:
    """Build a source distribution of a copy of the clone, then a wheel from it; return the wheel."""
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_IN_A_RELEASE)
    hook = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    built = subprocess.run([sys.executable, "-c", hook, str(work)], capture_output=True, text=True, cwd=source)
    assert built.returncode == 0, built.stderr
    with tarfile.open(work / built.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    offline = ["--no-deps", "--no-index", "--quiet", "--no-build-isolation"]
    built = subprocess.run(
        [*PIP, "wheel", *offline, "--wheel-dir", str(work / "wheels"), str(unpacked)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "wheels").glob("multivector-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel installed into a fresh venv that borrows this environment's dependencies."""
    work = tmp_path_factory.mktemp("packaging")
    wheel = build_wheel(work)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    result = Installed(venv, work / "elsewhere")
    result.elsewhere.mkdir()
    purelib = result.run("python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib) / "borrowed_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    command = [*PIP, "--python", str(result.program("python")), "install", "--no-deps", "--no-index", "--quiet"]
    install = subprocess.run([*command, str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return result


def test_the_game_imported_is_the_installed_one(installed: Installed) -> None:
    """``game`` and its shipped folders come from the venv, never from the clone."""
    script = "import game, game.shipped as s; print(game.__file__); print(s.SCENARIOS_DIR); print(s.ASSETS_DIR)"
    result = installed.run("python", "-c", script)
    assert result.returncode == 0, result.stderr
    paths = [Path(line).resolve() for line in result.stdout.splitlines()]
    assert len(paths) == 3
    for path in paths:
        assert path.is_relative_to(installed.venv.resolve()), path
        assert not path.is_relative_to(REPO.resolve()), path


def test_run_from_another_folder_plays_the_golden_game(installed: Installed) -> None:
    """``multivector run sandbox`` plays the same game as the clone and writes every file."""
    result = installed.run("multivector", "run", "sandbox", "--seed", "1", "--out", "out")
    assert result.returncode == 0, result.stderr
    out = installed.elsewhere / "out"
    assert {path.name for path in out.iterdir()} >= {"history.csv", "ledger.csv", "summary.json", "save.json"}
    check_golden(json.loads((out / "summary.json").read_text()), GOLDEN / "sandbox-1.summary.json", False)
    saved = json.loads((out / "save.json").read_text())
    assert saved["scenario"]["path"] == "sandbox.yaml"  # portable: loads in a clone as well


def test_validate_every_shipped_file(installed: Installed) -> None:
    """Scenarios, action catalogue and baselines are in the package, and all of them are valid."""
    shipped = installed.shipped()
    files = sorted(shipped.rglob("*.yaml"))
    assert {path.relative_to(shipped).as_posix() for path in files} == {
        path.relative_to(SCENARIOS_DIR).as_posix() for path in SCENARIOS_DIR.rglob("*.yaml")
    }
    schemas = {path.name for path in (SCENARIOS_DIR / "schema").iterdir()}
    assert {path.name for path in (shipped / "schema").iterdir()} == schemas
    result = installed.run("multivector", "validate", *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_play_opens_its_first_screen(installed: Installed) -> None:
    """``multivector play`` finds its fonts, theme and map, and draws a first frame."""
    result = installed.run("python", "-c", PLAY_UNTIL_FIRST_FRAME)
    assert result.returncode == FIRST_FRAME, result.stderr


@pytest.mark.parametrize(
    "written",
    ["/home/ann/old-clone/scenarios/sandbox.yaml", r"C:\Users\ann\multivector\scenarios\sandbox.yaml", "sandbox.yaml"],
    ids=["posix-path", "windows-path", "file-name"],
)
def test_saves_naming_a_vanished_shipped_scenario_load_the_shipped_one(written: str) -> None:
    """A save written in a clone that has since moved, or on another machine, finds the shipped file."""
    assert resolve_saved_path(written) == SCENARIOS_DIR / PureWindowsPath(written).name


def test_saves_naming_other_scenarios_keep_their_path(tmp_path: Path) -> None:
    """A scenario of one's own is named by its path, found there, and never swapped for a shipped one."""
    own = tmp_path / "scenarios" / "sandbox.yaml"
    own.parent.mkdir()
    own.write_text("id: mine\n")
    assert resolve_saved_path(portable_path(own)) == own.resolve()
    assert resolve_saved_path(str(tmp_path / "elsewhere" / "sandbox.yaml")) == tmp_path / "elsewhere" / "sandbox.yaml"
    assert portable_path(SCENARIOS_DIR / "sandbox.yaml") == "sandbox.yaml"
