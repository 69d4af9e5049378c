"""Charts of a game start at the start of the game, not at the quarter before it."""

from __future__ import annotations

from types import SimpleNamespace

from game.engine.codes import quarter_index, state_labels
from game.report.debrief import _quarter_labels


def test_the_first_point_is_the_start_and_each_later_one_the_quarter_it_ends() -> None:
    start = quarter_index("2023Q1")
    assert state_labels(start, 5) == ["start", "2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    data = SimpleNamespace(world=SimpleNamespace(start_quarter=start), game=SimpleNamespace(turn=2))
    labels = _quarter_labels(data)  # type: ignore[arg-type]
    assert labels == ["start", "2023Q1", "2023Q2"]
    assert "2022Q4" not in labels  # the quarter before the game, which the charts used to plot first
