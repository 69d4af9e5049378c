"""A batch played as shards (here, in a spawned process pool, or with spawned lockstep workers)
equals the in-process batch exactly, and run i of a shard is single game i."""

from __future__ import annotations

import itertools
import multiprocessing
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.engine.world import World
from game.play.batch import BatchResult, can_fork, play_batch
from game.play.cluster import ClusterSpec, parse_cluster, play_shard, run_batch, shard_ranges
from game.play.metrics import metric_matrix
from game.play.scenario import ScenarioSetup

FIELDS = ("bands", "final", "fired", "fired_turns")


@pytest.fixture(scope="module")
def world() -> World:
    return ScenarioSetup.open("middle_corridor", turns=5).world


def assert_same(one: BatchResult, other: BatchResult) -> None:
    for name in FIELDS:
        assert np.array_equal(getattr(one, name), getattr(other, name)), name


def test_shards_merged_equal_the_in_process_batch(world: World) -> None:
    one = play_batch(world, seed=4, runs=61, first_run=7)
    merged: list[tuple[int, int]] = []
    sharded = run_batch(world, seed=4, runs=61, first_run=7, shard_runs=13, on_shard=lambda m, t: merged.append((m, t)))
    assert merged == [(m, 5) for m in range(1, 6)]
    assert_same(one, sharded)
    assert sharded.first_run == 7 and sharded.runs == 61


def test_run_i_of_a_shard_is_single_game_i(world: World) -> None:
    shard = play_shard(world, seed=9, first_run=100, start=20, stop=30)
    assert shard.metrics.shape == (world.turns + 1, 10, 28)
    for offset in (0, 4, 9):
        game = Game.new(world, seed=9, first_run=120 + offset, keep_ledger=False, policy=normal_orders)
        turns = [metric_matrix(game.state.values, world.weight)[0]]
        for _ in range(world.turns):
            game.play()
            turns.append(metric_matrix(game.state.values, world.weight)[0])
        assert np.array_equal(np.stack(turns), shard.metrics[:, offset]), offset
        assert np.array_equal(game.state.fired[0], shard.fired[offset])


def test_a_spawned_process_pool_plays_shards_that_merge_exactly(world: World) -> None:
    one = play_batch(world, seed=2, runs=40)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        sharded = run_batch(world, seed=2, runs=40, executor=pool, shard_runs=9, in_flight=3)
    assert_same(one, sharded)


def test_spawned_lockstep_workers_equal_forked_ones_and_one_process(world: World) -> None:
    one = play_batch(world, seed=5, runs=45, first_run=3)
    spawned = play_batch(world, seed=5, runs=45, first_run=3, workers=2, block=10, start_method="spawn")
    assert_same(one, spawned)
    if can_fork():
        assert_same(spawned, play_batch(world, seed=5, runs=45, first_run=3, workers=2, block=10, start_method="fork"))


def test_a_failing_spawned_worker_is_reported_not_hung(world: World) -> None:
    broken = world.__class__(**{**world.__dict__, "weight": world.weight[:2]})  # wrong shape: fails in play
    with pytest.raises(RuntimeError, match="batch worker"):
        play_batch(broken, seed=1, runs=20, workers=2, start_method="spawn")


def test_shards_cover_every_run_once() -> None:
    assert shard_ranges(1, 10) == [(0, 1)]
    ranges = shard_ranges(10_001, 2_500)
    assert ranges[0] == (0, 2_500) and ranges[-1] == (10_000, 10_001)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))


@pytest.mark.parametrize(
    ("text", "spec"),
    [("local:1", ClusterSpec(local_workers=1)), ("local:64", ClusterSpec(local_workers=64)),
     ("tcp://scheduler:8786", ClusterSpec(address="tcp://scheduler:8786")),
     ("tls://10.0.0.5:8786", ClusterSpec(address="tls://10.0.0.5:8786"))],
)
def test_cluster_addresses_accepted(text: str, spec: ClusterSpec) -> None:
    assert parse_cluster(text) == spec


@pytest.mark.parametrize(
    "text", ["local:0", "local:65", "local:", "local:two", "scheduler:8786", "tcp://scheduler", "tcp://host:0",
             "tcp://host:70000", "http://host:8786", "tcp://a b:1", ""],
)
def test_bad_cluster_values_refused(text: str) -> None:
    with pytest.raises(ValueError, match="local"):
        parse_cluster(text)


def test_the_batch_and_compare_commands_import_no_dask_until_a_cluster_is_asked_for() -> None:
    code = (
        "import sys, game.cli.batch, game.cli.compare\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
