"""The ``sweep`` command: batches over a grid or a Latin hypercube of lever values."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from game.analysis.levers import (
    LeverError,
    check_values,
    grid_points,
    grid_values,
    latin_hypercube,
    lever_ranges,
    range_of,
)
from game.cli.batch import MAX_WORKERS_FLAG, add_ai_option, add_format_option, ai_levels, require_analysis
from game.cli.common import (
    EXIT_OK,
    MAX_BATCH_RUNS,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    bounded_int,
    capped_workers,
    console,
    errors,
    load_world,
    refuse_foreign_output,
    require_memory,
    seed_int,
    writing_outputs,
    wrote,
)
from game.engine.codes import ROLES
from game.i18n import N_, _, format_number, ngettext
from game.io.atomic import write_atomic
from game.play.batch import batch_memory, default_workers, worker_count
from game.play.metrics import METRIC_INDEX, METRICS
from game.play.scenario import ScenarioSetup
from game.report.terminal import make_table

if TYPE_CHECKING:
    from game.analysis.sweep import SweepResult

MAX_POINTS = 10_000
MAX_PER_RUN_ROWS = 50_000_000  # --per-run: point × run × measure rows (about 2 GB as a DataFrame)
SHOWN_POINTS = 20
DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector sweep SCENARIO --lever a=0:2:5 --lever b=0.5,1,1.5 --runs N --seed S --out DIR``.

Plays a batch at every point of a grid of lever values (every combination), or at
``--points N`` points of a Latin hypercube (``--sample lhs``, over each ``--lever``'s
range: its declared one, or ``--lever a=LOW:HIGH``; every declared lever when none is
named). Every point plays the same runs of the same seed (common random numbers), so
differences between points are the levers' doing; the point with every lever at its
default is, run for run, the plain ``multivector batch``.

Writes:
  points.csv          one row per point: its lever values
  sweep.csv           one row per point × measure: mean, sd, p10, median, p90 over runs
  runs.csv            with --per-run: one row per point × run × measure (final value)
  sweep_scores.png    each role's mean score against each lever
  sweep_dependence.png  each country's dependence on each power against each lever
With ``--format parquet`` the tables are .parquet files. Needs the analysis extra
(pip install multivector[analysis])."""
)
EXAMPLE = (
    "multivector sweep sandbox --lever shock_scale=0:3:7 --runs 200 --seed 1 --out out/shocks",
    "multivector sweep europe_woos --lever west_funding=0,1,2,3 --lever russia_pushback=0:2:3 --runs 100 \\\n"
    "      --seed 1 --out out/grid",
    "multivector sweep europe_woos --sample lhs --points 50 --runs 100 --seed 1 --format parquet --out out/lhs",
)

Played = TypeVar("Played")


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(commands, "sweep", _("play a batch at every point of a grid or sample of lever values"),
                         _(DESCRIPTION), EXAMPLE)
    add_scenario_argument(parser)
    parser.add_argument(
        "--lever", dest="levers", action="append", default=[], metavar="LEVER=VALUES",
        help=_("a lever and its values: START:STOP:COUNT or V1,V2,... (grid); LEVER or LEVER=LOW:HIGH with "
               "--sample lhs (repeatable)"),
    )
    parser.add_argument("--sample", choices=("grid", "lhs"), default="grid",
                        help=_("grid: every combination of the values (default); lhs: a Latin hypercube"))
    parser.add_argument("--points", type=bounded_int(1, MAX_POINTS), default=None,
                        help=_("points of the Latin hypercube (--sample lhs), 1 to {most}").format(
                            most=format_number(MAX_POINTS)))
    add_runs_and_seed(parser, 100)
    add_out_option(parser, required=True, files=_("the output files (replaced whole)"))
    add_turns_option(parser)
    add_settings_option(parser)
    add_ai_option(parser)
    add_format_option(parser, "sweep")
    parser.add_argument("--per-run", action="store_true",
                        help=_("also write every run's final outcomes at every point (runs.csv / runs.parquet)"))
    parser.set_defaults(handler=run)


def add_runs_and_seed(parser: argparse.ArgumentParser, runs: int) -> None:
    """``--runs`` per point, ``--seed`` shared by every point, ``--workers`` (as batch's)."""
    parser.add_argument("--runs", type=bounded_int(1, MAX_BATCH_RUNS), default=runs,
                        help=_("runs per point, 1 to {most} (default {runs})").format(
                            most=format_number(MAX_BATCH_RUNS), runs=runs))
    parser.add_argument("--seed", type=seed_int, required=True,
                        help=_("random seed shared by every point (common random numbers)"))
    parser.add_argument("--workers", type=bounded_int(1, MAX_WORKERS_FLAG), default=None,
                        help=_("processes sharing out the points (each point's runs when there are fewer points); "
                               "default as a batch of all the points' runs; results do not depend on it"))


