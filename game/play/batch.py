"""Play many runs of a world together (the engine's runs axis) and collect distributions.

Only the newest state is kept while the batch advances, so memory stays flat in the
number of turns; what is kept per turn is the p10 / median / p90 / mean of every
metric (see :mod:`game.play.metrics`), and per run the final metrics.

With ``workers > 1`` the runs are split into contiguous parts, each played by a
worker process (forked where the system can fork, else started afresh: "spawn", as on
Windows); all parts advance in lockstep, each writing its rows of the turn's metric
matrix into a shared buffer from which the parent computes the distributions.
The counter-based random streams make every run independent of how runs are split,
so the result is bit-identical to playing all runs in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.ai.policy import make_policy, normal_orders
from game.engine.codes import state_labels
from game.engine.game import Game, Policy
from game.engine.state import initial_state
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
        """A label for each row of ``bands`` as every chart and table reads them: ``start`` for turn 0 (before
        any quarter is played), then the quarter whose end the row holds."""
        return state_labels(self.world.start_quarter, self.turns + 1)


def default_workers(runs: int) -> int:
    """Processes worth starting for a batch: one per CPU, at most 8, none for small batches."""
    return max(1, min(cpu_count(), MAX_WORKERS, runs // MIN_RUNS_PER_WORKER))


def can_fork() -> bool:
    """True where worker processes can be forked (Linux, macOS)."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_start_method() -> str:
    """How worker processes start: forked where possible (no start-up cost), else spawned (Windows)."""
    return "fork" if can_fork() else "spawn"


def worker_count(requested: int, runs: int) -> int:
    """Processes a batch really uses: at most one per run."""
    return max(1, min(requested, runs))


def play_batch(
    world: World,
    seed: int,
    runs: int,
    first_run: int = 0,
    on_turn: TurnCallback | None = None,
    workers: int = 1,
    block: int = BLOCK,
    levels: Mapping[str, str] | None = None,
    on_metrics: MetricsSink | None = None,
    start_method: str | None = None,
) -> BatchResult:
    """Play ``runs`` games with the computer on every role, in ``workers`` processes.

    Run ``i`` is bit-identical to ``Game.new(world, seed, first_run=first_run + i, policy=make_policy(levels))``,
    whatever ``workers``, ``block`` (runs advanced together in one process) and ``start_method``
    (``"fork"`` or ``"spawn"``; default :func:`default_start_method`). ``levels`` gives the
    computer's level per role (default normal); ``on_metrics(turn, matrix)`` sees every run's metrics
    each turn (turn 0 is the start), in a buffer it must copy to keep.
    """
    workers = worker_count(workers, runs)
    keep_freed_memory()  # every turn allocates the same large arrays again (see game.memory); forks inherit it
    bands: list[np.ndarray] = []

    def collect(turn: int, matrix: np.ndarray) -> None:
        bands.append(distribution(matrix))
        if on_metrics is not None:
            on_metrics(turn, matrix)
        if turn and on_turn is not None:
            on_turn(turn, world.turns)

    if workers == 1:
        final: list[np.ndarray] = []

        def keep_last(turn: int, matrix: np.ndarray) -> None:
            collect(turn, matrix)
            if turn == world.turns:
                final.append(matrix)

        fired, fired_turns = play_part(world, seed, first_run, runs, block, keep_last, levels)
        last = final[0]
    else:
        last, fired, fired_turns = _play_in_workers(
            world, seed, first_run, runs, block, workers, collect, start_method or default_start_method(), levels
        )
    return BatchResult(
        world=world,
        seed=seed,
        first_run=first_run,
        bands=np.stack(bands),
        final=last,
        fired=fired,
        fired_turns=fired_turns,
    )


