"""A class game driven through the command line: orders files, a bad file, undo, inject, report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from game.classroom import folder as folder_module
from game.classroom.folder import load_class_game
from game.classroom.orders import check_orders_files


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False
    )


def orders(path: Path, team: str, turn: str, lines: list[str]) -> Path:
    body = "".join(f"  - {line}\n" for line in lines) if lines else "  # none\n"
    path.write_text(f"team: {team}\nturn: {turn}\norders:\n{body}")
    return path


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sandbox class game with KZ and RU teams, three turns played, one undone and replayed."""
    root = tmp_path_factory.mktemp("class")
    game = root / "game"
    result = multivector(
        "class", "new", "sandbox", "--teams", "KZ,RU", "--seed", "3", "--turns", "6", "--out", str(game)
    )
    assert result.returncode == 0, result.stderr

    result = multivector("class", "template", str(game), "--team", "KZ")
    assert result.returncode == 0, result.stderr
    template = game / "templates" / "KZ-2023Q1.yaml"
    assert "host_summit" in template.read_text()
    # The template is a valid orders file as it stands (no orders).
    result = multivector("class", "turn", str(game), str(template), "--help")
    assert result.returncode == 0

    kz = orders(
        root / "kz1.yaml",
        "KZ",
        "2023Q1",
        ["{action: host_summit, target: WEST}", "{action: sign_deal, target: CN}"],
    )
    ru = orders(
        root / "ru1.yaml", "RU", "2023Q1", ["{action: summit, target: KZ}", "{action: loan, target: KG}"]
    )
    result = multivector("class", "turn", str(game), str(kz), str(ru))
    assert result.returncode == 0, result.stderr
    assert "2023Q1 resolved" in result.stdout
    return game


def test_bad_orders_file_refused_and_nothing_advances(played: Path, tmp_path: Path) -> None:
    before = (played / "game.json").read_bytes()
    good = orders(tmp_path / "kz.yaml", "KZ", "2023Q2", ["{action: host_summit, target: CN}"])
    bad = orders(
        tmp_path / "ru.yaml",
        "RU",
        "2023Q2",
        ["{action: summit, target: KZ}", "{action: host_summit, target: KZ}"],
    )
    result = multivector("class", "turn", str(played), str(good), str(bad))
    assert result.returncode == 2
    assert f"{bad}:5: orders[1]: team RU (Russia): RU cannot take 'host_summit' toward KZ" in result.stderr
    assert "Traceback" not in result.stderr
    assert (played / "game.json").read_bytes() == before
    assert not (played / "turns" / "2023Q2").exists()

    typo = tmp_path / "typo.yaml"
    typo.write_text("team: RU\nturn: 2023Q2\norders:\n  - {action: summit, taget: KZ}\n")
    result = multivector("class", "turn", str(played), str(typo))
    assert result.returncode == 2
    assert f"{typo}:4: orders[0].taget: unknown field; did you mean 'target'? (team RU)" in result.stderr
    wrong_turn = orders(tmp_path / "late.yaml", "KZ", "2023Q1", [])
    result = multivector("class", "turn", str(played), str(wrong_turn))
    assert "these orders are for 2023Q1, but the game is at 2023Q2" in result.stderr
    assert (played / "game.json").read_bytes() == before


