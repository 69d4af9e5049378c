"""The ``batch`` command: many games on the engine's runs axis, their distributions and charts."""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.cli.common import (
    EXIT_OK,
    MAX_BATCH_RUNS,
    MAX_RUN_INDEX,
    CommandError,
    add_command,
    add_out_option,
    add_scenario_argument,
    add_settings_option,
    add_turns_option,
    band_cell,
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
from game.cli.main import paused_collector
from game.cli.run import parse_ai_levels
from game.engine.codes import COUNTRIES, POWERS, ROLES
from game.engine.world import World
from game.i18n import N_, _, format_number, ngettext, place_name
from game.i18n.phrases import run_count, turn_count
from game.io.atomic import write_atomic
from game.play.batch import (
    BatchResult,
    TurnCallback,
    batch_memory,
    can_fork,
    default_workers,
    play_batch,
    worker_count,
)
from game.play.cluster import (
    Cluster,
    ClusterError,
    ClusterSpec,
    open_cluster,
    parse_cluster,
    run_batch,
    shard_size,
    sharded_batch_memory,
)
from game.play.metrics import METRIC_INDEX
from game.play.scenario import ScenarioSetup
from game.report.figures import fan_dependence, fan_scores, prepare
from game.report.tables import write_batch_tables
from game.report.terminal import make_table

MAX_WORKERS_FLAG = 64
DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector batch SCENARIO --runs N --seed S --out DIR``: many games at once.

All runs advance together on the engine's runs axis with the computer on every
role. Run i is the same world as ``multivector run SCENARIO --seed S --run i``.

Writes:
  outcomes.csv        one row per run × measure after the last turn
                      (run, quarter, variable, country, power, role, value)
  distributions.csv   one row per turn × measure: p10, median, p90, mean over runs
  summary.json        final distributions and how often each event fired
  fan_dependence.png  each country's dependence on each power: median and 10–90% band
  fan_scores.png      each role's score: median and 10–90% band
Measures: headline dependence (country × power, 0–100), autonomy (country) and
role scores (0–100). With ``--format parquet`` the two tables are outcomes.parquet and
distributions.parquet (pandas and pyarrow, the analysis extra). ``--ai hard`` (or
``--ai RU=hard``) sets the computer's level; the default is normal.

With ``--cluster`` the runs are split into shards played by Dask workers (on many
machines, or ``local:N`` processes here); the files are the same, byte for byte."""
)
EXAMPLE = (
    "multivector batch sandbox --runs 1000 --seed 1 --out out/batch",
    "multivector batch sandbox --runs 500 --seed 1 --set shock_scale=2 --turns 12 --out out/shocks",
    "multivector batch middle_corridor --runs 100000 --seed 1 --ai hard --format parquet --out out/big",
    "multivector batch middle_corridor --runs 100000 --seed 1 --cluster local:2 --out out/cluster",
)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "batch", _("play many games at once and write distributions and fan charts"), _(DESCRIPTION), EXAMPLE
    )
    add_scenario_argument(parser)
    parser.add_argument(
        "--runs", type=bounded_int(1, MAX_BATCH_RUNS), required=True,
        help=_("how many games, 1 to {most} (e.g. {example})").format(
            most=format_number(MAX_BATCH_RUNS), example=format_number(1000)),
    )
    parser.add_argument("--seed", type=seed_int, required=True, help=_("random seed (same seed, same batch)"))
    add_out_option(parser, required=True, files=_("the output files (replaced whole)"))
    add_turns_option(parser)
    parser.add_argument(
        "--first-run", type=bounded_int(0, MAX_RUN_INDEX), default=0,
        help=_("index of the first run, 0 to 2**40 (default 0)"),
    )
    parser.add_argument(
        "--workers", type=bounded_int(1, MAX_WORKERS_FLAG), default=None,
        help=_("processes playing parts of the runs (default: one per CPU, at most 8 and one per {runs} runs; "
               "1 = this process only; at most 64, lowered to the CPUs); the results do not depend on it").format(
            runs=format_number(1250)),
    )
    add_cluster_option(parser)
    add_settings_option(parser)
    add_ai_option(parser)
    add_format_option(parser, "outcomes, distributions")
    parser.set_defaults(handler=run)


def add_ai_option(parser: argparse.ArgumentParser) -> None:
    """``--ai LEVEL`` (every role) or ``--ai ROLE=LEVEL`` (repeatable), read by :func:`ai_levels`."""
    parser.add_argument(
        "--ai", dest="ai", action="append", default=[], metavar="LEVEL|ROLE=LEVEL",
        help=_("the computer's level: easy, normal, hard or pass (no orders) for every role, or ROLE=LEVEL "
               "for one (repeatable; default normal)"),
    )


def ai_levels(settings: list[str]) -> dict[str, str] | None:
    """The levels ``--ai`` asked for (a bare LEVEL sets every role); None when it was not given."""
    if not settings:
        return None
    return parse_ai_levels([text if "=" in text else f"all={text}" for text in settings])


def add_format_option(parser: argparse.ArgumentParser, tables: str) -> None:
    """``--format csv|parquet`` for a command's tables (Parquet needs the analysis extra); ``tables`` (translated)
    names them."""
    parser.add_argument(
        "--format", choices=("csv", "parquet"), default="csv",
        help=_("file format of the tables: {tables} (default csv; parquet, smaller and faster for big batches, "
               "needs pip install multivector[analysis])").format(tables=tables),
    )


def require_analysis(what: str) -> None:
    """Refuse (before any work) what needs the analysis extra when pandas, pyarrow or SALib is missing."""
    from importlib.util import find_spec

    missing = [name for name in ("pandas", "pyarrow", "SALib") if find_spec(name) is None]
    if missing:
        raise CommandError([_("{what} needs {missing}: pip install multivector[analysis]").format(
            what=what, missing=", ".join(missing))])


def cluster_argument(text: str) -> ClusterSpec:
    """argparse type: ``local:N`` or a Dask scheduler's address (checked for form, not yet reached)."""
    try:
        return parse_cluster(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_cluster_option(parser: argparse.ArgumentParser) -> None:
    """``--cluster ADDRESS|local:N``: play the runs in shards on Dask workers (pip install 'multivector[cluster]')."""
    parser.add_argument(
        "--cluster", type=cluster_argument, default=None, metavar="ADDRESS|local:N",
        help=_("play the runs in shards on a Dask cluster: a scheduler's address (tcp://scheduler:8786) or "
               "local:N for N worker processes here; needs pip install 'multivector[cluster]'; same results"),
    )


def run_with_progress(
    world_title: str, play: Callable[[TurnCallback], BatchResult], total: int, unit: str | None = None
) -> BatchResult:
    """Call ``play(on_progress)`` showing a progress bar of ``unit`` (translated; default turns) on stderr
    (nothing when piped)."""
    if not errors.is_terminal:
        return play(lambda turn, turns: None)  # piped: no bar, nor the blank line a stopped bar leaves
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit or _("turns")),
        TimeElapsedColumn(), console=errors, transient=True,
    ) as progress:
        task = progress.add_task(world_title, total=total)

        def on_turn(turn: int, turns: int) -> None:
            progress.update(task, completed=turn, total=turns)

        return play(on_turn)


