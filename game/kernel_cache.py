"""Where numba keeps the engine's compiled kernels: one folder per version of the engine's code.

numba checks a cached kernel against its own source file only, yet the machine code also
holds what it inlined from other modules (the push rule, the layout's column offsets). So
the cache folder is named by a hash of every source file that kernels are built from, plus
the numba and numpy versions: change any of them and the kernels are compiled afresh
instead of running stale code. The folder is the user's cache folder (platformdirs), or
the temporary folder when that cannot be written; with neither, kernels are compiled in
memory each run (slower to start, same results). The few newest folders are kept.

``configure_kernel_cache`` runs when ``game.engine.compiled`` is imported, before any kernel is
defined (numba reads the folder when a cached function is decorated). Not when the ``game``
package is imported: commands that run no kernel (``--help``, ``validate``) would pay for
importing numpy and hashing the engine's sources.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

PACKAGE = Path(__file__).resolve().parent
KERNEL_SOURCES = ("engine", "play/metrics.py")  # every module that defines or feeds a compiled kernel
KEEP_FOLDERS = 4  # cache folders of older code versions kept, newest first (switching branches)
ENVIRONMENT_FLAG = "MULTIVECTOR_KERNEL_CACHE"  # the folder chosen, or "" when kernels are not cached


def kernel_cache_key(package: Path = PACKAGE) -> str:
    """A hash of the kernels' source files and the numba and numpy versions (16 hex digits)."""
    # Imported by then wherever kernels are set up; their own version strings, as the installed packages'
    # metadata records them (looking them up there took 20 ms of every command's start).
    import numba
    import numpy

    digest = hashlib.sha256(f"numba {numba.__version__} numpy {numpy.__version__} {sys.version}".encode())
    for source in KERNEL_SOURCES:
        path = package / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(file.relative_to(package)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _writable(folder: Path) -> bool:
    """Create ``folder`` and check that a file can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def _prune(kernels: Path, keep: Path) -> None:
    """Remove all but the newest ``KEEP_FOLDERS`` cache folders besides ``keep``."""
    try:
        others = sorted(
            (folder for folder in kernels.iterdir() if folder.is_dir() and folder != keep),
            key=lambda folder: folder.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return
    for folder in others[KEEP_FOLDERS:]:
        shutil.rmtree(folder, ignore_errors=True)


def choose_kernel_folder(bases: list[Path], key: str) -> Path | None:
    """The first ``base/kernels/key`` that can be written (older versions' folders pruned), or None."""
    for base in bases:
        folder = base / "kernels" / key
        if _writable(folder):
            _prune(folder.parent, folder)
            return folder
    return None


def configure_kernel_cache() -> Path | None:
    """Point numba at this code version's cache folder; return it (None: kernels will not be cached)."""
    chosen = os.environ.get(ENVIRONMENT_FLAG)
    if chosen is None:  # not yet chosen in this process or a parent
        bases = [Path(platformdirs.user_cache_dir("multivector")), Path(tempfile.gettempdir()) / "multivector"]
        folder = choose_kernel_folder(bases, kernel_cache_key())
        chosen = os.environ[ENVIRONMENT_FLAG] = str(folder or "")
    if chosen:
        # Set only when it changes: the map game imports the engine on a second thread (game.ui.app),
        # and setting the environment while another thread reads it is not safe in C.
        if os.environ.get("NUMBA_CACHE_DIR") != chosen:
            os.environ["NUMBA_CACHE_DIR"] = chosen
        if "numba" in sys.modules:  # imported before us: its settings were read already
            sys.modules["numba"].config.CACHE_DIR = chosen
    return Path(chosen) if chosen else None


def skip_blas_check() -> None:
    """Tell numba there is no BLAS before it loads its numpy functions (with the first kernel).

    numba checks for BLAS when it loads them, by importing ``scipy.linalg`` (which imports numpy.f2py):
    0.12 s of CPU before a batch's workers can start, on every command that runs a kernel. Only
    ``np.dot``, ``np.vdot``, ``@`` and ``np.linalg`` need BLAS in compiled code, and no kernel of the game
    calls them (a kernel that did would fail to compile, saying so), so the kernels' machine code, and
    every number they compute, is the same with or without it. Too late (harmless) once numba has loaded
    them."""
    import numba.np.linalg

    def no_blas() -> None:
        raise ImportError("the game's kernels use no BLAS (game.kernel_cache.skip_blas_check)")

    numba.np.linalg.ensure_blas = no_blas


READY_MARK = "ready"  # prefix of the file written in the cache folder once every kernel has been compiled into it


def source_stamp(package: Path = PACKAGE) -> str:
    """What numba checks a cached kernel against besides the code: where the source files are (their
    folder names the cache's subfolder) and their modification times and sizes (the cache's index), as
    16 hex digits. A copy of the same code at another path, or a touched file, compiles afresh; so does
    the ready mark (:func:`kernels_ready`) follow it."""
    digest = hashlib.sha256(str(package).encode())
    for source in KERNEL_SOURCES:
        path = package / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            stat = file.stat()
            digest.update(f"{file.relative_to(package)} {stat.st_mtime!r} {stat.st_size}".encode())
    return digest.hexdigest()[:16]


def _kernel_folder() -> Path | None:
    """The folder chosen for this process (choosing it now if the engine is not imported yet), or None."""
    chosen = os.environ.get(ENVIRONMENT_FLAG)
    if chosen is None:
        return configure_kernel_cache()
    return Path(chosen) if chosen else None


def ready_mark(folder: Path, package: Path = PACKAGE) -> Path:
    """The file saying every kernel of the code at ``package`` (as it is now) is compiled in ``folder``:
    one per copy of the code, so two checkouts of the same version do not take each other's for theirs."""
    return folder / f"{READY_MARK}-{source_stamp(package)}"


def kernels_ready() -> bool:
    """Whether this code version's kernels are all compiled and cached for the code at its present path
    and file times, as numba keys them (True when nothing can be cached: then every start compiles, and
    there is nothing to prepare ahead)."""
    folder = _kernel_folder()
    return folder is None or ready_mark(folder).exists()


def mark_kernels_ready() -> None:
    """Note in the cache folder that every kernel is compiled (see ``game.warm_up``)."""
    folder = _kernel_folder()
    if folder is not None:
        # A full or read-only cache: the kernels work, and the next start prepares them again.
        with contextlib.suppress(OSError):
            ready_mark(folder).write_text(f"every kernel compiled for {PACKAGE}\n", encoding="utf-8")
