"""One translation layer for everything a player reads: catalogs, plural forms, formats, names.

``set_language(code)`` switches the language (``language_scope(code)`` for one request or task);
``_`` and ``ngettext`` translate through the gettext catalogs in ``game/i18n/locale`` (Babel-managed,
see docs/translating.md), ``N_`` marks a constant for them; ``format_number``, ``format_change``
(signed, true minus), ``format_target``, ``format_share``, ``format_day`` and ``format_quarter``
write figures the language's way; ``resolve_language`` picks the language (explicit choice,
``MULTIVECTOR_LANG``, system locale, English); ``LANGUAGES`` lists the shipped ones with their own
names; ``place_name`` spells the region's places as each language does, and a translation asks for a role's case
with ``{country:genitive}`` (:mod:`game.i18n.places`). Scenario texts (titles,
briefings, events) are translated in files beside the scenarios, read by
:mod:`game.scenario.translation`; the computer players' reasons are worded by
:mod:`game.i18n.reasons` (not imported here: it reads the engine).
"""

from game.i18n.catalog import N_, _, current_language, language_scope, ngettext, set_language, translate
from game.i18n.formatting import (
    format_change,
    format_day,
    format_number,
    format_quarter,
    format_share,
    format_signed,
    format_target,
    place_name,
    quarter_text,
)
from game.i18n.languages import (
    LANGUAGE_CODES,
    LANGUAGE_VARIABLE,
    LANGUAGES,
    SOURCE_LANGUAGE,
    Language,
    UnknownLanguageError,
    language,
    resolve_language,
)

__all__ = [
    "LANGUAGES",
    "LANGUAGE_CODES",
    "LANGUAGE_VARIABLE",
    "N_",
    "SOURCE_LANGUAGE",
    "Language",
    "UnknownLanguageError",
    "_",
    "current_language",
    "format_change",
    "format_day",
    "format_number",
    "format_quarter",
    "format_share",
    "format_signed",
    "format_target",
    "language",
    "language_scope",
    "ngettext",
    "place_name",
    "quarter_text",
    "resolve_language",
    "set_language",
    "translate",
]
