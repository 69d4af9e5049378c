"""The message catalogs: which language is on, and ``_`` / ``ngettext`` that translate into it.

Catalogs are gettext files in ``game/i18n/locale/<code>/LC_MESSAGES/multivector.po``, managed with
Babel (``make i18n-extract``, ``i18n-update``, ``i18n-compile``; docs/translating.md). The ``.po``
text is what translators edit and the only form the package ships: it is compiled in memory with
Babel the first time its language is switched on (a few milliseconds). So ``pip install .`` from any
folder works with no build step and no write into the install or the user's cache. In a checkout, a
``.mo`` that ``make i18n-compile`` wrote beside a ``.po`` is used while it is at least as new as the
``.po``, so an edited ``.po`` is never shadowed by a stale ``.mo``.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from game.i18n.languages import SOURCE_LANGUAGE, language
from game.i18n.places import declined, is_case

DOMAIN = "multivector"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

_Switched = tuple[str, gettext.NullTranslations]  # a language's code and its catalog

# The process's language (set_language), and the language of the work in hand where it differs (language_scope):
# a context variable, so each request of the class server, each thread and each asyncio task has its own.
_default: list[_Switched] = [(SOURCE_LANGUAGE, gettext.NullTranslations())]
_scoped: ContextVar[_Switched | None] = ContextVar("multivector_language", default=None)


def _current() -> _Switched:
    return _scoped.get() or _default[0]


def catalog_path(code: str, suffix: str = ".po") -> Path:
    """Where the catalog of language ``code`` is (``.po``, or ``.mo`` for the compiled one)."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_catalog(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalog (fuzzy entries left out, as gettext's tools do)."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The loaded catalog of a shipped language (English, the source language, translates nothing)."""
    language(code)  # refuse a code the game does not ship
    po_path, mo_path = catalog_path(code), catalog_path(code, ".mo")
    if not po_path.is_file():
        return gettext.NullTranslations()
    if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        compiled = mo_path.read_bytes()
    else:
        compiled = compile_catalog(po_path)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def set_language(code: str) -> None:
    """Switch every later ``_`` / ``ngettext`` and the number and date formats to language ``code``, in the
    whole process (the default of every thread and request; a :func:`language_scope` in force still wins)."""
    _default[0] = (language(code).code, translations(code))


@contextmanager
def language_scope(code: str) -> Iterator[None]:
    """Speak language ``code`` inside the ``with`` block, in this context only: another thread, asyncio task
    or request of the class server keeps its own language meanwhile (a team's browser asking for Russian while
    the projector shows Kazakh). The language before it is back when the block ends."""
    token = _scoped.set((language(code).code, translations(code)))
    try:
        yield
    finally:
        _scoped.reset(token)


def current_language() -> str:
    """The code of the language in force here: the :func:`language_scope` around this code, else the one
    :func:`set_language` switched on (English until then)."""
    return _current()[0]


_CASE_SPEC = re.compile(r"\{[^{}:]*:[a-z]+\}")  # {country:genitive}: a placeholder asking for a grammatical case


class _CaseFormatter(string.Formatter):
    """``str.format`` that also understands a case spec, ``{power:dative}``, in language ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code

    def format_field(self, value: object, format_spec: str) -> str:
        if is_case(format_spec, self.code):
            return declined(str(value), format_spec, self.code)
        return super().format_field(value, format_spec)


class Message(str):
    """A translated message: a ``str`` whose ``format`` also fills a placeholder a translator wrote with a case,
    ``{country:genitive}``, with that form of the place's name (game.i18n.places)."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # pickled with its language
        return str(self), self.code

    def format(self, *args: object, **kwargs: object) -> str:
        return _CaseFormatter(self.code).vformat(self, args, kwargs)


def _message(text: str, code: str) -> str:
    """A translation as it is, or a :class:`Message` when it asks for a case (the rest stay plain ``str``)."""
    return Message(text, code) if _CASE_SPEC.search(text) else text


def _(message: str) -> str:
    """``message`` in the current language (itself when the catalog has no translation)."""
    code, catalog = _current()
    return _message(catalog.gettext(message), code)


def translate(message: str, code: str) -> str:
    """``message`` in language ``code``, whichever language is switched on: for what is drawn in a given
    language (a debrief's charts) while the same drawing elsewhere stays English (a batch's chart files)."""
    return _message(translations(code).gettext(message), language(code).code)


def N_(message: str) -> str:  # noqa: N802  (the name gettext tools know)
    """Mark ``message`` for the catalog without translating it: for text written where no language is
    switched on yet (module constants, tables of names); translate it with ``_`` where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` under the current language's plural rule.

    Russian has three forms (1 ход, 2 хода, 5 ходов), Kazakh and Uzbek two; the rule is the
    catalog's ``Plural-Forms`` header, which Babel writes from the language's CLDR data.
    """
    code, catalog = _current()
    return _message(catalog.ngettext(singular, plural, count), code)
