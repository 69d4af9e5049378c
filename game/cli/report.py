"""The ``report`` command: a printable HTML debrief of a class game or a run."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

from game.classroom.folder import GAME_FILE, ClassGameError, load_class_game
from game.cli.batch import run_with_progress
from game.cli.common import EXIT_OK, CommandError, add_command, bounded_int, console, require_memory
from game.engine.world import World
from game.i18n import N_, _, format_number, ngettext
from game.io.atomic import write_text_atomic
from game.play.batch import BatchResult, TurnCallback, batch_memory, play_batch
from game.play.match import Match
from game.play.scenario import ScenarioChangedError
from game.play.victory import do_nothing_baseline, do_nothing_roles
from game.report.debrief import DebriefInput, TeamTurnView, build_debrief
from game.report.newspaper import from_browser
from game.scenario.compile import SettingError
from game.scenario.errors import InputFileError

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector report RUN_OR_GAME_DIR --out report.html``: the debrief of a game.

Reads a class-game folder (game.json) or the folder of ``multivector run``
(save.json), replays it with its ledger, plays the same scenario a few hundred
times with the computer on every role for comparison, and writes one
self-contained, printable HTML file (charts embedded): the briefing, the game
against the computer runs, trajectories, the triangle view, the timeline of
events with their source quotes, the big shifts with their three largest
causes, each team's decisions and scores, and discussion questions."""
)
EXAMPLE = (
    "multivector report class/7b --out debrief.html",
    "multivector run sandbox --seed 7 --out out/s7",
    "multivector report out/s7 --out out/s7/report.html --runs 500",
)


MAX_REPORT_RUNS = 100_000  # computer runs a report compares against
DEFAULT_REPORT_RUNS = 300

def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "report", _("write a printable HTML debrief of a class game or a run"), _(DESCRIPTION), EXAMPLE
    )
    parser.add_argument(
        "source",
        type=Path,
        metavar="RUN_OR_GAME_DIR",
        help=_("a class-game folder or the output folder of 'multivector run'"),
    )
    parser.add_argument("--out", type=Path, required=True, help=_("the HTML file to write"))
    parser.add_argument(
        "--runs", type=bounded_int(0, MAX_REPORT_RUNS), default=DEFAULT_REPORT_RUNS,
        help=_("computer runs to compare against (default 300; 0 for none; at most {most})").format(
            most=format_number(MAX_REPORT_RUNS)),
    )
    parser.set_defaults(handler=run)


def _load(source: Path) -> tuple[DebriefInput, World]:
    """The game to report on, and the world the computer's comparison runs play (the scenario as compiled)."""
    # Named at all (even as a FIFO or a folder): read it, so that its reader says what is wrong with it.
    if os.path.lexists(source / GAME_FILE):
        game = load_class_game(source)
        decisions: dict[str, list[TeamTurnView]] = {team: [] for team in game.teams}
        for played in game.file.played:
            for entry in played.teams:
                view = TeamTurnView(played.quarter, entry.source, list(entry.orders), from_browser(entry))
                decisions[entry.team].append(view)
        data = DebriefInput(
            kind="class game",
            world=game.world,
            loaded=game.loaded,
            game=game.game,
            seed=game.file.save.seed,
            settings=dict(game.file.save.settings),
            teams=game.teams,
            decisions=decisions,
            custom_events=game.custom_events(),
        )
        return _judged(data, game.match), game.base_world
    save_path = source / "save.json"
    if not os.path.lexists(save_path):
        raise CommandError([_("{path}: neither a class game (game.json) nor a run folder (save.json)").format(
            path=source)])
    try:
        match = Match.load(save_path)
    except ScenarioChangedError as error:
        raise CommandError([_("{path}: the scenario {scenario} changed since this run was made").format(
            path=save_path, scenario=error.scenario)]) from None
    except SettingError as error:
        raise CommandError([f"{save_path}: {error}"]) from None
    data = DebriefInput(
        kind="run",
        world=match.world,
        loaded=match.setup.loaded,
        game=match.game,
        seed=match.seed,
        settings=dict(match.setup.settings),
        teams=list(match.human_roles),
        levels=dict(match.levels),
    )
    return _judged(data, match), match.setup.world


def _judged(data: DebriefInput, match: Match) -> DebriefInput:
    """The debrief's input with the targets the map game uses: a tutorial's role against doing nothing."""
    data.do_nothing = do_nothing_roles(match) if data.world.has_targets else []
    data.baseline = do_nothing_baseline(match)
    return data


def computer_runs(
    data: DebriefInput, compiled: World, runs: int, on_turn: TurnCallback | None = None
) -> BatchResult:
    """The computer's runs a debrief compares the game with (like with like: the scenario as compiled, up to this
    game's turn, from its seed)."""
    world = replace(compiled, turns=data.game.turn)
    require_memory(batch_memory(world, runs, world.turns), "--runs")
    return play_batch(world, data.seed, runs, 0, on_turn)


def run(arguments: argparse.Namespace) -> int:
    """Build and write the report."""
    try:
        data, compiled = _load(arguments.source)
    except ClassGameError as error:
        raise CommandError(error.messages) from None
    except InputFileError as error:
        raise CommandError([str(problem) for problem in error.problems]) from None
    if data.game.turn == 0:
        raise CommandError([_("{path}: no turn has been played yet").format(path=arguments.source)])
    if arguments.runs:
        data.batch = run_with_progress(
            ngettext("{runs} computer run", "{runs} computer runs", arguments.runs).format(
                runs=format_number(arguments.runs)),
            lambda on_turn: computer_runs(data, compiled, arguments.runs, on_turn),
            data.game.turn,
        )
    html_text = build_debrief(data)
    write_text_atomic(arguments.out, html_text)
    size = format_number(len(html_text.encode()) / 1024)
    console.print(_("wrote {path} ({size} KB, self-contained)").format(path=arguments.out, size=size), soft_wrap=True)
    return EXIT_OK
