"""``multivector why RUN_DIR --country KZ --power RU --quarter 2024Q1``: the causes of a change, largest first.

Reads the save.json of a run folder (or a save file), re-simulates it, and lists
what moved the chosen variable in that quarter. Without ``--channel`` it explains
the headline dependence score (0–100), the channels weighted as in the score.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text

from game.cli.common import EXIT_OK, CommandError, add_command, console, problems_error
from game.engine.codes import (
    CHANNELS,
    COUNTRIES,
    COUNTRY_NAMES,
    POWER_NAMES,
    POWERS,
    ROLE_NAMES,
    quarter_index,
    quarter_name,
)
from game.play.match import Match
from game.play.news import dependence_causes
from game.play.scenario import ScenarioChangedError
from game.scenario.compile import SettingError
from game.scenario.errors import InputFileError

EXAMPLE = "example: multivector why out/sandbox-7 --country KZ --power RU --quarter 2023Q3"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(commands, "why", "list the causes of a change, largest first", __doc__, EXAMPLE)
    parser.add_argument("source", metavar="RUN_DIR_OR_SAVE", type=Path, help="a run folder or a save file")
    parser.add_argument("--country", required=True, choices=COUNTRIES)
    parser.add_argument("--power", required=True, choices=POWERS)
    parser.add_argument("--channel", choices=CHANNELS, help="one channel (default: the headline score)")
    parser.add_argument("--quarter", required=True, help="the quarter, e.g. 2024Q1")
    parser.set_defaults(handler=run)


def who_gave(text: str, human_roles: Sequence[str]) -> str:
    """Mark an order's or a project's cause with who gave it.

    >>> who_gave("order by China: Hold a summit (Kyrgyzstan)", ["KZ"])
    'order by China (computer): Hold a summit (Kyrgyzstan)'
    >>> who_gave("project by Kazakhstan: Diversify routes away (Russia), ordered 2022Q1", ["KZ"])
    'project by Kazakhstan (player): Diversify routes away (Russia), ordered 2022Q1'
    """
    head, separator, rest = text.partition(": ")
    kind, _, name = head.partition(" by ")
    if kind not in ("order", "project") or not name or not separator:
        return text
    giver = "player" if name in {ROLE_NAMES[role] for role in human_roles} else "computer"
    return f"{head} ({giver}): {rest}"


def run(arguments: argparse.Namespace) -> int:
    """Print the causes."""
    path = arguments.source / "save.json" if arguments.source.is_dir() else arguments.source
    try:
        match = Match.load(path)
    except InputFileError as error:
        raise problems_error(error.problems) from None
    except SettingError as error:
        raise CommandError([str(error)]) from None
    except ScenarioChangedError as error:
        raise CommandError([f"{path}: the scenario {error.scenario} changed since this game was played"]) from None
    world, game = match.world, match.game
    try:
        turn = quarter_index(arguments.quarter) - world.start_quarter
    except ValueError as error:
        raise CommandError([f"--quarter: {error}"]) from None
    if not 0 <= turn < len(game.records):
        first = quarter_name(world.start_quarter)
        last = quarter_name(world.start_quarter + len(game.records) - 1)
        raise CommandError([f"--quarter {arguments.quarter}: the game covers {first} to {last}"])
    ranked = dependence_causes(world, game.records[turn], arguments.country, arguments.power, arguments.channel)
    what = f"{arguments.channel} share" if arguments.channel else "dependence"
    country, power = COUNTRY_NAMES[arguments.country], POWER_NAMES[arguments.power]
    table = Table(title=f"Why {country}'s {what} on {power} changed in {arguments.quarter} (points, 0–100)")
    table.add_column("cause")
    table.add_column("points", justify="right")
    for text, amount in ranked:
        if round(amount, 3) != 0.0:  # a cause too small to show a digit is noise in the table
            table.add_row(who_gave(text, match.human_roles), f"{amount:+.3f}")
    total = sum(amount for _, amount in ranked)
    table.add_row(Text("total change", style="bold"), Text(f"{total:+.3f}", style="bold"))
    console.print(table)
    return EXIT_OK
