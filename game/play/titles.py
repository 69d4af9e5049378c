"""Orders and actions as people read them: titles and country names, never ids or role codes.

Every text meant for a player, a student or a teacher (handouts, newspaper, debrief, the
command line's tables) names an order with these, so ``KZ host_summit WEST`` never reaches
a reader.
"""

from __future__ import annotations

from game.engine.codes import ROLE_NAMES
from game.engine.orders import Order, parse_order
from game.engine.world import World


def action_title(world: World, action_id: str) -> str:
    """The action's title in the scenario (``Host a summit``)."""
    return world.actions.titles[world.actions.index(action_id)]


def _order(order: Order | str) -> Order:
    return parse_order(order) if isinstance(order, str) else order


def order_title(world: World, order: Order | str) -> str:
    """An order without its giver: ``KZ host_summit WEST`` → ``Host a summit → the West``."""
    given = _order(order)
    return f"{action_title(world, given.action)} → {ROLE_NAMES[given.target]}"


def order_sentence(world: World, order: Order | str) -> str:
    """An order with its giver: ``KZ host_summit WEST`` → ``Kazakhstan: Host a summit → the West``."""
    given = _order(order)
    return f"{ROLE_NAMES[given.role]}: {order_title(world, given)}"


def orders_line(world: World, orders: list[str] | list[Order], none: str = "no orders") -> str:
    """Several orders of one giver on one line, ``; `` between them (``none`` when there are none)."""
    return "; ".join(order_title(world, order) for order in orders) or none
