"""`multivector hindcast`: the comparison arithmetic, the observed-figure files, the command's
outputs, and the share of figures the model reaches (kept above a threshold)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli.main import main
from game.play.hindcast import (
    OBSERVED_DIR,
    Comparison,
    compare,
    hindcast,
    hindcast_world,
    load_observed,
    needed_turns,
    share_within,
    turn_of,
)
from game.play.scenario import ScenarioSetup
from game.scenario.errors import InputFileError
from game.scenario.models import ObservedFigure

# Issue 13's target: after 8 quarters from 2022Q1, at least 80% of the 2023 figures within ±5
# points (the calibrated dynamics reach 11 of 13, 85%).
HINDCAST_THRESHOLD = 0.80
START_TARGET = 0.90  # issue 13: at the start, at least 90% of the comparable figures within ±5 points


def figure(value: float, quarter: str = "2023Q4") -> ObservedFigure:
    """A hand-made observed figure for Kazakhstan's trade with Russia."""
    return ObservedFigure.model_validate({
        "id": "KZ.trade.RU.test",
        "statement": "a test figure",
        "country": "KZ",
        "power": "RU",
        "channel": "trade",
        "value": value,
        "period": "2023",
        "quarter": quarter,
        "source": {"publication": "Test", "title": "Test", "year": 2024},
    })


@pytest.fixture(scope="module")
def sanctions() -> ScenarioSetup:
    return ScenarioSetup.open("sanctions")


def test_comparison_takes_percentiles_over_runs_and_the_error_in_points() -> None:
    """Five runs at 0.20 … 0.40: p10 0.22, median 0.30, p90 0.38 (linear interpolation); 0.25 published: +5 points."""
    comparison = compare(figure(0.25), 8, np.array([0.40, 0.20, 0.30, 0.25, 0.35]))
    assert (comparison.p10, comparison.median, comparison.p90) == pytest.approx((0.22, 0.30, 0.38), abs=1e-12)
    assert comparison.error_points == pytest.approx(5.0, abs=1e-9)
    assert comparison.is_within  # exactly 5 points still counts


def test_a_hit_is_within_five_points_either_way() -> None:
    low = Comparison(figure(0.30), 8, 0.0, 0.2499, 0.0)
    high = Comparison(figure(0.30), 8, 0.0, 0.3499, 0.0)
    assert low.error_points == pytest.approx(-5.01)
    assert not low.is_within
    assert high.is_within
    assert share_within([low, high, high]) == pytest.approx(2 / 3)
    assert share_within([]) is None


def test_a_figure_is_compared_at_the_end_of_its_quarter(sanctions: ScenarioSetup) -> None:
    """From 2022Q1, the state after turn 8 is the end of 2023Q4; the start year is compared at turn 0."""
    world = sanctions.world
    assert turn_of(world, "2023Q4") == 8
    assert turn_of(world, "2022Q1") == 1
    assert needed_turns(world, [figure(0.2, "2022Q4"), figure(0.2, "2024Q2")]) == 10
    assert needed_turns(world, [figure(0.2, "2024Q2")], until="2023Q4") == 0


def test_the_scenario_keeps_its_length_unless_a_figure_lies_beyond_it(sanctions: ScenarioSetup) -> None:
    """sanctions lasts 16 turns (to 2025Q4): a 2024 figure keeps that world, a 2026Q2 one lengthens it to 18."""
    assert hindcast_world(sanctions, [figure(0.2, "2024Q4")]) is sanctions.world
    assert hindcast_world(sanctions, [figure(0.2, "2026Q2")]).turns == 18


def test_the_shipped_observed_figures_load_with_a_source_each() -> None:
    figures = load_observed()
    assert len(figures) >= 30
    assert len({item.id for item in figures}) == len(figures)
    assert all(item.source.url for item in figures)
    assert all(item.note for item in figures if item.estimate)


def test_start_check_compares_the_start_year_with_the_baseline(sanctions: ScenarioSetup) -> None:
    result = hindcast(sanctions, load_observed(), runs=4, seed=1, until="2022Q4")
    by_id = {comparison.figure.id: comparison for comparison in result.start}
    assert by_id["UZ.trade.RU.2022"].median == pytest.approx(0.186, abs=1e-12)  # the baseline's own figure
    assert result.played == ()
    assert result.last_quarter is None
    share = share_within(result.start)
    assert share is not None and share >= START_TARGET


