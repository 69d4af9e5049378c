"""The actions handout a teacher prints speaks the class's language: the pushes name their variables and channels
as the rest of the game does, figures take the language's decimal sign, and the English rules it points to are
said to be in English. The codes for orders files stay as they are (programs read them)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from game.engine.codes import CHANNELS
from tests.classroom.test_readable_outputs import without_code_column
from tests.cli.test_languages import multivector, translated
from tests.play.test_play_layer_languages import english_in

# The state's variables an action pushes, by the names the model (and an English handout) gives them.
PUSHED_VARIABLES = ("favour", "tension", "stability", "prosperity", *CHANNELS)
RULES = "docs/rules.md"


@cache
def handout(code: str, folder: Path) -> tuple[str, str]:
    """The handout of every role's actions in the sandbox in language ``code``, as written to a file and as
    printed to a pipe."""
    path = folder / f"actions-{code}.md"
    result = multivector("--lang", code, "actions", "sandbox", "--markdown", str(path))
    assert result.returncode == 0, result.stderr
    return path.read_text(encoding="utf-8"), result.stdout


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the module's handouts are written."""
    return tmp_path_factory.mktemp("handouts")


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_a_cyrillic_handout_has_no_english_word_and_writes_decimal_commas(code: str, folder: Path) -> None:
    text, _ = handout(code, folder)
    readable = without_code_column(text)  # the last column is the code typed in an orders file
    assert english_in(readable) == []
    # In a Cyrillic text any Latin word is English: a variable (``tension -12``) or a channel (``доля: trade``).
    assert re.findall(r"[A-Za-z]{3,}", readable.replace(RULES, "")) == []
    assert not re.search(r"\d\.\d", readable)  # ``×0.6`` in the inertia list was the English way
    assert re.search(r"×0,6\b.*×0,12\b", readable)  # each channel's inertia, with the decimal comma
    assert "+4,5" in readable  # a summit's favour, in points


@pytest.mark.parametrize("code", ["ru", "kk", "uz"])
def test_the_pushes_name_variables_and_channels_as_the_game_does(code: str, folder: Path) -> None:
    text, printed = handout(code, folder)
    pushes = [line.split(" | ")[6] for line in text.splitlines() if line.startswith("| ") and " --- " not in line]
    words = " ; ".join(pushes[1:])  # below the column's heading
    for variable in PUSHED_VARIABLES:
        name = translated(code, variable)
        assert name in words, variable  # every variable is pushed by some action of the sandbox
        if name != variable:  # Uzbek says "transport" too
            assert not re.search(rf"\b{variable}\b", words), variable
    assert printed.startswith(text.rstrip("\n"))  # the plain output (piped) is the same handout


@pytest.mark.parametrize("code", ["ru", "kk", "uz"])
def test_the_rules_it_points_to_are_said_to_be_english_and_the_codes_stay(code: str, folder: Path) -> None:
    text, _ = handout(code, folder)
    assert re.search(rf"{re.escape(RULES)} \(\w+", text)  # a word in brackets after the English document's name
    assert "| host_summit |" in text and "| migrant_crackdown |" in text  # orders files keep the actions' codes


def test_the_english_handout_keeps_the_model_names_and_decimal_points(folder: Path) -> None:
    text, _ = handout("en", folder)
    assert "| tension -12; favour +4.5; trade share +1.5 |" in text
    assert "trade share of the others -2; security share of the others -2.5; stability -0.75" in text
    assert "(trade ×0.6, energy ×0.2, security ×0.12, finance ×0.25, labour ×0.2, transport ×0.15)" in text
    assert text.rstrip().endswith("See docs/rules.md.")