def runs_title(scenario_id: str, runs: int) -> str:
    """The progress bar's title of a batch: ``sandbox: 1,000 runs``."""
    return ngettext("{scenario}: {runs} run", "{scenario}: {runs} runs", runs).format(
        scenario=scenario_id, runs=format_number(runs))


def run(arguments: argparse.Namespace) -> int:
    """Play the batch and write the outputs."""
    if arguments.format == "parquet":
        require_analysis("--format parquet")
    # The chart process starts first and imports matplotlib while this one opens the scenario and loads the
    # engine's kernels (a core would idle otherwise); it draws as soon as the batch's bands are known. Not
    # with a Dask client (its threads make forking unsafe): then the charts are drawn here, at the end.
    with ChartDrawing(fork=arguments.cluster is None) as charts:
        with paused_collector():  # numba's registries and the scenario: objects that live to the end
            loaded = load_world(arguments.scenario, arguments.settings, arguments.turns)
        world = loaded.world
        levels = ai_levels(arguments.ai)
        if arguments.cluster is not None:
            batch, seconds, where = play_on_cluster(arguments, loaded, levels)
        else:
            require_memory(batch_memory(world, arguments.runs, world.turns, levels), "--runs (or --turns)")
            refuse_foreign_output(arguments)
            workers = worker_count(capped_workers(arguments.workers or default_workers(arguments.runs)),
                                   arguments.runs)
            where = ngettext("{count} worker", "{count} workers", workers).format(count=workers)
            started = time.perf_counter()
            batch = run_with_progress(
                runs_title(world.scenario_id, arguments.runs),
                lambda on_turn: play_batch(world, arguments.seed, arguments.runs, arguments.first_run, on_turn,
                                           workers, levels=levels),
                world.turns,
            )
            seconds = time.perf_counter() - started
        charts.draw(batch, f"{world.title} — {batch.runs:,} runs, seed {arguments.seed}")
        with writing_outputs(arguments) as out:
            if arguments.format == "parquet":
                from game.analysis.frames import write_batch_parquet  # pandas only when asked for

                paths = write_batch_parquet(batch, out, loaded.settings, levels)
            else:
                paths = write_batch_tables(batch, out, loaded.settings, levels)  # while the charts are drawn
            for name, png in charts.results():
                write_atomic(out / name, png)
                paths.append(out / name)
            paths = [arguments.out / path.name for path in paths]
    print_batch_tables(batch)
    speed = format_number(batch.runs * batch.turns / max(seconds, 1e-9))
    console.print(_("{runs} × {turns} in {seconds} s ({speed} run-turns/s, {where})").format(
        runs=run_count(batch.runs), turns=turn_count(batch.turns), seconds=format_number(seconds, 1), speed=speed,
        where=where))
    console.print(wrote(paths), soft_wrap=True)
    return EXIT_OK


