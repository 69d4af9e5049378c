"""Multivector from Python: load a scenario, play one game or a batch, get pandas tables.

>>> import game
>>> setup = game.load("sandbox", settings={"shock_scale": 2.0}, turns=4)
>>> result = game.batch(setup, seed=1, runs=3, trajectories=True)
>>> result.outcomes().shape
(84, 8)
>>> result.trajectories().query("run == 2 and measure == 'score.KZ'").shape
(5, 9)
>>> match = result.replay(2)          # run 2 as a single game, its ledger and history at hand
>>> game.ledger(match).columns[:3].tolist()
['turn', 'quarter', 'variable']

Everything here is a thin layer over the play layer (:mod:`game.play`), which the
command line uses too: ``multivector batch`` writes the same tables. Sweeps and
sensitivity indices are :func:`game.analysis.sweep.sweep` and
:func:`game.analysis.sensitivity.sensitivity`, re-exported here. Needs the ``analysis``
extra (pandas, pyarrow, SALib). See docs/api.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from game.analysis.frames import (
    distributions_frame,
    history_frame,
    ledger_frame,
    measure_table,
    outcomes_frame,
    trajectories_frame,
)
from game.analysis.sensitivity import SensitivityResult, sensitivity
from game.analysis.sweep import SweepResult, sweep
from game.play.batch import BatchResult, play_batch
from game.play.match import Match
from game.play.scenario import ScenarioSetup

__all__ = [
    "Batch",
    "Match",
    "ScenarioSetup",
    "SensitivityResult",
    "SweepResult",
    "batch",
    "history",
    "ledger",
    "load",
    "measure_table",
    "play_game",
    "sensitivity",
    "sweep",
]

Scenario = ScenarioSetup | str | Path


def load(scenario: str | Path, settings: Mapping[str, float] | None = None, turns: int | None = None) -> ScenarioSetup:
    """A scenario by shipped id (``"sandbox"``) or path, with lever ``settings`` and an optional length.

    Raises ``InputFileError`` for problems in its files and ``SettingError`` for a bad lever.
    """
    return ScenarioSetup.open(scenario, settings, turns)


def _setup(scenario: Scenario) -> ScenarioSetup:
    return scenario if isinstance(scenario, ScenarioSetup) else load(scenario)


def play_game(scenario: Scenario, seed: int, run: int = 0, levels: Mapping[str, str] | None = None) -> Match:
    """One game played to its end by the computer (``levels`` per role, default normal).

    Run ``run`` of seed ``seed`` is the same world as run ``run`` of any batch with that seed.
    """
    match = Match.new(_setup(scenario), seed, levels=levels, run=run)
    match.play_to_end()
    return match


@dataclass(frozen=True)
class Batch:
    """A played batch: the play layer's result, and every run's measures per turn if they were kept."""

    setup: ScenarioSetup
    result: BatchResult
    levels: Mapping[str, str] | None = None
    paths: np.ndarray | None = None  # (turns + 1, runs, measures) when played with trajectories=True

    @property
    def runs(self) -> int:
        """How many runs were played."""
        return self.result.runs

    def outcomes(self) -> pd.DataFrame:
        """Final outcomes, one row per run × measure (as ``outcomes.csv``)."""
        return outcomes_frame(self.result)

    def distributions(self) -> pd.DataFrame:
        """p10, median, p90 and mean over runs per turn × measure (as ``distributions.csv``)."""
        return distributions_frame(self.result)

    def trajectories(self) -> pd.DataFrame:
        """Every run's measures at every turn: one row per run × turn × measure."""
        if self.paths is None:
            raise ValueError("play the batch with trajectories=True to keep every run's turns")
        return trajectories_frame(self.result, self.paths)

    def replay(self, index: int) -> Match:
        """Run ``index`` of this batch (0 is its first run) as a single game with history and ledger."""
        if not 0 <= index < self.runs:
            raise IndexError(f"run {index} is not in this batch of {self.runs} runs")
        return play_game(self.setup, self.result.seed, self.result.first_run + index, self.levels)


def batch(
    scenario: Scenario,
    seed: int,
    runs: int,
    first_run: int = 0,
    levels: Mapping[str, str] | None = None,
    workers: int = 1,
    trajectories: bool = False,
) -> Batch:
    """Play ``runs`` games at once (the engine's runs axis), runs ``first_run ..`` of ``seed``.

    ``levels``: the computer's level per role (``{"RU": "hard"}``; default normal). With
    ``trajectories`` every run's measures are kept at every turn (turns × runs × 28 numbers).
    The same call as ``multivector batch``: run i equals ``play_game(scenario, seed, first_run + i)``.
    """
    setup = _setup(scenario)
    kept: list[np.ndarray] = []

    def keep(turn: int, matrix: np.ndarray) -> None:
        kept.append(matrix.copy())

    result = play_batch(setup.world, seed, runs, first_run, workers=workers, levels=levels,
                        on_metrics=keep if trajectories else None)
    return Batch(setup, result, levels, np.stack(kept) if trajectories else None)


def history(match: Match) -> pd.DataFrame:
    """One game's state variables and measures at every turn played (as ``history.csv``)."""
    return history_frame(match.game)


def ledger(match: Match) -> pd.DataFrame:
    """One game's ledger: every change of every variable with its cause (as ``ledger.csv``)."""
    return ledger_frame(match.game, levels=match.levels)
