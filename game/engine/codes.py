"""The fixed vocabulary: countries, powers, channels, roles and quarters (their codes never change)."""

from __future__ import annotations

import re
from typing import Final

COUNTRIES: Final = ("KZ", "UZ", "KG", "TJ", "TM")
POWERS: Final = ("RU", "CN", "WEST")
CHANNELS: Final = ("trade", "energy", "security", "finance", "labour", "transport")
ROLES: Final = COUNTRIES + POWERS

COUNTRY_NAMES: Final = {
    "KZ": "Kazakhstan",
    "UZ": "Uzbekistan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
}
POWER_NAMES: Final = {"RU": "Russia", "CN": "China", "WEST": "the West"}
ROLE_NAMES: Final = {**COUNTRY_NAMES, **POWER_NAMES}

N_COUNTRIES: Final = len(COUNTRIES)
N_POWERS: Final = len(POWERS)
N_CHANNELS: Final = len(CHANNELS)
N_ROLES: Final = len(ROLES)

QUARTER_PATTERN: Final = r"^(\d{4})Q([1-4])$"
_QUARTER = re.compile(QUARTER_PATTERN)


def is_quarter(text: str) -> bool:
    """True when `text` is a quarter written like ``2023Q4``."""
    return bool(_QUARTER.match(text))


def quarter_index(text: str) -> int:
    """Quarters since year 0, so that differences count turns.

    >>> quarter_index("2024Q1") - quarter_index("2023Q4")
    1
    """
    match = _QUARTER.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a quarter like 2023Q4")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def quarter_name(index: int) -> str:
    """Inverse of :func:`quarter_index`.

    >>> quarter_name(quarter_index("2030Q4"))
    '2030Q4'
    """
    return f"{index // 4}Q{index % 4 + 1}"


START_LABEL = "start"  # the first point of a history: the values before the first quarter is played


def state_labels(start_quarter: int, states: int) -> list[str]:
    """A label for each state of a game's history, as every chart of it reads them: the first is the
    start (before any quarter is played), each later one the quarter whose end it shows.

    >>> state_labels(2023 * 4, 3)
    ['start', '2023Q1', '2023Q2']
    """
    return [START_LABEL, *(quarter_name(start_quarter + turn) for turn in range(states - 1))]


def quarter_after(start: str, turns: int) -> str:
    """The quarter `turns` quarters after `start`.

    >>> quarter_after("2023Q4", 1)
    '2024Q1'
    """
    return quarter_name(quarter_index(start) + turns)
