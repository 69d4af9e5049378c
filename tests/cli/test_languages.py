"""The command line speaks the player's language: ``--lang``, ``MULTIVECTOR_LANG``, and every message, help
text and table heading of the commands through the catalogs, with the language's numbers."""

from __future__ import annotations

import argparse
import gettext
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game.cli.common import action_titles
from game.cli.main import COMMANDS, build_parser, main
from game.i18n import LANGUAGE_CODES, LANGUAGE_VARIABLE, SOURCE_LANGUAGE, set_language
from game.i18n import catalog as catalogs
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_texts
from tests.conftest import DATA, REPO

TRANSLATED = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]
CHECKED_COMMANDS = list(COMMANDS)


def multivector(*arguments: str, language: str | None = None) -> subprocess.CompletedProcess[str]:
    """``multivector ARGUMENTS`` in a fresh process; ``language`` is put in MULTIVECTOR_LANG (else none is set)."""
    environ = {key: value for key, value in os.environ.items() if key not in (LANGUAGE_VARIABLE, "LANGUAGE")}
    environ.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "200"})
    if language is not None:
        environ[LANGUAGE_VARIABLE] = language
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, cwd=REPO, env=environ
    )


def translated(code: str, message: str) -> str:
    """The catalog's translation of ``message`` in language ``code``."""
    return catalogs.translations(code).gettext(message)


def before_placeholder(text: str) -> str:
    """The words of a message before its first ``{placeholder}``."""
    return text.split("{", 1)[0]


