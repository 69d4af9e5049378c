"""The Dask path: a local cluster of worker processes plays a batch that equals the in-process one
exactly, through the API and through ``multivector batch --cluster``; bad clusters are one message."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.play.batch import play_batch
from game.play.cluster import ClusterError, ClusterSpec, open_cluster, run_batch
from game.play.scenario import ScenarioSetup

pytest.importorskip("distributed")


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    # The hang guard is far above the connect timeout; the test asserts no time.
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, timeout=300)


def test_a_local_cluster_of_two_worker_processes_equals_the_in_process_batch() -> None:
    world = ScenarioSetup.open("middle_corridor", turns=4).world
    one = play_batch(world, seed=8, runs=50, first_run=11)
    with open_cluster(ClusterSpec(local_workers=2)) as cluster:
        assert cluster.threads == 2
        workers = cluster.client.scheduler_info()["workers"]
        assert len(workers) == 2 and all(worker["nthreads"] == 1 for worker in workers.values())
        sharded = run_batch(world, seed=8, runs=50, first_run=11, executor=cluster.client, shard_runs=7, in_flight=4)
        played_on = cluster.client.run(lambda: 1)  # every worker answers: none died on the way
    assert len(played_on) == 2
    for name in ("bands", "final", "fired", "fired_turns"):
        assert np.array_equal(getattr(one, name), getattr(sharded, name)), name


def test_batch_on_a_local_cluster_writes_the_same_bytes(tmp_path: Path) -> None:
    common = ("batch", "middle_corridor", "--runs", "120", "--seed", "3", "--turns", "3", "--first-run", "5")
    here = multivector(*common, "--workers", "1", "--out", str(tmp_path / "here"))
    assert here.returncode == 0, here.stderr
    sharded = multivector(*common, "--cluster", "local:2", "--out", str(tmp_path / "sharded"))
    assert sharded.returncode == 0, sharded.stderr
    assert "2 Dask worker threads" in sharded.stdout
    files = sorted(path.name for path in (tmp_path / "here").iterdir())
    assert "outcomes.csv" in files and "fan_scores.png" in files
    assert files == sorted(path.name for path in (tmp_path / "sharded").iterdir())
    for name in files:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "sharded" / name).read_bytes(), name


def test_compare_on_a_local_cluster_writes_the_same_bytes(tmp_path: Path) -> None:
    common = ("compare", "middle_corridor", "--set", "shock_scale=0", "--vs", "--set", "shock_scale=2",
              "--runs", "40", "--seed", "2", "--turns", "2")
    here = multivector(*common, "--out", str(tmp_path / "here"))
    assert here.returncode == 0, here.stderr
    sharded = multivector(*common, "--cluster", "local:2", "--out", str(tmp_path / "sharded"))
    assert sharded.returncode == 0, sharded.stderr
    files = sorted(path.name for path in (tmp_path / "here").iterdir())
    assert "compare.csv" in files
    for name in files:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "sharded" / name).read_bytes(), name


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("cluster", "said"),
    [(None, "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
     ("local:0", "--cluster: 'local:0': a local cluster has 1 to 64 workers"),
     ("tcp//scheduler:8786", "--cluster: 'tcp//scheduler:8786' is not a cluster")],
)
def test_a_bad_cluster_is_one_message_and_exit_2(tmp_path: Path, cluster: str | None, said: str) -> None:
    address = cluster or f"tcp://127.0.0.1:{unused_port()}"  # nothing listens there
    result = multivector("batch", "sandbox", "--runs", "10", "--seed", "1", "--out", str(tmp_path / "out"),
                         "--cluster", address)
    assert result.returncode == 2
    assert said in result.stderr
    assert result.stderr.count("error") == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_workers_and_cluster_together_are_refused(tmp_path: Path) -> None:
    result = multivector("batch", "sandbox", "--runs", "10", "--seed", "1", "--out", str(tmp_path / "out"),
                         "--cluster", "local:1", "--workers", "2")
    assert result.returncode == 2
    assert "--workers sets processes on this machine" in result.stderr


def test_without_dask_the_cluster_path_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    with pytest.raises(ClusterError, match=r"pip install 'multivector\[cluster\]'"), \
            open_cluster(ClusterSpec(local_workers=1)):
        pass
