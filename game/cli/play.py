"""The ``play`` command: opens the map game window."""

from __future__ import annotations

import argparse
import os
import sys

from game.cli.common import (
    CommandError,
    add_turns_option,
    examples_text,
    load_world,
    plain_text,
    prepare_engine,
    seed_int,
)
from game.engine.codes import ROLES
from game.i18n import N_, _

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector play [SCENARIO] [--role R ...]``: the map game (pygame)."""
)
EXAMPLE = ("multivector play tutorial --role KZ",)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "play", help=_("open the map game"), description=plain_text(_(DESCRIPTION)), epilog=examples_text(EXAMPLE)
    )
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO", help=_("scenario file or id"))
    parser.add_argument("--role", action="append", default=[], metavar="ROLE", help=_("role(s) to play"))
    parser.add_argument("--seed", type=seed_int, default=1, help=_("random seed"))
    add_turns_option(parser, _("play only this many quarters"))
    parser.set_defaults(handler=run, needs_engine=False)  # prepared once the screen is known


def run(arguments: argparse.Namespace) -> int:
    """Open the game window (after checking there is a screen, and the scenario and roles asked for)."""
    if not has_screen():
        raise CommandError([_(
            "no screen to open the map game on (DISPLAY is not set); the headless commands need none: try {command}"
        ).format(command="multivector run sandbox --seed 1 --out out/first")])
    if arguments.scenario is not None:
        load_world(arguments.scenario, [], arguments.turns)  # a wrong name or file is said here, not in the window
    try:
        from game.ui.app import run_app
    except ImportError as error:
        raise CommandError([_("the map game is not available: {error}").format(error=error)]) from None
    roles = [role.upper() for role in arguments.role]
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise CommandError([_("unknown role {roles}: choose from {choices}").format(
            roles=", ".join(unknown), choices=" ".join(ROLES))])
    prepare_engine()
    # --lang (the program's option) wins, for this launch, over the language chosen on the start screen before.
    language = getattr(arguments, "lang", None)
    return run_app(arguments.scenario, roles, arguments.seed, turns=arguments.turns, language=language)


def has_screen() -> bool:
    """Whether SDL can open a window: on Linux and BSD, an X or Wayland display (or a driver chosen by hand)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))
