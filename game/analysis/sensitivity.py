"""Which lever matters most: Sobol or Morris sensitivity indices of the final outcomes (SALib).

SALib chooses the points (Sobol: Saltelli's scheme over ``samples × (levers + 2)`` points;
Morris: ``samples`` one-at-a-time trajectories over ``levels`` grid levels). At each point
a batch of ``runs`` games is played with common random numbers (the same seed and runs at
every point, see :mod:`game.analysis.sweep`), and the mean over runs of each measure is
the model output SALib analyses. Indices come with 95% bootstrap confidence intervals
(half-widths). docs/sensitivity.md explains how to read them.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from game.analysis.frames import measure_table
from game.analysis.sweep import PointCallback, SweepResult, sweep
from game.play.metrics import METRICS
from game.play.scenario import ScenarioSetup

Method = Literal["sobol", "morris"]
METHODS: tuple[Method, ...] = ("sobol", "morris")
# What a class asks about: every role's score and every headline dependence (country on power).
ANALYSED = tuple(index for variable in ("score", "headline") for index, metric in enumerate(METRICS)
                 if metric.variable == variable)
MORRIS_LEVELS = 4  # grid levels of a Morris trajectory (SALib's default)
RESAMPLES = 100  # bootstrap resamples for the confidence intervals (SALib's default)
CONFIDENCE = 0.95
# An outcome whose mean moves less than this across all points (points on the 0–100 scale) does not
# vary: its indices would be ratios of rounding noise (e.g. ST 0.8 on a score that moved 0.0003), so
# they are left blank (NaN) and said to be so, not computed.
FLAT_SPREAD = 1e-3
# The index drawn and ranked: the total effect for Sobol, the mean absolute elementary effect for Morris.
MAIN_INDEX = {"sobol": "ST", "morris": "mu_star"}
INDEX_NAMES = {"sobol": ("S1", "ST"), "morris": ("mu_star", "mu", "sigma")}


@dataclass(frozen=True)
class SensitivityResult:
    """The points played, their outcomes and the indices of every analysed measure per lever."""

    method: Method
    levers: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    sweep: SweepResult
    indices: pd.DataFrame  # measure, variable, country, power, role, label, lever, index, value, conf
    notes: tuple[str, ...] = field(default=())  # SALib's warnings, each said plainly once (see plain_warning)

    @property
    def main_index(self) -> str:
        """The index a chart and a ranking use: ``ST`` (Sobol) or ``mu_star`` (Morris)."""
        return MAIN_INDEX[self.method]

    def main(self) -> pd.DataFrame:
        """The main index as a table: one row per analysed measure, one column per lever."""
        chosen = self.indices[self.indices["index"] == self.main_index]
        table = chosen.pivot(index="measure", columns="lever", values="value")
        order = [METRICS[i].key for i in ANALYSED]
        return table.loc[order, list(self.levers)]


# What SALib's (and SciPy's, through it) warnings mean for the analysis, by a phrase of their text.
WARNING_MEANINGS = (
    ("power of 2", "N (--samples) is not a power of 2: the Sobol sample is unbalanced and the indices less "
                   "accurate; use 64, 128, 256, ..."),
    ("Constant values", "some points gave the same outcome for a measure: its indices rest on few distinct "
                        "values and may be unreliable"),
    ("num_levels should be an even", "the Morris grid has an odd number of levels: the sample may be biased"),
)


def plain_warning(message: str) -> str:
    """One line saying what a SALib warning means for the analysis (its own words, on one line, when unknown).

    >>> plain_warning("The balance properties of Sobol' points require n to be a power of 2.")[:27]
    'N (--samples) is not a powe'
    """
    for phrase, meaning in WARNING_MEANINGS:
        if phrase in message:
            return meaning
    return "SALib: " + " ".join(message.split())


@contextlib.contextmanager
def collected_warnings(notes: list[str]) -> Iterator[None]:
    """Catch the warnings raised inside the block and add each one's plain line to ``notes`` (once)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        line = plain_warning(str(warning.message))
        if line not in notes:
            notes.append(line)


