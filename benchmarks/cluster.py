"""A batch sharded on a local Dask cluster against the same batch in one process.

For each size (default 100,000 and 1,000,000 runs of the Middle Corridor, its 29 turns) it
plays the batch twice, each in a fresh child process of this script:
  in-process  ``play_batch(..., workers=1)``: one process, all runs in lockstep
  cluster     ``run_batch`` on ``LocalCluster(n_workers=W, threads_per_worker=1, processes=True)``
and prints wall time, parallel efficiency (in-process time / (W × cluster time)), the peak
resident set of the in-process child, of the cluster's client and of each Dask worker
(each worker's own ``ru_maxrss``, read just before the cluster closes). The cluster's
start (processes spawned, kernels loaded) is timed apart from the batch. It also checks
that both give the same bands, final metrics and events, bit for bit.

Then a worker's first shard: a fresh worker loads the compiled kernels from numba's cache
the first time it plays, so its first shard is timed against its second; and, with
``--cold``, a worker whose kernel cache is empty (a new machine): how long
``open_cluster`` takes while it compiles every kernel (``game.warm_up``).

Sizes the memory budget refuses (``game.play.batch.memory_refusal``) are skipped, saying so.
Wall times on a shared machine grow with its load; the CPU seconds printed beside them do not,
so run-turns per CPU second compare figures taken at different loads.

Run: .venv/bin/python benchmarks/cluster.py [--runs 100000 1000000 --workers 2 --turns T --cold --only cluster]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from game.kernel_cache import ENVIRONMENT_FLAG
from game.play.batch import BatchResult, batch_memory, memory_refusal, play_batch
from game.play.cluster import (
    ClusterSpec,
    open_cluster,
    play_shard,
    run_batch,
    shard_size,
    sharded_batch_memory,
)
from game.play.scenario import ScenarioSetup

FIELDS = ("bands", "final", "fired", "fired_turns")


def peak_rss_mib() -> float:
    """This process's peak resident set in MiB (Linux: ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time this process has used (user + system): unlike wall time, it does not grow with the
    machine's load, so figures taken on a shared machine stay comparable."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def digest(batch: BatchResult, out: Path) -> None:
    """Keep the batch's arrays for the parent's comparison."""
    np.savez(out, **{name: getattr(batch, name) for name in FIELDS})


def child(arguments: argparse.Namespace) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    world = ScenarioSetup.open(arguments.scenario, turns=arguments.turns).world
    if arguments.mode == "in-process":
        started, cpu_before = time.perf_counter(), cpu_seconds()
        batch = play_batch(world, arguments.seed, arguments.runs, workers=1)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_before
        digest(batch, arguments.keep)
        return {"seconds": seconds, "cpu": cpu, "peak_mib": peak_rss_mib()}
    opened = time.perf_counter()
    with open_cluster(ClusterSpec(local_workers=arguments.workers)) as cluster:
        start_seconds = time.perf_counter() - opened
        workers_before = sum(cluster.client.run(cpu_seconds).values())
        started, cpu_before = time.perf_counter(), cpu_seconds()
        batch = run_batch(
            world, arguments.seed, arguments.runs, executor=cluster.client,
            shard_runs=shard_size(arguments.runs, cluster.threads), in_flight=2 * cluster.threads,
        )
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_before
        workers_cpu = sum(cluster.client.run(cpu_seconds).values()) - workers_before
        workers_peak = sorted(cluster.client.run(peak_rss_mib).values())
    digest(batch, arguments.keep)
    return {"seconds": seconds, "cpu": cpu, "workers_cpu": workers_cpu, "start_seconds": start_seconds,
            "peak_mib": peak_rss_mib(), "worker_peak_mib": workers_peak}


def first_shards(scenario: str, seed: int, runs: int) -> dict[str, float]:
    """Seconds of a fresh worker's first shard of ``runs`` runs and of its second (same runs)."""
    world = ScenarioSetup.open(scenario).world
    with open_cluster(ClusterSpec(local_workers=1)) as cluster:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            cluster.client.submit(play_shard, world, seed, 0, 0, runs, pure=False).result()
            times.append(time.perf_counter() - started)
    return {"first": times[0], "second": times[1]}


