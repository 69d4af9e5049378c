"""What a team's page shows, as plain values: read from the play layer, never computed here.

Bars and scores come from :class:`~game.play.session.Session`, each order's worth and the
legality verdict from :mod:`game.play.stakes`, when it acts from :mod:`game.play.timing`, the
quarter's news from :mod:`game.play.news`. The page template only lays these values out.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.folder import ClassGame
from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES, quarter_name
from game.play.session import Session
from game.play.stakes import HELPS, HURTS, choices, effect_senses, projects_in_flight, stake_text
from game.play.timing import OrderTiming
from game.play.victory import match_victory
from game.server.desk import Submission


@dataclass(frozen=True)
class Bar:
    """One bar: a value on 0–100 and its change over the last quarter."""

    label: str
    value: float
    change: float


@dataclass(frozen=True)
class OptionView:
    """One order the team may tick: an action toward a target."""

    value: str  # ``action:TARGET``, the form's value
    target: str  # the target's name
    stake: str  # ``score +0.27 by the end``
    effects: list[tuple[str, str]]  # (text, "helps" | "hurts" | "")
    problem: str  # why it cannot be given now ("" when it can)
    chosen: bool


@dataclass(frozen=True)
class ActionView:
    """An action of the team with its cost, timing and targets."""

    id: str
    title: str
    description: str
    cost: float
    timing: str
    options: list[OptionView]


@dataclass(frozen=True)
class TeamView:
    """Everything on a team's page."""

    team: str
    name: str
    title: str
    quarter: str
    turn: int  # 1-based number of the quarter to play
    turns: int
    over: bool
    objective: str
    briefing: str
    score: Bar
    ties: list[Bar]
    points: float
    income: float
    max_orders: int
    max_projects: int
    projects: list[str]
    news: list[tuple[str, str]]  # (headline, detail) of the last quarter played
    news_quarter: str
    actions: list[ActionView]
    submitted: Submission | None
    result: str  # at the game's end: the team against its victory target, in words ("" before)


def _ties(session: Session, team: str) -> list[Bar]:
    """The team's ties: a country's dependence on each power, or a power's hold on each country."""
    now = session.headline()
    before = session.headline(max(0, session.turn - 1))
    if team in COUNTRIES:
        c = COUNTRIES.index(team)
        return [
            Bar(f"Dependence on {POWER_NAMES[p]}", float(now[c, i]), float(now[c, i] - before[c, i]))
            for i, p in enumerate(POWERS)
        ]
    p = POWERS.index(team)
    return [
        Bar(f"{COUNTRY_NAMES[c]}'s dependence on you", float(now[i, p]), float(now[i, p] - before[i, p]))
        for i, c in enumerate(COUNTRIES)
    ]


def _effects(session: Session, team: str, action: int, target: str) -> list[tuple[str, str]]:
    effects = session.expected_effects(team, action, target, limit=3)
    senses = effect_senses(session, team, effects)
    sense_word = {HELPS: "helps", HURTS: "hurts"}
    return [
        (f"{effect.label} {'+' if effect.amount >= 0 else '−'}{abs(effect.amount):.1f}", sense_word.get(sense, ""))
        for effect, sense in zip(effects, senses, strict=True)
    ]


def _actions(session: Session, team: str, chosen: set[str]) -> list[ActionView]:
    world = session.world
    actions = world.actions
    views = []
    for choice in choices(session, team):
        a = choice.action
        options = [
            OptionView(
                f"{actions.ids[a]}:{option.target}",
                ROLE_NAMES[option.target],
                stake_text(option.stake),
                _effects(session, team, a, option.target),
                option.problem,
                f"{actions.ids[a]}:{option.target}" in chosen,
            )
            for option in choice.options
        ]
        views.append(
            ActionView(
                actions.ids[a],
                actions.titles[a],
                actions.descriptions[a],
                float(actions.cost[a]),
                OrderTiming.of(actions, a).when(session.quarter()),
                options,
            )
        )
    return views


def team_view(
    game: ClassGame, session: Session, team: str, submitted: Submission | None,
    ticked: list[tuple[str, str]] | None = None,
) -> TeamView:
    """The team's page for the current quarter (``submitted``: its saved orders, if any; ``ticked``: the orders
    ticked on a refused form, shown ticked again instead of the saved ones)."""
    world = session.world
    scenario = game.loaded.scenario
    scores, before = session.scores(), session.scores(max(0, session.turn - 1))
    r = ROLES.index(team)
    actions = world.actions
    projects = [
        f"{actions.titles[p.action]} → {ROLE_NAMES[p.target]} ({p.quarters_left} more "
        f"{'quarter' if p.quarters_left == 1 else 'quarters'})"
        for p in projects_in_flight(session)[team]
    ]
    played = session.turn
    news = [(item.text, item.detail) for item in session.news(played)] if played else []
    shown = ticked if ticked is not None else (submitted.orders if submitted else [])
    chosen = {f"{a}:{t}" for a, t in shown}
    return TeamView(
        team=team,
        name=ROLE_NAMES[team],
        title=world.title,
        quarter=session.quarter(),
        turn=played + 1,
        turns=world.turns,
        over=session.is_over(),
        objective=str(scenario.objectives.get(team, "")),  # type: ignore[call-overload]
        briefing=scenario.briefing.basic if scenario.briefing else "",
        score=Bar("Your score", float(scores[r]), float(scores[r] - before[r])),
        ties=_ties(session, team),
        points=session.points(team),
        income=session.capacity(team),
        max_orders=world.rules.max_orders,
        max_projects=world.rules.max_projects,
        projects=projects,
        news=news,
        news_quarter=quarter_name(world.start_quarter + played - 1) if played else "",
        actions=[] if session.is_over() else _actions(session, team, chosen),
        submitted=submitted,
        result=final_result(game, team) if session.is_over() else "",
    )


def final_result(game: ClassGame, team: str) -> str:
    """The team's result at the end, against its victory target (as ``class status`` and the debrief judge it)."""
    if not game.world.has_targets:
        return (
            "This game was shorter than the scenario, so it has no victory target: "
            "compare your score with the other teams' in the debrief."
        )
    targets, reached = match_victory(game.match)
    r = ROLES.index(team)
    target = float(targets[r])
    if reached[r]:
        return f"You won: you beat your target of {target:.2f}."
    return f"You missed your target of {target:.2f}."
