"""Which language a player gets: explicit choice, then MULTIVECTOR_LANG, then the system, then English."""

from __future__ import annotations

import pytest

from game.i18n import LANGUAGES, UnknownLanguageError, place_name, resolve_language
from game.i18n.languages import shipped_language, system_language
from game.i18n.places import place_ids


def test_shipped_languages_are_listed_by_their_own_names() -> None:
    assert [(language.code, language.own_name) for language in LANGUAGES] == [
        ("en", "English"), ("ru", "Русский"), ("kk", "Қазақша"), ("uz", "Oʻzbekcha"),
    ]


def test_an_explicit_choice_wins_over_the_variable_and_the_system() -> None:
    environ = {"MULTIVECTOR_LANG": "kk", "LANG": "ru_RU.UTF-8"}
    assert resolve_language("uz", environ) == "uz"


def test_the_variable_wins_over_the_system() -> None:
    assert resolve_language(None, {"MULTIVECTOR_LANG": "kk", "LANG": "ru_RU.UTF-8"}) == "kk"


def test_the_system_locale_wins_over_english() -> None:
    assert resolve_language(None, {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert resolve_language(None, {"LC_ALL": "kk_KZ.UTF-8", "LANG": "ru_RU.UTF-8"}) == "kk"


def test_english_when_nothing_names_a_shipped_language() -> None:
    assert resolve_language(None, {}) == "en"
    assert resolve_language(None, {"LANG": "C.UTF-8"}) == "en"
    assert resolve_language(None, {"LANG": "fr_FR.UTF-8"}) == "en"


def test_a_variable_naming_an_unshipped_language_is_passed_over() -> None:
    assert resolve_language(None, {"MULTIVECTOR_LANG": "fr", "LANG": "uz_UZ.UTF-8"}) == "uz"


def test_an_explicit_unshipped_language_is_an_error_naming_the_shipped_ones() -> None:
    with pytest.raises(UnknownLanguageError, match=r"no language 'de'.*kk \(Қазақша\), uz \(Oʻzbekcha\)"):
        resolve_language("de", {"MULTIVECTOR_LANG": "ru"})


def test_the_first_system_variable_set_decides_and_language_lists_are_read_in_order() -> None:
    assert system_language({"LANGUAGE": "fr:kk:ru", "LANG": "ru_RU.UTF-8"}) == "kk"
    assert system_language({"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}) is None
    assert system_language({"LC_MESSAGES": "uz_UZ@latin"}) == "uz"


@pytest.mark.parametrize(
    ("tag", "code"),
    [("ru", "ru"), ("ru_KZ.UTF-8", "ru"), ("kk-KZ", "kk"), ("KK_kz", "kk"), ("uz_Latn_UZ", "uz"),
     ("uz_UZ@cyrillic", None), ("uz-Cyrl", None), ("en_GB", "en"), ("POSIX", None), ("", None)],
)
def test_locale_tags_name_a_shipped_language_or_none(tag: str, code: str | None) -> None:
    assert shipped_language(tag) == code


@pytest.mark.parametrize(
    ("place", "en", "ru", "kk", "uz"),
    [("astana", "Astana", "Астана", "Астана", "Ostona"),
     ("tashkent", "Tashkent", "Ташкент", "Ташкент", "Toshkent"),
     ("aktau", "Aktau", "Актау", "Ақтау", "Oqtov"),
     ("moscow", "Moscow", "Москва", "Мәскеу", "Moskva"),
     ("KZ", "Kazakhstan", "Казахстан", "Қазақстан", "Qozogʻiston"),
     ("UZ", "Uzbekistan", "Узбекистан", "Өзбекстан", "Oʻzbekiston")],
)
def test_places_are_spelled_as_each_language_writes_them(place: str, en: str, ru: str, kk: str, uz: str) -> None:
    assert [place_name(place, code) for code in ("en", "ru", "kk", "uz")] == [en, ru, kk, uz]


def test_every_place_has_a_name_in_every_language_in_its_script() -> None:
    for place in place_ids():
        names = {code: place_name(place, code) for code in ("en", "ru", "kk", "uz")}
        assert all(names.values()), place
        # Russian and Kazakh are written in Cyrillic, Uzbek and English in Latin letters.
        assert not any("a" <= letter.lower() <= "z" for letter in names["ru"] + names["kk"]), names
        assert not any("а" <= letter.lower() <= "я" for letter in names["uz"] + names["en"]), names