@dataclass(frozen=True)
class ShardedPlayer:
    """Plays batches in shards on a connected cluster, with a progress bar of shards."""

    cluster: Cluster

    def play(
        self, title: str, world: World, seed: int, runs: int, first_run: int = 0,
        levels: Mapping[str, str] | None = None,
    ) -> BatchResult:
        """The batch of ``play_batch(world, seed, runs, first_run, levels=levels)``, played on the cluster."""
        threads = self.cluster.threads
        return run_with_progress(
            title,
            lambda on_shard: run_batch(
                world, seed, runs, first_run, self.cluster.client, shard_runs=shard_size(runs, threads),
                in_flight=2 * threads, on_shard=on_shard, levels=levels,
            ),
            1, unit=_("shards"),
        )

    def describe(self) -> str:
        """``2 Dask worker threads``."""
        threads = self.cluster.threads
        return ngettext("{count} Dask worker thread", "{count} Dask worker threads", threads).format(count=threads)


@contextlib.contextmanager
def sharded_player(spec: ClusterSpec) -> Iterator[ShardedPlayer]:
    """Connect to ``--cluster`` for the length of the block; a cluster that cannot be used is a CommandError."""
    try:
        with open_cluster(spec) as cluster:
            yield ShardedPlayer(cluster)
    except ClusterError as error:
        raise CommandError([str(error)]) from None


def play_on_cluster(
    arguments: argparse.Namespace, setup: ScenarioSetup, levels: Mapping[str, str] | None = None
) -> tuple[BatchResult, float, str]:
    """Play the batch in shards on ``--cluster``; return it, the seconds it took after connecting, and where."""
    if arguments.workers is not None:
        raise CommandError([_("--workers sets processes on this machine; with --cluster the cluster's workers play")])
    world = setup.world
    require_memory(sharded_batch_memory(world, arguments.runs, world.turns), "--runs (or --turns)")
    refuse_foreign_output(arguments)
    with sharded_player(arguments.cluster) as player:
        started = time.perf_counter()
        batch = player.play(runs_title(world.scenario_id, arguments.runs), world, arguments.seed, arguments.runs,
                            arguments.first_run, levels)
        return batch, time.perf_counter() - started, player.describe()


YIELDING = 5  # the niceness added to a process drawing a quicker chart (a third of the CPU share, when pressed)
FAN_CHARTS: dict[str, Callable[[np.ndarray, Sequence[str], str], bytes]] = {  # the slowest last
    "fan_dependence.png": fan_dependence,
    "fan_scores.png": fan_scores,
}


