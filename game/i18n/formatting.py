"""Numbers, dates and quarters written as the current language writes them (Babel's CLDR data).

Russian and Kazakh group thousands with a space and use a decimal comma (``1 234,5``), English a
comma and a point (``1,234.5``); quarters follow each language's own order and words
(``Q1 2023``, ``1-й квартал 2023 г.``). Every function takes an optional language code and
otherwise uses the one switched on with :func:`game.i18n.set_language`.
"""

from __future__ import annotations

import datetime
import math
import re

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent

from game.i18n.catalog import current_language
from game.i18n.languages import SOURCE_LANGUAGE, language
from game.i18n.places import name_in

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def _locale(code: str | None) -> str:
    return language(code or current_language()).babel_locale


def place_name(place_id: str, code: str | None = None, case: str | None = None) -> str:
    """The name of a place, country or power (``KZ``, ``tashkent``) in language ``code`` (default: the one in
    force), in grammatical ``case`` when given (:func:`game.i18n.places.name_in`)."""
    return name_in(place_id, code or current_language(), case)


def format_number(value: float, decimals: int = 0, code: str | None = None) -> str:
    """``value`` with exactly ``decimals`` digits after the decimal sign, grouped as the language does."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(code))


def format_signed(value: float, decimals: int = 0, code: str | None = None) -> str:
    """``value`` with its sign always written (``+1.250``, ``-0.400``; Russian ``+1 234,5``)."""
    return ("+" if value >= 0 else "-") + format_number(abs(value), decimals, code)


def format_change(value: float, decimals: int = 1, code: str | None = None) -> str:
    """A change as a reader sees it: the sign always written, a true minus sign (``+1.2``, ``−0.4``,
    Russian ``−1 234,5``), and a change that rounds to nothing written ``0.0``, never ``−0.0``.

    >>> format_change(-0.04, 1, "en"), format_change(1234.5, 1, "ru"), format_change(-0.4, 2, "en")
    ('0.0', '+1\xa0234,5', '−0.40')
    """
    rounded = round(value, decimals)
    if not rounded:
        return format_number(0, decimals, code)
    return ("+" if rounded > 0 else "−") + format_number(abs(rounded), decimals, code)


def format_target(target: float, code: str | None = None) -> str:
    """A victory target: two decimals (final scores spread by about half a point), a dash when the game has
    none (``51.38``, Russian ``51,38``)."""
    return format_number(target, 2, code) if math.isfinite(target) else "—"


def quarter_text(quarter: str) -> str:
    """A quarter (``2023Q1``) as screens, web pages, newspapers and debriefs write it: as such in English, where
    players have always read it so, the language's own words elsewhere (``I кв. 2023``)."""
    # CLDR puts a narrow no-break space before Kazakh "ж." (and Russian "г."); the game's fonts draw it 2 px wide.
    return quarter if current_language() == SOURCE_LANGUAGE else format_quarter(quarter).replace("\u202f", "\xa0")


def format_share(value: float, decimals: int = 0, code: str | None = None) -> str:
    """A share (0.25) as a percentage (``25%``, ``25 %`` in Russian) with ``decimals`` digits."""
    locale = Locale.parse(_locale(code))
    # The language's own pattern (where the sign goes, with or without a space), with fixed decimals.
    pattern = locale.percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return format_percent(value, format=pattern, locale=locale)


def format_day(day: datetime.date, code: str | None = None) -> str:
    """A calendar day in the language's long form (``28 February 2023``, ``28 февраля 2023 г.``)."""
    return babel_format_date(day, format="long", locale=_locale(code))


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Quarters as a teacher of the language writes them, where CLDR's pattern is not that, by (language, long form).
# Russian short: CLDR's "1-й кв." takes a case ending after a preposition ("после 1-го кв."), which a filled-in
# sentence cannot give it; a Roman numeral, as Russian documents write quarters, reads right in every case, and no
# "г." after the year (a sentence ending on the quarter would end in "г.."). Kazakh: CLDR's "2023 ж. І тқс." uses an
# abbreviation schools do not; "2023 ж. I тоқсан". Uzbek: CLDR's "2023, 1-ch" is not Uzbek prose; "2023-y. 1-chorak"
# (long "2023-yil 1-chorak"), which takes a case suffix as a word does: "1-chorakda", "1-chorakdan".
_OWN_QUARTERS = {
    ("ru", False): "{roman} кв. {year}",
    ("kk", False): "{year} ж. {roman} тоқсан",
    ("kk", True): "{year} жылғы {roman} тоқсан",
    ("uz", False): "{year}-y. {number}-chorak",
    ("uz", True): "{year}-yil {number}-chorak",
}


def format_quarter(quarter: str, code: str | None = None, long: bool = False) -> str:
    """A quarter written ``2023Q1`` in the files, as the language writes it: ``Q1 2023``, or with
    ``long`` ``1st quarter 2023`` (Russian ``I кв. 2023``, ``1-й квартал 2023 г.``).

    >>> format_quarter("2023Q1", "en")
    'Q1 2023'
    """
    found = _QUARTER.match(quarter)
    if found is None:
        raise ValueError(f"{quarter!r} is not a quarter written like 2023Q1")
    year, number = int(found.group(1)), int(found.group(2))
    if year < 1:  # no calendar date to write it from (a hand-made address): the code itself
        return quarter
    own = _OWN_QUARTERS.get((language(code or current_language()).code, long))
    if own is not None:
        return own.format(year=year, number=number, roman=_ROMAN[number])
    first_day = datetime.date(year, 3 * number - 2, 1)
    return format_skeleton("yQQQQ" if long else "yQQQ", first_day, locale=_locale(code))
