"""The ``compare`` command: two what-ifs played on common random numbers, their paired differences."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from rich.text import Text

from game.cli.batch import add_ai_option, add_cluster_option, ai_levels, run_with_progress, sharded_player
from game.cli.common import (
    EXIT_OK,
    MAX_BATCH_RUNS,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_turns_option,
    bounded_int,
    console,
    errors,
    load_world,
    refuse_foreign_output,
    require_memory,
    seed_int,
    writing_outputs,
    wrote,
)
from game.engine.world import World
from game.i18n import N_, _, format_number, ngettext
from game.io.atomic import write_atomic, write_text_atomic
from game.io.csvtext import csv_number, csv_text
from game.play.batch import BatchResult, batch_memory, play_batch
from game.play.cluster import sharded_batch_memory
from game.play.scenario import ScenarioSetup
from game.report.compare import FEW_RUNS, MEANINGFUL, MIN_RUNS, Difference, compare_batches, format_difference
from game.report.terminal import make_table

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector compare SCENARIO --set A… --vs [SCENARIO_B] --set B… --runs N --seed S --out DIR``.

Plays two what-ifs with common random numbers — the same seed and runs on both
sides, so run i of A and run i of B meet the same luck — and reports the
difference B − A of every final outcome with a confidence interval (95%) of the
paired differences (normal approximation). A difference is starred when its
interval excludes zero and it is at least 0.5 points (on the 0–100 scales):
with paired runs even a 0.01-point difference can be "certain" without mattering.
Needs --runs 2 or more; below 30 the interval is rough (a warning says so). ``--set`` before ``--vs`` applies to
A, after it to B. Give a second scenario after ``--vs`` to compare two
scenario files instead (or as well). ``--ai hard`` (or ``--ai RU=hard``) sets the computer's level on both sides.

Writes:
  compare.csv   one row per measure: mean_a, mean_b, diff, ci_low, ci_high,
                se_paired, se_independent (what the CI would be without pairing)
  compare.json  the settings of both sides and the same figures
  compare.png   the differences with their intervals
  fan_a.png, fan_b.png   dependence fan charts of each side"""
)
EXAMPLE = (
    "multivector compare sandbox --set shock_scale=0 --vs --set shock_scale=2 --runs 300 --seed 1 \\\n"
    "      --out out/shocks",
    "multivector compare scenarios/sandbox.yaml --vs my_variant.yaml --runs 300 --seed 1 --out out/variant",
)


class _SetAction(argparse.Action):
    """``--set`` goes to side A before ``--vs`` and to side B after it."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        side = "settings_b" if namespace.vs_given else "settings_a"
        setattr(namespace, side, [*getattr(namespace, side), values])


class _VsAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        namespace.vs_given = True
        namespace.scenario_b = values


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "compare",
        _("compare two what-ifs with common random numbers and confidence intervals"),
        _(DESCRIPTION),
        EXAMPLE,
    )
    add_scenario_argument(parser, " " + _("(side A)"))
    parser.add_argument("--set", action=_SetAction, metavar="LEVER=VALUE",
                        help=_("a lever of side A (before --vs) or side B (after --vs); repeatable"))
    parser.add_argument("--vs", action=_VsAction, nargs="?", default=None, metavar="SCENARIO_B",
                        help=_("start side B; optionally a different scenario (default: the same)"))
    parser.add_argument(
        "--runs", type=bounded_int(1, MAX_BATCH_RUNS), default=300,
        help=_("runs per side, 2 to {most} (default 300)").format(most=format_number(MAX_BATCH_RUNS)),
    )
    parser.add_argument("--seed", type=seed_int, required=True, help=_("random seed shared by both sides"))
    add_turns_option(parser)
    add_out_option(parser, required=True, files=_("the output files (replaced whole)"))
    parser.add_argument("--all", action="store_true", help=_("print every measure, not just scores and changes"))
    add_ai_option(parser)
    add_cluster_option(parser)
    parser.set_defaults(handler=run, settings_a=[], settings_b=[], vs_given=False, scenario_b=None)


def run(arguments: argparse.Namespace) -> int:
    """Play both sides and write the comparison."""
    if not arguments.vs_given:
        raise CommandError([_("give --vs to start side B, e.g. {example}").format(
            example="--set shock_scale=0 --vs --set shock_scale=2")])
    if arguments.runs < MIN_RUNS:
        raise CommandError([ngettext(
            "--runs {runs}: a confidence interval needs at least {least} paired run (300 is a good default)",
            "--runs {runs}: a confidence interval needs at least {least} paired runs (300 is a good default)",
            MIN_RUNS,
        ).format(runs=arguments.runs, least=MIN_RUNS)])
    if arguments.runs < FEW_RUNS:
        errors.print(ngettext(
            "warning: only {runs} run per side; with fewer than {few} the intervals (95%) are rough (use --runs 300 "
            "for class)",
            "warning: only {runs} runs per side; with fewer than {few} the intervals (95%) are rough (use --runs 300 "
            "for class)", arguments.runs,
        ).format(runs=arguments.runs, few=FEW_RUNS), soft_wrap=True, markup=False)
    scenario_b = arguments.scenario_b or arguments.scenario
    levels = ai_levels(arguments.ai)
    side_a = load_world(arguments.scenario, arguments.settings_a, arguments.turns)
    side_b = load_world(scenario_b, arguments.settings_b, arguments.turns)
    if scenario_b == arguments.scenario and side_a.settings == side_b.settings:
        raise CommandError([_("sides A and B are the same; change a lever with --set after --vs")])
    # The sides are played one after the other; A's results are kept while B plays.
    def need(world: World) -> int:  # on a cluster this process only merges; the workers play
        if arguments.cluster is not None:
            return sharded_batch_memory(world, arguments.runs, world.turns)
        return batch_memory(world, arguments.runs, world.turns, levels)

    require_memory(
        max(need(side.world) for side in (side_a, side_b)) * 2,
        "--runs (or --turns)",
    )
    refuse_foreign_output(arguments)
    batch_a, batch_b = _play_sides(arguments, (side_a, side_b), levels)
    differences = compare_batches(batch_a, batch_b)
    with writing_outputs(arguments) as out:
        _write_outputs(out, arguments, differences, (batch_a, batch_b), (side_a, side_b))
    describe_a = _describe(arguments.scenario, side_a.settings)
    describe_b = _describe(scenario_b, side_b.settings)
    _print_table(differences, describe_a, describe_b, arguments.runs, arguments.all)
    paths = ["compare.csv", "compare.json", "compare.png", "fan_a.png", "fan_b.png"]
    console.print(wrote([arguments.out / path for path in paths]), soft_wrap=True)
    return EXIT_OK


def _play_sides(
    arguments: argparse.Namespace, sides: tuple[ScenarioSetup, ScenarioSetup], levels: Mapping[str, str] | None
) -> list[BatchResult]:
    """Both sides' batches, here or (``--cluster``) in shards on a Dask cluster."""
    titles = [f"{name}: {side.world.scenario_id}" for name, side in zip("AB", sides, strict=True)]
    if arguments.cluster is None:
        return [
            run_with_progress(
                title, partial(play_batch, side.world, arguments.seed, arguments.runs, 0, levels=levels),
                side.world.turns,
            )
            for title, side in zip(titles, sides, strict=True)
        ]
    with sharded_player(arguments.cluster) as player:
        return [player.play(title, side.world, arguments.seed, arguments.runs, 0, levels)
                for title, side in zip(titles, sides, strict=True)]


