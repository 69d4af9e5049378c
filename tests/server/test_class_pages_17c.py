"""What a first-time class saw and could not read: the class screen without a key, events explained before and
after injecting, score parts that add up, projects and the game's end on the order cards, how to win."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.classroom.folder import load_class_game
from game.cli.classgame import _class_debrief, write_turn_outputs
from game.engine.codes import ROLES
from game.play.session import Session
from game.play.summary import ScorePart, TurnSummary
from game.play.timing import OrderTiming
from game.server import teamview
from game.server.app import Server, make_app
from game.server.run import build_server
from tests.server.conftest import csrf_of, new_class_game


def resolve(client: TestClient, server: Server, quarter: str) -> None:
    teacher = server.keys.teacher_key
    response = client.post(
        f"/teacher/{teacher}/resolve", data={"csrf": server.keys.form_token(teacher), "quarter": quarter}
    )
    assert response.status_code == 303, response.text


@pytest.fixture(scope="module")
def short_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-quarter class game (KZ, RU, CN), never changed."""
    return new_class_game(tmp_path_factory.mktemp("short") / "game", teams="KZ,RU,CN", turns=2)


@pytest.fixture
def short(short_template: Path, tmp_path: Path) -> Iterator[tuple[Server, TestClient]]:
    folder = Path(shutil.copytree(short_template, tmp_path / "game"))
    server = build_server(folder, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/")
    with TestClient(make_app(server), follow_redirects=False) as client:
        yield server, client


def _visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", page, flags=re.S))).split())


def test_the_class_screen_shows_scores_and_news_with_no_key_in_its_address(short: tuple[Server, TestClient]) -> None:
    server, client = short
    before = client.get("/screen")
    assert before.status_code == 200
    assert all(name in before.text for name in ("Kazakhstan", "Russia", "China"))
    resolve(client, server, "2023Q1")
    page = client.get("/screen").text
    secrets = [server.keys.teacher_key, *server.keys.team_keys.values(), *server.keys.join_codes.values()]
    assert not any(secret in page for secret in secrets)
    assert "Change since the start" in page and "News of 2023Q1" in page
    assert 'href="/screen/newspaper/2023Q1"' in page
    paper = client.get("/screen/newspaper/2023Q1")
    assert paper.status_code == 200 and "The Steppe Courier" in paper.text
    assert '<nav class="back"><a href="/screen">' in paper.text
    assert not any(secret in paper.text for secret in secrets)
    assert client.get("/screen/newspaper/2023Q2").status_code == 404  # not played yet
    teacher = server.keys.teacher_key
    assert f'<a href="/teacher/{teacher}">' in client.get(f"/teacher/{teacher}/newspaper/2023Q1").text


def test_the_dashboard_says_what_an_event_does_and_the_team_reads_it_after(short: tuple[Server, TestClient]) -> None:
    server, client = short
    teacher = server.keys.teacher_key
    dashboard = _visible(client.get(f"/teacher/{teacher}").text)
    assert "Brent falls sharply; Kazakhstan's export earnings and budget suffer." in dashboard
    assert "It lowers prosperity in Kazakhstan; lowers stability in Kazakhstan." in dashboard
    injected = client.post(
        f"/teacher/{teacher}/inject", data={"csrf": server.keys.form_token(teacher), "event": "oil_price_slump"}
    )
    assert injected.status_code == 303
    resolve(client, server, "2023Q1")
    team = _visible(client.get(f"/team/{server.keys.team_keys['KZ']}").text)
    assert "Oil price slump (injected by the teacher) Brent falls sharply" in team
    newspaper = (server.desk.folder / "turns" / "2023Q1" / "newspaper.md").read_text()
    assert "[random]" not in newspaper.split("## Events of the quarter")[1].split("##")[0]


def test_the_newspaper_never_prints_a_signed_zero(short: tuple[Server, TestClient]) -> None:
    server, client = short
    resolve(client, server, "2023Q1")
    folder = server.desk.folder / "turns" / "2023Q1"
    for name in ("newspaper.md", "newspaper.html", "briefing-KZ.md"):
        text = (folder / name).read_text()
        assert not re.search(r"[-+−]0\.0(?!\d)", text), name


def test_the_parts_of_a_score_change_add_up_to_the_change_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    # The parts as the China team saw them: others' orders −0.26, chance −0.06, its own +0.04; the total −0.28.
    parts = (ScorePart("others", "others' orders", -0.26), ScorePart("chance", "chance", -0.06),
             ScorePart("yours", "your orders", 0.04))
    summary = TurnSummary("CN", 2, "2023Q2", 45.6, 45.32, parts, (), ())
    monkeypatch.setattr(teamview, "turn_summary", lambda session, team, turn: summary)
    sentence = teamview.why_score_moved(object(), "CN", 2)  # type: ignore[arg-type]
    shown = [float(x.replace("−", "-")) for x in re.findall(r"[+−]\d+\.\d", sentence.split(":", 1)[1])]
    assert sentence.startswith("Your score fell by 0.3 in 2023Q2:")
    assert round(sum(shown), 1) == -0.3, sentence


def _project_order(server: Server, team: str) -> str:
    """An order of ``team`` open now whose project lasts past a two-quarter game."""
    with server.desk.locked() as game:
        view = teamview.team_view(game, server.desk.session(game), team, None)
        actions = game.world.actions
        for action in view.actions:
            timing = OrderTiming.of(actions, list(actions.ids).index(action.id))
            open_options = [o for o in action.options if not o.problem]
            if timing.project and timing.lag == 0 and timing.last >= 2 and open_options:
                return open_options[0].value
    raise AssertionError("no long project open")


def test_projects_never_outlast_the_game_and_late_orders_say_so(short: tuple[Server, TestClient]) -> None:
    server, client = short
    key = server.keys.team_keys["CN"]
    order = _project_order(server, "CN")
    page = client.get(f"/team/{key}").text
    sent = client.post(f"/team/{key}/orders", data={"csrf": csrf_of(page), "quarter": "2023Q1", "order": [order]})
    assert sent.status_code == 303
    resolve(client, server, "2023Q1")
    with server.desk.locked() as game:
        session = Session(game.match)
        view = teamview.team_view(game, session, "CN", None)
        actions = game.world.actions
    assert view.projects and all(re.search(r"\(1 more quarter\b", line) for line in view.projects), view.projects
    for action in view.actions:  # the last quarter: an order that first acts next quarter acts after the game
        timing = OrderTiming.of(actions, list(actions.ids).index(action.id))
        assert action.project == timing.project
        if timing.first > 0:
            assert action.after_end.startswith("It would first act after the game ends")
            assert all(option.stake == "no effect before the game ends" for option in action.options)
        elif timing.last > 0:
            assert action.after_end.startswith("The game ends after 2023Q2")
    shown = client.get(f"/team/{key}").text
    assert shown.count('<span class="badge project">project</span>') == 1 + sum(a.project for a in view.actions)


def test_how_to_win_from_the_first_quarter_and_the_end_compares_changes(short: tuple[Server, TestClient]) -> None:
    server, client = short
    first = _visible(client.get(f"/team/{server.keys.team_keys['KZ']}").text)
    assert "How to win: This game is shorter than the scenario, so there is no victory target" in first
    assert "the team whose score rises most from its start by 2023Q2 does best" in first
    assert "If you submit nothing before your teacher resolves the quarter, the computer chooses your orders." in first
    resolve(client, server, "2023Q1")
    resolve(client, server, "2023Q2")
    end = client.get(f"/team/{server.keys.team_keys['KZ']}").text
    rows = re.findall(r"<tr[^>]*><td>([^<]+)</td><td class=\"num\">([^<]+)</td>", end.split("standings")[1])
    changes = [float(change.replace("−", "-")) for _, change in rows]
    assert {name for name, _ in rows} == {"Kazakhstan", "Russia", "China"}
    assert changes == sorted(changes, reverse=True)  # ranked by the change since the start, not the raw score
    game = load_class_game(server.desk.folder)
    session = Session(game.match)
    start, now = session.scores(0), session.scores()
    by_name = {"Kazakhstan": "KZ", "Russia": "RU", "China": "CN"}
    for name, change in rows:
        r = ROLES.index(by_name[name])
        assert float(change.replace("−", "-")) == pytest.approx(round(float(now[r] - start[r]), 1), abs=1e-9)
