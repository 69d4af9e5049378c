"""When the map moved against a player's orders, and what moved it (no pygame here).

A newcomer who gives three West-facing orders and sees Kazakhstan's dependence on the West fall
concludes that orders do not matter. The ledger says why: chance, another power's deal, or the
player's own orders toward another power (the shares of a channel add up to at most 100, so a
deal with China crowds out the West's share). This module says it in one sentence, from the
causes of one change (a turn's, or a whole game's), largest opposing cause first.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.codes import COUNTRIES, POWERS, ROLE_NAMES, ROLES
from game.i18n import N_, _, format_change, format_number, place_name
from game.play.news_causes import CauseWords

MIN_PUSH = 0.05  # points (0–100): smaller pushes by a player's orders are not worth a sentence


def cause_role(text: str) -> str:
    """The role whose order or project a cause's text names (``order by China: …`` -> ``CN``), or ``""``."""
    for role in ROLES:
        name = ROLE_NAMES[role]
        if text.startswith((f"order by {name}:", f"project by {name}:")):
            return role
    return ""


def _as_seen_by(text: str, role: str, words: CauseWords) -> str:
    """A cause as the role reads it, in the current language: its own orders as
    ``your order: Sign a trade deal (China)``."""
    said = words.cause(text)
    if cause_role(text) != role:
        return said
    rest = said.split(": ", 1)[1]
    return (_("your order: {order}") if text.startswith("order") else _("your project: {order}")).format(order=rest)


# The sentence for each way the dependence went (None: it did not move) and each way the role's orders pushed it.
_PUSHBACK = {
    (None, True): N_("{country}'s dependence on {power} did not move although your orders raised it by {yours}: "
                     "{causes} outweighed them."),
    (None, False): N_("{country}'s dependence on {power} did not move although your orders lowered it by {yours}: "
                      "{causes} outweighed them."),
    (True, False): N_("{country}'s dependence on {power} rose {change} although your orders lowered it by "
                      "{yours}: {causes} outweighed them."),
    (False, True): N_("{country}'s dependence on {power} fell {change} although your orders raised it by "
                      "{yours}: {causes} outweighed them."),
}


def pushback_sentence(
    role: str, country: str, power: str, causes: Sequence[tuple[str, float]], opposing: int = 2,
    words: CauseWords | None = None,
) -> str:
    """One sentence when a dependence moved against the role's own orders (``causes``: every cause of the
    change with its points, 0–100); empty when it did not, or when the role's orders pushed it by less than
    :data:`MIN_PUSH`. ``words`` puts the causes into the current language.

    >>> print(pushback_sentence("KZ", "KZ", "WEST", [("chance (random fluctuation)", -0.51),
    ...     ("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1", 0.31),
    ...     ("order by China: Hold a summit (Kazakhstan)", -0.18)]))  # doctest: +NORMALIZE_WHITESPACE
    Kazakhstan's dependence on the West fell 0.38 although your orders raised it by 0.31:
    chance (random fluctuation) −0.51 and order by China: Hold a summit (Kazakhstan) −0.18 outweighed them.
    """
    words = words or CauseWords()
    yours = sum(points for text, points in causes if cause_role(text) == role)
    change = sum(points for _text, points in causes)
    if abs(yours) < MIN_PUSH or yours * change > 0:
        return ""
    against = sorted((item for item in causes if item[1] * yours < 0), key=lambda item: -abs(item[1]))[:opposing]
    named = [f"{_as_seen_by(text, role, words)} {format_change(points, 2)}" for text, points in against]
    listed = _("{first} and {second}").format(first=named[0], second=named[1]) if len(named) == 2 else named[0]
    moved = None if abs(change) < 0.005 else change > 0
    return _(_PUSHBACK[moved, yours > 0]).format(
        country=place_name(country), power=place_name(power), change=format_number(abs(change), 2),
        yours=format_number(abs(yours), 2), causes=listed,
    )


def role_pairs(role: str) -> list[tuple[str, str]]:
    """The (country, power) dependences a role's score reads: a country's on each power, a power's in each
    country."""
    return [(role, power) for power in POWERS] if role in COUNTRIES else [(country, role) for country in COUNTRIES]
