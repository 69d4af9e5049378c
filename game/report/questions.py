"""The debrief's questions for discussion, drawn from what happened in the game.

Each question names only causes the game's ledger shows, grouped as orders, projects in flight,
events, drift and chance with their points; a change led by chance is asked about as luck and
never as anybody's purpose, and a game in which chance moved nothing is never asked about luck.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from game.classroom.injection import INJECTED
from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES
from game.engine.game import Game
from game.play.summary import signed
from game.report.causes import (
    GROUP_WORDS,
    CauseShare,
    Shift,
    cause_group,
    event_name,
    game_causes,
    group_totals,
    headline_history,
    movement,
)


class Sourced(Protocol):
    """A team's quarter as the debrief records it: where its orders came from (``file``, ``computer``, ``held``)."""

    @property
    def source(self) -> str:
        """``file``, ``computer`` or ``held``."""


class PlayedGame(Protocol):
    """What the questions read of a debrief's input: the game with its ledger, the teams, and where each
    team's orders came from quarter by quarter."""

    game: Game
    teams: list[str]

    @property
    def decisions(self) -> Mapping[str, Sequence[Sourced]]:
        """Each team's quarters, in order."""


class Compared(Protocol):
    """A remarkable result of the game against the computer runs (``game.report.debrief.Comparison``)."""

    @property
    def role(self) -> str:
        """The role whose result it is."""

    @property
    def sentence(self) -> str:
        """The result in words."""

    @property
    def rank(self) -> float:
        """Its percentile among the computer runs."""

    @property
    def push(self) -> str:
        """The group of the largest cause pushing it that way when not a team's decision (``injected``, …)."""


def decided_teams(data: PlayedGame) -> list[str]:
    """The teams that handed in an orders file for at least one quarter: only their results can be put down
    to their decisions (a team without files was played by the computer, or held)."""
    return [team for team in data.teams if any(view.source == "file" for view in data.decisions.get(team, []))]


def discussion_questions(
    data: PlayedGame, shifts: list[Shift], sentences: Sequence[Compared]
) -> list[str]:
    """Questions for the class, drawn from what happened in this game. Each names only causes the ledger
    shows for it, and asks about chance as chance."""
    questions = []
    if shifts:
        questions.append(_biggest_shift_question(max(shifts, key=lambda s: abs(s.change))))
    decided = decided_teams(data)
    extremes = sorted(sentences, key=lambda item: -abs(item.rank - 50.0))[:2]
    for role, sentence, push in ((item.role, item.sentence, item.push) for item in extremes):
        if push == "injected":  # the sentence names the injection: ask about it, not about the team's purpose
            questions.append(
                f"{sentence} How much of this result is left to explain by {ROLE_NAMES[role]}'s own decisions, "
                "and how did its players respond to the injection?"
            )
            continue
        if push:  # the sentence names another role's order as the largest cause
            questions.append(
                f"{sentence} Was {ROLE_NAMES[role]}'s result in its own hands? What could it have done against "
                "that order?"
            )
            continue
        if data.teams and role not in decided:  # the computer chose its orders: not a team's decision
            questions.append(
                f"{sentence} The computer chose {ROLE_NAMES[role]}'s orders, as in the computer runs: what made the "
                "difference, the events or the luck of the draw? Look for it among the big shifts."
            )
            continue
        questions.append(
            f"{sentence} What made the difference: {ROLE_NAMES[role]}'s decisions, the events, or the luck of "
            "the draw? Look for it among the big shifts."
        )
    questions.append(_largest_gain_question(data.game))
    questions.append(
        "“Multi-vector” means keeping all three powers close and none too close. In the triangle view, "
        "which state ended nearest the centre? Does its score agree that it did best?"
    )
    questions.append(_events_question(data.game))
    if decided:
        questions.append(
            "If you played again, what would your team do differently in the first two quarters, and why?"
        )
    elif data.teams:
        questions.append(
            "No team handed in an orders file, so the computer chose every team's orders. Pick a team: what "
            "would you have ordered in its place, and why?"
        )
    else:
        questions.append(
            "The computer played every role here. Pick one: what would you have done differently in the "
            "first two quarters, and why?"
        )
    return questions


GAIN_FLOOR = 0.5  # points of dependence over a game below which no power is said to have gained


def _named(power: str) -> str:
    """A power's name at the start of a sentence (``The West``)."""
    name = POWER_NAMES[power]
    return name[0].upper() + name[1:]


