"""The debrief names where a team's orders came from as the newspaper does: a team that ticked its orders on
the class server's page reads "submitted from the browser", not "orders file", and only a team that handed in
nothing is said to have handed in no orders."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from game.server.app import Server
from tests.server.conftest import multivector, open_options
from tests.server.test_pages import resolve, submit


def test_the_debrief_says_submitted_from_the_browser(client: TestClient, server: Server, class_dir: Path) -> None:
    options = open_options(client.get(f"/team/{server.keys.team_keys['KZ']}").text)
    assert submit(client, server, "KZ", options[:1]).status_code == 303
    assert resolve(client, server).status_code == 303
    report = class_dir.parent / "debrief.html"
    result = multivector("report", str(class_dir), "--out", str(report), "--runs", "0")
    assert result.returncode == 0, result.stderr
    page = report.read_text()
    kazakhstan = page[page.index("Kazakhstan (KZ) — final score"):]
    kazakhstan = kazakhstan[: kazakhstan.index("</table>")]
    assert re.search(r"<tr><td>2023Q1</td><td>[^<]+</td><td class=note>submitted from the browser</td>", kazakhstan)
    assert "No orders were handed in" not in kazakhstan
    russia = page[page.index("Russia (RU) — final score"):]
    assert "No orders were handed in: every order below is the computer's." in russia[: russia.index("</table>")]
