"""``multivector play [SCENARIO] [--role R ...]``: the map game (pygame)."""

from __future__ import annotations

import argparse

from game.cli.common import CommandError, add_turns_option, seed_int
from game.engine.codes import ROLES

EXAMPLE = "example: multivector play tutorial --role KZ"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("play", help="open the map game", description=__doc__, epilog=EXAMPLE)
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO", help="scenario file or id")
    parser.add_argument("--role", action="append", default=[], metavar="ROLE", help="role(s) to play")
    parser.add_argument("--seed", type=seed_int, default=1, help="random seed")
    add_turns_option(parser, "play only this many quarters")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    """Open the game window."""
    try:
        from game.ui.app import run_app
    except ImportError as error:
        raise CommandError([f"the map game is not available: {error}"]) from None
    roles = [role.upper() for role in arguments.role]
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise CommandError([f"unknown role {', '.join(unknown)}: choose from {' '.join(ROLES)}"])
    return run_app(arguments.scenario, roles, arguments.seed, turns=arguments.turns)
