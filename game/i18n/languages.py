"""The languages the game ships, and which one a player gets.

A language is named by its code (``ru``), the Babel locale that formats its numbers and dates
(``uz_Latn`` for Uzbek in the Latin script) and its name as its own speakers write it, which is
how a language menu lists it. The choice follows one order: a language named explicitly (``--lang``,
the start screen), then the ``MULTIVECTOR_LANG`` variable, then the system locale, then English.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGE_VARIABLE = "MULTIVECTOR_LANG"
SOURCE_LANGUAGE = "en"  # the language the code and the scenario files are written in
# The variables that name the system's language for messages, in the order gettext reads them.
SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Language:
    """One shipped language: its code, Babel locale, and its name in English and in itself."""

    code: str
    babel_locale: str
    english_name: str
    own_name: str


LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "English", "English"),
    Language("ru", "ru", "Russian", "Русский"),
    Language("kk", "kk", "Kazakh", "Қазақша"),
    Language("uz", "uz_Latn", "Uzbek", "Oʻzbekcha"),
)
LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
_BY_CODE = {language.code: language for language in LANGUAGES}


class UnknownLanguageError(ValueError):
    """A language was asked for by name that the game does not ship."""

    def __init__(self, asked: str) -> None:
        self.asked = asked
        shipped = ", ".join(f"{language.code} ({language.own_name})" for language in LANGUAGES)
        super().__init__(f"no language '{asked}'; the game speaks {shipped}")


def language(code: str) -> Language:
    """The shipped language with this code; :class:`UnknownLanguageError` for any other."""
    found = _BY_CODE.get(code)
    if found is None:
        raise UnknownLanguageError(code)
    return found


def shipped_language(tag: str) -> str | None:
    """The shipped language a locale tag names (``ru_RU.UTF-8``, ``kk-KZ``, ``uz_UZ@latin``), or None.

    >>> shipped_language("ru_RU.UTF-8"), shipped_language("uz-Latn-UZ"), shipped_language("C")
    ('ru', 'uz', None)
    """
    # A tag is language[_-territory][.encoding][@modifier]; only the language part decides.
    code = re.split(r"[_.@-]", tag.strip(), maxsplit=1)[0].lower()
    if code == "uz" and "cyr" in tag.lower():  # uz-Cyrl, uz_UZ@cyrillic
        return None  # Uzbek in Cyrillic is not shipped; the Latin text would be a surprise, not a match
    return code if code in _BY_CODE else None


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The shipped language the system locale asks for, or None when it asks for none of them."""
    variables = os.environ if environ is None else environ
    for name in SYSTEM_VARIABLES:
        # The first variable set decides; LANGUAGE may list several in order of preference (``fr:kk:ru``).
        tags = [tag for tag in variables.get(name, "").split(":") if tag]
        if tags:
            return next((code for code in map(shipped_language, tags) if code is not None), None)
    if environ is None:  # Windows and macOS name the locale without these variables
        tag = locale.getlocale(locale.LC_CTYPE)[0]
        return shipped_language(tag) if tag else None
    return None


def resolve_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: ``explicit`` (a player's choice), else ``MULTIVECTOR_LANG``, else the
    system locale, else English. An explicit code the game does not ship is an error; a variable
    naming one is passed over, since the player did not type it here."""
    if explicit:
        return language(explicit).code
    variables = os.environ if environ is None else environ
    chosen = shipped_language(variables.get(LANGUAGE_VARIABLE, ""))
    if chosen is not None:
        return chosen
    return system_language(environ) or SOURCE_LANGUAGE
