"""Atomic file writes: a temporary file, fsync, then rename over the target."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from game.i18n.catalog import _
from game.scenario.files import not_a_file_kind


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file; refuse a
    `path` that is a device, a FIFO, a socket or a folder (renaming over it would replace it)."""
    _refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        # The temporary's name, or none (a full disk on write), would blame the wrong file.
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _remove_stale_temporaries(path)
    _fsync_folder(path.parent)


def _refuse_special(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # absent (the usual case), or unreachable: the write itself will say
        return
    kind = not_a_file_kind(mode)
    if kind is not None:
        raise OSError(errno.EINVAL, _("it is {kind}, not a file; name a file to write").format(kind=kind), str(path))


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer that was killed before its rename."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(path: Path, text: str) -> None:
    """Atomic write of UTF-8 text with Unix newlines."""
    write_atomic(path, text.encode("utf-8"))


OUTPUT_MARKER = ".multivector-output"  # names the command whose output a folder is


class OutputFolderError(Exception):
    """An output folder that must not be replaced (it holds something else)."""


CLASS_GAME_FILE = "game.json"  # the file that makes a folder a class game (game.classroom.folder)


def check_output_folder(target: Path, command: str, force: bool) -> None:
    """Refuse a non-empty ``target`` that is not an earlier output of ``command`` (unless ``force``).

    Even ``force`` never replaces a class game, the current folder or one of its parents, or the
    home folder: replacing is deleting, and those hold what no command can make again.
    """
    if not target.exists():
        return
    _refuse_precious(target)
    if force:
        return
    if not target.is_dir():
        raise OutputFolderError(f"{target} exists and is not a folder")
    if not any(target.iterdir()):
        return
    marker = target / OUTPUT_MARKER
    made_by = marker.read_text(encoding="utf-8", errors="replace").strip() if marker.is_file() else ""
    if made_by != command:
        what = f"the output of '{made_by}'" if made_by else "files that are not an output of multivector"
        raise OutputFolderError(
            f"{target} holds {what}; choose another --out or give --force to replace it with this {command}"
        )


def _refuse_precious(target: Path) -> None:
    """Raise for a folder that ``--force`` must not replace (see :func:`check_output_folder`)."""
    resolved = target.resolve()
    if (target / CLASS_GAME_FILE).exists():
        raise OutputFolderError(f"{target} is a class game; outputs never replace it: choose another --out")
    if resolved == Path.home().resolve() or resolved in (Path.cwd().resolve(), *Path.cwd().resolve().parents):
        raise OutputFolderError(f"{target} holds the current or home folder; choose a new folder for --out")


@contextlib.contextmanager
def output_folder(target: Path, command: str, force: bool = False) -> Iterator[Path]:
    """A folder to write a command's outputs into, which becomes ``target`` whole when the block ends.

    The files go into a temporary sibling; at the end it gets a marker naming ``command`` and is
    renamed into place (an earlier output is moved aside first, then deleted), so ``target`` holds
    one run's files or is absent, never a mix. A failure or a kill leaves the earlier ``target``
    as it was; what a killed writer left beside it is removed by the next one.
    """
    check_output_folder(target, command, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(target)
    staging = target.parent / f".{target.name}.{os.getpid()}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        (staging / OUTPUT_MARKER).write_text(command + "\n", encoding="utf-8")
        _fsync_folder(staging)
        _put_in_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _put_in_place(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``, moving an earlier ``target`` aside first."""
    aside = target.parent / f".{target.name}.{os.getpid()}.old"
    if target.exists():
        os.replace(target, aside)
    os.replace(staging, target)
    _fsync_folder(target.parent)
    shutil.rmtree(aside, ignore_errors=True)


def _remove_abandoned(target: Path) -> None:
    """Staging and set-aside siblings of ``target`` whose writer is no longer running."""
    for sibling in target.parent.glob(f".{target.name}.*"):
        _, _, rest = sibling.name.partition(f".{target.name}.")
        pid, _, kind = rest.partition(".")
        if kind in ("staging", "old") and pid.isdigit() and not _is_running(int(pid)):
            shutil.rmtree(sibling, ignore_errors=True)


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of an earlier process that had this id
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a platform without signals
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
