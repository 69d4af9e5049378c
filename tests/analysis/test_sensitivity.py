"""Sensitivity on our model: indices finite with intervals, and a lever that changes nothing scores zero."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import game
from game.analysis.sensitivity import ANALYSED, FLAT_SPREAD, point_count
from game.cli.main import main
from game.play.scenario import ScenarioSetup

from .conftest import TURNS, refused

RANGES = {"shock_scale": (0.0, 3.0), "placebo": (0.0, 2.0), "noise": (0.0, 0.01)}


@pytest.fixture(scope="module")
def placebo(placebo_path: Path) -> ScenarioSetup:
    return ScenarioSetup.open(placebo_path, turns=TURNS)


@pytest.mark.parametrize(("method", "samples", "index"), [("sobol", 8, "ST"), ("morris", 4, "mu_star")])
def test_a_lever_that_changes_nothing_has_index_zero(placebo: ScenarioSetup, method: str, samples: int,
                                                      index: str) -> None:
    result = game.sensitivity(placebo, RANGES, method, samples, seed=2, runs=3)  # type: ignore[arg-type]
    assert len(result.sweep.points) == point_count(3, method, samples)  # type: ignore[arg-type]
    table = result.indices
    assert set(table["measure"]) == {game.measure_table()["measure"][i] for i in ANALYSED}
    main_index = table[table["index"] == index]
    assert len(main_index) == len(ANALYSED) * 3
    spread = np.ptp(result.sweep.means(), axis=0)
    varies = {game.measure_table()["measure"][i] for i in ANALYSED if spread[i] >= FLAT_SPREAD}
    flat = main_index[~main_index["measure"].isin(varies)]
    assert flat["value"].isna().all() and flat["conf"].isna().all()  # blank, not ratios of rounding noise
    moving = main_index[main_index["measure"].isin(varies)]
    assert len(varies) >= len(ANALYSED) // 2
    nothing = moving[moving["lever"] == "placebo"]
    assert (nothing["value"] == 0).all() and (nothing["conf"] == 0).all()
    noise = moving[moving["lever"] == "noise"]
    assert np.isfinite(noise["value"]).all() and np.isfinite(noise["conf"]).all()
    assert (noise["value"] > 0).any() and (noise["conf"] > 0).any()
    assert result.main().shape == (len(ANALYSED), 3)


def test_cli_sensitivity_writes_the_table_and_the_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         placebo_path: Path) -> None:
    code = main(["sensitivity", str(placebo_path), "--levers", "placebo,noise=0:0.01", "--method", "sobol",
                 "--samples", "4", "--runs", "2", "--seed", "3", "--turns", str(TURNS), "--out", str(tmp_path / "o")])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Kazakhstan score" in printed and "0.00 ±0.00" in printed
    table = pd.read_csv(tmp_path / "o" / "sensitivity.csv")
    assert table.columns.tolist() == ["measure", "variable", "country", "power", "role", "label", "lever", "index",
                                      "value", "conf"]
    assert set(table["index"]) == {"S1", "ST"}
    assert len(table) == len(ANALYSED) * 2 * 2
    assert (table[table["lever"] == "placebo"]["value"].fillna(0) == 0).all()
    assert len(pd.read_csv(tmp_path / "o" / "sweep.csv")) == 4 * (2 + 2) * 28
    assert (tmp_path / "o" / "sensitivity.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--levers", "shock_scale,noise=0:0.01", "--samples", "6"],
         "--samples 6: Sobol needs a power of 2, e.g. 4 or 8"),
        (["--levers", "shock_scale"], "--levers: name at least two levers"),
        (["--levers", "shock_scale,noise"], "--levers noise: a rule constant has no declared range"),
        (["--levers", "shock_scale,shock_scale"], "--levers shock_scale: given more than once"),
        (["--levers", "shock_scale,noise=0.01:0"], "--levers noise=0.01:0: LOW must be below HIGH"),
        (["--levers", "shock_scale=0:9,noise=0:0.01"], "--levers shock_scale=9: must lie in [0, 3]"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(arguments: list[str], message: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    command = ["sensitivity", "sandbox", *arguments, "--runs", "2", "--seed", "1"]
    assert refused(command, tmp_path / "x", capsys).startswith(message)


def test_same_seed_same_indices(sandbox: ScenarioSetup) -> None:
    ranges = {"shock_scale": (0.0, 3.0), "noise": (0.0, 0.01)}
    first, again = (game.sensitivity(sandbox, ranges, "morris", 2, seed=4, runs=2) for _ in range(2))
    pd.testing.assert_frame_equal(first.indices, again.indices, check_exact=True)
    other = game.sensitivity(sandbox, ranges, "morris", 2, seed=5, runs=2)
    assert not np.array_equal(other.sweep.points, first.sweep.points)


def test_salib_warnings_become_one_plain_note_each_and_none_escapes(placebo: ScenarioSetup) -> None:
    import warnings

    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        result = game.sensitivity(placebo, RANGES, "sobol", 6, seed=2, runs=2)  # 6: not a power of 2
    assert result.notes[0].startswith("N (--samples) is not a power of 2: the Sobol sample is unbalanced")
    assert len(result.notes) == len(set(result.notes))
    assert not [warning for warning in escaped if "SALib" in warning.filename or "scipy" in warning.filename]
    clean = game.sensitivity(placebo, RANGES, "sobol", 4, seed=2, runs=2)
    assert not any(note.startswith("N (--samples)") for note in clean.notes)