def _largest_gain_question(game: Game) -> str:
    """A question about the largest gain of dependence over the game, asked after what the ledger says
    drove it: a player's choice, an event, drift or chance."""
    history = headline_history(game)
    gains = history[-1] - history[0]
    c, p = (int(i) for i in np.unravel_index(int(np.argmax(gains)), gains.shape))
    country, power = COUNTRY_NAMES[COUNTRIES[c]], _named(POWERS[p])
    if gains[c, p] < GAIN_FLOOR:
        return (
            f"No power's hold on any state grew by {GAIN_FLOOR:g} points or more in this game. Which order "
            "came closest to moving one, and why did it not?"
        )
    causes = game_causes(game, COUNTRIES[c], POWERS[p])
    groups = group_totals(causes)
    if not groups:  # no ledger to read: ask, claim nothing
        return (
            f"{power} gained most in {country} ({signed(gains[c, p], 1)} points of dependence over the game). "
            "What drove it: orders, events, drift or chance?"
        )
    opening = (
        f"{power} gained most in {country} ({signed(gains[c, p], 1)} points of dependence over the game; "
        f"by the ledger: {_ledger_split(causes)})."
    )
    driver = max(groups, key=lambda group: groups[group])
    if driver == "chance":
        return (
            f"{opening} Most of the gain was chance, not anybody's decision. Would you call it a gain "
            f"{POWER_NAMES[POWERS[p]]} earned? What would show a real trend?"
        )
    if driver == "drift":
        return (
            f"{opening} Most of it was drift back toward the long-run level: the ties were returning to their "
            "usual level. Who had pushed them away, and why did that not last?"
        )
    largest = next(cause for cause in causes if cause_group(cause) == driver and cause.points > 0)
    if driver == "events":
        return (
            f"{opening} Most of it came from events, which nobody ordered; the largest was "
            f"“{event_name(largest.text)}”. Could {country} have prepared for it?"
        )
    if driver == "injected":
        return (
            f"{opening} Most of it came from the teacher's injections, which no team chose; the largest was "
            f"“{event_name(largest.text)}”. Could {country} have prepared for it?"
        )
    return (
        f"{opening} Its largest single cause was “{largest.text}”. Through which channels did it work, and "
        f"could {country} have resisted?"
    )


def _events_question(game: Game) -> str:
    """A question about the events, or, when none fired, about what moved dependence instead (shares of the
    movement the ledger shows)."""
    moved = movement(game)
    if not any(record.fired[0].any() for record in game.records):
        if moved.total <= 0.0:
            return "No event fired in this game, and dependence did not move. Why might that be?"
        shares = ", ".join(
            f"{GROUP_WORDS.get(group, group)} {100.0 * points / moved.total:.0f}%"
            for group, points in moved.by_group.items()
            if points / moved.total >= 0.005
        )
        opening = f"No event fired in this game: all the movement of dependence came from {shares}."
        if next(iter(moved.by_group)) == "chance":
            return (
                f"{opening} Chance moved dependence more than anything else. How can you tell an order that "
                "mattered from luck?"
            )
        if "chance" in moved.by_group:
            return f"{opening} Which one order mattered most, and how can you tell it from luck?"
        return f"{opening} Which one order mattered most, and what did it change?"
    if moved.by_event and moved.by_event[0][1] >= 0.1:
        name, points = moved.by_event[0]
        title = name.removesuffix(INJECTED)
        named = f"the teacher's injection “{title}”" if title != name else f"“{name}”"
        return (
            f"Of the events, {named} moved dependence most ({points:.1f} points in all, summed over every "
            "state and power). Compare its source quote in the timeline with what the model did with it: is "
            "the model's reading fair?"
        )
    return (
        "Events fired, but none moved dependence by a tenth of a point. Read their source quotes in the "
        "timeline: should they have mattered more?"
    )


def _leading_cause(shift: Shift) -> CauseShare | None:
    """The largest cause pushing the way the shift went (a larger cause pulling against it did not make it)."""
    along = [cause for cause in shift.causes if cause.points * shift.change > 0]
    return along[0] if along else (shift.causes[0] if shift.causes else None)


def _ledger_split(causes: list[CauseShare] | tuple[CauseShare, ...]) -> str:
    """``projects in flight +1.5, chance (random fluctuation) +0.1``: the causes' groups with what each gave."""
    return ", ".join(
        f"{GROUP_WORDS.get(group, group)} {signed(points, 1)}"
        for group, points in group_totals(causes).items()
        if abs(points) >= 0.05
    )


def _biggest_shift_question(shift: Shift) -> str:
    """A question about the largest shift that asks what its largest cause really was: chance and drift are
    nobody's intention, an event is the world's, an order or a project is a player's choice. The causes'
    groups are given with it, so that a shift mostly due to chance is never asked about as a decision."""
    opening = f"In {shift.quarter}, {shift.headline_text}."
    top = _leading_cause(shift)
    if top is None:
        return f"{opening} No single cause stands out. What does that tell you about this quarter?"
    opening = f"{opening[:-1]} (by the ledger: {_ledger_split(shift.causes)})."
    group = cause_group(top)
    if group == "chance":
        return (
            f"{opening} Its largest single cause was chance ({signed(top.points, 1)} points), not anybody's "
            "decision. How much of a quarter's change is luck, and how would you tell a real trend from it?"
        )
    if group == "drift":
        return (
            f"{opening} Its largest cause was the drift back toward the long-run level ({signed(top.points, 1)} "
            "points): an earlier push was fading. Whose push was it, and what would have made it last?"
        )
    if group == "events":
        return (
            f"{opening} Its largest cause was an event, “{event_name(top.text)}”. Could anyone have prepared "
            "for it, and who turned it to their advantage?"
        )
    if group == "injected":
        return (
            f"{opening} Its largest cause was the teacher's injection “{event_name(top.text)}” in {shift.quarter}, "
            "which no team chose. Could anyone have prepared for it, and who turned it to their advantage?"
        )
    if group == "bounds":
        return (
            f"{opening} Its largest cause was a bound: a share stays between 0 and 100, and one channel's "
            "shares add up to at most 100. What had pushed it against the bound?"
        )
    return (
        f"{opening} Its largest cause was “{top.text}”. Was that its purpose? Who gained, "
        "and what did it cost them?"
    )