def test_full_game_with_undo_inject_policy_and_report(played: Path, tmp_path: Path) -> None:
    game_json = played / "game.json"
    result = multivector("class", "deadline-policy", str(played), "hold", "--team", "RU")
    assert result.returncode == 0, result.stderr
    result = multivector("class", "inject", str(played), "migrant_raids")
    assert result.returncode == 0, result.stderr
    custom = tmp_path / "event.yaml"
    custom.write_text(
        "id: pipeline_leak\ntitle: Pipeline leak\ntext: A leak shuts the pipeline to China for weeks.\n"
        "effects:\n  - {var: dependence, country: TM, power: CN, channel: energy, amount: -0.05}\n"
    )
    result = multivector("class", "inject", str(played), "--custom", str(custom))
    assert result.returncode == 0, result.stderr
    result = multivector("class", "inject", str(played), "migrant_raid")
    assert result.returncode == 2 and "did you mean 'migrant_raids'" in result.stderr
    kz2 = orders(tmp_path / "kz2.yaml", "KZ", "2023Q2", ["{action: diversify_routes, target: RU}"])
    result = multivector("class", "turn", str(played), str(kz2))
    assert result.returncode == 0, result.stderr
    assert "Raids on migrant workers in Russia (injected by the teacher)" in result.stdout
    assert "Pipeline leak (injected by the teacher)" in result.stdout
    data = json.loads(game_json.read_text())
    assert data["played"][1]["teams"][1] == {"team": "RU", "source": "held", "file": None, "orders": []}
    turn2 = game_json.read_bytes()

    kz3 = orders(tmp_path / "kz3.yaml", "KZ", "2023Q3", ["{action: host_summit, target: CN}"])
    result = multivector("class", "turn", str(played), str(kz3))
    assert result.returncode == 0, result.stderr
    assert (played / "turns" / "2023Q3" / "newspaper.html").is_file()
    result = multivector("class", "undo", str(played))
    assert result.returncode == 0, result.stderr
    assert "took back 2023Q3" in result.stdout
    assert game_json.read_bytes() == turn2  # undo restores the exact previous folder state
    assert not (played / "turns" / "2023Q3").exists()
    result = multivector("class", "turn", str(played), str(kz3))
    assert result.returncode == 0, result.stderr

    folder = played / "turns" / "2023Q2"
    assert {p.name for p in folder.iterdir()} == {
        "newspaper.html",
        "newspaper.md",
        "briefing-KZ.md",
        "briefing-RU.md",
        "briefing-KZ.html",  # the briefings again, to print
        "briefing-RU.html",
        "orders-KZ.yaml",
    }
    assert "Raids on migrant workers" in (folder / "newspaper.md").read_text()
    assert "Briefing for Kazakhstan" in (folder / "briefing-KZ.md").read_text()
    from game.scenario.compile import compile_world
    from game.scenario.library import resolve_scenario
    from game.scenario.load import load_scenario

    # Six quarters of a 20-quarter scenario: its victory targets do not apply, and the briefing says so.
    assert not compile_world(load_scenario(resolve_scenario("sandbox")), turns=6).has_targets
    assert "No victory target: this game is shorter than the scenario." in (folder / "briefing-KZ.md").read_text()

    result = multivector("class", "status", str(played))
    assert result.returncode == 0, result.stderr
    assert "3 turns played" in result.stdout and "next turn 2023Q4" in result.stdout
    russia = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("RU Russia"))
    assert russia.rstrip().endswith("—")  # the target column: none in a shortened game
    assert "no targets (—)" in result.stdout  # and the table says why the column is empty

    report = tmp_path / "debrief.html"
    result = multivector("report", str(played), "--out", str(report), "--runs", "40")
    assert result.returncode == 0, result.stderr
    text = report.read_text()
    assert text.count("<img") >= 3 and text.count("src='data:image/png;base64,") >= 3
    for heading in (
        "The briefing",
        "At a glance",
        "Trajectories",
        "The triangle view",
        "Timeline of events",
        "The big shifts",
        "The teams' decisions",
        "Questions for discussion",
    ):
        assert heading in text
    assert "simulated world" in text or "middle 80% of the computer runs" in text
    assert "Raids on migrant workers" in text
    assert "black dot (end)" in text and "red dot" not in text
    assert "http://" not in text and "https://" not in text.replace("https://www.w3.org", "")


