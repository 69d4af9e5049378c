"""Turn a validated scenario into the engine's arrays (a :class:`World`)."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import fields
from typing import Protocol

import numpy as np

from game.engine.codes import (
    CHANNELS,
    COUNTRIES,
    N_COUNTRIES,
    N_POWERS,
    N_ROLES,
    POWERS,
    ROLES,
    quarter_index,
)
from game.engine.layout import BLOCKS, N_VARIABLES, share_columns_of
from game.engine.rules import order_pushes, unbuilt_pushes
from game.engine.scores import role_scores
from game.engine.world import N_PAR_LEVELS, ActionTable, Dynamics, EventTable, RuleConstants, World
from game.i18n.catalog import _
from game.scenario.load import LoadedScenario, baseline_value, rule_lever_names
from game.scenario.models import (
    Condition,
    CountryEffect,
    CrisisEvent,
    DependenceEffect,
    Effect,
    Par,
    RandomEvent,
    RelationEffect,
    RoleEffect,
    ScriptedEvent,
    Spread,
)


class SettingError(ValueError):
    """A ``--set lever=value`` that names no lever or gives a bad value."""


def lever_values(loaded: LoadedScenario, overrides: Mapping[str, float]) -> dict[str, float]:
    """Scenario levers and rule constants with the classroom's overrides applied."""
    levers = {lever.id: lever for lever in loaded.scenario.levers}
    values = {lever_id: lever.default for lever_id, lever in levers.items()}
    rules = loaded.scenario.rules.model_dump()
    for name in rule_lever_names():
        values[name] = float(rules[name])
    for name, value in overrides.items():
        if name not in values:
            close = difflib.get_close_matches(name, sorted(values), n=1)
            known = ", ".join(sorted(values))
            if close:
                raise SettingError(_("--set {name}: no such lever; did you mean '{close}'? (levers: {known})").format(
                    name=name, close=close[0], known=known))
            raise SettingError(_("--set {name}: no such lever (levers: {known})").format(name=name, known=known))
        if not math.isfinite(value):
            raise SettingError(_("--set {name}: value must be a finite number").format(name=name))
        if name in levers and not levers[name].min <= value <= levers[name].max:
            lever = levers[name]
            raise SettingError(_("--set {name}={value}: must lie in [{low}, {high}]").format(
                name=name, value=f"{value:g}", low=f"{lever.min:g}", high=f"{lever.max:g}"))
        if name not in levers:
            try:
                loaded.scenario.rules.model_validate({**rules, name: value})
            except ValueError:
                raise SettingError(_("--set {name}={value}: out of range for the rule").format(
                    name=name, value=f"{value:g}")) from None
        values[name] = value
    return values


def parse_settings(settings: list[str]) -> dict[str, float]:
    """Read ``lever=value`` strings from the command line."""
    result: dict[str, float] = {}
    for setting in settings:
        name, separator, text = setting.partition("=")
        if not separator or not name.strip():
            raise SettingError(_("--set {setting}: write it as lever=value").format(setting=repr(setting)))
        try:
            result[name.strip()] = float(text)
        except ValueError:
            raise SettingError(_("--set {setting}: {text} is not a number").format(
                setting=repr(setting), text=repr(text))) from None
    return result


def _columns(effect: Effect, actor: int | None, target: int | None) -> list[int]:
    """Flat columns an effect pushes, resolving pair/others/actor/target."""
    if actor is not None and target is not None:
        pair_country = ROLES[actor] if actor < N_COUNTRIES else ROLES[target]
        pair_power = ROLES[target] if actor < N_COUNTRIES else ROLES[actor]
    else:
        pair_country = pair_power = ""
    if isinstance(effect, RoleEffect):
        role = {"actor": actor, "target": target}.get(effect.role)
        code = ROLES[role] if isinstance(role, int) else effect.role
        return [BLOCKS[effect.var].column(role=code)]
    country_code = pair_country if effect.country == "pair" else effect.country
    if isinstance(effect, CountryEffect):
        return [BLOCKS[effect.var].column(country=country_code)]
    if effect.power == "pair":
        powers = [pair_power]
    elif effect.power == "others":
        powers = [p for p in POWERS if p != pair_power]
    else:
        powers = [effect.power]
    if isinstance(effect, DependenceEffect):
        return [
            BLOCKS["dependence"].column(country=country_code, power=power_code, channel=effect.channel)
            for power_code in powers
        ]
    assert isinstance(effect, RelationEffect)
    return [BLOCKS[effect.var].column(country=country_code, power=p) for p in powers]


