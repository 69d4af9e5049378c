"""Entry point of the ``multivector`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game import __version__
from game.cli import actions as actions_command
from game.cli import batch as batch_command
from game.cli import classgame as class_command
from game.cli import compare as compare_command
from game.cli import hindcast as hindcast_command
from game.cli import report as report_command
from game.cli import run as run_command
from game.cli import sensitivity as sensitivity_command
from game.cli import sweep as sweep_command
from game.cli import tournament as tournament_command
from game.cli import validate as validate_command
from game.cli import why as why_command
from game.cli.common import EXIT_BAD_INPUT, CommandError, OneLineParser, flush, prepare_engine, report_error


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = OneLineParser(
        prog="multivector",
        description="Multivector: Central Asia between Russia, China and the West.",
        epilog="example: multivector run sandbox --seed 1 --out out/first",
    )
    parser.add_argument("--version", action="version", version=f"multivector {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (
        validate_command,
        run_command,
        why_command,
        actions_command,
        batch_command,
        compare_command,
        sweep_command,
        sensitivity_command,
        class_command,
        report_command,
        tournament_command,
        hindcast_command,
    ):
        module.add_parser(commands)
    _add_optional_commands(commands)
    return parser


def _add_optional_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands whose modules may pull in heavier dependencies (the map needs pygame)."""
    from game.cli import play as play_command

    play_command.add_parser(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the command, and turn bad input into one message and exit 2."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
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