def test_the_model_stays_above_its_hindcast_threshold(sanctions: ScenarioSetup) -> None:
    result = hindcast(sanctions, load_observed(), runs=20, seed=1, until="2023Q4")
    assert result.last_quarter == "2023Q4"
    assert {comparison.turn for comparison in result.played} <= set(range(1, 9))
    share = share_within(result.played)
    assert share is not None and share >= HINDCAST_THRESHOLD, [
        (comparison.figure.id, round(comparison.error_points, 1)) for comparison in result.played
    ]


def test_command_writes_the_same_bytes_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for name in ("first", "second"):
        code = main(["hindcast", "sanctions", "--runs", "8", "--seed", "3", "--out", str(tmp_path / name)])
        assert code == 0
        outputs.append({path.name: path.read_bytes() for path in sorted((tmp_path / name).iterdir())})
    assert set(outputs[0]) == {".multivector-output", "hindcast.csv", "hindcast.json"}
    assert outputs[0] == outputs[1]
    summary = json.loads(outputs[0]["hindcast.json"])
    assert (summary["scenario"], summary["seed"], summary["runs"]) == ("sanctions", 3, 8)
    assert summary["start_quarter"] == "2022Q1"
    assert summary["last_quarter"] == max(item.quarter for item in load_observed())
    lines = outputs[0]["hindcast.csv"].decode().splitlines()
    assert lines[0].startswith("check,figure,country,power,channel,quarter,turn,real,p10,median,p90,error_points")
    assert len(lines) == 1 + len(summary["rows"])
    printed = capsys.readouterr().out
    assert "Start: 100% within ±5 points" in printed
    assert "Hindcast: " in printed and "within ±5 points" in printed


BAD_FIGURE = """title: "Broken"
figures:
- id: KZ.trade.RU.bad
  statement: "a figure with a misspelt channel"
  country: KZ
  power: RU
  channel: trades
  value: 0.2
  period: "2023"
  quarter: 2023Q4
  source: {publication: Test, title: Test, year: 2024}
"""


def test_a_bad_observed_file_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text(BAD_FIGURE, encoding="utf-8")
    code = main(["hindcast", "sanctions", "--runs", "2", "--observed", str(tmp_path)])
    assert code == 2
    captured = capsys.readouterr()
    assert f"{tmp_path / 'bad.yaml'}:7: figures[0].channel: 'trades' is not one of" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_a_figure_given_twice_is_refused_where_it_repeats(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BAD_FIGURE.replace("trades", "trade"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BAD_FIGURE.replace("trades", "trade"), encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_observed(tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{tmp_path / 'b.yaml'}:3: figures[0].id: figure 'KZ.trade.RU.bad' is already given in {tmp_path / 'a.yaml'}"
    ]


def test_an_estimate_must_say_how(tmp_path: Path) -> None:
    text = BAD_FIGURE.replace("trades", "trade").replace("  value: 0.2\n", "  value: 0.2\n  estimate: true\n")
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_observed(tmp_path)
    assert str(caught.value.problems[0]).startswith(f"{tmp_path / 'c.yaml'}:3: figures[0]: an estimate needs a 'note'")


def test_a_bad_until_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hindcast", "--runs", "2", "--until", "2023-12"]) == 2
    assert "--until '2023-12' is not a quarter like 2023Q4" in capsys.readouterr().err
    assert main(["hindcast", "--runs", "2", "--until", "1999Q1"]) == 2  # before the scenario starts
    error = capsys.readouterr().err
    assert "1999Q1" in error and "2022Q1" in error and "Traceback" not in error


def test_an_until_past_the_figures_says_where_the_hindcast_stops(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hindcast", "--runs", "2", "--until", "2030Q1"]) == 0
    latest = max((item.quarter for item in load_observed()), key=lambda quarter: (quarter[:4], quarter[-1]))
    assert f"the latest observed figure is of {latest}" in capsys.readouterr().out


def test_validate_checks_observed_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *map(str, sorted(OBSERVED_DIR.glob("*.yaml")))]) == 0
    folder = tmp_path / "observed"
    folder.mkdir()
    (folder / "bad.yaml").write_text(BAD_FIGURE, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(folder / "bad.yaml")]) == 2
    assert f"{folder / 'bad.yaml'}:7: figures[0].channel:" in capsys.readouterr().err
