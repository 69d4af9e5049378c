"""What pushed a result the way it went, read from the ledger over the whole game.

A debrief compares a class game with computer runs of the same scenario. Those runs never had the
teacher's injections, and in them the computer chose every role's orders; so when a team's result
stands out, the largest cause pushing it that way may be an injection or a role the computer played,
not the team. This module finds that cause, so that the debrief names it instead of blaming the team.

Any metric (a score, an autonomy, a headline dependence) is split exactly, as the turn summary splits a
score (:func:`game.play.summary.value_credits`): the ledger's changes are applied cause by cause and each
is credited with the difference it makes, so the credits add up to the metric's change over the game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.classroom.injection import INJECTED
from game.engine.codes import ROLES, quarter_name
from game.engine.explain import describe_cause
from game.engine.game import Game
from game.i18n import _, place_name
from game.play.metrics import METRIC_INDEX, metric_matrix
from game.play.news_causes import CauseWords
from game.play.pushback import cause_role
from game.play.summary import value_credits
from game.report.causes import CauseShare, cause_group, event_name, injection_text, injection_title
from game.report.terminal import signed


@dataclass(frozen=True)
class Push:
    """The largest cause pushing a result one way over the game, in words for a class."""

    text: str  # ``the teacher's injection “Oil price slump” (2023Q3)``, ``order by China: …``
    group: str  # its group (:func:`game.report.causes.cause_group`)
    points: float  # what it gave the metric over the game (0–100 scale)
    role: str = ""  # the role whose order or project it was, if any


def metric_causes(game: Game, key: str, run: int = 0) -> list[CauseShare]:
    """Causes of a metric's change over the game (``score.RU``, ``autonomy.KZ``, ``headline.KZ.CN``), largest
    first; they add up to the change from the start to the last state. A teacher's injection is named
    ``the teacher's injection “TITLE” (QUARTER)`` after the quarter it fired, its lasting effects included."""
    world, column = game.world, METRIC_INDEX[key]

    def value(values: np.ndarray) -> float:
        return float(metric_matrix(values[None], world.weight)[0, column])

    totals: dict[tuple[str, str], float] = {}
    fired: dict[str, str] = {}  # an injection's title -> the quarter it first acted in
    for turn, record in enumerate(game.records):
        start = game.states[turn].values[run]
        for kind, index, credit in value_credits(record, start, value, run)[1]:
            cause = describe_cause(world, record, run, kind, index)
            text = cause.text
            if cause_group(CauseShare(text, kind.value, credit)) == "injected":
                title = event_name(text)
                fired.setdefault(title, quarter_name(record.quarter))
                text = injection_text(title, fired[title])
            key_of = (text, kind.value)
            totals[key_of] = totals.get(key_of, 0.0) + credit
    ranked = sorted(totals.items(), key=lambda pair: (-abs(pair[1]), pair[0]))
    return [CauseShare(text, kind, points) for (text, kind), points in ranked if abs(points) > 1e-9]



def events_on_scores(game: Game, run: int = 0) -> list[tuple[str, float]]:
    """Each event by how far it moved the roles' scores over the game (its net points for each role, summed
    without sign over the roles), largest first; an injection's name ends with the classroom's injected
    mark, as in :class:`game.report.causes.Movement`'s ``by_event``. An event can move a score through
    prosperity or favour while it moves no dependence."""
    moved: dict[str, float] = {}
    for role in ROLES:
        for cause in metric_causes(game, f"score.{role}", run):
            group = cause_group(cause)
            if group == "events":
                name = event_name(cause.text)
            elif group == "injected":
                name = injection_title(cause.text) + INJECTED
            else:
                continue
            moved[name] = moved.get(name, 0.0) + abs(cause.points)
    return sorted(moved.items(), key=lambda pair: (-pair[1], pair[0]))

def largest_push(game: Game, key: str, direction: float, run: int = 0) -> Push | None:
    """The largest cause that pushed the metric ``key`` in ``direction`` (its sign) over the game, with the
    injections merged (an injection's first effect and its lasting effects are one cause); None when nothing
    pushed that way."""
    along = [cause for cause in metric_causes(game, key, run) if cause.points * direction > 0]
    if not along:
        return None
    top = along[0]
    return Push(top.text, cause_group(top), top.points, cause_role(top.text))


def push_clause(
    push: Push | None, gap: float, role: str, teams: list[str], decided: list[str], words: CauseWords | None = None
) -> str:
    """A sentence naming the largest push on ``role``'s result when it is not that role's own decision: a
    teacher's injection (which the computer runs never had), an order of a role the computer played, or
    another team's order. ``gap``: the result minus the computer median. Empty when the push was the role's own
    decision, an event, drift or chance (the sentence then asks, it does not claim). ``words`` puts the cause's
    name into the current language."""
    if push is None or push.role == role:  # the role's own decision (a team's, or the computer's in its place)
        return ""
    words = words or CauseWords()
    enough = (
        _("more than the whole gap to the computer median") if abs(push.points) >= abs(gap) else _("part of the gap")
    )
    said = {"cause": words.cause(push.text), "points": signed(push.points, 1), "enough": enough}
    if push.group == "injected":
        return " " + _(
            "The largest cause pushing it that way was {cause}, {points} points over the game ({enough}); the "
            "computer runs never had it, and no team chose it."
        ).format(**said)
    if push.role and push.role not in decided:
        name = place_name(push.role)
        who = (
            _("{role}'s team handed in no orders file, so the computer chose it").format(role=name)
            if push.role in teams
            else _("the computer played {role} and chose it").format(role=name)
        )
        return " " + _("The largest cause pushing it that way was “{cause}”, {points} points over the game "
                       "({enough}): {who}.").format(who=who, **said)
    if push.role and push.role != role:
        return " " + _("The largest cause pushing it that way was “{cause}”, {points} points over the game "
                       "({enough}): another team's decision, not {role}'s.").format(role=place_name(role), **said)
    return ""