def _write_outputs(
    out: Path, arguments: argparse.Namespace, differences: list[Difference],
    batches: tuple[BatchResult, BatchResult], sides: tuple[ScenarioSetup, ScenarioSetup],
) -> None:
    """compare.csv, compare.json, compare.png and both fan charts, into ``out``."""
    scenario_b = arguments.scenario_b or arguments.scenario
    batch_a, batch_b = batches
    side_a, side_b = sides
    describe_a = _describe(arguments.scenario, side_a.settings)
    describe_b = _describe(scenario_b, side_b.settings)
    rows = [d.row() for d in differences]
    header = ("measure", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "se_paired", "se_independent")
    write_text_atomic(
        out / "compare.csv",
        csv_text(
            (*header, "significant"),
            (
                (row["measure"], *(csv_number(row[k]) for k in header[1:]), str(row["significant"]).lower())
                for row in rows
            ),
        ),
    )
    summary = {
        "a": {"scenario": arguments.scenario, "settings": side_a.settings, "title": side_a.world.title},
        "b": {"scenario": scenario_b, "settings": side_b.settings, "title": side_b.world.title},
        "seed": arguments.seed, "runs": arguments.runs,
        **({"ai_levels": ai_levels(arguments.ai)} if arguments.ai else {}),
        "method": "paired differences over common random numbers; 95% CI = mean ± 1.96·sd/√n",
        "significant_when": f"the 95% CI excludes zero and |diff| >= {MEANINGFUL:g} points",
        "differences": [
            {k: (round(v, 6) if isinstance(v, float) else v) for k, v in row.items()} for row in rows
        ],
    }
    write_text_atomic(out / "compare.json", json.dumps(summary, indent=2) + "\n")
    from game.report.figures import difference_chart, fan_dependence  # matplotlib only when drawing

    shown = [d for d in differences if d.key.startswith(("score", "headline"))]
    write_atomic(
        out / "compare.png",
        difference_chart(
            [d.label for d in shown],
            np.array([d.diff for d in shown]),
            np.array([d.low for d in shown]),
            np.array([d.high for d in shown]),
            f"B ({describe_b}) − A ({describe_a}), {arguments.runs} paired runs",
            significant=np.array([d.is_significant for d in shown]),
        ),
    )
    for name, batch in (("a", batch_a), ("b", batch_b)):
        label = describe_a if name == "a" else describe_b
        write_atomic(out / f"fan_{name}.png",
                     fan_dependence(batch.bands, batch.quarter_labels(), f"{name.upper()}: {label}"))


def _describe(scenario: str, settings: dict[str, float]) -> str:
    levers = ", ".join(f"{k}={v:g}" for k, v in sorted(settings.items()))
    return f"{scenario}" + (f" [{levers}]" if levers else "")


def _print_table(differences: list[Difference], a: str, b: str, runs: int, everything: bool) -> None:
    title = ngettext("B − A, last turn ({runs} paired run)", "B − A, last turn ({runs} paired runs)", runs)
    table = make_table(console, title.format(runs=format_number(runs)), _("measure"), "A", "B", "B − A",
                       _("95% CI"), "")
    for d in differences:
        if not (everything or d.key.startswith("score") or d.is_significant):
            continue
        mark = "*" if d.is_significant else ""
        interval = f"[{format_difference(d.low)}, {format_difference(d.high)}]"
        diff = Text(format_difference(d.diff), style="bold" if console.is_terminal and d.is_significant else "")
        table.add_row(d.label, format_number(d.mean_a, 1), format_number(d.mean_b, 1), diff, interval, mark)
    console.print(f"A: {a}\nB: {b}", soft_wrap=True)
    console.print(table)
    console.print(_(
        "* the interval (95%) excludes zero and the difference is at least {meaningful} points. "
        "Scores are shown always, other measures when starred (--all shows every measure).",
    ).format(meaningful=format_number(MEANINGFUL, 1)))
