"""The debrief speaks the teacher's language: every message it shows comes from the language's catalog,
the page says which language it is in, figures are written the language's way, and a translated
scenario shows its own translated texts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main
from game.i18n import set_language
from game.play.news_causes import CauseWords
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_texts
from tests.cli import test_languages as cli_languages
from tests.cli.test_languages import translated_ids
from tests.conftest import REPO


def multivector(*arguments: str) -> None:
    """``multivector ARGUMENTS`` in a fresh process (English), which must succeed."""
    result = subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def class_game(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sandbox class game of KZ and RU: KZ hands in orders for the first quarter, nobody for the second."""
    root = tmp_path_factory.mktemp("class")
    game = root / "game"
    multivector("class", "new", "sandbox", "--teams", "KZ,RU", "--seed", "3", "--turns", "3", "--out", str(game))
    orders = root / "kz.yaml"
    orders.write_text(
        "team: KZ\nturn: 2023Q1\norders:\n"
        "  - {action: host_summit, target: WEST}\n  - {action: sign_deal, target: CN}\n"
    )
    multivector("class", "turn", str(game), str(orders))
    multivector("class", "turn", str(game), "--no-files")
    return game


asked = cli_languages.asked  # the messages asked of the catalogs during a test (the commands' own fixture)


def english_pieces(message: str) -> list[str]:
    """The words of a message between its placeholders that are long enough to be told apart from a name."""
    return [piece.strip() for piece in re.split(r"\{[^{}]*\}", message) if len(piece.strip()) >= 12]


def page_text(page: str) -> str:
    """What a reader sees of the page: no style sheet, no embedded charts, no tags."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    page = re.sub(r"src='data:[^']*'", "", page)
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_a_class_games_debrief_is_all_in_the_language(
    code: str, class_game: Path, asked: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "debrief.html"
    assert main(["--lang", code, "report", str(class_game), "--runs", "20", "--out", str(out)]) == 0
    capsys.readouterr()
    assert len(asked) > 60, "the debrief asked the catalog for almost nothing: are its texts still marked?"
    assert sorted(asked - translated_ids(code)) == [], "messages of the debrief that fell back to English"
    page = out.read_text()
    assert page.startswith(f"<!doctype html>\n<html lang={code}>")
    text = page_text(page)
    left = sorted({piece for message in asked for piece in english_pieces(message) if piece in text})
    assert left == [], "English words of the catalog's messages on the page"
    # Scores are written the language's way: a decimal comma, and a true minus sign in the changes.
    assert re.search(r"<td class=num>\d+,\d</td>", page)
    assert not re.search(r"<td class='num[^']*'>-", page)
    # Country names and the action titles of the orders are the language's, not the engine's English.
    assert "Kazakhstan" not in text and "Host a summit" not in text


def test_a_translated_scenario_shows_its_translated_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "run"
    multivector("run", "tutorial", "--seed", "1", "--out", str(run))
    out = tmp_path / "debrief.html"
    assert main(["--lang", "ru", "report", str(run), "--runs", "0", "--out", str(out)]) == 0
    capsys.readouterr()
    path = resolve_scenario("tutorial")
    texts = scenario_texts(load_scenario(path).scenario, path, "ru")
    assert texts.translated
    page = out.read_text()
    assert f"<h1>{texts.title}</h1>" in page
    assert all(objective.split()[0] in page for objective in texts.objectives.values())


def test_the_causes_of_a_change_are_named_in_the_language() -> None:
    path = resolve_scenario("sandbox")
    loaded = load_scenario(path)
    set_language("ru")
    words = CauseWords.of(loaded)
    assert words.cause("order by China: Host a summit (Kyrgyzstan)") == "приказ Китая: «Провести саммит» (Кыргызстан)"
    assert words.cause("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1") == (
        "проект Казахстана: «Подписать торговую сделку» (Запад), начат в I кв. 2023"
    )
    assert words.cause("chance (random fluctuation)") == "случайные колебания"
    assert words.cause("event (random): Border clash (under way)").startswith("событие (случайное): ")
    set_language("en")
    assert CauseWords.of(loaded).cause("order by China: Host a summit (Kyrgyzstan)") == (
        "order by China: Host a summit (Kyrgyzstan)"
    )


def test_the_injected_mark_is_the_classrooms() -> None:
    from game.classroom.injection import INJECTED
    from game.play import news_causes

    assert news_causes.INJECTED == INJECTED
    set_language("kk")
    assert CauseWords().event("Oil price slump" + INJECTED) == "Oil price slump (мұғалім енгізген)"



def test_why_names_who_gave_an_order_in_the_language() -> None:
    from game.cli.why import who_gave

    loaded = load_scenario(resolve_scenario("sandbox"))
    set_language("ru")
    shown = who_gave("order by China: Host a summit (Kyrgyzstan)", ["KZ"], CauseWords.of(loaded))
    assert shown == "приказ Китая (компьютер): «Провести саммит» (Кыргызстан)"
