"""Causes of headline shifts, read from the ledger through :func:`game.engine.explain.explain`.

Headline dependence is a weighted sum over channels, so the causes of its change are
the channel causes times the channel weights; they still add up to the change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.classroom.injection import INJECTED
from game.engine.codes import CHANNELS, COUNTRIES, POWERS, quarter_name
from game.engine.explain import explain
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.resolve import TurnRecord
from game.engine.scores import headline
from game.engine.world import World
from game.i18n import N_, _, format_number, place_name


@dataclass(frozen=True)
class CauseShare:
    """One named cause and its part of a change, in points (0–100 scale)."""

    text: str
    kind: str
    points: float


@dataclass(frozen=True)
class Shift:
    """A change of one country's headline dependence on one power in one turn."""

    turn: int  # 0-based turn whose resolution made the change
    quarter: str
    country: str
    power: str
    before: float
    after: float
    causes: tuple[CauseShare, ...]

    @property
    def change(self) -> float:
        """After minus before, in points."""
        return self.after - self.before

    @property
    def headline_text(self) -> str:
        """``Kazakhstan's dependence on Russia fell 3.1 points``."""
        # The change of the rounded values, so that it matches the "(58.4 → 56.4)" printed beside it.
        shown = format_number(abs(round(self.after, 1) - round(self.before, 1)), 1)
        names = {"country": place_name(self.country), "power": place_name(self.power), "points": shown}
        if self.change > 0:
            return _("{country}'s dependence on {power} rose {points} points").format(**names)
        return _("{country}'s dependence on {power} fell {points} points").format(**names)


def headline_causes(
    world: World, record: TurnRecord, country: str, power: str, run: int = 0
) -> list[CauseShare]:
    """Causes of one turn's change of ``D[country, power]`` (points), largest first; they sum to it."""
    c = COUNTRIES.index(country)
    totals: dict[tuple[str, str], float] = {}
    for k, channel in enumerate(CHANNELS):
        weight = float(world.weight[c, k])
        column = BLOCKS["dependence"].column(country=country, power=power, channel=channel)
        for item in explain(world, record, column, run):
            key = (item.cause.text, item.cause.kind.value)
            totals[key] = totals.get(key, 0.0) + 100.0 * weight * item.amount
    ranked = sorted(totals.items(), key=lambda pair: (-abs(pair[1]), pair[0]))
    return [CauseShare(text, kind, points) for (text, kind), points in ranked if abs(points) > 1e-9]


# The ledger's kinds as a class reads them: an event under way is still the event's doing.
KIND_GROUP = {
    "order": "orders",
    "project": "projects",
    "event": "events",
    "crisis": "events",
    "drift": "drift",
    "noise": "chance",
    "clamp": "bounds",
}
GROUP_WORDS = {  # translated where they are shown (group_words)
    "injected": N_("the teacher's injections"),
    "orders": N_("orders"),
    "projects": N_("projects in flight"),
    "events": N_("events"),
    "drift": N_("drift back toward the long-run level"),
    "chance": N_("chance (random fluctuation)"),
    "bounds": N_("bounds (shares kept between 0 and 100)"),
}


def group_words(group: str) -> str:
    """A group of causes in a sentence, in the current language: ``projects in flight``."""
    return _(GROUP_WORDS[group]) if group in GROUP_WORDS else group


def cause_group(cause: CauseShare) -> str:
    """The group a cause belongs to; an event's lasting effects (ledgered as a project) are the event's, and an
    event the teacher injected is a group of its own: nobody in the game chose it, and the computer runs
    compared with the game never had it."""
    if cause.text.startswith("event"):
        return "injected" if INJECTED in cause.text else "events"
    if cause.text.startswith(INJECTION_WORDS):
        return "injected"
    return KIND_GROUP.get(cause.kind, cause.kind)


INJECTION_WORDS = "the teacher's injection"


def injection_text(title: str, quarter: str) -> str:
    """An injected event as a cause over a game: ``the teacher's injection “Oil price slump” (2023Q3)``."""
    return f"{INJECTION_WORDS} “{title}” ({quarter})"


def injection_title(text: str) -> str:
    """The event's title in :func:`injection_text`.

    >>> injection_title(injection_text("Oil price slump", "2023Q3"))
    'Oil price slump'
    """
    return text[len(INJECTION_WORDS) + 2 : text.rindex("” (")]


def cause_words(cause: CauseShare) -> str:
    """A cause's group for a table's kind column: ``teacher's injection``, ``order``, ``chance`` …"""
    group = cause_group(cause)
    return _(KIND_WORDS[group]) if group in KIND_WORDS else group


KIND_WORDS = {  # translated where they are shown (cause_words)
    "injected": N_("teacher's injection"),
    "orders": N_("order"),
    "projects": N_("project in flight"),
    "events": N_("event"),
    "drift": N_("drift"),
    "chance": N_("chance"),
    "bounds": N_("bound"),
}


