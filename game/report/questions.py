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
from game.engine.codes import COUNTRIES, POWERS
from game.engine.game import Game
from game.i18n import _, format_number, format_share, place_name, quarter_text
from game.play.news_causes import CauseWords
from game.report.blame import events_on_scores
from game.report.causes import (
    CauseShare,
    Shift,
    cause_group,
    event_name,
    game_causes,
    group_totals,
    group_words,
    headline_history,
    movement,
)
from game.report.terminal import signed


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
    """The teams that handed in orders (a file, or from the browser) for at least one quarter: only their results
    can be put down to their decisions (a team that handed in none was played by the computer, or held)."""
    return [team for team in data.teams if any(view.source == "file" for view in data.decisions.get(team, []))]


def discussion_questions(
    data: PlayedGame, shifts: list[Shift], sentences: Sequence[Compared], words: CauseWords | None = None
) -> list[str]:
    """Questions for the class, drawn from what happened in this game. Each names only causes the ledger
    shows for it, and asks about chance as chance; ``words`` puts causes and events into the current language."""
    words = words or CauseWords()
    questions = []
    if shifts:
        questions.append(_biggest_shift_question(max(shifts, key=lambda s: abs(s.change)), words))
    decided = decided_teams(data)
    extremes = sorted(sentences, key=lambda item: -abs(item.rank - 50.0))[:2]
    for role, sentence, push in ((item.role, item.sentence, item.push) for item in extremes):
        name = place_name(role)
        if push == "injected":  # the sentence names the injection: ask about it, not about the team's purpose
            question = _(
                "How much of this result is left to explain by {role}'s own decisions, and how did its players "
                "respond to the injection?"
            )
        elif push:  # the sentence names another role's order as the largest cause
            question = _("Was {role}'s result in its own hands? What could it have done against that order?")
        elif data.teams and role not in decided:  # the computer chose its orders: not a team's decision
            question = _(
                "The computer chose {role}'s orders, as in the computer runs: what made the difference, the events "
                "or the luck of the draw? Look for it among the big shifts."
            )
        else:
            question = _(
                "What made the difference: {role}'s decisions, the events, or the luck of the draw? Look for it "
                "among the big shifts."
            )
        questions.append(f"{sentence} {question.format(role=name)}")
    questions.append(_largest_gain_question(data.game, words))
    questions.append(
        _(
            "“Multi-vector” means keeping all three powers close and none too close. In the triangle view, "
            "which state ended nearest the centre? Does its score agree that it did best?"
        )
    )
    questions.append(_events_question(data.game, words))
    if decided:
        questions.append(
            _("If you played again, what would your team do differently in the first two quarters, and why?")
        )
    elif data.teams:
        questions.append(
            _(
                "No team handed in orders, so the computer chose every team's orders. Pick a team: what "
                "would you have ordered in its place, and why?"
            )
        )
    else:
        questions.append(
            _(
                "The computer played every role here. Pick one: what would you have done differently in the "
                "first two quarters, and why?"
            )
        )
    return questions


GAIN_FLOOR = 0.5  # points of dependence over a game below which no power is said to have gained


def _largest_gain_question(game: Game, words: CauseWords | None = None) -> str:
    """A question about the largest gain of dependence over the game, asked after what the ledger says
    drove it: a player's choice, an event, drift or chance."""
    words = words or CauseWords()
    history = headline_history(game)
    gains = history[-1] - history[0]
    c, p = (int(i) for i in np.unravel_index(int(np.argmax(gains)), gains.shape))
    power = place_name(POWERS[p])
    names = {"country": place_name(COUNTRIES[c]), "power": power[0].upper() + power[1:], "gain": signed(gains[c, p], 1)}
    if gains[c, p] < GAIN_FLOOR:
        return _(
            "No power's hold on any state grew by {floor} points or more in this game. Which order came closest "
            "to moving one, and why did it not?"
        ).format(floor=format_number(GAIN_FLOOR, 1))
    causes = game_causes(game, COUNTRIES[c], POWERS[p])
    groups = group_totals(causes)
    if not groups:  # no ledger to read: ask, claim nothing
        return _(
            "{power} gained most in {country} ({gain} points of dependence over the game). What drove it: orders, "
            "events, drift or chance?"
        ).format(**names)
    opening = _(
        "{power} gained most in {country} ({gain} points of dependence over the game; by the ledger: {split})."
    ).format(split=_ledger_split(causes), **names)
    driver = max(groups, key=lambda group: groups[group])
    names["power"] = power  # within a sentence: ``the West``
    if driver == "chance":
        question = _(
            "Most of the gain was chance, not anybody's decision. Would you call it a gain {power} earned? What "
            "would show a real trend?"
        )
    elif driver == "drift":
        question = _(
            "Most of it was drift back toward the long-run level: the ties were returning to their usual level. "
            "Who had pushed them away, and why did that not last?"
        )
    else:
        largest = next(cause for cause in causes if cause_group(cause) == driver and cause.points > 0)
        names["cause"] = words.event(event_name(largest.text)) if driver in ("events", "injected") else ""
        if driver == "events":
            question = _(
                "Most of it came from events, which nobody ordered; the largest was “{cause}”. Could {country} "
                "have prepared for it?"
            )
        elif driver == "injected":
            question = _(
                "Most of it came from the teacher's injections, which no team chose; the largest was “{cause}”. "
                "Could {country} have prepared for it?"
            )
        else:
            names["cause"] = words.cause(largest.text)
            question = _(
                "Its largest single cause was “{cause}”. Through which channels did it work, and could {country} "
                "have resisted?"
            )
    return f"{opening} {question.format(**names)}"


