"""Scenario texts in other languages: one file per language beside the scenario.

A scenario ``scenarios/middle_corridor.yaml`` is translated into Russian by
``scenarios/translations/ru/middle_corridor.yaml``; its action catalogue ``scenarios/actions.yaml``
by ``scenarios/translations/ru/actions.yaml``. A translation file holds only texts, keyed by the
scenario's own ids (objectives by role, levers, events and tutorial steps by id), never a rule or a
number, so translating cannot change a game. It must cover every text the scenario has and nothing
else: a missing or extra key is a problem naming the file and line. A source's quote stays in its
original language; the file gives its translation as ``quote`` beside the event's texts.

:func:`scenario_texts` gives the texts in a language: the translation file's when one exists
(refused whole with every problem when it is wrong), the scenario's own (English) when that
language has no file for it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from game.i18n.catalog import _
from game.i18n.languages import LANGUAGE_CODES, SOURCE_LANGUAGE, language
from game.scenario.basics import Identifier, LongText, RoleCode, ShortText, Strict
from game.scenario.errors import InputFileError, Problem, ScenarioError
from game.scenario.library import referenced_file
from game.scenario.load import LoadedScenario, load_scenario
from game.scenario.models import ActionCatalogue, Briefing, CrisisEvent, Scenario
from game.scenario.yamlfile import YamlDocument, format_path, read_yaml, validate_document

TRANSLATIONS_FOLDER = "translations"
StepText = Annotated[str, StringConstraints(min_length=1, max_length=500)]  # as a tutorial step's text
TextKey = tuple[str, ...]  # where a text is: ("events", "tut_xian_summit", "title")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class EventTranslation(Strict):
    """An event's texts; ``quote`` translates its source's quote, which itself stays as published."""

    title: ShortText
    text: LongText
    end_title: ShortText | None = None
    quote: ShortText | None = None


class LeverTranslation(Strict):
    """A lever's name and what it does."""

    title: ShortText
    description: ShortText


class ScenarioTranslation(Strict):
    """A scenario's texts in one language (``scenarios/translations/<code>/<scenario>.yaml``)."""

    title: ShortText
    summary: ShortText
    briefing: Briefing | None = None
    objectives: dict[RoleCode, ShortText] = Field(default_factory=dict)
    levers: dict[Identifier, LeverTranslation] = Field(default_factory=dict)
    events: dict[Identifier, EventTranslation] = Field(default_factory=dict)
    tutorial: dict[Identifier, StepText] = Field(default_factory=dict)


class ActionTranslation(Strict):
    """An action's name and what it does."""

    title: ShortText
    description: ShortText


class CatalogueTranslation(Strict):
    """An action catalogue's texts in one language (``scenarios/translations/<code>/actions.yaml``)."""

    actions: dict[Identifier, ActionTranslation]


@dataclass(frozen=True)
class EventTexts:
    """What a player reads of an event; ``quote`` is the source's own words, ``quote_translation``
    their translation (None in English or when the source has no quote)."""

    title: str
    text: str
    end_title: str | None
    quote: str | None
    quote_translation: str | None


@dataclass(frozen=True)
class ScenarioTexts:
    """Every text of a scenario in one language; ``translated`` is False when the scenario has no
    file for the language asked and these are its own (English) texts."""

    language: str
    translated: bool
    title: str
    summary: str
    briefing_basic: str | None
    briefing_advanced: str | None
    objectives: dict[str, str]
    levers: dict[str, tuple[str, str]]
    events: dict[str, EventTexts]
    tutorial_steps: dict[str, str]


def translation_path(source: Path, code: str) -> Path:
    """Where the translation of a scenario or catalogue file into language ``code`` lives."""
    return source.parent / TRANSLATIONS_FOLDER / code / source.name