def game_causes(game: Game, country: str, power: str, run: int = 0) -> list[CauseShare]:
    """Causes of the whole game's change of ``D[country, power]`` (points), summed over every turn, largest
    first; they add up to the change from the start to the last state."""
    totals: dict[tuple[str, str], float] = {}
    for record in game.records:
        for cause in headline_causes(game.world, record, country, power, run):
            key = (cause.text, cause.kind)
            totals[key] = totals.get(key, 0.0) + cause.points
    ranked = sorted(totals.items(), key=lambda pair: (-abs(pair[1]), pair[0]))
    return [CauseShare(text, kind, points) for (text, kind), points in ranked if abs(points) > 1e-9]


def group_totals(causes: list[CauseShare] | tuple[CauseShare, ...]) -> dict[str, float]:
    """Points per group of causes (orders, projects, events, drift, chance, bounds), largest first."""
    totals: dict[str, float] = {}
    for cause in causes:
        group = cause_group(cause)
        totals[group] = totals.get(group, 0.0) + cause.points
    return dict(sorted(totals.items(), key=lambda pair: (-abs(pair[1]), pair[0])))


@dataclass(frozen=True)
class Movement:
    """How much each group of causes, and each event, moved dependence over a game: points summed without sign
    over every pair and turn (a push and a pull both count), largest first."""

    by_group: dict[str, float]
    by_event: list[tuple[str, float]]

    @property
    def total(self) -> float:
        """All movement, in points."""
        return sum(self.by_group.values())


def movement(game: Game, run: int = 0) -> Movement:
    """The :class:`Movement` of a game, read from its ledger (an event's lasting effects and its crisis count
    as the event's)."""
    groups: dict[str, float] = {}
    events: dict[str, float] = {}
    for record in game.records:
        for country in COUNTRIES:
            for power in POWERS:
                for cause in headline_causes(game.world, record, country, power, run):
                    group = cause_group(cause)
                    groups[group] = groups.get(group, 0.0) + abs(cause.points)
                    if group in ("events", "injected"):
                        name = event_name(cause.text) + (INJECTED if group == "injected" else "")
                        events[name] = events.get(name, 0.0) + abs(cause.points)
    return Movement(
        dict(sorted(groups.items(), key=lambda pair: (-pair[1], pair[0]))),
        sorted(events.items(), key=lambda pair: (-pair[1], pair[0])),
    )


def event_name(text: str) -> str:
    """The event's title in a cause text, without the tag and the timing.

    >>> event_name("event (historical): A court halts the terminal (2022Q3, continuing)")
    'A court halts the terminal'
    >>> event_name("event (random): Border clash (under way)")
    'Border clash'
    >>> event_name("event (random): Oil price slump (injected by the teacher) (2023Q3, continuing)")
    'Oil price slump'
    """
    title = text.split(": ", 1)[1] if ": " in text else text
    for suffix in (" (under way)",):
        title = title.removesuffix(suffix)
    if title.endswith(", continuing)") and " (" in title:
        title = title[: title.rindex(" (")]
    return title.removesuffix(INJECTED)


def headline_history(game: Game, run: int = 0) -> np.ndarray:
    """``(T + 1, C, P)`` headline dependence on 0–100, turn 0 first."""
    return np.stack(
        [100.0 * headline(state.values[run : run + 1], game.world.weight)[0] for state in game.states]
    )


def big_shifts(game: Game, count: int = 8, threshold: float = 0.5, run: int = 0) -> list[Shift]:
    """The largest one-turn shifts of headline dependence (at least ``threshold`` points)."""
    history = headline_history(game, run)
    change = np.abs(np.diff(history, axis=0))  # (T, C, P)
    order = np.argsort(-change, axis=None, kind="stable")
    shifts: list[Shift] = []
    per_pair: dict[tuple[int, int], int] = {}
    for flat in order:
        if len(shifts) >= count:
            break
        turn, c, p = np.unravel_index(flat, change.shape)
        if change[turn, c, p] < threshold:
            break
        if per_pair.get((int(c), int(p)), 0) >= 2:
            continue
        per_pair[(int(c), int(p))] = per_pair.get((int(c), int(p)), 0) + 1
        record = game.records[int(turn)]
        country, power = COUNTRIES[int(c)], POWERS[int(p)]
        shifts.append(
            Shift(
                turn=int(turn),
                quarter=quarter_name(record.quarter),
                country=country,
                power=power,
                before=float(history[turn, c, p]),
                after=float(history[turn + 1, c, p]),
                causes=tuple(headline_causes(game.world, record, country, power, run)),
            )
        )
    return sorted(shifts, key=lambda s: (s.turn, -abs(s.change)))
