"""One problem, one line: a bad flag is refused with a single line on stderr and exit 2.

argparse prints its usage block above each error, so every mistyped flag used to print two
or more lines for one problem. The sweep gives every command and subcommand an unknown flag,
no arguments, and each of its options a value it must refuse.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

import pytest

from game.cli.main import build_parser, main


def _commands(parser: argparse.ArgumentParser, path: list[str]) -> Iterator[tuple[list[str], argparse.ArgumentParser]]:
    """Every command and subcommand the parser knows, as (words, its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield [*path, name], sub
                yield from _commands(sub, [*path, name])


def _bad_invocations() -> list[tuple[list[str], str | None]]:
    """(arguments, the flag the message must name or None) for every way to misuse a flag."""
    cases: list[tuple[list[str], str | None]] = [(["--no-such-flag"], "--no-such-flag"), (["nosuch"], "nosuch")]
    for words, parser in _commands(build_parser(), []):
        requires = any(action.required for action in parser._actions)
        # named even when a required argument is missing too (argparse would name only the missing one)
        cases.append(([*words, "--no-such-flag"], "--no-such-flag"))
        if requires:
            cases.append((words, None))
        for action in parser._actions:
            flag = action.option_strings[-1] if action.option_strings else None
            if flag is None or action.nargs == 0 or flag in ("--help", "--version"):
                continue
            if action.choices is not None:
                cases.append(([*words, flag, "nonsense"], flag))
            cases += [([*words, flag, value], flag) for value in _refused_values(action)]
    return cases


def _refused_values(action: argparse.Action) -> list[str]:
    """The values among a few bad ones that the option's own type refuses."""
    if not callable(action.type):
        return []
    refused = []
    for value in ("x", "-5", "99999999999999999999999", "1e999"):
        try:
            action.type(value)
        except (argparse.ArgumentTypeError, ValueError, TypeError):
            refused.append(value)
    return refused


BAD = _bad_invocations()


def test_the_sweep_covers_every_command() -> None:
    covered = {" ".join(arguments[:2]) for arguments, _ in BAD}
    for command in ("validate", "run", "why", "batch", "compare", "tournament", "hindcast", "report", "play"):
        assert any(name.startswith(command) for name in covered), command
    for sub in ("new", "template", "turn", "status", "repair", "undo", "inject", "deadline-policy"):
        assert f"class {sub}" in covered, sub
    assert len(BAD) > 60


@pytest.mark.parametrize(("arguments", "flag"), BAD, ids=[" ".join(case[0]) for case in BAD])
def test_a_bad_flag_is_one_line_and_exit_2(
    arguments: list[str], flag: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert stopped.value.code == 2
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: multivector")
    assert lines[0].endswith("--help)")
    if flag is not None:
        assert flag in lines[0]
    assert captured.out == ""


def test_a_class_turn_without_a_folder_asks_only_for_the_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["class", "turn"])
    err = capsys.readouterr().err
    assert "GAME_DIR" in err and "ORDERS" not in err  # orders files are optional (--no-files)


def test_a_real_terminal_gets_one_line_too() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "batch", "sandbox", "--runs", "0", "--seed", "1", "--out", "x"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: multivector batch: argument --runs: 0 must be between 1 and 1,000,000 (see multivector batch --help)"
    ]


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["class", "template", "game", "--taem", "KZ"],
         "error: multivector class template: unknown option --taem; did you mean --team? "
         "(see multivector class template --help)"),
        (["run", "sandbox", "--sed", "7"],
         "error: multivector run: unknown option --sed; did you mean --seed? (see multivector run --help)"),
        (["batch", "sandbox", "--run", "10", "--seed", "1"],  # never read as --runs
         "error: multivector batch: unknown option --run; did you mean --runs? (see multivector batch --help)"),
    ],
)
def test_a_misspelled_option_is_named_with_the_one_it_resembles(
    arguments: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines() == [line]
