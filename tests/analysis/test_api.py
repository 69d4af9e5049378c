"""The public Python API: the tables a notebook gets are the command line's, run for run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import game
from game.cli.main import main
from game.play.batch import play_batch
from game.play.metrics import METRICS
from game.play.scenario import ScenarioSetup

from .conftest import TURNS

SEED = 11
RUNS = 6


def test_import_game_loads_neither_the_engine_nor_pandas() -> None:
    code = "import sys, game; print(any(m in sys.modules for m in ('numba', 'pandas', 'game.api')))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_the_package_exports_the_api_by_name() -> None:
    assert game.load is game.api.load
    assert "batch" in dir(game)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        game.nothing  # noqa: B018


def test_batch_outcomes_are_the_rows_of_the_cli_outcomes_csv(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    frame = game.batch(game.load("sandbox", {"shock_scale": 2.0}, TURNS), seed=SEED, runs=RUNS, first_run=3).outcomes()
    code = main(["batch", "sandbox", "--runs", str(RUNS), "--seed", str(SEED), "--first-run", "3", "--turns",
                 str(TURNS), "--set", "shock_scale=2", "--workers", "1", "--out", str(tmp_path / "b")])
    assert code == 0
    written = pd.read_csv(tmp_path / "b" / "outcomes.csv", dtype=str, keep_default_na=False)
    assert len(written) == len(frame) == RUNS * len(METRICS)
    assert written["run"].astype(int).tolist() == frame["run"].tolist()
    for column in ("quarter", "variable", "country", "power", "role"):
        assert written[column].tolist() == frame[column].astype(str).tolist()
    assert written["value"].tolist() == [f"{value:.12g}" for value in frame["value"]]


def test_batch_parquet_holds_the_api_tables_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    played = game.batch(game.load("sandbox", turns=TURNS), seed=SEED, runs=RUNS, levels={"RU": "easy"})
    code = main(["batch", "sandbox", "--runs", str(RUNS), "--seed", str(SEED), "--turns", str(TURNS), "--ai", "RU=easy",
                 "--format", "parquet", "--out", str(tmp_path / "p")])
    assert code == 0
    assert not (tmp_path / "p" / "outcomes.csv").exists()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "p" / "outcomes.parquet"), played.outcomes(),
                                  check_dtype=False)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "p" / "distributions.parquet"), played.distributions(),
                                  check_dtype=False)
    summary = json.loads((tmp_path / "p" / "summary.json").read_text())
    assert summary["ai_levels"] == {"RU": "easy"}


def test_replay_of_run_i_is_the_single_game_i(sandbox: ScenarioSetup) -> None:
    played = game.batch(sandbox, seed=SEED, runs=RUNS, first_run=40, trajectories=True)
    paths = played.trajectories()
    for index in (0, 4):
        match = played.replay(index)
        assert match.game.streams.seed == SEED
        single = np.stack([record.measures.table[0] for record in match.game.records])
        from_batch = paths[paths["run"] == 40 + index].sort_values("turn", kind="stable")["value"].to_numpy()
        assert np.array_equal(from_batch.reshape(TURNS + 1, len(METRICS))[1:], single)
        assert np.array_equal(played.result.final[index], single[-1])
    with pytest.raises(IndexError, match="run 6 is not in this batch of 6 runs"):
        played.replay(RUNS)


def test_trajectories_do_not_depend_on_the_worker_processes(sandbox: ScenarioSetup) -> None:
    one = game.batch(sandbox, seed=SEED, runs=RUNS, workers=1, trajectories=True)
    two = game.batch(sandbox, seed=SEED, runs=RUNS, workers=2, trajectories=True)
    assert one.paths is not None and two.paths is not None
    assert one.paths.shape == (TURNS + 1, RUNS, len(METRICS))
    assert np.array_equal(one.paths, two.paths)
    assert np.array_equal(one.paths[-1], one.result.final)


def test_the_computer_level_changes_the_batch_and_replays(sandbox: ScenarioSetup) -> None:
    passive = game.batch(sandbox, seed=SEED, runs=RUNS, levels={role: "pass" for role in ("RU", "CN", "WEST")})
    normal = play_batch(sandbox.world, SEED, RUNS)
    assert not np.array_equal(passive.result.final, normal.final)
    replayed = passive.replay(2)
    assert np.array_equal(replayed.game.records[-1].measures.table[0], passive.result.final[2])


def test_ledger_and_history_are_the_files_of_multivector_run(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    match = game.play_game(game.load("sandbox", turns=TURNS), seed=SEED, run=5)
    assert main(["run", "sandbox", "--seed", str(SEED), "--run", "5", "--turns", str(TURNS), "--out",
                 str(tmp_path / "r")]) == 0
    for frame, name, number in ((game.ledger(match), "ledger.csv", "amount"),
                                (game.history(match), "history.csv", "value")):
        written = pd.read_csv(tmp_path / "r" / name, dtype=str, keep_default_na=False)
        assert written.columns.tolist() == frame.columns.tolist()
        assert written[number].tolist() == [f"{value:.12g}" for value in frame[number]]
        assert written["turn"].astype(int).tolist() == frame["turn"].tolist()


def test_no_api_name_is_hidden_by_a_subpackage() -> None:
    import game.analysis.sweep
    import game.play.session  # every subpackage imported, as a program would

    assert set(game.api.__all__) == set(game._API_NAMES)
    for name in game.api.__all__:
        assert getattr(game, name) is getattr(game.api, name), name


def test_the_docs_ledger_example_sums_one_variable() -> None:
    """docs/api.md's ledger example: amounts of one variable only (favour, tension and dependence do not add)."""
    import re

    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    query = re.search(r'game\.ledger\(match\)\.query\("([^"]+)"\)', docs)
    assert query is not None
    match = game.play_game(game.load("middle_corridor", turns=4), seed=1, run=0)
    chosen = game.ledger(match).query(query.group(1))
    assert len(chosen) > 0
    assert chosen["variable"].nunique() == 1
