"""``multivector hindcast [SCENARIO] --runs N --seed S --out DIR``: the model against the published record.

Plays a historical scenario (default ``sanctions``: the 2022 baseline from 2022Q1 with the
historical events of 2022-2025) with the normal computer player on every role, to the
latest quarter that has observed figures (``scenarios/observed/*.yaml``, or ``--until``),
and compares each figure with the model's share at the end of its quarter: the median
over runs, its 10-90% range and the error in points. The start check compares the
figures of the start year with the starting state. A figure within ±5 points is a hit.

Writes (with ``--out``):
  hindcast.csv   one row per figure: check (start / hindcast), figure, country, power,
                 channel, quarter, turn, real, p10, median, p90, error_points, within,
                 estimate, source
  hindcast.json  the same rows with the shares within ±5 points, scenario, seed and runs
Same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from game.cli.common import (
    EXIT_OK,
    MAX_LOCKSTEP_RUNS,
    CommandError,
    add_command,
    add_out_option,
    bounded_int,
    console,
    load_world,
    problems_error,
    refuse_foreign_output,
    require_memory,
    seed_int,
    writing_outputs,
)
from game.engine.codes import is_quarter, quarter_index, quarter_name
from game.io.atomic import write_text_atomic
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
from game.report.terminal import make_table, signed
from game.scenario.errors import InputFileError

EXAMPLE = """examples:
  multivector hindcast
  multivector hindcast sanctions --runs 200 --seed 1 --out out/hindcast
  multivector hindcast sanctions --until 2023Q4   # the first 8 quarters only"""
DEFAULT_SCENARIO = "sanctions"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "hindcast", "play 2022-2024 and compare the model with published figures", __doc__, EXAMPLE
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", nargs="?", default=DEFAULT_SCENARIO,
        help=f"scenario file or shipped scenario id (default: {DEFAULT_SCENARIO})",
    )
    parser.add_argument(
        "--runs", type=bounded_int(1, MAX_LOCKSTEP_RUNS), default=200,
        help=f"how many games, 1 to {MAX_LOCKSTEP_RUNS:,} (default 200)",
    )
    parser.add_argument("--seed", type=seed_int, default=1, help="random seed (default 1)")
    add_out_option(parser, required=False, files="hindcast.csv and hindcast.json (replaced whole)")
    parser.add_argument("--until", metavar="QUARTER", help="compare figures up to this quarter only, e.g. 2023Q4")
    parser.add_argument(
        "--observed", type=Path, default=OBSERVED_DIR, metavar="DIR",
        help="folder of observed-figure files (default: the shipped scenarios/observed)",
    )
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    """Play, compare, print the tables and write the files."""
    if arguments.until is not None and not is_quarter(arguments.until):
        raise CommandError([f"--until {arguments.until!r} is not a quarter like 2023Q4"])
    try:
        figures = load_observed(arguments.observed)
    except InputFileError as error:
        raise problems_error(error.problems) from None
    setup = load_world(arguments.scenario, [])
    first = quarter_name(setup.world.start_quarter)
    if arguments.until is not None and quarter_index(arguments.until) < setup.world.start_quarter:
        raise CommandError([f"--until {arguments.until} is before the scenario's first quarter, {first}"])
    require_memory(lockstep_memory(setup.world, arguments.runs, HINDCAST_WORK_PER_RUN), "--runs")
    refuse_foreign_output(arguments)
    result = hindcast(setup, figures, arguments.runs, arguments.seed, arguments.until)
    print_result(result)
    latest = max((figure.quarter for figure in figures), key=quarter_index, default=None)
    if arguments.until is not None and latest is not None and quarter_index(arguments.until) > quarter_index(latest):
        note = f"the latest observed figure is of {latest}: the hindcast stops there, not at {arguments.until}"
        console.print(f"({note})", soft_wrap=True)
    if arguments.out is not None:
        rows = table_rows(result)
        with writing_outputs(arguments) as out:
            write_text_atomic(out / "hindcast.csv", csv_text(rows))
            write_text_atomic(out / "hindcast.json", json_text(result, rows))
        console.print(f"wrote {arguments.out / 'hindcast.csv'}, {arguments.out / 'hindcast.json'}", soft_wrap=True)
    return EXIT_OK


def csv_text(rows: list[dict[str, str | int | float | bool]]) -> str:
    """The rows as CSV text (Unix line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


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
    _print_table(f"Start check: {start_year} figures against the starting state", result.start)
    console.print(_share_line("Start", result.start))
    if result.played:
        _print_table(
            f"Hindcast: {result.runs:,} runs from {result.start_quarter} to {result.last_quarter}, "
            f"seed {result.seed} (model median [10-90%])",
            result.played,
        )
    console.print(_share_line("Hindcast", result.played))
    console.print("* an estimate: derived from published amounts or reported as approximate (see its note)")
    console.print(f"✗ the model's median is more than {WITHIN_POINTS:.0f} points from the published value")


def _print_table(title: str, comparisons: tuple[Comparison, ...]) -> None:
    rows = [
        (
            comparison.figure.id,
            comparison.figure.quarter,
            f"{100 * comparison.figure.value:.1f}" + ("*" if comparison.figure.estimate else ""),
            f"{100 * comparison.median:.1f} [{100 * comparison.p10:.1f}–{100 * comparison.p90:.1f}]",
            signed(comparison.error_points) + ("" if comparison.is_within else " ✗"),
        )
        for comparison in comparisons
    ]
    headers = ("figure", "quarter", "real %", "model % [10–90%]", "error, points")
    table = make_table(console, title, *headers, right=2)
    widths = [max([len(header), *(len(row[index]) for row in rows)]) for index, header in enumerate(headers)]
    for column, width in zip(table.columns, widths, strict=True):
        column.no_wrap, column.min_width = True, width  # one line per figure: only the source is cut to fit
    with_source = console.width >= sum(widths) + 2 * len(widths) + _SOURCE_WIDTH
    if with_source:
        table.add_column("source", no_wrap=True, overflow="ellipsis", min_width=_SOURCE_WIDTH)
    for row, comparison in zip(rows, comparisons, strict=True):
        source = comparison.figure.source
        table.add_row(*row, *([f"{source.publication}, {source.year}"] if with_source else []))
    console.print(table)
    if not with_source:
        console.print("(sources: in hindcast.csv with --out, or a terminal of 100 columns or more)")


_SOURCE_WIDTH = 16  # narrowest useful source column; narrower terminals leave it out


def _share_line(label: str, comparisons: tuple[Comparison, ...]) -> str:
    share = share_within(comparisons)
    if share is None:
        return f"{label}: no figures to compare"
    hits = sum(comparison.is_within for comparison in comparisons)
    return f"{label}: {100 * share:.0f}% within ±{WITHIN_POINTS:.0f} points ({hits} of {len(comparisons)} figures)"
