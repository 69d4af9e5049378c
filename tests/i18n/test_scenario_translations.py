"""Scenario texts in other languages: complete, checked key by key with file:line, never half English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, place_name
from game.i18n.places import place_ids
from game.scenario.errors import ScenarioError
from game.scenario.library import SCENARIOS_DIR, shipped_scenarios
from game.scenario.load import LoadedScenario, load_scenario
from game.scenario.translation import (
    ScenarioTranslation,
    action_texts,
    existing_translation,
    read_translation,
    scenario_source_texts,
    scenario_texts,
    translation_path,
    translation_problems,
)

TRANSLATED = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]
SHIPPED_SCOPE = tuple(path.stem for path in shipped_scenarios())  # every shipped scenario, in every language


def loaded(name: str) -> LoadedScenario:
    """A shipped scenario, loaded."""
    return load_scenario(SCENARIOS_DIR / f"{name}.yaml")


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda path: path.stem)
def test_every_shipped_translation_file_validates_and_covers_every_key(path: Path) -> None:
    assert translation_problems(load_scenario(path)) == []


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("name", SHIPPED_SCOPE)
def test_the_shipped_scope_is_translated_whole(name: str, code: str) -> None:
    scenario = loaded(name)
    texts = scenario_texts(scenario.scenario, scenario.path, code)
    english = scenario_texts(scenario.scenario, scenario.path, "en")
    assert texts.translated and not english.translated
    assert texts.title != english.title and texts.briefing_advanced != english.briefing_advanced
    assert set(texts.objectives) == set(english.objectives) == {"KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST"}
    assert set(texts.tutorial_steps) == set(english.tutorial_steps)
    for event_id, event in texts.events.items():
        original = english.events[event_id]
        assert (event.title, event.text) != (original.title, original.text), event_id
        # A source's quote stays as published, with its translation beside it.
        assert event.quote == original.quote
        assert (event.quote_translation is None) == (original.quote is None), event_id
        if original.quote is not None:
            assert event.quote_translation != original.quote, event_id
    for step_id, text in texts.tutorial_steps.items():
        assert text != english.tutorial_steps[step_id], step_id
    catalogue_path = SCENARIOS_DIR / "actions.yaml"
    translated_actions = action_texts(scenario.catalogue, catalogue_path, code)
    english_actions = action_texts(scenario.catalogue, catalogue_path, "en")
    assert all(translated_actions[key] != english_actions[key] for key in english_actions)


def quoted_actions(text: str, english_titles: dict[str, tuple[str, str]]) -> list[str]:
    """The actions an English text quotes by their title ("Sign a trade deal"), by id."""
    by_title = {title: action for action, (title, _description) in english_titles.items()}
    return [by_title[quote] for quote in re.findall(r'"([^"]+)"', text) if quote in by_title]


@pytest.mark.parametrize("code", TRANSLATED)
def test_tutorial_steps_name_actions_by_their_translated_titles(code: str) -> None:
    """A step that says choose "Sign a trade deal" (or looks at "Host a summit") names the action as the translated
    actions list shows it, so the player finds the row the card points at."""
    scenario = loaded("tutorial")
    assert scenario.scenario.tutorial is not None
    steps = scenario_texts(scenario.scenario, scenario.path, code).tutorial_steps
    english_titles = action_texts(scenario.catalogue, SCENARIOS_DIR / "actions.yaml", "en")
    titles = action_texts(scenario.catalogue, SCENARIOS_DIR / "actions.yaml", code)
    named = 0
    for step in scenario.scenario.tutorial.steps:
        for action in quoted_actions(step.text, english_titles):
            assert f"«{titles[action][0]}»" in " ".join(steps[step.id].split()), (step.id, steps[step.id])
            named += 1
    assert named >= 5


def test_uzbek_is_written_in_latin_letters_with_the_modifier_apostrophes() -> None:
    for path in (SCENARIOS_DIR / "translations" / "uz").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        assert not re.search("[а-яА-ЯёЁ]", text), path.name
        # oʻ and gʻ take U+02BB, never a typewriter apostrophe or a quotation mark.
        assert not re.search(r"[oOgG]['‘’`]", text), path.name


def test_a_language_without_a_file_falls_back_to_the_scenarios_own_texts(tmp_path: Path) -> None:
    """A scenario of the user's own, with no translation beside it, reads in its own words in every language."""
    shutil.copy(SCENARIOS_DIR / "sandbox.yaml", tmp_path / "sandbox.yaml")
    sandbox = load_scenario(tmp_path / "sandbox.yaml")
    assert existing_translation(sandbox.path, "ru") is None
    texts = scenario_texts(sandbox.scenario, sandbox.path, "ru")
    assert not texts.translated and texts.title == sandbox.scenario.title


