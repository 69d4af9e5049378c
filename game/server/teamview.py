"""What a team's page shows, as plain values: read from the play layer, never computed here.

Bars and scores come from :class:`~game.play.session.Session`, each order's worth and the
legality verdict from :mod:`game.play.stakes`, when it acts from :mod:`game.play.timing`, the
quarter's news from :mod:`game.play.news`. The page template only lays these values out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.classroom.folder import ClassGame
from game.engine.codes import CHANNELS, COUNTRIES, POWERS, ROLES, quarter_name
from game.engine.layout import BLOCKS, variable_label
from game.engine.scores import role_scores
from game.i18n import (
    N_,
    SOURCE_LANGUAGE,
    _,
    current_language,
    format_number,
    ngettext,
    place_name,
    quarter_text,
)
from game.i18n.phrases import channel_name
from game.i18n.reasons import order_phrase
from game.play.rounding import shared_rounding
from game.play.session import Session
from game.play.stakes import HELPS, HURTS, choices, effect_senses, projects_in_flight, stake_text
from game.play.summary import turn_summary
from game.play.texts import ScenarioWords, scenario_words
from game.play.timing import OrderTiming
from game.play.victory import match_victory, result_sentence, target_words
from game.report.newspaper import INJECTED_LABEL, event_stories
from game.report.terminal import signed
from game.scenario.models import EventBase
from game.server.desk import Submission

# How a student reads each channel of dependence, and the parts of a score change (game.play.summary).
PART_WORDS = {"drift": N_("slow trends"), "bounds": N_("the 0–100 limits"), "yours": N_("your orders"),
              "others": N_("others' orders"), "events": N_("events"), "chance": N_("chance")}
SENSE_WORDS = {HELPS: "helps", HURTS: "hurts"}
SHOWN_CHANGE = 0.05  # a bar's change smaller than this reads 0.0 and is not coloured


@dataclass(frozen=True)
class Bar:
    """One bar: a value on 0–100 and its change over the last quarter."""

    label: str
    value: float
    change: float
    sense: str = ""  # "helps" | "hurts": what the change did to the team's score ("" for no change that shows)

    def change_text(self) -> str:
        """``+1.2`` / ``−0.3`` (a true minus sign)."""
        return signed(self.change, 1)


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
    blocked: str = ""  # why none of its orders can be given now, when one reason stops them all ("" otherwise)
    project: bool = False  # it holds one of the team's project places while it acts
    after_end: str = ""  # what of it comes after the game's last quarter, in words ("" when nothing does)


@dataclass(frozen=True)
class ScoreRow:
    """A team's score for the class: now, since the start and over the last quarter."""

    team: str
    name: str
    score: float
    since_start: float
    last_quarter: float

    def since_start_text(self) -> str:
        """``+0.9`` / ``−0.1`` / ``0.0``."""
        return signed(self.since_start, 1)

    def last_quarter_text(self) -> str:
        """``+0.4`` / ``−0.3`` / ``0.0``."""
        return signed(self.last_quarter, 1)


def class_scores(game: ClassGame, session: Session) -> list[ScoreRow]:
    """Every team's score, largest rise since the start first: the teams start from different scores, so the
    change since the start (as ``class status`` and the debrief compare them) says who did well, not the score."""
    now, start = session.scores(), session.scores(0)
    before = session.scores(max(0, session.turn - 1))
    rows = [
        ScoreRow(team, place_name(team), float(now[r]), float(now[r] - start[r]), float(now[r] - before[r]))
        for team in game.teams
        for r in [ROLES.index(team)]
    ]
    return sorted(rows, key=lambda row: -round(row.since_start, 1))


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
    why: str = ""  # why the team's score moved last quarter, in one sentence ("" before the first)
    how_to_win: str = ""  # how the game is won, as the end screen judges it, from the first quarter
    standings: tuple[ScoreRow, ...] = ()  # at the game's end: every team, best change since the start first