def push_vector(
    effects: list[Effect], levers: Mapping[str, float], actor: int | None = None, target: int | None = None
) -> np.ndarray:
    """The raw pushes (length V) of a list of effects; actor and target resolve pair/others."""
    vector = np.zeros(N_VARIABLES)
    for effect in effects:
        scale = _lever_scale(effect, levers)
        for column in _columns(effect, actor, target):
            vector[column] += effect.amount * scale
    return vector


def _lever_scale(effect: Effect, levers: Mapping[str, float]) -> float:
    """The factor a game's lever settings put on an effect (1 for an effect no lever scales)."""
    return levers[effect.scale_by] if effect.scale_by else 1.0


class _EventWithEffects(Protocol):
    effects: list[Effect]
    spread: Spread | None


def event_does_something(event: _EventWithEffects, levers: Mapping[str, float]) -> bool:
    """Whether an event does something in a game with these lever settings: False when it has effects and the
    levers scale every one of them to nothing (a lever left at 0 turns a "what if" off). Such an event is no news:
    the news, the newspaper and the debrief leave it out. An event with no effects at all is news by itself."""
    spread = event.spread.effects if event.spread is not None else []
    effects = [*event.effects, *spread, *getattr(event, "ongoing", [])]
    return not effects or any(_lever_scale(effect, levers) != 0.0 for effect in effects)


def _action_table(
    loaded: LoadedScenario, levers: Mapping[str, float], dynamics: Dynamics, unbuilt_scale: float
) -> ActionTable:
    disabled = set(loaded.scenario.disabled_actions)
    actions = [a for a in loaded.catalogue.actions if a.id not in disabled]
    count = len(actions)
    allowed = np.zeros((count, N_ROLES, N_ROLES), dtype=bool)
    immediate = np.zeros((count, N_ROLES, N_ROLES, N_VARIABLES))
    per_turn = np.zeros((count, N_ROLES, N_ROLES, N_VARIABLES))
    unbuilt = np.zeros((count, N_ROLES, N_ROLES, len(CHANNELS)), dtype=bool)
    builds_by_action = np.array([[channel in a.builds for channel in CHANNELS] for a in actions], dtype=bool)
    builds_by_action = builds_by_action.reshape(count, len(CHANNELS))
    for a, action in enumerate(actions):
        builds = builds_by_action[a]
        for actor_code in action.actors:
            actor = ROLES.index(actor_code)
            if action.targets is not None:
                targets = [ROLES.index(code) for code in action.targets]
            else:
                targets = list(range(N_COUNTRIES, N_ROLES) if actor < N_COUNTRIES else range(N_COUNTRIES))
            for target in targets:
                allowed[a, actor, target] = True
                for table, effects in ((immediate, action.effects), (per_turn, action.over_time)):
                    raw = push_vector(list(effects), levers, actor, target)
                    table[a, actor, target] = order_pushes(dynamics, raw, builds, unbuilt_scale)
                    unbuilt[a, actor, target] |= unbuilt_pushes(dynamics, raw, builds).any(axis=(0, 1))
    return ActionTable(
        ids=tuple(a.id for a in actions),
        titles=tuple(a.title for a in actions),
        descriptions=tuple(a.description for a in actions),
        cost=np.array([a.cost for a in actions], dtype=float),
        lag=np.array([a.lag for a in actions], dtype=np.int64),
        duration=np.array([a.duration for a in actions], dtype=np.int64),
        allowed=allowed,
        immediate=immediate,
        per_turn=per_turn,
        unbuilt=unbuilt,
        builds=builds_by_action,
        lasting=np.array([share_columns_of(row) for row in builds_by_action], dtype=bool).reshape(count, N_VARIABLES),
    )


def metric_column(condition: Condition) -> int:
    """Column of a condition's metric in ``game.engine.scores.metrics``."""
    if condition.metric in ("headline", "autonomy"):
        base = N_VARIABLES
        if condition.metric == "headline":
            assert condition.country and condition.power
            return base + COUNTRIES.index(condition.country) * N_POWERS + POWERS.index(condition.power)
        assert condition.country
        return base + N_COUNTRIES * N_POWERS + COUNTRIES.index(condition.country)
    codes = {
        name: getattr(condition, name)
        for name in ("country", "power", "channel", "role")
        if getattr(condition, name) is not None
    }
    return BLOCKS[condition.metric].column(**codes)


