"""The ``why`` command: the ledger's causes of one change, re-simulated from a save."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text

from game.cli.common import EXIT_OK, CommandError, add_command, console, problems_error
from game.engine.codes import CHANNELS, COUNTRIES, POWERS, ROLE_NAMES, quarter_index, quarter_name
from game.i18n import N_, _, format_signed, place_name
from game.play.match import Match
from game.play.news import dependence_causes
from game.play.news_causes import CauseWords
from game.play.scenario import ScenarioChangedError
from game.scenario.compile import SettingError
from game.scenario.errors import InputFileError

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector why RUN_DIR --country KZ --power RU --quarter 2024Q1``: the causes of a change, largest first.

Reads the save.json of a run folder (or a save file), re-simulates it, and lists
what moved the chosen variable in that quarter. Without ``--channel`` it explains
the headline dependence score (0–100), the channels weighted as in the score."""
)
EXAMPLE = ("multivector why out/sandbox-7 --country KZ --power RU --quarter 2023Q3",)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(commands, "why", _("list the causes of a change, largest first"), _(DESCRIPTION), EXAMPLE)
    parser.add_argument("source", metavar="RUN_DIR_OR_SAVE", type=Path, help=_("a run folder or a save file"))
    parser.add_argument("--country", required=True, choices=COUNTRIES, help=_("the country whose dependence moved"))
    parser.add_argument("--power", required=True, choices=POWERS, help=_("the power it depends on"))
    parser.add_argument("--channel", choices=CHANNELS, help=_("one channel (default: the headline score)"))
    parser.add_argument("--quarter", required=True, help=_("the quarter, e.g. 2024Q1"))
    parser.set_defaults(handler=run)


def who_gave(text: str, human_roles: Sequence[str], words: CauseWords | None = None) -> str:
    """A cause in the current language (``words``), an order's or a project's marked with who gave it.

    >>> who_gave("order by China: Hold a summit (Kyrgyzstan)", ["KZ"])
    'order by China (computer): Hold a summit (Kyrgyzstan)'
    >>> who_gave("project by Kazakhstan: Diversify routes away (Russia), ordered 2022Q1", ["KZ"])
    'project by Kazakhstan (player): Diversify routes away (Russia), ordered 2022Q1'
    """
    shown = (words or CauseWords()).cause(text)
    head, separator, _rest = text.partition(": ")
    kind, _by, name = head.partition(" by ")
    if kind not in ("order", "project") or not name or not separator:
        return shown
    giver = _("player") if name in {ROLE_NAMES[role] for role in human_roles} else _("computer")
    shown_head, _separator, shown_rest = shown.partition(": ")
    if shown_head.endswith(")"):  # a language that puts the giver in brackets: ``приказ (Китай, компьютер)``
        return f"{shown_head[:-1]}, {giver}): {shown_rest}"
    return f"{shown_head} ({giver}): {shown_rest}"


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
        raise CommandError([_("{path}: the scenario {scenario} changed since this game was played").format(
            path=path, scenario=error.scenario)]) from None
    world, game = match.world, match.game
    try:
        turn = quarter_index(arguments.quarter) - world.start_quarter
    except ValueError as error:
        raise CommandError([f"--quarter: {error}"]) from None
    if not 0 <= turn < len(game.records):
        first = quarter_name(world.start_quarter)
        last = quarter_name(world.start_quarter + len(game.records) - 1)
        raise CommandError([_("--quarter {quarter}: the game covers {first} to {last}").format(
            quarter=arguments.quarter, first=first, last=last)])
    ranked = dependence_causes(world, game.records[turn], arguments.country, arguments.power, arguments.channel)
    names = {"country": place_name(arguments.country), "power": place_name(arguments.power),
             "quarter": arguments.quarter}
    if arguments.channel:
        title = _("Why {country}'s {channel} share on {power} changed in {quarter} (points, 0–100)").format(
            channel=arguments.channel, **names)
    else:
        title = _("Why {country}'s dependence on {power} changed in {quarter} (points, 0–100)").format(**names)
    table = Table(title=title)
    table.add_column(_("cause"))
    table.add_column(_("points"), justify="right")
    words = CauseWords.of(match.setup.loaded)
    for text, amount in ranked:
        if round(amount, 3) != 0.0:  # a cause too small to show a digit is noise in the table
            table.add_row(who_gave(text, match.human_roles, words), format_signed(amount, 3))
    total = sum(amount for _text, amount in ranked)
    table.add_row(Text(_("total change"), style="bold"), Text(format_signed(total, 3), style="bold"))
    console.print(table)
    return EXIT_OK
