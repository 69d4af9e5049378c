"""`class status` fits an 80-column terminal: its table keeps to the short columns and each role's last
orders get a whole line below it (in a table column they wrapped a word a line and were cut with "…")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False, env=environment
    )


def test_class_status_fits_80_columns(tmp_path: Path) -> None:
    game = tmp_path / "class"
    created = multivector("class", "new", "sandbox", "--teams", "KZ,RU", "--out", str(game), "--turns", "4")
    assert created.returncode == 0, created.stderr
    assert multivector("class", "turn", str(game), "--no-files").returncode == 0
    result = multivector("class", "status", str(game))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80, [line for line in lines if len(line.rstrip()) > 80]
    assert "…" not in result.stdout.split("last orders (2023Q1):")[1]  # no order title cut short
    row, orders = (line.split() for line in lines if line.startswith("KZ Kazakhstan"))
    assert row == ["KZ", "Kazakhstan", "team", "computer", "51.10", "0.0", "—"]  # no change: 0.0, not ±0.0
    assert orders[2:6] == ["Sign", "a", "trade", "deal"]  # the role's orders on a line of their own