def scenario_source_texts(scenario: Scenario) -> dict[TextKey, str]:
    """Every translatable text of a scenario, by where a translation file keeps it."""
    texts: dict[TextKey, str] = {("title",): scenario.title, ("summary",): scenario.summary}
    if scenario.briefing is not None:
        texts["briefing", "basic"] = scenario.briefing.basic
        if scenario.briefing.advanced is not None:
            texts["briefing", "advanced"] = scenario.briefing.advanced
    texts.update({("objectives", role): text for role, text in scenario.objectives.items()})
    for lever in scenario.levers:
        texts["levers", lever.id, "title"] = lever.title
        texts["levers", lever.id, "description"] = lever.description
    for event in scenario.events:
        texts["events", event.id, "title"] = event.title
        texts["events", event.id, "text"] = event.text
        if isinstance(event, CrisisEvent) and event.end_title is not None:
            texts["events", event.id, "end_title"] = event.end_title
        if event.source is not None and event.source.quote is not None:
            texts["events", event.id, "quote"] = event.source.quote
    if scenario.tutorial is not None:
        texts.update({("tutorial", step.id): step.text for step in scenario.tutorial.steps})
    return texts


def catalogue_source_texts(catalogue: ActionCatalogue) -> dict[TextKey, str]:
    """Every translatable text of an action catalogue, by where a translation file keeps it."""
    texts: dict[TextKey, str] = {}
    for action in catalogue.actions:
        texts["actions", action.id, "title"] = action.title
        texts["actions", action.id, "description"] = action.description
    return texts


def _flatten(data: object, prefix: TextKey = ()) -> Iterator[tuple[TextKey, str]]:
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from _flatten(value, (*prefix, str(key)))
    elif isinstance(data, str):
        yield prefix, data


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def coverage_problems(
    document: YamlDocument, translated: dict[TextKey, str], source: dict[TextKey, str]
) -> list[Problem]:
    """What a translation file misses, adds, or breaks against the texts of its source: a key the
    source has and the file lacks, a key the source lacks, a ``{placeholder}`` not kept."""
    def problem(key: TextKey, message: str) -> Problem:
        # The whole key is named even where the file lacks its parents too (no 'events:' at all);
        # the line is that of the nearest part the file has.
        return Problem(document.name, document.line_of(key), format_path(key), message)

    problems = [problem(key, _("missing translation")) for key in source if key not in translated]
    known = [format_path(key) for key in source]
    for key, text in translated.items():
        if key not in source:
            close = difflib.get_close_matches(format_path(key), known, n=1)
            said = _("not in the original; did you mean '{key}'?").format(key=close[0]) if close else _(
                "not in the original")
            problems.append(problem(key, said))
        elif _placeholders(text) != _placeholders(source[key]):
            wanted = ", ".join(f"{{{name}}}" for name in sorted(_placeholders(source[key]))) or _("none")
            problems.append(problem(key, _("placeholders must be the original's: {names}").format(names=wanted)))
    return problems


def read_translation(path: Path, model: type[ScenarioTranslation | CatalogueTranslation],
                     source: dict[TextKey, str]) -> dict[TextKey, str]:
    """The texts of a translation file, checked against its source's; :class:`ScenarioError`
    listing every problem (file:line) when it is not valid or does not cover the source exactly."""
    try:
        document = read_yaml(path)
        translation = validate_document(document, model)
    except InputFileError as error:
        raise ScenarioError(error.problems) from None
    translated = dict(_flatten(translation.model_dump(exclude_none=True)))
    problems = coverage_problems(document, translated, source)
    if problems:
        raise ScenarioError(problems)
    return translated


def existing_translation(source: Path, code: str) -> Path | None:
    """The translation file of a scenario or catalogue into shipped language ``code``, if it has one."""
    target = translation_path(source, language(code).code)
    return target if code != SOURCE_LANGUAGE and target.is_file() else None


def _texts_in(source: dict[TextKey, str], path: Path, code: str,
              model: type[ScenarioTranslation | CatalogueTranslation]) -> tuple[dict[TextKey, str], bool]:
    target = existing_translation(path, code)
    if target is None:
        return source, False
    return read_translation(target, model, source), True


