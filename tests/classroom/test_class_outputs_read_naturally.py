"""What a Russian class reads: commands it can copy as printed, names declined, a final result, nothing to click."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.library import shipped_scenarios
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_texts

# An instruction to work the map's window, in each language.
UI_VERBS = {"en": r"\b(click|press)\b", "ru": r"щёлкн|нажм", "kk": r"басыңыз|шертіңіз", "uz": r"\bbosing\b"}


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command line, as a teacher runs it."""
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A Russian teacher's tutorial class game, played to its end; the folder and what each command printed."""
    folder = tmp_path_factory.mktemp("ru") / "7b"
    said = [multivector("--lang", "ru", "class", "new", "tutorial", "--teams", "KZ,RU", "--seed", "3",
                        "--out", str(folder))]
    said += [multivector("--lang", "ru", "class", "turn", str(folder), "--no-files") for _turn in range(4)]
    assert all(result.returncode == 0 for result in said), [result.stderr for result in said]
    return folder, [result.stdout for result in said]


def test_commands_the_program_suggests_keep_the_teachers_language(played: tuple[Path, list[str]]) -> None:
    folder, said = played
    assert "multivector --lang ru class serve" in said[0] and "multivector --lang ru class template" in said[0]
    assert "multivector --lang ru report" in said[-1]
    briefing = (folder / "turns" / "2023Q1" / "briefing-KZ.md").read_text(encoding="utf-8")
    assert "`multivector --lang ru class template" in briefing
    assert "multivector class" not in " ".join(said) + briefing


def test_english_commands_need_no_language(tmp_path: Path) -> None:
    made = multivector("--lang", "en", "class", "new", "tutorial", "--teams", "KZ", "--out", str(tmp_path / "g"))
    assert made.returncode == 0, made.stderr
    assert "multivector class serve" in made.stdout and "--lang" not in made.stdout


def test_the_last_briefing_says_whether_the_team_won(played: tuple[Path, list[str]]) -> None:
    folder, _said = played
    for team in ("KZ", "RU"):
        last = (folder / "turns" / "2023Q4" / f"briefing-{team}.md").read_text(encoding="utf-8")
        assert re.search(r"Вы победили|Вы не достигли своей цели", last), last
        assert "Чтобы победить" not in last
    first = (folder / "turns" / "2023Q1" / "briefing-KZ.md").read_text(encoding="utf-8")
    assert "Чтобы победить" in first and "Вы победили" not in first


def test_each_briefing_has_a_page_to_print_without_markdown_marks(played: tuple[Path, list[str]]) -> None:
    folder, _said = played
    for team in ("KZ", "RU"):
        page = (folder / "turns" / "2023Q4" / f"briefing-{team}.html").read_text(encoding="utf-8")
        assert '<html lang="ru">' in page and "<h1>Сводка для" in page and "<strong>" in page and "<li>" in page
        assert "**" not in page and "\n#" not in page


def test_newspapers_decline_names_and_ask_nobody_to_click(played: tuple[Path, list[str]]) -> None:
    folder, _said = played
    papers = " ".join(path.read_text(encoding="utf-8") for path in folder.glob("turns/*/newspaper.md"))
    briefings = " ".join(path.read_text(encoding="utf-8") for path in folder.glob("turns/*/briefing-*.md"))
    for text in (papers, briefings):
        assert "страна:" not in text and "державы Р" not in text and "от державы" not in text
        assert not re.search(UI_VERBS["ru"], text, re.IGNORECASE)
    assert "Зависимость Казахстана от России" in briefings


@pytest.mark.parametrize("code", sorted(UI_VERBS))
def test_event_texts_and_briefings_never_tell_a_class_what_to_click(code: str) -> None:
    # A class reads them in newspapers, on the projector, on team pages and in the debrief: no window to click.
    for path in shipped_scenarios():
        loaded = load_scenario(path)
        texts = scenario_texts(loaded.scenario, path, code)
        shown = [texts.briefing_basic or "", *(event.text for event in texts.events.values())]
        for text in shown:
            assert not re.search(UI_VERBS[code], text, re.IGNORECASE), (path.stem, code, text)


def test_the_class_servers_restart_line_keeps_the_language() -> None:
    from game.i18n import language_scope
    from game.server.run import serve_command

    with language_scope("ru"):
        assert serve_command(Path("class/7b"), "0.0.0.0", 8000).startswith("multivector --lang ru class serve class/7b")
    with language_scope("en"):
        assert serve_command(Path("class/7b"), "0.0.0.0", 8000).startswith("multivector class serve class/7b")
