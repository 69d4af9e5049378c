"""The class server speaks the teacher's language: every page a team, the teacher or the projector shows, and every
refusal a browser gets, in Russian and Kazakh without an English sentence (and in Uzbek with its own words)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.cli.classgame import _class_debrief, write_turn_outputs
from game.i18n import set_language
from game.server.app import Server, make_app
from game.server.run import build_server
from tests.server.conftest import csrf_of, multivector, open_options
from tests.server.english_text import english_runs

# What the play layer writes on a team's page (an order's worth, when it acts, why the rules refuse it: game.play's
# stakes and timing) is translated with the play layer, not here; the rest of the page must be in the language.
PLAY_LAYER = {"stake", "timing", "why"}

QUARTER_CODE = re.compile(r"\b\d{4}Q[1-4]\b")
TAG = re.compile(r"<[^>]*>")


def test_the_checker_finds_english_sentences_and_passes_codes() -> None:
    assert english_runs("<p>Your orders were not saved</p>") == ["Your orders were not saved"]
    assert english_runs('<span data-passed="deadline passed">5:00</span>') == ["deadline passed"]
    page = ('<p>Ваш счёт 2023Q1 · KZ host_summit <a href="http://127.0.0.1:8000/">http://127.0.0.1:8000/</a></p>'
            "<p>Multivector</p><script>var some thing;</script><span class=skip>old words</span>")
    assert english_runs(page, {"skip"}) == []


@pytest.fixture(scope="module")
def corridor_game(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-quarter Middle Corridor class game (a scenario with Russian, Kazakh and Uzbek texts)."""
    folder = tmp_path_factory.mktemp("corridor") / "game"
    result = multivector("class", "new", "middle_corridor", "--teams", "KZ,RU", "--seed", "2", "--turns", "3",
                         "--out", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def served(corridor_game: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Server, TestClient]]:
    """The class server of a fresh copy of the game, in the language the test is parametrized with."""
    set_language(request.param)
    server = build_server(Path(shutil.copytree(corridor_game, tmp_path / "game")), write_turn_outputs,
                          _class_debrief, "http://127.0.0.1:8000/")
    with TestClient(make_app(server), follow_redirects=False) as client:
        yield server, client


def _outlets(server: Server) -> set[str]:
    """The names of the outlets the scenario's events cite (proper names, written as they are)."""
    with server.desk.locked() as game:
        return {str(event.source.outlet) for event in game.loaded.scenario.events if event.source is not None}


def _every_page(server: Server, client: TestClient) -> dict[str, str]:
    """Every page of a lesson: before the first turn, refusals, then after a turn with a team's orders saved."""
    teacher, kz, ru = server.keys.teacher_key, server.keys.team_keys["KZ"], server.keys.team_keys["RU"]
    pages = {
        "join": client.get("/").text,
        "join refused": client.post("/join", data={"csrf": csrf_of(client.get("/").text), "code": "AAAAA-BBBBB"}).text,
        "team before": client.get(f"/team/{kz}").text,
        "dashboard before": client.get(f"/teacher/{teacher}").text,
        "screen before": client.get("/screen").text,
        "projector": client.get(f"/teacher/{teacher}/projector").text,
        "undo nothing": client.get(f"/teacher/{teacher}/undo").text,
        "wrong key": client.get("/team/not-a-key").text,
        "not found": client.get("/nowhere").text,
        "expired form": client.post(f"/team/{kz}/orders", data={"csrf": "old", "order": "x:KZ"}).text,
        "bad form": client.post(f"/team/{kz}/orders", data={"csrf": server.keys.form_token(kz), "order": "?"}).text,
        "asked to confirm nothing": client.post(f"/team/{kz}/orders", data={"csrf": server.keys.form_token(kz)}).text,
    }
    deadline = client.post(f"/teacher/{teacher}/deadline", data={"csrf": server.keys.form_token(teacher),
                                                                  "minutes": "30"})
    assert deadline.status_code == 303
    options = open_options(pages["team before"])
    saved = client.post(f"/team/{kz}/orders", data={"csrf": server.keys.form_token(kz), "order": options[:1]})
    assert saved.status_code == 303
    pages["team saved"] = client.get(saved.headers["location"]).text
    pages["dashboard deadline"] = client.get(f"/teacher/{teacher}").text
    resolved = client.post(f"/teacher/{teacher}/resolve",
                           data={"csrf": server.keys.form_token(teacher), "quarter": "2023Q4"})
    assert resolved.status_code == 303
    pages["dashboard done"] = client.get(resolved.headers["location"]).text
    pages["stale resolve"] = client.post(f"/teacher/{teacher}/resolve", data={
        "csrf": server.keys.form_token(teacher), "quarter": "2023Q4"}).text
    pages["team after"] = client.get(f"/team/{kz}").text
    pages["power after"] = client.get(f"/team/{ru}").text
    pages["screen after"] = client.get("/screen").text
    pages["undo"] = client.get(f"/teacher/{teacher}/undo").text
    pages["newspaper"] = client.get(f"/team/{kz}/newspaper/2023Q4").text
    pages["no newspaper"] = client.get(f"/team/{kz}/newspaper/2029Q1").text
    return pages


