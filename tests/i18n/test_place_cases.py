"""Countries and powers declined in sentences: every case a translation asks for exists for every role."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from game.engine.codes import ROLES
from game.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, _, language_scope, place_name
from game.i18n import catalog as catalogs
from game.i18n.places import CASES, forms_of

TRANSLATED = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]
CASE_SPEC = re.compile(r"\{(\w+):([a-z]+)\}")


def asked_cases(code: str) -> set[tuple[str, str]]:
    """Every (msgid, case) where language ``code``'s catalog asks for a case of a placeholder."""
    with catalogs.catalog_path(code).open("rb") as source:
        found = read_po(source, locale=code)
    asked = set()
    for message in found:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            asked |= {(str(message.id), case) for _name, case in CASE_SPEC.findall(string or "")}
    return asked


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_case_a_catalog_asks_for_has_a_form_for_every_role(code: str) -> None:
    for message_id, case in asked_cases(code):
        assert case in CASES.get(code, ()), f"{code}: {message_id!r} asks for {case!r}, not a case of {code}"
        for role in ROLES:
            assert forms_of(role, code).get(case), f"{code}: no {case} form of {role} ({message_id!r})"


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_table_has_every_case_of_the_language_for_every_role(code: str) -> None:
    for role in ROLES:
        forms = forms_of(role, code)
        assert set(forms) == set(CASES[code]) and all(forms.values()), role


def test_russian_sentences_decline_the_names_a_teacher_reads() -> None:
    with language_scope("ru"):
        rose = _("{country}'s dependence on {power} rose {points} points").format(
            country=place_name("TM"), power=place_name("RU"), points="0,4")
        assert rose == "зависимость Туркменистана от России выросла на 0,4 п."
        moved = _("{country}'s dependence on {power} {before} to {after} ({change})").format(
            country=place_name("TJ"), power=place_name("RU"), before="59,1", after="58,7", change="−0,4")
        assert moved.startswith("Зависимость Таджикистана от России: 59,1 → 58,7")
        opinion = _("Opinion of {power} in {country}").format(power=place_name("CN"), country=place_name("KZ"))
        assert opinion == "Отношение к Китаю в Казахстане"
    with language_scope("kk"):
        said = _("{country}'s dependence on {power} rose {points} points").format(
            country=place_name("KZ"), power=place_name("WEST"), points="1")
        assert said.startswith("Қазақстанның Батысқа")


def test_a_name_without_forms_is_written_as_it_is_never_an_error() -> None:
    with language_scope("ru"):
        assert _("Score of {role}").format(role="Команда 7Б") == "Счёт Команда 7Б"
        assert _("Score of {role}").format(role=place_name("WEST")) == "Счёт Запада"


def test_translated_texts_still_serialise_as_plain_text() -> None:
    import pickle

    import yaml

    with language_scope("ru"):
        assert yaml.safe_dump({"label": _("Language")}, allow_unicode=True).strip() == "label: Язык"  # a plain str
        sentence = _("Score of {role}")
        assert pickle.loads(pickle.dumps(sentence)).format(role=place_name("RU")) == "Счёт России"
