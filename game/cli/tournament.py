"""The ``tournament`` command: the computer's levels played against each other, role by role."""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from rich.text import Text

from game.cli.common import (
    EXIT_OK,
    MAX_LOCKSTEP_RUNS,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    bounded_int,
    console,
    load_world,
    printable,
    refuse_foreign_output,
    require_memory,
    scenario_title,
    seed_int,
    target_cell,
    writing_outputs,
    wrote,
)
from game.engine.ai.policy import LEVEL_NAMES, PAR_LEVELS, Level, parse_level
from game.engine.ai.tournament import (
    AGENCY_TARGET,
    TournamentResult,
    agency,
    line_ups,
    play_tournament,
    suggest_pars,
    wilson,
    win_rates_at,
)
from game.engine.codes import ROLES
from game.engine.world import World
from game.i18n import N_, _, format_number, format_share, ngettext
from game.i18n.phrases import turn_count
from game.io.atomic import write_text_atomic
from game.play.batch import TOURNAMENT_WORK_PER_RUN, lockstep_memory
from game.report.terminal import make_table

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector tournament SCENARIO --runs N [--seed S]``: AI levels against each other, role by role.

Plays, on the same N seeds (so every comparison is paired):
  all:easy, all:normal, all:hard   every role at one level
  ROLE:easy, ROLE:hard, ROLE:pass  every role normal except ROLE (pass: ROLE gives no orders)

and prints
  1. win rates per role with every role at the same level (95% Wilson intervals),
  2. paired rates per role: hard beats normal (ROLE:hard vs all:normal) and normal
     beats easy (all:normal vs ROLE:easy) — "beats" means a higher final score for
     that role in the game with the same seed,
  3. which actions each level chose how often (share of its orders),
  4. agency per role (when pass is among the levels, as by default): how far normal beats
     passing, (mean final score of all:normal − mean of ROLE:pass) ÷ the standard
     deviation over seeds of the role's final score in all:normal; the target is 3.
