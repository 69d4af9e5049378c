"""Load a scenario with its action catalogue and baseline, checking everything at once.

Two passes: the schema pass (pydantic, per file) and a cross-reference pass
that collects every semantic problem (unknown ids, quarters outside the
scenario, shares that sum past 1) with "did you mean" hints and line numbers.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from game.engine.codes import CHANNELS, COUNTRIES, POWERS, quarter_index
from game.i18n.catalog import N_, _
from game.scenario.basics import ChannelCode
from game.scenario.errors import InputFileError, Problem, ScenarioError
from game.scenario.files import NAMED_FOLDERS_VARIABLE
from game.scenario.library import reference_escapes, referenced_file
from game.scenario.models import (
    ActionCatalogue,
    Baseline,
    CountryBaseline,
    CrisisEvent,
    DependenceEffect,
    Effect,
    Event,
    FromFigure,
    Judgement,
    PowerCode,
    RandomEvent,
    RelationEffect,
    RoleEffect,
    Rules,
    Scenario,
    ScriptedEvent,
)
from game.scenario.provenance import missing_citation_fields, presented_as_fact
from game.scenario.yamlfile import PathPart, YamlDocument, read_yaml, validate_document


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario and the files it names, all validated."""

    path: Path
    scenario: Scenario
    catalogue: ActionCatalogue
    baseline: Baseline
    warnings: tuple[Problem, ...] = ()  # doubtful but allowed: a counterfactual told as fact


DUPLICATE_IDS = {  # what an id names -> the problem of a second one
    "lever": N_("duplicate lever id '{id}'"),
    "event": N_("duplicate event id '{id}'"),
    "action": N_("duplicate action id '{id}'"),
    "source": N_("duplicate source id '{id}'"),
    "figure": N_("duplicate figure id '{id}'"),
}


def _hint(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return _("; did you mean '{name}'?").format(name=close[0]) if close else ""


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
            target = referenced_file(path, relative)
        except OSError as error:
            problems.append(document.problem([field], _("'{file}' cannot be read: {reason}").format(
                file=relative, reason=error.strerror)))
            continue
        except ValueError:
            problems.append(document.problem([field], _("'{file}' is not a usable file name").format(file=relative)))
            continue
        if target is None and reference_escapes(relative):
            problems.append(
                document.problem(
                    [field],
                    _(
                        "'{file}' leaves the scenario's folder; name a file inside {folder}, or name the folder it is"
                        " in with {variable} (see docs/scenarios.md)"
                    ).format(file=relative, folder=folder, variable=NAMED_FOLDERS_VARIABLE),
                )
            )
            continue
        if target is None:
            said = (
                _("no such file '{file}': looked in {folder} and among the shipped files")
                if field in document.data
                else _(
                    "no such file '{file}' (the default when no '{field}:' is given): looked in {folder} and among the"
                    " shipped files"
                )
            )
            problems.append(document.problem([field], said.format(file=relative, field=field, folder=folder)))
            continue
        try:
            beside = (folder / relative).resolve() == target
            other_document, loaded = _read(target, model, str(folder / relative) if beside else str(target))
        except InputFileError as error:
            problems += error.problems
            continue
        if isinstance(loaded, ActionCatalogue):
            catalogue = loaded
            problems += check_catalogue(other_document, loaded, scenario)
        elif isinstance(loaded, Baseline):
            baseline = loaded
            problems += check_baseline(other_document, loaded)
            problems += _scenario_link_problems(document, scenario, loaded)
    problems += check_scenario(document, scenario, catalogue)
    if problems:
        raise ScenarioError(problems)
    assert catalogue is not None and baseline is not None
    return LoadedScenario(
        path=path,
        scenario=scenario,
        catalogue=catalogue,
        baseline=baseline,
        warnings=tuple(event_warnings(document, scenario)),
    )


def _duplicates(document: YamlDocument, key: str, ids: list[str], what: str) -> list[Problem]:
    counts = Counter(ids)
    return [
        document.problem([key, position, "id"], _(DUPLICATE_IDS[what]).format(id=identifier))
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
                _("no lever '{lever}' in the scenario").format(lever=effect.scale_by) + _hint(effect.scale_by, levers),
            )
        )
    if in_event:
        if isinstance(effect, RoleEffect) and effect.role in ("actor", "target"):
            problems.append(document.problem([*path, "role"], _("events have no actor or target; name a role code")))
        if not isinstance(effect, RoleEffect):
            if effect.country == "pair":
                problems.append(document.problem([*path, "country"], _("events must name the country")))
            if isinstance(effect, DependenceEffect | RelationEffect) and effect.power in ("pair", "others"):
                problems.append(document.problem([*path, "power"], _("events must name the power")))
    return problems


