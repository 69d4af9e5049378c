"""The ``hindcast`` command: the model played over 2022-2025 against published figures."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.cli.common import (
    EXIT_OK,
    MAX_LOCKSTEP_RUNS,
    CommandError,
    add_command,
    add_out_option,
    band_cell,
    bounded_int,
    console,
    load_world,
    problems_error,
    refuse_foreign_output,
    require_memory,
    seed_int,
    writing_outputs,
    wrote,
)
from game.engine.codes import is_quarter, quarter_index, quarter_name
from game.i18n import N_, _, format_number, format_share, format_signed, ngettext
from game.io.atomic import write_text_atomic
from game.io.csvtext import csv_text
from game.play.batch import HINDCAST_WORK_PER_RUN, lockstep_memory
from game.play.hindcast import (
    CSV_COLUMNS,
    OBSERVED_DIR,
    WITHIN_POINTS,
    Comparison,
    HindcastResult,
    hindcast,
    load_observed,
    share_within,
    table_rows,
)
from game.report.terminal import make_table
from game.scenario.errors import InputFileError

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector hindcast [SCENARIO] --runs N --seed S --out DIR``: the model against the published record.

Plays a historical scenario (default ``sanctions``: the 2022 baseline from 2022Q1 with the
historical events of 2022-2025) with the normal computer player on every role, to the
latest quarter that has observed figures (``scenarios/observed/*.yaml``, or ``--until``),
and compares each figure with the model's share at the end of its quarter: the median
over runs, its 10-90% band and the error in points. The start check compares the
figures of the start year with the starting state. A figure within ±5 points is a hit.

Writes (with ``--out``):
  hindcast.csv   one row per figure: check (start / hindcast), figure, country, power,
                 channel, quarter, turn, real, p10, median, p90, error_points, within,
                 estimate, source
  hindcast.json  the same rows with the shares within ±5 points, scenario, seed and runs
Same inputs, same bytes."""
)
EXAMPLE = (
    "multivector hindcast",
    "multivector hindcast sanctions --runs 200 --seed 1 --out out/hindcast",
    "multivector hindcast sanctions --until 2023Q4",
)
DEFAULT_SCENARIO = "sanctions"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "hindcast", _("play 2022-2024 and compare the model with published figures"), _(DESCRIPTION), EXAMPLE
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", nargs="?", default=DEFAULT_SCENARIO,
        help=_("scenario file or shipped scenario id (default: {scenario})").format(scenario=DEFAULT_SCENARIO),
    )
    parser.add_argument(
        "--runs", type=bounded_int(1, MAX_LOCKSTEP_RUNS), default=200,
        help=_("how many games, 1 to {most} (default 200)").format(most=format_number(MAX_LOCKSTEP_RUNS)),
    )
    parser.add_argument("--seed", type=seed_int, default=1, help=_("random seed (default 1)"))
    add_out_option(parser, required=False, files=_("{file} (replaced whole)").format(
        file="hindcast.csv, hindcast.json"))
    parser.add_argument("--until", metavar="QUARTER", help=_("compare figures up to this quarter only, e.g. 2023Q4"))
    parser.add_argument(
        "--observed", type=Path, default=OBSERVED_DIR, metavar="DIR",
        help=_("folder of observed-figure files (default: the shipped scenarios/observed)"),
    )
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    """Play, compare, print the tables and write the files."""
    if arguments.until is not None and not is_quarter(arguments.until):
        raise CommandError([_("--until {quarter} is not a quarter like 2023Q4").format(quarter=repr(arguments.until))])
    try:
        figures = load_observed(arguments.observed)
    except InputFileError as error:
        raise problems_error(error.problems) from None
    setup = load_world(arguments.scenario, [])
    first = quarter_name(setup.world.start_quarter)
    if arguments.until is not None and quarter_index(arguments.until) < setup.world.start_quarter:
        raise CommandError([_("--until {quarter} is before the scenario's first quarter, {first}").format(
            quarter=arguments.until, first=first)])
    require_memory(lockstep_memory(setup.world, arguments.runs, HINDCAST_WORK_PER_RUN), "--runs")
    refuse_foreign_output(arguments)
    result = hindcast(setup, figures, arguments.runs, arguments.seed, arguments.until)
    print_result(result)
    latest = max((figure.quarter for figure in figures), key=quarter_index, default=None)
    if arguments.until is not None and latest is not None and quarter_index(arguments.until) > quarter_index(latest):
        note = _("(the latest observed figure is of {latest}: the hindcast stops there, not at {until})").format(
            latest=latest, until=arguments.until)
        console.print(note, soft_wrap=True)
    if arguments.out is not None:
        rows = table_rows(result)
        with writing_outputs(arguments) as out:
            table = (tuple(row[column] for column in CSV_COLUMNS) for row in rows)
            write_text_atomic(out / "hindcast.csv", csv_text(CSV_COLUMNS, table))
            write_text_atomic(out / "hindcast.json", json_text(result, rows))
        console.print(wrote([arguments.out / "hindcast.csv", arguments.out / "hindcast.json"]), soft_wrap=True)
    return EXIT_OK


