"""Each chart panel's y-axis holds its own data and magnifies a small range: a quarter's change of a point
shows as a slope, not as a flat line on 0-100."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.metrics import METRIC_INDEX, METRICS
from game.report import charts, figures
from game.report.causes import headline_history
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The figures drawn, kept instead of rendered."""
    kept: list[Any] = []

    def keep(figure: Any, dpi: int = 100) -> bytes:
        kept.append(figure)
        return b""

    monkeypatch.setattr(figures, "png_bytes", keep)
    monkeypatch.setattr(charts, "png_bytes", keep)
    monkeypatch.setattr(charts, "write_atomic", lambda path, data: None)
    return kept


def _check(axis: Any, values: np.ndarray) -> None:
    low, high = axis.get_ylim()
    assert low <= values.min() and values.max() <= high  # the data is inside
    assert low >= 0.0 and high <= 100.0  # on the 0-100 scale
    span = values.max() - values.min()
    assert high - low <= max(figures.MIN_SPAN, 1.5 * span) + 1e-9  # and the axis is no wider than it needs


def test_fan_panels_fit_their_own_data(drawn: list[Any]) -> None:
    turns = 9
    rng = np.random.default_rng(1)
    bands = np.empty((turns, len(METRICS), 4))
    base = rng.uniform(5.0, 60.0, len(METRICS))
    for t in range(turns):  # a band of one point around a line that moves 0.3 points a quarter
        bands[t, :, 1] = base + 0.3 * t
        bands[t, :, 0], bands[t, :, 2], bands[t, :, 3] = bands[t, :, 1] - 0.5, bands[t, :, 1] + 0.5, bands[t, :, 1]
    labels = [f"q{t}" for t in range(turns)]
    figures.fan_scores(bands, labels, "scores", lines=bands[:, :, 1], roles=["KZ", "RU"])
    figures.fan_dependence(bands, labels, "dependence", lines=bands[:, :, 1])
    scores, dependence = drawn
    for axis, role in zip(scores.axes, ["KZ", "RU"], strict=True):
        _check(axis, bands[:, METRIC_INDEX[f"score.{role}"], :3])
    kazakhstan = [METRIC_INDEX[f"headline.KZ.{power}"] for power in ("RU", "CN", "WEST")]
    _check(dependence.axes[0], bands[:, kazakhstan, :3])
    assert dependence.axes[0].get_ylim() != dependence.axes[1].get_ylim()  # not shared


def test_a_runs_dependence_chart_scales_each_country(drawn: list[Any], tmp_path: Path) -> None:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 4)
    game = Game.new(world, seed=2, runs=1, keep_ledger=False, policy=normal_orders)
    game.play_to_end()
    charts.dependence_chart(game, tmp_path / "dependence.png")
    (figure,) = drawn
    history = headline_history(game)
    for c, axis in enumerate(figure.axes[:5]):
        _check(axis, history[:, c, :])
        low, high = axis.get_ylim()
        assert (low, high) != (0.0, 100.0) and (low, high) != (0.0, 70.0)
