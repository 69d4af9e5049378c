"""The teacher's console around the server: the restart hint keeps the address, a busy port is one clear line,
the links can be printed again, and `class status` counts what teams submitted from their browsers."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from benchmarks.class_server_load import free_port
from game.cli.main import main
from game.server import run as run_module
from game.server.app import Server, make_app
from game.server.keys import KEYS_FILE, load_or_make_keys
from tests.server.conftest import multivector, open_options


def _interrupted(app: object, listening: object) -> None:
    raise KeyboardInterrupt


def test_the_restart_hint_repeats_the_host_and_port_the_server_was_started_with(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_module, "run_on", _interrupted)
    port = free_port()
    assert main(["class", "serve", str(class_dir), "--host", "0.0.0.0", "--port", str(port)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"'multivector class serve {class_dir} --host 0.0.0.0 --port {port}' starts it again" in said


def test_a_busy_port_is_one_clear_line_before_any_banner(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[object] = []
    monkeypatch.setattr(run_module, "run_on", lambda app, listening: served.append(listening))
    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        code = main(["class", "serve", str(class_dir), "--port", str(port)])
    out, err = capsys.readouterr()
    assert code != 0 and served == []
    keys = load_or_make_keys(class_dir, ["KZ", "RU"])
    assert keys.teacher_key not in out + err and keys.join_codes["KZ"] not in out + err  # no banner at all
    said = " ".join((out + err).split())
    assert f"port {port} is already in use" in said and f"--port {port + 1}" in said
    assert "Traceback" not in out + err


def test_links_prints_the_teachers_link_again_without_serving(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_module, "run_on", _interrupted)
    port = free_port()
    main(["class", "serve", str(class_dir), "--port", str(port)])
    capsys.readouterr()
    served: list[object] = []
    monkeypatch.setattr(run_module, "run_on", lambda app, listening: served.append(listening))
    assert main(["class", "serve", str(class_dir), "--port", str(port), "--links"]) == 0
    out = capsys.readouterr().out
    keys = load_or_make_keys(class_dir, ["KZ", "RU"])
    assert served == []
    assert f"http://127.0.0.1:{port}/teacher/{keys.teacher_key}" in out
    assert keys.join_codes["RU"] in out
    status = multivector("class", "status", str(class_dir))
    assert "--links" in status.stdout  # status says how to get the links back
    assert (class_dir / KEYS_FILE).is_file()


def test_class_status_counts_browser_submissions_as_the_server_does(server: Server, class_dir: Path) -> None:
    with TestClient(make_app(server), follow_redirects=False) as client:
        key = server.keys.team_keys["KZ"]
        options = open_options(client.get(f"/team/{key}").text)
        sent = client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key), "order": options[:1]})
        assert sent.status_code == 303
    status = multivector("class", "status", str(class_dir))
    assert status.returncode == 0, status.stderr
    lines = " ".join(status.stdout.split())
    assert "waiting for orders for 2023Q1 from: Russia (RU)" in lines
    assert "Kazakhstan (KZ), Russia (RU)" not in lines
    assert "submitted for 2023Q1" in lines and "Kazakhstan (KZ)" in lines.split("submitted for 2023Q1")[1]


def test_links_without_options_uses_the_port_the_server_last_listened_on(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_module, "run_on", _interrupted)
    port = free_port()
    assert main(["class", "serve", str(class_dir), "--port", str(port)]) == 0
    capsys.readouterr()
    assert main(["class", "serve", str(class_dir), "--links"]) == 0
    keys = load_or_make_keys(class_dir, ["KZ", "RU"])
    assert f"http://127.0.0.1:{port}/teacher/{keys.teacher_key}" in capsys.readouterr().out
    (class_dir / run_module.ADDRESS_FILE).write_text("{not json")  # a damaged note: the defaults, no traceback
    assert main(["class", "serve", str(class_dir), "--links"]) == 0
    out, err = capsys.readouterr()
    assert f"http://127.0.0.1:8000/teacher/{keys.teacher_key}" in out and "Traceback" not in out + err
