"""``--ai`` for batch and compare: the computer's level reaches the games and the files say which."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import game
from game.cli.main import main
from game.engine.codes import ROLES
from game.play.metrics import METRICS

from .conftest import TURNS, refused

SEED = 8
RUNS = 4


def test_compare_plays_both_sides_at_the_level_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", "sandbox", "--set", "shock_scale=0", "--vs", "--set", "shock_scale=3", "--runs", str(RUNS),
                 "--seed", str(SEED), "--turns", str(TURNS), "--ai", "easy", "--ai", "RU=pass",
                 "--out", str(tmp_path / "c")])
    assert code == 0
    levels = {**dict.fromkeys(ROLES, "easy"), "RU": "pass"}
    assert json.loads((tmp_path / "c" / "compare.json").read_text())["ai_levels"] == levels
    side_a = game.batch(game.load("sandbox", {"shock_scale": 0.0}, TURNS), seed=SEED, runs=RUNS, levels=levels)
    written = pd.read_csv(tmp_path / "c" / "compare.csv", dtype=str)
    assert written["measure"].tolist() == [metric.key for metric in METRICS]
    final = side_a.result.final
    assert written["mean_a"].tolist() == [f"{final[:, i].mean():.12g}" for i in range(len(METRICS))]


def test_batch_without_ai_writes_no_levels_and_with_it_does(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    common = ["batch", "sandbox", "--runs", "3", "--seed", str(SEED), "--turns", str(TURNS)]
    assert main([*common, "--out", str(tmp_path / "normal")]) == 0
    assert main([*common, "--ai", "hard", "--out", str(tmp_path / "hard")]) == 0
    assert "ai_levels" not in json.loads((tmp_path / "normal" / "summary.json").read_text())
    assert json.loads((tmp_path / "hard" / "summary.json").read_text())["ai_levels"] == dict.fromkeys(ROLES, "hard")
    normal = (tmp_path / "normal" / "outcomes.csv").read_text()
    assert normal != (tmp_path / "hard" / "outcomes.csv").read_text()


def test_a_bad_level_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = refused(["batch", "sandbox", "--runs", "2", "--seed", "1", "--ai", "brilliant"], tmp_path / "x", capsys)
    assert "'brilliant' is not an AI level (easy, normal, hard, pass)" in message