def play_part(
    world: World, seed: int, first_run: int, runs: int, block: int, sink: MetricsSink,
    levels: Mapping[str, str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Play runs ``first_run ..`` in blocks, all blocks turn by turn; hand each turn's metrics to ``sink``.

    Returns which events fired in each run and, per turn, in how many runs each fired.
    """
    starts = range(0, runs, max(1, block))
    games = [
        Game.new(world, seed, runs=min(block, runs - start), first_run=first_run + start, keep_history=False,
                 keep_ledger=False, policy=batch_policy(levels))
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
    world: World, seed: int, first_run: int, runs: int, block: int, workers: int, collect: MetricsSink,
    start_method: str, levels: Mapping[str, str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start ``workers`` processes, each playing a contiguous part of the runs; gather in lockstep.

    Each turn's metric matrix goes through a shared double buffer: a worker writes its
    rows for turn t, reports it, and waits before turn t + 2 until the parent has read turn t.
    The buffer is shared memory the worker is handed when it starts, so a spawned worker
    (which inherits nothing) maps the same pages as a forked one.
    """
    context: Any = multiprocessing.get_context(start_method)
    shared = context.RawArray("d", 2 * runs * len(METRICS))
    buffers = _double_buffer(shared)
    bounds = np.linspace(0, runs, workers + 1).astype(int)
    reports: Any = context.Queue()
    consumed = [context.Semaphore(0) for _ in range(workers)]
    processes = [
        context.Process(
            target=_worker,
            args=(w, world, seed, first_run, int(bounds[w]), int(bounds[w + 1]), block, shared, reports,
                  consumed[w], os.getpid(), levels),
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
    fired = np.concatenate([parts[w][0] for w in range(workers)])
    fired_turns = np.sum([parts[w][1] for w in range(workers)], axis=0, dtype=np.int64)
    return final, fired, fired_turns.reshape(world.turns, world.events.count)


def batch_policy(levels: Mapping[str, str] | None) -> Policy:
    """The computer player of a batch: ``levels`` per role (``make_policy``), the normal player when none."""
    return make_policy(levels) if levels else normal_orders


def _double_buffer(shared: Any) -> np.ndarray:
    """The shared memory as two metric matrices of every run of the batch: (2, runs, metrics)."""
    return np.frombuffer(shared, dtype=np.float64).reshape(2, -1, len(METRICS))


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
    shared: Any, reports: Any, consumed: Any, parent: int, levels: Mapping[str, str] | None = None,
) -> None:
    """Play runs ``start:stop`` of the batch, writing each turn's metrics into the shared buffers."""
    try:
        if tracemalloc.is_tracing():  # inherited from a measuring parent, which cannot see it anyway
            tracemalloc.stop()
        keep_freed_memory()  # a spawned worker inherits none of the parent's settings
        buffers = _double_buffer(shared)

        def share(turn: int, matrix: np.ndarray) -> None:
            if turn >= 2:  # the buffer of turn - 2 must have been read
                while not consumed.acquire(timeout=1.0):
                    if os.getppid() != parent:
                        raise SystemExit(1)
            buffers[turn % 2, start:stop] = matrix
            reports.put((worker, turn))

        fired, fired_turns = play_part(world, seed, first_run + start, stop - start, block, share, levels)
        reports.put((worker, (fired, fired_turns)))
    except Exception:
        import traceback

        reports.put((worker, traceback.format_exc()))


# The memory budget. Costs are in units of one run's state (every array of ``State``: 5,282 bytes
# in sandbox), measured with benchmarks/memory_budget.py as the growth of the peak resident set
# between sizes (sandbox, 4 turns unless said; Linux x86-64, 2 CPUs), rounded up:
#   batch --workers 1: 5,000 / 20,000 / 60,000 runs: 270.8 / 349.8 / 568.3 MiB -> 5.7 kB a run (1.1
#     states); the 5,000-run block over a 40-turn run's 226.8 MiB: 9.2 kB a run (1.75 states)
#   tournament (27 line-ups): 50 / 200 / 400 runs: 481.1 / 1,275.7 / 2,313.8 MiB -> 201.6 kB a game
#     (38.2 states: the hard computer weighs many candidate orders at once)
#   hindcast sanctions: 1,000 / 10,000 runs: 207.6 / 319.7 MiB -> 12.8 kB a run (2.4 states)
#   run: 40 / 400 / 1,600 turns: 226.8 / 373.3 / 923.1 MiB -> 469 kB a turn (89 states)
KEPT_PER_RUN = 1.2  # states a batch keeps per run for its whole length
WORK_PER_RUN = 2.0  # states a turn of the normal computer needs per run of a block
TOURNAMENT_WORK_PER_RUN = 40.0  # the same with every level, hard included, deciding together
HINDCAST_WORK_PER_RUN = 2.5
KEPT_PER_TURN = 90.0  # states a recorded game (history and ledger) keeps per turn
OUTPUT_MARGIN = 64 * 2**20  # matplotlib and a chart: run at 40 turns (226.8 MiB) less hindcast (207.6), doubled


def state_bytes(world: World) -> int:
    """Bytes of one run's state: every array of :class:`State`."""
    state = initial_state(world, 1)
    return sum(int(value.nbytes) for value in vars(state).values() if isinstance(value, np.ndarray))


def batch_memory(world: World, runs: int, turns: int, levels: Mapping[str, str] | None = None) -> int:
    """Bytes a batch of ``runs`` games of ``turns`` turns adds to the process (see :func:`play_batch`).

    Every run's state lives for the whole batch, one block's work at a time; per turn the bands,
    per run the final metrics, two shared metric buffers and the events that fired. A hard
    computer player (``levels``) weighs many orders at once: a block then needs a tournament's work.
    """
    state = state_bytes(world)
    metrics = len(METRICS) * 8
    hard = any(str(level).lower() == "hard" for level in (levels or {}).values())
    return int(
        runs * (KEPT_PER_RUN * state + 3 * metrics + world.events.count)
        + min(runs, BLOCK) * (TOURNAMENT_WORK_PER_RUN if hard else WORK_PER_RUN) * state
        + turns * (4 * metrics + 8 * world.events.count)
        + OUTPUT_MARGIN
    )


def lockstep_memory(world: World, runs: int, work_per_run: float) -> int:
    """Bytes ``runs`` games played as one block need (a tournament's line-ups, a hindcast), each
    needing ``work_per_run`` states while a turn is resolved."""
    return int(runs * (KEPT_PER_RUN + work_per_run) * state_bytes(world) + OUTPUT_MARGIN)


def recorded_game_memory(world: World, turns: int) -> int:
    """Bytes one game keeping its full history and ledger needs for ``turns`` turns (``run``, a class game)."""
    return int(turns * KEPT_PER_TURN * state_bytes(world) + OUTPUT_MARGIN)


def available_memory() -> int | None:
    """Bytes this process may still allocate: the smaller of the memory the system has available
    (Linux MemAvailable; elsewhere the physical memory) and the address space left under
    RLIMIT_AS (``ulimit -v``) beyond what the process already maps; None when neither is known."""
    limits = [limit for limit in (_system_available(), _address_space_left()) if limit is not None]
    return min(limits) if limits else None


def _system_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:  # macOS and other Unixes: the physical memory, an upper bound
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _address_space_left() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    return max(0, soft - _mapped_bytes())


def _mapped_bytes() -> int:
    """The process's virtual size (Linux VmSize); 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def memory_refusal(need: int, lower: str) -> str | None:
    """The message refusing a command that would need ``need`` bytes more than available, else None."""
    available = available_memory()
    if available is None or need <= available:
        return None
    return (
        f"this would need about {_size(need)} of memory and {_size(available)} is available; "
        f"lower {lower}"
    )


def _size(count: float) -> str:
    return f"{count / 2**30:.1f} GB" if count >= 2**30 else f"{count / 2**20:.0f} MB"


def cpu_count() -> int:
    """CPUs this process may run on (its affinity where the system tells it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1