With --out DIR it also writes tournament.json with every figure."""
)
EXAMPLE = (
    "multivector tournament sandbox --runs 200 --seed 1",
    "multivector tournament tutorial --runs 50 --levels easy normal --out out/bracket",
    "multivector tournament gas_union --runs 100 --levels normal pass",
)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "tournament",
        _("pit AI levels against each other role by role: win rates, paired wins, action shares, agency"),
        _(DESCRIPTION),
        EXAMPLE,
    )
    add_scenario_argument(parser)
    parser.add_argument(
        "--runs", type=bounded_int(1, MAX_LOCKSTEP_RUNS), required=True,
        help=_("games per line-up, 1 to {most} (e.g. 200)").format(most=format_number(MAX_LOCKSTEP_RUNS)),
    )
    parser.add_argument("--seed", type=seed_int, default=1, help=_("random seed (default 1)"))
    parser.add_argument(
        "--levels", nargs="+", default=list(LEVEL_NAMES), metavar="LEVEL",
        help=_("levels to compare (default: {levels}); 'normal pass' prints only the agency table").format(
            levels=" ".join(LEVEL_NAMES)),
    )
    add_turns_option(parser)
    add_settings_option(parser)
    add_out_option(parser, required=False, files=_("{file} (replaced whole)").format(file="tournament.json"))
    parser.add_argument(
        "--calibrate", action="store_true",
        help=_("also print victory pars (per level, the median final score with every role at that level) "
               "and the win rates they give"),
    )
    parser.set_defaults(handler=run)


def _percent(value: float) -> str:
    return format_share(value)


def _interval(low: float, high: float) -> str:
    return f"{format_number(100 * low)}–{format_number(100 * high)}"


def run(arguments: argparse.Namespace) -> int:
    """Play the tournament and print its tables."""
    try:
        levels = sorted({parse_level(text) for text in arguments.levels})
    except ValueError as error:
        raise CommandError([str(error)]) from None
    if Level.PASS in levels and Level.NORMAL not in levels:
        levels = sorted([*levels, Level.NORMAL])  # pass is compared with all:normal
    loaded = load_world(arguments.scenario, arguments.settings, arguments.turns)
    world = loaded.world
    games = arguments.runs * len(line_ups(levels))  # every line-up's games are played together
    require_memory(lockstep_memory(world, games, TOURNAMENT_WORK_PER_RUN), "--runs (or the --levels)")
    refuse_foreign_output(arguments)
    started = time.perf_counter()
    title = scenario_title(loaded.loaded)
    spinner = Text(printable(_("tournament: {title}").format(title=title)))
    with console.status(spinner, spinner="dots") if console.is_terminal else _Quiet():
        result = play_tournament(world, arguments.runs, arguments.seed, levels)
    seconds = time.perf_counter() - started
    figures = summarise(result, levels, world.actions.ids)
    console.print(
        Text.assemble(
            (printable(title), "bold"),
            " — " + _("{games} per line-up, seed {seed}, {turns} ({seconds} s)").format(
                games=ngettext("{count} paired game", "{count} paired games", arguments.runs).format(
                    count=format_number(arguments.runs)),
                seed=arguments.seed, turns=turn_count(world.turns), seconds=format_number(seconds, 1)),
        )
    )
    _print_tables(figures, result, levels, world.victory)
    if not world.has_targets:
        full = loaded.loaded.scenario.turns
        console.print(ngettext(
            "no win rates: the scenario's victory targets are for its full {quarters} quarter",
            "no win rates: the scenario's victory targets are for its full {quarters} quarters", full,
        ).format(quarters=format_number(full))
            + (" " + _("(pars suggested below are for this shortened game only)") if arguments.calibrate else ""))
    if arguments.calibrate:
        _print_calibration(figures, result, levels, world)
    if arguments.out is not None:
        with writing_outputs(arguments) as out:
            write_text_atomic(out / "tournament.json", json.dumps(figures, indent=2) + "\n")
        console.print(wrote([arguments.out / "tournament.json"]), markup=False)
    return EXIT_OK


def _print_calibration(figures: dict[str, object], result: TournamentResult, levels: list[Level], world: World) -> None:
    """Suggested pars, the win rates they give, and the ``victory:`` block to paste."""
    pars = suggest_pars(result, world.victory)
    figures["suggested_victory"] = {
        role: {level.label: float(pars[int(level), i]) for level in PAR_LEVELS} for i, role in enumerate(ROLES)
    }
    levels = [level for level in levels if level in PAR_LEVELS]
    table = make_table(
        console, _("Win rates at the suggested pars (median of each all:<level>)"),
        _("role"), _("par {levels}").format(levels=" / ".join(level.label for level in levels)),
        *[level.label for level in levels],
    )
    at: dict[str, dict[str, list[float]]] = {}
    for level in levels:
        rate = win_rates_at(result, f"all:{level.label}", pars, world)
        low, high = wilson(np.round(rate * result.runs), result.runs)
        at[level.label] = {role: [float(rate[i]), float(low[i]), float(high[i])] for i, role in enumerate(ROLES)}
    for i, role in enumerate(ROLES):
        table.add_row(role, " / ".join(format_number(pars[int(level), i], 2) for level in levels), *[
            f"{_percent(at[lv.label][role][0])} ({_interval(*at[lv.label][role][1:])})" for lv in levels
        ])
    console.print(table)
    figures["win_rates_at_suggested"] = at
    console.print(_("suggested victory block (paste into the scenario file):"))
    console.print("victory:", markup=False)
    for i, role in enumerate(ROLES):
        console.print(
            f"  {role}: {{" + ", ".join(f"{level.label}: {pars[int(level), i]:.2f}" for level in PAR_LEVELS) + "}",
            markup=False,
        )


class _Quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def summarise(result: TournamentResult, levels: list[Level], action_ids: tuple[str, ...]) -> dict[str, object]:
    """Every figure of the tournament as plain data (for JSON and tests)."""
    played = levels
    levels = [level for level in levels if level in PAR_LEVELS]  # pass has no all:pass line-up nor orders
    win_rates: dict[str, dict[str, list[float]]] = {}
    for level in levels:
        rate, low, high = result.win_rate(f"all:{level.label}")
        mean = result.scores[result.index(f"all:{level.label}")].mean(axis=0)
        win_rates[level.label] = {
            role: [float(rate[i]), float(low[i]), float(high[i]), float(mean[i])] for i, role in enumerate(ROLES)
        }
    paired: dict[str, dict[str, list[float]]] = {}
    for better, worse in ((Level.HARD, Level.NORMAL), (Level.NORMAL, Level.EASY)):
        if better not in levels or worse not in levels:
            continue
        rows = {}
        for i, role in enumerate(ROLES):
            if better is Level.HARD:
                rows[role] = list(result.paired(f"{role}:hard", "all:normal", i))
            else:
                rows[role] = list(result.paired("all:normal", f"{role}:easy", i))
        paired[f"{better.label}>{worse.label}"] = rows
    choices: dict[str, dict[str, float]] = {}
    for level in levels:
        counts = result.level_choices(level)
        total = max(counts.sum(), 1.0)
        choices[level.label] = {action_ids[a]: float(counts[a] / total) for a in np.argsort(-counts) if counts[a] > 0}
    figures: dict[str, object] = {
        "runs": result.runs, "win_rates": win_rates, "paired": paired, "action_shares": choices
    }
    if Level.PASS in played:
        figures["agency"] = agency_figures(result)
    return figures


def agency_figures(result: TournamentResult) -> dict[str, dict[str, float]]:
    """Per role: normal and pass mean final scores, normal's SD, the SD multiple and the paired beat rate."""
    measured = agency(result)
    return {
        role: {
            "normal_mean": float(measured.normal_mean[i]),
            "pass_mean": float(measured.pass_mean[i]),
            "normal_sd": float(measured.normal_sd[i]),
            "sd_multiple": float(measured.sd_multiple[i]),
            "normal_beats_pass": float(measured.beats[i]),
            "paired_multiple": float(measured.paired_multiple[i]),
        }
        for i, role in enumerate(ROLES)
    }


