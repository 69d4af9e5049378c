"""``multivector --lang ru class …`` speaks Russian: help, messages, refusals (exit 2, no traceback), tables, the
orders template's comments, the newspaper and the briefings; Kazakh and Uzbek newspapers too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.server.english_text import english_runs

# What a message may quote in English: the commands and files a teacher types, and the scenario's outlets.
TYPED = re.compile(r"\{action: [^}]*\}|multivector [^()\n;«»]*|class inject GAME_DIR --cancel|docs/[\w./-]+|--[a-z-]+")


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command line, as a teacher runs it."""
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


def english_in(text: str) -> list[str]:
    """English word runs in a command's output, outside the commands and file names it quotes."""
    return english_runs("<pre>" + TYPED.sub(" ", text).replace("<", " ") + "</pre>")


@pytest.fixture(scope="module")
def game_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Russian teacher's three-quarter Middle Corridor class game."""
    folder = tmp_path_factory.mktemp("ru") / "7b"
    made = multivector("--lang", "ru", "class", "new", "middle_corridor", "--teams", "KZ,RU", "--seed", "2",
                       "--turns", "3", "--out", str(folder))
    assert made.returncode == 0, made.stderr
    assert "новая классная игра" in made.stdout and english_in(made.stdout) == [], made.stdout
    return folder


def test_refusals_are_russian_one_line_each_exit_2(game_dir: Path, tmp_path: Path) -> None:
    refusals = [
        multivector("--lang", "ru", "class", "turn", str(game_dir)),
        multivector("--lang", "ru", "class", "undo", str(game_dir)),
        multivector("--lang", "ru", "class", "inject", str(game_dir), "no_such_event"),
        multivector("--lang", "ru", "class", "status", str(tmp_path / "nothing")),
        multivector("--lang", "ru", "class", "template", str(game_dir), "--team", "UZ"),
    ]
    for result in refusals:
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and re.search("[а-я]{4,}", result.stderr), result.stderr
        assert english_in(result.stderr) == [], result.stderr
    assert "не указаны файлы приказов на IV кв. 2023" in refusals[0].stderr
    assert "отменять нечего" in refusals[1].stderr


def test_a_bad_orders_file_is_refused_in_russian_naming_file_line_and_field(game_dir: Path, tmp_path: Path) -> None:
    orders = tmp_path / "kz.yaml"
    orders.write_text("team: KZ\nturn: 2023Q4\norders:\n  - {action: host_sumit, target: RU}\n"
                      "  - {action: host_summit, target: Россия}\n  - {action: host_summit, targt: RU}\n",
                      encoding="utf-8")
    result = multivector("--lang", "ru", "class", "turn", str(game_dir), str(orders))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{orders}:4: orders[0]" in result.stderr and "может быть, «host_summit»?" in result.stderr
    assert f"{orders}:5: orders[1].target" in result.stderr and "используйте код RU" in result.stderr
    assert f"{orders}:6: orders[2].targt: неизвестное поле; может быть, «target»?" in result.stderr
    assert "ход IV кв. 2023 не разыгран, ничего не изменилось" in result.stderr
    assert english_in(result.stderr) == [], result.stderr


