"""The message catalogs: in step with the code, complete for every shipped language, compilable."""

from __future__ import annotations

import gettext
import io
import os
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from game.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, set_language
from game.i18n import catalog as catalogs
from game.i18n.phrases import turn_count

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]
PLURAL_FORMS = {"ru": 3, "kk": 2, "uz": 2}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message fills, less the case a translation asks for (``{power:dative}`` is ``{power}``)."""
    return {"{" + name.split(":")[0] + "}" for name in re.findall(r"\{([^{}]*)\}", text)}


def read(path: Path, code: str | None = None) -> Catalog:
    """A .po or .pot file, parsed."""
    with path.open("rb") as source:
        return read_po(source, locale=code)


def message_ids(found: Catalog) -> set[str]:
    """The singular msgid of every message but the header."""
    return {message.id[0] if isinstance(message.id, tuple) else message.id for message in found if message.id}


def strings_in_code() -> set[str]:
    """Every string the code marks for translation, extracted as `make i18n-extract` does."""
    with (REPO / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(str(REPO), method_map, options_map, keywords=DEFAULT_KEYWORDS)
    }


def test_the_template_holds_exactly_the_strings_the_code_marks() -> None:
    in_code = strings_in_code()
    assert in_code, "the code marks no string at all: the extraction is broken"
    template = message_ids(read(catalogs.TEMPLATE))
    assert sorted(in_code - template) == [], "marked in the code but not in the template: run make i18n-update"
    assert sorted(template - in_code) == [], "in the template but no longer in the code: run make i18n-update"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_translates_every_message_of_the_template(code: str) -> None:
    found = read(catalogs.catalog_path(code), code)
    assert message_ids(found) == message_ids(read(catalogs.TEMPLATE)), f"{code}: run make i18n-update"
    assert found.num_plurals == PLURAL_FORMS[code]
    for message in found:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy, f"{code}: {message.id!r} is marked fuzzy"
        assert len(strings) == (PLURAL_FORMS[code] if message.pluralizable else 1), message.id
        assert all(strings), f"{code}: {message.id!r} is not translated"
        wanted = placeholders(message.id[0] if message.pluralizable else message.id)
        for string in strings:
            assert placeholders(string) == wanted, f"{code}: {string!r} must keep {wanted}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_compiles_and_loads(code: str) -> None:
    compiled = catalogs.compile_catalog(catalogs.catalog_path(code))
    loaded = gettext.GNUTranslations(io.BytesIO(compiled))
    assert loaded.gettext("Language") != "Language"
    assert loaded.ngettext("{count} turn", "{count} turns", 1) != "{count} turn"


def _write_catalog(folder: Path, code: str, singular: str, plural_two: str) -> Path:
    po_path = folder / code / "LC_MESSAGES" / "multivector.po"
    po_path.parent.mkdir(parents=True)
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=utf-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
        'msgid "{count} turn"',
        'msgid_plural "{count} turns"',
        f'msgstr[0] "{singular}"',
        f'msgstr[1] "{plural_two}"',
    ]
    po_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return po_path


def test_a_compiled_catalog_older_than_its_po_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    catalogs.translations.cache_clear()
    try:
        po_path = _write_catalog(tmp_path, "kk", "{count} old", "{count} olds")
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(catalogs.compile_catalog(po_path))
        set_language("kk")
        assert turn_count(2) == "2 olds"  # the fresh .mo is read
        catalogs.translations.cache_clear()
        po_path.write_text(po_path.read_text(encoding="utf-8").replace("olds", "news"), encoding="utf-8")
        os.utime(mo_path, (1_000_000_000, 1_000_000_000))  # the .mo is now older than the edited .po
        set_language("kk")
        assert turn_count(2) == "2 news"
    finally:
        catalogs.translations.cache_clear()