class RecordingTranslations(gettext.NullTranslations):
    """A language's catalog that remembers every message the program asked it for."""

    def __init__(self, inner: gettext.NullTranslations, asked: set[str]) -> None:
        super().__init__()
        self.inner, self.asked = inner, asked

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return self.inner.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.asked.add(msgid1)
        return self.inner.ngettext(msgid1, msgid2, n)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The messages the commands run in the test asked the catalogs for."""
    messages: set[str] = set()
    real = catalogs.translations
    monkeypatch.setattr(catalogs, "translations", lambda code: RecordingTranslations(real(code), messages))
    yield messages


def translated_ids(code: str) -> set[str]:
    """The (singular) ids the shipped catalog of ``code`` translates."""
    with catalogs.catalog_path(code).open("rb") as source:
        found = read_po(source, locale=code)
    return {
        message.id[0] if message.pluralizable else message.id
        for message in found
        if message.id and all(message.string if message.pluralizable else (message.string,))
    }


def run_main(*arguments: str) -> int:
    """``main`` on ``arguments``, a refusal's ``SystemExit`` taken as its exit code."""
    try:
        return main(list(arguments))
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_message_the_commands_show_falls_back_to_english(
    code: str, asked: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Help, results, tables and refusals of the commands: every message asked for is in the language's catalog."""
    lang = ("--lang", code)
    run_main(*lang, "--help")
    for name in CHECKED_COMMANDS:
        run_main(*lang, name, "--help")
    assert run_main(*lang, "validate", "sandbox", "no_such_scenario") == 2
    assert run_main(*lang, "run", str(DATA / "tiny.yaml"), "--seed", "1", "--out", str(tmp_path / "run")) == 0
    assert run_main(*lang, "why", str(tmp_path / "run"), "--country", "KZ", "--power", "RU",
                    "--quarter", "2023Q2") == 0
    assert run_main(*lang, "why", str(tmp_path / "run"), "--country", "KZ", "--power", "RU",
                    "--quarter", "2031Q1") == 2
    assert run_main(*lang, "actions", "tutorial", "--role", "KZ") == 0
    assert run_main(*lang, "batch", str(DATA / "tiny.yaml"), "--runs", "6", "--seed", "1", "--turns", "2",
                    "--workers", "1", "--out", str(tmp_path / "batch")) == 0
    assert run_main(*lang, "run", "sandbox", "--sed", "1") == 2  # a misspelled option
    assert run_main(*lang, "batch", "sandbox", "--runs", "0", "--seed", "1", "--out", str(tmp_path / "b")) == 2
    assert run_main(*lang, "batch", "sandbox", "--seed", "1") == 2  # a required option missing
    capsys.readouterr()
    assert len(asked) > 100, "the commands asked the catalog for almost nothing: are they still marked?"
    assert sorted(asked - translated_ids(code)) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_help_text_of_every_command_is_in_the_language(code: str) -> None:
    """Each command's summary, description, examples' heading and options' help differ from the English ones."""

    def help_texts(language: str) -> dict[str, str]:
        set_language(language)
        texts: dict[str, str] = {}
        parser = build_parser(CHECKED_COMMANDS)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    texts[f"{choice.dest} (summary)"] = str(choice.help)
                for name, command in action.choices.items():
                    if name not in CHECKED_COMMANDS:
                        continue
                    texts[f"{name} (examples)"] = str(command.epilog).split(":", 1)[0]
                    texts[f"{name} (description)"] = str(command.description)
                    for option in command._actions:
                        if option.help is not None:
                            texts[f"{name} {option.dest}"] = option.help
            elif action.help is not None:
                texts[action.dest] = action.help
        return texts

    english, spoken = help_texts(SOURCE_LANGUAGE), help_texts(code)
    assert set(spoken) == set(english)
    same = sorted(key for key in english if spoken[key] == english[key] and key != "class (summary)")
    assert same == []


@pytest.mark.parametrize("flag", [["--lang", "xx"], ["--lang=xx"]], ids=["separate", "joined"])
def test_an_unknown_language_is_refused_naming_the_flag(flag: list[str]) -> None:
    refused = multivector(*flag, "validate", "sandbox")
    assert refused.returncode == 2
    assert "--lang" in refused.stderr and "xx" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stdout == ""  # nothing was validated


def test_lang_after_the_command_is_refused_saying_where_it_goes() -> None:
    refused = multivector("validate", "--lang", "ru", "sandbox")
    assert refused.returncode == 2
    assert "multivector --lang CODE validate" in refused.stderr
    assert refused.stdout == ""


def test_lang_ru_validate_speaks_russian() -> None:
    done = multivector("--lang", "ru", "validate", "sandbox")
    assert done.returncode == 0, done.stderr
    russian = before_placeholder(translated("ru", "ok    {path}"))
    assert russian != before_placeholder("ok    {path}")
    assert done.stdout.startswith(russian)


def test_the_language_variable_is_honoured_and_lang_overrides_it() -> None:
    kazakh = before_placeholder(translated("kk", "ok    {path}"))
    assert multivector("validate", "sandbox", language="kk").stdout.startswith(kazakh)
    assert multivector("--lang", "en", "validate", "sandbox", language="kk").stdout.startswith("ok ")
    assert multivector("--lang", "uz", "validate", "sandbox", language="kk").stdout.startswith(
        before_placeholder(translated("uz", "ok    {path}"))
    )
    # A variable naming a language the game does not ship is passed over: English, and no refusal.
    unknown = multivector("validate", "sandbox", language="xx")
    assert unknown.returncode == 0 and unknown.stdout.startswith("ok ")


def test_lang_kk_run_prints_its_table_and_files_in_kazakh(tmp_path: Path) -> None:
    done = multivector("--lang", "kk", "run", str(DATA / "tiny.yaml"), "--seed", "2", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    for heading in ("role", "score", "target", "result"):
        assert translated("kk", heading) in done.stdout
    assert before_placeholder(translated("kk", "wrote {files}")) in done.stdout
    assert "wrote " not in done.stdout
    assert "Қазақстан" in done.stdout  # the role's name as Kazakh writes it


def test_a_batch_in_russian_writes_figures_with_a_decimal_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "ru", "batch", str(DATA / "tiny.yaml"), "--runs", "8", "--seed", "3", "--turns", "2",
                 "--workers", "1", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    cells = re.findall(r"(\d+,\d) \[(\d+,\d)–(\d+,\d)\]", printed)
    assert len(cells) == 5 * 4  # five countries: dependence on three powers and autonomy
    assert not re.search(r"\d+\.\d \[", printed)  # no figure in the English way
    # The files are data, not prose: the same bytes in every language.
    english = tmp_path.parent / "english"
    assert main(["--lang", "en", "batch", str(DATA / "tiny.yaml"), "--runs", "8", "--seed", "3", "--turns", "2",
                 "--workers", "1", "--out", str(english)]) == 0
    assert (tmp_path / "distributions.csv").read_bytes() == (english / "distributions.csv").read_bytes()


def test_actions_in_uzbek_names_the_scenario_and_its_actions_as_their_translations_do() -> None:
    loaded = load_scenario(resolve_scenario("tutorial"))
    texts = scenario_texts(loaded.scenario, loaded.path, "uz")
    assert texts.translated  # the tutorial ships an Uzbek translation
    set_language("uz")
    actions = action_titles(loaded)
    shown = multivector("--lang", "uz", "actions", "tutorial", "--role", "KZ")
    assert shown.returncode == 0, shown.stderr
    assert texts.title in shown.stdout
    for action in loaded.catalogue.actions:
        if action.id not in loaded.scenario.disabled_actions and "KZ" in action.actors:
            title, description = actions[action.id]
            assert f"| {title} | {description} |" in shown.stdout
            assert title != action.title


def test_an_option_the_command_lacks_is_named_even_after_lang_before_the_command(tmp_path: Path) -> None:
    result = multivector("--lang", "ru", "class", "status", str(tmp_path), "--foo")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--foo" in result.stderr and "--lang CODE" not in result.stderr


def test_file_problems_are_in_the_language_with_file_and_line(tmp_path: Path) -> None:
    """A YAML slip, a tab and a missing file, as a teacher makes them: Russian words, the file and line named."""
    unclosed, tabbed = tmp_path / "unclosed.yaml", tmp_path / "tabbed.yaml"
    unclosed.write_text("team: KZ\norders: [{action: host_summit\n", encoding="utf-8")
    tabbed.write_text("team: KZ\n\torders: []\n", encoding="utf-8")
    result = multivector("--lang", "ru", "validate", str(unclosed), str(tabbed), str(tmp_path / "absent.yaml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    said = result.stdout + result.stderr
    assert f"{unclosed}:2:" in said or f"{unclosed}:3:" in said
    assert f"{tabbed}:2:" in said and f"{tmp_path / 'absent.yaml'}:" in said
    english = re.findall(r"\b[a-z]{3,} [a-z]{3,}\b", re.sub(r"\S*/\S*", "", said))
    assert english == [], english