def chosen_points(arguments: argparse.Namespace, setup: ScenarioSetup) -> tuple[tuple[str, ...], np.ndarray]:
    """The levers and points the arguments ask for; a CommandError for any bad lever or value."""
    ranges = lever_ranges(setup.loaded)
    try:
        if arguments.sample == "lhs":
            if arguments.points is None:
                raise LeverError(_("--sample lhs needs --points N, e.g. --points 50"))
            asked = arguments.levers or [name for name, spec in ranges.items() if spec.declared is not None]
            if not asked:
                raise LeverError(_("this scenario declares no levers; name one with --lever LEVER=LOW:HIGH"))
            bounds = [range_of(text, ranges, "--lever") for text in asked]
            _distinct([name for name, _low, _high in bounds])
            names, points = latin_hypercube({name: (low, high) for name, low, high in bounds},
                                            arguments.points, arguments.seed)
        else:
            if arguments.points is not None:
                raise LeverError(_("--points is for --sample lhs; a grid's points are its --lever values"))
            if not arguments.levers:
                raise LeverError(_("name at least one --lever, e.g. --lever shock_scale=0:2:5"))
            values = dict(grid_values(text, ranges) for text in arguments.levers)
            _distinct([text.partition("=")[0].strip() for text in arguments.levers])
            names, points = grid_points(values)
        if len(points) > MAX_POINTS:
            raise LeverError(ngettext(
                "the grid has {count} point; at most {most} (use fewer values)",
                "the grid has {count} points; at most {most} (use fewer values)", len(points),
            ).format(count=format_number(len(points)), most=format_number(MAX_POINTS)))
        check_values(setup.loaded, names, points, "--lever")
    except LeverError as error:
        raise CommandError([str(error)]) from None
    return names, points


def _distinct(names: list[str]) -> None:
    """Refuse a lever named twice."""
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise LeverError(_("{option} {lever}: given more than once").format(option="--lever", lever=repeated[0]))


def play_points(
    arguments: argparse.Namespace, setup: ScenarioSetup, count: int, play: Callable[..., Played]
) -> Played:
    """Check memory, then call ``play(workers=, levels=, on_point=)`` with a progress bar of points."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    runs = arguments.runs
    world = setup.world
    levels = ai_levels(arguments.ai)
    # Processes share the points out (or, with fewer points than processes, each point's runs): as many
    # as a batch of every point's runs together would use.
    workers = worker_count(capped_workers(arguments.workers or default_workers(runs * count)), runs * count)
    at_once = workers if count >= workers else 1  # points played at the same time, each a whole batch
    require_memory(at_once * batch_memory(world, runs, world.turns, levels) + count * runs * len(METRICS) * 8,
                   "--runs or the points")
    if arguments.per_run and count * runs * len(METRICS) > MAX_PER_RUN_ROWS:
        rows = count * runs * len(METRICS)
        raise CommandError([ngettext(
            "--per-run would write {rows} row; at most {most} (fewer --runs or points)",
            "--per-run would write {rows} rows; at most {most} (fewer --runs or points)", rows,
        ).format(rows=format_number(rows), most=format_number(MAX_PER_RUN_ROWS))])
    refuse_foreign_output(arguments)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn(_("grid points")), TimeElapsedColumn(), console=errors, transient=True) as progress:
        described = ngettext("{scenario}: {runs} run a point", "{scenario}: {runs} runs a point", runs)
        task = progress.add_task(described.format(scenario=world.scenario_id, runs=format_number(runs)), total=count)

        def on_point(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return play(workers=workers, levels=levels, on_point=on_point)


def run(arguments: argparse.Namespace) -> int:
    """Play every point and write the tables and charts."""
    require_analysis("sweep")
    from game.analysis.charts import SCORE_LINES, SWEEP_GROUPS, sweep_chart
    from game.analysis.frames import write_table
    from game.analysis.sweep import sweep  # pandas only when the command runs

    setup = load_world(arguments.scenario, arguments.settings, arguments.turns)
    names, points = chosen_points(arguments, setup)
    result: SweepResult = play_points(
        arguments, setup, len(points),
        lambda **options: sweep(setup, names, points, arguments.seed, arguments.runs, **options),
    )
    title = f"{setup.world.title}: {len(points):,} points"
    with writing_outputs(arguments) as out:
        written = [
            write_table(result.point_table(), out / "points", "csv"),
            write_table(result.summary(), out / "sweep", arguments.format),
        ]
        if arguments.per_run:
            written.append(write_table(result.outcomes(), out / "runs", arguments.format))
        write_atomic(out / "sweep_scores.png", sweep_chart(result, [("Role scores", SCORE_LINES)], title))
        write_atomic(out / "sweep_dependence.png", sweep_chart(result, SWEEP_GROUPS[1:], title))
        written += [out / "sweep_scores.png", out / "sweep_dependence.png"]
    _print_points(result)
    console.print(wrote([arguments.out / path.name for path in written]), soft_wrap=True)
    return EXIT_OK


def _print_points(result: SweepResult) -> None:
    """Mean score of every role at each point (the first points when there are many)."""
    means = result.means()
    runs = result.final.shape[1]
    title = ngettext("Mean final scores at each point ({runs} run each)",
                     "Mean final scores at each point ({runs} runs each)", runs)
    table = make_table(console, title.format(runs=format_number(runs)), _("point"), *result.levers, *ROLES)
    for point in range(min(len(means), SHOWN_POINTS)):
        levers = (f"{value:.4g}" for value in result.points[point])
        scores = (format_number(means[point, METRIC_INDEX[f"score.{role}"]], 2) for role in ROLES)
        table.add_row(str(point), *levers, *scores)
    console.print(table)
    if len(means) > SHOWN_POINTS:
        console.print(ngettext(
            "(the first {shown} of {count} point; sweep.csv has all)",
            "(the first {shown} of {count} points; sweep.csv has all)", len(means),
        ).format(shown=SHOWN_POINTS, count=format_number(len(means))))
