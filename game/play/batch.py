"""Play many runs of a world together (the engine's runs axis) and collect distributions.

Only the newest state is kept while the batch advances, so memory stays flat in the
number of turns; what is kept per turn is the p10 / median / p90 / mean of every
metric (see :mod:`game.play.metrics`), and per run the final metrics.

With ``workers > 1`` the runs are split into contiguous parts, each played by a
forked process; all parts advance in lockstep, each writing its rows of the turn's
metric matrix into a shared buffer from which the parent computes the distributions.
The counter-based random streams make every run independent of how runs are split,
so the result is bit-identical to playing all runs in one process.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import os
import queue
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.codes import quarter_name
from game.engine.game import Game
from game.engine.world import World
from game.memory import keep_freed_memory
from game.play.metrics import METRICS, distribution, metric_matrix

TurnCallback = Callable[[int, int], None]
MetricsSink = Callable[[int, np.ndarray], None]  # (turns played, metric matrix of the runs)

BLOCK = 5_000  # runs advanced together in one process (larger blocks pay less per-call overhead)
MIN_RUNS_PER_WORKER = 1_250  # below this a process costs more than it saves
MAX_WORKERS = 8


@dataclass(frozen=True)
class BatchResult:
    """Distributions per turn and final outcomes per run of one batch."""

    world: World
    seed: int
    first_run: int
    bands: np.ndarray  # (T + 1, M, 4): p10, median, p90, mean; turn 0 is the start
    final: np.ndarray  # (R, M) metrics after the last turn
    fired: np.ndarray  # (R, E) bool: event fired at least once in the run
    fired_turns: np.ndarray  # (T, E) int: runs in which the event fired that turn

    @property
    def runs(self) -> int:
        """How many runs the batch played."""
        return int(self.final.shape[0])

    @property
    def turns(self) -> int:
        """Turns played."""
        return int(self.bands.shape[0]) - 1

    def quarter_labels(self) -> list[str]:
        """The quarter at whose end each row of ``bands`` holds (turn 0: before the start)."""
        return [quarter_name(self.world.start_quarter + turn - 1) for turn in range(self.turns + 1)]


def default_workers(runs: int) -> int:
    """Processes worth starting for a batch: one per CPU, at most 8, none for small batches."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, runs // MIN_RUNS_PER_WORKER))


def can_fork() -> bool:
    """True where worker processes can be forked (Linux, macOS); elsewhere batches stay in-process."""
    return "fork" in multiprocessing.get_all_start_methods()


def worker_count(requested: int, runs: int) -> int:
    """Processes a batch really uses: at most one per run, and only this one where it cannot fork."""
    return max(1, min(requested, runs)) if can_fork() else 1


def play_batch(
    world: World,
    seed: int,
    runs: int,
    first_run: int = 0,
    on_turn: TurnCallback | None = None,
    workers: int = 1,
    block: int = BLOCK,
) -> BatchResult:
    """Play ``runs`` games with the normal computer player on every role, in ``workers`` processes.

    Run ``i`` is bit-identical to ``Game.new(world, seed, first_run=first_run + i, policy=normal_orders)``,
    whatever ``workers`` and ``block`` (runs advanced together in one process).
    """
    workers = worker_count(workers, runs)
    keep_freed_memory()  # every turn allocates the same large arrays again (see game.memory); forks inherit it
    bands: list[np.ndarray] = []

    def collect(turn: int, matrix: np.ndarray) -> None:
        bands.append(distribution(matrix))
        if turn and on_turn is not None:
            on_turn(turn, world.turns)

    if workers == 1:
        final: list[np.ndarray] = []

        def keep_last(turn: int, matrix: np.ndarray) -> None:
            collect(turn, matrix)
            if turn == world.turns:
                final.append(matrix)

        fired, fired_turns = _play_part(world, seed, first_run, runs, block, keep_last)
        last = final[0]
    else:
        last, fired, fired_turns = _play_in_workers(world, seed, first_run, runs, block, workers, collect)
    return BatchResult(
        world=world,
        seed=seed,
        first_run=first_run,
        bands=np.stack(bands),
        final=last,
        fired=fired,
        fired_turns=fired_turns,
    )


