"""Sweeps: common random numbers at every point, the default point is the plain batch, bad levers refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import game
from game.analysis.levers import latin_hypercube
from game.cli.main import main
from game.play.batch import play_batch
from game.play.metrics import METRICS
from game.play.scenario import ScenarioSetup

from .conftest import TURNS, refused

SEED = 5
RUNS = 4


def test_the_point_with_default_levers_is_the_plain_batch(sandbox: ScenarioSetup) -> None:
    swept = game.sweep(sandbox, ["shock_scale"], np.array([[0.0], [1.0], [2.5]]), SEED, RUNS, first_run=9)
    plain = play_batch(sandbox.world, SEED, RUNS, 9)
    assert np.array_equal(swept.final[1], plain.final)  # shock_scale's default is 1
    assert not np.array_equal(swept.final[0], plain.final)
    summary = swept.summary()
    assert len(summary) == 3 * len(METRICS)
    at_default = summary[summary["point"] == 1].set_index("measure")["mean"]
    assert np.array_equal(at_default.to_numpy(), plain.final.mean(axis=0))


def test_cli_grid_writes_every_point_of_the_product(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    placebo_path: Path) -> None:
    code = main(["sweep", str(placebo_path), "--lever", "shock_scale=0:2:3", "--lever", "placebo=0.5,1.5",
                 "--runs", str(RUNS), "--seed", str(SEED), "--turns", str(TURNS), "--per-run", "--out",
                 str(tmp_path / "s")])
    assert code == 0
    points = pd.read_csv(tmp_path / "s" / "points.csv")
    assert points.values.tolist() == [[0, 0, 0.5], [1, 0, 1.5], [2, 1, 0.5], [3, 1, 1.5], [4, 2, 0.5], [5, 2, 1.5]]
    summary = pd.read_csv(tmp_path / "s" / "sweep.csv")
    assert len(summary) == 6 * len(METRICS)
    runs = pd.read_csv(tmp_path / "s" / "runs.csv")
    assert len(runs) == 6 * RUNS * len(METRICS)
    # The placebo changes nothing, so with common random numbers its two points are equal run for run.
    by_point = [runs[runs["point"] == point]["value"].to_numpy() for point in range(6)]
    assert np.array_equal(by_point[0], by_point[1]) and np.array_equal(by_point[4], by_point[5])
    assert not np.array_equal(by_point[0], by_point[4])
    for chart in ("sweep_scores.png", "sweep_dependence.png"):
        assert (tmp_path / "s" / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_sweep_equals_the_api_sweep(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         sandbox: ScenarioSetup) -> None:
    assert main(["sweep", "sandbox", "--lever", "shock_scale=0.5,3", "--runs", str(RUNS), "--seed", str(SEED),
                 "--turns", str(TURNS), "--ai", "easy", "--format", "parquet", "--out", str(tmp_path / "s")]) == 0
    swept = game.sweep(sandbox, ["shock_scale"], np.array([[0.5], [3.0]]), SEED, RUNS, levels=dict.fromkeys(
        ("KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST"), "easy"))
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "s" / "sweep.parquet"), swept.summary(),
                                  check_dtype=False)


def test_latin_hypercube_puts_one_point_in_each_stratum() -> None:
    names, points = latin_hypercube({"a": (0.0, 2.0), "b": (1.0, 1.5)}, 8, seed=3)
    assert names == ("a", "b") and points.shape == (8, 2)
    for column, (low, high) in enumerate(((0.0, 2.0), (1.0, 1.5))):
        strata = np.floor((points[:, column] - low) / (high - low) * 8).astype(int)
        assert sorted(strata.tolist()) == list(range(8))
    assert np.array_equal(latin_hypercube({"a": (0.0, 2.0), "b": (1.0, 1.5)}, 8, seed=3)[1], points)


def test_cli_lhs_samples_the_declared_levers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", "europe_woos", "--sample", "lhs", "--points", "3", "--runs", "2", "--seed", "1",
                 "--turns", "2", "--out", str(tmp_path / "l")]) == 0
    points = pd.read_csv(tmp_path / "l" / "points.csv")
    assert points.columns.tolist() == ["point", "west_funding", "russia_pushback", "shock_scale"]
    assert ((points["west_funding"] >= 0) & (points["west_funding"] <= 3)).all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--lever", "shock_scal=0:2:3"], "--lever shock_scal: no such lever; did you mean 'shock_scale'?"),
        (["--lever", "shock_scale=0:5:3"], "--lever shock_scale=5: must lie in [0, 3]"),
        (["--lever", "shock_scale=0:2"], "--lever shock_scale=0:2: write START:STOP:COUNT, e.g. shock_scale=0:2:5"),
        (["--lever", "shock_scale=0,x"], "--lever shock_scale=0,x: 'x' is not a number"),
        (["--lever", "shock_scale=1,2", "--lever", "shock_scale=0,3"], "--lever shock_scale: given more than once"),
        ([], "name at least one --lever, e.g. --lever shock_scale=0:2:5"),
        (["--lever", "shock_scale=1,2", "--points", "4"], "--points is for --sample lhs"),
        (["--sample", "lhs", "--lever", "noise", "--points", "4"],
         "--lever noise: a rule constant has no declared range"),
        (["--sample", "lhs", "--lever", "shock_scale"], "--sample lhs needs --points N"),
        (["--lever", "noise=-1,0"], "--lever noise=-1: out of range for the rule"),
    ],
)
def test_bad_levers_are_one_line_and_exit_2(arguments: list[str], message: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    command = ["sweep", "sandbox", *arguments, "--runs", "2", "--seed", "1"]
    assert refused(command, tmp_path / "x", capsys).startswith(message)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_points_shared_out_among_processes_equal_the_points_played_in_turn(
    sandbox: ScenarioSetup, start_method: str
) -> None:
    points = np.array([[0.0], [1.0], [2.5]])
    levels = {"RU": "easy"}
    in_turn = game.sweep(sandbox, ["shock_scale"], points, SEED, RUNS, first_run=3, levels=levels)
    calls: list[tuple[int, int]] = []
    shared = game.sweep(sandbox, ["shock_scale"], points, SEED, RUNS, first_run=3, levels=levels, workers=2,
                        on_point=lambda done, total: calls.append((done, total)), start_method=start_method)
    assert np.array_equal(shared.final, in_turn.final)  # each point keeps its common random numbers
    assert shared.quarter == in_turn.quarter
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_chart_bands_pool_the_runs_sharing_a_lever_value_on_a_grid_and_not_on_a_sample() -> None:
    final = np.arange(4 * 5 * len(METRICS), dtype=float).reshape(4, 5, len(METRICS))
    grid = game.SweepResult(("a", "b"), np.array([[0, 1], [0, 2], [1, 1], [1, 2]], dtype=float), final, 1, 0, "")
    x, bands = grid.bands("a", 3)
    assert x.tolist() == [0.0, 1.0]
    assert bands[0].tolist() == np.percentile(final[:2, :, 3], (10, 50, 90)).tolist()  # points 0 and 1: a = 0
    assert all(low <= median <= high for low, median, high in bands)
    sample = game.SweepResult(("a", "b"), np.array([[0.1, 1], [0.2, 2], [0.3, 3], [0.4, 4]]), final, 1, 0, "")
    x, bands = sample.bands("b", 3)
    assert x.tolist() == [1, 2, 3, 4]
    assert bands[:, 1].tolist() == np.median(final[:, :, 3], axis=1).tolist()