def test_crash_mid_turn_leaves_the_folder_as_it_was(played: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = Path(tempfile.mkdtemp()) / "game"
    shutil.copytree(played, copy)
    before = (copy / "game.json").read_bytes()
    game = load_class_game(copy)
    accepted, problems = check_orders_files([], game.world, game.game.state, game.teams, game.quarter)
    assert not problems and accepted == []

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(folder_module, "write_text_atomic", crash)
    with pytest.raises(OSError):
        game.play_turn(accepted)
    assert (copy / "game.json").read_bytes() == before
    assert load_class_game(copy).game.turn == load_class_game(played).game.turn


def test_new_refuses_bad_input(tmp_path: Path) -> None:
    result = multivector("class", "new", "sandbox", "--teams", "KZ,XX", "--out", str(tmp_path / "g"))
    assert result.returncode == 2 and "'XX' is not a role" in result.stderr
    result = multivector("class", "status", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "no class game here" in result.stderr


def test_turn_without_files_is_refused_unless_asked(tmp_path: Path) -> None:
    game = tmp_path / "g"
    result = multivector("class", "new", "sandbox", "--teams", "KZ,RU", "--turns", "2", "--out", str(game))
    assert result.returncode == 0, result.stderr
    before = (game / "game.json").read_bytes()
    result = multivector("class", "turn", str(game))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "teams without a file: KZ (computer plays it), RU (computer plays it)" in result.stderr
    assert "--no-files" in result.stderr
    assert (game / "game.json").read_bytes() == before
    result = multivector("class", "turn", str(game), "--no-files")
    assert result.returncode == 0, result.stderr
    assert "no file from: Kazakhstan (KZ): the computer played it; Russia (RU): the computer played it" in result.stdout


def test_all_problems_of_all_files_in_one_go(played: Path, tmp_path: Path) -> None:
    """A form error in one entry does not hide the legality problems of the others; hints help fix them."""
    game = load_class_game(played)
    quarter = game.quarter
    ru = orders(
        tmp_path / "ru.yaml",
        "RU",
        quarter,
        ["{action: summit, target: kazakhstan}", "{action: host_summit, target: KZ}", "{action: summitt, target: KG}"],
    )
    kz = orders(tmp_path / "kz.yaml", "KZ", quarter, ["{action: host_sumit, target: WEST}"])
    accepted, problems = check_orders_files(
        [ru, kz], game.world, game.game.state, game.teams, quarter, str(played)
    )
    text = [str(p) for p in problems]
    assert accepted == []
    assert any(
        t.startswith(f"{ru}:4: orders[0].target: 'kazakhstan' is not one of") and "use the code KZ" in t
        for t in text
    ), text
    cannot = [t for t in text if t.startswith(f"{ru}:5: orders[1]: team RU (Russia): RU cannot take 'host_summit'")]
    assert cannot and "toward KZ RU can: " in cannot[0] and "summit" in cannot[0], text
    assert any(t.startswith(f"{ru}:6: orders[2]") and "did you mean 'summit'" in t for t in text), text
    assert any(t.startswith(f"{kz}:4: orders[0]") and "did you mean 'host_summit'" in t for t in text), text
    assert len(text) == 4, text


TYPOS = {
    "two misspelt actions": (
        ["{action: host_sumit, target: WEST}", "{action: sign_deal, target: CN}", "{action: sign_dael, target: UZ}"],
        {4: "did you mean 'host_summit'", 6: "did you mean 'sign_deal'"},
    ),
    "two YAML slips and a misspelt action": (
        ["{action: host_summit target: WEST}", "{action: sign_deal, target: CN", "{action: sign_dael, target: UZ}"],
        {4: "YAML syntax", 5: "YAML syntax", 6: "did you mean 'sign_deal'"},
    ),
    "a misspelt field, a country's name and a misspelt action": (
        ["{action: host_summit, targt: WEST}", "{action: sign_deal, target: China}",
         "{action: hots_summit, target: RU}"],
        {4: "did you mean 'target'", 5: "use the code CN", 6: "did you mean 'host_summit'"},
    ),
}


@pytest.mark.parametrize("typos", list(TYPOS))
def test_every_typo_of_an_orders_file_is_named_in_one_run(played: Path, tmp_path: Path, typos: str) -> None:
    """Two or three typos on different lines: each is named with file, line and field in one run, exit 2, no
    traceback, and the turn is not played."""
    entries, expected = TYPOS[typos]
    kz = orders(tmp_path / "kz.yaml", "KZ", load_class_game(played).quarter, entries)
    result = multivector("class", "turn", str(played), str(kz))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    said = result.stderr.splitlines()
    for line, words in expected.items():
        assert any(t.startswith(f"error: {kz}:{line}: ") and words in t for t in said), (line, result.stderr)
    assert {int(t.split(": ")[1].rsplit(":", 1)[1]) for t in said} == set(expected), result.stderr
    assert all(t.split(": ")[2].startswith("orders[") for t in said if "YAML syntax" not in t), result.stderr
    assert "not played, nothing changed" in said[-1]


def test_a_misspelt_team_does_not_hide_a_misspelt_action(played: Path, tmp_path: Path) -> None:
    kz = orders(tmp_path / "kz.yaml", "KZZ", load_class_game(played).quarter, ["{action: host_sumit, target: WEST}"])
    result = multivector("class", "turn", str(played), str(kz))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    said = result.stderr.splitlines()
    assert said[0].startswith(f"error: {kz}:1: team: 'KZZ' is not one of"), result.stderr
    assert said[1].startswith(f"error: {kz}:4: orders[0]: 'host_sumit' is not an action here; did you mean"), said
    assert len(said) == 2, result.stderr


def test_the_briefing_says_when_an_order_has_no_route(tmp_path: Path) -> None:
    """The West's energy deal with Turkmenistan is accepted (it still pays for prosperity) but its team's
    briefing says that no gas moves without a pipeline, and which action builds one."""
    game = tmp_path / "game"
    assert multivector("class", "new", "sandbox", "--teams", "WEST", "--seed", "3", "--turns", "4",
                       "--out", str(game)).returncode == 0
    west = orders(tmp_path / "w.yaml", "WEST", "2023Q1", ["{action: energy_deal, target: TM}"])
    result = multivector("class", "turn", str(game), str(west))
    assert result.returncode == 0, result.stderr
    briefing = (game / "turns" / "2023Q1" / "briefing-WEST.md").read_text()
    line = next(line for line in briefing.splitlines() if "Energy deal → Turkmenistan" in line)
    assert line.endswith("No energy route from Turkmenistan to the West: a pipeline project builds one.")
