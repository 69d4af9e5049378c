"""The compiled kernels' cache: a new folder whenever their code changes, and no cache rather than a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from game.kernel_cache import KEEP_FOLDERS, KERNEL_SOURCES, PACKAGE, choose_kernel_folder, kernel_cache_key

REPO = PACKAGE.parent


def copy_kernel_sources(copy: Path) -> Path:
    """Copy every kernel source file (with its times) into ``copy``; return it."""
    for source in KERNEL_SOURCES:
        if (PACKAGE / source).is_dir():
            shutil.copytree(PACKAGE / source, copy / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (copy / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PACKAGE / source, copy / source)
    return copy


def test_key_changes_when_any_kernel_source_changes(tmp_path: Path) -> None:
    """Kernels inline code from other modules (the push rule, the layout), so every source counts."""
    copy = copy_kernel_sources(tmp_path / "game")
    assert kernel_cache_key(copy) == kernel_cache_key(PACKAGE)
    rules = copy / "engine" / "rules.py"
    rules.write_text(rules.read_text() + "\n# a change in the push rule's module\n")
    assert kernel_cache_key(copy) != kernel_cache_key(PACKAGE)


def test_an_unwritable_folder_is_passed_over(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")  # a folder cannot be made under a file
    usable = tmp_path / "usable"
    assert choose_kernel_folder([blocked, usable], "abc") == usable / "kernels" / "abc"
    assert choose_kernel_folder([blocked], "abc") is None


def test_only_the_newest_old_folders_are_kept(tmp_path: Path) -> None:
    kernels = tmp_path / "kernels"
    for age in range(KEEP_FOLDERS + 3):
        old = kernels / f"old{age}"
        old.mkdir(parents=True)
        os.utime(old, (1_000_000 - age, 1_000_000 - age))
    choose_kernel_folder([tmp_path], "new")
    kept = sorted(folder.name for folder in kernels.iterdir())
    assert kept == sorted(["new", *(f"old{age}" for age in range(KEEP_FOLDERS))])


def test_without_any_writable_folder_the_engine_still_imports() -> None:
    """Kernels are then compiled in memory (slower to start) instead of failing at import.

    (The environment flag is what ``configure_kernel_cache`` leaves when no folder could be
    written; root can write anywhere here, so the flag stands in for a read-only machine.)
    """
    environment = {key: value for key, value in os.environ.items() if key != "NUMBA_CACHE_DIR"}
    environment["MULTIVECTOR_KERNEL_CACHE"] = ""
    code = "import game.engine.compiled as c, game.engine.game; print(c._CACHED)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=environment, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_ready_mark_follows_what_numba_keys_a_cached_kernel_on(tmp_path: Path) -> None:
    """numba keeps a copy's kernels apart (by the path of their source) and rejects them once the source's
    time or size changes, so a copy elsewhere, or a touched source, is not ready although the code is the same."""
    from game.kernel_cache import ready_mark

    copy = copy_kernel_sources(tmp_path / "game")
    folder = tmp_path / "kernels" / kernel_cache_key(copy)
    assert kernel_cache_key(copy) == kernel_cache_key(PACKAGE)  # the same code: the same cache folder
    assert ready_mark(folder, copy) != ready_mark(folder, PACKAGE)  # yet not the same kernels for numba
    assert ready_mark(folder, copy) == ready_mark(folder, copy)
    rules = copy / "engine" / "rules.py"
    before = ready_mark(folder, copy)
    os.utime(rules, (rules.stat().st_atime, rules.stat().st_mtime + 10))
    assert ready_mark(folder, copy) != before