def cold_start() -> float:
    """Seconds ``open_cluster`` takes for one worker whose kernel cache is empty (it compiles them)."""
    kept = {name: os.environ.get(name) for name in (ENVIRONMENT_FLAG, "NUMBA_CACHE_DIR")}
    with tempfile.TemporaryDirectory() as empty:
        os.environ.update(dict.fromkeys(kept, empty))  # the worker inherits them: a cache with nothing in it
        try:
            started = time.perf_counter()
            with open_cluster(ClusterSpec(local_workers=1), timeout=30):
                return time.perf_counter() - started
        finally:
            for name, value in kept.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def measure(arguments: argparse.Namespace, mode: str, runs: int, keep: Path) -> dict[str, Any]:
    """Run one measurement in a child process; its printed JSON."""
    command = [sys.executable, __file__, "--child", mode, "--runs", str(runs), "--scenario", arguments.scenario,
               "--seed", str(arguments.seed), "--workers", str(arguments.workers), "--keep", str(keep)]
    if arguments.turns is not None:
        command += ["--turns", str(arguments.turns)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def compare_sizes(arguments: argparse.Namespace) -> None:
    """Both ways at every size; print the figures."""
    world = ScenarioSetup.open(arguments.scenario, turns=arguments.turns).world
    for runs in arguments.runs:
        need = max(batch_memory(world, runs, world.turns), sharded_batch_memory(world, runs, world.turns))
        refusal = memory_refusal(need, "the runs")
        if refusal:
            print(f"{runs:,} runs: skipped, {refusal}")
            continue
        run_turns = runs * world.turns
        print(f"{runs:,} runs × {world.turns} turns of {arguments.scenario}, seed {arguments.seed} "
              f"(load average {os.getloadavg()[0]:.1f}):", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            one = sharded = None
            if arguments.only in ("both", "in-process"):
                one = measure(arguments, "in-process", runs, Path(folder) / "one.npz")
                print(f"  in-process: {one['seconds']:.1f} s wall ({run_turns / one['seconds']:,.0f} run-turns/s), "
                      f"CPU {one['cpu']:.1f} s ({run_turns / one['cpu']:,.0f} run-turns per CPU second), "
                      f"peak RSS {one['peak_mib']:,.0f} MiB; load average {os.getloadavg()[0]:.1f}", flush=True)
            if arguments.only in ("both", "cluster"):
                sharded = measure(arguments, "cluster", runs, Path(folder) / "sharded.npz")
                cpu = sharded["cpu"] + sharded["workers_cpu"]
                print(f"  local Dask cluster of {arguments.workers}: {sharded['seconds']:.1f} s wall "
                      f"({run_turns / sharded['seconds']:,.0f} run-turns/s; the cluster's start took "
                      f"{sharded['start_seconds']:.1f} s more), CPU {cpu:.1f} s (client {sharded['cpu']:.1f}, "
                      f"workers {sharded['workers_cpu']:.1f}; {run_turns / cpu:,.0f} run-turns per CPU second); "
                      f"peak RSS: client {sharded['peak_mib']:,.0f} MiB, workers "
                      + ", ".join(f"{peak:,.0f}" for peak in sharded["worker_peak_mib"])
                      + f" MiB; load average {os.getloadavg()[0]:.1f}", flush=True)
            if one is not None and sharded is not None:
                efficiency = one["seconds"] / (arguments.workers * sharded["seconds"])
                with np.load(Path(folder) / "one.npz") as a, np.load(Path(folder) / "sharded.npz") as b:
                    same = all(np.array_equal(a[name], b[name]) for name in FIELDS)
                print(f"  efficiency (in-process wall / ({arguments.workers} × cluster wall)) {efficiency:.0%}; "
                      f"CPU per run-turn, cluster / in-process: "
                      f"{(sharded['cpu'] + sharded['workers_cpu']) / one['cpu']:.2f}")
                print(f"  bit-identical bands, final metrics and events: {same}")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scenario", default="middle_corridor")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--turns", type=int, default=None, help="default: the scenario's length")
    parser.add_argument("--no-first-shard", action="store_true", help="skip timing a fresh worker's first shard")
    parser.add_argument("--cold", action="store_true", help="also time a worker compiling every kernel")
    parser.add_argument("--only", choices=("both", "in-process", "cluster"), default="both",
                        help="play each size only in-process or only on the cluster (default both)")
    parser.add_argument("--child", choices=("in-process", "cluster"), dest="mode", help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.mode:
        arguments.runs = arguments.runs[0]
        print(json.dumps(child(arguments)))
        return
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if not arguments.no_first_shard:
        shards = first_shards(arguments.scenario, arguments.seed, 10_000)
        print(f"a fresh worker's first shard of 10,000 runs: {shards['first']:.2f} s; its second: "
              f"{shards['second']:.2f} s (the difference is loading the cached kernels)")
    if arguments.cold:
        print(f"a worker with an empty kernel cache: the cluster is ready after {cold_start():.1f} s "
              "(it compiles every kernel once; later workers of that machine load them)")
    compare_sizes(arguments)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
