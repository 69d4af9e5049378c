"""A teacher's injection explains a team's result: the debrief names it with its quarter instead of blaming the
team; the briefing in ``turns/QUARTER/`` is headed by that quarter and names the quarter its orders are for."""

from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.report.debrief import CSS

INJECTION = "the teacher's injection “Raids on migrant workers in Russia” (2023Q2)"


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def game(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A three-quarter sandbox class game with one team, Tajikistan, which gives no orders; before the second
    quarter the teacher injects the raids on migrant workers in Russia."""
    root = tmp_path_factory.mktemp("injected")
    folder = root / "game"
    result = multivector(
        "class", "new", "sandbox", "--teams", "TJ", "--seed", "3", "--turns", "3", "--out", str(folder)
    )
    assert result.returncode == 0, result.stderr
    for quarter in ("2023Q1", "2023Q2", "2023Q3"):
        if quarter == "2023Q2":
            assert multivector("class", "inject", str(folder), "migrant_raids").returncode == 0
        orders = root / f"tj-{quarter}.yaml"
        orders.write_text(f"team: TJ\nturn: {quarter}\norders:\n  # none\n")
        result = multivector("class", "turn", str(folder), str(orders))
        assert result.returncode == 0, result.stderr
    result = multivector("report", str(folder), "--out", str(folder / "debrief.html"), "--runs", "60")
    assert result.returncode == 0, result.stderr
    return folder


def _text(html: str) -> str:
    """The page's words without tags and styles."""
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.replace(CSS, ""))))


def test_the_debrief_names_the_injection_not_the_team(game: Path) -> None:
    html = (game / "debrief.html").read_text()
    text = _text(html)
    assert (
        "Your Tajikistan ended below 95% of simulated worlds in its ties to Russia (57.5; computer median 58.7). "
        f"The largest cause pushing it that way was {INJECTION}, −1.6 points over the game (more than the whole "
        "gap to the computer median); the computer runs never had it, and no team chose it." in text
    )
    # a question on a result the injection explains asks about it, never whether Tajikistan's decisions did it
    questions = re.findall(r"<li>([^<]+)</li>", html[html.index("<ol class=questions>") :])
    asked = [html_module.unescape(q) for q in questions if "in autonomy" in q]  # the injection raised it
    assert len(asked) == 1 and asked[0].endswith("how did its players respond to the injection?")
    assert "Tajikistan's decisions" not in asked[0]


def test_an_injection_is_its_own_kind_in_the_cause_table_and_questions(game: Path) -> None:
    html = (game / "debrief.html").read_text()
    row = re.search(r"<tr><td>event \(teacher(?:'|&#x27;)s injection\): Raids on migrant workers in Russia</td>"
                    r"<td>([^<]+)</td><td class=num>(−1\.\d\d)</td></tr>", html)
    assert row is not None and html_module.unescape(row.group(1)) == "teacher's injection"
    text = _text(html)
    assert "by the ledger: the teacher's injections −1.6" in text
    assert ("Its largest cause was the teacher's injection “Raids on migrant workers in Russia” in 2023Q2, which no "
            "team chose.") in text


def test_briefing_heading_names_its_folder_quarter_and_the_orders_quarter(game: Path) -> None:
    folders = sorted(path.name for path in (game / "turns").iterdir())
    assert folders == ["2023Q1", "2023Q2", "2023Q3"]
    for quarter, following in (("2023Q1", "2023Q2"), ("2023Q2", "2023Q3")):
        heading = (game / "turns" / quarter / "briefing-TJ.md").read_text().splitlines()[0]
        assert heading == f"# Briefing for Tajikistan (TJ) after {quarter} — orders for {following}"
    last = (game / "turns" / "2023Q3" / "briefing-TJ.md").read_text().splitlines()[0]
    assert last == "# Briefing for Tajikistan (TJ) after 2023Q3 — final position"
    assert "# Newspaper" not in last


def test_the_orders_quarter_is_the_one_status_and_template_use(tmp_path: Path) -> None:
    folder = tmp_path / "game"
    assert multivector("class", "new", "sandbox", "--teams", "KZ", "--seed", "1", "--turns", "2",
                       "--out", str(folder)).returncode == 0
    orders = tmp_path / "kz.yaml"
    orders.write_text("team: KZ\nturn: 2023Q1\norders:\n  # none\n")
    assert multivector("class", "turn", str(folder), str(orders)).returncode == 0
    heading = (folder / "turns" / "2023Q1" / "briefing-KZ.md").read_text().splitlines()[0]
    assert heading.endswith("after 2023Q1 — orders for 2023Q2")
    status = multivector("class", "status", str(folder))
    assert "next turn 2023Q2 (2 of 2)" in " ".join(status.stdout.split())
    template = multivector("class", "template", str(folder), "--team", "KZ")
    assert template.returncode == 0 and (folder / "templates" / "KZ-2023Q2.yaml").exists()
    assert "turn: 2023Q2" in (folder / "templates" / "KZ-2023Q2.yaml").read_text()


def test_handouts_carry_no_raw_action_or_event_ids(game: Path) -> None:
    from game.scenario.library import resolve_scenario
    from game.scenario.load import load_scenario

    loaded = load_scenario(resolve_scenario("sandbox"))
    ids = {action.id for action in loaded.catalogue.actions} | {event.id for event in loaded.scenario.events}
    ids = {name for name in ids if "_" in name}  # a one-word id ("summit") is an ordinary word too
    assert {"leave_initiative", "migrant_raids"} <= ids
    pages = [game / "debrief.html", *game.glob("turns/*/*.html"), *game.glob("turns/*/*.md")]
    assert len(pages) == 1 + 3 * 4  # the debrief; per quarter the newspaper and the briefing, each as .html and .md
    for page in pages:
        words = set(re.findall(r"[a-z0-9_]+", re.sub(r"base64,[A-Za-z0-9+/=]+", "", page.read_text())))
        assert not words & ids, f"{page.name}: {sorted(words & ids)}"

