"""Saves survive faults: a writer killed at random moments always leaves a loadable save,
and the autosave ring falls back past a damaged newest file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.engine.world import World
from game.io.save import make_save, newest_readable_autosave, read_save, write_autosave
from game.io.saves_folder import autosaves

WRITER = Path(__file__).with_name("save_writer.py")
REPO = Path(__file__).resolve().parent.parent.parent


def kill_while_saving(folder: Path, kills: int, seed: int) -> tuple[int, int]:
    """Kill the writer `kills` times at random moments; return (kills, loadable saves after them)."""
    delays = np.random.default_rng(seed).uniform(0.0, 0.25, size=kills)
    target = folder / "save.json"
    survived = 0
    for delay in delays:
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(target)], stdout=subprocess.PIPE, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(float(delay))
        process.send_signal(signal.SIGKILL)
        process.wait()
        save = read_save(target)
        assert len(save.history) in (3, 8)
        survived += 1
    return kills, survived


def test_killed_writer_always_leaves_a_loadable_save(tmp_path: Path) -> None:
    kills, survived = kill_while_saving(tmp_path, kills=12, seed=1)
    assert survived == kills


def test_autosave_ring_keeps_the_newest_and_skips_a_damaged_one(tiny_world: World, tmp_path: Path) -> None:
    game = Game.new(tiny_world, seed=2, policy=normal_orders)
    for _ in range(7):
        game.play()
        write_autosave(tmp_path, make_save(game, "tiny", "tiny.yaml", "0" * 64, {}, []), keep=5)
    assert [p.name for p in autosaves(tmp_path)] == [f"autosave-{n:04d}.json" for n in (7, 6, 5, 4, 3)]
    newest = autosaves(tmp_path)[0]
    newest.write_bytes(newest.read_bytes()[:500])  # a damaged disk or a half-copied file
    found = newest_readable_autosave(tmp_path)
    assert found is not None
    path, save, skipped = found
    assert path.name == "autosave-0006.json" and len(save.history) == 6
    assert "not valid JSON" in str(skipped[0])


def test_long_sandbox_games_keep_every_invariant() -> None:
    """A smaller version of benchmarks/long_runs.py: 100 sandbox games × 300 turns."""
    from dataclasses import replace

    from benchmarks.long_runs import check
    from game.scenario.compile import compile_world
    from game.scenario.library import resolve_scenario
    from game.scenario.load import load_scenario

    world = replace(compile_world(load_scenario(resolve_scenario("sandbox"))), turns=300)
    game = Game.new(world, seed=3, runs=100, keep_ledger=False, keep_history=False, policy=normal_orders)
    breaches = 0
    while not game.is_over():
        game.play()
        breaches += sum(check(game.state.values, game.state.block("dependence")).values())
    assert game.turn == 300
    assert breaches == 0
