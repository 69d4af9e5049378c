"""The ``run`` command: one game played headless, its files written."""

from __future__ import annotations

import argparse

from rich.table import Table

from game.cli.common import (
    EXIT_OK,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    console,
    load_world,
    refuse_foreign_output,
    require_memory,
    run_index,
    scenario_title,
    seed_int,
    target_cell,
    writing_outputs,
    wrote,
)
from game.engine.ai.policy import parse_level, victory
from game.engine.codes import ROLES
from game.i18n import N_, _, format_number, ngettext, place_name
from game.io.export import write_run_outputs
from game.io.save import write_save
from game.play.batch import recorded_game_memory
from game.play.match import Match
from game.play.texts import scenario_words
from game.play.victory import do_nothing_baseline, do_nothing_roles, standings, target_words
from game.scenario.library import portable_path

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector run SCENARIO --seed N --out DIR``: one headless game, every role played by the computer.

Writes history.csv (one row per turn × variable), ledger.csv (one row per
turn × variable × cause), summary.json (final scores and autonomy), save.json
(the record of play, loadable in the game) and dependence.png."""
)
EXAMPLE = ("multivector run sandbox --seed 7 --turns 12 --set noise=0.002 --ai RU=hard --out out/sandbox-7",)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "run", _("play one game headless and write CSV, JSON and a chart"), _(DESCRIPTION), EXAMPLE
    )
    add_scenario_argument(parser)
    parser.add_argument("--seed", type=seed_int, required=True, help=_("random seed (same seed, same game)"))
    add_out_option(parser, required=True, files=_("the output files (replaced whole)"))
    add_turns_option(parser)
    parser.add_argument("--run", type=run_index, default=0, help=_("which world of a batch to replay (default 0)"))
    add_settings_option(parser)
    parser.add_argument(
        "--ai", dest="ai", action="append", default=[], metavar="ROLE=LEVEL",
        help=_("computer level for a role (easy, normal, hard, or pass: no orders; 'all=hard' for every role; "
               "default normal)"),
    )
    parser.set_defaults(handler=run)


def parse_ai_levels(settings: list[str]) -> dict[str, str]:
    """Read ``ROLE=LEVEL`` settings (``all=LEVEL`` sets every role first)."""
    levels: dict[str, str] = {}
    for setting in sorted(settings, key=lambda text: not text.lower().startswith("all=")):
        role, separator, text = setting.partition("=")
        role = role.strip().upper()
        if not separator or (role not in ROLES and role != "ALL"):
            raise CommandError([_("--ai {setting}: write ROLE=LEVEL with a role among {roles} or all").format(
                setting=repr(setting), roles=", ".join(ROLES))])
        try:
            level = parse_level(text).label
        except ValueError as error:
            raise CommandError([f"--ai {setting!r}: {error}"]) from None
        for target in ROLES if role == "ALL" else (role,):
            levels[target] = level
    return levels


def run(arguments: argparse.Namespace) -> int:
    """Play the game to its end and write the outputs."""
    setup = load_world(arguments.scenario, arguments.settings, arguments.turns)
    require_memory(recorded_game_memory(setup.world, setup.world.turns), "--turns")
    levels = parse_ai_levels(arguments.ai)
    refuse_foreign_output(arguments)
    match = Match.new(setup, arguments.seed, levels=levels, run=arguments.run, scenario_path=portable_path(setup.path))
    match.play_to_end()
    game = match.game
    baseline = do_nothing_baseline(match)
    with writing_outputs(arguments) as out:
        paths = write_run_outputs(game, out, arguments.seed, setup.settings, levels, baseline)
        write_save(out / "save.json", match.save_file())
        from game.report.charts import dependence_chart  # matplotlib loads only when a chart is drawn

        dependence_chart(game, out / "dependence.png", title=scenario_words(setup.loaded).texts.title)
        written = [arguments.out / path.name for path in [*paths, out / "save.json", out / "dependence.png"]]
    played = ngettext("{title} — seed {seed}, {turns} turn", "{title} — seed {seed}, {turns} turns", game.turn)
    title = scenario_title(setup.loaded)
    table = Table(title=played.format(title=title, seed=arguments.seed, turns=format_number(game.turn)))
    table.add_column(_("role"))
    table.add_column(_("score"), justify="right")
    table.add_column(_("target"), justify="right")
    table.add_column(_("result"))
    scores = game.records[-1].scores[0]
    targets, won = victory(setup.world, scores, levels, baseline)
    for standing in sorted(standings(match, scores, targets, won), key=lambda s: ROLES.index(s.role)):
        table.add_row(
            f"{standing.role} {place_name(standing.role)}", format_number(standing.score, 2),
            target_cell(standing.target),
            standing.result(),
        )
    console.print(table)
    if not setup.world.has_targets:
        full = setup.loaded.scenario.turns
        console.print(ngettext("no victory targets: the scenario's are for its full {quarters} quarter",
                               "no victory targets: the scenario's are for its full {quarters} quarters",
                               full).format(quarters=format_number(full)))
    else:
        paired = do_nothing_roles(match)
        for role in paired:
            console.print(_(
                "Target of {role}: {target} (the same year, with the same events, luck and opponents, and no orders "
                "from it)."
            ).format(role=role, target=target_words(match, role, targets[ROLES.index(role)])))
        pars = (
            _("Other targets: each role's par, the median score of the computer's own games in that role against "
              "these opponents (so the computer reaches it in about half of them).") if paired
            else _("Targets: each role's par, the median score of the computer's own games in that role against "
                   "these opponents (so the computer reaches it in about half of them).")
        )
        console.print(pars)
    console.print(wrote(written), markup=False)
    return EXIT_OK
