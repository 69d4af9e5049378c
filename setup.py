"""Build hook: a wheel carries the shipped folders ``scenarios/`` and ``assets/`` inside the package.

They stay at the top of the repository (where authors edit them) and are copied into
``game/_shipped/`` of the build, where ``game.shipped`` looks first. An editable install
needs no copy: it reads the repository's folders. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED_FOLDERS = ("scenarios", "assets")
PACKAGED = Path("game") / "_shipped"  # game.shipped.PACKAGED (the build cannot import the game)


class BuildWithShippedFiles(build_py):
    """``build_py`` that also copies the shipped folders into the built package."""

    def run(self) -> None:
        """Build the modules, then copy each shipped folder whole (licences and read-mes too)."""
        super().run()
        if self.editable_mode:
            return
        for folder in SHIPPED_FOLDERS:
            target = Path(self.build_lib) / PACKAGED / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / folder, target)


setup(cmdclass={"build_py": BuildWithShippedFiles})
