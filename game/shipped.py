"""Where the files the game ships with are: the scenario library and the map UI's assets.

In the repository they are the top-level folders ``scenarios/`` and ``assets/``, so a clone
or an editable install reads them there. A built wheel carries copies inside the package,
in ``game/_shipped/`` (copied by the build hook in ``setup.py``), so an installed game finds
them wherever pip or pipx put it. The packaged copy is used whenever it exists.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGED = "_shipped"  # the build hook in setup.py copies the folders here


def shipped_folder(name: str) -> Path:
    """The shipped folder ``name`` (``"scenarios"`` or ``"assets"``) of this installation, resolved."""
    package = files("game")
    if not isinstance(package, Path):  # a zipped install: files could not be read as paths
        raise RuntimeError(f"the game must be installed as files on disk, not inside {package}")
    packaged = package / PACKAGED / name
    return (packaged if packaged.is_dir() else package.parent / name).resolve()


SCENARIOS_DIR = shipped_folder("scenarios")
ASSETS_DIR = shipped_folder("assets")
