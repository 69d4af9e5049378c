"""run, report and the play layer show the tutorial's target as the map game judges it (what Kazakhstan would
score doing nothing), in words, and how every role did against its own target with the margin."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.codes import ROLE_NAMES
from game.engine.scores import role_scores
from game.play.match import Match
from game.play.scenario import ScenarioSetup
from game.play.victory import best_margin_text, match_victory, standings, target_words


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``multivector run tutorial --seed 1`` and the report of it (no computer runs)."""
    out = tmp_path_factory.mktemp("tutorial")
    result = multivector("run", "tutorial", "--seed", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    report = multivector("report", str(out), "--out", str(out / "report.html"), "--runs", "0")
    assert report.returncode == 0, report.stderr
    return out, " ".join(result.stdout.split())


def test_run_shows_the_do_nothing_target_in_words(run: tuple[Path, str]) -> None:
    out, shown = run
    assert "KZ Kazakhstan │ 52.10 │ 51.38 │ above doing nothing by 0.72" in shown
    assert "Target of KZ: beat what Kazakhstan would score doing nothing: 51.38 (the same year" in shown
    assert "RU Russia │ 46.76 │ 46.74 │ above its par by 0.02" in shown
    summary = json.loads((out / "summary.json").read_text())
    assert summary["victory"]["KZ"] == {"target": 51.379118, "won": True}


def test_the_report_judges_as_the_map_game(run: tuple[Path, str]) -> None:
    out, _ = run
    page = (out / "report.html").read_text()
    scores_table = page[page.index("<th class=num>margin</th>") :]
    row = re.search(r"<tr><td>Kazakhstan \(KZ\).*?</tr>", scores_table)
    assert row is not None
    cells = [html.unescape(cell) for cell in re.findall(r"<td[^>]*>([^<]*)</td>", row.group(0))]
    assert cells[1:6] == ["51.07", "52.10", "+1.03", "51.38", "+0.72"]
    assert "Kazakhstan's target is different: beat what Kazakhstan would score doing nothing" in html.unescape(page)


def test_standings_name_each_roles_margin_and_the_largest(tmp_path: Path) -> None:
    match = Match.new(ScenarioSetup.open("tutorial"), 1, ["KZ"])
    while not match.is_over():
        match.play_turn([])  # KZ gives no orders: it scores exactly its target, and misses
    targets, reached = match_victory(match)
    scores = role_scores(match.game.state.values[:1], match.world.weight)[0]
    found = standings(match, scores, targets, reached)
    kz = next(standing for standing in found if standing.role == "KZ")
    assert kz.result() == "missed by 0.00" and f"{kz.target:.2f}" == "51.38"
    assert target_words(match, "KZ", kz.target) == "beat what Kazakhstan would score doing nothing: 51.38"
    assert target_words(match, "RU", 46.74) == "reach Russia's par: 46.74"
    others = [standing.result() for standing in found if standing.role != "KZ"]
    assert all(re.fullmatch(r"(above|below) its par by \d\.\d\d|level with its par", text) for text in others)
    assert [s.margin for s in found] == sorted((s.margin for s in found), reverse=True)
    best = found[0]
    assert best_margin_text(found) == (
        f"Largest margin over its target: {ROLE_NAMES[best.role]} (the computer), {best.margin:+.2f}."
    )