def _ties(session: Session, team: str) -> list[Bar]:
    """The team's ties: a country's dependence on each power, or a power's hold on each country; each change
    coloured by what it did to the team's score."""
    now = session.headline()
    before = session.headline(max(0, session.turn - 1))
    if team in COUNTRIES:
        c = COUNTRIES.index(team)
        pairs = [(c, i, _("Dependence on {power}").format(power=place_name(p))) for i, p in enumerate(POWERS)]
    else:
        p = POWERS.index(team)
        pairs = [(i, p, _("Dependence of {country} on you").format(country=place_name(c)))
                 for i, c in enumerate(COUNTRIES)]
    senses = _tie_senses(session, team, [(c, p) for c, p, _ in pairs])
    return [
        Bar(label, float(now[c, p]), float(now[c, p] - before[c, p]), sense)
        for (c, p, label), sense in zip(pairs, senses, strict=True)
    ]


def _tie_senses(session: Session, team: str, pairs: list[tuple[int, int]]) -> list[str]:
    """For each (country, power) tie: whether its move over the last quarter, by itself, raised the team's score
    ("helps") or lowered it ("hurts"); "" when the tie did not visibly move."""
    if session.turn == 0:
        return ["" for _ in pairs]
    now, before = session.values(), session.values(session.turn - 1)
    block = BLOCKS["dependence"]
    rows = np.repeat(before[None, :], len(pairs) + 1, axis=0)
    for row, (c, p) in enumerate(pairs, start=1):
        columns = [block.column(country=COUNTRIES[c], power=POWERS[p], channel=k) for k in CHANNELS]
        rows[row, columns] = now[columns]
    scores = role_scores(rows, session.world.weight)[:, ROLES.index(team)]
    headline_now, headline_before = session.headline(), session.headline(session.turn - 1)
    senses = []
    for row, (c, p) in enumerate(pairs, start=1):
        moved = abs(headline_now[c, p] - headline_before[c, p]) >= SHOWN_CHANGE
        gain = float(scores[row] - scores[0])
        senses.append("" if not moved or gain == 0.0 else ("helps" if gain > 0 else "hurts"))
    return senses


# A dependence's channel, in the words the effects use (``trade dependence``): marked here, translated where shown.
CHANNEL_DEPENDENCE = {  # (the team's own, another's on the team, another's on another power)
    "trade": (N_("Your trade dependence on {power}"), N_("Trade dependence of {country} on you"),
              N_("Trade dependence of {country} on {power}")),
    "energy": (N_("Your energy dependence on {power}"), N_("Energy dependence of {country} on you"),
               N_("Energy dependence of {country} on {power}")),
    "finance": (N_("Your financial dependence on {power}"), N_("Financial dependence of {country} on you"),
                N_("Financial dependence of {country} on {power}")),
    "security": (N_("Your security dependence on {power}"), N_("Security dependence of {country} on you"),
                 N_("Security dependence of {country} on {power}")),
    "labour": (N_("Your migrant-labour dependence on {power}"), N_("Migrant-labour dependence of {country} on you"),
               N_("Migrant-labour dependence of {country} on {power}")),
    "transport": (N_("Your transport-route dependence on {power}"),
                  N_("Transport-route dependence of {country} on you"),
                  N_("Transport-route dependence of {country} on {power}")),
}
# The other variables, from the team's side (its own) and from outside (another role's).
VARIABLE_SIDES = {
    "stability": (N_("Your stability"), N_("Stability in {country}")),
    "prosperity": (N_("Your prosperity"), N_("Prosperity in {country}")),
    "capacity": (N_("Your action points a quarter"), N_("Action points of {role} a quarter")),
}