@pytest.mark.parametrize("code", ["ru", "kk", "uz"])
def test_the_rules_refusals_of_an_orders_file_are_in_the_language_with_their_numbers(
    code: str, game_dir: Path, tmp_path: Path
) -> None:
    """A twice-given order, an order past the points, one past the orders a turn and one toward a target the team
    cannot reach: each pinned to its line, said in the language with the rule's own numbers (KZ has 3 points)."""
    orders = tmp_path / "kz.yaml"
    orders.write_text("team: KZ\nturn: 2023Q4\norders:\n  - {action: host_summit, target: RU}\n"
                      "  - {action: host_summit, target: RU}\n  - {action: sign_deal, target: CN}\n"
                      "  - {action: diversify_routes, target: WEST}\n  - {action: evade_sanctions, target: RU}\n"
                      "  - {action: evade_sanctions, target: CN}\n", encoding="utf-8")
    result = multivector("--lang", code, "class", "turn", str(game_dir), str(orders))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{orders}:{n}" for n in (5, 7, 8, 9)], result.stderr
    assert code == "uz" or english_in(result.stderr) == [], result.stderr  # (Uzbek is written in Latin letters)
    said = {
        "ru": ["один и тот же приказ нельзя отдать дважды", "осталось 0,0 ОД, приказ стоит 3 ОД",
               "3 приказа уже в очереди (не больше 3 за ход)", "KZ не может применить «evade_sanctions» к CN"],
        "kk": ["бір бұйрықты екі рет беруге болмайды", "0,0 ӘҰ қалды, бұйрықтың құны 3 ӘҰ",
               "3 бұйрық кезекте тұр", "KZ CN бағытында «evade_sanctions» әрекетін жасай алмайды"],
        "uz": ["bir xil buyruqni ikki marta berib boʻlmaydi", "0,0 HO qoldi, bu buyruq 3 HO turadi",
               "3 ta buyruq navbatda turibdi", "KZ CN tomon «evade_sanctions» harakatini qila olmaydi"],
    }[code]
    assert all(words in line for words, line in zip(said, lines, strict=True)), result.stderr


def test_the_template_comments_are_russian_and_the_file_is_still_an_orders_file(game_dir: Path) -> None:
    result = multivector("--lang", "ru", "class", "template", str(game_dir), "--team", "KZ", "--out", "-")
    assert result.returncode == 0, result.stderr
    comments = "\n".join(line for line in result.stdout.splitlines() if line.startswith("#"))
    assert "Приказы Казахстана (KZ) на IV кв. 2023" in comments and "Очков действий в запасе" in comments
    assert english_in(comments.replace("'orders:'", "")) == [], comments
    assert yaml.safe_load(result.stdout) == {"team": "KZ", "turn": "2023Q4", "orders": None}


def test_help_status_and_a_played_turn_in_russian(game_dir: Path, tmp_path: Path) -> None:
    helped = multivector("--lang", "ru", "class", "turn", "--help")
    assert helped.returncode == 0 and "проверить приказы всех команд" in helped.stdout
    played = multivector("--lang", "ru", "class", "turn", str(game_dir), "--no-files")
    assert played.returncode == 0, played.stderr
    assert "IV кв. 2023 разыгран" in played.stdout and english_in(played.stdout) == [], played.stdout
    status = multivector("--lang", "ru", "class", "status", str(game_dir))
    assert status.returncode == 0 and "сыгран 1 ход" in status.stdout
    assert english_in(status.stdout) == [], status.stdout
    briefing = (game_dir / "turns" / "2023Q4" / "briefing-KZ.md").read_text(encoding="utf-8")
    assert briefing.startswith("# Сводка для Казахстана (KZ) после IV кв. 2023 — приказы на I кв. 2024")
    assert english_in(briefing) == [], briefing


@pytest.mark.parametrize(
    ("code", "words"),
    [("en", "The Steppe Courier"), ("ru", "Степной курьер"), ("kk", "Дала хабаршысы"), ("uz", "Dasht xabarchisi")],
)
def test_the_newspaper_is_written_in_the_language(code: str, words: str, tmp_path: Path) -> None:
    folder = tmp_path / "game"
    assert multivector("class", "new", "middle_corridor", "--teams", "KZ,CN", "--seed", "5", "--turns", "2",
                       "--out", str(folder)).returncode == 0
    played = multivector("--lang", code, "class", "turn", str(folder), "--no-files")
    assert played.returncode == 0, played.stderr
    page = (folder / "turns" / "2023Q4" / "newspaper.html").read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in page and words in page
    if code in ("ru", "kk"):  # quotes stay as published, in blockquotes; outlets keep their names
        outlets = {"Trend News Agency", "Reuters", "Eurasianet", "The Diplomat"}
        assert [run for run in english_runs(page, {"blockquote"}) if run not in outlets] == []
