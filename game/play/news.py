"""A played turn in words: the events with their sources, the news, why each order was
given, and what moved a variable (the ledger's causes, largest first).

Turns are counted from 1 here (turn 1 = the first quarter played), as the news shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.ai.reasons import OrderReason, explain_orders
from game.engine.codes import CHANNELS, COUNTRIES, quarter_name
from game.engine.explain import explain
from game.engine.layout import BLOCKS
from game.engine.resolve import TurnRecord
from game.engine.world import World
from game.i18n import _
from game.i18n.reasons import order_head, reason_text
from game.play.match import Match
from game.play.news_causes import EVENT_TAGS
from game.play.texts import scenario_words
from game.scenario.compile import event_does_something
from game.scenario.provenance import citation_label


@dataclass(frozen=True)
class NewsItem:
    """One line of the news log."""

    turn: int
    kind: str  # event | crisis_end | order_you | order_ai
    text: str
    detail: str = ""
    order_line: str = ""  # an order's line opens with the order said in words (the rest is why), shown brighter


@dataclass(frozen=True)
class EventView:
    """An event that fired, with its tag and source, for the pop-up.

    ``tag``: historical / counterfactual / random; ``source``: "Outlet, date" ("" if none). The title and text
    are in the language current when it was made; ``quote`` is the source's own words, as published, and
    ``quote_translation`` their translation into that language ("" in English or when there is none).
    """

    id: str
    title: str
    text: str
    source: str
    quote: str
    quarter: str
    tag: str = "random"
    link: str = ""
    quote_translation: str = ""


def played_record(match: Match, turn: int) -> TurnRecord | None:
    """The record of a played turn (1-based), or None for a turn not played."""
    if 1 <= turn <= len(match.game.records):
        return match.game.records[turn - 1]
    return None


def _events_by_id(match: Match) -> dict[str, Any]:
    return {event.id: event for event in match.setup.loaded.scenario.events}


def events_of(match: Match, turn: int) -> list[EventView]:
    """Events that fired in a played turn, with their sources, in the current language."""
    record = played_record(match, turn)
    if record is None:
        return []
    world = match.world
    models = _events_by_id(match)
    texts = scenario_words(match.setup.loaded).texts.events
    views = []
    for index in np.nonzero(record.fired[0])[0]:
        event_id = world.events.ids[int(index)]
        model = models.get(event_id)
        if model is not None and not event_does_something(model, world.levers):
            continue
        source = getattr(model, "source", None)
        said = texts.get(event_id)
        views.append(
            EventView(
                event_id,
                said.title if said else str(getattr(model, "title", world.events.titles[int(index)])),
                " ".join((said.text if said else str(getattr(model, "text", ""))).split()),
                citation_label(source),
                str(getattr(source, "quote", None) or ""),
                quarter_name(record.quarter),
                str(getattr(model, "tag", "random")),
                str(getattr(source, "url", None) or ""),
                (said.quote_translation or "") if said else "",
            )
        )
    return views


def order_reasons(match: Match, turn: int) -> list[OrderReason]:
    """Why each order of a played turn was given, read from the state before the turn at the level each computer
    role played (``explain_orders``; :func:`turn_news` puts them into words)."""
    record = played_record(match, turn)
    if record is None:
        return []
    return explain_orders(match.world, match.game.states[turn - 1], record.orders, 0, match.levels)


def turn_news(match: Match, turn: int, reasons: list[OrderReason]) -> list[NewsItem]:
    """The news of a played turn in the current language: events, crises ended, and every role's orders
    (``reasons``: :func:`order_reasons` of the turn)."""
    record = played_record(match, turn)
    if record is None:
        return []
    world = match.world
    words = scenario_words(match.setup.loaded)
    items = [
        NewsItem(turn, "event", e.title, f"[{_(EVENT_TAGS.get(e.tag, e.tag))}] " + e.text
                 + (f" — {e.source}" if e.source else ""))
        for e in events_of(match, turn)
    ]
    for index in np.nonzero(record.ended[0])[0]:
        said = words.texts.events.get(world.events.ids[int(index)])
        title = said.end_title if said else None
        if title is None:
            name = said.title if said else world.events.titles[int(index)]
            title = _("{event} ends").format(event=name)
        items.append(NewsItem(turn, "crisis_end", title))
    titles = {action: said[0] for action, said in words.actions.items()}
    events = {event: said.title for event, said in words.texts.events.items()}
    for order, reason in zip(record.orders.orders_of_run(world, 0), reasons, strict=True):
        detail = words.actions[order.action][1] if order.action in words.actions else ""
        head = order_head(world, order, titles)  # "Kazakhstan hosts a summit with Russia", as the computer's
        if order.role in match.human_roles:
            items.append(NewsItem(turn, "order_you", head, detail, head))
        else:
            items.append(NewsItem(turn, "order_ai", reason_text(world, reason, titles, events), detail, head))
    return items


def dependence_causes(
    world: World, record: TurnRecord, country: str, power: str, channel: str | None = None
) -> list[tuple[str, float]]:
    """Causes of the change of a country's dependence on a power in a turn, largest first (0–100).

    Without ``channel`` it is the headline score ``D = Σ_k weight·dependence``: each
    channel's ledger causes are weighted and merged, and the amounts sum to the change of D.
    """
    c = COUNTRIES.index(country)
    totals: dict[str, float] = {}
    for k, name in enumerate(CHANNELS):
        if channel is not None and name != channel:
            continue
        column = BLOCKS["dependence"].column(country=country, power=power, channel=name)
        weight = 1.0 if channel is not None else float(world.weight[c, k])
        for item in explain(world, record, column, run=0):
            totals[item.cause.text] = totals.get(item.cause.text, 0.0) + 100.0 * weight * item.amount
    return sorted(totals.items(), key=lambda kv: (-abs(kv[1]), kv[0]))


def variable_causes(world: World, record: TurnRecord, block: str, **codes: str) -> list[tuple[str, float]]:
    """Causes of one variable's change in a turn, largest first (0–100)."""
    column = BLOCKS[block].column(**codes)
    return [(item.cause.text, 100.0 * item.amount) for item in explain(world, record, column, run=0)]