# --------------------------------------------------------------------------- broken files


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The tutorial and its Russian texts copied to a folder of their own (its baseline is found among the
    shipped files)."""
    shutil.copy(SCENARIOS_DIR / "tutorial.yaml", tmp_path / "tutorial.yaml")
    (tmp_path / "translations" / "ru").mkdir(parents=True)
    shutil.copy(translation_path(SCENARIOS_DIR / "tutorial.yaml", "ru"), tmp_path / "translations" / "ru")
    return tmp_path


def edit_translation(folder: Path, old: str, new: str) -> tuple[Path, list[str]]:
    """Replace `old` with `new` in the copied Russian file; its path and lines after the edit."""
    path = translation_path(folder / "tutorial.yaml", "ru")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, path.read_text(encoding="utf-8").splitlines()


def problems_of(folder: Path) -> list[str]:
    """What reading the copied Russian texts reports, one line per problem."""
    scenario = load_scenario(folder / "tutorial.yaml")
    with pytest.raises(ScenarioError) as refused:
        scenario_texts(scenario.scenario, scenario.path, "ru")
    assert [str(problem) for problem in translation_problems(scenario)] == [str(p) for p in refused.value.problems]
    return [str(problem) for problem in refused.value.problems]


def line_of(lines: list[str], start: str) -> int:
    """1-based number of the first line starting with `start`."""
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def entries_of(lines: list[str], start: str) -> int:
    """The line where the entries of the mapping under the key line starting with `start` begin: a missing
    key is reported there, as the scenario loader reports a missing field."""
    return line_of(lines, start) + 1


# The Russian tutorial's text for one step, whole (a key and its folded text).
AIM_CHINA = (
    "  aim_china: >-\n"
    "    Направьте сделку на Китай: кнопка CN выбирается сама, если это лучшая цель; иначе нажмите CN.\n"
)


def test_a_missing_key_is_named_with_file_and_line(copied: Path) -> None:
    path, lines = edit_translation(copied, AIM_CHINA, "")
    assert problems_of(copied) == [f"{path}:{entries_of(lines, 'tutorial:')}: tutorial.aim_china: missing translation"]


def test_an_extra_key_is_named_with_file_line_and_the_key_it_resembles(copied: Path) -> None:
    path, lines = edit_translation(copied, "  aim_china:", "  aim_chine:")
    assert problems_of(copied) == [
        f"{path}:{entries_of(lines, 'tutorial:')}: tutorial.aim_china: missing translation",
        f"{path}:{line_of(lines, '  aim_chine:')}: tutorial.aim_chine: not in the original;"
        " did you mean 'tutorial.aim_china'?",
    ]


def test_a_missing_event_text_is_named_at_its_event(copied: Path) -> None:
    old = "    quote: \"обсудили пути увеличения китайских инвестиций в регион\"\n"
    path, lines = edit_translation(copied, old, "")
    expected = f"{path}:{entries_of(lines, '  tut_xian_summit:')}: events.tut_xian_summit.quote: missing translation"
    assert problems_of(copied) == [expected]


def test_a_dropped_placeholder_is_refused(copied: Path) -> None:
    path, lines = edit_translation(copied, "и цель, {target}:", "и цель:")
    expected = f"{path}:{line_of(lines, '  goal:')}: tutorial.goal: placeholders must be the original's: {{target}}"
    assert problems_of(copied) == [expected]


def test_an_empty_text_is_refused_with_its_line(copied: Path) -> None:
    path, lines = edit_translation(copied, AIM_CHINA, '  aim_china: ""\n')
    (problem,) = problems_of(copied)
    assert problem.startswith(f"{path}:{line_of(lines, '  aim_china:')}: tutorial.aim_china: ")


def test_broken_yaml_is_one_problem_with_its_line(copied: Path) -> None:
    path, lines = edit_translation(copied, "  aim_china: >-\n    Направьте", "  aim_china: [Направьте")
    (problem,) = problems_of(copied)
    assert problem.startswith(f"{path}:{line_of(lines, '  aim_china:')}: YAML syntax:")


def test_a_translated_field_the_scenario_cannot_have_is_refused(copied: Path) -> None:
    path, lines = edit_translation(copied, "title: \"Обучение", "turns: 5\ntitle: \"Обучение")
    assert problems_of(copied) == [f"{path}:{line_of(lines, 'turns:')}: turns: unknown field"]


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("name", SHIPPED_SCOPE)
def test_places_are_spelled_as_the_place_name_table_spells_them(name: str, code: str) -> None:
    """Where the English names a city, port or pass, the translation names it as game.i18n.places does
    (compared on the first four letters, so that the language may inflect it: Астане, Ақтауда, Oqtovdagi)."""
    scenario = loaded(name)
    english = scenario_source_texts(scenario.scenario)
    translated = read_translation(translation_path(scenario.path, code), ScenarioTranslation, english)
    checked = 0
    for key, text in english.items():
        for place in (place for place in place_ids() if place.islower()):
            if key[-1] != "quote" and place_name(place, "en").removeprefix("the ") in text:
                assert place_name(place, code).removeprefix("the ")[:4] in translated[key], (key, place)
                checked += 1
    assert checked >= 3


# --------------------------------------------------------------------------- multivector validate


def validate(*files: Path) -> subprocess.CompletedProcess[str]:
    """``multivector validate FILE...`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "game", "validate", *map(str, files)], capture_output=True, text=True)


def test_validate_accepts_every_shipped_translation_file() -> None:
    files = sorted((SCENARIOS_DIR / "translations").glob("*/*.yaml"))
    assert len(files) == (len(SHIPPED_SCOPE) + 1) * len(TRANSLATED)  # each scenario and the actions
    result = validate(*files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"ok    {path}" for path in files]


def test_validate_names_a_broken_translation_with_file_and_line_and_no_traceback(copied: Path) -> None:
    path, lines = edit_translation(copied, "  aim_china:", "  aim_chine:")
    result = validate(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{path}:{entries_of(lines, 'tutorial:')}: tutorial.aim_china: missing translation",
        f"{path}:{line_of(lines, '  aim_chine:')}: tutorial.aim_chine: not in the original;"
        " did you mean 'tutorial.aim_china'?",
    ]


def test_validate_refuses_a_translation_into_an_unshipped_language_or_of_no_scenario(tmp_path: Path) -> None:
    french = tmp_path / "translations" / "fr" / "tutorial.yaml"
    orphan = tmp_path / "translations" / "ru" / "nowhere.yaml"
    for path in (french, orphan):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("title: x\nsummary: y\n", encoding="utf-8")
    result = validate(french, orphan)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{french}: 'fr' is not a language the game ships (ru, kk, uz)",
        f"{orphan}: translates '{tmp_path / 'nowhere.yaml'}', which does not exist",
    ]


def test_a_whole_missing_section_names_every_text_it_lacks(copied: Path) -> None:
    path = translation_path(copied / "tutorial.yaml", "ru")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("events:")] + text[text.index("tutorial:"):], encoding="utf-8")
    problems = problems_of(copied)
    assert len(problems) == 5 * 2 + 4  # five events' titles and texts, four sources' quotes
    assert f"{path}:3: events.tut_xian_summit.quote: missing translation" in problems


def test_validating_a_scenario_checks_its_translations_too(copied: Path) -> None:
    path, lines = edit_translation(copied, "  aim_china:", "  aim_chine:")
    result = validate(copied / "tutorial.yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{path}:{line_of(lines, '  aim_chine:')}: tutorial.aim_chine: not in the original;" in result.stderr
    assert "ok " not in result.stdout


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("name", SHIPPED_SCOPE)
def test_a_missing_or_extra_key_in_any_shipped_translation_is_named_with_file_and_line(
    tmp_path: Path, name: str, code: str
) -> None:
    """Every scenario's file in every language is checked key by key: with Kazakhstan's objective left out and
    the first event's id misspelt, each problem names the file, the line and the key."""
    shutil.copy(SCENARIOS_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
    path = translation_path(tmp_path / f"{name}.yaml", code)
    path.parent.mkdir(parents=True)
    lines = translation_path(SCENARIOS_DIR / f"{name}.yaml", code).read_text(encoding="utf-8").splitlines()
    del lines[line_of(lines, "  KZ:") - 1]
    event_line = next(n for n, line in enumerate(lines, 1) if n > line_of(lines, "events:") and line.startswith("  "))
    event = lines[event_line - 1].strip().rstrip(":")
    lines[event_line - 1] = f"  {event}x:"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(problem) for problem in translation_problems(load_scenario(tmp_path / f"{name}.yaml"))]
    assert f"{path}:{entries_of(lines, 'objectives:')}: objectives.KZ: missing translation" in problems
    assert f"{path}:{entries_of(lines, 'events:')}: events.{event}.title: missing translation" in problems
    assert (
        f"{path}:{event_line + 1}: events.{event}x.title: not in the original; did you mean 'events.{event}.title'?"
        in problems
    )
    assert all(problem.startswith(f"{path}:") for problem in problems)


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("name", SHIPPED_SCOPE)
def test_every_shipped_scenario_loads_in_every_language(name: str, code: str) -> None:
    """What the play layer reads of a scenario (texts, actions, causes' words) in each language is the
    translation's, never English, and a game of it starts."""
    from game.i18n import set_language
    from game.play.texts import scenario_words

    scenario = loaded(name)
    set_language(code)
    try:
        words = scenario_words(scenario)
    finally:
        set_language(SOURCE_LANGUAGE)
    english = scenario_texts(scenario.scenario, scenario.path, SOURCE_LANGUAGE)
    assert words.texts.translated and words.texts.title != english.title
    assert all(words.actions[action.id][0] != action.title for action in scenario.catalogue.actions)
    assert words.causes.events and all(words.causes.events[title] != title for title in words.causes.events)
