"""What the teacher's console shows when the server starts, and what the other commands do not load."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from benchmarks.class_server_load import free_port
from game.cli.classgame import _class_debrief, write_turn_outputs
from game.cli.main import main
from game.server import run as run_module
from game.server.app import make_app
from game.server.keys import JOIN_ALPHABET, KEYS_FILE, load_or_make_keys, normal_code
from tests.server.conftest import multivector, open_options


def test_the_console_prints_the_address_qr_code_join_codes_and_the_teachers_link(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(run_module, "run_on", lambda app, listening: served.append(listening.getsockname()))
    lines: list[str] = []
    port = free_port()
    run_module.serve(class_dir, "127.0.0.1", port, write_turn_outputs, _class_debrief, lines.append)
    keys = json.loads((class_dir / KEYS_FILE).read_text())
    text = "\n".join(lines)
    assert served == [("127.0.0.1", port)]  # bound where the teacher said, and said so
    assert "class server for " + str(class_dir) + f" on 127.0.0.1:{port}" in text
    assert f"students open http://127.0.0.1:{port}/ and type their team's join code:" in text
    assert f"  Kazakhstan (KZ): {keys['join_codes']['KZ']}" in lines
    assert f"  Russia (RU): {keys['join_codes']['RU']}" in lines
    assert f"teacher's dashboard (keep it to yourself): http://127.0.0.1:{port}/teacher/{keys['teacher_key']}" in lines
    assert text.count(keys["teacher_key"]) == 1  # printed once
    qr = run_module.qr_text(f"http://127.0.0.1:{port}/")
    rows = qr.splitlines()
    assert len({len(row) for row in rows}) == 1 and len(rows) >= 12  # a square of half-height blocks
    assert qr in lines
    # Bound to this computer only: the teacher is told the students cannot reach it, and how to change that.
    assert (
        "note: on 127.0.0.1 only this computer can open these pages; students on other machines cannot reach them. "
        f"For the room's network: multivector class serve {class_dir} --host 0.0.0.0 --port {port}"
    ) in lines


def test_on_the_network_there_is_no_warning(class_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "run_on", lambda app, listening: None)
    lines: list[str] = []
    run_module.serve(class_dir, "0.0.0.0", free_port(), write_turn_outputs, _class_debrief, lines.append)
    assert not any("only this computer" in line for line in lines)


def test_the_console_shows_a_line_per_submission_and_per_resolve(class_dir: Path) -> None:
    lines: list[str] = []
    address = "http://127.0.0.1:8000/"
    server = run_module.build_server(class_dir, write_turn_outputs, _class_debrief, address, lines.append)
    with TestClient(make_app(server), follow_redirects=False) as client:
        key = server.keys.team_keys["KZ"]
        options = open_options(client.get(f"/team/{key}").text)
        assert lines == []  # reading pages prints nothing
        for picked in (options[:2], options[:1]):
            client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key), "order": picked})
        teacher = server.keys.teacher_key
        client.post(f"/teacher/{teacher}/resolve", data={"csrf": server.keys.form_token(teacher), "quarter": "2023Q1"})
    clock = r"\d\d:\d\d:\d\d  "
    assert len(lines) == 3
    assert re.fullmatch(clock + r"Kazakhstan \(KZ\) submitted 2 orders for 2023Q1", lines[0])
    assert re.fullmatch(clock + r"Kazakhstan \(KZ\) submitted 1 order for 2023Q1 \(version 2\)", lines[1])
    assert re.fullmatch(clock + r"teacher: resolved 2023Q1", lines[2])


def test_ctrl_c_stops_the_server_with_a_message_and_no_traceback(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(app: object, listening: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run_on", interrupted)
    assert main(["class", "serve", str(class_dir), "--port", str(free_port())]) == 0
    out, err = capsys.readouterr()
    said = " ".join(out.split())
    assert f"class server stopped; the join codes, page links and submissions are kept in {class_dir}" in said
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in out + err


def test_class_new_points_to_class_serve(tmp_path: Path) -> None:
    result = multivector("class", "new", "sandbox", "--teams", "KZ", "--turns", "2", "--out", str(tmp_path / "g"))
    assert result.returncode == 0
    assert f"next: multivector class serve {tmp_path / 'g'} --host 0.0.0.0" in " ".join(result.stdout.split())


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
        "('starlette', 'uvicorn', 'segno', 'jinja2', 'multipart', 'python_multipart', 'httpx', 'httpx2'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
