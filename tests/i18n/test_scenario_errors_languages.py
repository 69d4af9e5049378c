"""A scenario or save that cannot be read is explained in the player's language, still naming file, line and
field as in English."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.i18n import SOURCE_LANGUAGE, set_language
from game.io.save import read_save
from game.scenario.errors import InputFileError
from game.scenario.library import SCENARIOS_DIR
from game.scenario.load import load_scenario


@pytest.fixture
def russian() -> Iterator[None]:
    """Russian for the test, English again after it."""
    set_language("ru")
    yield
    set_language(SOURCE_LANGUAGE)


def test_a_misspelt_field_and_a_missing_lever_are_named_in_russian(tmp_path: Path, russian: None) -> None:
    shutil.copy(SCENARIOS_DIR / "sandbox.yaml", tmp_path / "sandbox.yaml")
    path = tmp_path / "sandbox.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nturns:", "\nturnz:", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if row.startswith("turnz:"))
    with pytest.raises(InputFileError) as refused:
        load_scenario(path)
    said = [str(problem) for problem in refused.value.problems]
    assert f"{path}:{line}: turnz: неизвестное поле; может быть, «turns»?" in said


def test_a_damaged_save_is_named_in_russian(tmp_path: Path, russian: None) -> None:
    path = tmp_path / "game.json"
    path.write_text('{"format": "multivector-save", "version": 2', encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        read_save(path)
    (problem,) = refused.value.problems
    assert str(problem).startswith(f"{path}:1: неверный JSON (")
    assert str(problem).endswith("); возможно, файл обрезан")
