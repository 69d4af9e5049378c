"""``multivector class …``: a class game played by mail, one turn per lesson.

The game folder (GAME_DIR/game.json) is the single source of truth: scenario
path and fingerprint, seed, teams, the teacher's settings and every turn's
orders. Each turn writes GAME_DIR/turns/QUARTER/: newspaper.html and
newspaper.md (the quarter on one page), briefing-TEAM.md for each team, and a
copy of the orders files used. A crash mid-turn leaves the folder as it was.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from pathlib import Path

from game.classroom.folder import (
    TURN_PAGES,
    ClassGame,
    ClassGameError,
    briefing_name,
    create_class_game,
    load_class_game,
    one_command_at_a_time,
    read_class_file,
    valid_teams,
)
from game.classroom.models import SUBMISSIONS_DIR, ClassGameFile, CustomEvent, PlayedTurn, TeamOrders
from game.classroom.orders import check_orders_files
from game.classroom.template import orders_template
from game.cli.common import (
    EXIT_OK,
    CommandError,
    add_command,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    console,
    load_world,
    out_dir,
    positive_int,
    printable,
    seed_int,
)
from game.cli.report import DEFAULT_REPORT_RUNS, computer_runs
from game.cli.report import _load as report_input
from game.engine.ai.policy import target_text
from game.engine.codes import ROLE_NAMES, ROLES, quarter_name
from game.engine.scores import role_scores
from game.io.atomic import write_text_atomic
from game.play.titles import orders_line
from game.play.victory import do_nothing_roles, match_victory, target_words
from game.report.debrief import build_debrief
from game.report.newspaper import briefing, newspaper
from game.report.terminal import make_list, make_table, signed
from game.scenario.errors import InputFileError
from game.scenario.yamlfile import read_yaml, validate_document
from game.server import DEFAULT_HOST, DEFAULT_PORT
from game.server.keys import KEYS_FILE

EXAMPLE = """examples (a four-turn class game, one 45-minute lesson, with two teams):
  multivector class new sandbox --teams KZ,RU --seed 3 --turns 4 --out class/7b   # sandbox: 20 turns if not set
  multivector class template class/7b --team KZ --out kz.yaml   # hand kz.yaml to the team
  multivector class template class/7b --team RU --out ru.yaml
  multivector class turn class/7b kz.yaml ru.yaml          # resolve 2023Q1; newspaper + briefings
  multivector class turn class/7b --no-files               # a turn with no files: deadline policy for all
  multivector class status class/7b
  multivector class undo class/7b                          # take back the last turn
  multivector class inject class/7b migrant_raids          # fires at the start of the next turn
  multivector class deadline-policy class/7b hold --team RU
  multivector class serve class/7b --host 0.0.0.0          # or: teams play from their browsers
  multivector report class/7b --out debrief.html"""


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``class`` and its subcommands."""
    parser = add_command(
        commands, "class",
        "run a class game from teams' orders files (new, template, turn, status, undo, …)",
        __doc__,
        EXAMPLE,
    )
    sub = parser.add_subparsers(dest="class_command", metavar="SUBCOMMAND", required=True)

    def add(
        name: str, help_text: str, example: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        command = add_command(sub, name, help_text, help_text, f"example: {example}")
        command.set_defaults(handler=_guard(handler))
        return command

    new = add(
        "new",
        "start a class game in a new folder",
        "multivector class new sandbox --teams KZ,UZ,RU,CN,WEST --seed 3 --out class/7b",
        _new,
    )
    add_scenario_argument(new)
    new.add_argument("--teams", required=True, help="comma-separated roles played by teams, e.g. KZ,UZ,RU")
    new.add_argument("--out", type=out_dir, required=True, help="the new game folder")
    new.add_argument("--seed", type=seed_int, default=1, help="random seed (default 1)")
    add_turns_option(new)
    new.add_argument(
        "--deadline-policy",
        choices=("computer", "hold"),
        default="computer",
        help="a team without orders: the computer plays it, or it holds (default computer)",
    )
    add_settings_option(new)

    template = add(
        "template",
        "write a commented orders file for a team's next turn",
        "multivector class template class/7b --team KZ --out kz.yaml",
        _template,
    )
    template.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    template.add_argument("--team", required=True, choices=ROLES, metavar="TEAM", help="the team's role code")
    template.add_argument(
        "--out", help="where to write it ('-' for the terminal); default GAME_DIR/templates/TEAM-QUARTER.yaml"
    )

    turn = add(
        "turn",
        "check every team's orders and resolve the next turn",
        "multivector class turn class/7b orders/kz.yaml orders/ru.yaml",
        _turn,
    )
    turn.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    turn.add_argument(
        "orders", type=Path, nargs="*", default=[], metavar="ORDERS", help="orders files (one per team)"
    )
    turn.add_argument(
        "--no-files",
        action="store_true",
        help="play the turn with no orders files at all: every team follows its deadline policy "
        "(computer or hold); without this flag, giving no files is refused",
    )

    status = add(
        "status",
        "show the game's turn, teams, scores and pending injections",
        "multivector class status class/7b",
        _status,
    )
    status.add_argument("game_dir", type=Path, metavar="GAME_DIR")

    repair = add(
        "repair",
        "write again a played quarter's newspaper or briefings that are missing",
        "multivector class repair class/7b",
        _repair,
    )
    repair.add_argument("game_dir", type=Path, metavar="GAME_DIR")

    undo = add(
        "undo", "take back the last turn (or several)", "multivector class undo class/7b --turns 1", _undo
    )
    undo.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    undo.add_argument("--turns", type=positive_int, default=1, help="how many turns to take back (default 1)")

    inject = add(
        "inject",
        "make a scenario event (or a custom one) happen at the start of the next turn",
        "multivector class inject class/7b migrant_raids   (or --custom my_event.yaml, --list, --cancel)",
        _inject,
    )
    inject.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    inject.add_argument("event", nargs="?", metavar="EVENT_ID", help="id of an event of the scenario")
    inject.add_argument(
        "--custom",
        type=Path,
        metavar="FILE",
        help="a YAML event: id, title, text, tag (default counterfactual), source, effects, spread (as in scenarios)",
    )
    inject.add_argument("--list", action="store_true", help="list the scenario's events")
    inject.add_argument("--cancel", action="store_true", help="drop the injections not yet played")

    policy = add(
        "deadline-policy",
        "set what happens to a team that missed the deadline",
        "multivector class deadline-policy class/7b hold --team RU",
        _policy,
    )
    policy.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    policy.add_argument(
        "policy",
        choices=("computer", "hold"),
        help="computer: the computer plays the team; hold: the team gives no orders",
    )
    policy.add_argument("--team", choices=ROLES, metavar="TEAM", help="only this team (default: every team)")

    # Not through add(): the server takes the class folder's lock per request, not for as long as it runs.
    serve = add_command(
        sub, "serve", "serve the class game to the teams' browsers (docs/class-server.md)",
        "serve the class game to the teams' browsers: a join page, each team's page, the teacher's dashboard",
        "example: multivector class serve class/7b --host 0.0.0.0 --port 8000",
    )
    serve.set_defaults(handler=_serve)
    serve.add_argument("game_dir", type=Path, metavar="GAME_DIR")
    serve.add_argument(
        "--host", default=DEFAULT_HOST,
        help="the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the whole network)",
    )
    serve.add_argument("--port", type=positive_int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--links", action="store_true",
        help="print the join codes and the teacher's link again (give the same --host/--port) and start no server",
    )


def _guard(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a subcommand holding the class folder's lock; turn the class game's errors into one
    clear message each (exit 2)."""

    def guarded(arguments: argparse.Namespace) -> int:
        folder = getattr(arguments, "game_dir", None) or arguments.out
        try:
            with one_command_at_a_time(Path(folder)):
                return handler(arguments)
        except ClassGameError as error:
            raise CommandError(error.messages) from None
        except InputFileError as error:
            raise CommandError([str(problem) for problem in error.problems]) from None

    return guarded


def _named(teams: list[str]) -> str:
    """``Tajikistan (TJ), Russia (RU)``: teams by name, with the code their files carry."""
    return ", ".join(f"{ROLE_NAMES[team]} ({team})" for team in teams)


def _say(text: str, wrap: bool = False) -> None:
    """One line of output; with ``wrap``, folded at word breaks to the terminal's width (80 when piped)."""
    console.print(text, soft_wrap=not wrap)


# ---------------------------------------------------------------------- subcommands


def _new(arguments: argparse.Namespace) -> int:
    teams = valid_teams(arguments.teams)
    setup = load_world(arguments.scenario, arguments.settings, arguments.turns)
    game = create_class_game(
        folder=arguments.out, setup=setup, seed=arguments.seed, teams=teams, policy=arguments.deadline_policy
    )
    _say(
        f"new class game in {arguments.out}: {setup.world.title}, {game.world.turns} turns from "
        f"{game.quarter}, seed {arguments.seed}"
    )
    _say(
        f"teams: {', '.join(f'{t} {ROLE_NAMES[t]}' for t in teams)}; the computer plays the other roles; "
        "a team without orders is "
        f"{'held' if arguments.deadline_policy == 'hold' else 'played by the computer'}"
    )
    _say(
        f"next: multivector class serve {arguments.out} --host 0.0.0.0 (teams play from their browsers, "
        f"docs/class-server.md), or orders files: multivector class template {arguments.out} --team {teams[0]}"
    )
    return EXIT_OK


def _template(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    if game.game.is_over():
        raise ClassGameError(["the game is over; there are no more orders to give"])
    if arguments.team not in game.teams:
        raise ClassGameError([f"{arguments.team} is not a team of this game ({', '.join(game.teams)})"])
    text = orders_template(game.game, arguments.team, game.quarter, str(arguments.game_dir))
    if arguments.out == "-":
        sys.stdout.write(printable(text))
        return EXIT_OK
    path = (
        Path(arguments.out)
        if arguments.out
        else arguments.game_dir / "templates" / f"{arguments.team}-{game.quarter}.yaml"
    )
    write_text_atomic(path, text)
    _say(f"wrote {path} — orders of {ROLE_NAMES[arguments.team]} for {game.quarter}")
    return EXIT_OK


def write_turn_outputs(game: ClassGame, file: ClassGameFile, played: PlayedTurn, folder: Path) -> None:
    """The newspaper of the quarter and a briefing per team, into ``folder``."""
    page, markdown = newspaper(game.world, game.loaded, game.game, played, game.teams, game.custom_events())
    for name, text in zip(TURN_PAGES, (page, markdown), strict=True):
        write_text_atomic(folder / name, text)
    targets = match_victory(game.match)[0]
    for team in game.teams:
        target = target_words(game.match, team, float(targets[ROLES.index(team)]))
        write_text_atomic(
            folder / briefing_name(team),
            briefing(game.world, game.loaded, game.game, team, str(game.folder), target),
        )


def _turn(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    if game.game.is_over():
        raise ClassGameError([f"the game is over: all {game.world.turns} turns have been played"])
    quarter = game.quarter
    if not arguments.orders and not arguments.no_files:
        waiting = ", ".join(f"{t} ({_policy_word(game.file.policy_of(t))})" for t in game.teams)
        raise CommandError(
            [
                f"no orders files given for {quarter}; teams without a file: {waiting}; give the teams' files "
                f"(multivector class turn {arguments.game_dir} kz.yaml ru.yaml ...), "
                "or add --no-files to play the turn with every team on its deadline policy"
            ]
        )
    if arguments.orders and arguments.no_files:
        raise CommandError(["--no-files plays the turn without orders files; give files or --no-files, not both"])
    accepted, problems = check_orders_files(
        list(arguments.orders), game.world, game.game.state, game.teams, quarter, str(arguments.game_dir)
    )
    if problems:
        *first, last = [str(problem) for problem in problems]
        raise CommandError([*first, f"{last} (turn {quarter} not played, nothing changed: fix and run again)"])
    before = role_scores(game.game.state.values[:1], game.world.weight)[0]
    played = game.play_turn(accepted, write_turn_outputs)
    after = role_scores(game.game.state.values[:1], game.world.weight)[0]
    table = make_table(console, f"{quarter} resolved", "team", "orders", "score", "change", right=2)
    table.columns[1].ratio = 1  # the orders take the room left and wrap at "; " on a narrow terminal

    for entry in played.teams:
        r = ROLES.index(entry.team)
        source = {"file": "", "computer": " (computer)", "held": " (held)"}[entry.source]
        orders = orders_line(game.world, list(entry.orders), "none")
        table.add_row(
            f"{entry.team} {ROLE_NAMES[entry.team]}",
            orders + source,
            f"{after[r]:.1f}",
            signed(after[r] - before[r]),
        )
    console.print(table)
    missing = [e for e in played.teams if e.source != "file"]
    if missing:
        _say(
            "no file from: "
            + "; ".join(
                f"{ROLE_NAMES[e.team]} ({e.team}): {'the computer played it' if e.source == 'computer' else 'held'}"
                for e in missing
            )
        )
    fired = [
        game.world.events.titles[e]
        for e in range(game.world.events.count)
        if game.game.records[-1].fired[0, e]
    ]
    if fired:
        _say("events: " + "; ".join(fired))
    out = arguments.game_dir / "turns" / quarter
    _say(f"wrote {out}/newspaper.html, newspaper.md and briefing-TEAM.md for {_named(game.teams)}")
    if game.game.is_over():
        _say(f"the game is over. Debrief: multivector report {arguments.game_dir} --out debrief.html")
    else:
        _say(f"next quarter: {game.quarter}")
    return EXIT_OK


def _policy_word(policy: str) -> str:
    return "computer plays it" if policy == "computer" else "holds"


def _status(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    file = game.file
    played = len(file.played)
    state = (
        "over" if game.game.is_over() else f"next turn {game.quarter} ({played + 1} of {game.world.turns})"
    )
    _say(game.world.title, wrap=True)
    _say(f"seed {file.save.seed}; {played} {'turn' if played == 1 else 'turns'} played; {state}", wrap=True)
    _say(f"scenario {file.save.scenario.path} (fingerprint {file.save.scenario.sha256[:12]}…)", wrap=True)
    if file.save.settings:
        _say("settings: " + ", ".join(f"{k}={v:g}" for k, v in file.save.settings.items()), wrap=True)
    scores = role_scores(game.game.state.values[:1], game.world.weight)[0]
    start = role_scores(game.game.states[0].values[:1], game.world.weight)[0]
    # The orders go below the table, one role a row: in a column of the table they wrapped to a word a line.
    table = make_table(console, "Roles", "role", "played by", "no file →", "score", "since start", "target", right=3)
    orders_table = make_list()
    targets = match_victory(game.match)[0]  # as the map game judges: a tutorial's role against doing nothing

    last: dict[str, TeamOrders] = {entry.team: entry for entry in file.played[-1].teams} if file.played else {}
    for r, role in enumerate(ROLES):
        is_team = role in game.teams
        by = "team" if is_team else "computer"
        policy = file.policy_of(role) if is_team else ""
        entry = last.get(role)
        orders = ""
        if entry is not None:
            orders = orders_line(game.world, list(entry.orders), "none")
            orders += {"file": "", "computer": " (computer)", "held": " (held)"}[entry.source]
        elif game.game.records:
            given = game.game.records[-1].orders.orders_of_run(game.world, 0)
            orders = orders_line(game.world, [o for o in given if o.role == role], "none")
        table.add_row(
            f"{role} {ROLE_NAMES[role]}", by, policy, f"{scores[r]:.2f}", signed(scores[r] - start[r]),
            target_text(targets[r]),
        )
        if orders:
            orders_table.add_row(f"{role} {ROLE_NAMES[role]}", orders)
    console.print(table)
    for role in do_nothing_roles(game.match) if game.world.has_targets else []:
        _say(f"target of {role}: {target_words(game.match, role, float(targets[ROLES.index(role)]))}", wrap=True)
    if not game.world.has_targets:
        _say(
            "no targets (—): this game is judged by no victory targets (a scenario's targets hold only for "
            "its full length); compare each score's change since the start instead",
            wrap=True,
        )
    if orders_table.row_count:
        _say(f"last orders ({quarter_name(game.world.start_quarter + played - 1)}):")
        console.print(orders_table)
    pending = game.pending_injections()
    for injection in pending:
        _say(f"injected for {quarter_name(game.world.start_quarter + injection.turn)}: {injection.title}", wrap=True)
    for quarter, names in game.missing_turn_files().items():
        _say(
            f"incomplete: {arguments.game_dir}/turns/{quarter} lacks {', '.join(names)} "
            f"(mend with: multivector class repair {arguments.game_dir})"
        )
    if not game.game.is_over():
        submitted = game.submitted_teams()
        if submitted:
            _say(f"submitted for {game.quarter} (from the browser, in {SUBMISSIONS_DIR}/{game.quarter}/): "
                 f"{_named(submitted)}", wrap=True)
        waiting = [team for team in game.teams if team not in submitted]
        if waiting:
            _say(f"waiting for orders for {game.quarter} from: {_named(waiting)}", wrap=True)
        else:
            _say(f"every team has submitted for {game.quarter}: resolve it from the dashboard", wrap=True)
    if (arguments.game_dir / KEYS_FILE).is_file():
        _say(f"served to browsers: 'multivector class serve {arguments.game_dir} --links' (with the server's --host "
             "and --port) prints the join codes and the teacher's link again", wrap=True)
    return EXIT_OK


def _repair(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    mended = game.repair(write_turn_outputs)
    if mended:
        _say(f"wrote the newspaper and briefings of {', '.join(mended)} again")
    else:
        _say(f"nothing to mend: every played quarter of {arguments.game_dir} has its newspaper and briefings")
    return EXIT_OK


def _undo(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    undone = game.undo(arguments.turns)
    _say(f"took back {', '.join(undone)}; the game is at {game.quarter} again")
    kept = game.pending_injections()
    if kept:
        _say(
            "still injected for the next turns: "
            + "; ".join(i.title for i in kept)
            + " (drop with: class inject GAME_DIR --cancel)"
        )
    return EXIT_OK


def _inject(arguments: argparse.Namespace) -> int:
    if arguments.list:
        file = read_class_file(arguments.game_dir)
        game = load_class_game(arguments.game_dir)
        table = make_table(console, f"Events of {file.save.scenario.id}", "id", "type", "title")
        for event in game.loaded.scenario.events:
            table.add_row(event.id, event.type, event.title)
        console.print(table)
        return EXIT_OK
    game = load_class_game(arguments.game_dir)
    if arguments.cancel:
        dropped = game.cancel_injections()
        _say(
            f"dropped {len(dropped)} injection(s)"
            + (": " + "; ".join(i.title for i in dropped) if dropped else "")
        )
        return EXIT_OK
    if (arguments.event is None) == (arguments.custom is None):
        raise CommandError(["give an EVENT_ID of the scenario or --custom FILE (see --list)"])
    custom = None
    if arguments.custom is not None:
        custom = validate_document(read_yaml(arguments.custom), CustomEvent)
    injection = game.inject(arguments.event, custom)
    _say(f"'{injection.title}' will happen at the start of {game.quarter}")
    return EXIT_OK


def _policy(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    game.set_policy(arguments.policy, arguments.team)
    who = arguments.team or "every team"
    what = "the computer plays it" if arguments.policy == "computer" else "it holds (gives no orders)"
    _say(f"when {who} misses the deadline, {what}")
    return EXIT_OK


def _class_debrief(folder: Path) -> str:
    """The debrief's HTML of a class folder, as ``multivector report`` writes it by default (with the computer's
    runs to compare with)."""
    data, compiled = report_input(folder)
    data.batch = computer_runs(data, compiled, DEFAULT_REPORT_RUNS)
    return build_debrief(data)


def _serve(arguments: argparse.Namespace) -> int:
    # Starlette and uvicorn are loaded only here, so that the other commands start without them.
    from game.server.run import print_links, serve, serve_command

    folder, host, port = arguments.game_dir, arguments.host, arguments.port
    try:
        if arguments.links:
            print_links(folder, host, port, write_turn_outputs, _class_debrief, _say)
            return EXIT_OK
        serve(folder, host, port, write_turn_outputs, _class_debrief, _say)
    except ClassGameError as error:
        raise CommandError(error.messages) from None
    except InputFileError as error:
        raise CommandError([str(problem) for problem in error.problems]) from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError([
                f"port {port} is already in use on {host} (a class server already running, or another program): "
                f"stop it, or start on another port, e.g. {serve_command(folder, host, port + 1)}"
            ]) from None
        raise CommandError([f"cannot serve on {host}:{port}: {error.strerror or error}"]) from None
    except KeyboardInterrupt:
        pass  # Ctrl+C: the way to stop the server
    _say(
        f"class server stopped; the join codes, page links and submissions are kept in {folder}: "
        f"'{serve_command(folder, host, port)}' starts it again"
    )
    return EXIT_OK
