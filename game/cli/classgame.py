"""``multivector class …``: a class game played by mail, one turn per lesson.

The whole game is kept in its folder (GAME_DIR/game.json): scenario
path and fingerprint, seed, teams, the teacher's settings and every turn's
orders. Each turn writes GAME_DIR/turns/QUARTER/: newspaper.html and
newspaper.md (the quarter on one page), briefing-TEAM.md and .html (to print) for each team, and a
copy of the orders files used. A crash mid-turn leaves the folder as it was.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game.classroom.folder import (
    TURN_PAGES,
    ClassGame,
    ClassGameError,
    briefing_name,
    briefing_page_name,
    create_class_game,
    game_over_message,
    load_class_game,
    one_command_at_a_time,
    read_class_file,
    valid_teams,
)
from game.classroom.models import SUBMISSIONS_DIR, ClassGameFile, CustomEvent, Injection, PlayedTurn, TeamOrders
from game.classroom.orders import check_orders_files, not_a_team
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
    scenario_title,
    seed_int,
)
from game.cli.report import DEFAULT_REPORT_RUNS, computer_runs
from game.cli.report import _load as report_input
from game.engine.codes import ROLES, quarter_name
from game.engine.scores import role_scores
from game.i18n import N_, _, format_number, format_target, ngettext, place_name, quarter_text
from game.i18n.phrases import program_command, turn_count
from game.io.atomic import write_text_atomic
from game.play.texts import ScenarioWords, scenario_words
from game.play.victory import do_nothing_roles, match_victory, result_sentence, target_words
from game.report.debrief import build_debrief
from game.report.newspaper import briefing, briefing_page, newspaper
from game.report.terminal import make_list, make_table, signed
from game.scenario.errors import InputFileError
from game.scenario.yamlfile import read_yaml, validate_document
from game.server import DEFAULT_HOST, DEFAULT_PORT
from game.server.keys import KEYS_FILE

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """A class game played with orders files, one turn per lesson.

