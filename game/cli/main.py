"""Entry point of the ``multivector`` command.

Each command's module is imported only when that command runs (see ``COMMANDS``): importing
them all pulled in numba, the engine's kernels and rich before ``--help`` could print a line
(0.75 s and more), while ``--help`` needs only each command's name and one-line summary.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Collection, Sequence
from types import ModuleType

from game import __version__
from game.cli.parser import OneLineParser

# name -> (module that registers and runs the command, summary listed by ``multivector --help``).
# The module is imported when its command is the one asked for; the summary must equal the help
# the module registers (tests/test_cli_startup.py checks it).
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("game.cli.validate", "check scenario files and report every problem with file:line: field"),
    "run": ("game.cli.run", "play one game headless and write CSV, JSON and a chart"),
    "why": ("game.cli.why", "list the causes of a change, largest first"),
    "actions": ("game.cli.actions", "list the actions each role can take (a handout)"),
    "batch": ("game.cli.batch", "play many games at once and write distributions and fan charts"),
    "compare": ("game.cli.compare", "compare two what-ifs with common random numbers and confidence intervals"),
    "sweep": ("game.cli.sweep", "play a batch at every point of a grid or sample of lever values"),
    "sensitivity": ("game.cli.sensitivity", "which lever matters most: Sobol or Morris indices (SALib)"),
    "class": ("game.cli.classgame", "run a class game from teams' orders files (new, template, turn, status, undo, …)"),
    "report": ("game.cli.report", "write a printable HTML debrief of a class game or a run"),
    "tournament": (
        "game.cli.tournament",
        "pit AI levels against each other role by role: win rates, paired wins, action shares, agency",
    ),
    "hindcast": ("game.cli.hindcast", "play 2022-2024 and compare the model with published figures"),
    "play": ("game.cli.play", "open the map game"),
}


def command_module(name: str) -> ModuleType:
    """The module of command ``name`` (imported now: this is where a command's dependencies load)."""
    return importlib.import_module(COMMANDS[name][0])


def build_parser(chosen: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: the commands in ``chosen`` (every command when None) registered by their
    modules with all their options, the others by name and summary only."""
    parser = OneLineParser(
        prog="multivector",
        description="Multivector: Central Asia between Russia, China and the West.",
        epilog="example: multivector run sandbox --seed 1 --out out/first",
    )
    parser.add_argument("--version", action="version", version=f"multivector {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        if chosen is None or name in chosen:
            command_module(name).add_parser(commands)
        else:
            commands.add_parser(name, help=summary)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command a command line asks for: its first word that is not an option (the program's own
    options, ``--help`` and ``--version``, take no value); None when there is none."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the command, and turn bad input into one message and exit 2."""
    argv = sys.argv[1:] if argv is None else list(argv)
    named = command_named(argv)
    parser = build_parser([named] if named in COMMANDS else [])
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        from game.cli.common import EXIT_BAD_INPUT  # rich, which common prints with, is not needed before

        parser.print_help()
        return EXIT_BAD_INPUT
    return run_command(arguments)


def run_command(arguments: argparse.Namespace) -> int:
    """Run a parsed command (its module is imported by now)."""
    # Here, not at the top, for --help and --version: common prints with rich (40 ms to import).
    from game.cli.common import CommandError, flush, prepare_engine, report_error

    try:
        if getattr(arguments, "needs_engine", True):
            prepare_engine()
        return int(arguments.handler(arguments))
    except CommandError as error:
        return report_error(error)
    except OSError as error:  # an unwritable --out, a full disk: say so, lose nothing
        where = f" {error.filename}" if error.filename else ""
        return report_error(CommandError([f"cannot write or read{where}: {error.strerror or error}"]))
    except KeyboardInterrupt:
        return 130
    finally:
        flush()


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