def scenario_texts(scenario: Scenario, scenario_path: Path, code: str) -> ScenarioTexts:
    """The scenario's texts in language ``code``: its translation file's, or its own (English)
    when it has none for that language. A translation file with a problem raises
    :class:`ScenarioError`; it never falls back to English key by key."""
    source = scenario_source_texts(scenario)
    texts, translated = _texts_in(source, scenario_path, code, ScenarioTranslation)
    events = {}
    for event in scenario.events:
        quote = event.source.quote if event.source is not None else None
        events[event.id] = EventTexts(
            title=texts["events", event.id, "title"],
            text=texts["events", event.id, "text"],
            end_title=texts.get(("events", event.id, "end_title")),
            quote=quote,
            quote_translation=texts.get(("events", event.id, "quote")) if translated else None,
        )
    return ScenarioTexts(
        language=code,
        translated=translated,
        title=texts["title",],
        summary=texts["summary",],
        briefing_basic=texts.get(("briefing", "basic")),
        briefing_advanced=texts.get(("briefing", "advanced")),
        objectives={key[1]: text for key, text in texts.items() if key[0] == "objectives"},
        levers={lever.id: (texts["levers", lever.id, "title"], texts["levers", lever.id, "description"])
                for lever in scenario.levers},
        events=events,
        tutorial_steps={key[1]: text for key, text in texts.items() if key[0] == "tutorial"},
    )


def action_texts(catalogue: ActionCatalogue, catalogue_path: Path, code: str) -> dict[str, tuple[str, str]]:
    """Each action's title and description in language ``code`` (English when the catalogue has no
    file for it); :class:`ScenarioError` when its translation file has a problem."""
    texts, _translated = _texts_in(catalogue_source_texts(catalogue), catalogue_path, code, CatalogueTranslation)
    return {action.id: (texts["actions", action.id, "title"], texts["actions", action.id, "description"])
            for action in catalogue.actions}


def catalogue_file(loaded: LoadedScenario) -> Path:
    """The action catalogue a loaded scenario names (else the ``actions.yaml`` beside it): where its
    translations are looked for."""
    return referenced_file(loaded.path, loaded.scenario.actions) or loaded.path.parent / "actions.yaml"


def scenario_action_texts(loaded: LoadedScenario, code: str) -> dict[str, tuple[str, str]]:
    """:func:`action_texts` of a loaded scenario's own catalogue."""
    return action_texts(loaded.catalogue, catalogue_file(loaded), code)


def translation_problems(loaded: LoadedScenario) -> list[Problem]:
    """Every problem in every translation file of a loaded scenario and of its action catalogue (all
    shipped languages), for ``multivector validate``; empty when all are right or there are none."""
    catalogue_path = catalogue_file(loaded)
    problems: list[Problem] = []
    for code in LANGUAGE_CODES:
        for source, path, model in (
            (scenario_source_texts(loaded.scenario), loaded.path, ScenarioTranslation),
            (catalogue_source_texts(loaded.catalogue), catalogue_path, CatalogueTranslation),
        ):
            target = existing_translation(path, code)
            if target is None:
                continue
            try:
                read_translation(target, model, source)
            except InputFileError as error:
                problems += error.problems
    return problems


def is_translation_file(path: Path) -> bool:
    """Whether a path names a translation file (``…/translations/<code>/<name>.yaml``)."""
    return path.parent.parent.name == TRANSLATIONS_FOLDER


def check_translation_file(path: Path) -> None:
    """Check one translation file against the scenario or action catalogue it translates (the file of the
    same name two folders up); :class:`ScenarioError` naming file:line for each problem."""
    code, source = path.parent.name, path.parent.parent.parent / path.name
    if code not in LANGUAGE_CODES or code == SOURCE_LANGUAGE:
        others = ", ".join(other for other in LANGUAGE_CODES if other != SOURCE_LANGUAGE)
        raise ScenarioError([Problem(str(path), None, "", f"'{code}' is not a language the game ships ({others})")])
    if not source.is_file():
        raise ScenarioError([Problem(str(path), None, "", f"translates '{source}', which does not exist")])
    if path.name == "actions.yaml":
        try:
            catalogue = validate_document(read_yaml(source), ActionCatalogue)
        except InputFileError as error:
            raise ScenarioError(error.problems) from None
        read_translation(path, CatalogueTranslation, catalogue_source_texts(catalogue))
    else:
        read_translation(path, ScenarioTranslation, scenario_source_texts(load_scenario(source).scenario))
