"""Batch outputs and statistics; compare with common random numbers; report of a run."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.batch import play_batch
from game.play.metrics import METRICS, PERCENTILES, distribution, metric_matrix
from game.report.compare import paired_differences
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False
    )


def sandbox(turns: int = 6, **overrides: float):  # type: ignore[no-untyped-def]
    return compile_world(load_scenario(resolve_scenario("sandbox")), overrides, turns)


def test_batch_median_trajectory_matches_single_games() -> None:
    world = sandbox(turns=5)
    runs = 24
    batch = play_batch(world, seed=11, runs=runs)
    singles = []
    for run in range(runs):
        game = Game.new(world, seed=11, first_run=run, keep_ledger=False, policy=normal_orders)
        game.play_to_end()
        singles.append(np.stack([metric_matrix(s.values, world.weight)[0] for s in game.states]))
    stacked = np.stack(singles, axis=1)  # (T + 1, R, M)
    assert batch.bands.shape == (world.turns + 1, len(METRICS), 4)
    np.testing.assert_array_equal(batch.bands[:, :, 1], np.median(stacked, axis=1))
    np.testing.assert_array_equal(batch.bands[:, :, 0], np.percentile(stacked, 10, axis=1))
    np.testing.assert_array_equal(batch.final, stacked[-1])


def test_batch_cli_output_shapes(tmp_path: Path) -> None:
    result = multivector(
        "batch", "sandbox", "--runs", "30", "--seed", "2", "--turns", "4", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir()} == {
        ".multivector-output",
        "outcomes.csv",
        "distributions.csv",
        "summary.json",
        "fan_dependence.png",
        "fan_scores.png",
    }
    with open(tmp_path / "outcomes.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30 * len(METRICS)
    assert {row["run"] for row in rows} == {str(i) for i in range(30)}
    with open(tmp_path / "distributions.csv") as handle:
        bands = list(csv.DictReader(handle))
    assert len(bands) == 5 * len(METRICS)
    for row in bands:
        assert float(row["p10"]) <= float(row["median"]) <= float(row["p90"])
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["runs"] == 30 and summary["turns"] == 4 and "score.KZ" in summary["final"]
    assert (tmp_path / "fan_dependence.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = tmp_path / "again"
    multivector("batch", "sandbox", "--runs", "30", "--seed", "2", "--turns", "4", "--out", str(again))
    assert (again / "outcomes.csv").read_bytes() == (tmp_path / "outcomes.csv").read_bytes()


def test_batch_refuses_bad_flags(tmp_path: Path) -> None:
    result = multivector("batch", "sandbox", "--runs", "0", "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = multivector(
        "batch", "sandbox", "--runs", "5", "--seed", "1", "--set", "nope=1", "--out", str(tmp_path)
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_common_random_numbers_identical_sides_give_zero() -> None:
    world = sandbox(turns=4)
    a = play_batch(world, seed=5, runs=20)
    b = play_batch(world, seed=5, runs=20)
    for difference in paired_differences(a.final, b.final):
        assert difference.diff == 0.0 and difference.low == 0.0 and difference.high == 0.0


def test_pairing_narrows_the_interval() -> None:
    a = play_batch(sandbox(turns=6, shock_scale=0.5), seed=3, runs=60)
    b = play_batch(sandbox(turns=6, shock_scale=2.0), seed=3, runs=60)
    differences = {d.key: d for d in paired_differences(a.final, b.final)}
    score = differences["score.KZ"]
    assert score.se_paired < score.se_independent


def test_compare_cli(tmp_path: Path) -> None:
    result = multivector(
        "compare",
        "sandbox",
        "--set",
        "shock_scale=0",
        "--vs",
        "--set",
        "shock_scale=3",
        "--runs",
        "30",
        "--seed",
        "1",
        "--turns",
        "4",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "A: sandbox [shock_scale=0]" in result.stdout and "95% CI" in result.stdout
    with open(tmp_path / "compare.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(METRICS)
    for row in rows:
        assert float(row["ci_low"]) <= float(row["diff"]) <= float(row["ci_high"])
    assert (tmp_path / "compare.png").is_file()
    result = multivector("compare", "sandbox", "--runs", "5", "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 2 and "--vs" in result.stderr


def test_report_of_a_run(tmp_path: Path) -> None:
    run = tmp_path / "run"
    result = multivector("run", "sandbox", "--seed", "4", "--turns", "5", "--out", str(run))
    assert result.returncode == 0, result.stderr
    result = multivector("report", str(run), "--out", str(tmp_path / "r.html"), "--runs", "20")
    assert result.returncode == 0, result.stderr
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()


def test_every_command_has_an_example_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    """In process (one subprocess per command took 14 s): every --help shows an example."""
    from game.cli.main import build_parser

    for command in (
        ["batch"],
        ["compare"],
        ["report"],
        ["class"],
        ["class", "new"],
        ["class", "turn"],
        ["class", "template"],
        ["class", "status"],
        ["class", "undo"],
        ["class", "inject"],
        ["class", "deadline-policy"],
    ):
        with pytest.raises(SystemExit) as stopped:
            build_parser().parse_args([*command, "--help"])
        assert stopped.value.code == 0 and "example" in capsys.readouterr().out, command


def test_compare_refuses_one_run_and_warns_below_thirty(tmp_path: Path) -> None:
    base = ["compare", "sandbox", "--set", "shock_scale=0", "--vs", "--set", "shock_scale=2", "--seed", "1"]
    result = multivector(*base, "--runs", "1", "--out", str(tmp_path / "one"))
    assert result.returncode == 2 and "at least 2 paired runs" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "one").exists()
    result = multivector(*base, "--runs", "5", "--turns", "2", "--out", str(tmp_path / "five"))
    assert result.returncode == 0, result.stderr
    assert "warning: only 5 runs" in result.stderr
    assert "at least 0.5 points" in result.stdout


def test_tiny_certain_differences_are_not_starred() -> None:
    from game.report.compare import format_difference

    a = np.zeros((50, len(METRICS)))
    b = a + 0.003 + np.linspace(0, 1e-4, 50)[:, None]  # a certain but negligible difference
    tiny = paired_differences(a, b)[0]
    assert tiny.excludes_zero and not tiny.is_significant
    assert format_difference(tiny.diff) == "+<0.01" and format_difference(-0.2149) == "−0.21"
    big = paired_differences(a, a + 0.7 + np.linspace(0, 0.1, 50)[:, None])[0]
    assert big.is_significant
    noisy = paired_differences(a, a + np.linspace(-9, 10.5, 50)[:, None])[0]
    assert abs(noisy.diff) >= 0.5 and not noisy.is_significant


@pytest.mark.parametrize(
    "kind",
    ["uniform", "rounded", "constant", "one run", "two runs", "sorted", "reversed", "heavy tail", "outlier", "nan",
     "subnormal spread"],
)
def test_distribution_equals_numpys_percentiles(kind: str) -> None:
    """The batch's p10/median/p90 are np.percentile's to the last bit, whatever the columns look like."""
    rng = np.random.default_rng(len(kind))
    matrix = {
        "uniform": rng.random((10_000, 28)) * 100,
        "rounded": np.round(rng.random((5_000, 28)) * 10),
        "constant": np.full((7, 3), 42.0),
        "one run": rng.random((1, 4)),
        "two runs": rng.random((2, 5)),
        "sorted": np.sort(rng.random((3_001, 6)), axis=0),
        "reversed": np.sort(rng.random((3_001, 6)), axis=0)[::-1].copy(),
        "heavy tail": np.exp(rng.normal(size=(4_000, 5)) * 20),
        "outlier": np.vstack([np.zeros((5_000, 2)), np.full((5, 2), 1e300)]),
        "nan": np.where(rng.random((50, 3)) < 0.02, np.nan, rng.random((50, 3))),
        "subnormal spread": np.where(rng.random((40, 2)) < 0.5, 0.0, 5e-324),
    }[kind]
    with np.errstate(invalid="ignore"):
        expected = np.percentile(matrix, PERCENTILES, axis=0).T
    bands = distribution(matrix)
    assert np.array_equal(bands[:, :3], expected, equal_nan=True)
    assert np.array_equal(bands[:, 3], matrix.mean(axis=0), equal_nan=True)


def test_distribution_of_no_runs_is_refused() -> None:
    with pytest.raises(ValueError, match="no runs"):
        distribution(np.zeros((0, 3)))
