"""Reading a user's file safely: regular files only, never more than a limit.

Every file the program reads (scenarios, baselines, orders, saves, class games, settings)
comes through :func:`read_limited`. A file's size is not trusted (``/dev/zero`` and a FIFO
report 0 bytes): the stream itself is read up to the limit and one byte more. Devices,
FIFOs, sockets and folders are refused by name before a byte is read, and a FIFO is
opened without blocking so that a name pointing at one cannot hang the program.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from game.i18n.catalog import N_, _
from game.i18n.formatting import format_number
from game.scenario.errors import InputFileError, Problem

NAMED_FOLDERS_VARIABLE = "MULTIVECTOR_SCENARIO_FOLDERS"


def named_folders() -> list[Path]:
    """The folders the user named in ``MULTIVECTOR_SCENARIO_FOLDERS`` (separated as in ``PATH``),
    where a scenario's references may point besides its own folder tree; none when unset."""
    text = os.environ.get(NAMED_FOLDERS_VARIABLE, "")
    return [Path(part).expanduser().resolve() for part in text.split(os.pathsep) if part.strip()]

_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
)
# What the system says most often when a file cannot be opened, in the player's words (else the system's).
_OPEN_ERRORS = {
    errno.ENOENT: N_("no such file"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ELOOP: N_("a symbolic link that points back to itself (a loop)"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def _refusal(name: str, message: str) -> InputFileError:
    return InputFileError([Problem(name, None, "", message)])


def _open_error(name: str, error: OSError) -> InputFileError:
    known = _OPEN_ERRORS.get(error.errno or 0)
    reason = _(known) if known else str(error.strerror or error)
    return _refusal(name, _("cannot read file: {reason}").format(reason=reason))


def not_a_file_kind(mode: int) -> str | None:
    """What a non-regular file is (``a folder``, ``a device``, ...), or None for a regular file."""
    for test, kind in _KINDS:
        if test(mode):
            return _(kind)
    return None if stat.S_ISREG(mode) else _("not a regular file")


def read_limited(path: Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`InputFileError`
    naming ``name`` (default: the path) and what is wrong."""
    shown = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise _open_error(shown, error) from None
    except ValueError:  # a NUL byte in the name
        raise _refusal(repr(shown), _("not a usable file name")) from None
    try:
        kind = not_a_file_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise _refusal(shown, _("is {kind}, not a file").format(kind=kind))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise _open_error(shown, error) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _refusal(shown, _("file is larger than the limit of {limit} bytes").format(limit=format_number(limit)))
    return data


# Characters a terminal acts on instead of showing: C0 controls but newline and tab, DEL, C1 controls.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` (a title or value a user's file supplied) with every control character a terminal
    would act on (ESC, BEL, C1…) written as a visible ``\\xNN``, so it cannot clear the screen or
    set the clipboard when printed, nor reach a chart's font as an invisible glyph."""
    return _CONTROL_CHARACTERS.sub(lambda found: f"\\x{ord(found.group()):02x}", text)