The whole game is kept in its folder (GAME_DIR/game.json): scenario path and
fingerprint, seed, teams, the teacher's settings and every turn's orders. Each
turn writes GAME_DIR/turns/QUARTER/: newspaper.html and newspaper.md (the
quarter on one page), briefing-TEAM.md and briefing-TEAM.html (to print) for
each team, and a copy of the orders files used. A crash mid-turn leaves the
folder as it was."""
)


def _examples() -> list[str]:
    """The command's examples, their notes in the current language."""
    return [
        "multivector class new sandbox --teams KZ,RU --seed 3 --turns 4 --out class/7b   # "
        + _("sandbox: 20 turns if not set"),
        "multivector class template class/7b --team KZ --out kz.yaml   # " + _("hand kz.yaml to the team"),
        "multivector class template class/7b --team RU --out ru.yaml",
        "multivector class turn class/7b kz.yaml ru.yaml   # " + _("resolve 2023Q1; newspaper + briefings"),
        "multivector class turn class/7b --no-files   # " + _("a turn with no files: deadline policy for all"),
        "multivector class status class/7b",
        "multivector class undo class/7b   # " + _("take back the last turn"),
        "multivector class inject class/7b migrant_raids   # " + _("fires at the start of the next turn"),
        "multivector class deadline-policy class/7b hold --team RU",
        "multivector class serve class/7b --host 0.0.0.0   # " + _("or: teams play from their browsers"),
        "multivector report class/7b --out debrief.html",
    ]


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``class`` and its subcommands."""
    parser = add_command(
        commands, "class",
        _("run a class game from teams' orders files (new, template, turn, status, undo, …)"),
        _(DESCRIPTION),
        _examples(),
    )
    sub = parser.add_subparsers(dest="class_command", metavar="SUBCOMMAND", required=True)

    def add(
        name: str, help_text: str, example: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        command = add_command(sub, name, help_text, help_text, [example])
        command.set_defaults(handler=_guard(handler))
        return command

    game_dir_help = _("the class game's folder")
    new = add(
        "new",
        _("start a class game in a new folder"),
        "multivector class new sandbox --teams KZ,UZ,RU,CN,WEST --seed 3 --out class/7b",
        _new,
    )
    add_scenario_argument(new)
    new.add_argument("--teams", required=True, help=_("comma-separated roles played by teams, e.g. KZ,UZ,RU"))
    new.add_argument("--out", type=out_dir, required=True, help=_("the new game folder"))
    new.add_argument("--seed", type=seed_int, default=1, help=_("random seed (default 1)"))
    add_turns_option(new)
    new.add_argument(
        "--deadline-policy",
        choices=("computer", "hold"),
        default="computer",
        help=_("a team without orders: the computer plays it, or it holds (default computer)"),
    )
    add_settings_option(new)

    template = add(
        "template",
        _("write a commented orders file for a team's next turn"),
        "multivector class template class/7b --team KZ --out kz.yaml",
        _template,
    )
    template.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    template.add_argument("--team", required=True, choices=ROLES, metavar="TEAM", help=_("the team's role code"))
    template.add_argument(
        "--out", help=_("where to write it ('-' for the terminal); default GAME_DIR/templates/TEAM-QUARTER.yaml")
    )

    turn = add(
        "turn",
        _("check every team's orders and resolve the next turn"),
        "multivector class turn class/7b orders/kz.yaml orders/ru.yaml",
        _turn,
    )
    turn.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    turn.add_argument(
        "orders", type=Path, nargs="*", default=[], metavar="ORDERS", help=_("orders files (one per team)")
    )
    turn.add_argument(
        "--no-files",
        action="store_true",
        help=_("play the turn with no orders files at all: every team follows its deadline policy "
               "(computer or hold); without this flag, giving no files is refused"),
    )

    status = add(
        "status",
        _("show the game's turn, teams, scores and pending injections"),
        "multivector class status class/7b",
        _status,
    )
    status.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)

    repair = add(
        "repair",
        _("write again a played quarter's newspaper or briefings that are missing"),
        "multivector class repair class/7b",
        _repair,
    )
    repair.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)

    undo = add(
        "undo", _("take back the last turn (or several)"), "multivector class undo class/7b --turns 1", _undo
    )
    undo.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    undo.add_argument("--turns", type=positive_int, default=1, help=_("how many turns to take back (default 1)"))

    inject = add(
        "inject",
        _("make a scenario event (or a custom one) happen at the start of the next turn"),
        "multivector class inject class/7b migrant_raids   (--custom my_event.yaml, --list, --cancel)",
        _inject,
    )
    inject.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    inject.add_argument("event", nargs="?", metavar="EVENT_ID", help=_("id of an event of the scenario"))
    inject.add_argument(
        "--custom",
        type=Path,
        metavar="FILE",
        help=_("a YAML event: id, title, text, tag (default counterfactual), source, effects, spread "
               "(as in scenarios)"),
    )
    inject.add_argument("--list", action="store_true", help=_("list the scenario's events"))
    inject.add_argument("--cancel", action="store_true", help=_("drop the injections not yet played"))

    policy = add(
        "deadline-policy",
        _("set what happens to a team that missed the deadline"),
        "multivector class deadline-policy class/7b hold --team RU",
        _policy,
    )
    policy.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    policy.add_argument(
        "policy",
        choices=("computer", "hold"),
        help=_("computer: the computer plays the team; hold: the team gives no orders"),
    )
    policy.add_argument("--team", choices=ROLES, metavar="TEAM", help=_("only this team (default: every team)"))

    # Not through add(): the server takes the class folder's lock per request, not for as long as it runs.
    serve = add_command(
        sub, "serve", _("serve the class game to the teams' browsers (docs/class-server.md)"),
        _("serve the class game to the teams' browsers: a join page, each team's page, the teacher's dashboard"),
        ["multivector class serve class/7b --host 0.0.0.0 --port 8000"],
    )
    serve.set_defaults(handler=_serve)
    serve.add_argument("game_dir", type=Path, metavar="GAME_DIR", help=game_dir_help)
    serve.add_argument(
        "--host",
        help=_("the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the whole network)"),
    )
    serve.add_argument("--port", type=positive_int,
                       help=_("the port (default {port})").format(port=DEFAULT_PORT))
    serve.add_argument(
        "--links", action="store_true",
        help=_("print the join codes and the teacher's link again, at the address the server last listened on "
               "(unless --host/--port say another), and start no server"),
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


def _named(teams: Sequence[str]) -> str:
    """``Tajikistan (TJ), Russia (RU)``: teams by name, with the code their files carry."""
    return ", ".join(f"{place_name(team)} ({team})" for team in teams)


def _say(text: str, wrap: bool = False) -> None:
    """One line of output; with ``wrap``, folded at word breaks to the terminal's width (80 when piped)."""
    console.print(text, soft_wrap=not wrap)


