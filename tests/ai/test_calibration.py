"""Calibrating pars: the cheap all:<level> line-up is the tournament's, and the tool writes pars that load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from game.engine.ai.tournament import line_up_scores, par_of, play_tournament
from game.scenario.compile import compile_world
from game.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_line_up_scores_are_the_tournament_games() -> None:
    world = compile_world(load_scenario(ROOT / "scenarios/tutorial.yaml"))
    tournament = play_tournament(world, 4, seed=11, levels=("easy",))
    alone = line_up_scores(world, "easy", 4, seed=11)
    assert np.array_equal(tournament.scores[tournament.index("all:easy")], alone)


def test_par_is_the_median_rounded_down_so_half_the_games_reach_it() -> None:
    scores = np.array([[50.004, 1.0], [50.019, 2.0], [50.011, 3.0]])
    assert par_of(scores).tolist() == [50.01, 2.0]
    assert np.all((scores >= par_of(scores)).mean(axis=0) >= 0.5)


def test_calibrate_tool_rewrites_only_the_levels_asked(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    scenario = folder / "tutorial.yaml"
    before = compile_world(load_scenario(scenario)).victory
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/calibrate_pars.py"), str(scenario), "--runs", "6", "--seed", "4",
         "--levels", "easy", "--check-seed", "2", "--check-runs", "5"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    after = compile_world(load_scenario(scenario)).victory
    world = compile_world(load_scenario(scenario))
    assert np.array_equal(after[0], par_of(line_up_scores(world, "easy", 6, seed=4)))
    assert np.array_equal(after[1:], before[1:])  # normal and hard pars kept
    assert "all:easy on seed 2 (5 games)" in result.stdout
