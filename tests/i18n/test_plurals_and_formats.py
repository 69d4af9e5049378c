"""Plural forms, numbers, shares and quarters as each shipped language writes them."""

from __future__ import annotations

import datetime

import pytest

from game.i18n import (
    LANGUAGE_CODES,
    UnknownLanguageError,
    _,
    current_language,
    format_day,
    format_number,
    format_quarter,
    format_share,
    ngettext,
    quarter_text,
    set_language,
)
from game.i18n.phrases import action_points, language_label, quarters_left, turn_count


def spaced(text: str) -> str:
    """The text with no-break and narrow no-break spaces written as plain spaces."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 ход"), (2, "2 хода"), (4, "4 хода"), (5, "5 ходов"), (11, "11 ходов"), (12, "12 ходов"),
     (21, "21 ход"), (22, "22 хода"), (25, "25 ходов"), (101, "101 ход"), (112, "112 ходов")],
)
def test_russian_has_three_plural_forms(count: int, expected: str) -> None:
    set_language("ru")
    assert turn_count(count) == expected


def test_russian_counted_phrases_agree_with_the_count() -> None:
    set_language("ru")
    assert [quarters_left(n) for n in (1, 3, 7)] == ["остался 1 квартал", "осталось 3 квартала", "осталось 7 кварталов"]
    assert [action_points(n) for n in (1, 2, 5)] == ["1 очко действий", "2 очка действий", "5 очков действий"]


@pytest.mark.parametrize(
    ("code", "one", "two", "five"),
    [("kk", "1 жүріс", "2 жүріс", "5 жүріс"), ("uz", "1 yurish", "2 yurish", "5 yurish"),
     ("en", "1 turn", "2 turns", "5 turns")],
)
def test_kazakh_and_uzbek_keep_the_noun_singular_after_a_number(code: str, one: str, two: str, five: str) -> None:
    set_language(code)
    assert [turn_count(1), turn_count(2), turn_count(5)] == [one, two, five]


def test_large_counts_are_grouped_the_languages_way() -> None:
    set_language("ru")
    assert spaced(turn_count(1001)) == "1 001 ход"
    set_language("en")
    assert turn_count(1001) == "1,001 turns"


def test_switching_language_switches_the_words_and_back() -> None:
    set_language("kk")
    assert (current_language(), language_label()) == ("kk", "Тіл")
    set_language("uz")
    assert language_label() == "Til"
    set_language("en")
    assert (current_language(), language_label(), _("not in any catalog")) == ("en", "Language", "not in any catalog")


def test_a_message_without_translation_is_shown_as_written() -> None:
    set_language("ru")
    assert _("A sentence nobody translated") == "A sentence nobody translated"
    assert ngettext("{count} apple", "{count} apples", 5) == "{count} apples"


def test_an_unshipped_language_is_refused_by_name() -> None:
    with pytest.raises(UnknownLanguageError, match=r"no language 'fr'; the game speaks en \(English\), ru \(Русский\)"):
        set_language("fr")
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("code", "number", "share", "share_0"),
    [("en", "1,234,567.89", "25.5%", "25%"), ("ru", "1 234 567,89", "25,5 %", "25 %"),
     ("kk", "1 234 567,89", "25,5%", "25%"), ("uz", "1 234 567,89", "25,5%", "25%")],
)
def test_numbers_and_shares_per_language(code: str, number: str, share: str, share_0: str) -> None:
    assert spaced(format_number(1234567.891, 2, code)) == number
    assert spaced(format_share(0.255, 1, code)) == share
    assert spaced(format_share(0.25, 0, code)) == share_0
    assert format_number(-5, 0, code) == "-5"


def test_formats_follow_the_current_language_when_none_is_named() -> None:
    set_language("ru")
    assert spaced(format_number(0.5, 1)) == "0,5"
    set_language("en")
    assert format_number(0.5, 1) == "0.5"


@pytest.mark.parametrize(
    ("code", "word"), [("en", "quarter"), ("ru", "квартал"), ("kk", "тоқсан"), ("uz", "chorak")]
)
def test_quarters_name_the_year_and_the_quarter_in_the_language(code: str, word: str) -> None:
    long = format_quarter("2024Q3", code, long=True)
    assert "2024" in long and word in long and "2023" not in long
    assert format_quarter("2024Q3", code) != format_quarter("2024Q2", code)


def test_quarter_and_day_in_english_and_russian() -> None:
    assert format_quarter("2023Q1", "en") == "Q1 2023"
    assert spaced(format_quarter("2023Q4", "ru", long=True)) == "4-й квартал 2023 г."
    # Short: a Roman numeral, which reads right after any preposition ("после IV кв.", not "после 4-й кв.").
    assert spaced(format_quarter("2023Q4", "ru")) == "IV кв. 2023"
    assert format_quarter("0000Q1", "ru") == "0000Q1"  # no calendar year: the code, never an error
    assert spaced(format_day(datetime.date(2023, 2, 28), "ru")) == "28 февраля 2023 г."
    with pytest.raises(ValueError, match="'2023Q5' is not a quarter"):
        format_quarter("2023Q5", "en")


def test_kazakh_and_uzbek_quarters_read_as_their_teachers_write_them() -> None:
    assert spaced(format_quarter("2023Q1", "kk")) == "2023 ж. I тоқсан"
    assert spaced(format_quarter("2023Q4", "kk", long=True)) == "2023 жылғы IV тоқсан"
    assert format_quarter("2023Q1", "uz") == "2023-y. 1-chorak"
    assert format_quarter("2023Q4", "uz", long=True) == "2023-yil 4-chorak"
    set_language("uz")  # a case suffix joins the quarter as it joins a word: "1-chorakdan keyin"
    assert _("after {quarter}").format(quarter=quarter_text("2023Q1")) == "2023-y. 1-chorakdan keyin"
    set_language("en")


def test_every_shipped_language_formats_without_error() -> None:
    for code in LANGUAGE_CODES:
        set_language(code)
        assert format_number(3, 0) == "3"
        assert "2030" in format_quarter("2030Q1")
