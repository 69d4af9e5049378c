"""Lever sweeps: a batch at every point of a grid or a Latin hypercube, with common random numbers.

Every point plays the same runs of the same seed, so run i meets the same luck at every
point and a difference between points is the levers' doing, not chance's (as ``compare``
does for two points). The point with every lever at its default is, run for run, the plain
batch of the scenario.

With several worker processes and at least as many points, the points are shared out among
the processes, each point's batch played whole in one of them (a point's runs are split
among processes only when there are fewer points than processes). A point's result does
not depend on where it is played, so the sweep is identical to playing the points in turn.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from game.analysis.frames import measure_columns
from game.analysis.levers import LeverError, check_values, lever_ranges
from game.play.batch import default_start_method, play_batch
from game.play.metrics import METRICS
from game.play.scenario import ScenarioSetup
from game.scenario.compile import compile_world
from game.scenario.load import LoadedScenario

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

    def on_grid(self) -> bool:
        """Whether the points form a grid (each lever takes few values, shared by several points) rather than a
        sample (a Latin hypercube: every point has values of its own)."""
        count = len(self.points)
        return len(self.levers) == 1 or all(len(np.unique(column)) < count for column in self.points.T)

    def bands(self, lever: str, measure: int) -> tuple[np.ndarray, np.ndarray]:
        """``(x, bands)``: the lever's values and, at each, the p10, median and p90 of ``measure`` over runs,
        shape (len(x), 3). On a grid, the runs of every point sharing the value are pooled (the lever's effect
        over the other levers' values); on a sample, each point is its own x.

        >>> result = SweepResult(("a",), np.array([[0.0], [1.0]]), np.arange(8.0).reshape(2, 4, 1), 1, 0, "")
        >>> result.bands("a", 0)[1].tolist()
        [[0.30000000000000004, 1.5, 2.7], [4.3, 5.5, 6.7]]
        """
        x = self.points[:, self.levers.index(lever)]
        values = self.final[:, :, measure]
        if not self.on_grid():
            return x, np.percentile(values, (10, 50, 90), axis=1).T
        levels = np.unique(x)
        return levels, np.array([np.percentile(values[x == level], (10, 50, 90)) for level in levels])

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
    start_method: str | None = None,
) -> SweepResult:
    """Play a batch of ``runs`` runs (seed ``seed``, runs ``first_run ..``) at each row of ``points``.

    ``points`` is (P, len(levers)); each row's levers are set over ``scenario``'s own settings
    and length. Values are checked before any game (``LeverError``). ``workers`` processes
    (started by ``start_method``, see :func:`game.play.batch.play_batch`) share the points out when
    there are at least as many points, else split each point's runs; the result is the same.
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
    task = PointTask(scenario.loaded, dict(scenario.settings), names, scenario.world.turns, seed, runs, first_run,
                     dict(levels) if levels else None)
    if workers > 1 and len(values) >= workers:
        played = _points_in_processes(task, values, workers, start_method or default_start_method())
    else:
        played = (task.play(row, workers) for row in values)
    quarters = []
    for index, (outcome, quarter) in enumerate(played):
        final[index] = outcome
        quarters.append(quarter)
        if on_point is not None:
            on_point(index + 1, len(values))
    return SweepResult(names, values, final, seed, first_run, quarters[-1])


@dataclass(frozen=True)
class PointTask:
    """What every point of a sweep shares; :meth:`play` plays one point (sent once to each worker process)."""

    loaded: LoadedScenario
    settings: dict[str, float]
    levers: tuple[str, ...]
    turns: int
    seed: int
    runs: int
    first_run: int
    levels: dict[str, str] | None

    def play(self, row: np.ndarray, workers: int = 1) -> tuple[np.ndarray, str]:
        """The final measures of every run at the point ``row`` (lever values), and the quarter they hold at."""
        settings = {**self.settings, **dict(zip(self.levers, (float(value) for value in row), strict=True))}
        world = compile_world(self.loaded, settings, self.turns)
        result = play_batch(world, self.seed, self.runs, self.first_run, workers=workers, levels=self.levels)
        return result.final, result.quarter_labels()[-1]


_SERVED: dict[str, PointTask] = {}  # in a point-playing worker process: its sweep (given once, when it starts)


def _serve(task: PointTask) -> None:
    _SERVED["task"] = task


def _play_point(row: np.ndarray) -> tuple[np.ndarray, str]:
    return _SERVED["task"].play(row)


def _points_in_processes(
    task: PointTask, values: np.ndarray, workers: int, start_method: str
) -> Iterator[tuple[np.ndarray, str]]:
    """Every point's result, in order, played by ``workers`` processes (each point whole in one)."""
    context: Any = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_serve, initargs=(task,)) as pool:
        yield from pool.map(_play_point, values)
