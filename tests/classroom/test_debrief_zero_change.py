"""A score that moved less than the debrief's last decimal reads 0.0 in plain colour: "−0.0" in red told a
class that a team lost ground it did not lose."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)


def test_a_change_that_rounds_to_nothing_reads_zero_in_plain_colour(tmp_path: Path) -> None:
    game = tmp_path / "class"
    created = multivector("class", "new", "sandbox", "--teams", "KZ,RU", "--out", str(game), "--turns", "4")
    assert created.returncode == 0, created.stderr
    assert multivector("class", "turn", str(game), "--no-files").returncode == 0
    report = multivector("report", str(game), "--out", str(tmp_path / "debrief.html"), "--runs", "20")
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "debrief.html").read_text()
    row = re.search(r"<tr><td>Kazakhstan \(KZ\)<span class=tag>team</span>.*?</tr>", html)
    assert row is not None
    cells = re.findall(r"<td class='?num ?(\w*)'?>([^<]*)</td>", row.group(0))
    assert ("", "0.0") in cells, cells  # Kazakhstan's score moved by less than 0.05 in the first quarter
    assert "<td class=down>—</td>" not in row.group(0)  # no target, no result: the dash is not red
    assert not re.search(r"[-−+]0\.0+(?![\d])", html)