POLICY_WORDS = {"computer": N_("computer"), "hold": N_("hold")}  # the status table's "no file →" column
SOURCE_NOTES = {"file": "", "computer": N_("computer"), "held": N_("held")}  # after a team's orders in a table


def _orders_cell(words: ScenarioWords, orders: list[str], source: str) -> str:
    """A team's orders of a turn in a table's cell, with who gave them when it was not the team's file."""
    line = words.orders_line(orders, _("none"))
    note = SOURCE_NOTES.get(source, source)
    return f"{line} ({_(note)})" if note else line


# ---------------------------------------------------------------------- subcommands


def _new(arguments: argparse.Namespace) -> int:
    teams = valid_teams(arguments.teams)
    setup = load_world(arguments.scenario, arguments.settings, arguments.turns)
    game = create_class_game(
        folder=arguments.out, setup=setup, seed=arguments.seed, teams=teams, policy=arguments.deadline_policy
    )
    _say(_("new class game in {folder}: {title}, {turns} from {quarter}, seed {seed}").format(
        folder=arguments.out, title=scenario_title(setup.loaded), turns=turn_count(game.world.turns),
        quarter=quarter_text(game.quarter), seed=arguments.seed))
    without = (_("a team without orders holds") if arguments.deadline_policy == "hold"
               else _("the computer plays a team without orders"))
    _say(_("teams: {teams}; the computer plays the other roles; {without}").format(
        teams=_named(teams), without=without))
    _say(_("next: {program} class serve {folder} --host 0.0.0.0 (teams play from their browsers, "
           "docs/class-server.md), or orders files: {program} class template {folder} --team {team}").format(
        program=program_command(), folder=arguments.out, team=teams[0]))
    return EXIT_OK


