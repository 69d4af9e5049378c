"""Lever sweeps: a batch at every point of a grid or a Latin hypercube, with common random numbers.

Every point plays the same runs of the same seed, so run i meets the same luck at every
point and a difference between points is the levers' doing, not chance's (as ``compare``
does for two points). The point with every lever at its default is, run for run, the plain
batch of the scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from game.analysis.frames import measure_columns
from game.analysis.levers import LeverError, check_values, lever_ranges
from game.play.batch import play_batch
from game.play.metrics import METRICS
from game.play.scenario import ScenarioSetup
from game.scenario.compile import compile_world

PointCallback = Callable[[int, int], None]  # (points done, points in all)


@dataclass(frozen=True)
class SweepResult:
    """Final outcomes of every run at every point: ``final[point, run, measure]``."""

    levers: tuple[str, ...]
    points: np.ndarray  # (P, L) lever values of each point
    final: np.ndarray  # (P, R, M) measures after the last turn
    seed: int
    first_run: int
    quarter: str  # the quarter at whose end the outcomes hold

    def point_table(self) -> pd.DataFrame:
        """One row per point: its number and lever values."""
        frame = pd.DataFrame(self.points, columns=list(self.levers))
        frame.insert(0, "point", np.arange(len(frame)))
        return frame

    def summary(self) -> pd.DataFrame:
        """One row per point × measure: lever values, then mean, sd, p10, median, p90 over runs."""
        count, runs, width = self.final.shape
        frame = self.point_table().iloc[np.repeat(np.arange(count), width)].reset_index(drop=True)
        frame = pd.concat([frame, measure_columns(count)], axis=1)
        frame["mean"] = self.final.mean(axis=1).reshape(-1)
        frame["sd"] = (self.final.std(axis=1, ddof=1) if runs > 1 else np.full((count, width), np.nan)).reshape(-1)
        for name, share in (("p10", 10), ("median", 50), ("p90", 90)):
            frame[name] = np.percentile(self.final, share, axis=1).reshape(-1)
        return frame

    def outcomes(self) -> pd.DataFrame:
        """One row per point × run × measure: lever values, run, measure and its final value."""
        count, runs, width = self.final.shape
        frame = self.point_table().iloc[np.repeat(np.arange(count), runs * width)].reset_index(drop=True)
        frame["run"] = np.tile(np.repeat(np.arange(self.first_run, self.first_run + runs), width), count)
        frame = pd.concat([frame, measure_columns(count * runs)], axis=1)
        frame["value"] = self.final.reshape(-1)
        return frame

    def means(self) -> np.ndarray:
        """Mean over runs of every measure at every point: (P, M)."""
        return self.final.mean(axis=1)  # type: ignore[no-any-return]


def sweep(
    scenario: ScenarioSetup,
    levers: Sequence[str],
    points: np.ndarray,
    seed: int,
    runs: int,
    first_run: int = 0,
    levels: Mapping[str, str] | None = None,
    workers: int = 1,
    on_point: PointCallback | None = None,
) -> SweepResult:
    """Play a batch of ``runs`` runs (seed ``seed``, runs ``first_run ..``) at each row of ``points``.

    ``points`` is (P, len(levers)); each row's levers are set over ``scenario``'s own settings
    and length. Values are checked before any game (``LeverError``).
    """
    names = tuple(levers)
    values = np.asarray(points, dtype=float).reshape(-1, len(names))
    if not len(values):
        raise LeverError("a sweep needs at least one point")
    ranges = lever_ranges(scenario.loaded)
    for name in names:
        if name not in ranges:
            raise LeverError(f"--lever {name}: no such lever")
    check_values(scenario.loaded, names, values, "--lever")
    final = np.empty((len(values), runs, len(METRICS)))
    turns = scenario.world.turns
    quarter = ""
    for index, row in enumerate(values):
        settings = {**scenario.settings, **dict(zip(names, (float(value) for value in row), strict=True))}
        world = compile_world(scenario.loaded, settings, turns)
        result = play_batch(world, seed, runs, first_run, workers=workers, levels=levels)
        final[index] = result.final
        quarter = result.quarter_labels()[-1]
        if on_point is not None:
            on_point(index + 1, len(values))
    return SweepResult(names, values, final, seed, first_run, quarter)
