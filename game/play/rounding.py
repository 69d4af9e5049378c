"""How changes of numbers that are also shown rounded are written (the map game, the class server's pages).

A change beside two rounded values is the difference of those rounded values (a header that
reads "51.07 to 51.12 (+0.06)" makes a player doubt every other figure), never "−0.00", and
the rows of a table that add up to a total add up *as shown* (the total's rounding is shared
out over the rows, largest remainder first).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.play.summary import ScorePart, TurnSummary, signed


def shown_change(before: float, after: float, digits: int = 2) -> float:
    """The change between two values as they are shown rounded to ``digits``.

    >>> shown_change(51.074, 51.126), shown_change(47.04, 48.46, 1)
    (0.06, 1.5)
    >>> shown_change(51.066, 51.124)
    0.05
    """
    return round(round(after, digits) - round(before, digits), digits)


def change_text(before: float, after: float, digits: int = 2) -> str:
    """The sign and amount of :func:`shown_change` (``0.00`` when the shown values are equal): the change a
    reader can check against the two values.

    >>> change_text(51.066, 51.124), change_text(44.851, 44.849), change_text(10.0, 9.96, 1)
    ('+0.05', '0.00', '0.0')
    """
    return signed(shown_change(before, after, digits), digits)


def shared_rounding(amounts: Sequence[float], total: float, digits: int = 2) -> list[float]:
    """``amounts`` rounded to ``digits`` so that they add up to ``total`` rounded (the parts of a change
    shown beside it): each is rounded down, and the units left over go to the largest remainders.

    >>> shared_rounding([0.004, 0.004, 0.004], 0.012)
    [0.01, 0.0, 0.0]
    >>> shared_rounding([0.126, -0.071, 0.003], 0.05)
    [0.12, -0.07, 0.0]
    >>> shared_rounding([1.234, 2.345, -0.123], 3.456, 1)
    [1.2, 2.4, -0.1]
    """
    unit = 10.0**-digits
    scaled = [amount / unit for amount in amounts]
    floors = [int(value // 1) for value in scaled]
    left = round(round(total, digits) / unit) - sum(floors)
    order = sorted(range(len(scaled)), key=lambda i: scaled[i] - floors[i], reverse=left > 0)
    for i in order[: abs(left)]:
        floors[i] += 1 if left > 0 else -1
    return [round(value * unit, digits) for value in floors]


def shown_parts(summary: TurnSummary) -> tuple[list[tuple[str, float]], float]:
    """The parts of a turn summary's score change and their total as its table writes them (two decimals): the
    total is the change of the two scores in the heading, and the parts add up to it as written."""
    amounts = shown_amounts(summary.parts, summary.score_before, summary.score_after)
    total = shown_change(summary.score_before, summary.score_after)
    return [(part.label, amount) for part, amount in zip(summary.parts, amounts, strict=True)], total


def shown_amounts(parts: Sequence[ScorePart], before: float, after: float) -> list[float]:
    """The parts of a score change from ``before`` to ``after`` as the turn summary's table writes them: rounded
    so that they add up to the change of the two scores as shown."""
    return shared_rounding([part.amount for part in parts], shown_change(before, after))
