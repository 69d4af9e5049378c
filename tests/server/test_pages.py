"""The class server from a browser's side: joining, submitting, the teacher's commands, what each page shows."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from starlette.testclient import TestClient

from game.classroom.folder import load_class_game, one_command_at_a_time, submission_path
from game.classroom.models import CustomEvent
from game.classroom.orders import check_orders_files
from game.server.app import Server
from game.server.desk import orders_file_text, problem_text
from tests.server.conftest import csrf_of, multivector, open_options


def join(client: TestClient, code: str) -> str:
    """Type a join code on the join page; the address it leads to."""
    page = client.get("/")
    response = client.post("/join", data={"csrf": csrf_of(page.text), "code": code})
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def submit(client: TestClient, server: Server, team: str, orders: list[str]) -> TestClient:
    key = server.keys.team_keys[team]
    return client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key), "order": orders})


def resolve(client: TestClient, server: Server, quarter: str = "2023Q1") -> TestClient:
    """Press Resolve on the dashboard of ``quarter``."""
    teacher = server.keys.teacher_key
    form = {"csrf": server.keys.form_token(teacher), "quarter": quarter}
    return client.post(f"/teacher/{teacher}/resolve", data=form)


def saved_orders(folder: Path, team: str, quarter: str = "2023Q1") -> list[dict[str, str]]:
    return yaml.safe_load(submission_path(folder, quarter, team).read_text())["orders"]


def test_a_student_joins_with_the_code_and_sees_only_their_team(client: TestClient, server: Server) -> None:
    location = join(client, server.keys.join_codes["KZ"].lower().replace("-", " "))  # typed loosely on a phone
    assert location == f"/team/{server.keys.team_keys['KZ']}"
    page = client.get(location)
    assert page.status_code == 200
    assert "Kazakhstan" in page.text and "Your orders for 2023Q1" in page.text
    assert server.keys.team_keys["RU"] not in page.text
    assert server.keys.teacher_key not in page.text
    assert "<svg" in page.text and "Astana" in page.text  # the map, drawn from the game's own map data


def test_a_wrong_join_code_is_refused_and_says_what_to_do(client: TestClient) -> None:
    page = client.get("/")
    response = client.post("/join", data={"csrf": csrf_of(page.text), "code": "AAAAA-AAAAA"})
    assert response.status_code == 403
    assert "No team has that code" in response.text


def test_a_submission_is_saved_at_once_as_an_orders_file_and_can_be_changed(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    options = open_options(client.get(f"/team/{server.keys.team_keys['KZ']}").text)
    first = submit(client, server, "KZ", options[:2])
    assert first.status_code == 303 and first.headers["x-submission-revision"] == "1"
    assert saved_orders(class_dir, "KZ") == [
        {"action": value.split(":")[0], "target": value.split(":")[1]} for value in options[:2]
    ]
    second = submit(client, server, "KZ", options[2:3])
    assert second.headers["x-submission-revision"] == "2"
    assert saved_orders(class_dir, "KZ") == [{"action": options[2].split(":")[0], "target": options[2].split(":")[1]}]
    page = client.get(second.headers["location"])
    assert "Orders saved (version 2)" in page.text
    # The saved file is an ordinary orders file: the command line accepts it as it is.
    game = load_class_game(class_dir)
    accepted, problems = check_orders_files(
        [submission_path(class_dir, "2023Q1", "KZ")], game.world, game.game.state, game.teams, "2023Q1"
    )
    assert problems == []
    assert [str(o) for o in accepted[0].orders] == ["KZ " + options[2].replace(":", " ")]


def test_orders_the_rules_refuse_get_the_orders_files_messages_and_nothing_is_saved(
    client: TestClient, server: Server, class_dir: Path, tmp_path: Path
) -> None:
    deals = ["sign_deal:RU", "sign_deal:CN"]  # 2 AP each; Kazakhstan has 3
    response = submit(client, server, "KZ", deals)
    assert response.status_code == 409
    assert not submission_path(class_dir, "2023Q1", "KZ").exists()
    # The same orders as a file, checked by the command line's checker: the same words.
    path = tmp_path / "kz.yaml"
    path.write_text(orders_file_text("KZ", "2023Q1", [("sign_deal", "RU"), ("sign_deal", "CN")], 1))
    game = load_class_game(class_dir)
    _, problems = check_orders_files([path], game.world, game.game.state, game.teams, "2023Q1", str(class_dir))
    assert problems
    for problem in problems:
        named = ["Sign a trade deal → Russia", "Sign a trade deal → China"]
        assert problem_text(problem, named).replace("'", "&#39;") in response.text
    assert "Sign a trade deal → China: team KZ (Kazakhstan): " in response.text
    assert "order 2" not in response.text
    # The student's ticks are on the page again, and only those.
    assert sorted(re.findall(r'name="order" value="([^"]+)"[^>]* checked', response.text)) == sorted(deals)


def test_the_teacher_resolves_and_both_teams_see_the_newspaper(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    kz = open_options(client.get(f"/team/{server.keys.team_keys['KZ']}").text)[:1]
    ru = open_options(client.get(f"/team/{server.keys.team_keys['RU']}").text)[:1]
    submit(client, server, "KZ", kz)
    submit(client, server, "RU", ru)
    teacher = server.keys.teacher_key
    dashboard = client.get(f"/teacher/{teacher}")
    assert dashboard.text.count("submitted</span>") == 2
    response = resolve(client, server)
    assert response.status_code == 303
    game = load_class_game(class_dir)
    played = {entry.team: entry for entry in game.file.played[0].teams}
    assert played["KZ"].source == "file" and played["KZ"].orders == ["KZ " + kz[0].replace(":", " ")]
    assert played["RU"].source == "file" and played["RU"].orders == ["RU " + ru[0].replace(":", " ")]
    for team in ("KZ", "RU"):
        key = server.keys.team_keys[team]
        assert "2023Q2" in client.get(f"/team/{key}").text
        paper = client.get(f"/team/{key}/newspaper/2023Q1")
        assert paper.status_code == 200
        assert f'<nav class="back"><a href="/team/{key}">' in paper.text  # a way back on a phone
        written = (class_dir / "turns" / "2023Q1" / "newspaper.html").read_text()
        assert re.sub(r'<nav class="back">.*?</nav>', "", paper.text) == written
    debrief = client.get(f"/teacher/{teacher}/debrief")
    assert debrief.status_code == 200 and "<html" in debrief.text.lower()


def test_undo_inject_policy_and_deadline_from_the_dashboard(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    teacher = server.keys.teacher_key
    token = server.keys.form_token(teacher)
    resolve(client, server)
    confirm = client.get(f"/teacher/{teacher}/undo")  # Undo asks first, and does nothing by itself
    assert confirm.status_code == 200 and "Take back 2023Q1?" in confirm.text
    assert len(load_class_game(class_dir).file.played) == 1
    assert client.post(f"/teacher/{teacher}/undo", data={"csrf": token, "quarter": "2023Q2"}).status_code == 303
    assert load_class_game(class_dir).file.played == []
    notice = client.get(f"/team/{server.keys.team_keys['KZ']}").text
    assert "Your teacher took back 2023Q1: the game is at 2023Q1 again." in notice
    assert not (class_dir / "turns" / "2023Q1").exists()
    event = load_class_game(class_dir).loaded.scenario.events[0]
    assert client.post(f"/teacher/{teacher}/inject", data={"csrf": token, "event": event.id}).status_code == 303
    assert [i.event for i in load_class_game(class_dir).file.injections] == [event.id]
    assert "Cancel this event" in client.get(f"/teacher/{teacher}").text
    cancelled = client.post(f"/teacher/{teacher}/cancel", data={"csrf": token})
    assert cancelled.status_code == 303 and load_class_game(class_dir).file.injections == []
    client.post(f"/teacher/{teacher}/inject", data={"csrf": token, "event": event.id})
    assert client.post(f"/teacher/{teacher}/policy", data={"csrf": token, "policy": "hold"}).status_code == 303
    assert load_class_game(class_dir).file.deadline_policy == "hold"
    assert client.post(f"/teacher/{teacher}/deadline", data={"csrf": token, "minutes": "0"}).status_code == 303
    page = client.get(f"/team/{server.keys.team_keys['KZ']}").text  # closed before anything is ticked
    assert "The deadline for 2023Q1 has passed: orders are closed. Ask your teacher." in page
    assert '<fieldset class="orders-body" disabled>' in page
    late = client.post(
        f"/team/{server.keys.team_keys['KZ']}/orders",
        data={"csrf": server.keys.form_token(server.keys.team_keys["KZ"]), "nothing": "yes"},
    )
    assert late.status_code == 409 and "the deadline for 2023Q1 has passed" in late.text
    assert not submission_path(class_dir, "2023Q1", "KZ").exists()


def test_the_command_line_can_take_over_between_requests(client: TestClient, server: Server, class_dir: Path) -> None:
    resolve(client, server)
    with one_command_at_a_time(class_dir):  # as 'multivector class undo' does
        load_class_game(class_dir).undo(1)
    assert "2023Q1 · turn 1 of 4" in client.get(f"/team/{server.keys.team_keys['KZ']}").text


def test_every_text_from_the_scenario_or_the_teacher_is_escaped(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    custom = CustomEvent(id="trick", title="<script>alert(1)</script>", text="<b>bold</b> & more")
    with one_command_at_a_time(class_dir):
        load_class_game(class_dir).inject(None, custom)
    resolve(client, server)
    page = client.get(f"/team/{server.keys.team_keys['KZ']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>bold" not in page


def test_the_projector_page_shows_the_address_and_qr_code_but_no_join_code(client: TestClient, server: Server) -> None:
    teacher = server.keys.teacher_key
    dashboard = client.get(f"/teacher/{teacher}").text
    assert f'href="/teacher/{teacher}/projector"' in dashboard and "Show joining on the projector" in dashboard
    for code in server.keys.join_codes.values():  # on the dashboard, each code is folded away until clicked
        assert f'<details class="code"><summary>Show code</summary><code>{code}</code></details>' in dashboard
    projector = client.get(f"/teacher/{teacher}/projector")
    assert projector.status_code == 200
    assert "http://127.0.0.1:8000/" in projector.text and "<svg" in projector.text
    assert not any(code in projector.text for code in server.keys.join_codes.values())
    assert teacher not in projector.text
    assert client.get(f"/teacher/{server.keys.team_keys['KZ']}/projector").status_code == 403


def test_a_stale_page_or_a_second_click_cannot_resolve_or_undo_another_quarter(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    assert resolve(client, server).status_code == 303
    again = resolve(client, server)  # the same button pressed twice
    assert again.status_code == 409
    assert "this page was for 2023Q1; the game is now at 2023Q2 — reload" in again.text
    assert len(load_class_game(class_dir).file.played) == 1
    teacher = server.keys.teacher_key
    stale = client.post(f"/teacher/{teacher}/undo", data={"csrf": server.keys.form_token(teacher), "quarter": "2023Q3"})
    assert stale.status_code == 409 and "this page was for 2023Q3; the game is now at 2023Q2 — reload" in stale.text
    assert len(load_class_game(class_dir).file.played) == 1
    for made_up in ("0000Q1", "2023Q9", "23Q1"):  # a hand-edited field is refused as a bad form, never a crash
        for path in (f"/teacher/{teacher}/resolve", f"/teacher/{teacher}/undo"):
            refused = client.post(path, data={"csrf": server.keys.form_token(teacher), "quarter": made_up})
            assert refused.status_code == 400 and "quarter" in refused.text
            assert f'href="/teacher/{teacher}">' in refused.text  # the way back is the dashboard, not the join page
    assert len(load_class_game(class_dir).file.played) == 1


def test_an_empty_submission_asks_what_it_means_then_saves_it(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    key = server.keys.team_keys["KZ"]
    asked = client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key)})
    assert asked.status_code == 200
    assert "You ticked nothing. Your country will do nothing this quarter." in asked.text
    assert not submission_path(class_dir, "2023Q1", "KZ").exists()
    sure = client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key), "nothing": "yes"})
    assert sure.status_code == 303 and saved_orders(class_dir, "KZ") == []
    assert "Saved: Your country will do nothing this quarter (version 1)." in client.get(sure.headers["location"]).text


def test_the_dashboards_debrief_is_multivector_reports_with_the_computers_runs(
    client: TestClient, server: Server, class_dir: Path, tmp_path: Path
) -> None:
    for quarter in ("2023Q1", "2023Q2"):
        assert resolve(client, server, quarter).status_code == 303
    page = client.get(f"/teacher/{server.keys.teacher_key}/debrief")
    assert page.status_code == 200
    report = tmp_path / "report.html"
    assert multivector("report", str(class_dir), "--out", str(report)).returncode == 0
    assert page.text == report.read_text(encoding="utf-8")
    cached = (class_dir / "server-debrief.html").read_text(encoding="utf-8")
    assert cached.endswith(page.text)  # kept for the next time, made once per state of the game
    assert client.get(f"/teacher/{server.keys.teacher_key}/debrief").text == page.text


def test_the_newspaper_says_which_team_submitted_from_the_browser_and_which_held(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    options = open_options(client.get(f"/team/{server.keys.team_keys['KZ']}").text)
    submit(client, server, "KZ", options[:1])
    teacher = server.keys.teacher_key
    client.post(f"/teacher/{teacher}/policy", data={"csrf": server.keys.form_token(teacher), "policy": "hold"})
    resolve(client, server)
    paper = (class_dir / "turns" / "2023Q1" / "newspaper.md").read_text(encoding="utf-8")
    assert "- Kazakhstan (submitted from the browser): " in paper
    assert "- Russia: no orders this quarter (held)" in paper
    assert "orders file" not in paper and "held (no orders)" not in paper
    lead = next(line for line in paper.splitlines() if line.startswith("## "))[3:]
    assert paper.count(lead) == 1  # the lead's headline is its section's title, not repeated in its first line


def test_orders_sent_from_a_page_of_a_quarter_already_resolved_are_not_saved_for_the_next(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    key = server.keys.team_keys["KZ"]
    page = client.get(f"/team/{key}").text
    assert '<input type="hidden" name="quarter" value="2023Q1">' in page
    options = open_options(page)
    assert resolve(client, server).status_code == 303  # the teacher resolves while the team is still choosing
    late = client.post(f"/team/{key}/orders", data={"csrf": csrf_of(page), "quarter": "2023Q1", "order": options[:1]})
    assert late.status_code == 409
    assert "your teacher resolved 2023Q1 while you were choosing: nothing was saved." in late.text
    assert "Your orders for 2023Q2" in late.text
    assert not submission_path(class_dir, "2023Q2", "KZ").exists()