@pytest.mark.parametrize("served", ["ru", "kk"], indirect=True)
def test_every_page_is_in_the_language_without_an_english_sentence(served: tuple[Server, TestClient]) -> None:
    server, client = served
    pages = _every_page(server, client)
    code = re.search(r"<html lang=\"?(\w+)", pages["team after"])
    assert code is not None and code.group(1) in ("ru", "kk")
    # A source's quote stays as published (in the newspaper's blockquotes), and its outlet keeps its name.
    outlets = _outlets(server)
    left = {name: runs for name, page in pages.items()
            if (runs := [run for run in english_runs(page, PLAY_LAYER | {"blockquote"}) if run not in outlets])}
    assert left == {}
    # Quarters are written the language's way; the code (2023Q4) stays in addresses and hidden fields only.
    codes = {name: found for name, page in pages.items() if (found := QUARTER_CODE.findall(TAG.sub(" ", page)))}
    assert codes == {}


@pytest.mark.parametrize("served", ["uz"], indirect=True)
def test_uzbek_pages_use_the_uzbek_words(served: tuple[Server, TestClient]) -> None:
    server, client = served
    pages = _every_page(server, client)
    assert "<html lang=\"uz\">" in pages["team after"]
    assert "Buyruqlarni yuborish" in pages["team before"] or "Buyruqlarni oʻzgartirish" in pages["team before"]
    assert "Jamoangizga qoʻshiling" in pages["join"] and "Dasht xabarchisi" in pages["newspaper"]
    assert "Your orders" not in pages["team after"] and "Scores after" not in pages["screen after"]


@pytest.mark.parametrize("served", ["ru"], indirect=True)
def test_refusals_keep_their_status_and_name_the_order_in_the_language(served: tuple[Server, TestClient]) -> None:
    server, client = served
    kz = server.keys.team_keys["KZ"]
    assert client.get("/team/not-a-key").status_code == 403
    bad = client.post(f"/team/{kz}/orders", data={"csrf": server.keys.form_token(kz), "order": "?"})
    assert bad.status_code == 400 and "поле &#39;order&#39;" in bad.text
    too_many = open_options(client.get(f"/team/{kz}").text)[:6]  # more than a turn allows, or than the points buy
    refused = client.post(f"/team/{kz}/orders", data={"csrf": server.keys.form_token(kz), "order": too_many})
    assert refused.status_code == 409
    assert "Ваши приказы не сохранены" in refused.text and "команда KZ (Казахстан)" in refused.text
    assert "→" in refused.text  # each problem names the order as the page does: its title and its target
