"""A class game of the tutorial shows Kazakhstan's target as the map game judges it: beat doing nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


def test_status_and_briefing_show_the_do_nothing_target(tmp_path: Path) -> None:
    folder = tmp_path / "game"
    assert multivector("class", "new", "tutorial", "--teams", "KZ", "--seed", "1", "--out", str(folder)).returncode == 0
    orders = tmp_path / "kz.yaml"
    orders.write_text("team: KZ\nturn: 2023Q1\norders:\n  - {action: sign_deal, target: WEST}\n")
    assert multivector("class", "turn", str(folder), str(orders)).returncode == 0
    status = multivector("class", "status", str(folder))
    assert status.returncode == 0
    assert "target of KZ: beat what Kazakhstan would score doing nothing: 51.38" in status.stdout
    rows = [line.split() for line in status.stdout.splitlines() if line.startswith(("KZ Kazakhstan", "RU Russia"))]
    assert rows[0][-1] == "51.38" and rows[1][-1] == "46.74"  # Russia keeps its par
    briefing = (folder / "turns" / "2023Q1" / "briefing-KZ.md").read_text()
    assert "To win by the end of 2023Q4: **beat what Kazakhstan would score doing nothing: 51.38**." in briefing