def _template(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    if game.game.is_over():
        raise ClassGameError([_("the game is over; there are no more orders to give")])
    if arguments.team not in game.teams:
        raise ClassGameError([not_a_team(arguments.team, game.teams)])
    words = scenario_words(game.loaded)
    text = orders_template(game.game, arguments.team, game.quarter, str(arguments.game_dir), words)
    if arguments.out == "-":
        sys.stdout.write(printable(text))
        return EXIT_OK
    path = (
        Path(arguments.out)
        if arguments.out
        else arguments.game_dir / "templates" / f"{arguments.team}-{game.quarter}.yaml"
    )
    write_text_atomic(path, text)
    _say(_("wrote {path} — orders of {team} for {quarter}").format(
        path=path, team=place_name(arguments.team), quarter=quarter_text(game.quarter)))
    return EXIT_OK


def write_turn_outputs(game: ClassGame, file: ClassGameFile, played: PlayedTurn, folder: Path) -> None:
    """The newspaper of the quarter and a briefing per team, into ``folder``, in the current language."""
    page, markdown = newspaper(game.world, game.loaded, game.game, played, game.teams, game.custom_events())
    for name, text in zip(TURN_PAGES, (page, markdown), strict=True):
        write_text_atomic(folder / name, text)
    targets = match_victory(game.match)[0]
    over = game.game.is_over() and game.world.has_targets
    for team in game.teams:
        target = target_words(game.match, team, float(targets[ROLES.index(team)]))
        result = result_sentence(game.match, team) if over else None
        text = briefing(game.world, game.loaded, game.game, team, str(game.folder), target, result)
        write_text_atomic(folder / briefing_name(team), text)
        write_text_atomic(folder / briefing_page_name(team), briefing_page(text))  # to print


def _turn(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    if game.game.is_over():
        raise ClassGameError([game_over_message(game.world.turns)])
    quarter = game.quarter
    if not arguments.orders and not arguments.no_files:
        waiting = ", ".join(f"{t} ({_(_policy_word(game.file.policy_of(t)))})" for t in game.teams)
        raise CommandError([
            _("no orders files given for {quarter}; teams without a file: {waiting}; give the teams' files "
              "({program} class turn {folder} kz.yaml ru.yaml ...), or add --no-files to play the turn with every "
              "team on its deadline policy").format(
                quarter=quarter_text(quarter), waiting=waiting, program=program_command(), folder=arguments.game_dir)
        ])
    if arguments.orders and arguments.no_files:
        raise CommandError([_("--no-files plays the turn without orders files; give files or --no-files, not both")])
    accepted, problems = check_orders_files(
        list(arguments.orders), game.world, game.game.state, game.teams, quarter, str(arguments.game_dir)
    )
    if problems:
        *first, last = [str(problem) for problem in problems]
        last = _("{problem} (turn {quarter} not played, nothing changed: fix and run again)").format(
            problem=last, quarter=quarter_text(quarter))
        raise CommandError([*first, last])
    words = scenario_words(game.loaded)
    before = role_scores(game.game.state.values[:1], game.world.weight)[0]
    played = game.play_turn(accepted, write_turn_outputs)
    after = role_scores(game.game.state.values[:1], game.world.weight)[0]
    resolved = _("{quarter} resolved").format(quarter=quarter_text(quarter))
    table = make_table(console, resolved, _("team"), _("orders"), _("score"), _("change"), right=2)
    table.columns[1].ratio = 1  # the orders take the room left and wrap at "; " on a narrow terminal

    for entry in played.teams:
        r = ROLES.index(entry.team)
        table.add_row(
            f"{entry.team} {place_name(entry.team)}",
            _orders_cell(words, list(entry.orders), entry.source),
            format_number(after[r], 1),
            signed(after[r] - before[r]),
        )
    console.print(table)
    missing = [e for e in played.teams if e.source != "file"]
    if missing:
        _say(_("no file from: {teams}").format(teams="; ".join(
            f"{place_name(e.team)} ({e.team}): "
            + (_("the computer played it") if e.source == "computer" else _("held"))
            for e in missing
        )))
    fired = [
        words.causes.event(game.world.events.titles[e])
        for e in range(game.world.events.count)
        if game.game.records[-1].fired[0, e]
    ]
    if fired:
        _say(_("events: {events}").format(events="; ".join(fired)))
    out = arguments.game_dir / "turns" / quarter
    briefings = ", ".join(briefing_name(team) for team in game.teams)
    _say(_("wrote {folder}/newspaper.html, newspaper.md and the briefings {files} (each also as .html, to "
           "print)").format(
        folder=out, files=briefings))
    if game.game.is_over():
        _say(_("the game is over. Debrief: {program} report {folder} --out debrief.html").format(
            program=program_command(), folder=arguments.game_dir))
    else:
        _say(_("next quarter: {quarter}").format(quarter=quarter_text(game.quarter)))
    return EXIT_OK


def _policy_word(policy: str) -> str:
    """A team's deadline policy in a word or two (marked for the catalog; translate where shown)."""
    return N_("computer plays it") if policy == "computer" else N_("holds")


def _status(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    file = game.file
    words = scenario_words(game.loaded)
    played = len(file.played)
    state = _("over") if game.game.is_over() else _("next turn {quarter} ({number} of {turns})").format(
        quarter=quarter_text(game.quarter), number=played + 1, turns=game.world.turns)
    _say(words.texts.title, wrap=True)
    turns_played = ngettext("{count} turn played", "{count} turns played", played).format(
        count=format_number(played))
    _say(_("seed {seed}; {played}; {state}").format(seed=file.save.seed, played=turns_played, state=state), wrap=True)
    _say(_("scenario {path} (fingerprint {fingerprint}…)").format(
        path=file.save.scenario.path, fingerprint=file.save.scenario.sha256[:12]), wrap=True)
    if file.save.settings:
        _say(_("settings: {settings}").format(settings=", ".join(f"{k}={v:g}" for k, v in file.save.settings.items())),
             wrap=True)
    scores = role_scores(game.game.state.values[:1], game.world.weight)[0]
    start = role_scores(game.game.states[0].values[:1], game.world.weight)[0]
    # The orders go below the table, one role a row: in a column of the table they wrapped to a word a line.
    table = make_table(console, _("Roles"), _("role"), _("played by"), _("no file →"), _("score"), _("since start"),
                       _("target"), right=3)
    orders_table = make_list()
    targets = match_victory(game.match)[0]  # as the map game judges: a tutorial's role against doing nothing

    last: dict[str, TeamOrders] = {entry.team: entry for entry in file.played[-1].teams} if file.played else {}
    for r, role in enumerate(ROLES):
        is_team = role in game.teams
        by = _("team") if is_team else _("computer")
        policy = _(POLICY_WORDS[file.policy_of(role)]) if is_team else ""
        entry = last.get(role)
        orders = ""
        if entry is not None:
            orders = _orders_cell(words, list(entry.orders), entry.source)
        elif game.game.records:
            given = game.game.records[-1].orders.orders_of_run(game.world, 0)
            orders = words.orders_line([o for o in given if o.role == role], _("none"))
        table.add_row(
            f"{role} {place_name(role)}", by, policy, format_number(scores[r], 2), signed(scores[r] - start[r]),
            format_target(targets[r]),
        )
        if orders:
            orders_table.add_row(f"{role} {place_name(role)}", orders)
    console.print(table)
    for role in do_nothing_roles(game.match) if game.world.has_targets else []:
        _say(_("target of {role}: {target}").format(
            role=role, target=target_words(game.match, role, float(targets[ROLES.index(role)]))), wrap=True)
    if not game.world.has_targets:
        _say(
            _("no targets (—): this game is judged by no victory targets (a scenario's targets hold only for "
              "its full length); compare each score's change since the start instead"),
            wrap=True,
        )
    if orders_table.row_count:
        last_played = quarter_text(quarter_name(game.world.start_quarter + played - 1))
        _say(_("last orders ({quarter}):").format(quarter=last_played))
        console.print(orders_table)
    for injection in game.pending_injections():
        _say(_("injected for {quarter}: {title}").format(
            quarter=quarter_text(quarter_name(game.world.start_quarter + injection.turn)),
            title=words.event_title(injection.event, injection.title)), wrap=True)
    for quarter, names in game.missing_turn_files().items():
        _say(_("incomplete: {folder}/turns/{quarter} lacks {files} (mend with: {program} class repair "
               "{folder})").format(program=program_command(), folder=arguments.game_dir, quarter=quarter,
                                   files=", ".join(names)))
    if not game.game.is_over():
        submitted = game.submitted_teams()
        if submitted:
            _say(_("submitted for {quarter} (from the browser, in {folder}/{quarter}/): {teams}").format(
                quarter=game.quarter, folder=SUBMISSIONS_DIR, teams=_named(submitted)), wrap=True)
        waiting = [team for team in game.teams if team not in submitted]
        if waiting:
            _say(_("waiting for orders for {quarter} from: {teams}").format(
                quarter=quarter_text(game.quarter), teams=_named(waiting)), wrap=True)
        else:
            _say(_("every team has submitted for {quarter}: resolve it from the dashboard").format(
                quarter=quarter_text(game.quarter)), wrap=True)
    if (arguments.game_dir / KEYS_FILE).is_file():
        _say(_("served to browsers: '{program} class serve {folder} --links' (with the server's --host and --port) "
               "prints the join codes and the teacher's link again").format(
            program=program_command(), folder=arguments.game_dir), wrap=True)
    return EXIT_OK


def _repair(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    mended = game.repair(write_turn_outputs)
    if mended:
        _say(_("wrote the newspaper and briefings of {quarters} again").format(quarters=", ".join(mended)))
    else:
        _say(_("nothing to mend: every played quarter of {folder} has its newspaper and briefings").format(
            folder=arguments.game_dir))
    return EXIT_OK


def _injection_titles(game: ClassGame, injections: list[Injection]) -> str:
    """The titles of injections in the current language, ``; `` between them."""
    words = scenario_words(game.loaded)
    return "; ".join(words.event_title(i.event, i.title) for i in injections)


def _undo(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    undone = game.undo(arguments.turns)
    _say(_("took back {quarters}; the game is at {quarter} again").format(
        quarters=", ".join(quarter_text(q) for q in undone), quarter=quarter_text(game.quarter)))
    kept = game.pending_injections()
    if kept:
        _say(_("still injected for the next turns: {events} (drop with: class inject GAME_DIR --cancel)").format(
            events=_injection_titles(game, kept)))
    return EXIT_OK


def _inject(arguments: argparse.Namespace) -> int:
    if arguments.list:
        file = read_class_file(arguments.game_dir)
        game = load_class_game(arguments.game_dir)
        words = scenario_words(game.loaded)
        heading = _("Events of {scenario}").format(scenario=file.save.scenario.id)
        table = make_table(console, heading, _("code to inject"), _("type"), _("title"))
        for event in game.loaded.scenario.events:
            kind = _(EVENT_TYPES[event.type]) if event.type in EVENT_TYPES else event.type
            table.add_row(event.id, kind, words.event_title(event.id, event.title))
        console.print(table)
        return EXIT_OK
    game = load_class_game(arguments.game_dir)
    if arguments.cancel:
        dropped = game.cancel_injections()
        count = ngettext("dropped {count} injection", "dropped {count} injections", len(dropped)).format(
            count=format_number(len(dropped)))
        _say(count + (": " + _injection_titles(game, dropped) if dropped else ""))
        return EXIT_OK
    if (arguments.event is None) == (arguments.custom is None):
        raise CommandError([_("give an EVENT_ID of the scenario or --custom FILE (see --list)")])
    custom = None
    if arguments.custom is not None:
        custom = validate_document(read_yaml(arguments.custom), CustomEvent)
    injection = game.inject(arguments.event, custom)
    _say(_("“{event}” will happen at the start of {quarter}").format(
        event=_injection_titles(game, [injection]), quarter=quarter_text(game.quarter)))
    return EXIT_OK


EVENT_TYPES = {"scripted": N_("scripted"), "random": N_("random"), "crisis": N_("crisis")}  # a scenario event's type


def _policy(arguments: argparse.Namespace) -> int:
    game = load_class_game(arguments.game_dir)
    game.set_policy(arguments.policy, arguments.team)
    if arguments.policy == "computer":
        said = (_("when {team} misses the deadline, the computer plays it").format(team=place_name(arguments.team))
                if arguments.team else _("when a team misses the deadline, the computer plays it"))
    else:
        said = (_("when {team} misses the deadline, it holds (gives no orders)").format(team=place_name(arguments.team))
                if arguments.team else _("when a team misses the deadline, it holds (gives no orders)"))
    _say(said)
    return EXIT_OK


def _class_debrief(folder: Path) -> str:
    """The debrief's HTML of a class folder, as ``multivector report`` writes it by default (with the computer's
    runs to compare with)."""
    data, compiled = report_input(folder)
    data.batch = computer_runs(data, compiled, DEFAULT_REPORT_RUNS)
    return build_debrief(data)


def _serve(arguments: argparse.Namespace) -> int:
    # Starlette and uvicorn are loaded only here, so that the other commands start without them.
    from game.server.run import last_address, print_links, serve, serve_command

    folder = arguments.game_dir
    host, port = arguments.host or DEFAULT_HOST, arguments.port or DEFAULT_PORT
    try:
        if arguments.links:
            last_host, last_port = last_address(folder)
            host, port = arguments.host or last_host, arguments.port or last_port
            print_links(folder, host, port, write_turn_outputs, _class_debrief, _say)
            return EXIT_OK
        # The teacher who names the class's language with --lang gets it on every page (see game.server.language).
        named_language = getattr(arguments, "language_asked", None) is not None
        serve(folder, host, port, write_turn_outputs, _class_debrief, _say, follow_browser=not named_language)
    except ClassGameError as error:
        raise CommandError(error.messages) from None
    except InputFileError as error:
        raise CommandError([str(problem) for problem in error.problems]) from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError([
                _("port {port} is already in use on {host} (a class server already running, or another program): "
                  "stop it, or start on another port, e.g. {command}").format(
                    port=port, host=host, command=serve_command(folder, host, port + 1))
            ]) from None
        raise CommandError([_("cannot serve on {host}:{port}: {error}").format(
            host=host, port=port, error=error.strerror or error)]) from None
    except KeyboardInterrupt:
        pass  # Ctrl+C: the way to stop the server
    _say(_("class server stopped; the join codes, page links and submissions are kept in {folder}: "
           "'{command}' starts it again").format(folder=folder, command=serve_command(folder, host, port)))
    return EXIT_OK
