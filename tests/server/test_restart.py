"""A real server: killed mid-turn and started again, it loses nothing; under load it loses nothing."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx2 as httpx
import pytest

from benchmarks.class_server_load import (
    ALL_TEAMS,
    free_port,
    new_class_game,
    play,
    read_keys,
    start_server,
    stop_server,
)
from game.classroom.folder import load_class_game, submission_path


def _team_form(base: str, key: str) -> tuple[str, list[str]]:
    page = httpx.get(f"{base}/team/{key}")
    assert page.status_code == 200
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    return token.group(1), re.findall(r'name="order" value="([^"]+)">', page.text)


def test_killed_mid_turn_and_restarted_the_folder_is_whole_and_the_game_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "game"
    new_class_game(folder, ("KZ", "RU"), 4)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    server = start_server(folder, port, log)
    try:
        keys = read_keys(folder)
        team_keys: dict[str, str] = dict(keys["team_keys"])  # type: ignore[call-overload]
        token, options = _team_form(base, team_keys["KZ"])
        response = httpx.post(f"{base}/team/{team_keys['KZ']}/orders", data={"csrf": token, "order": options[:1]})
        assert response.status_code == 303
    finally:
        stop_server(server, kill=True)  # kill -9 with KZ's orders in and RU's not yet
    saved = submission_path(folder, "2023Q1", "KZ").read_text()
    assert load_class_game(folder).file.played == []  # game.json whole and readable

    server = start_server(folder, port, log)
    try:
        assert read_keys(folder) == keys  # the same codes and links
        token, options_ru = _team_form(base, team_keys["RU"])
        assert httpx.post(
            f"{base}/team/{team_keys['RU']}/orders", data={"csrf": token, "order": options_ru[:1]}
        ).status_code == 303
        teacher = str(keys["teacher_key"])
        dashboard = httpx.get(f"{base}/teacher/{teacher}").text
        assert dashboard.count("submitted</span>") == 2
        csrf = re.search(r'name="csrf" value="([^"]+)"', dashboard)
        assert csrf
        form = {"csrf": csrf.group(1), "quarter": "2023Q1"}
        assert httpx.post(f"{base}/teacher/{teacher}/resolve", data=form).status_code == 303
        assert "2023Q2" in httpx.get(f"{base}/team/{team_keys['KZ']}").text
    finally:
        stop_server(server)
    assert submission_path(folder, "2023Q1", "KZ").read_text() == saved
    played = {entry.team: entry for entry in load_class_game(folder).file.played[0].teams}
    assert played["KZ"].orders == ["KZ " + options[0].replace(":", " ")]
    assert played["RU"].orders == ["RU " + options_ru[0].replace(":", " ")]
    assert (folder / "turns" / "2023Q1" / "newspaper.html").is_file()


@pytest.mark.parametrize(("students", "turns"), [(16, 2)])
def test_students_submitting_at_once_lose_nothing(tmp_path: Path, students: int, turns: int) -> None:
    """A small version of benchmarks/class_server_load.py (40 students, 10 turns)."""
    folder = tmp_path / "game"
    new_class_game(folder, ALL_TEAMS, turns)
    port = free_port()
    server = start_server(folder, port, tmp_path / "server.log")
    try:
        tally = asyncio.run(play(f"http://127.0.0.1:{port}", folder, students, turns))
    finally:
        stop_server(server)
    assert tally.lost == []
    assert tally.errors == []
    assert tally.accepted == 2 * students * turns
    assert len(load_class_game(folder).file.played) == turns
