"""Class games for the class server's tests: made once per module by the command line, copied per test."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.classroom.folder import LOCK_FILE
from game.cli.classgame import _class_debrief, write_turn_outputs
from game.server.app import Server, make_app
from game.server.run import build_server

TEAMS = "KZ,RU"


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command line, as a teacher runs it."""
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


def new_class_game(folder: Path, teams: str = TEAMS, turns: int = 4) -> Path:
    """A new sandbox class game in ``folder``."""
    result = multivector(
        "class", "new", "sandbox", "--teams", teams, "--seed", "3", "--turns", str(turns), "--out", str(folder)
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def class_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One class game per module, never changed (tests work on copies)."""
    return new_class_game(tmp_path_factory.mktemp("template") / "game")


@pytest.fixture
def class_dir(class_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the module's class game."""
    return Path(shutil.copytree(class_template, tmp_path / "game"))


@pytest.fixture
def server(class_dir: Path) -> Server:
    """The class server of ``class_dir`` (keys made on first start)."""
    return build_server(class_dir, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/")


@pytest.fixture
def client(server: Server) -> Iterator[TestClient]:
    """A browser's view of the server (keeps cookies)."""
    with TestClient(make_app(server), follow_redirects=False) as test_client:
        yield test_client


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a class folder and its bytes (the lock file aside: it is the lock, not the game)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != LOCK_FILE
    }


def csrf_of(page: str) -> str:
    """The CSRF token of a page's first form."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no form"
    return found.group(1)


def open_options(page: str) -> list[str]:
    """The orders a team's page lets it tick now (``action:TARGET``), in page order."""
    return re.findall(r'name="order" value="([^"]+)"(?! disabled)>', page)