def _print_tables(
    figures: dict[str, object], result: TournamentResult, levels: list[Level], victory: np.ndarray
) -> None:
    levels = [level for level in levels if level in PAR_LEVELS]
    win_rates: dict[str, dict[str, list[float]]] = figures["win_rates"]  # type: ignore[assignment]
    columns = [name for level in levels for name in (_("{level} wins").format(level=level.label), _("par"))]
    table = make_table(
        console, _("Win rates (95% CI), every role at one level, at its par"), _("role"), *columns
    )
    for i, role in enumerate(ROLES):
        cells = []
        for level in levels:
            rate, low, high, _mean = win_rates[level.label][role]
            shown = f"{_percent(rate)} ({_interval(low, high)})" if np.isfinite(victory).all() else "—"
            cells += [shown, target_cell(victory[int(level), i])]
        table.add_row(role, *cells)
    console.print(table)
    paired: dict[str, dict[str, list[float]]] = figures["paired"]  # type: ignore[assignment]
    if paired:
        names = list(paired)
        columns = []
        for name in names:
            better, _beats, worse = name.partition(">")
            columns += [_("{better} beats {worse}").format(better=better, worse=worse), _("95% CI")]
        table = make_table(console, _("Paired games: only this role's level changes"), _("role"), *columns)
        for role in ROLES:
            cells = []
            for name in names:
                rate, low, high = paired[name][role]
                cells += [_percent(rate), _interval(low, high)]
            table.add_row(role, *cells)
        console.print(table)
    shares: dict[str, dict[str, float]] = figures["action_shares"]  # type: ignore[assignment]
    table = make_table(
        console, _("Which actions each level chose (share of its orders)"), _("action"), *[lv.label for lv in levels]
    )
    actions = sorted(
        {a for level in shares.values() for a in level},
        key=lambda a: (-max(s.get(a, 0.0) for s in shares.values()), a),  # ties by name, not set order
    )
    for action in actions:
        table.add_row(action, *[_percent(shares[level.label].get(action, 0.0)) for level in levels])
    console.print(table)
    if "agency" in figures:
        _print_agency(figures["agency"], result.runs)  # type: ignore[arg-type]


def _print_agency(rows: dict[str, dict[str, float]], runs: int) -> None:
    """The agency table: per role, how many SDs of its normal final score normal beats passing by."""
    table = make_table(
        console,
        ngettext("Agency: the role plays normal or passes (no orders), the others normal, {runs} paired seed",
                 "Agency: the role plays normal or passes (no orders), the others normal, {runs} paired seeds",
                 runs).format(runs=format_number(runs)),
        _("role"), _("normal mean"), _("pass mean"), _("normal SD"), _("(normal − pass) ÷ SD"),
        _("≥ {target} SD").format(target=format_number(AGENCY_TARGET)), _("normal beats pass"),
        _("paired gap ÷ its SD"),
    )
    for role in ROLES:
        row = rows[role]
        multiple = row["sd_multiple"]
        table.add_row(
            role, *(format_number(row[key], 2) for key in ("normal_mean", "pass_mean", "normal_sd")),
            format_number(multiple, 1), _("yes") if multiple >= AGENCY_TARGET else _("no"),
            _percent(row["normal_beats_pass"]), format_number(row["paired_multiple"], 1),
        )
    console.print(table)
