"""A scenario or save that cannot be read is explained in the player's language, still naming file, line and
field as in English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from game.i18n import SOURCE_LANGUAGE, set_language
from game.io.save import read_save
from game.scenario import yamlfile
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


# A file broken in each way PyYAML knows (grouped by the advice that fixes it), and the line the player must look at.
BROKEN_YAML = {
    "unclosed brace": ("a: {b: 1, c: 2\nd: 3\n", 1),
    "colon in a value": ("a: b: c\n", 1),
    "key out of line": ("a:\n  b: 1\n c: 2\n", 3),
    "list item in a mapping": ("a: 1\n- b\n", 2),
    "mapping key in a list": ("- a\nb: c\n", 2),
    "key without colon": ("a: 1\nb\nc: 2\n", 3),
    "tab indentation": ("a:\n\tb: 1\n", 2),
    "at sign": ("a: @b\n", 1),
    "unclosed quote": ("a: 1\nb: \"c\n", 2),
    "second document": ("a: 1\n---\nb: 2\n", 2),
    "text after the end": ("a: 1\n...\nb\n", 3),
    "python tag": ("a: !!python/object/apply:os.system ['x']\n", 1),
    "undefined tag handle": ("a: !x!y 1\n", 1),
    "yaml directive": ("%YAML 2.0\n---\na: 1\n", 1),
    "duplicate tag directive": ("%TAG !e! tag:e.com,2000:\n%TAG !e! tag:e.com,2000:\n---\na: 1\n", 2),
    "bad escape": ("a: 1\nb: \"c\\qd\"\n", 2),
    "short hex escape": ("a: \"\\x4\"\n", 1),
    "block scalar indicator": ("a: |x\n  b\n", 1),
    "zero indentation indicator": ("a: |0\n  b\n", 1),
    "anchor without name": ("a: & b\n", 1),
    "list as a key": ("? [a]\n: 1\n", 1),
    "closing bracket alone": ("a: ]\n", 1),
    "control character": ("a: 1\nb: c\x07d\n", 2),
}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def said_in_our_words(message: str) -> bool:
    """Whether a message speaks Russian in its own words: Cyrillic, and no Latin word outside quoted examples
    ('---', '!') and the name YAML (a library's sentence would be English)."""
    ours = re.sub(r"'[^']*'", "", message).replace("YAML", "")
    return bool(re.search("[а-яА-Я]", ours)) and LATIN_WORD.search(ours) is None


@pytest.mark.parametrize("reader", ["libyaml", "pure"])
@pytest.mark.parametrize("kind", BROKEN_YAML)
def test_every_kind_of_broken_yaml_is_explained_in_russian_at_its_line(
    tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch, kind: str, reader: str
) -> None:
    """Each way of breaking a YAML file is named in Russian with its file and line, in our words (never the library's
    English sentence, nor the general sentence kept for a complaint we do not know), whichever YAML reader parses."""
    if reader == "pure":
        monkeypatch.setattr(yamlfile, "SAFE_LOADER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    text, line = BROKEN_YAML[kind]
    path = tmp_path / "broken.yaml"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(InputFileError) as refused:
        yamlfile.read_yaml(path)
    (problem,) = refused.value.problems
    assert (problem.file, problem.line) == (str(path), line)
    assert said_in_our_words(problem.message), problem.message
    general = yamlfile.yaml_problem_words("no such complaint").split("(")[0]
    assert general not in problem.message


def test_a_complaint_we_do_not_know_is_a_russian_sentence_with_the_library_words_after_it(russian: None) -> None:
    said = yamlfile.yaml_problem_words("a complaint of a future PyYAML")
    assert said_in_our_words(said.replace("a complaint of a future PyYAML", ""))
    assert said.index("a complaint of a future PyYAML") > said.index("YAML")  # the library's words come last


def test_validate_names_broken_yaml_in_russian_and_exits_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: y\nnotes: \"a\\qb\"\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "game", "--lang", "ru", "validate", str(path)],
                            capture_output=True, text=True, check=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said
    line = next(row for row in said.splitlines() if f"{path}:3:" in row)
    assert said_in_our_words(line.split(f"{path}:3:", 1)[1])
