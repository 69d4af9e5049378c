"""Requests the class server must refuse, each with its status and nothing changed in the class folder."""

from __future__ import annotations

import asyncio
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.server.app import Server
from game.server.guard import MAX_BODY_BYTES, RateLimit
from tests.server.conftest import folder_bytes, open_options


@pytest.fixture
def before(server: Server, class_dir: Path) -> dict[str, bytes]:
    """The class folder as it was before the refused request (keys already made)."""
    return folder_bytes(class_dir)


def orders_form(server: Server, team: str, orders: list[str]) -> dict[str, object]:
    key = server.keys.team_keys[team]
    return {"csrf": server.keys.form_token(key), "order": orders}


def test_another_teams_page_and_form_are_refused(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes]
) -> None:
    kz, ru = server.keys.team_keys["KZ"], server.keys.team_keys["RU"]
    kz_page = client.get(f"/team/{kz}").text
    # KZ's form (its CSRF token) sent to RU's address: refused.
    response = client.post(f"/team/{ru}/orders", data=orders_form(server, "KZ", open_options(kz_page)[:1]))
    assert response.status_code == 403
    # A made-up or altered key reads nothing and submits nothing.
    assert client.get(f"/team/{kz[:-1]}x").status_code == 403
    assert client.get("/team/KZ").status_code == 403
    assert client.post("/team/KZ/orders", data=orders_form(server, "KZ", [])).status_code == 403
    assert client.get(f"/team/{kz[:-1]}x/newspaper/2023Q1").status_code == 403
    assert client.get(f"/teacher/{kz}").status_code == 403
    teacher = server.keys.teacher_key
    assert client.post(f"/teacher/{kz}/resolve", data={"csrf": server.keys.form_token(kz)}).status_code == 403
    assert client.post(f"/teacher/{teacher}/resolve", data={"csrf": server.keys.form_token(kz)}).status_code == 403
    assert folder_bytes(class_dir) == before


def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes]
) -> None:
    kz = server.keys.team_keys["KZ"]
    assert client.post(f"/team/{kz}/orders", data={"order": ["host_summit:RU"]}).status_code == 403
    assert client.post(f"/team/{kz}/orders", data={"csrf": "0" * 64, "order": []}).status_code == 403
    teacher = server.keys.teacher_key
    for command in ("resolve", "undo", "inject", "policy", "deadline"):
        assert client.post(f"/teacher/{teacher}/{command}", data={}).status_code == 403, command
    client.get("/")  # a join cookie, but no token
    assert client.post("/join", data={"code": server.keys.join_codes["KZ"]}).status_code == 403
    assert folder_bytes(class_dir) == before


def test_an_oversized_body_is_refused_with_413(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes]
) -> None:
    kz = server.keys.team_keys["KZ"]
    padding = "x" * (MAX_BODY_BYTES + 1)
    response = client.post(f"/team/{kz}/orders", data={**orders_form(server, "KZ", []), "pad": padding})
    assert response.status_code == 413
    assert "too large" in response.text
    assert folder_bytes(class_dir) == before


def test_a_streamed_oversized_body_is_refused_with_413(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes]
) -> None:
    kz = server.keys.team_keys["KZ"]

    def chunks():  # no Content-Length: the body arrives in pieces
        for _ in range(40):
            yield b"order=" + b"a" * 1000 + b"&"

    response = client.post(
        f"/team/{kz}/orders", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert folder_bytes(class_dir) == before


@pytest.mark.parametrize(
    ("orders", "named"),
    [
        (["host_summit"], "field 'order': 'host_summit' is not an order"),
        (["host_summit:MARS"], "field 'order': 'host_summit:MARS' is not an order"),
        (["<script>:RU"], "field 'order': '<script>:RU' is not an order"),
        (["host_summit:RU"] * 13, "field 'order': 13 orders sent, at most 12"),
    ],
)
def test_a_malformed_orders_form_is_refused_with_400_naming_the_field(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes], orders: list[str], named: str
) -> None:
    kz = server.keys.team_keys["KZ"]
    response = client.post(f"/team/{kz}/orders", data=orders_form(server, "KZ", orders))
    assert response.status_code == 400
    assert named in unescape(response.text)
    assert "<script>:" not in response.text
    assert folder_bytes(class_dir) == before


def test_a_body_that_is_not_a_form_and_bad_teacher_fields_are_400(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes]
) -> None:
    kz = server.keys.team_keys["KZ"]
    response = client.post(f"/team/{kz}/orders", json={"order": ["host_summit:RU"]})
    assert response.status_code == 400 and "the request is not a form" in response.text
    teacher = server.keys.teacher_key
    token = server.keys.form_token(teacher)
    response = client.post(f"/teacher/{teacher}/inject", data={"csrf": token, "event": "../../etc"})
    assert response.status_code == 400 and "field 'event': '../../etc'; expected one of" in unescape(response.text)
    response = client.post(f"/teacher/{teacher}/policy", data={"csrf": token, "policy": "pizza"})
    assert response.status_code == 400
    assert "field 'policy': 'pizza'; expected one of computer, hold" in unescape(response.text)
    response = client.post(f"/teacher/{teacher}/deadline", data={"csrf": token, "minutes": "soon"})
    assert response.status_code == 400
    assert "“Close orders in”: type a number of minutes, such as 5 (you typed “soon”)" in unescape(response.text)
    assert folder_bytes(class_dir) == before


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2Fgame.json",
        "/static/%2E%2E/%2E%2E/server-keys.json",
        "/static/../../game.json",
        "/static/style.css%00.json",
        "/team/{key}/newspaper/..%2F..%2Fgame.json",
        "/team/{key}/newspaper/%2E%2E",
        "/team/{key}/newspaper/2023Q1",  # not played yet
        "/team/{key}/newspaper/2023Q1%2F..%2F..%2Fserver-keys.json",
        "/teacher/{teacher}/newspaper/..%2F..%2Fserver-keys.json",
        "/../server-keys.json",
        "/server-keys.json",
        "/game.json",
    ],
)
def test_paths_outside_the_pages_are_404(
    client: TestClient, server: Server, class_dir: Path, before: dict[str, bytes], path: str
) -> None:
    address = path.format(key=server.keys.team_keys["KZ"], teacher=server.keys.teacher_key)
    response = client.get(address)
    assert response.status_code == 404
    assert server.keys.teacher_key not in response.text and '"join_codes"' not in response.text
    assert folder_bytes(class_dir) == before


def test_a_client_sending_too_fast_gets_429_and_others_do_not() -> None:
    async def app(scope: object, receive: object, send: object) -> None:
        raise AssertionError("not reached")

    limit = RateLimit(app, per_second=0.0001, burst=3)  # type: ignore[arg-type]
    student = ("10.0.0.5", "key-a")
    assert [limit.allow(student) for _ in range(4)] == [True, True, True, False]
    assert limit.allow(("10.0.0.6", "key-a")) and limit.allow(("10.0.0.5", "key-b"))
    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "client": ("10.0.0.5", 5000), "path": "/team/key-a"}
    asyncio.run(limit(scope, None, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 429
