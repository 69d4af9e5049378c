"""Orders and actions as people read them: titles and country names, never ids or role codes.

Every text meant for a player, a student or a teacher (handouts, newspaper, debrief, the
command line's tables) names an order with these, so ``KZ host_summit WEST`` never reaches
a reader.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.orders import Order, parse_order
from game.engine.world import World
from game.i18n import _, place_name


def action_title(world: World, action_id: str, titles: Mapping[str, str] | None = None) -> str:
    """The action's title (``Host a summit``): from ``titles`` (action id -> title in the current language, e.g.
    ``Session.words().actions``' titles) when given, else the scenario's own."""
    if titles and action_id in titles:
        return titles[action_id]
    return world.actions.titles[world.actions.index(action_id)]


def _order(order: Order | str) -> Order:
    return parse_order(order) if isinstance(order, str) else order


def order_title(world: World, order: Order | str, titles: Mapping[str, str] | None = None) -> str:
    """An order without its giver: ``KZ host_summit WEST`` → ``Host a summit → the West`` (the country in the
    current language; ``titles`` as for :func:`action_title`)."""
    given = _order(order)
    return f"{action_title(world, given.action, titles)} → {place_name(given.target)}"


def order_sentence(world: World, order: Order | str, titles: Mapping[str, str] | None = None) -> str:
    """An order with its giver: ``KZ host_summit WEST`` → ``Kazakhstan: Host a summit → the West``."""
    given = _order(order)
    return f"{place_name(given.role)}: {order_title(world, given, titles)}"


def orders_line(
    world: World, orders: list[str] | list[Order], none: str | None = None, titles: Mapping[str, str] | None = None
) -> str:
    """Several orders of one giver on one line, ``; `` between them (``none`` when there are none: ``no orders``
    in the current language by default)."""
    listed = "; ".join(order_title(world, order, titles) for order in orders)
    return listed or (_("no orders") if none is None else none)
