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

MIN_PUSH = 0.05  # points (0–100): smaller pushes by a player's orders are not worth a sentence


def cause_role(text: str) -> str:
    """The role whose order or project a cause's text names (``order by China: …`` -> ``CN``), or ``""``."""
    for role in ROLES:
        name = ROLE_NAMES[role]
        if text.startswith((f"order by {name}:", f"project by {name}:")):
            return role
    return ""


def _as_seen_by(text: str, role: str) -> str:
    """A cause as the role reads it: its own orders as ``your order: Sign a trade deal (China)``."""
    if cause_role(text) != role:
        return text
    kind, rest = text.split(" by ", 1)
    return f"your {kind}: {rest.split(': ', 1)[1]}"


def pushback_sentence(
    role: str, country: str, power: str, causes: Sequence[tuple[str, float]], opposing: int = 2
) -> str:
    """One sentence when a dependence moved against the role's own orders (``causes``: every cause of the
    change with its points, 0–100); empty when it did not, or when the role's orders pushed it by less than
    :data:`MIN_PUSH`.

    >>> print(pushback_sentence("KZ", "KZ", "WEST", [("chance (random fluctuation)", -0.51),
    ...     ("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1", 0.31),
    ...     ("order by China: Hold a summit (Kazakhstan)", -0.18)]))  # doctest: +NORMALIZE_WHITESPACE
    Kazakhstan's dependence on the West fell 0.38 although your orders raised it by 0.31:
    chance (random fluctuation) −0.51 and order by China: Hold a summit (Kazakhstan) −0.18 outweighed them.
    """
    yours = sum(points for text, points in causes if cause_role(text) == role)
    change = sum(points for _, points in causes)
    if abs(yours) < MIN_PUSH or yours * change > 0:
        return ""
    against = sorted((item for item in causes if item[1] * yours < 0), key=lambda item: -abs(item[1]))[:opposing]
    named = " and ".join(f"{_as_seen_by(text, role)} " + f"{points:+.2f}".replace("-", "−") for text, points in against)
    subject = f"{ROLE_NAMES[country]}'s dependence on {ROLE_NAMES[power]}"
    moved = "did not move" if abs(change) < 0.005 else f"{'rose' if change > 0 else 'fell'} {abs(change):.2f}"
    pushed = "raised" if yours > 0 else "lowered"
    return f"{subject} {moved} although your orders {pushed} it by {abs(yours):.2f}: {named} outweighed them."


def role_pairs(role: str) -> list[tuple[str, str]]:
    """The (country, power) dependences a role's score reads: a country's on each power, a power's in each
    country."""
    return [(role, power) for power in POWERS] if role in COUNTRIES else [(country, role) for country in COUNTRIES]