def _events_question(game: Game, words: CauseWords | None = None) -> str:
    """A question about the events, or, when none fired, about what moved dependence instead (shares of the
    movement the ledger shows)."""
    words = words or CauseWords()
    moved = movement(game)
    if not any(record.fired[0].any() for record in game.records):
        if moved.total <= 0.0:
            return _("No event fired in this game, and dependence did not move. Why might that be?")
        shares = ", ".join(
            f"{group_words(group)} {format_share(points / moved.total)}"
            for group, points in moved.by_group.items()
            if points / moved.total >= 0.005
        )
        opening = _("No event fired in this game: all the movement of dependence came from {shares}.").format(
            shares=shares
        )
        if next(iter(moved.by_group)) == "chance":
            question = _(
                "Chance moved dependence more than anything else. How can you tell an order that mattered from luck?"
            )
        elif "chance" in moved.by_group:
            question = _("Which one order mattered most, and how can you tell it from luck?")
        else:
            question = _("Which one order mattered most, and what did it change?")
        return f"{opening} {question}"
    largest = _largest_event(moved.by_event, words)
    if largest is not None:
        said, injected = largest
        if injected:
            return _(
                "Of the events, the teacher's injection “{title}” moved dependence most ({points} points in all, "
                "summed over every state and power). Compare what the event says in the timeline with what the "
                "model did with it: is the model's reading fair?"
            ).format(**said)
        return _(
            "Of the events, “{title}” moved dependence most ({points} points in all, summed over every state and "
            "power). Compare its source quote in the timeline with what the model did with it: is the model's "
            "reading fair?"
        ).format(**said)
    # An event that moved no dependence can still move scores (through prosperity, stability or favour): saying
    # that events did not matter would contradict the teams' own pages.
    largest = _largest_event(events_on_scores(game), words)
    if largest is not None:
        said, injected = largest
        if injected:
            return _(
                "No event moved dependence by a tenth of a point, but the teacher's injection “{title}” moved the "
                "scores by {points} points in all (summed over every role), through prosperity, stability or "
                "favour. Compare what the event says in the timeline with what the model did with it: is the model's "
                "reading fair?"
            ).format(**said)
        return _(
            "No event moved dependence by a tenth of a point, but “{title}” moved the scores by {points} points "
            "in all (summed over every role), through prosperity, stability or favour. Compare its source quote "
            "in the timeline with what the model did with it: is the model's reading fair?"
        ).format(**said)
    return _(
        "Events fired, but none moved dependence or a score by a tenth of a point. Read their source quotes in the "
        "timeline: should they have mattered more?"
    )



def _largest_event(ranked: Sequence[tuple[str, float]], words: CauseWords) -> tuple[dict[str, str], bool] | None:
    """The first of events ranked by points moved (``Movement.by_event``, :func:`events_on_scores`) when it moved
    a tenth of a point or more: its title and points in the question's words, and whether the teacher injected
    it; None otherwise."""
    if not ranked or ranked[0][1] < 0.1:
        return None
    name, points = ranked[0]
    title = name.removesuffix(INJECTED)
    return {"title": words.event(title), "points": format_number(points, 1)}, title != name

def _leading_cause(shift: Shift) -> CauseShare | None:
    """The largest cause pushing the way the shift went (a larger cause pulling against it did not make it)."""
    along = [cause for cause in shift.causes if cause.points * shift.change > 0]
    return along[0] if along else (shift.causes[0] if shift.causes else None)


def _ledger_split(causes: list[CauseShare] | tuple[CauseShare, ...]) -> str:
    """``projects in flight +1.5, chance (random fluctuation) +0.1``: the causes' groups with what each gave."""
    return ", ".join(
        f"{group_words(group)} {signed(points, 1)}"
        for group, points in group_totals(causes).items()
        if abs(points) >= 0.05
    )


def _biggest_shift_question(shift: Shift, words: CauseWords | None = None) -> str:
    """A question about the largest shift that asks what its largest cause really was: chance and drift are
    nobody's intention, an event is the world's, an order or a project is a player's choice. The causes'
    groups are given with it, so that a shift mostly due to chance is never asked about as a decision."""
    words = words or CauseWords()
    top = _leading_cause(shift)
    said = {"quarter": quarter_text(shift.quarter), "shift": shift.headline_text}
    if top is None:
        return _(
            "In {quarter}, {shift}. No single cause stands out. What does that tell you about this quarter?"
        ).format(**said)
    opening = _("In {quarter}, {shift} (by the ledger: {split}).").format(split=_ledger_split(shift.causes), **said)
    group = cause_group(top)
    said["points"] = signed(top.points, 1)
    if group == "chance":
        question = _(
            "Its largest single cause was chance ({points} points), not anybody's decision. How much of a "
            "quarter's change is luck, and how would you tell a real trend from it?"
        )
    elif group == "drift":
        question = _(
            "Its largest cause was the drift back toward the long-run level ({points} points): an earlier push "
            "was fading. Whose push was it, and what would have made it last?"
        )
    elif group == "events":
        said["cause"] = words.event(event_name(top.text))
        question = _(
            "Its largest cause was an event, “{cause}”. Could anyone have prepared for it, and who turned it to "
            "their advantage?"
        )
    elif group == "injected":
        said["cause"] = words.event(event_name(top.text))
        question = _(
            "Its largest cause was the teacher's injection “{cause}” in {quarter}, which no team chose. Could "
            "anyone have prepared for it, and who turned it to their advantage?"
        )
    elif group == "bounds":
        question = _(
            "Its largest cause was a bound: a share stays between 0 and 100, and one channel's shares add up to "
            "at most 100. What had pushed it against the bound?"
        )
    else:
        said["cause"] = words.cause(top.text)
        question = _("Its largest cause was “{cause}”. Was that its purpose? Who gained, and what did it cost them?")
    return f"{opening} {question.format(**said)}"
