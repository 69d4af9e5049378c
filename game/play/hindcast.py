"""A hindcast: play a historical scenario with the computer on every role and compare the
model's dependence shares with the shares published for the same quarters.

Observed figures are data (``scenarios/observed/*.yaml``, see
:class:`game.scenario.models.ObservedFigure`): each names the model variable it checks
(country, power, channel) and the last quarter of the period it describes. A figure of the
scenario's start year is compared with the starting state (the *start check*); a later one
with the distribution over runs of the model's value at the end of its quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.codes import quarter_index, quarter_name
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.world import World
from game.i18n import _
from game.play.metrics import distribution
from game.play.scenario import ScenarioSetup
from game.scenario.compile import compile_world
from game.scenario.errors import InputFileError, Problem
from game.scenario.library import SCENARIOS_DIR
from game.scenario.models import ObservedFigure, ObservedFigures
from game.scenario.yamlfile import read_yaml, validate_document

OBSERVED_DIR = SCENARIOS_DIR / "observed"
WITHIN_POINTS = 5.0  # a model value this close to the published one (in points of share) counts as a hit
_TOLERANCE = 1e-9  # so that an error of exactly 5 points, computed in floating point, still counts


@dataclass(frozen=True)
class Comparison:
    """One observed figure against the model's value at the end of its quarter (shares 0–1)."""

    figure: ObservedFigure
    turn: int  # 0: the starting state
    p10: float
    median: float
    p90: float

    @property
    def error_points(self) -> float:
        """Model median minus the published value, in points (hundredths of a share)."""
        return 100.0 * (self.median - self.figure.value)

    @property
    def is_within(self) -> bool:
        """Whether the median is within :data:`WITHIN_POINTS` of the published value."""
        return abs(self.error_points) <= WITHIN_POINTS + _TOLERANCE


@dataclass(frozen=True)
class HindcastResult:
    """A hindcast of one scenario: the start check and the comparisons after play."""

    scenario_id: str
    seed: int
    runs: int
    start_quarter: str
    last_quarter: str | None  # None when nothing was played (no figure after the start year)
    start: tuple[Comparison, ...]
    played: tuple[Comparison, ...]


def share_within(comparisons: Sequence[Comparison]) -> float | None:
    """Share (0–1) of the comparisons within ±5 points; None when there are none.

    >>> share_within([])
    """
    if not comparisons:
        return None
    return sum(comparison.is_within for comparison in comparisons) / len(comparisons)


def load_observed(folder: Path = OBSERVED_DIR) -> list[ObservedFigure]:
    """Every figure of the folder's ``*.yaml`` files (in name order), validated.

    Raises :class:`InputFileError` naming file and line for a bad file, an empty folder,
    or a figure id given twice.
    """
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not paths:
        raise InputFileError([Problem(str(folder), None, "", _("no observed-figure files (*.yaml) here"))])
    figures: list[ObservedFigure] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        document = read_yaml(path)
        try:
            observed = validate_document(document, ObservedFigures)
        except InputFileError as error:
            problems += error.problems
            continue
        for index, figure in enumerate(observed.figures):
            if figure.id in first_seen:
                message = _("figure '{id}' is already given in {file}").format(id=figure.id, file=first_seen[figure.id])
                problems.append(document.problem(["figures", index, "id"], message))
            first_seen.setdefault(figure.id, document.name)
            figures.append(figure)
    if problems:
        raise InputFileError(problems)
    return figures


def turn_of(world: World, quarter: str) -> int:
    """The turn after which the state describes the end of ``quarter`` (0 for any quarter before the start)."""
    return max(0, quarter_index(quarter) - world.start_quarter + 1)