def effect_words(column: int, team: str) -> str:
    """A state variable as a student reads it, from the team's side: ``Your trade dependence on China``,
    ``Energy dependence of Kazakhstan on you``, ``Tension with the West``, ``Opinion of you in Kyrgyzstan``."""
    block, codes = variable_label(column)

    country, power = codes.get("country", ""), codes.get("power", "")
    if block == "dependence":
        own, on_team, other = CHANNEL_DEPENDENCE.get(codes["channel"], CHANNEL_DEPENDENCE["trade"])
        if country == team:
            return _(own).format(power=place_name(power))
        if power == team:
            return _(on_team).format(country=place_name(country))
        return _(other).format(country=place_name(country), power=place_name(power))
    if block == "favour":
        if country == team:
            return _("Opinion of {power} at home").format(power=place_name(power))
        if power == team:
            return _("Opinion of you in {country}").format(country=place_name(country))
        return _("Opinion of {power} in {country}").format(power=place_name(power), country=place_name(country))
    if block == "tension":
        others = [code for code in (country, power) if code != team]
        if len(others) == 1:
            return _("Tension with {role}").format(role=place_name(others[0]))
        return _("Tension between {country} and {power}").format(country=place_name(country), power=place_name(power))
    own, other = VARIABLE_SIDES.get(block, VARIABLE_SIDES["capacity"])
    role = country if block in ("stability", "prosperity") else codes.get("role", "")
    if role == team:
        return _(own)
    return _(other).format(country=place_name(role), role=place_name(role))


def _effects(session: Session, team: str, action: int, target: str) -> list[tuple[str, str]]:
    effects = session.expected_effects(team, action, target, limit=3)
    senses = effect_senses(session, team, effects)
    return [
        (f"{effect_words(effect.column, team)} {signed(effect.amount, 1)}", SENSE_WORDS.get(sense, ""))
        for effect, sense in zip(effects, senses, strict=True)
    ]


def plain_news(game: ClassGame, session: Session, turn: int) -> list[tuple[str, str]]:
    """The news of a played turn for students, as (headline, detail), in the current language: each event with its
    text (no tag; an event the teacher injected says so, with its text as the newspaper has it), each crisis that
    ended, and every role's orders said plainly (``China holds a summit with Kazakhstan``; in another language the
    order by its translated title, ``Китай: Провести саммит → Казахстан``, since the engine's phrases are English)
    with what the action does, never the computer's valuation of them."""
    record = session.record(turn)
    if record is None:
        return []
    world = session.world
    words = scenario_words(game.loaded)
    stories = event_stories(world, game.loaded, session.game, turn - 1, game.custom_events())
    news = [
        (words.event_title(story.event_id, story.title) + (f" ({_(INJECTED_LABEL)})" if story.injected else ""),
         words.event_text(story.event_id, story.text) + (f" ({story.source})" if story.source else ""))
        for story in stories
    ]
    for index in np.nonzero(record.ended[0])[0]:
        event_id = world.events.ids[int(index)]
        found = words.texts.events.get(event_id)
        title = found.title if found is not None else world.events.titles[int(index)]
        news.append(((found.end_title if found is not None else None) or _("{title} ends").format(title=title), ""))
    english = current_language() == SOURCE_LANGUAGE
    for order in record.orders.orders_of_run(world, 0):
        said = order_phrase(world, order) if english else words.order_sentence(order)
        news.append((said, words.action_description(order.action)))
    return news


EVENT_VARIABLES = {  # what an event's effect changes, in words
    "favour": N_("opinion of {power} in {country}"), "tension": N_("tension between {country} and {power}"),
    "stability": N_("stability in {country}"), "prosperity": N_("prosperity in {country}"),
    "capacity": N_("action points of {role} a quarter"), "points": N_("action points of {role} in hand"),
}
EVENT_DEPENDENCE = N_("{channel} dependence of {country} on {power}")


def event_effect_words(event: EventBase) -> str:
    """What an event does, in words: ``lowers prosperity in Kazakhstan; lowers stability in Kazakhstan``."""

    def name(code: str) -> str:
        if code == "pair":
            return _("the country it hits")
        return place_name(code) if code in ROLES else code

    said = []
    for effect in event.effects:
        names = {key: name(str(getattr(effect, key, ""))) for key in ("country", "power", "role")}
        if effect.var == "dependence":
            channel = str(getattr(effect, "channel", ""))
            what = _(EVENT_DEPENDENCE).format(channel=channel_name(channel), **names)
        else:
            what = _(EVENT_VARIABLES[effect.var]).format(**names)
        said.append((_("raises {what}") if effect.amount > 0 else _("lowers {what}")).format(what=what))
    return "; ".join(said)