def _event_table(loaded: LoadedScenario, levers: Mapping[str, float], turns: int) -> EventTable:
    scenario = loaded.scenario
    events = scenario.events
    first = quarter_index(scenario.start)
    count = len(events)
    at_turn = np.full(count, -1, dtype=np.int64)
    window_first = np.zeros(count, dtype=np.int64)
    window_last = np.full(count, -1, dtype=np.int64)
    chance = np.ones(count)
    once = np.ones(count, dtype=bool)
    is_crisis = np.zeros(count, dtype=bool)
    immediate = np.zeros((count, N_VARIABLES))
    spread = np.zeros((count, N_VARIABLES))
    spread_turns = np.zeros(count, dtype=np.int64)
    spread_delay = np.zeros(count, dtype=np.int64)
    season = np.ones((count, 4), dtype=bool)
    ongoing = np.zeros((count, N_VARIABLES))
    rows: list[tuple[int, int, int, float, float]] = []

    def add_conditions(event: int, group: int, conditions: list[Condition]) -> None:
        for condition in conditions:
            sign = 1.0 if condition.above is not None else -1.0
            threshold = condition.above if condition.above is not None else condition.below
            assert threshold is not None
            rows.append((event, group, metric_column(condition), sign, float(threshold)))

    for e, event in enumerate(events):
        immediate[e] = push_vector(list(event.effects), levers)
        if event.spread is not None:
            spread[e] = push_vector(list(event.spread.effects), levers)
            spread_turns[e] = event.spread.turns
            spread_delay[e] = event.spread.delay
        quarters = getattr(event, "quarters", None)
        if quarters:
            season[e] = [quarter in quarters for quarter in (1, 2, 3, 4)]
        enabled = all(condition.holds(levers[condition.lever]) for condition in event.requires)
        if not enabled:
            chance[e] = 0.0  # a lever switched it off for this game
        if isinstance(event, ScriptedEvent):
            at_turn[e] = quarter_index(event.at) - first if enabled else -1
            add_conditions(e, 0, list(event.when))
        elif isinstance(event, RandomEvent):
            chance[e] = event.chance if enabled else 0.0
            once[e] = event.once
            if event.window is None:
                window_first[e], window_last[e] = 0, turns - 1
            else:
                window_first[e] = quarter_index(event.window.start) - first
                window_last[e] = quarter_index(event.window.end) - first
            add_conditions(e, 0, list(event.when))
        elif isinstance(event, CrisisEvent):
            is_crisis[e] = True
            once[e] = False
            chance[e] = event.chance if enabled else 0.0
            ongoing[e] = push_vector(list(event.ongoing), levers)
            add_conditions(e, 0, list(event.start_when))
            add_conditions(e, 1, list(event.end_when))
    table = np.array(rows, dtype=float).reshape(-1, 5)
    return EventTable(
        ids=tuple(event.id for event in events),
        titles=tuple(event.title for event in events),
        kinds=tuple(event.type for event in events),
        tags=tuple(event.tag for event in events),
        at_turn=at_turn,
        window_first=window_first,
        window_last=window_last,
        chance=chance,
        once=once,
        is_crisis=is_crisis,
        immediate=immediate,
        spread=spread,
        spread_turns=spread_turns,
        spread_delay=spread_delay,
        season=season,
        ongoing=ongoing,
        lasting=np.array(
            [share_columns_of(np.full(len(CHANNELS), event.lasting)) for event in events], dtype=bool
        ).reshape(len(events), N_VARIABLES),
        condition_event=table[:, 0].astype(np.int64),
        condition_group=table[:, 1].astype(np.int64),
        condition_metric=table[:, 2].astype(np.int64),
        condition_sign=table[:, 3],
        condition_threshold=table[:, 4],
    )