def check_scenario(document: YamlDocument, scenario: Scenario, catalogue: ActionCatalogue | None) -> list[Problem]:
    """Cross-reference problems inside a scenario file."""
    levers = [lever.id for lever in scenario.levers]
    problems = _duplicates(document, "levers", levers, "lever")
    problems += [
        document.problem(
            ["levers", position, "id"],
            _("'{lever}' is a rule constant (set it under 'rules:' or with --set); choose another id").format(
                lever=lever_id
            ),
        )
        for position, lever_id in enumerate(levers)
        if lever_id in rule_lever_names()
    ]
    problems += _duplicates(document, "events", [event.id for event in scenario.events], "event")
    if catalogue is not None:
        problems += _disabled_action_problems(document, scenario, catalogue)
        problems += _tutorial_problems(document, scenario, catalogue)
    for position, event in enumerate(scenario.events):
        problems += _event_problems(document, scenario, ["events", position], event, levers)
    return problems


def _disabled_action_problems(document: YamlDocument, scenario: Scenario, catalogue: ActionCatalogue) -> list[Problem]:
    """Disabled actions must exist, and at least one action must stay enabled."""
    problems: list[Problem] = []
    known = [action.id for action in catalogue.actions]
    if set(known) <= set(scenario.disabled_actions):
        problems.append(document.problem(["disabled_actions"], _("every action is disabled; keep at least one")))
    problems += [
        document.problem(
            ["disabled_actions", position], _("no action '{action}'").format(action=action_id) + _hint(action_id, known)
        )
        for position, action_id in enumerate(scenario.disabled_actions)
        if action_id not in known
    ]
    return problems


def _tutorial_problems(document: YamlDocument, scenario: Scenario, catalogue: ActionCatalogue) -> list[Problem]:
    """The tutorial's steps name actions its role may take, and end no more turns than the scenario has."""
    tutorial = scenario.tutorial
    if tutorial is None:
        return []
    problems: list[Problem] = []
    role = tutorial.role
    usable = [a.id for a in catalogue.actions if role in a.actors and a.id not in scenario.disabled_actions]
    for position, step in enumerate(tutorial.steps):
        here: list[PathPart] = ["tutorial", "steps", position]
        named = [("action", step.action)]
        if step.anchor.startswith("action:"):
            named.append(("anchor", step.anchor.removeprefix("action:")))
        for field, action_id in named:
            if action_id is not None and action_id not in usable:
                problems.append(
                    document.problem(
                        [*here, field],
                        _("{role} cannot take an action '{action}'").format(role=role, action=action_id)
                        + _hint(action_id, usable),
                    )
                )
    ended = sum(step.done == "turn_ended" for step in tutorial.steps)
    if ended > scenario.turns:
        problems.append(
            document.problem(["tutorial", "steps"], _("the steps end {ended} turns; the scenario has {turns}").format(
                ended=ended, turns=scenario.turns))
        )
    return problems