def start_figures(world: World, figures: Sequence[ObservedFigure]) -> list[ObservedFigure]:
    """The figures of the start year that describe the time before play changes anything."""
    start_year = world.start_quarter // 4
    return [figure for figure in figures if quarter_index(figure.quarter) // 4 == start_year]


def later_figures(world: World, figures: Sequence[ObservedFigure], until: str | None) -> list[ObservedFigure]:
    """The figures of quarters after the start year, up to ``until`` (default: all)."""
    start_year = world.start_quarter // 4
    last = quarter_index(until) if until is not None else None
    return [
        figure for figure in figures
        if quarter_index(figure.quarter) // 4 > start_year and (last is None or quarter_index(figure.quarter) <= last)
    ]


def compare(figure: ObservedFigure, turn: int, shares: np.ndarray) -> Comparison:
    """One figure against the model's shares over runs (p10, median, p90 as in a batch)."""
    p10, median, p90, _spread = distribution(shares.reshape(-1, 1))[0]
    return Comparison(figure, turn, float(p10), float(median), float(p90))


def _column(figure: ObservedFigure) -> int:
    return BLOCKS["dependence"].column(country=figure.country, power=figure.power, channel=figure.channel)


def hindcast_world(setup: ScenarioSetup, figures: Sequence[ObservedFigure], until: str | None = None) -> World:
    """The scenario's world, lengthened if the figures reach past its end.

    It keeps the scenario's own length otherwise, so that ``until`` only stops the reading
    early: the computer players plan toward the scenario's end and its random events keep
    their windows.
    """
    turns = needed_turns(setup.world, figures, until)
    return setup.world if turns <= setup.world.turns else compile_world(setup.loaded, setup.settings, turns)


def hindcast(
    setup: ScenarioSetup, figures: Sequence[ObservedFigure], runs: int, seed: int, until: str | None = None
) -> HindcastResult:
    """Play ``runs`` games of the scenario with the normal computer on every role to the latest
    quarter with a figure (or ``until``), comparing each figure with the model at the end of its quarter.

    Run ``i`` is the game ``Game.new(world, seed, first_run=i, policy=normal_orders)`` on
    :func:`hindcast_world`'s world.
    """
    world = hindcast_world(setup, figures, until)
    later = later_figures(world, figures, until)
    by_turn: dict[int, list[ObservedFigure]] = {}
    for figure in later:
        by_turn.setdefault(turn_of(world, figure.quarter), []).append(figure)
    last_turn = max(by_turn, default=0)
    game = Game.new(world, seed, runs=runs, keep_history=False, keep_ledger=False, policy=normal_orders)
    start = [compare(figure, 0, game.state.values[:, _column(figure)]) for figure in start_figures(world, figures)]
    played: list[Comparison] = []
    for turn in range(1, last_turn + 1):
        game.play()
        played += [compare(figure, turn, game.state.values[:, _column(figure)]) for figure in by_turn.get(turn, [])]
    return HindcastResult(
        scenario_id=world.scenario_id,
        seed=seed,
        runs=runs,
        start_quarter=quarter_name(world.start_quarter),
        last_quarter=quarter_name(world.start_quarter + last_turn - 1) if last_turn else None,
        start=tuple(start),
        played=tuple(played),
    )


def needed_turns(world: World, figures: Sequence[ObservedFigure], until: str | None = None) -> int:
    """Turns to play from the world's start to the latest quarter with a later figure (0 if none)."""
    return max((turn_of(world, figure.quarter) for figure in later_figures(world, figures, until)), default=0)


CSV_COLUMNS = (
    "check", "figure", "country", "power", "channel", "quarter", "turn", "real",
    "p10", "median", "p90", "error_points", "within", "estimate", "source",
)


def table_rows(result: HindcastResult) -> list[dict[str, str | int | float | bool]]:
    """One tidy row per comparison (start check first), values rounded to 4 decimals for stable files."""
    rows: list[dict[str, str | int | float | bool]] = []
    for check, comparisons in (("start", result.start), ("hindcast", result.played)):
        for comparison in comparisons:
            figure = comparison.figure
            rows.append({
                "check": check,
                "figure": figure.id,
                "country": figure.country,
                "power": figure.power,
                "channel": figure.channel,
                "quarter": figure.quarter,
                "turn": comparison.turn,
                "real": round(figure.value, 4),
                "p10": round(comparison.p10, 4),
                "median": round(comparison.median, 4),
                "p90": round(comparison.p90, 4),
                "error_points": round(comparison.error_points, 2),
                "within": comparison.is_within,
                "estimate": figure.estimate,
                "source": f"{figure.source.publication}, {figure.source.year}",
            })
    return rows
