"""Give every reader of a user's file each kind of file it must refuse; print one JSON line per case.

Run as a script (``python special_sweep.py ROOT``) by ``test_special_files.py``, so that a reader
that hangs on a FIFO fails the test by its timeout instead of hanging the suite. ROOT must hold
``game/`` (a class game) and ``played/`` (the output folder of ``multivector run``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

KINDS = ("/dev/zero", "fifo", "socket", "symlink loop", "folder")


@contextlib.contextmanager
def special(kind: str, path: Path) -> Iterator[Path]:
    """``path`` made into a file of this kind for the block's duration."""
    server = None
    if kind == "/dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    elif kind == "symlink loop":
        path.symlink_to(path)
    else:
        path.mkdir()
    try:
        yield path
    finally:
        if server is not None:
            server.close()
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _copy_without(root: Path, folder: str, name: str, file: str) -> Path:
    """A copy of ``root/folder`` named ``name`` without its ``file`` (the case puts a special one there)."""
    copy = root / name
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(root / folder, copy)
    (copy / file).unlink()
    return copy


# Each case: (name, how to make the path the special file goes to, the command given that path).
Case = tuple[str, Callable[[Path], Path], Callable[[Path], list[str]]]


def cases(root: Path) -> list[Case]:
    """Every command that reads a user's file, and where it reads it."""
    out = str(root / "out")
    game = str(root / "game")

    def loose(name: str) -> Callable[[Path], Path]:
        return lambda _: root / name

    def in_game(_: Path) -> Path:
        return _copy_without(root, "game", "bad-game", "game.json") / "game.json"

    def in_run(_: Path) -> Path:
        return _copy_without(root, "played", "bad-run", "save.json") / "save.json"

    folder_of: Callable[[Path], str] = lambda bad: str(bad.parent)  # noqa: E731
    return [
        ("validate", loose("s.yaml"), lambda bad: ["validate", str(bad)]),
        ("run", loose("s.yaml"), lambda bad: ["run", str(bad), "--seed", "1", "--out", out]),
        ("batch", loose("s.yaml"), lambda bad: ["batch", str(bad), "--runs", "10", "--seed", "1", "--out", out]),
        ("compare", loose("s.yaml"), lambda bad: ["compare", str(bad), "--vs", "--seed", "1", "--out", out]),
        ("compare --vs", loose("s.yaml"), lambda bad: ["compare", "sandbox", "--vs", str(bad), "--seed", "1",
                                                       "--out", out]),
        ("tournament", loose("s.yaml"), lambda bad: ["tournament", str(bad), "--runs", "1"]),
        ("hindcast", loose("s.yaml"), lambda bad: ["hindcast", str(bad), "--runs", "1"]),
        ("play", loose("s.yaml"), lambda bad: ["play", str(bad)]),
        ("why SAVE", loose("save.json"), lambda bad: ["why", str(bad), "--country", "KZ", "--power", "RU",
                                                      "--quarter", "2023Q1"]),
        ("why RUN_DIR", in_run, lambda bad: ["why", folder_of(bad), "--country", "KZ", "--power", "RU",
                                             "--quarter", "2023Q1"]),
        ("report RUN_DIR", in_run, lambda bad: ["report", folder_of(bad), "--out", str(root / "r.html")]),
        ("report GAME_DIR", in_game, lambda bad: ["report", folder_of(bad), "--out", str(root / "r.html")]),
        ("class new", loose("s.yaml"), lambda bad: ["class", "new", str(bad), "--teams", "KZ", "--out", out]),
        ("class turn ORDERS", loose("kz.yaml"), lambda bad: ["class", "turn", game, str(bad)]),
        ("class inject --custom", loose("e.yaml"), lambda bad: ["class", "inject", game, "--custom", str(bad)]),
        *(
            (f"class {' '.join(words)} GAME_DIR", in_game, lambda bad, words=words: ["class", words[0], folder_of(bad),
                                                                             *words[1:]])
            for words in (["status"], ["template", "--team", "KZ"], ["turn", "--no-files"], ["undo"],
                          ["repair"], ["inject", "migrant_raids"], ["inject", "--list"],
                          ["deadline-policy", "hold"])
        ),
    ]


def _one(root: Path, kind: str, case: Case) -> dict[str, object]:
    from game.cli.main import main

    name, place, command = case
    path = place(root)
    with special(kind, path) as bad:
        err, out = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(command(bad))
            except SystemExit as stop:
                code = int(stop.code or 0)
        seconds = time.perf_counter() - started
    return {"case": name, "kind": kind, "names": str(path), "code": code, "err": err.getvalue(), "seconds": seconds}


def play_layer(root: Path, kind: str) -> list[dict[str, object]]:
    """The map game's loads: a save opened by name, and Continue when the newest autosave is special."""
    from game.play.session import Session, SessionError, continue_last

    results = []
    for name, file_name, load in (
        ("play: load a save", "save.json", Session.load),
        ("play: Continue", "autosave-0001.json", lambda path: continue_last(path.parent)),
    ):
        folder = root / "saves"
        folder.mkdir(exist_ok=True)
        with special(kind, folder / file_name) as bad:
            started = time.perf_counter()
            try:
                load(bad)
                message, code = "", 0
            except SessionError as error:
                message, code = str(error), 2
            seconds = time.perf_counter() - started
        # the map game names a save by its path, an autosave (in the game's own folder) by its name
        names = str(bad) if file_name == "save.json" else file_name
        results.append({"case": name, "kind": kind, "names": names, "code": code, "err": message + "\n",
                        "seconds": seconds})
    return results


def main() -> None:
    """Print one JSON line per (case, kind)."""
    root = Path(sys.argv[1])
    for kind in KINDS:
        for case in cases(root):
            print(json.dumps(_one(root, kind, case)), flush=True)
        for result in play_layer(root, kind):
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
