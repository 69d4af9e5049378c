"""The ``sensitivity`` command: Sobol or Morris indices of the levers (SALib)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import numpy as np

from game.analysis.levers import LeverError, check_values, lever_ranges, range_of
from game.cli.batch import add_ai_option, add_format_option, require_analysis
from game.cli.common import (
    EXIT_OK,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    bounded_int,
    console,
    errors,
    load_world,
    writing_outputs,
    wrote,
)
from game.cli.sweep import add_runs_and_seed, play_points
from game.i18n import N_, _, format_number, ngettext
from game.i18n.phrases import point_count, run_count
from game.io.atomic import write_atomic
from game.play.metrics import METRIC_INDEX, METRICS
from game.play.scenario import ScenarioSetup
from game.report.terminal import make_table

if TYPE_CHECKING:
    from game.analysis.sensitivity import SensitivityResult

MAX_SAMPLES = 65_536
MAX_POINTS = 1_000_000
DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector sensitivity SCENARIO --levers a,b,c --method sobol|morris --runs N --seed S --out DIR``.

Which lever matters most for each role's score and each headline dependence? SALib
chooses points in the levers' ranges (Sobol: ``--samples`` N base samples, N × (levers + 2)
points; Morris: N trajectories, N × (levers + 1) points); each point is a batch of
``--runs`` games with common random numbers, and the mean over its runs is the outcome
analysed. A lever is written ``a`` (its declared range) or ``a=LOW:HIGH``; with no
``--levers`` every declared lever is used. See docs/sensitivity.md for how to read the
indices.

Writes:
  sensitivity.csv   one row per measure × lever × index: value and conf (half-width of the
                    95% bootstrap interval). Sobol: S1 (first order), ST (total);
                    Morris: mu_star (with conf), mu and sigma (points on the 0–100 scale)
  sweep.csv         one row per point × measure: lever values and mean, sd, p10, median, p90
  sensitivity.png   the main index (ST or mu_star) with its interval, per lever
With ``--format parquet`` the two tables are .parquet files. Needs the analysis extra
(pip install multivector[analysis])."""
)
EXAMPLE = (
    "multivector sensitivity europe_woos --levers west_funding,russia_pushback,shock_scale --method sobol \\\n"
    "      --samples 64 --runs 50 --seed 1 --out out/sobol",
    "multivector sensitivity sandbox --levers shock_scale,noise=0:0.01 --method morris --samples 20 --runs 50 \\\n"
    "      --seed 1 --out out/morris",
)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(commands, "sensitivity", _("which lever matters most: Sobol or Morris indices (SALib)"),
                         _(DESCRIPTION), EXAMPLE)
    add_scenario_argument(parser)
    parser.add_argument("--levers", default=None, metavar="A,B=LOW:HIGH,...",
                        help=_("levers to analyse, comma-separated (default: every lever the scenario declares)"))
    parser.add_argument("--method", choices=("sobol", "morris"), default="sobol",
                        help=_("sobol: variance shares, S1 and ST (default); morris: elementary effects, cheaper"))
    parser.add_argument("--samples", type=bounded_int(2, MAX_SAMPLES), default=None,
                        help=_("Sobol base samples N, a power of 2 (default 64); Morris trajectories (default 20)"))
    add_runs_and_seed(parser, 50)
    add_out_option(parser, required=True, files=_("the output files (replaced whole)"))
    add_turns_option(parser)
    add_settings_option(parser)
    add_ai_option(parser)
    add_format_option(parser, "sensitivity, sweep")
    parser.set_defaults(handler=run, per_run=False)


def chosen_ranges(arguments: argparse.Namespace, setup: ScenarioSetup) -> dict[str, tuple[float, float]]:
    """The levers and ranges ``--levers`` asks for; a CommandError for a bad one."""
    ranges = lever_ranges(setup.loaded)
    asked = ([text.strip() for text in arguments.levers.split(",") if text.strip()] if arguments.levers
             else [name for name, spec in ranges.items() if spec.declared is not None])
    try:
        if len(asked) < 2:
            raise LeverError(_("--levers: name at least two levers (one lever's share of the variance is all of it)"))
        chosen: dict[str, tuple[float, float]] = {}
        for text in asked:
            name, low, high = range_of(text, ranges, "--levers")
            if name in chosen:
                raise LeverError(_("{option} {lever}: given more than once").format(option="--levers", lever=name))
            chosen[name] = (low, high)
        check_values(setup.loaded, list(chosen), np.array(list(chosen.values())).T, "--levers")
    except LeverError as error:
        raise CommandError([str(error)]) from None
    return chosen


def run(arguments: argparse.Namespace) -> int:
    """Sample, play every point, analyse, write the table and the chart."""
    require_analysis("sensitivity")
    from game.analysis.charts import sensitivity_chart
    from game.analysis.frames import write_table
    from game.analysis.sensitivity import point_count, sensitivity

    setup = load_world(arguments.scenario, arguments.settings, arguments.turns)
    ranges = chosen_ranges(arguments, setup)
    method = arguments.method
    samples = arguments.samples or (64 if method == "sobol" else 20)
    if method == "sobol" and samples & (samples - 1):
        raise CommandError([_("--samples {samples}: Sobol needs a power of 2, e.g. {lower} or {higher}").format(
            samples=samples, lower=1 << samples.bit_length() - 1, higher=1 << samples.bit_length())])
    count = point_count(len(ranges), method, samples)
    if count > MAX_POINTS:
        raise CommandError([ngettext(
            "{count} point to play; at most {most} (fewer --samples or levers)",
            "{count} points to play; at most {most} (fewer --samples or levers)", count,
        ).format(count=format_number(count), most=format_number(MAX_POINTS))])
    result: SensitivityResult = play_points(
        arguments, setup, count,
        lambda **options: sensitivity(setup, ranges, method, samples, arguments.seed, arguments.runs, **options),
    )
    title = (f"{setup.world.title}: {method.capitalize()}, {count:,} points × {arguments.runs:,} runs, "
             f"seed {arguments.seed}")
    with writing_outputs(arguments) as out:
        written = [
            write_table(result.indices, out / "sensitivity", arguments.format),
            write_table(result.sweep.summary(), out / "sweep", arguments.format),
        ]
        write_atomic(out / "sensitivity.png", sensitivity_chart(result, title))
        written.append(out / "sensitivity.png")
    _print_indices(result, count, arguments.runs)
    for note in result.notes:
        errors.print(_("warning: {warning}").format(warning=note), soft_wrap=True)
    console.print(wrote([arguments.out / path.name for path in written]), soft_wrap=True)
    return EXIT_OK


def _print_indices(result: SensitivityResult, count: int, runs: int) -> None:
    """The main index ± its 95% half-width, one row per analysed measure, one column per lever."""
    from game.analysis.sensitivity import ANALYSED  # pandas only when the command runs

    chosen = result.indices[result.indices["index"] == result.main_index].set_index(["measure", "lever"])
    name = {"ST": _("total Sobol index ST"), "mu_star": _("Morris mu* (points)")}[result.main_index]
    title = _("{index} ± 95% half-width ({points} × {runs})").format(
        index=name, points=point_count(count), runs=run_count(runs))
    table = make_table(console, title, _("measure"), *result.levers)
    for column in ANALYSED:
        key = METRICS[column].key
        cells = []
        for lever in result.levers:
            value, conf = chosen.loc[(key, lever), ["value", "conf"]]
            cells.append(_("does not vary") if np.isnan(value)
                         else f"{format_number(value, 2)} ±{format_number(conf, 2)}")
        table.add_row(METRICS[METRIC_INDEX[key]].label, *cells)
    console.print(table)