def _initial_values(loaded: LoadedScenario, rules_capacity: float) -> tuple[np.ndarray, np.ndarray]:
    baseline = loaded.baseline
    values = np.zeros(N_VARIABLES)
    weight = np.zeros((N_COUNTRIES, len(CHANNELS)))
    for c, country_code in enumerate(COUNTRIES):
        country = baseline.countries[country_code]  # type: ignore[index]
        for k, channel in enumerate(CHANNELS):
            weight[c, k] = country.weights[channel]  # type: ignore[index]
            for power_code in POWERS:
                entry = country.dependence[channel][power_code]  # type: ignore[index]
                column = BLOCKS["dependence"].column(country=country_code, power=power_code, channel=channel)
                values[column] = baseline_value(baseline, entry)
        for block in ("favour", "tension"):
            for power_code in POWERS:
                entry = getattr(country, block)[power_code]
                values[BLOCKS[block].column(country=country_code, power=power_code)] = baseline_value(
                    baseline, entry
                )
        for block in ("stability", "prosperity"):
            values[BLOCKS[block].column(country=country_code)] = baseline_value(
                baseline, getattr(country, block)
            )
        capacity = (
            baseline_value(baseline, country.capacity) if country.capacity is not None else rules_capacity
        )
        values[BLOCKS["capacity"].column(role=country_code)] = capacity
    for power_code in POWERS:
        power = baseline.powers[power_code]  # type: ignore[index]
        values[BLOCKS["capacity"].column(role=power_code)] = baseline_value(baseline, power.capacity)
    capacity_block = BLOCKS["capacity"]
    points_block = BLOCKS["points"]
    values[points_block.start : points_block.stop] = values[capacity_block.start : capacity_block.stop]
    weight /= weight.sum(axis=1, keepdims=True)
    return values, weight


def _dynamics(loaded: LoadedScenario) -> Dynamics:
    """The baseline's per-channel dynamics, its infrastructure and the scenario's as (C, P, K) routes, and its
    trends per quarter."""
    baseline = loaded.baseline
    channels = [baseline.dynamics[channel] for channel in CHANNELS]  # type: ignore[index]
    rigid = np.array([channel.rigid for channel in channels])
    routes = np.broadcast_to(~rigid, (N_COUNTRIES, N_POWERS, len(CHANNELS))).copy()
    for link in [*baseline.infrastructure, *loaded.scenario.infrastructure]:
        routes[COUNTRIES.index(link.country), POWERS.index(link.power), CHANNELS.index(link.channel)] = True
    trend = np.zeros(N_VARIABLES)
    for item in baseline.trends:
        column = BLOCKS["dependence"].column(country=item.country, power=item.power, channel=item.channel)
        trend[column] += item.per_year / 4.0
    return Dynamics(
        inertia=np.array([channel.inertia for channel in channels]),
        drift_rate=np.array([channel.drift_rate for channel in channels]),
        noise=np.array([channel.noise for channel in channels]),
        rigid=rigid,
        routes=routes,
        trend=trend,
    )


def compile_world(
    loaded: LoadedScenario, overrides: Mapping[str, float] | None = None, turns: int | None = None
) -> World:
    """The engine's view of a scenario, with lever overrides and an optional length."""
    levers = lever_values(loaded, overrides or {})
    scenario = loaded.scenario
    rules = scenario.rules.model_copy(
        update={name: levers[name] for name in rule_lever_names()}
    )
    initial, weight = _initial_values(loaded, rules.country_capacity)
    dynamics = _dynamics(loaded)
    return World(
        scenario_id=scenario.id,
        title=scenario.title,
        start_quarter=quarter_index(scenario.start),
        turns=turns if turns is not None else scenario.turns,
        weight=weight,
        initial=initial,
        structural=initial.copy(),
        actions=_action_table(loaded, levers, dynamics, rules.unbuilt_scale),
        events=_event_table(loaded, levers, turns if turns is not None else scenario.turns),
        rules=RuleConstants(**{field.name: getattr(rules, field.name) for field in fields(RuleConstants)}),
        dynamics=dynamics,
        levers=dict(levers),
        # Pars are the scenario's, for its full length: a shortened game has none.
        victory=_victory({str(role): par for role, par in scenario.victory.items()}, initial, weight)
        if turns is None or turns == scenario.turns
        else np.full((N_PAR_LEVELS, N_ROLES), np.nan),
    )


def _victory(thresholds: Mapping[str, float | Par], initial: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """(3, ROLES) each role's par against easy, normal and hard opponents (default: its starting score)."""
    starting = role_scores(initial[None, :], weight)[0]
    pars = np.repeat(starting[None, :], N_PAR_LEVELS, axis=0)
    for index, role in enumerate(ROLES):
        given = thresholds.get(role)
        if isinstance(given, Par):
            pars[:, index] = (given.easy, given.normal, given.hard)
        elif given is not None:
            pars[:, index] = given
    return pars
