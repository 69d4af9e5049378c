"""A class game's own file: its embedded save is signed like a save, and a teacher's custom
event keeps its words in the newspaper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main

FLOOD = """\
id: teacher_flood
title: Spring floods in the Fergana valley
text: >
  Floods wash away bridges in the Fergana valley;
  the neighbours send help.
source: {outlet: Class 7b Gazette, date: '2024-04-02'}
effects: []
"""


@pytest.fixture
def class_game(tmp_path: Path) -> Path:
    """A new three-quarter sandbox class game with one team."""
    game = tmp_path / "game"
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "3", "--out", str(game)]) == 0
    return game


def play_a_turn_with_the_flood(class_game: Path, tmp_path: Path) -> None:
    """The teacher injects the custom flood event and plays the quarter without files."""
    event = tmp_path / "flood.yaml"
    event.write_text(FLOOD, encoding="utf-8")
    assert main(["class", "inject", str(class_game), "--custom", str(event)]) == 0
    assert main(["class", "turn", str(class_game), "--no-files"]) == 0

def test_a_custom_event_is_printed_with_its_own_text(
    class_game: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play_a_turn_with_the_flood(class_game, tmp_path)
    capsys.readouterr()
    markdown = (class_game / "turns" / "2023Q1" / "newspaper.md").read_text(encoding="utf-8")
    assert (
        "- **Spring floods in the Fergana valley** [counterfactual] *(injected by the teacher)*: "
        "Floods wash away bridges in the Fergana valley; the neighbours send help.\n"
        "  > Class 7b Gazette, 2 April 2024\n"
    ) in markdown
    page = (class_game / "turns" / "2023Q1" / "newspaper.html").read_text(encoding="utf-8")
    assert (
        "<h3>Spring floods in the Fergana valley <small>[counterfactual] (injected by the teacher)</small></h3>"
        "<p>Floods wash away bridges in the Fergana valley; the neighbours send help.</p>"
    ) in page


def test_an_injected_scenario_event_is_named_the_teacher_s_in_the_causes(
    class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["class", "inject", str(class_game), "migrant_raids"]) == 0
    assert main(["class", "turn", str(class_game), "--no-files"]) == 0
    capsys.readouterr()
    markdown = (class_game / "turns" / "2023Q1" / "newspaper.md").read_text(encoding="utf-8")
    # It borrowed a random event's slot, but no draw chose it: the cause says whose choice it was.
    assert "event (teacher's injection): Raids on migrant workers in Russia" in markdown
    assert "event (random): Raids" not in markdown
    assert "reserved for a teacher's injection" not in markdown
    assert "- **Raids on migrant workers in Russia** *(injected by the teacher)*: After an attack" in markdown


@pytest.mark.parametrize(
    ("field", "value"),
    [("turns", 4), ("human_roles", []), ("ai_levels", {"RU": "easy"}), ("settings", {"shock_scale": 2.0})],
)
def test_an_edited_embedded_save_is_refused_naming_file_and_field(
    field: str, value: object, class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = class_game / "game.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["save"][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    edited = path.read_bytes()
    assert main(["class", "turn", str(class_game), "--no-files"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"error: {path}: save.signature: the save was edited: its line-up, levels, turns, settings or scenario "
        "no longer match its signature"
    ]
    assert path.read_bytes() == edited
    assert not (class_game / "turns").exists()


def test_a_class_game_of_the_previous_save_format_still_plays_and_is_signed_when_written(
    class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = class_game / "game.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["save"]["version"] = 1
    del data["save"]["signature"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["class", "turn", str(class_game), "--no-files"]) == 0
    save = json.loads(path.read_text(encoding="utf-8"))["save"]
    assert save["version"] == 2 and len(save["signature"]) == 64
    assert main(["class", "status", str(class_game)]) == 0
    assert "1 turn played" in capsys.readouterr().out


def test_an_embedded_save_of_an_unknown_format_is_refused(class_game: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = class_game / "game.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["save"]["version"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["class", "status", str(class_game)]) == 2
    assert f"{path}: save.version: save format version 9 is not supported" in capsys.readouterr().err


def test_a_custom_event_keeps_its_text_in_the_debrief(
    class_game: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play_a_turn_with_the_flood(class_game, tmp_path)
    debrief = tmp_path / "debrief.html"
    assert main(["report", str(class_game), "--runs", "20", "--out", str(debrief)]) == 0
    capsys.readouterr()
    page = debrief.read_text(encoding="utf-8")
    assert "Floods wash away bridges in the Fergana valley; the neighbours send help." in page
    assert "Class 7b Gazette" in page