def json_text(result: HindcastResult, rows: list[dict[str, str | int | float | bool]]) -> str:
    """The result as JSON text: what was played, the shares within ±5 points, and the rows."""
    summary = {
        "scenario": result.scenario_id,
        "seed": result.seed,
        "runs": result.runs,
        "start_quarter": result.start_quarter,
        "last_quarter": result.last_quarter,
        "within_points": WITHIN_POINTS,
        "start_share_within": share_within(result.start),
        "hindcast_share_within": share_within(result.played),
        "rows": rows,
    }
    return json.dumps(summary, indent=2, sort_keys=True) + "\n"


def print_result(result: HindcastResult) -> None:
    """The start check and the hindcast as tables, each followed by its share within ±5 points."""
    start_year = result.start_quarter[:4]
    _print_table(_("Start check: {year} figures against the starting state").format(year=start_year), result.start)
    console.print(_share_line(_("Start"), result.start))
    if result.played:
        _print_table(
            ngettext(
                "Hindcast: {runs} run from {first} to {last}, seed {seed} (model median [10-90%])",
                "Hindcast: {runs} runs from {first} to {last}, seed {seed} (model median [10-90%])", result.runs,
            ).format(runs=format_number(result.runs), first=result.start_quarter, last=result.last_quarter,
                     seed=result.seed),
            result.played,
        )
    console.print(_share_line(_("Hindcast"), result.played))
    console.print(_("* an estimate: derived from published amounts or reported as approximate (see its note)"))
    console.print(_("✗ the model's median is more than {points} points from the published value").format(
        points=format_number(WITHIN_POINTS)))


def _print_table(title: str, comparisons: tuple[Comparison, ...]) -> None:
    rows = [
        (
            comparison.figure.id,
            comparison.figure.quarter,
            format_number(100 * comparison.figure.value, 1) + ("*" if comparison.figure.estimate else ""),
            band_cell(100 * comparison.p10, 100 * comparison.median, 100 * comparison.p90),
            # A real minus sign, as the report's tables write one.
            format_signed(comparison.error_points, 1).replace("-", "−") + ("" if comparison.is_within else " ✗"),
        )
        for comparison in comparisons
    ]
    headers = (_("figure"), _("quarter"), _("real %"), _("model % [10–90%]"), _("error, points"))
    table = make_table(console, title, *headers, right=2)
    widths = [max([len(header), *(len(row[index]) for row in rows)]) for index, header in enumerate(headers)]
    for column, width in zip(table.columns, widths, strict=True):
        column.no_wrap, column.min_width = True, width  # one line per figure: only the source is cut to fit
    with_source = console.width >= sum(widths) + 2 * len(widths) + _SOURCE_WIDTH
    if with_source:
        table.add_column(_("source"), no_wrap=True, overflow="ellipsis", min_width=_SOURCE_WIDTH)
    for row, comparison in zip(rows, comparisons, strict=True):
        source = comparison.figure.source
        table.add_row(*row, *([f"{source.publication}, {source.year}"] if with_source else []))
    console.print(table)
    if not with_source:
        console.print(_("(sources: in hindcast.csv with --out, or a terminal of 100 columns or more)"))


_SOURCE_WIDTH = 16  # narrowest useful source column; narrower terminals leave it out


def _share_line(label: str, comparisons: tuple[Comparison, ...]) -> str:
    share = share_within(comparisons)
    if share is None:
        return _("{label}: no figures to compare").format(label=label)
    hits = sum(comparison.is_within for comparison in comparisons)
    return ngettext(
        "{label}: {share} within ±{points} points ({hits} of {count} figure)",
        "{label}: {share} within ±{points} points ({hits} of {count} figures)", len(comparisons),
    ).format(label=label, share=format_share(share), points=format_number(WITHIN_POINTS), hits=hits,
             count=len(comparisons))
