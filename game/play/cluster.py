"""A batch split into shards that run anywhere (Dask workers on many machines, a process pool), merged exactly.

The lockstep workers of :mod:`game.play.batch` share memory with their parent, so they live
on one machine. Here each shard plays a contiguous range of runs through every turn on its
own and returns its per-run results: every run's metric matrix after every turn, which
events fired. The merge writes them, shard by shard, into a spool file laid out turn by
turn, then takes each turn's distribution over all runs with the same function an
in-process batch uses, so every percentile and mean is exact and the result is
bit-identical to :func:`game.play.batch.play_batch` with the same seed (run i is seeded by
its index alone, see :mod:`game.engine.rng`).

Memory stays bounded in the number of runs: the merge holds at most ``in_flight`` shard
results, one turn's matrix of every run and the final metrics; everything per turn waits
in the spool file (28 measures × 8 bytes per run and turn: 6.7 GB for a million runs of
the Middle Corridor's 29 turns, on disk, not in memory).

Dask is imported only by :func:`open_cluster`, so the rest of the game never needs it.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from game.engine.world import World
from game.kernel_cache import kernels_ready
from game.memory import keep_freed_memory
from game.play.batch import BLOCK, OUTPUT_MARGIN, BatchResult, play_part
from game.play.metrics import METRICS, distribution
from game.warm_up import warm_up

SHARD_RUNS = 10_000  # runs a shard plays: 2 blocks; its result is 67 MB for 29 turns
CONNECT_TIMEOUT = 3.0  # seconds to reach a scheduler before giving up
MAX_LOCAL_WORKERS = 64
ShardCallback = Callable[[int, int], None]  # (shards merged, shards in all)


class ShardExecutor(Protocol):
    """What plays shards: a ``concurrent.futures`` executor or a ``dask.distributed`` Client."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        """Start ``fn(*args)``; return a future whose ``result()`` is its value."""
        ...


@dataclass(frozen=True)
class ShardResult:
    """What one shard of a batch found, run by run."""

    start: int  # offset of the shard's first run in the batch
    metrics: np.ndarray  # (T + 1, r, M): every run's metric matrix at the start and after each turn
    fired: np.ndarray  # (r, E) bool: event fired at least once in the run
    fired_turns: np.ndarray  # (T, E) int: runs of the shard in which the event fired that turn


def shard_ranges(runs: int, shard_runs: int = SHARD_RUNS) -> list[tuple[int, int]]:
    """Contiguous ``(start, stop)`` ranges of at most ``shard_runs`` runs covering ``0 .. runs``.

    >>> shard_ranges(25, 10)
    [(0, 10), (10, 20), (20, 25)]
    """
    step = max(1, shard_runs)
    return [(start, min(start + step, runs)) for start in range(0, runs, step)]


def shard_size(runs: int, threads: int) -> int:
    """Runs per shard for ``threads`` workers: about four shards each (a slow worker delays the end by
    less than a quarter of its share), at most :data:`SHARD_RUNS` (bounding a result's memory).

    >>> shard_size(300, 2), shard_size(1_000_000, 2)
    (38, 10000)
    """
    return max(1, min(SHARD_RUNS, -(-runs // (4 * max(1, threads)))))


def play_shard(
    world: World, seed: int, first_run: int, start: int, stop: int, block: int = BLOCK,
    levels: Mapping[str, str] | None = None,
) -> ShardResult:
    """Play runs ``start .. stop`` of the batch whose first run index is ``first_run``; keep every turn's metrics.

    ``levels``: the computer's level per role, as in :func:`game.play.batch.play_batch`.
    """
    keep_freed_memory()
    metrics = np.empty((world.turns + 1, stop - start, len(METRICS)))

    def keep(turn: int, matrix: np.ndarray) -> None:
        metrics[turn] = matrix

    fired, fired_turns = play_part(world, seed, first_run + start, stop - start, block, keep, levels)
    return ShardResult(start=start, metrics=metrics, fired=fired, fired_turns=fired_turns)


class MetricSpool:
    """Every run's metric matrix after every turn, written shard by shard and read turn by turn.

    A temporary file (deleted when closed) laid out as ``(turns + 1, runs, metrics)`` float64,
    so one turn of every run is one contiguous read.
    """

    def __init__(self, turns: int, runs: int) -> None:
        self.runs = runs
        self.row_bytes = len(METRICS) * 8
        # Closed by ``close`` (the spool is a context manager), which deletes it.
        self.file = tempfile.TemporaryFile(prefix="multivector-shards-")  # noqa: SIM115
        self.file.truncate((turns + 1) * runs * self.row_bytes)

    def write(self, start: int, metrics: np.ndarray) -> None:
        """Store a shard's ``(turns + 1, r, metrics)`` matrices as runs ``start .. start + r``."""
        for turn, matrix in enumerate(metrics):
            self.file.seek((turn * self.runs + start) * self.row_bytes)
            self.file.write(np.ascontiguousarray(matrix, dtype=np.float64).tobytes())

    def turn(self, turn: int) -> np.ndarray:
        """The ``(runs, metrics)`` matrix of every run after ``turn`` turns."""
        matrix = np.empty((self.runs, len(METRICS)))
        self.file.seek(turn * self.runs * self.row_bytes)
        if self.file.readinto(matrix.data.cast("B")) != matrix.nbytes:
            raise OSError("the shard spool file is shorter than written")
        return matrix

    def close(self) -> None:
        """Delete the file."""
        self.file.close()

    def __enter__(self) -> MetricSpool:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()


def run_batch(
    world: World,
    seed: int,
    runs: int,
    first_run: int = 0,
    executor: ShardExecutor | None = None,
    shard_runs: int = SHARD_RUNS,
    in_flight: int = 4,
    on_shard: ShardCallback | None = None,
    levels: Mapping[str, str] | None = None,
) -> BatchResult:
    """Play the batch of :func:`game.play.batch.play_batch` as shards on ``executor``; the same result, bit for bit.

    ``executor``: a ``concurrent.futures`` executor (a process pool) or a ``dask.distributed``
    Client (see :func:`open_cluster`); None plays the shards one after the other in this process.
    At most ``in_flight`` shards are submitted and not yet merged, which bounds the memory
    their results take. ``on_shard(merged, total)`` follows the progress; ``levels`` as in ``play_batch``.
    """
    ranges = shard_ranges(runs, shard_runs)
    shared_world = _shared(executor, world)
    fired = np.empty((runs, world.events.count), dtype=bool)
    fired_turns = np.zeros((world.turns, world.events.count), dtype=np.int64)
    pending: deque[Any] = deque()
    window = max(1, in_flight) if executor is not None else 1  # here a shard plays when submitted
    with MetricSpool(world.turns, runs) as spool:
        for merged in range(len(ranges)):
            while len(pending) < window and merged + len(pending) < len(ranges):
                start, stop = ranges[merged + len(pending)]
                pending.append(_submit(executor, shared_world, seed, first_run, start, stop, levels))
            shard: ShardResult = pending.popleft().result()
            spool.write(shard.start, shard.metrics)
            fired[shard.start : shard.start + shard.fired.shape[0]] = shard.fired
            fired_turns += shard.fired_turns
            del shard
            if on_shard is not None:
                on_shard(merged + 1, len(ranges))
        bands = np.stack([distribution(spool.turn(turn)) for turn in range(world.turns + 1)])
        final = spool.turn(world.turns)
    return BatchResult(
        world=world, seed=seed, first_run=first_run, bands=bands, final=final, fired=fired, fired_turns=fired_turns
    )


class _Done:
    """A shard played in this process, shaped like a future."""

    def __init__(self, value: ShardResult) -> None:
        self.value = value

    def result(self) -> ShardResult:
        """The shard's result."""
        return self.value

    def cancel(self) -> bool:
        """Nothing to cancel."""
        return False


def _submit(
    executor: ShardExecutor | None, world: Any, seed: int, first_run: int, start: int, stop: int,
    levels: Mapping[str, str] | None,
) -> Any:
    if executor is None:
        return _Done(play_shard(world, seed, first_run, start, stop, BLOCK, levels))
    return executor.submit(play_shard, world, seed, first_run, start, stop, BLOCK, levels)


def _shared(executor: ShardExecutor | None, world: World) -> Any:
    """The world as shards receive it: sent once to every Dask worker (3 MB), else passed with each shard."""
    scatter = getattr(executor, "scatter", None)
    return scatter(world, broadcast=True) if scatter is not None else world


def sharded_batch_memory(world: World, runs: int, turns: int, results_held: int = 2) -> int:
    """Bytes :func:`run_batch` adds to this process for ``runs`` runs of ``turns`` turns (the spool is on disk).

    ``results_held`` shard results at once: a Dask Client fetches one at a time (and may keep
    its received copy while it is unpacked); a process pool sends each as it finishes, up to
    ``in_flight``. Besides: one turn's and the final measures of every run, which events
    fired, the bands.
    """
    metrics = len(METRICS) * 8
    shard = (turns + 1) * min(runs, SHARD_RUNS) * metrics
    return int(results_held * shard + runs * (2 * metrics + world.events.count) + turns * 4 * metrics + OUTPUT_MARGIN)


# Where the shards run: --cluster local:N or a scheduler's address.
_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(tcp|tls)://([A-Za-z0-9._-]+|\[[0-9A-Fa-f:]+\]):(\d+)")


class ClusterError(Exception):
    """A cluster that cannot be used, said in one sentence for the user."""


@dataclass(frozen=True)
class ClusterSpec:
    """Where shards run: ``local_workers`` processes on this machine, or the scheduler at ``address``."""

    local_workers: int = 0
    address: str = ""

    def describe(self) -> str:
        """For messages: ``a local Dask cluster of 2 workers`` or ``the Dask scheduler at tcp://…``."""
        if self.local_workers:
            return f"a local Dask cluster of {self.local_workers} worker{'s' if self.local_workers > 1 else ''}"
        return f"the Dask scheduler at {self.address}"


def parse_cluster(text: str) -> ClusterSpec:
    """``local:N`` (N from 1 to 64) or ``tcp://HOST:PORT`` / ``tls://HOST:PORT``; ValueError says what is wrong.

    >>> parse_cluster("local:2")
    ClusterSpec(local_workers=2, address='')
    >>> parse_cluster("tcp://scheduler:8786").address
    'tcp://scheduler:8786'
    """
    local = _LOCAL.fullmatch(text)
    if local:
        workers = int(local.group(1))
        if not 1 <= workers <= MAX_LOCAL_WORKERS:
            raise ValueError(f"{text!r}: a local cluster has 1 to {MAX_LOCAL_WORKERS} workers (e.g. local:2)")
        return ClusterSpec(local_workers=workers)
    address = _ADDRESS.fullmatch(text)
    if address and 1 <= int(address.group(3)) <= 65535:
        return ClusterSpec(address=text)
    raise ValueError(
        f"{text!r} is not a cluster: give a Dask scheduler's address, e.g. tcp://scheduler:8786, "
        "or local:N for N worker processes on this machine"
    )


@dataclass(frozen=True)
class Cluster:
    """A connected cluster: the Client that runs shards and how many shards it plays at once."""

    client: Any  # dask.distributed.Client
    threads: int


@contextlib.contextmanager
def open_cluster(spec: ClusterSpec, timeout: float = CONNECT_TIMEOUT) -> Iterator[Cluster]:
    """Connect to (or start) the cluster, prepare every worker's compiled kernels, and close it after.

    Raises :class:`ClusterError` when Dask is not installed or the scheduler cannot be reached
    within ``timeout`` seconds.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "--cluster needs Dask: pip install 'multivector[cluster]' (or pip install 'dask[distributed]')"
        ) from None
    # Dask logs connection retries and shutdown notes; the user gets one message from us instead.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    with contextlib.ExitStack() as stack:
        try:
            if spec.local_workers:
                local = stack.enter_context(
                    # A free port for the scheduler's web page: with None it still tries 8787 and
                    # warns when another cluster holds it.
                    LocalCluster(n_workers=spec.local_workers, threads_per_worker=1, processes=True,
                                 dashboard_address=":0", silence_logs=logging.CRITICAL)
                )
                client = stack.enter_context(Client(local, timeout=timeout))
            else:
                client = stack.enter_context(Client(spec.address, timeout=timeout))
        except (OSError, TimeoutError):
            raise ClusterError(
                f"cannot reach {spec.describe()} within {timeout:g} s; "
                "check that the scheduler runs and the address and port are right"
            ) from None
        client.run(prepare_worker)
        threads = max(1, sum(client.nthreads().values()))
        yield Cluster(client=client, threads=threads)


def prepare_worker() -> bool:
    """Compile this machine's kernels once (``game.warm_up``) unless they are cached; True if it compiled."""
    if kernels_ready():
        return False
    warm_up()
    return True