def problem_of(ranges: Mapping[str, tuple[float, float]]) -> dict[str, Any]:
    """SALib's problem: the levers and their bounds."""
    names = list(ranges)
    return {"num_vars": len(names), "names": names, "bounds": [list(ranges[name]) for name in names]}


def sample_points(ranges: Mapping[str, tuple[float, float]], method: Method, samples: int, seed: int) -> np.ndarray:
    """The points SALib asks for (rows: points, columns: levers in the order of ``ranges``)."""
    problem = problem_of(ranges)
    if method == "sobol":
        from SALib.sample import sobol as sobol_sample

        return np.asarray(sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed), dtype=float)
    from SALib.sample import morris as morris_sample

    return np.asarray(morris_sample.sample(problem, samples, num_levels=MORRIS_LEVELS, seed=seed), dtype=float)


def point_count(levers: int, method: Method, samples: int) -> int:
    """Points (each a batch) an analysis plays: Sobol ``samples × (levers + 2)``, Morris ``samples × (levers + 1)``."""
    return samples * (levers + 2 if method == "sobol" else levers + 1)


def _analyse(problem: dict[str, Any], method: Method, points: np.ndarray, output: np.ndarray,
             seed: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Indices of one output: name -> (value per lever, 95% half-width per lever; NaN where SALib gives none)."""
    missing = np.full(problem["num_vars"], np.nan)
    if method == "sobol":
        from SALib.analyze import sobol as sobol_analyze

        found = sobol_analyze.analyze(problem, output, calc_second_order=False, num_resamples=RESAMPLES,
                                      conf_level=CONFIDENCE, seed=seed)
        return {name: (np.asarray(found[name]), np.asarray(found[f"{name}_conf"])) for name in INDEX_NAMES["sobol"]}
    from SALib.analyze import morris as morris_analyze

    found = morris_analyze.analyze(problem, points, output, num_resamples=RESAMPLES, conf_level=CONFIDENCE,
                                   num_levels=MORRIS_LEVELS, seed=seed)
    return {
        "mu_star": (np.asarray(found["mu_star"]), np.asarray(found["mu_star_conf"])),
        "mu": (np.asarray(found["mu"]), missing),
        "sigma": (np.asarray(found["sigma"]), missing),
    }


def sensitivity(
    scenario: ScenarioSetup,
    ranges: Mapping[str, tuple[float, float]],
    method: Method,
    samples: int,
    seed: int,
    runs: int,
    levels: Mapping[str, str] | None = None,
    workers: int = 1,
    on_point: PointCallback | None = None,
) -> SensitivityResult:
    """Sensitivity of every role's score and every headline dependence to the levers in ``ranges``.

    ``samples``: Sobol's base samples N (a power of 2) or Morris's trajectories; each point is a
    batch of ``runs`` runs of ``seed``. The sampling and the bootstrap are seeded with ``seed``.
    """
    if method not in METHODS:
        raise ValueError(f"method {method!r}: choose sobol or morris")
    notes: list[str] = []
    with collected_warnings(notes):
        points = sample_points(ranges, method, samples, seed)
    played = sweep(scenario, list(ranges), points, seed, runs, levels=levels, workers=workers, on_point=on_point)
    means = played.means()
    problem = problem_of(ranges)
    labels = measure_table()
    rows: list[tuple[Any, ...]] = []
    for column in ANALYSED:
        described = tuple(labels.iloc[column])
        output = means[:, column]
        if np.ptp(output) < FLAT_SPREAD:
            blank = np.full(len(played.levers), np.nan)
            found = {name: (blank, blank) for name in INDEX_NAMES[method]}
        else:
            with collected_warnings(notes):
                found = _analyse(problem, method, points, output, seed)
        for name, (values, conf) in found.items():
            rows.extend((*described, lever, name, float(values[i]), float(conf[i]))
                        for i, lever in enumerate(played.levers))
    indices = pd.DataFrame(rows, columns=[*labels.columns, "lever", "index", "value", "conf"])
    bounds = tuple((float(low), float(high)) for low, high in ranges.values())
    return SensitivityResult(method, played.levers, bounds, played, indices, tuple(notes))