def draw_fan_charts(bands: np.ndarray, labels: Sequence[str], title: str) -> list[bytes]:
    """Every chart of :data:`FAN_CHARTS`, in order: the last (the slowest to draw) in this process, each
    other in a process forked from it (which has matplotlib imported already, so it draws at once; a forked
    process copies the pages it writes, which slowed its drawing by a tenth). Only where processes fork."""
    context = multiprocessing.get_context("fork")
    *others, last = FAN_CHARTS.values()
    drawers = []
    for draw in others:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_draw_into, args=(sender, draw, bands, labels, title), daemon=True)
        process.start()
        sender.close()
        drawers.append((receiver, process))
    drawn_here = last(bands, labels, title)
    pngs = []
    for receiver, process in drawers:
        try:
            pngs.append(receiver.recv_bytes())
        except EOFError:
            process.join()
            raise RuntimeError(f"drawing a chart failed (exit code {process.exitcode})") from None
        process.join()
    return [*pngs, drawn_here]


def _draw_into(
    sender: Any, draw: Callable[[np.ndarray, Sequence[str], str], bytes], bands: np.ndarray, labels: Sequence[str],
    title: str,
) -> None:
    """Draw one chart and send its PNG bytes (in a process of :func:`draw_fan_charts`), yielding the cores to
    the slowest chart: the command waits for that one, while this one and the tables have time to share a core."""
    os.nice(YIELDING)
    sender.send_bytes(draw(bands, labels, title))
    sender.close()


class ChartDrawing:
    """The batch's fan charts, drawn aside while this process writes the tables: drawing took longer than
    writing, and each chart longer than the batch's start-up.

    One process starts (and imports matplotlib) when the drawing is opened, before there is anything to
    draw; :meth:`draw` hands it the batch, and it forks a process per further chart, so every chart is drawn
    at once while matplotlib is imported once (one process per chart, each importing it, took 0.25 s more
    CPU and slowed the start of the batch, which those imports shared two cores with). Where processes
    cannot be forked, the charts are drawn here, one after the other, when asked for."""

    def __init__(self, fork: bool = True) -> None:
        forking = fork and can_fork()
        context = multiprocessing.get_context("fork") if forking else None
        self.pool = ProcessPoolExecutor(1, context, initializer=prepare) if context is not None else None
        self.arguments: tuple[np.ndarray, list[str], str] | None = None
        self.drawn: Future[list[bytes]] | None = None

    def __enter__(self) -> ChartDrawing:
        if self.pool is not None:
            self.pool.submit(int)  # starts the process, which imports matplotlib
        return self

    def draw(self, batch: BatchResult, title: str) -> None:
        """Start drawing the charts of ``batch`` (aside, or later here)."""
        self.arguments = (batch.bands, batch.quarter_labels(), title)
        if self.pool is not None:
            self.drawn = self.pool.submit(draw_fan_charts, *self.arguments)

    def results(self) -> Iterator[tuple[str, bytes]]:
        """(file name, PNG bytes) of each chart, in a fixed order, once it is drawn."""
        assert self.arguments is not None, "draw() comes before results()"
        if self.drawn is not None:
            yield from zip(FAN_CHARTS, self.drawn.result(), strict=True)
            return
        for name, draw in FAN_CHARTS.items():
            yield name, draw(*self.arguments)

    def __exit__(self, kind: type[BaseException] | None, *exception: object) -> None:
        if self.pool is not None:
            # After a failure nothing waits for the process (it may still be importing matplotlib).
            self.pool.shutdown(wait=kind is None, cancel_futures=True)


def print_batch_tables(batch: BatchResult) -> None:
    """Final scores and dependence: median with the 10–90% range."""
    final = batch.bands[-1]
    quarter = batch.quarter_labels()[-1]
    title = ngettext("Final scores, {quarter} ({runs} run)", "Final scores, {quarter} ({runs} runs)", batch.runs)
    table = make_table(console, title.format(quarter=quarter, runs=format_number(batch.runs)),
                       _("role"), "p10", _("median"), "p90")
    for role in ROLES:
        p10, median, p90, _mean = final[METRIC_INDEX[f"score.{role}"]]
        table.add_row(f"{role} {place_name(role)}", *(format_number(value, 1) for value in (p10, median, p90)))
    console.print(table)
    table = make_table(console, _("Final dependence, median [p10–p90]"), _("country"), *POWERS, _("autonomy"))
    for country in COUNTRIES:
        cells = []
        for power in POWERS:
            p10, median, p90, _mean = final[METRIC_INDEX[f"headline.{country}.{power}"]]
            cells.append(band_cell(p10, median, p90))
        p10, median, p90, _mean = final[METRIC_INDEX[f"autonomy.{country}"]]
        cells.append(band_cell(p10, median, p90))
        table.add_row(country, *cells)
    console.print(table)