def _event_problems(
    document: YamlDocument, scenario: Scenario, here: list[PathPart], event: Event, levers: list[str]
) -> list[Problem]:
    """One event: its time inside the scenario, the levers it requires, and its effects."""
    problems: list[Problem] = []
    first = quarter_index(scenario.start)
    last = first + scenario.turns - 1
    if isinstance(event, ScriptedEvent) and not first <= quarter_index(event.at) <= last:
        problems.append(
            document.problem(
                [*here, "at"],
                _("{quarter} is outside the scenario ({start} for {turns} turns)").format(
                    quarter=event.at, start=scenario.start, turns=scenario.turns
                ),
            )
        )
    if isinstance(event, RandomEvent) and event.window is not None:
        start, end = quarter_index(event.window.start), quarter_index(event.window.end)
        if start > end:
            problems.append(document.problem([*here, "window"], _("window ends before it starts")))
        elif end < first or start > last:
            problems.append(document.problem([*here, "window"], _("window lies outside the scenario")))
    if event.tag == "historical":
        missing = missing_citation_fields(event.source)
        if missing:
            problems.append(
                document.problem(
                    [*here, "source"],
                    _("a historical event must cite its publication; missing {fields}").format(
                        fields=", ".join(missing)
                    ),
                )
            )
    problems += [
        document.problem(
            [*here, "requires", index, "lever"],
            _("no lever '{lever}' in the scenario").format(lever=requirement.lever) + _hint(requirement.lever, levers),
        )
        for index, requirement in enumerate(event.requires)
        if requirement.lever not in levers
    ]
    groups: list[tuple[list[PathPart], list[Effect]]] = [([*here, "effects"], list(event.effects))]
    if event.spread is not None:
        groups.append(([*here, "spread", "effects"], list(event.spread.effects)))
    if isinstance(event, CrisisEvent):
        groups.append(([*here, "ongoing"], list(event.ongoing)))
    for prefix, effects in groups:
        for index, effect in enumerate(effects):
            problems += _effect_problems(document, [*prefix, index], effect, levers, in_event=True)
    return problems


def event_warnings(document: YamlDocument, scenario: Scenario) -> list[Problem]:
    """Counterfactual events told as if they had happened (see ``presented_as_fact``)."""
    warnings = []
    for position, event in enumerate(scenario.events):
        if event.tag != "counterfactual":
            continue
        reason = presented_as_fact(event.title, event.text)
        if reason is not None:
            warnings.append(document.problem(["events", position, "text"], reason))
    return warnings


def check_catalogue(document: YamlDocument, catalogue: ActionCatalogue, scenario: Scenario | None) -> list[Problem]:
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
    source_ids = [source.id for source in baseline.sources]
    problems = _duplicates(document, "sources", source_ids, "source")
    problems += _duplicates(document, "figures", [figure.id for figure in baseline.figures], "figure")
    problems += [
        document.problem(
            ["figures", position, "source"], f"no source '{figure.source}'{_hint(figure.source, source_ids)}"
        )
        for position, figure in enumerate(baseline.figures)
        if figure.source not in source_ids
    ]
    entries = _BaselineEntries(document, baseline)
    for code, country in baseline.countries.items():
        problems += entries.country_problems(["countries", code], country)
    for power_code, power_baseline in baseline.powers.items():
        problems += entries.check(["powers", power_code, "capacity"], power_baseline.capacity, 0.0, 50.0)
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
    return problems + _dynamics_problems(document, baseline)


def _dynamics_problems(document: YamlDocument, baseline: Baseline) -> list[Problem]:
    """The dynamics name every channel; infrastructure lies on rigid channels, once each, citing known figures."""
    problems = [
        document.problem(["dynamics"], f"missing channel '{missing}'")
        for missing in CHANNELS
        if missing not in baseline.dynamics
    ]
    figure_ids = {figure.id for figure in baseline.figures}
    seen: set[tuple[str, str, str]] = set()
    for position, link in enumerate(baseline.infrastructure):
        here: list[PathPart] = ["infrastructure", position]
        key = (link.country, link.power, link.channel)
        problems += _off_rigid_channel(document, here, link.channel, baseline)
        if key in seen:
            problems.append(document.problem(here, f"a second link {' '.join(key)}"))
        seen.add(key)
        problems += [
            document.problem([*here, "basis"], f"no figure '{cited}'")
            for cited in re.findall(r"\[([A-Za-z0-9_.\-]+)\]", link.basis)
            if cited not in figure_ids
        ]
    return problems


def _off_rigid_channel(
    document: YamlDocument, here: list[PathPart], channel: ChannelCode, baseline: Baseline
) -> list[Problem]:
    """A link of infrastructure on a channel the baseline's dynamics do not make rigid (none when it is rigid)."""
    dynamics = baseline.dynamics.get(channel)
    if dynamics is not None and not dynamics.rigid:
        return [document.problem([*here, "channel"], f"'{channel}' is not a rigid channel")]
    return []

