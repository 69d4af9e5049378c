"""Counted phrases every screen needs, in the current language with its plural forms.

>>> turn_count(5)
'5 turns'
"""

from __future__ import annotations

from game.i18n.catalog import N_, _, current_language, ngettext
from game.i18n.formatting import format_number
from game.i18n.languages import SOURCE_LANGUAGE

PROGRAM = "multivector"  # the program's command, as installed


def turn_count(count: int) -> str:
    """``1 turn`` / ``5 turns`` (Russian ``1 ход``, ``2 хода``, ``5 ходов``)."""
    return ngettext("{count} turn", "{count} turns", count).format(count=format_number(count))


def run_count(count: int) -> str:
    """``1 run`` / ``1,000 runs``: games played (Russian ``1 прогон``, ``2 прогона``, ``5 прогонов``)."""
    return ngettext("{count} run", "{count} runs", count).format(count=format_number(count))


def point_count(count: int) -> str:
    """``1 point`` / ``50 points``: points of a grid or sample of lever values."""
    return ngettext("{count} point", "{count} points", count).format(count=format_number(count))


def quarters_left(count: int) -> str:
    """How many quarters remain: ``1 quarter left`` / ``3 quarters left``."""
    return ngettext("{count} quarter left", "{count} quarters left", count).format(count=format_number(count))


def action_points(count: int) -> str:
    """``1 action point`` / ``5 action points``."""
    return ngettext("{count} action point", "{count} action points", count).format(count=format_number(count))


def language_label() -> str:
    """The label of the language choice (start screen, settings)."""
    return _("Language")


_CHANNEL_NAMES = {
    "trade": N_("trade"),
    "energy": N_("energy"),
    "security": N_("security"),
    "finance": N_("finance"),
    "labour": N_("labour"),
    "transport": N_("transport"),
}


def channel_name(channel: str) -> str:
    """A channel of dependence (``transport``) as the current language names it (itself when unknown)."""
    return _(_CHANNEL_NAMES[channel]) if channel in _CHANNEL_NAMES else channel


def program_command() -> str:
    """How a command the program suggests starts: ``multivector``, with ``--lang`` when the language in force is
    not English (``multivector --lang ru``), so that the teacher who copies it gets the same language again."""
    code = current_language()
    return PROGRAM if code == SOURCE_LANGUAGE else f"{PROGRAM} --lang {code}"
