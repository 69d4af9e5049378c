"""The batch's terminal table: every median is printed inside its own 10–90% band."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli.main import main

CELL = re.compile(r"(\d+\.\d) \[(\d+\.\d)–(\d+\.\d)\]")


def test_every_band_has_the_medians_decimals_and_holds_the_median(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", "sandbox", "--runs", "40", "--seed", "3", "--turns", "3", "--workers", "1",
                 "--out", str(tmp_path / "b")]) == 0
    cells = CELL.findall(capsys.readouterr().out)
    assert len(cells) == 5 * 4  # five countries: dependence on three powers and autonomy
    for median, p10, p90 in cells:
        assert float(p10) <= float(median) <= float(p90), (median, p10, p90)