def why_score_moved(session: Session, team: str, turn: int, computer_played: bool = False) -> str:
    """Why the team's score moved in a played turn, in one sentence: its parts that show, largest first
    (``Your score rose by 0.4 in 2023Q1: your orders +0.6, others' orders −0.3, chance +0.1.``);
    ``computer_played``: the computer gave the team's orders that turn, and the sentence says so."""
    summary = turn_summary(session, team, turn)
    if summary is None:
        return ""
    moved = round(summary.change, 1)
    shown = shared_rounding([p.amount for p in summary.parts], summary.change, 1)  # the parts add up to ``moved``
    parts = sorted(
        ((p, amount) for p, amount in zip(summary.parts, shown, strict=True) if amount), key=lambda pair: -abs(pair[1])
    )
    words = {**PART_WORDS, "yours": N_("the orders the computer gave for you")} if computer_played else PART_WORDS
    said = ", ".join(f"{_(words[p.key]) if p.key in words else p.label} {signed(amount, 1)}" for p, amount in parts)
    size, quarter = format_number(abs(moved), 1), quarter_text(summary.quarter)
    if moved > 0:
        how = _("Your score rose by {points} in {quarter}").format(points=size, quarter=quarter)
    elif moved < 0:
        how = _("Your score fell by {points} in {quarter}").format(points=size, quarter=quarter)
    else:
        how = _("Your score hardly moved in {quarter}").format(quarter=quarter)
    return how + (f": {said}." if said else ".")


def quarters_left(session: Session) -> int:
    """Quarters still to play, the current one included."""
    return session.world.turns - session.turn


def after_end_words(session: Session, timing: OrderTiming) -> str:
    """What of an order given now comes after the game's last quarter, in words ("" when none of it does)."""
    last_offset = quarters_left(session) - 1  # the game's last quarter, counted from this one
    if timing.last <= last_offset:
        return ""
    final = quarter_text(session.last_quarter())
    if not timing.acts_before_end(session.quarter(), session.last_quarter()):
        return _("It would first act after the game ends ({final} is the last quarter): no effect on your "
                 "score.").format(final=final)
    return _("The game ends after {final}: only its effects until then count.").format(final=final)


def _actions(session: Session, team: str, chosen: set[str], words: ScenarioWords) -> list[ActionView]:
    world = session.world
    actions = world.actions
    views = []
    for choice in choices(session, team):
        a = choice.action
        timing = OrderTiming.of(actions, a)
        too_late = not timing.acts_before_end(session.quarter(), session.last_quarter())
        options = [
            OptionView(
                f"{actions.ids[a]}:{option.target}",
                place_name(option.target),
                _("no effect before the game ends") if too_late else stake_text(option.stake),
                _effects(session, team, a, option.target),
                option.problem,
                f"{actions.ids[a]}:{option.target}" in chosen,
            )
            for option in choice.options
        ]
        reasons = {option.problem for option in options}
        blocked = reasons.pop() if len(reasons) == 1 and not any(option.chosen for option in options) else ""
        views.append(
            ActionView(
                actions.ids[a],
                words.action_title(actions.ids[a]),
                words.action_description(actions.ids[a]),
                float(actions.cost[a]),
                timing.when(session.quarter()),
                options,
                blocked,
                project=timing.project,
                after_end=after_end_words(session, timing),
            )
        )
    return [view for view in views if not view.blocked] + [view for view in views if view.blocked]