def _play_part(
    world: World, seed: int, first_run: int, runs: int, block: int, sink: MetricsSink
) -> tuple[np.ndarray, np.ndarray]:
    """Play runs ``first_run ..`` in blocks, all blocks turn by turn; hand each turn's metrics to ``sink``.

    Returns which events fired in each run and, per turn, in how many runs each fired.
    """
    starts = range(0, runs, max(1, block))
    games = [
        Game.new(world, seed, runs=min(block, runs - start), first_run=first_run + start, keep_history=False,
                 keep_ledger=False, policy=normal_orders)
        for start in starts
    ]

    def metrics() -> np.ndarray:
        # The table of measures is the metric matrix; after a turn, the turn's record has it.
        return np.concatenate(
            [game.records[-1].measures.table if game.records else metric_matrix(game.state.values, world.weight)
             for game in games]
        )

    sink(0, metrics())
    fired_turns = np.zeros((world.turns, world.events.count), dtype=np.int64)
    for turn in range(world.turns):
        for game in games:
            fired_turns[turn] += game.play().fired.sum(axis=0)
        sink(turn + 1, metrics())
    return np.concatenate([game.state.fired for game in games]), fired_turns


def _play_in_workers(
    world: World, seed: int, first_run: int, runs: int, block: int, workers: int, collect: MetricsSink
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fork ``workers`` processes, each playing a contiguous part of the runs; gather in lockstep.

    Each turn's metric matrix goes through a shared double buffer: a worker writes its
    rows for turn t, reports it, and waits before turn t + 2 until the parent has read turn t.
    """
    context = multiprocessing.get_context("fork")
    width = len(METRICS)
    shared = mmap.mmap(-1, 2 * runs * width * 8)
    buffers = np.frombuffer(shared, dtype=np.float64).reshape(2, runs, width)
    bounds = np.linspace(0, runs, workers + 1).astype(int)
    reports: Any = context.Queue()
    consumed = [context.Semaphore(0) for _ in range(workers)]
    processes = [
        context.Process(
            target=_worker,
            args=(w, world, seed, first_run, int(bounds[w]), int(bounds[w + 1]), block, buffers, reports,
                  consumed[w], os.getpid()),
            daemon=True,
        )
        for w in range(workers)
    ]
    for process in processes:
        process.start()
    parts: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    reported = [-1] * workers  # a worker may be one turn ahead of the parent

    def receive() -> None:
        worker, message = _next_report(reports, processes)
        if isinstance(message, str):
            raise RuntimeError(f"batch worker {worker} failed:\n{message}")
        if isinstance(message, tuple):  # a worker's last word: its events
            parts[worker] = message
        else:
            reported[worker] = message

    try:
        for turn in range(world.turns + 1):
            while min(reported) < turn:
                receive()
            collect(turn, buffers[turn % 2])
            for semaphore in consumed:
                semaphore.release()
        final = buffers[world.turns % 2].copy()
        while len(parts) < workers:
            receive()
        for process in processes:
            process.join()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        del buffers
        # A traceback on its way up may still hold a view; the map goes when it does.
        with contextlib.suppress(BufferError):
            shared.close()
    fired = np.concatenate([parts[w][0] for w in range(workers)])
    fired_turns = np.sum([parts[w][1] for w in range(workers)], axis=0, dtype=np.int64)
    return final, fired, fired_turns.reshape(world.turns, world.events.count)


def _next_report(reports: Any, processes: list[Any]) -> tuple[int, Any]:
    """The next message from the workers; raise if one died without a word."""
    while True:
        try:
            return reports.get(timeout=1.0)  # type: ignore[no-any-return]
        except queue.Empty:
            for index, process in enumerate(processes):
                if process.exitcode not in (None, 0):
                    raise RuntimeError(f"batch worker {index} stopped (exit code {process.exitcode})") from None


def _worker(
    worker: int,
    world: World, seed: int, first_run: int, start: int, stop: int, block: int,
    buffers: np.ndarray, reports: Any, consumed: Any, parent: int,
) -> None:
    """Play runs ``start:stop`` of the batch, writing each turn's metrics into the shared buffers."""
    try:
        if tracemalloc.is_tracing():  # inherited from a measuring parent, which cannot see it anyway
            tracemalloc.stop()

        def share(turn: int, matrix: np.ndarray) -> None:
            if turn >= 2:  # the buffer of turn - 2 must have been read
                while not consumed.acquire(timeout=1.0):
                    if os.getppid() != parent:
                        raise SystemExit(1)
            buffers[turn % 2, start:stop] = matrix
            reports.put((worker, turn))

        fired, fired_turns = _play_part(world, seed, first_run + start, stop - start, block, share)
        reports.put((worker, (fired, fired_turns)))
    except Exception:
        import traceback

        reports.put((worker, traceback.format_exc()))