def _scenario_link_problems(document: YamlDocument, scenario: Scenario, baseline: Baseline) -> list[Problem]:
    """A scenario's own infrastructure lies on the baseline's rigid channels and repeats no link."""
    problems = []
    seen = {(link.country, link.power, link.channel) for link in baseline.infrastructure}
    for position, link in enumerate(scenario.infrastructure):
        here: list[PathPart] = ["infrastructure", position]
        key = (link.country, link.power, link.channel)
        off = _off_rigid_channel(document, here, link.channel, baseline)
        problems += off
        if key in seen and not off:
            problems.append(document.problem(here, f"the link {' '.join(key)} is already in place"))
        seen.add(key)
    return problems


class _BaselineEntries:
    """Checks a baseline's entries: each names a known figure and lies in its range."""

    def __init__(self, document: YamlDocument, baseline: Baseline) -> None:
        self.document = document
        self.baseline = baseline
        self.figure_ids = [figure.id for figure in baseline.figures]

    def check(self, path: list[PathPart], entry: FromFigure | Judgement, lower: float, upper: float) -> list[Problem]:
        """Problems of one entry: an unknown figure, or a value outside [lower, upper]."""
        if isinstance(entry, FromFigure) and entry.from_ not in self.figure_ids:
            hint = _hint(entry.from_, self.figure_ids)
            return [self.document.problem([*path, "from"], f"no figure '{entry.from_}'{hint}")]
        value = baseline_value(self.baseline, entry)
        if not (lower <= value <= upper) or math.isnan(value):
            return [self.document.problem(path, f"value {value:g} is outside [{lower:g}, {upper:g}]")]
        return []

    def country_problems(self, here: list[PathPart], country: CountryBaseline) -> list[Problem]:
        """One country: weights, every channel's shares, relations, indices and cited facts."""
        problems: list[Problem] = []
        missing = [channel for channel in CHANNELS if channel not in country.weights]
        if missing:
            problems.append(self.document.problem([*here, "weights"], f"missing channels {', '.join(missing)}"))
        total = sum(country.weights.values())
        if abs(total - 1.0) > 1e-6:
            problems.append(self.document.problem([*here, "weights"], f"weights sum to {total:.4f}, not 1"))
        for channel in CHANNELS:
            problems += self.channel_problems([*here, "dependence"], channel, country.dependence.get(channel))
        for block in ("favour", "tension"):
            for power in POWERS:
                entry = getattr(country, block).get(power)
                if entry is None:
                    problems.append(self.document.problem([*here, block], f"missing power '{power}'"))
                else:
                    problems += self.check([*here, block, power], entry, 0.0, 1.0)
        for block in ("stability", "prosperity"):
            problems += self.check([*here, block], getattr(country, block), 0.0, 1.0)
        if country.capacity is not None:
            problems += self.check([*here, "capacity"], country.capacity, 0.0, 50.0)
        problems += [
            self.document.problem(
                [*here, "facts", name, "figure"], f"no figure '{fact.figure}'{_hint(fact.figure, self.figure_ids)}"
            )
            for name, fact in country.facts.items()
            if fact.figure not in self.figure_ids
        ]
        return problems

    def channel_problems(
        self, here: list[PathPart], channel: str, shares: dict[PowerCode, FromFigure | Judgement] | None
    ) -> list[Problem]:
        """One channel's shares: every power present and valid, and together at most 1."""
        if shares is None:
            return [self.document.problem(here, f"missing channel '{channel}'")]
        problems: list[Problem] = []
        for power in POWERS:
            if power not in shares:
                problems.append(self.document.problem([*here, channel], f"missing power '{power}'"))
            else:
                problems += self.check([*here, channel, power], shares[power], 0.0, 1.0)
        if not problems:
            total_share = sum(baseline_value(self.baseline, shares[p]) for p in POWERS)
            if total_share > 1.0 + 1e-9:
                problems.append(
                    self.document.problem([*here, channel], f"the powers' shares sum to {total_share:.3f}, more than 1")
                )
        return problems


def rule_lever_names() -> list[str]:
    """Rule constants a classroom may also override with ``--set``."""
    return [name for name, info in Rules.model_fields.items() if info.annotation is not int]