def team_view(
    game: ClassGame, session: Session, team: str, submitted: Submission | None,
    ticked: list[tuple[str, str]] | None = None,
) -> TeamView:
    """The team's page for the current quarter (``submitted``: its saved orders, if any; ``ticked``: the orders
    ticked on a refused form, shown ticked again instead of the saved ones)."""
    world = session.world
    scores, before = session.scores(), session.scores(max(0, session.turn - 1))
    r = ROLES.index(team)
    actions = world.actions
    left = quarters_left(session)
    words = scenario_words(game.loaded)
    projects = [
        _project_line(words.order(actions.ids[p.action], p.target), min(p.quarters_left, left), p.quarters_left > left)
        for p in projects_in_flight(session)[team]  # counted never past the game's last quarter
    ]
    played = session.turn
    news = plain_news(game, session, played) if played else []
    shown = ticked if ticked is not None else (submitted.orders if submitted else [])
    chosen = {f"{a}:{t}" for a, t in shown}
    return TeamView(
        team=team,
        name=place_name(team),
        title=words.texts.title,
        quarter=session.quarter(),
        turn=played + 1,
        turns=world.turns,
        over=session.is_over(),
        objective=words.objective(team),
        briefing=words.texts.briefing_basic or "",
        score=_score_bar(float(scores[r]), float(scores[r] - before[r])),
        ties=_ties(session, team),
        points=session.points(team),
        income=session.capacity(team),
        max_orders=world.rules.max_orders,
        max_projects=world.rules.max_projects,
        projects=projects,
        news=news,
        news_quarter=quarter_name(world.start_quarter + played - 1) if played else "",
        actions=[] if session.is_over() else _actions(session, team, chosen, words),
        submitted=submitted,
        result=final_result(game, team) if session.is_over() else "",
        why=why_score_moved(session, team, played, _computer_played(game, team, played)) if played else "",
        how_to_win=how_to_win(game, team),
        standings=tuple(class_scores(game, session)) if session.is_over() else (),
    )


def how_to_win(game: ClassGame, team: str) -> str:
    """How the game is won, in one sentence, judged as at its end (:func:`final_result`)."""
    final = quarter_text(quarter_name(game.world.start_quarter + game.world.turns - 1))
    if not game.world.has_targets:
        return _(
            "This game is shorter than the scenario, so there is no victory target: the teams start from different "
            "scores, so the team whose score rises most from its start by {final} does best."
        ).format(final=final)
    targets = match_victory(game.match)[0]
    return _("To win, by the end of {final}: {target}.").format(
        final=final, target=target_words(game.match, team, float(targets[ROLES.index(team)])))


def _computer_played(game: ClassGame, team: str, turn: int) -> bool:
    """Whether the computer gave the team's orders in a played turn (it had none and its policy was the computer)."""
    entries = game.file.played[turn - 1].teams if turn <= len(game.file.played) else []
    return any(entry.team == team and entry.source == "computer" for entry in entries)


def _score_bar(value: float, change: float) -> Bar:
    """The team's own score: a rise helps it, a fall hurts it."""
    sense = "" if abs(change) < SHOWN_CHANGE else ("helps" if change > 0 else "hurts")
    return Bar(_("Your score"), value, change, sense)


def final_result(game: ClassGame, team: str) -> str:
    """The team's result at the end, against its victory target (as ``class status`` and the debrief judge it)."""
    if not game.world.has_targets:
        return _(
            "This game was shorter than the scenario, so it has no victory target: the teams started from different "
            "scores, so compare how much each score changed since the start (below, and in the debrief)."
        )
    return result_sentence(game.match, team)


def _project_line(order: str, shown: int, past_end: bool) -> str:
    """A project in flight: ``Build a railway → China (2 more quarters)``, or with ``past_end`` ``(…, then the game
    ends)``."""
    if past_end:
        return ngettext("{order} ({count} more quarter, then the game ends)",
                        "{order} ({count} more quarters, then the game ends)", shown).format(
            order=order, count=format_number(shown))
    return ngettext("{order} ({count} more quarter)", "{order} ({count} more quarters)", shown).format(
        order=order, count=format_number(shown))
