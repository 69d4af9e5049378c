"""Load a scenario with its action catalogue and baseline, checking everything at once.

Two passes: the schema pass (pydantic, per file) and a cross-reference pass
that collects every semantic problem (unknown ids, quarters outside the
scenario, shares that sum past 1) with "did you mean" hints and line numbers.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from game.engine.codes import CHANNELS, COUNTRIES, POWERS, quarter_index
from game.scenario.errors import InputFileError, Problem, ScenarioError
from game.scenario.models import (
    ActionCatalogue,
    Baseline,
    CrisisEvent,
    DependenceEffect,
    Effect,
    FromFigure,
    Judgement,
    RandomEvent,
    RelationEffect,
    RoleEffect,
    Rules,
    Scenario,
    ScriptedEvent,
)
from game.scenario.yamlfile import PathPart, YamlDocument, read_yaml, validate_document


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario and the files it names, all validated."""

    path: Path
    scenario: Scenario
    catalogue: ActionCatalogue
    baseline: Baseline


def _hint(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _read(path: Path, model: type, display: str) -> tuple[YamlDocument, object]:
    document = read_yaml(path, display)
    return document, validate_document(document, model)


def load_scenario(path: Path) -> LoadedScenario:
    """Read and check a scenario and the catalogue and baseline it names.

    Raises :class:`ScenarioError` listing every problem found.
    """
    display = str(path)
    try:
        document, scenario_model = _read(path, Scenario, display)
    except InputFileError as error:
        raise ScenarioError(error.problems) from None
    assert isinstance(scenario_model, Scenario)
    scenario = scenario_model
    problems: list[Problem] = []
    folder = path.parent
    catalogue = baseline = None
    for field, relative, model in (
        ("actions", scenario.actions, ActionCatalogue),
        ("baseline", scenario.baseline, Baseline),
    ):
        try:
            target = (folder / relative).resolve()
            exists = target.is_file()
        except (OSError, ValueError):
            problems.append(document.problem([field], f"'{relative}' is not a usable file name"))
            continue
        if not exists:
            problems.append(document.problem([field], f"no such file '{relative}' (looked in {folder})"))
            continue
        try:
            other_document, loaded = _read(target, model, str(folder / relative))
        except InputFileError as error:
            problems += error.problems
            continue
        if isinstance(loaded, ActionCatalogue):
            catalogue = loaded
            problems += check_catalogue(other_document, loaded, scenario)
        elif isinstance(loaded, Baseline):
            baseline = loaded
            problems += check_baseline(other_document, loaded)
    problems += check_scenario(document, scenario, catalogue)
    if problems:
        raise ScenarioError(problems)
    assert catalogue is not None and baseline is not None
    return LoadedScenario(path=path, scenario=scenario, catalogue=catalogue, baseline=baseline)


def _duplicates(document: YamlDocument, key: str, ids: list[str], what: str) -> list[Problem]:
    counts = Counter(ids)
    return [
        document.problem([key, position, "id"], f"duplicate {what} id '{identifier}'")
        for position, identifier in enumerate(ids)
        if counts[identifier] > 1 and ids.index(identifier) != position
    ]


def _effect_problems(
    document: YamlDocument,
    path: list[PathPart],
    effect: Effect,
    levers: list[str],
    in_event: bool,
) -> list[Problem]:
    problems = []
    if effect.scale_by is not None and effect.scale_by not in levers:
        problems.append(
            document.problem(
                [*path, "scale_by"],
                f"no lever '{effect.scale_by}' in the scenario{_hint(effect.scale_by, levers)}",
            )
        )
    if in_event:
        if isinstance(effect, RoleEffect) and effect.role in ("actor", "target"):
            problems.append(
                document.problem([*path, "role"], "events have no actor or target; name a role code")
            )
        if not isinstance(effect, RoleEffect):
            if effect.country == "pair":
                problems.append(document.problem([*path, "country"], "events must name the country"))
            if isinstance(effect, DependenceEffect | RelationEffect) and effect.power in ("pair", "others"):
                problems.append(document.problem([*path, "power"], "events must name the power"))
    return problems


def check_scenario(
    document: YamlDocument, scenario: Scenario, catalogue: ActionCatalogue | None
) -> list[Problem]:
    """Cross-reference problems inside a scenario file."""
    problems: list[Problem] = []
    levers = [lever.id for lever in scenario.levers]
    problems += _duplicates(document, "levers", levers, "lever")
    for position, lever_id in enumerate(levers):
        if lever_id in rule_lever_names():
            problems.append(
                document.problem(
                    ["levers", position, "id"],
                    f"'{lever_id}' is a rule constant (set it under 'rules:' or with --set); choose another id",
                )
            )
    problems += _duplicates(document, "events", [event.id for event in scenario.events], "event")
    first = quarter_index(scenario.start)
    last = first + scenario.turns - 1
    if catalogue is not None:
        known = [action.id for action in catalogue.actions]
        if set(known) <= set(scenario.disabled_actions):
            problems.append(document.problem(["disabled_actions"], "every action is disabled; keep at least one"))
        for position, action_id in enumerate(scenario.disabled_actions):
            if action_id not in known:
                problems.append(
                    document.problem(
                        ["disabled_actions", position],
                        f"no action '{action_id}'{_hint(action_id, known)}",
                    )
                )
    for position, event in enumerate(scenario.events):
        here: list[PathPart] = ["events", position]
        if isinstance(event, ScriptedEvent) and not first <= quarter_index(event.at) <= last:
            problems.append(
                document.problem(
                    [*here, "at"],
                    f"{event.at} is outside the scenario ({scenario.start} for {scenario.turns} turns)",
                )
            )
        if isinstance(event, RandomEvent) and event.window is not None:
            start, end = quarter_index(event.window.start), quarter_index(event.window.end)
            if start > end:
                problems.append(document.problem([*here, "window"], "window ends before it starts"))
            elif end < first or start > last:
                problems.append(document.problem([*here, "window"], "window lies outside the scenario"))
        for index, requirement in enumerate(event.requires):
            if requirement.lever not in levers:
                problems.append(
                    document.problem(
                        [*here, "requires", index, "lever"],
                        f"no lever '{requirement.lever}' in the scenario{_hint(requirement.lever, levers)}",
                    )
                )
        groups: list[tuple[str, list[Effect]]] = [("effects", list(event.effects))]
        if event.spread is not None:
            groups.append(("spread", list(event.spread.effects)))
        if isinstance(event, CrisisEvent):
            groups.append(("ongoing", list(event.ongoing)))
        for key, effects in groups:
            for index, effect in enumerate(effects):
                path: list[PathPart] = [*here, key, index] if key != "spread" else [*here, key, "effects", index]
                problems += _effect_problems(document, path, effect, levers, in_event=True)
    return problems


def check_catalogue(
    document: YamlDocument, catalogue: ActionCatalogue, scenario: Scenario | None
) -> list[Problem]:
    """Cross-reference problems in an action catalogue (lever names only when a scenario is given)."""
    problems = _duplicates(document, "actions", [a.id for a in catalogue.actions], "action")
    if scenario is None:
        return problems
    levers = [lever.id for lever in scenario.levers]
    for position, action in enumerate(catalogue.actions):
        for key, effects in (("effects", action.effects), ("over_time", action.over_time)):
            for index, effect in enumerate(effects):
                problems += _effect_problems(
                    document, ["actions", position, key, index], effect, levers, in_event=False
                )
    return problems


def baseline_value(baseline: Baseline, entry: FromFigure | Judgement) -> float:
    """The model value of a baseline entry (a figure, scaled, or a judgement)."""
    if isinstance(entry, FromFigure):
        figure = next(f for f in baseline.figures if f.id == entry.from_)
        return figure.value * (entry.scale or 1.0)
    return float(entry.value)


def check_baseline(document: YamlDocument, baseline: Baseline) -> list[Problem]:
    """Cross-reference problems in a baseline: sources, figures, shares and weights."""
    problems: list[Problem] = []
    source_ids = [source.id for source in baseline.sources]
    figure_ids = [figure.id for figure in baseline.figures]
    problems += _duplicates(document, "sources", source_ids, "source")
    problems += _duplicates(document, "figures", figure_ids, "figure")
    for position, figure in enumerate(baseline.figures):
        if figure.source not in source_ids:
            problems.append(
                document.problem(
                    ["figures", position, "source"],
                    f"no source '{figure.source}'{_hint(figure.source, source_ids)}",
                )
            )

    def entry_problems(
        path: list[PathPart], entry: FromFigure | Judgement, lower: float, upper: float
    ) -> list[Problem]:
        if isinstance(entry, FromFigure) and entry.from_ not in figure_ids:
            return [
                document.problem(
                    [*path, "from"], f"no figure '{entry.from_}'{_hint(entry.from_, figure_ids)}"
                )
            ]
        value = baseline_value(baseline, entry)
        if not (lower <= value <= upper) or math.isnan(value):
            return [document.problem(path, f"value {value:g} is outside [{lower:g}, {upper:g}]")]
        return []

    for code, country in baseline.countries.items():
        here: list[PathPart] = ["countries", code]
        missing = [channel for channel in CHANNELS if channel not in country.weights]
        if missing:
            problems.append(document.problem([*here, "weights"], f"missing channels {', '.join(missing)}"))
        total = sum(country.weights.values())
        if abs(total - 1.0) > 1e-6:
            problems.append(document.problem([*here, "weights"], f"weights sum to {total:.4f}, not 1"))
        for channel in CHANNELS:
            shares = country.dependence.get(channel)
            if shares is None:
                problems.append(document.problem([*here, "dependence"], f"missing channel '{channel}'"))
                continue
            entry_problem_count = 0
            for power in POWERS:
                if power not in shares:
                    problems.append(
                        document.problem([*here, "dependence", channel], f"missing power '{power}'")
                    )
                    entry_problem_count += 1
                    continue
                found = entry_problems([*here, "dependence", channel, power], shares[power], 0.0, 1.0)
                problems += found
                entry_problem_count += len(found)
            if entry_problem_count == 0:
                total_share = sum(baseline_value(baseline, shares[p]) for p in POWERS)
                if total_share > 1.0 + 1e-9:
                    problems.append(
                        document.problem(
                            [*here, "dependence", channel],
                            f"the powers' shares sum to {total_share:.3f}, more than 1",
                        )
                    )
        for block in ("favour", "tension"):
            for power in POWERS:
                entry = getattr(country, block).get(power)
                if entry is None:
                    problems.append(document.problem([*here, block], f"missing power '{power}'"))
                else:
                    problems += entry_problems([*here, block, power], entry, 0.0, 1.0)
        for block in ("stability", "prosperity"):
            problems += entry_problems([*here, block], getattr(country, block), 0.0, 1.0)
        if country.capacity is not None:
            problems += entry_problems([*here, "capacity"], country.capacity, 0.0, 50.0)
        for name, fact in country.facts.items():
            if fact.figure not in figure_ids:
                problems.append(
                    document.problem(
                        [*here, "facts", name, "figure"],
                        f"no figure '{fact.figure}'{_hint(fact.figure, figure_ids)}",
                    )
                )
    for power_code, power_baseline in baseline.powers.items():
        problems += entry_problems(["powers", power_code, "capacity"], power_baseline.capacity, 0.0, 50.0)
    problems += [
        document.problem(["countries"], f"missing country '{missing}'")
        for missing in COUNTRIES
        if missing not in baseline.countries
    ]
    problems += [
        document.problem(["powers"], f"missing power '{missing}'")
        for missing in POWERS
        if missing not in baseline.powers
    ]
    return problems


def rule_lever_names() -> list[str]:
    """Rule constants a classroom may also override with ``--set``."""
    return [name for name, info in Rules.model_fields.items() if info.annotation is not int]
