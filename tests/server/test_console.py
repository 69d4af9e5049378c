"""What the teacher's console shows when the server starts, and what the other commands do not load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.classgame import _class_debrief, write_turn_outputs
from game.server import run as run_module
from game.server.keys import JOIN_ALPHABET, KEYS_FILE, load_or_make_keys, normal_code


def test_the_console_prints_the_address_qr_code_join_codes_and_the_teachers_link(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(run_module.uvicorn, "run", lambda app, host, port, **_: served.append((host, port)))
    lines: list[str] = []
    run_module.serve(class_dir, "127.0.0.1", 8123, write_turn_outputs, _class_debrief, lines.append)
    keys = json.loads((class_dir / KEYS_FILE).read_text())
    text = "\n".join(lines)
    assert served == [("127.0.0.1", 8123)]  # bound where the teacher said, and said so
    assert "class server for " + str(class_dir) + " on 127.0.0.1:8123" in text
    assert "students open http://127.0.0.1:8123/ and type their team's join code:" in text
    assert f"  Kazakhstan (KZ): {keys['join_codes']['KZ']}" in lines
    assert f"  Russia (RU): {keys['join_codes']['RU']}" in lines
    assert f"teacher's dashboard (keep it to yourself): http://127.0.0.1:8123/teacher/{keys['teacher_key']}" in lines
    assert text.count(keys["teacher_key"]) == 1  # printed once
    qr = run_module.qr_text("http://127.0.0.1:8123/")
    rows = qr.splitlines()
    assert len({len(row) for row in rows}) == 1 and len(rows) >= 12  # a square of half-height blocks
    assert qr in lines


def test_keys_are_random_and_kept_across_restarts(class_dir: Path) -> None:
    first = load_or_make_keys(class_dir, ["KZ", "RU"])
    again = load_or_make_keys(class_dir, ["KZ", "RU"])
    assert again == first
    other = load_or_make_keys(class_dir.parent / "elsewhere", ["KZ", "RU"])
    assert other.join_codes != first.join_codes and other.teacher_key != first.teacher_key
    code = first.join_codes["KZ"]
    assert len(code) == 11 and code[5] == "-" and set(code.replace("-", "")) <= set(JOIN_ALPHABET)
    assert len(first.teacher_key) >= 43 and len(first.team_keys["KZ"]) >= 43  # 32 random bytes
    assert first.team_of_code(normal_code(code.lower())) == "KZ" and first.team_of_code("") is None
    assert (class_dir / KEYS_FILE).stat().st_mode & 0o077 == 0  # readable by the teacher's account only


def test_import_game_and_help_do_not_load_the_web_stack() -> None:
    code = (
        "import sys, contextlib, io\n"
        "import game, game.cli.main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    game.cli.main.main(['--help'])\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    game.cli.main.main(['class', 'serve', '--help'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'segno', 'jinja2', 'multipart', 'python_multipart', 'httpx'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
